/**
 * The top-level fenced code blocks of a Markdown text, told from its lines alone, for the
 * quick look of discovery (`discover.ts`): a checkbox inside a fence (a README showing
 * `* [ ] to do` as an example) is no task, and its file need not be parsed.
 *
 * Only what is certain is reported. A fence whose line starts in column 0 is at the top level
 * (no list item, block quote or indented code block continues over such a line, and a fence
 * is never a lazy continuation). What could change that reading makes the answer "cannot
 * tell" (undefined), and then every checkbox counts:
 * - a fence-like line indented by one to three spaces (at the top level it may close a fence;
 *   in a list item it may open one that the item's end closes);
 * - a line that may start an HTML block (`<` after at most three spaces), where a fence is
 *   text, except a comment, whose end is found;
 * - front matter, and the characters U+2028 and U+2029, which end a line for a regular
 *   expression's `^` and `$` but not for Markdown.
 *
 * Pure TypeScript, no `vscode` or Node import.
 */
import { lineEnd, nextLine } from './parse/lines';

/** Start and end offsets, in text order: each range is a fence from its opening line to its closing one. */
export type CodeRanges = ReadonlyArray<readonly [number, number]>;

const BREAKS = /[\u2028\u2029]/;

/** The length of the run of `c` at `i`. */
function run(text: string, i: number, c: number): number {
  let k = i;
  while (text.charCodeAt(k) === c) k++;
  return k - i;
}

/** True when the line from `s` to `e` closes a fence of `length` times `c`. */
function closes(text: string, s: number, e: number, c: number, length: number): boolean {
  let i = s;
  while (i < e && i - s < 3 && text.charCodeAt(i) === 32) i++;
  const n = run(text, i, c);
  if (n < length) return false;
  for (i += n; i < e; i++) {
    const d = text.charCodeAt(i);
    if (d !== 32 && d !== 9) return false;
  }
  return true;
}

/** The top-level fenced code blocks of `text`, or undefined when its lines leave them uncertain. */
export function fencedCode(text: string): CodeRanges | undefined {
  if (BREAKS.test(text)) return undefined;
  const body = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.startsWith('---', body) || text.startsWith('+++', body)) return undefined; // front matter
  const out: Array<readonly [number, number]> = [];
  let open: { start: number; c: number; length: number } | undefined;
  for (let s = 0; s < text.length;) {
    const e = lineEnd(text, s);
    if (open) {
      if (closes(text, s, e, open.c, open.length)) {
        out.push([open.start, e]);
        open = undefined;
      }
    } else {
      let i = s;
      while (i < e && text.charCodeAt(i) === 32) i++;
      const c = text.charCodeAt(i);
      const indent = i - s;
      if ((c === 96 || c === 126) && run(text, i, c) >= 3) {
        if (indent === 0) {
          const length = run(text, i, c);
          // A backtick fence's info string has no backtick (else the line is a paragraph).
          if (c === 126 || text.slice(i + length, e).indexOf('`') < 0) open = { start: s, c, length };
        } else if (indent <= 3) return undefined;
      } else if (c === 60 /* < */ && indent <= 3) {
        // A comment ends on the line with `-->`; `<!-->` and `<!--->` are read differently
        // by different versions of CommonMark.
        if (!text.startsWith('<!--', i)) return undefined;
        const end = text.indexOf('-->', i + 2);
        if (end < i + 4) return undefined;
        s = nextLine(text, lineEnd(text, end));
        continue;
      }
      // A tab before column four takes the line to column four: at the top level no fence or
      // HTML block starts there, and in a list item a fence there ends with the item.
    }
    s = nextLine(text, e);
  }
  if (open) out.push([open.start, text.length]);
  return out;
}

/** True when offset `at` is inside one of `ranges` (in text order). */
export function insideCode(ranges: CodeRanges, at: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid][1] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo][0] <= at;
}
