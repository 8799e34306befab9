/**
 * Holds the block scanner to remark: the scanner's result for a text must be exactly the
 * summary `summarize(parseMarkdown(text))` gives, and leave the same block open at its end.
 */
import { openAtEnd, parseMarkdown, summarize } from '../../src/core/parse/blocks';
import { lineStarts } from '../../src/core/parse/lines';
import type { ScanResult } from '../../src/core/parse/scan';

/** Undefined when `result` agrees with remark on `text`, otherwise what differs. */
export function sameAsRemark(text: string, result: ScanResult): string | undefined {
  const root = parseMarkdown(text);
  const blocks = summarize(root, text, lineStarts(text));
  let open = openAtEnd(root, text);
  // `openAtEnd` also reports inline HTML at the very end of a paragraph as an open HTML block
  // (it merges the piece with the next, harmlessly); the scanner only reports real blocks.
  const last = blocks[blocks.length - 1];
  if (open?.kind === 'html' && open.marker === 'blank' && !(last?.type === 'other' && last.kind === 'html')) open = result.open;
  const want = JSON.stringify({ blocks, open: open && { ...open, marker: open.kind === 'html' ? String(open.marker) : undefined } });
  const r = result.open;
  const got = JSON.stringify({ blocks: result.blocks, open: r && { ...r, marker: r.kind === 'html' ? String(r.marker) : undefined } });
  return want === got
    ? undefined
    : `scanner and remark differ on ${JSON.stringify(text.slice(0, 400))}\nremark  ${want.slice(0, 1500)}\nscanner ${got.slice(0, 1500)}`;
}
