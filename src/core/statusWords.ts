/**
 * The status words: the vocabulary the parser reads and the highlighting grammar is built from
 * (scripts/grammar.mjs), and `matchWord`, which finds one at a place in a text. status.ts reads
 * and writes statuses with them.
 */
import type { KnownStatus } from './model';
import { lazy } from './lazy';

/**
 * The status vocabulary: for each status, its words (a regular-expression alternation,
 * matched case-insensitively as whole words) and the emoji that carry it (without variation
 * selector). The parser reads these, and scripts/grammar.mjs builds the highlighting grammar
 * from them, so the editor colours exactly what Phasewise reads.
 */
export const STATUS_VOCABULARY: Readonly<Record<KnownStatus, { readonly words: string; readonly emoji: readonly string[] }>> = {
  completed: { words: 'completed?|done|finished|fixed|resolved', emoji: ['✅', '✔', '☑'] },
  'in-progress': { words: 'in[ _-]?progress|started|wip|ongoing|in[ _-]?flight|working', emoji: ['🔄', '🚧'] },
  // Empty boxes written as emoji (🔲 ⬜ ☐) are not started.
  pending: {
    words: 'pending|not[ _-]?(?:yet[ _-]?)?(?:started|begun|implemented)|to[ _-]?do|todo|planned|queued|open|awaiting',
    emoji: ['⏸', '⏳', '🔲', '⬜', '☐'],
  },
  failed: { words: 'failed|failing|failure|fail', emoji: ['❌'] },
  blocked: { words: 'blocked|on[ _-]?hold', emoji: ['⛔', '🚫'] },
};

export const STATUS_ORDER = Object.keys(STATUS_VOCABULARY) as KnownStatus[];

/**
 * The status words as one pattern, a group per status in STATUS_ORDER (the vocabulary's
 * alternations use non-capturing groups only), each a whole word. Two compilations: ASCII
 * case folding, cheap to compile and enough for nearly every text; and the Unicode one, which
 * decides where the two could differ (see `matchWord`).
 */
const wordsPattern = (notAfter: string): string => `^(?:${STATUS_ORDER.map((st) => `(${STATUS_VOCABULARY[st].words})`).join('|')})(?!${notAfter})`;
const WORDS_ASCII = new RegExp(wordsPattern('[A-Za-z0-9_]'), 'i');
const wordsUnicode = lazy(() => new RegExp(wordsPattern('[\\p{L}\\p{N}_]'), 'iu'));
/** `ſ` and the Kelvin sign fold to ASCII letters under Unicode case folding only. */
const FOLDS_TO_ASCII = /[\u017f\u212a]/;

/** The status word at `i` (a whole word, any case), or undefined. */
export function matchWord(text: string, i: number): { end: number; status: KnownStatus } | undefined {
  const rest = text.slice(i, i + 40);
  // `[OK]` is a completed marker of its own (never a word inside text), and case-sensitive.
  if (rest.startsWith('[OK]')) return { end: i + 4, status: 'completed' };
  let m = FOLDS_TO_ASCII.test(rest) ? null : WORDS_ASCII.exec(rest);
  // The Unicode pattern decides where the ASCII one cannot: a character that folds to ASCII, or
  // a character outside ASCII right after the word (a letter there makes it no whole word).
  // Elsewhere they agree, and where the ASCII one finds nothing, so does the Unicode one.
  if (m ? rest.charCodeAt(m[0].length) >= 128 : FOLDS_TO_ASCII.test(rest)) m = wordsUnicode().exec(rest);
  if (!m) return undefined;
  let g = 1;
  while (m[g] === undefined) g++;
  return { end: i + m[0].length, status: STATUS_ORDER[g - 1] };
}
