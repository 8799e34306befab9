/**
 * Where the pipes of a table line stand. The cells are split by the parser's own splitter
 * (escaped pipes `\|` stay inside a cell), so a row is cut the same way here as when it is read.
 */
import { splitCells } from './parse/readers';
import { displayWidth } from './width';

/** The trimmed text of each cell of a table line, escapes kept. */
export function cellTexts(line: string): string[] {
  return splitCells(line, 0, line.length).map((c) => c.text);
}

/** Offsets in `line` of its unescaped pipes. */
export function pipeOffsets(line: string): number[] {
  const out: number[] = [];
  const first = line.search(/[^ \t]/);
  if (first >= 0 && line[first] === '|') out.push(first);
  // Between a cell's trimmed text and the pipe that closes it there is only white space.
  for (const cell of splitCells(line, 0, line.length)) {
    const at = line.indexOf('|', cell.range.end);
    if (at < 0) break;
    if (at > (out[out.length - 1] ?? -1)) out.push(at);
  }
  return out;
}

/** The text around and between the unescaped pipes: one more segment than pipes. */
export function pipeSegments(line: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const at of pipeOffsets(line)) {
    out.push(line.slice(from, at));
    from = at + 1;
  }
  out.push(line.slice(from));
  return out;
}

/** The display column of each unescaped pipe. */
export function pipeColumns(line: string): number[] {
  const cols: number[] = [];
  let col = 0;
  for (const s of pipeSegments(line).slice(0, -1)) {
    col += displayWidth(s);
    cols.push(col);
    col++;
  }
  return cols;
}

/** True when two table lines have their pipes in the same columns. */
export function pipesLineUp(a: string, b: string): boolean {
  const pa = pipeColumns(a);
  const pb = pipeColumns(b);
  return pa.length > 0 && pa.length === pb.length && pa.every((c, i) => c === pb[i]);
}
