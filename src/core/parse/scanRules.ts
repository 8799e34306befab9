/**
 * Line-level rules of the block scanner (scan.ts): HTML block starts, GFM table rows, link
 * reference and footnote definitions, ATX headings, setext underlines, thematic breaks and the
 * container markers that start a list item's content.
 */
import { isBlank } from './lines';

const HTML_RAW = /^<(?:script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_BLOCK_TAG = /^<\/?([A-Za-z][A-Za-z0-9]*)(?:[ \t>]|\/>|$)/;
const HTML_BLOCK_NAMES = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt ' +
    'fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link ' +
    'main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead ' +
    'title tr track ul'
  ).split(' '),
);

/** Where the end condition of HTML kinds 1 to 5 is searched, from the start of the line's `<`. */
export const HTML_END_SEARCH = [2, 4, 2, 2, 9];

/**
 * The CommonMark HTML block kind (1 to 6) that the text at `p` starts, 0 when none of those
 * (it may still be kind 7 or paragraph text), -1 for openings the scanner leaves to remark.
 */
export function htmlBlockStart(text: string, p: number, e: number): number {
  const line = text.slice(p, Math.min(e, p + 32));
  if (line.startsWith('<!--')) return line.startsWith('<!-->') || line.startsWith('<!--->') ? -1 : 2;
  if (HTML_RAW.test(line)) return 1;
  if (line.startsWith('<?')) return 3;
  if (line.startsWith('<![CDATA[')) return 5;
  if (/^<![A-Za-z]/.test(line)) return 4;
  const m = HTML_BLOCK_TAG.exec(line);
  if (m) return HTML_BLOCK_NAMES.has(m[1].toLowerCase()) ? 6 : 0;
  return 0;
}

const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** A GFM table delimiter row (with at least one `|` or `:`, so never a setext underline). */
export function isDelimiterRow(text: string, s: number, e: number): boolean {
  const c = text.charCodeAt(s);
  if (c !== 124 && c !== 45 && c !== 58 && c !== 32) return false;
  const line = text.slice(s, e);
  return DELIMITER_ROW.test(line) && (line.includes('|') || line.includes(':'));
}

/** Number of cells in a table row: unescaped `|` separators, outer pipes not counted. */
export function cellCount(text: string, s: number, e: number): number {
  let a = s;
  let b = e;
  while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
  while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
  if (text.charCodeAt(a) === 124) a++;
  let pipes = 0;
  let trailing = false;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    if (c === 92 /* \ */) k++;
    else if (c === 124) {
      pipes++;
      trailing = k === b - 1;
    }
  }
  return trailing ? pipes : pipes + 1;
}

const ATTRIBUTE = String.raw`\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>\x60]+|'[^']*'|"[^"]*"))?`;
const KIND7 = new RegExp(String.raw`^(?:<[A-Za-z][A-Za-z0-9-]*(?:${ATTRIBUTE})*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$`);

/** True when the line at `p` is an HTML block of kind 7: a complete open or closing tag alone on its line. */
export function isHtmlKind7(text: string, p: number, e: number): boolean {
  let b = e;
  while (b > p && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
  return text.charCodeAt(b - 1) === 62 /* > */ && KIND7.test(text.slice(p, e));
}

/** A line that starts with plain text: an ASCII letter, or `**` (bold), so it starts no block. */
export function plainTextStart(text: string, s: number, e: number): boolean {
  const c = text.charCodeAt(s);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  return c === 42 && text.charCodeAt(s + 1) === 42 && s + 2 < e && text.charCodeAt(s + 2) !== 42 && text.charCodeAt(s + 2) !== 32;
}

/**
 * True when the line at `p` (which starts with `[`) cannot begin a link reference definition
 * or a footnote definition: its label is followed by something other than `:`, or by `:`, a
 * plain destination and then text that cannot be a title. False when unsure.
 */
export function notDefinition(text: string, p: number, e: number): boolean {
  let k = p + 1;
  if (text.charCodeAt(k) === 94 /* ^ */) return false;
  while (k < e) {
    const c = text.charCodeAt(k);
    if (c === 93 /* ] */) break;
    if (c === 91 || c === 92) return false; // nested bracket or escape
    k++;
  }
  if (k >= e) return false;
  if (text.charCodeAt(k + 1) !== 58 /* : */) return true;
  let j = k + 2;
  while (j < e && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  if (j >= e || text.charCodeAt(j) === 60 /* < */) return false;
  while (j < e && text.charCodeAt(j) !== 32 && text.charCodeAt(j) !== 9) {
    const c = text.charCodeAt(j);
    if (c === 40 || c === 41 || c === 92) return false; // parentheses or escapes in the destination
    j++;
  }
  while (j < e && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  if (j >= e) return false;
  const t = text.charCodeAt(j);
  return t !== 34 && t !== 39 && t !== 40; // " ' ( would open a title
}

/**
 * End of a definition label that starts at `p` (`[`), after its `]:`, or -1: a label of
 * 1 to 999 characters on the line, with no brackets or escapes, not only whitespace.
 */
function labelEnd(text: string, p: number, e: number): number {
  let k = p + 1;
  let visible = false;
  while (k < e && k - p <= 1000) {
    const c = text.charCodeAt(k);
    if (c === 93 /* ] */) break;
    if (c === 91 || c === 92) return -1;
    if (c !== 32 && c !== 9) visible = true;
    k++;
  }
  if (k >= e || !visible || k - p > 1000 || text.charCodeAt(k + 1) !== 58 /* : */) return -1;
  return k + 2;
}

const TITLE_CLOSE: Record<number, number> = { 34: 34, 39: 39, 40: 41 };

/**
 * Whether the line at `p` is a whole link reference definition in the simple form the
 * scanner reads: `[label]: destination` with a plain destination (no `<` or controls;
 * parentheses balanced or escaped), then optionally a title in `"`, `'` or `()` with no escapes and no
 * closing character inside. Returns true when a title is on the line, false when there is
 * none, undefined when the line is not of that form (it may still be a definition).
 */
export function definitionLine(text: string, p: number, e: number): boolean | undefined {
  let j = labelEnd(text, p, e);
  if (j < 0) return undefined;
  while (j < e && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  if (j >= e || text.charCodeAt(j) === 60 /* < */) return undefined;
  let depth = 0; // open parentheses: balanced pairs belong to the destination
  while (j < e) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 9) break;
    if (c < 32 || c === 127) return undefined;
    if (c === 92 /* \ */) {
      // An escaped `(`, `)` or `\` counts for nothing; a backslash before anything else is a character.
      const n = text.charCodeAt(j + 1);
      j += j + 1 < e && (n === 40 || n === 41 || n === 92) ? 2 : 1;
      continue;
    }
    if (c === 40 && ++depth > 32) return undefined;
    if (c === 41 && --depth < 0) return undefined;
    j++;
  }
  if (depth !== 0) return undefined;
  const destEnd = j;
  while (j < e && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  if (j >= e) return false;
  if (j === destEnd) return undefined;
  const close = TITLE_CLOSE[text.charCodeAt(j)];
  if (close === undefined) return undefined;
  let k = j + 1;
  while (k < e) {
    const c = text.charCodeAt(k);
    if (c === close) break;
    if (c === 92 || (close === 41 && c === 40)) return undefined;
    k++;
  }
  if (k >= e || !isBlank(text, k + 1, e)) return undefined;
  return true;
}

/**
 * Whether the line at `p` is a GFM footnote definition `[^label]: text` with a label of
 * letters, digits, `-` and `_`, whose text starts with a letter or digit.
 */
export function footnoteLine(text: string, p: number, e: number): boolean {
  let k = p + 2;
  while (k < e) {
    const c = text.charCodeAt(k);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95)) break;
    k++;
  }
  if (k === p + 2 || k - p > 100 || text.charCodeAt(k) !== 93 || text.charCodeAt(k + 1) !== 58) return false;
  const j = k + 2;
  k = j;
  while (k < e && text.charCodeAt(k) === 32) k++;
  if (k - j > 3) return false;
  const c = text.charCodeAt(k);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** The depth of the ATX heading opening at `p`, or 0. */
export function atxDepth(text: string, p: number, e: number): number {
  let k = p;
  while (k < e && text.charCodeAt(k) === 35) k++;
  const after = text.charCodeAt(k);
  return k - p <= 6 && (k === e || after === 32 || after === 9) ? k - p : 0;
}

/** A blockquote or list item marker at `k` (as the first content of an item). */
export function startsContainer(text: string, k: number, e: number): boolean {
  const c = text.charCodeAt(k);
  if (c === 62) return true;
  let m = k;
  if (c === 45 || c === 42 || c === 43) m = k + 1;
  else {
    while (m < e && m - k < 10 && text.charCodeAt(m) >= 48 && text.charCodeAt(m) <= 57) m++;
    if (m === k || m - k > 9 || (text.charCodeAt(m) !== 46 && text.charCodeAt(m) !== 41)) return false;
    m++;
  }
  const a = text.charCodeAt(m);
  return m >= e || a === 32 || a === 9;
}

export function setextUnderline(text: string, p: number, e: number, c: number): boolean {
  let k = p;
  while (k < e && text.charCodeAt(k) === c) k++;
  while (k < e && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  return k === e;
}

export function thematic(text: string, p: number, e: number, c: number): boolean {
  let count = 0;
  for (let k = p; k < e; k++) {
    const x = text.charCodeAt(k);
    if (x === c) count++;
    else if (x !== 32 && x !== 9) return false;
  }
  return count >= 3;
}
