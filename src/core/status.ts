/**
 * One status vocabulary inside, the file's own vocabulary outside.
 *
 * `parseStatusText` reads a status as people and agents write it (`Completed ✅`, `COMPLETE`,
 * `In Progress üîÑ`, `⏳ Ready to start`) and finds the part that is the status itself.
 * `formatStatus` writes a status back the way the replaced text was written.
 */
import type { KnownStatus, Status } from './model';
import { BOX, BOX_STATUS, boxFor, countAt, isBox } from './statusMarks';
import { CANDIDATE_RANGES, CANDIDATE_SPANS, findMojibake } from './mojibake';
import { lazy } from './lazy';
import { STATUS_ORDER, STATUS_VOCABULARY, matchWord } from './statusWords';

export { STATUS_VOCABULARY } from './statusWords';

export const STATUS_EMOJI: Record<KnownStatus, string> = {
  pending: '⏸️',
  'in-progress': '🔄',
  completed: '✅',
  failed: '❌',
  blocked: '⛔',
};

/** Emoji (without variation selector) that carry a status. */
const EMOJI_STATUS = new Map<string, KnownStatus>(STATUS_ORDER.flatMap((st) => STATUS_VOCABULARY[st].emoji.map((e): [string, KnownStatus] => [e, st])));

/**
 * Where a status emoji can start: one of the emoji, or the first character of its damaged form
 * (mojibake). A text with none of these holds no status emoji (`findStatusEmoji` finds nothing).
 */
export const STATUS_EMOJI_START = ((): RegExp => {
  // One character class (the lead characters and the emoji in the BMP), then each astral emoji
  // by its surrogate pair: a class is what the search engine scans fastest.
  const keys = [...EMOJI_STATUS.keys()];
  const bmp = keys.filter((k) => k.length === 1).join('');
  const astral = keys.filter((k) => k.length === 2);
  return new RegExp(`[${CANDIDATE_RANGES}${bmp}]${astral.map((k) => `|${k}`).join('')}`, 'g');
})();

/** The first two bytes of a code point's UTF-8 form, as Latin-1 characters (one per byte). */
function utf8Start(cp: number): string {
  const b = (n: number): string => String.fromCharCode(n);
  if (cp < 0x80) return b(cp);
  if (cp < 0x800) return b(0xc0 | (cp >> 6)) + b(0x80 | (cp & 0x3f));
  if (cp < 0x10000) return b(0xe0 | (cp >> 12)) + b(0x80 | ((cp >> 6) & 0x3f));
  return b(0xf0 | (cp >> 18)) + b(0x80 | ((cp >> 12) & 0x3f));
}

/**
 * STATUS_EMOJI_START for UTF-8 bytes seen as Latin-1 (one character per byte): each start
 * character by the first two bytes of its UTF-8 form, a superset (`\u00f0\u009f` starts every
 * emoji of its plane). Made on first use: only the look at a file's bytes needs it.
 */
export const STATUS_EMOJI_START_BYTES = lazy((): RegExp => {
  const seconds = new Map<string, Set<string>>();
  const add = (cp: number): void => {
    const s = utf8Start(cp);
    let set = seconds.get(s[0]);
    if (!set) seconds.set(s[0], (set = new Set()));
    set.add(s.slice(1));
  };
  for (const [a, b] of CANDIDATE_SPANS) for (let c = a; c <= b; c++) add(c);
  for (const k of EMOJI_STATUS.keys()) add(k.codePointAt(0)!);
  const u = (ch: string): string => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
  const alternatives = [...seconds].map(([lead, rest]) => `${u(lead)}[${[...rest].map(u).join('')}]`);
  return new RegExp(alternatives.join('|'), 'g');
});

/** GitHub emoji shortcodes that carry a status (`:white_check_mark: Done`). */
const SHORTCODE_STATUS = new Map<string, KnownStatus>([
  ['white_check_mark', 'completed'],
  ['heavy_check_mark', 'completed'],
  ['ballot_box_with_check', 'completed'],
  ['arrows_counterclockwise', 'in-progress'],
  ['construction', 'in-progress'],
  ['hourglass', 'pending'],
  ['hourglass_flowing_sand', 'pending'],
  ['x', 'failed'],
  ['no_entry', 'blocked'],
]);

/** Emoji that decorate a status without meaning one (traffic lights and the like). */
const DECORATION = /^(?:🟢|🟡|🟠|🔴|🔵|⚪|⚫|🟣|🟤|⭐|🔥|⚠️?|🎯)/u;

export interface ParsedStatus {
  status: Status;
  /** Offsets of the status phrase within the parsed text. */
  phraseStart: number;
  phraseEnd: number;
  /** The word part as written (`COMPLETE`), empty when the phrase is emoji only. */
  word: string;
  /** The canonical status emoji in the phrase, if any, and where it stands. */
  emoji?: string;
  emojiPosition?: 'before' | 'after';
  /** A decoration before the words (`🟡`, `:green_circle:`), part of the phrase. */
  decoration?: string;
}

interface EmojiToken {
  start: number;
  end: number;
  /** The intended character(s), repaired when the source was mojibake. */
  value: string;
  status?: KnownStatus;
}

const VS16 = '\uFE0F';
/** A character outside ASCII (a status emoji is one, and so is each of its damaged forms). */
export const NON_ASCII = /[\u0080-\uffff]/;
/** Characters that mojibake of emoji is made of (Windows-1252 and Mac Roman decodings). */
const MOJIBAKE_CHARS = /[\u0080-\u00ff\u0152-\u02dc\u2013-\u2122\u2202-\u25ca\uf8ff\ufb01\ufb02]/;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

/** Reads one emoji (real or mojibake) at `i`, or returns undefined. */
function emojiAt(text: string, i: number, damaged: Array<{ start: number; end: number; replacement: string }>): EmojiToken | undefined {
  for (const d of damaged) {
    if (d.start === i) {
      const value = d.replacement;
      const base = value.replace(VS16, '');
      const status = EMOJI_STATUS.get(base);
      if (status || PICTOGRAPHIC.test(value)) return { start: d.start, end: d.end, value, status };
      return undefined;
    }
  }
  const cp = text.codePointAt(i);
  if (cp === undefined || cp < 0x2000) return undefined;
  const ch = String.fromCodePoint(cp);
  if (!PICTOGRAPHIC.test(ch) && !EMOJI_STATUS.has(ch)) return undefined;
  let end = i + ch.length;
  if (text[end] === VS16) end++;
  return { start: i, end, value: text.slice(i, end), status: EMOJI_STATUS.get(ch) };
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** Parses a status value such as `Completed ✅ (2025-01-03)`. */
export function parseStatusText(text: string): ParsedStatus {
  const damaged = MOJIBAKE_CHARS.test(text) ? findMojibake(text) : [];
  let i = skipSpaces(text, 0);
  // Leading wrappers: **COMPLETE**, `done`, _pending_
  const wrapper = /^(\*\*|__|\*|_|`)/.exec(text.slice(i));
  // A shortcode (`:green_circle:`) decorates like an emoji, or carries a status itself.
  const sc = /^:([a-z0-9_+-]+):/.exec(text.slice(i, i + 40));
  let decoStart = -1;
  let decoration: string | undefined;
  if (sc) {
    const st = SHORTCODE_STATUS.get(sc[1]);
    if (st) {
      const end = i + sc[0].length;
      const after = skipSpaces(text, end);
      const w = matchWord(text, after);
      const wordEnd = w && w.status === st ? w.end : end;
      return { status: st, phraseStart: i, phraseEnd: wordEnd, word: w && w.status === st ? text.slice(after, w.end) : '' };
    }
    decoStart = i;
    decoration = sc[0];
    i = skipSpaces(text, i + sc[0].length);
  }
  // A box before the words (`**Status**: [x] Complete`): it decorates like an emoji, and it
  // decides the status where no status word follows (`[x] Executed 2026-05-04`, `[x]`).
  const box = !sc && !wrapper ? BOX.exec(text.slice(i, i + 4)) : null;
  if (box) {
    const end = i + 3;
    const after = skipSpaces(text, end);
    if (!matchWord(text, after) && !emojiAt(text, after, damaged)?.status && !percentAt(text, after)) {
      return { status: BOX_STATUS[box[1]] ?? 'pending', phraseStart: i, phraseEnd: end, word: '', decoration: box[0] };
    }
    decoStart = i;
    decoration = box[0];
    i = after;
  }
  let lead: EmojiToken | undefined = emojiAt(text, i, damaged);
  if (lead && !lead.status) {
    // A decoration such as 🟡 before the words: skip it, the words decide.
    if (DECORATION.test(lead.value)) {
      decoStart = lead.start;
      decoration = lead.value;
      i = skipSpaces(text, lead.end);
      lead = emojiAt(text, i, damaged);
    } else {
      lead = undefined;
    }
  }
  if (lead?.status) {
    let end = lead.end;
    const after = skipSpaces(text, end);
    const w = matchWord(text, after);
    if (w && w.status === lead.status) end = w.end;
    else if (w) {
      // `❌ Not Started`: the emoji means what its word says (files define their own emoji).
      return {
        status: w.status,
        phraseStart: decoration && isBox(decoration) ? decoStart : lead.start,
        phraseEnd: w.end,
        word: text.slice(after, w.end),
        emoji: STATUS_EMOJI[w.status],
        emojiPosition: 'before',
        ...(decoration && isBox(decoration) ? { decoration } : {}),
      };
    }
    return {
      status: lead.status,
      phraseStart: decoration && isBox(decoration) ? decoStart : lead.start,
      phraseEnd: end,
      word: w && w.status === lead.status ? text.slice(after, w.end) : '',
      emoji: STATUS_EMOJI[lead.status],
      emojiPosition: 'before',
      ...(decoration && isBox(decoration) ? { decoration } : {}),
    };
  }
  let wordStart = i;
  let wrap = '';
  if (wrapper) {
    wrap = wrapper[1];
    wordStart = i + wrap.length;
  }
  const count = countAt(text, wordStart);
  if (count) return count;
  const pct = percentAt(text, wordStart);
  if (pct) return decoration ? { ...pct, phraseStart: decoStart, decoration } : pct;
  const w = matchWord(text, wordStart);
  if (w) {
    let phraseStart = wordStart; // a wrapper (**COMPLETE**) stays outside the phrase
    let phraseEnd = w.end;
    const afterWord = wrap && text.startsWith(wrap, w.end) ? w.end + wrap.length : w.end;
    const j = skipSpaces(text, afterWord);
    const trail = emojiAt(text, j, damaged);
    let emoji: string | undefined;
    if (trail?.status === w.status) {
      if (!wrap || afterWord !== w.end) phraseEnd = trail.end;
      emoji = STATUS_EMOJI[w.status];
      if (wrap && afterWord !== w.end) {
        // `**Done** ✅`: the phrase spans the wrapper; keep it simple and replace only the word.
        phraseEnd = w.end;
        emoji = undefined;
      }
    }
    if (phraseStart > phraseEnd) phraseStart = phraseEnd;
    if (decoration && !wrap) phraseStart = decoStart;
    return {
      status: w.status,
      phraseStart,
      phraseEnd,
      word: text.slice(wordStart, w.end),
      emoji,
      emojiPosition: emoji ? 'after' : undefined,
      ...(decoration && !wrap ? { decoration } : {}),
    };
  }
  const end = trimEnd(text);
  const start = Math.min(skipSpaces(text, 0), end);
  return { status: 'unknown', phraseStart: start, phraseEnd: end, word: text.slice(start, end) };
}

/**
 * `33%`, `33% Complete`, `100% done`: a share done. None is pending, all is completed, anything
 * between is in progress. The phrase is the percentage and the word after it.
 */
function percentAt(text: string, i: number): ParsedStatus | undefined {
  const m = /^(\d{1,3})(?:\.\d+)?\s?%/.exec(text.slice(i, i + 8));
  if (!m) return undefined;
  const n = Number(m[1]);
  const after = skipSpaces(text, i + m[0].length);
  const w = matchWord(text, after);
  const status: KnownStatus = n >= 100 ? 'completed' : n <= 0 ? 'pending' : 'in-progress';
  if (w && w.status !== 'completed') return undefined; // `40% blocked`: the word decides, elsewhere
  return { status, phraseStart: i, phraseEnd: w ? w.end : i + m[0].length, word: w ? text.slice(after, w.end) : '' };
}

function trimEnd(text: string): number {
  let e = text.length;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return e;
}

/** Finds status emoji (real or mojibake) in a line: step markers, heading statuses, a phrase's emoji. */
export function findStatusEmoji(text: string): Array<{ start: number; end: number; status: KnownStatus }> {
  // Most lines are ASCII: no emoji to find, and no damaged ones.
  if (!NON_ASCII.test(text)) return [];
  const damaged = MOJIBAKE_CHARS.test(text) ? findMojibake(text) : [];
  const out: Array<{ start: number; end: number; status: KnownStatus }> = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    const t = emojiAt(text, i, damaged);
    if (t) {
      if (t.status) out.push({ start: t.start, end: t.end, status: t.status });
      i = t.end - 1;
    }
  }
  return out;
}

// ---- writing ----

type CaseStyle = 'upper-snake' | 'upper' | 'lower' | 'title' | 'sentence';

function caseStyle(word: string): CaseStyle {
  if (/_/.test(word) && word === word.toUpperCase()) return 'upper-snake';
  if (word === word.toUpperCase() && /[A-Z]/.test(word)) return 'upper';
  if (word === word.toLowerCase()) return 'lower';
  const parts = word.split(/[ -]+/).filter(Boolean);
  if (parts.length > 1 && parts.slice(1).every((p) => /^[a-z]/.test(p))) return 'sentence';
  return 'title';
}

const FAMILIES: Array<Record<KnownStatus, string>> = [
  { pending: 'Pending', 'in-progress': 'In Progress', completed: 'Completed', failed: 'Failed', blocked: 'Blocked' },
  { pending: 'NOT_STARTED', 'in-progress': 'IN_PROGRESS', completed: 'COMPLETE', failed: 'FAILED', blocked: 'BLOCKED' },
  { pending: 'To Do', 'in-progress': 'In Progress', completed: 'Done', failed: 'Failed', blocked: 'Blocked' },
  { pending: 'Pending', 'in-progress': 'In Progress', completed: 'Complete', failed: 'Failed', blocked: 'Blocked' },
];

function applyCase(word: string, style: CaseStyle): string {
  switch (style) {
    case 'upper-snake':
      return word.toUpperCase().replace(/[ -]+/g, '_');
    case 'upper':
      return word.toUpperCase();
    case 'lower':
      return word.toLowerCase().replace(/_/g, ' ');
    case 'sentence': {
      const w = word.toLowerCase().replace(/_/g, ' ');
      return w.charAt(0).toUpperCase() + w.slice(1);
    }
    case 'title':
      return word
        .toLowerCase()
        .replace(/_/g, ' ')
        .replace(/(^|[ -])([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase());
  }
}

/** The words and emoji a document already uses for each status, learned from its marks. */
export class Vocabulary {
  private readonly words = new Map<KnownStatus, Map<string, number>>();
  private readonly emoji = new Map<KnownStatus, Map<string, number>>();
  private checkbox: { progress?: string; done?: string; blocked?: boolean } = {};
  private readonly decorations = new Map<KnownStatus, Map<string, number>>();

  addText(text: string): void {
    const p = parseStatusText(text);
    if (p.status === 'unknown') return;
    if (p.decoration) bump(this.decorations, p.status, p.decoration);
    if (p.word) bump(this.words, p.status, p.word);
    const phrase = text.slice(p.phraseStart, p.phraseEnd);
    const tokens = findStatusEmoji(phrase);
    for (const t of tokens) {
      const raw = phrase.slice(t.start, t.end);
      const damaged = findMojibake(raw);
      const value = damaged.length ? damaged.map((d) => d.replacement).join('') : raw;
      bump(this.emoji, p.status, value);
    }
  }

  addEmoji(status: KnownStatus, value: string): void {
    bump(this.emoji, status, value);
  }

  addCheckbox(ch: string): void {
    if (ch === '-' || ch === '/') this.checkbox.progress ??= ch;
    if (ch === 'x' || ch === 'X') this.checkbox.done ??= ch;
    if (ch === '~') this.checkbox.blocked = true;
  }

  /** True when the document marks a task in progress with a box (`[-]`, `[/]`). */
  hasProgressBox(): boolean {
    return this.checkbox.progress !== undefined;
  }

  /**
   * The statuses a box can say in this document: open and done always; in progress and
   * blocked only where the document already marks a box that way (`[-]` or `[/]`, `[~]`).
   */
  boxStatuses(): KnownStatus[] {
    const out: KnownStatus[] = ['pending', 'completed'];
    if (this.checkbox.progress !== undefined) out.push('in-progress');
    if (this.checkbox.blocked) out.push('blocked');
    return out;
  }

  checkboxChar(status: KnownStatus): string {
    switch (status) {
      case 'completed':
        return this.checkbox.done ?? 'x';
      case 'in-progress':
        return this.checkbox.progress ?? '-';
      case 'blocked':
        return '~';
      default:
        return ' ';
    }
  }

  wordFor(status: KnownStatus): string | undefined {
    return top(this.words.get(status));
  }

  /** The decoration the document puts before this status (`:green_circle:` before Done). */
  decorationFor(status: KnownStatus): string | undefined {
    return top(this.decorations.get(status));
  }

  /** True when the document writes this status with an emoji somewhere. */
  hasEmoji(status: KnownStatus): boolean {
    return this.emoji.has(status);
  }

  emojiFor(status: KnownStatus): string {
    return top(this.emoji.get(status)) ?? STATUS_EMOJI[status];
  }

  /** Guesses the family (Completed/COMPLETE/Done) from the words seen so far. */
  family(): Record<KnownStatus, string> {
    let best = FAMILIES[0];
    let bestScore = 0;
    for (const f of FAMILIES) {
      let score = 0;
      for (const [status, counts] of this.words) {
        for (const [w, n] of counts) if (w.toLowerCase().replace(/[ _-]/g, '') === f[status].toLowerCase().replace(/[ _-]/g, '')) score += n;
      }
      if (score > bestScore) {
        best = f;
        bestScore = score;
      }
    }
    return best;
  }
}

function bump(map: Map<KnownStatus, Map<string, number>>, status: KnownStatus, value: string): void {
  let m = map.get(status);
  if (!m) map.set(status, (m = new Map()));
  m.set(value, (m.get(value) ?? 0) + 1);
}

function top(m: Map<string, number> | undefined): string | undefined {
  if (!m) return undefined;
  let best: string | undefined;
  let n = 0;
  for (const [k, v] of m) if (v > n) [best, n] = [k, v];
  return best;
}

/** Traffic lights: the colour for a status in the same notation as `like` (emoji or shortcode). */
const LIGHTS: Record<KnownStatus, [string, string]> = {
  completed: ['🟢', ':green_circle:'],
  'in-progress': ['🟡', ':yellow_circle:'],
  pending: ['⚪', ':white_circle:'],
  failed: ['🔴', ':red_circle:'],
  blocked: ['🔴', ':red_circle:'],
};

function lightFor(like: string, status: KnownStatus): string {
  const known = Object.values(LIGHTS).some(([e, c]) => e === like || c === like);
  if (!known) return like;
  return LIGHTS[status][like.startsWith(':') ? 1 : 0];
}

/**
 * Writes `status` in place of `replaced` (a status phrase as written), keeping its shape:
 * emoji only stays emoji only, `COMPLETE` style stays upper snake case, a trailing emoji
 * stays trailing. Words come from the document's vocabulary where it has one.
 */
export function formatStatus(status: KnownStatus, replaced: string, vocab: Vocabulary): string {
  const p = parseStatusText(replaced);
  if (p.decoration && isBox(p.decoration)) {
    // `[x] Complete`: the box follows the status, and the rest is written as it would be alone.
    const rest = replaced.slice(replaced.indexOf(p.decoration) + p.decoration.length).trimStart();
    const box = boxFor(p.decoration, status);
    return rest ? `${box} ${formatStatus(status, rest, vocab)}` : box;
  }
  const hasWord = p.status === 'unknown' ? replaced.trim().length > 0 : p.word.length > 0;
  const emojiPos = p.emoji ? p.emojiPosition : undefined;
  if (!hasWord && emojiPos) {
    // `⬜` where the document writes done as `[OK]`: its own word, not an emoji it never uses.
    const own = vocab.wordFor(status);
    return !vocab.hasEmoji(status) && own ? own : vocab.emojiFor(status);
  }
  let word: string;
  const style = hasWord && p.status !== 'unknown' ? caseStyle(p.word) : undefined;
  const known = vocab.wordFor(status);
  // One capitalised word (`Complete`) is as much sentence case as title case: `Not started`, as
  // the document writes it, fits in its place.
  const oneWord = style === 'title' && !/[ _-]/.test(p.word.trim());
  if (known && (!style || caseStyle(known) === style || (oneWord && caseStyle(known) === 'sentence'))) word = known;
  else {
    const family = style === 'upper-snake' ? FAMILIES[1] : vocab.family();
    word = family[status];
    if (style) word = applyCase(word, style);
  }
  if (p.decoration) return `${vocab.decorationFor(status) ?? lightFor(p.decoration, status)} ${word}`;
  if (emojiPos === 'before') return `${vocab.emojiFor(status)} ${word}`;
  if (emojiPos === 'after') return `${word} ${vocab.emojiFor(status)}`;
  return word;
}
