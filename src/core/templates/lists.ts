/** Items appended to the list under a heading or label: acceptance criteria, lessons. */
import type { List } from 'mdast';
import type { Plan } from '../model';
import type { Block, ListBlock } from '../parse/blocks';
import { lineEnd, lineStart } from '../parse/lines';
import { type TextEdit, insertAt, nextLineStart } from '../edits/text';
import { heading, serialize, withEol } from './mdast';
import { documentBlocks, insertNodes, trailingRule } from './layout';

interface Anchor {
  start: number;
  /** The list to append to. */
  list?: ListBlock;
  /** Where a new list goes when there is none. */
  listAt: number;
}

/**
 * Headings and labels (`**Acceptance Criteria:**`) matching `re`, with the list under each.
 * Phase headings are not anchors: `Phase 5: Acceptance testing` is a phase, and its first
 * list is its steps.
 */
function anchors(text: string, plan: Plan, blocks: readonly Block[], re: RegExp): Anchor[] {
  const out: Anchor[] = [];
  const phaseHeadings = new Set(plan.phases.map((p) => p.headingRange.start));
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type === 'heading') {
      if (phaseHeadings.has(b.start)) continue;
      const h = plan.headings.find((x) => x.range.start === b.start);
      if (!(h ? re.test(h.text) : re.test(text.slice(b.start, b.end)))) continue;
      const sectionEnd = h?.sectionEnd ?? text.length;
      let list: ListBlock | undefined;
      for (let j = i + 1; j < blocks.length && blocks[j].start < sectionEnd; j++) {
        const c = blocks[j];
        if (c.type === 'list') {
          list = c;
          break;
        }
      }
      const r = trailingRule(blocks, b.start, sectionEnd);
      out.push({ start: b.start, list, listAt: r ? r.start : sectionEnd });
    } else if (b.type === 'paragraph') {
      const lastLine = text.slice(lineStart(text, b.end), b.end);
      if (!re.test(lastLine) || !/:[ \t]*[*_]*[ \t]*$/.test(lastLine)) continue;
      const next = blocks[i + 1];
      out.push({ start: b.start, list: next?.type === 'list' ? next : undefined, listAt: nextLineStart(text, b.end) });
    }
  }
  return out;
}

function pickAnchor(list: readonly Anchor[], offset: number | undefined): Anchor | undefined {
  if (offset !== undefined) {
    const before = list.filter((a) => a.start <= offset);
    if (before.length) return before[before.length - 1];
  }
  return list[0];
}

/** An item appended after the last item of `list`, in the list's own marker and spacing. */
function appendToList(text: string, plan: Plan, list: ListBlock, make: (ordered: boolean, next: number) => List): TextEdit {
  const eol = plan.eol;
  const lastItem = list.items[list.items.length - 1];
  const line = text.slice(lastItem.start, lineEnd(text, lastItem.start));
  const m = /^([ \t]*)(?:([-*+])|(\d{1,9})([.)]))/.exec(line);
  const indent = m?.[1] ?? '';
  const bullet = (m?.[2] ?? '-') as '-' | '*' | '+';
  const ordered = !!m?.[3];
  const next = ordered ? parseInt(m![3], 10) + 1 : list.items.length + 1;
  const bulletOrdered = (m?.[4] ?? '.') as '.' | ')';
  const prev = list.items[list.items.length - 2];
  const loose = prev ? /\n[ \t]*\r?\n/.test(text.slice(prev.start, lastItem.start)) : false;
  const md = serialize([make(ordered, next)], { bullet, bulletOrdered })
    .split('\n')
    .map((l) => (l ? indent + l : l))
    .join('\n');
  return insertAt(list.end, (loose ? eol + eol : eol) + withEol(md, eol));
}

/**
 * An item added to the list under the nearest heading or label matching `re` before `offset`
 * (else the first), a new list under it when it has none, or a new section `sectionTitle`.
 */
export function listTemplate(
  text: string,
  plan: Plan,
  offset: number | undefined,
  re: RegExp,
  sectionTitle: string,
  orderedByDefault: boolean,
  make: (ordered: boolean, next: number) => List,
): TextEdit[] {
  const blocks = documentBlocks(text);
  const anchor = pickAnchor(anchors(text, plan, blocks, re), offset);
  if (anchor?.list) return [appendToList(text, plan, anchor.list, make)];
  if (anchor) return [insertNodes(text, plan, anchor.listAt, [make(orderedByDefault, 1)])];
  return [insertNodes(text, plan, text.length, [heading(2, sectionTitle), make(orderedByDefault, 1)])];
}
