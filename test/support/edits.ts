import type { TextEdit } from '../../src/core/edits';

/** True when every character outside the edited ranges is unchanged, in order. */
export function onlyRangesChanged(before: string, after: string, edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let pos = 0;
  let out = 0;
  for (const e of sorted) {
    const keep = before.slice(pos, e.offset);
    if (after.slice(out, out + keep.length) !== keep) return false;
    out += keep.length + e.text.length;
    pos = e.offset + e.length;
  }
  return after.slice(out) === before.slice(pos);
}
