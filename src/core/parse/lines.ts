/** Line utilities shared by the scanner, the block summaries and the model builder. */

/** Offsets where each line starts. Line endings are `\r\n`, `\n` or a lone `\r` (as CommonMark). */
export function lineStarts(text: string, from = 0, to = text.length): number[] {
  const starts = [from];
  // indexOf is several times faster than a charCodeAt loop; text with a carriage return in
  // range takes the loop, which knows all three endings.
  const cr = text.indexOf('\r', from);
  if (cr < 0 || cr >= to) {
    let i = text.indexOf('\n', from);
    while (i >= 0 && i < to) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    return starts;
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** End of line `li` (before its line ending), given the text's line starts. */
export function lineEndAt(text: string, starts: readonly number[], li: number): number {
  if (li + 1 >= starts.length) return text.length;
  let e = starts[li + 1] - 1;
  if (e > starts[li] && text.charCodeAt(e) === 10 && text.charCodeAt(e - 1) === 13) e--;
  return e;
}

// The next carriage return at or after `crFrom` in `crText` (-1: none), so that lineEnd stays
// linear over a forward pass through a text whose only carriage returns are far apart.
let crText = '';
let crFrom = 0;
let crAt = -1;

function nextCarriageReturn(text: string, offset: number): number {
  if (text !== crText || offset < crFrom || (crAt >= 0 && offset > crAt)) {
    crFrom = offset;
    crAt = text.indexOf('\r', offset);
  }
  // Kept even when equal: two strings of the same text compare character by character, and a
  // long paragraph asks once per line (the same object compares at once).
  crText = text;
  return crAt;
}

/** End of the line that contains `offset` (before its line ending). */
export function lineEnd(text: string, offset: number): number {
  let n = text.indexOf('\n', offset);
  if (n < 0) n = text.length;
  const r = nextCarriageReturn(text, offset);
  return r >= 0 && r < n ? r : n;
}

// Whether `anyCrText` holds a carriage return at all.
let anyCrText = '';
let anyCr = false;

/** The start of the line after the one that ends at `e` (past its `\r\n`, `\n` or `\r`); the text's length at its end. */
export function nextLine(text: string, e: number): number {
  if (e >= text.length) return text.length;
  return text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? e + 2 : e + 1;
}

/** Start of the line that contains `offset`. */
export function lineStart(text: string, offset: number): number {
  if (text !== anyCrText) anyCr = text.indexOf('\r') >= 0;
  anyCrText = text; // see nextCarriageReturn
  // Without carriage returns the last line feed decides, and lastIndexOf is native.
  if (!anyCr) return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  let i = offset;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/** Index of the last entry in sorted `starts` that is <= offset. */
export function lineIndex(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

export function detectEol(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
}

/** The column of `p` in the line starting at `s`, tabs advancing to the next multiple of 4. */
export function columnAt(text: string, s: number, p: number): number {
  let col = 0;
  for (let k = s; k < p; k++) col = text.charCodeAt(k) === 9 ? (col + 4) & ~3 : col + 1;
  return col;
}

/** The end of `text` without its last line break (where a block left open at the end ends). */
export function endBeforeLastBreak(text: string): number {
  let e = text.length;
  const c = text.charCodeAt(e - 1);
  if (c === 10) e -= text.charCodeAt(e - 2) === 13 ? 2 : 1;
  else if (c === 13) e--;
  return e;
}
