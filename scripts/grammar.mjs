// Generates syntaxes/phasewise.injection.tmLanguage.json: the status words, emoji (with their
// mojibake forms), task IDs and fix-block labels that the injection grammar highlights. The
// status words, emoji and code pages are the core's own (src/core/status.ts, mojibake.ts),
// bundled here with esbuild, so the editor colours what the parser reads; run
// `node scripts/grammar.mjs` after changing them. A unit test checks the JSON is up to date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const bundled = await esbuild.build({
  stdin: {
    contents: "export { STATUS_VOCABULARY } from './src/core/status'; export { MAC_ROMAN_HIGH, WINDOWS_1252_HIGH } from './src/core/mojibake';",
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'warning',
});
/** @type {{ STATUS_VOCABULARY: Record<string, { words: string, emoji: string[] }>, MAC_ROMAN_HIGH: number[], WINDOWS_1252_HIGH: number[] }} */
const core = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);
const MAC = core.MAC_ROMAN_HIGH;
const WIN = core.WINDOWS_1252_HIGH;
const damage = (s, table) => [...Buffer.from(s, 'utf8')].map((b) => String.fromCodePoint(b < 0x80 ? b : table[b - 0x80])).join('');
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&').replace(/[\u0080-\u009f\uf8ff]/g, (c) => `\\x{${c.charCodeAt(0).toString(16).toUpperCase()}}`);
// One alternative per emoji: the character, its Mac Roman and its Windows-1252 damage; each with an
// optional variation selector (clean or damaged the same way).
function emojiAlt(chars) {
  const alts = [];
  for (const c of chars) {
    alts.push(`${c}\\x{FE0F}?`);
    for (const t of [MAC, WIN]) alts.push(`${esc(damage(c, t))}(?:${esc(damage('\uFE0F', t))})?`);
  }
  return `(?-i:${alts.join('|')})`;
}
/** How each status is coloured: a standard scope that themes colour, and the Phasewise one. */
const STANDARD_SCOPE = {
  completed: 'markup.inserted',
  'in-progress': 'markup.changed',
  pending: 'comment',
  failed: 'markup.deleted',
  blocked: 'invalid.illegal',
};
const FAMILIES = Object.entries(core.STATUS_VOCABULARY).map(([key, v]) => ({ key, std: STANDARD_SCOPE[key], words: v.words, emoji: v.emoji }));
const WARNING = { key: 'warning', std: 'invalid.deprecated', words: '', emoji: ['⚠'] };
const scope = (f) => `${f.std} markup.phasewise.status.${f.key}`;
const captures = (fams) => Object.fromEntries(fams.map((f, i) => [String(i + 1), { name: scope(f) }]));
const END = '(?![\\w-])';
const BOLD = '(?:\\*\\*|__)';
const ANY_EMOJI = [...FAMILIES, WARNING].map((f) => emojiAlt(f.emoji)).join('|');
// Heading line, checked after the fact (lookbehind at the end of a pattern) so the unbounded part runs
// only on lines that already matched everything else.
const IS_HEADING = '(?<=^[ \\t>]*#{1,6}[ \\t].*)';

// Case-insensitive word lists that start with a plain character class: `[Dd](?i:one)`. A pattern
// that starts case-insensitively is searched much more slowly by Oniguruma.
function splitTop(alts) {
  const out = [];
  let depth = 0,
    cur = '';
  for (let i = 0; i < alts.length; i++) {
    const c = alts[i];
    if (c === '\\') {
      cur += c + alts[++i];
      continue;
    }
    if (c === '(' || c === '[') depth++;
    if (c === ')' || c === ']') depth--;
    if (c === '|' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}
const ci = (alts) =>
  splitTop(alts)
    .map((w) => `[${w[0].toUpperCase()}${w[0]}](?i:${w.slice(1)})`)
    .join('|');
const wordsAlt = (fn) => FAMILIES.map((f) => `(${fn(f)})`).join('|');
const ALL_WORDS = FAMILIES.map((f) => f.words).join('|');
const ALL_UPPER = FAMILIES.map((f) => f.words.toUpperCase()).join('|');
const LABELS = 'gold[ \\t]nuggets?|root[ \\t]causes?|problem|solution|lessons?(?:[ \\t]learned)?';
const ID = '[A-Z][A-Z0-9]{0,15}(?:-[A-Z0-9]{1,15}){0,4}-[0-9]{1,6}|T[0-9]{3}';
// Every pattern starts with the word, ID or emoji it colours, so the regex engine only stops at
// likely places; the context (what comes before) is checked by a lookbehind at the end, which
// repeats the word so that it ends exactly where the match ends.

const BOLD_WORD = (f) => `markup.bold.markdown ${scope(f)}`;
const BOLD_MARK = 'markup.bold.markdown punctuation.definition.bold.markdown';

// status-emoji: per family, the emoji and optionally the status word right after it (plain or bold).
const emojiCaptures = {};
let n = 0;
const emojiAlts = [];
for (const f of [...FAMILIES, WARNING]) {
  emojiCaptures[++n] = { name: scope(f) };
  if (!f.words) {
    emojiAlts.push(`(${emojiAlt(f.emoji)})`);
    continue;
  }
  const open = ++n,
    word = ++n,
    close = ++n,
    plain = ++n;
  emojiCaptures[open] = { name: BOLD_MARK };
  emojiCaptures[word] = { name: BOLD_WORD(f) };
  emojiCaptures[close] = { name: BOLD_MARK };
  emojiCaptures[plain] = { name: scope(f) };
  emojiAlts.push(`(${emojiAlt(f.emoji)})(?:[ \\t]{1,3}(?:(\\*\\*|__)(${ci(f.words)})(\\*\\*|__)|(${ci(f.words)}))${END})?`);
}

// status-word: the word first, then one of the contexts that make it a status.
const sameFamilyEmojiAfter = FAMILIES.reduceRight((rest, f, i) => `(?(${i + 1})(?=${BOLD}?[ \\t]{0,3}(?:${emojiAlt(f.emoji)}))|${rest})`, '(?!)');
const statusWord = [
  `\\b(?:${wordsAlt((f) => ci(f.words))})${END}`,
  '(?:',
  // **Status:** Done / **Status**: Done / Status: Done / **Phase Status**: **DONE**
  `(?<=\\b(?i:status)(?::\\*\\*|\\*\\*:|:__|__:|:)[ \\t]{0,4}${BOLD}?(?i:${ALL_WORDS}))`,
  // | Done |
  `|(?=${BOLD}?[ \\t]*(?:\\||$))(?<=\\|[ \\t]{0,40}${BOLD}?(?i:${ALL_WORDS}))`,
  // ## Title — Done / ## Title (Done) / ## Title DONE
  `|(?=${BOLD}?\\)?[ \\t]*(?:[ \\t]#+[ \\t]*)?$)(?:(?<=\\S(?:[ \\t]{1,3}[—–-]{1,2}[ \\t]{1,3}|[ \\t]{0,3}\\()${BOLD}?(?i:${ALL_WORDS}))|(?<=\\S[ \\t]{1,3}(?:${ALL_UPPER})))${IS_HEADING}`,
  // Done ✅ (an emoji of the same status right after)
  `|${sameFamilyEmojiAfter}`,
  ')',
].join('');

const g = {
  name: 'Phasewise statuses in Markdown',
  scopeName: 'markdown.phasewise.injection',
  injectionSelector: 'L:text.html.markdown -markup.fenced_code -markup.inline.raw -markup.raw -meta.embedded -comment',
  patterns: [{ include: '#status-emoji' }, { include: '#status-word' }, { include: '#task-id' }, { include: '#fix-block-label' }],
  repository: {
    'status-emoji': {
      comment:
        'Status emoji anywhere, also in their mojibake forms (UTF-8 read as Mac Roman or Windows-1252), with a status word of the same family right after them: ✅ Completed, 🔄 In Progress, ✅ **DONE**.',
      match: emojiAlts.join('|'),
      captures: emojiCaptures,
    },
    'status-word': {
      comment:
        'A status word where it is a status: the value of a Status field (**Status:** Done, **Status**: COMPLETE, Status: In Progress), a table cell holding only the word (| Completed |), the end of a heading after a dash or in parentheses (## Phase 3: Title — In Progress) or in capitals (### Phase 2 DONE), or before an emoji of the same status (Completed ✅). The word comes first so that the engine only checks the context at candidate words; each lookbehind repeats the word list so it ends where the match ends. The same word lists appear in status-emoji and must be kept in step.',
      match: statusWord,
      captures: captures(FAMILIES),
    },
    'task-id': {
      comment: 'A task, phase or workstream ID (SEC-002, PH-NEXT-001, WS-3, T012) opening a list item, a heading or a table row.',
      match: `\\b(?:${ID})(?![\\w-])(?<=(?:^[ \\t>]{0,16}(?:[-*+]|\\d{1,9}[.)])[ \\t]{1,4}(?:\\[[^\\]]\\][ \\t]{1,4})?(?:(?:${ANY_EMOJI})[ \\t]{0,3})?${BOLD}?|^[ \\t>]{0,16}#{1,6}[ \\t]{1,4}(?:(?:${ANY_EMOJI})[ \\t]{0,3})?${BOLD}?(?:(?i:phase|task|workstream|step|story|epic)[ \\t]{1,3})?|^[ \\t]{0,3}\\|[ \\t]{0,4}${BOLD}?)(?:${ID}))`,
      name: 'entity.name.tag constant.other.phasewise.task-id',
    },
    'fix-block-label': {
      comment: 'Labels of fix blocks and lessons as bold labels or headings: **Root Cause:**, **💡 Gold Nugget:**, ### Solution.',
      match: `\\b(?:(?:${ci(LABELS)})(?=[ \\t]{0,2}(?::|${BOLD}))(?<=${BOLD}(?:💡[ \\t]{0,2})?(?i:${LABELS}))|(?:${ci(LABELS)})(?=[ \\t]*(?::|$))(?<=^[ \\t>]{0,16}#{1,6}[ \\t]{1,4}(?:💡[ \\t]{0,2})?(?i:${LABELS})))`,
      name: 'keyword.other.phasewise.label',
    },
  },
};
writeFileSync(process.argv[2] ?? new URL('../syntaxes/phasewise.injection.tmLanguage.json', import.meta.url), JSON.stringify(g, null, '\t') + '\n');
