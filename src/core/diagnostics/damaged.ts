/** The rule about damaged characters. */
import { findMojibake, repairEdit } from '../mojibake';
import { lineEnd, lineIndex, lineStarts } from '../parse/lines';
import { type Diagnostic, diagnostic } from './codes';

/** `mojibake`: UTF-8 text decoded as Windows-1252 or Mac Roman; one finding per line. */
export function mojibake(text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const runs = findMojibake(text);
  let starts: number[] | undefined;
  for (let i = 0; i < runs.length;) {
    const line = lineIndex((starts ??= lineStarts(text)), runs[i].start);
    const end = lineEnd(text, runs[i].start);
    const onLine = [];
    while (i < runs.length && runs[i].start < end) onLine.push(runs[i++]);
    out.push(
      diagnostic('mojibake', {
        message: `Damaged characters ${onLine.map((r) => `"${r.original}" (${r.replacement})`).join(', ')}: UTF-8 text that was decoded as ${onLine[0].encoding}.`,
        range: { start: onLine[0].start, end: onLine[onLine.length - 1].end },
        line,
        fixes: [{ title: `Repair to ${onLine.map((r) => r.replacement).join(' ')}`, edits: onLine.map((r) => repairEdit(text, r)) }],
      }),
    );
  }
  return out;
}
