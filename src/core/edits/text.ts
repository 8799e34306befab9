/**
 * Guarded text edits. Every change is a replacement that carries the text it expects to
 * replace; applying an edit whose expected text is no longer there fails and changes nothing.
 */
import { lineEnd, lineIndex, lineStarts } from '../parse/lines';

export interface TextEdit {
  /** Offset in the text the edit was computed from. */
  offset: number;
  /** Length of the replaced text. */
  length: number;
  /** The replacement. */
  text: string;
  /** The text expected at [offset, offset + length). */
  expected: string;
}

/** An error meant for the user: one line naming the bad value and what was allowed. */
export class PhasewiseError extends Error {
  constructor(
    message: string,
    readonly code: string = 'invalid',
  ) {
    super(message);
    this.name = 'PhasewiseError';
  }
}

export class StaleEditError extends PhasewiseError {
  constructor(message: string) {
    super(message, 'stale');
    this.name = 'StaleEditError';
  }
}

/** Checks every edit against `text`; throws StaleEditError naming the first mismatch. */
export function verifyEdits(text: string, edits: readonly TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let prevEnd = -1;
  for (const e of sorted) {
    if (e.offset < prevEnd) throw new PhasewiseError('Edits overlap; nothing was changed.', 'overlap');
    const actual = text.slice(e.offset, e.offset + e.length);
    if (e.offset + e.length > text.length || actual !== e.expected) {
      throw new StaleEditError(
        `The document changed since the edit was computed: expected ${JSON.stringify(e.expected)} at line ${lineIndex(lineStarts(text), e.offset) + 1}, found ${JSON.stringify(actual)}. Nothing was changed.`,
      );
    }
    prevEnd = e.offset + e.length;
  }
}

/** Applies edits computed against `text`. All or nothing. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  verifyEdits(text, edits);
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.offset) + e.text;
    pos = e.offset + e.length;
  }
  return out + text.slice(pos);
}

/** The edit that puts `replacement` over [start, end) of `text`. */
export function editRange(text: string, start: number, end: number, replacement: string): TextEdit {
  return { offset: start, length: end - start, text: replacement, expected: text.slice(start, end) };
}

/** Like editRange, but nothing when the text there already reads `replacement`. */
export function changeRange(text: string, start: number, end: number, replacement: string): TextEdit | undefined {
  const e = editRange(text, start, end, replacement);
  return e.expected === replacement ? undefined : e;
}

/** An insertion of `inserted` at `offset`. */
export function insertAt(offset: number, inserted: string): TextEdit {
  return { offset, length: 0, text: inserted, expected: '' };
}

/** Start of the line after the one containing `offset` (or the text's end). */
export function nextLineStart(text: string, offset: number): number {
  const e = lineEnd(text, offset);
  if (e >= text.length) return text.length;
  return e + (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? 2 : 1);
}
