/**
 * Where an insertion goes and how it joins its neighbours: exactly one blank line between the
 * new block and the text around it, never two where there was one, the document's line ending.
 */
import type { Plan } from '../model';
import { PlanDocument } from '../parse/document';
import type { Block, ItemBlock, ListBlock } from '../parse/blocks';
import { isBlank, lineEnd, lineStart } from '../parse/lines';
import { type TextEdit, insertAt } from '../edits/text';
import type { RootContent } from 'mdast';
import type { Options as ToMarkdownOptions } from 'mdast-util-to-markdown';
import { type RuleShape, serialize, withEol } from './mdast';

/** Block summaries with absolute offsets (byte-order mark included). */
export function documentBlocks(text: string): Block[] {
  const doc = PlanDocument.parse(text);
  const out: Block[] = [];
  for (const s of doc.sections) {
    const off = s.start + doc.bom;
    for (const b of s.blocks) out.push(shiftBlock(b, off));
  }
  return out;
}

function shiftList(l: ListBlock, off: number): ListBlock {
  return {
    ...l,
    start: l.start + off,
    end: l.end + off,
    items: l.items.map((it): ItemBlock => ({ ...it, start: it.start + off, end: it.end + off, lists: it.lists.map((x) => shiftList(x, off)) })),
  };
}

function shiftBlock(b: Block, off: number): Block {
  if (b.type === 'list') return shiftList(b, off);
  return { ...b, start: b.start + off, end: b.end + off };
}

/**
 * An insertion of `nodes`, serialised in the document's line endings, at `at` (a line start or
 * the text's end), with one blank line on each side.
 */
export function insertNodes(text: string, plan: Plan, at: number, nodes: RootContent[], options?: Partial<ToMarkdownOptions>): TextEdit {
  const eol = plan.eol;
  const body = withEol(serialize(nodes, options), eol);
  let prefix = '';
  if (at > plan.bom) {
    const c = text.charCodeAt(at - 1);
    if (c !== 10 && c !== 13) prefix = eol + eol;
    else {
      const prevEnd = c === 10 && text.charCodeAt(at - 2) === 13 ? at - 2 : at - 1;
      if (!isBlank(text, lineStart(text, prevEnd), prevEnd)) prefix = eol;
    }
  }
  let suffix = eol;
  if (at < text.length && !isBlank(text, at, lineEnd(text, at))) suffix = eol + eol;
  return insertAt(at, prefix + body + suffix);
}

/** The thematic break that ends the range [start, end) (only blank lines after it), if any. */
export function trailingRule(blocks: readonly Block[], start: number, end: number): Block | undefined {
  let last: Block | undefined;
  for (const b of blocks) {
    if (b.start >= end) break;
    if (b.start >= start) last = b;
  }
  return last && last.type === 'other' && last.kind === 'thematicBreak' && last.start > start ? last : undefined;
}

export function ruleShape(text: string, b: Block): RuleShape {
  const line = text.slice(b.start, b.end).trim();
  const ch = line[0] === '*' ? '*' : line[0] === '_' ? '_' : '-';
  const count = [...line].filter((c) => c === ch).length;
  return { rule: ch, ruleRepetition: Math.max(3, count), ruleSpaces: /\s/.test(line) };
}

/** The innermost heading whose section contains `offset`. */
export function enclosingHeading(plan: Plan, offset: number): Plan['headings'][number] | undefined {
  let found: Plan['headings'][number] | undefined;
  for (const h of plan.headings) {
    if (h.range.start > offset) break;
    if (offset < h.sectionEnd || h.sectionEnd >= plan.length) found = h;
  }
  return found;
}

/**
 * Where a block goes for a cursor at `offset`: the end of the innermost section containing the
 * cursor, before a thematic break that closes it; the end of the document without a cursor.
 */
export function afterCursorSection(text: string, plan: Plan, blocks: readonly Block[], offset: number | undefined): number {
  if (offset === undefined) return text.length;
  const h = enclosingHeading(plan, offset);
  const start = h ? h.range.start : plan.bom;
  const end = h ? h.sectionEnd : (plan.headings[0]?.range.start ?? text.length);
  const r = trailingRule(blocks, start, end);
  return r ? r.start : end;
}
