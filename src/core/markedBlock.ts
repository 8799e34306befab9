/**
 * A generated block between two HTML comment markers (the agent instructions in AGENTS.md, the
 * guidelines of a log): found again and replaced on every run, so a second run replaces the
 * block instead of adding another. Nothing outside the markers is touched.
 */
import type { TextEdit } from './edits';

/** The edit that replaces the block between `start` and `end` in `text` with `block`; undefined when the text has no such block. */
export function replaceMarkedBlock(text: string, start: string, end: string, block: string, eol: string): TextEdit | undefined {
  const from = text.indexOf(start);
  const to = from >= 0 ? text.indexOf(end, from) : -1;
  if (from < 0 || to < 0) return undefined;
  const stop = to + end.length;
  const replacement = block.endsWith(eol) ? block.slice(0, -eol.length) : block;
  return { offset: from, length: stop - from, text: replacement, expected: text.slice(from, stop) };
}
