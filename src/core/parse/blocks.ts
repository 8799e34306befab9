/**
 * Block summaries: the compact, line-based shape of a parsed section that the model builder
 * reads. A summary comes either from remark's mdast (the reference whole-document parse, and
 * the fallback) or from the block scanner in scan.ts for text it can prove it reads as remark
 * does. Both must give identical summaries for the same text; the differential tests hold
 * them to it. The summaries' types and their ranges are described in types.ts.
 */
import type { Root, RootContent, List, ListItem as MdListItem } from 'mdast';
import { lazy } from '../lazy';
import type * as Remark from './remark';
import { CONTINUE, EXIT, SKIP, visit } from 'unist-util-visit';
import { lineEnd, lineIndex, lineStart } from './lines';
import type { Block, ListBlock, Span } from './types';

// templates.ts reads block summaries through this module.
export type { Block, ItemBlock, ListBlock } from './types';

const processor = lazy(() => {
  // Loaded on first use (../lazy.ts), from a file of its own in the Node.js bundles (remark.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { unified, remarkParse, remarkGfm } = require('./remark') as typeof Remark;
  return unified().use(remarkParse).use(remarkGfm).freeze();
});

/** remark + GFM, the parser the design names. */
export function parseMarkdown(text: string): Root {
  return processor().parse(text) as Root;
}

/** Turns mdast top-level nodes into block summaries. `starts` are the line starts of `text`. */
export function summarize(root: Root, text: string, starts: readonly number[]): Block[] {
  const out: Block[] = [];
  for (const node of root.children) {
    const b = summarizeNode(node, text, starts);
    if (b) out.push(b);
  }
  return out;
}

function span(node: { position?: { start: { offset?: number }; end: { offset?: number } } }, text: string, starts: readonly number[]): Span {
  const s = node.position!.start.offset!;
  let e = node.position!.end.offset!;
  if (e > s) {
    const c = text.charCodeAt(e - 1);
    if (c === 10) e -= e - 2 >= s && text.charCodeAt(e - 2) === 13 ? 2 : 1;
    else if (c === 13) e -= 1;
  }
  const start = lineStart(text, s);
  const end = lineEnd(text, Math.max(e, s));
  return { start, end, line: lineIndex(starts, start) };
}

function summarizeNode(node: RootContent, text: string, starts: readonly number[]): Block | undefined {
  if (!node.position) return undefined;
  const sp = span(node, text, starts);
  switch (node.type) {
    case 'heading': {
      const first = text.charCodeAt(sp.start + countIndent(text, sp.start));
      return { type: 'heading', ...sp, depth: node.depth, setext: first !== 35 /* # */ };
    }
    case 'paragraph':
      return { type: 'paragraph', ...sp };
    case 'list':
      return summarizeList(node, text, starts, sp);
    case 'table':
      return { type: 'table', ...sp, rows: node.children.map((r) => lineIndex(starts, r.position!.start.offset!)) };
    default:
      return { type: 'other', ...sp, kind: node.type };
  }
}

function summarizeList(node: List, text: string, starts: readonly number[], sp: Span): ListBlock {
  return {
    type: 'list',
    ...sp,
    ordered: !!node.ordered,
    items: node.children.map((item: MdListItem) => ({
      ...span(item, text, starts),
      lists: item.children.filter((c): c is List => c.type === 'list').map((l) => summarizeList(l, text, starts, span(l, text, starts))),
    })),
  };
}

function countIndent(text: string, i: number): number {
  let n = 0;
  while (text.charCodeAt(i + n) === 32 || text.charCodeAt(i + n) === 9) n++;
  return n;
}

/** Moves every offset by `offset` and every line by `line`. Returns new objects. */
export function shiftBlocks(blocks: readonly Block[], offset: number, line: number): Block[] {
  if (offset === 0 && line === 0) return blocks.slice();
  return blocks.map((b) => shiftBlock(b, offset, line));
}

function shiftSpan<T extends Span>(s: T, offset: number, line: number): T {
  return { ...s, start: s.start + offset, end: s.end + offset, line: s.line + line };
}

function shiftBlock(b: Block, offset: number, line: number): Block {
  switch (b.type) {
    case 'list':
      return shiftList(b, offset, line);
    case 'table':
      return { ...shiftSpan(b, offset, line), rows: b.rows.map((r) => r + line) };
    default:
      return shiftSpan(b, offset, line);
  }
}

function shiftList(b: ListBlock, offset: number, line: number): ListBlock {
  return {
    ...shiftSpan(b, offset, line),
    items: b.items.map((it) => ({ ...shiftSpan(it, offset, line), lists: it.lists.map((l) => shiftList(l, offset, line)) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Open blocks at the end of a section

/**
 * What a section parsed on its own leaves open at its end, which would swallow the next
 * line in the whole document: an unclosed fenced code block or HTML block. Returns how
 * to find its end (`fence` char and length, or the HTML end condition), or undefined.
 */
export type OpenEnd = { kind: 'fence'; char: string; length: number } | { kind: 'html'; marker: RegExp | 'blank' };

export function openAtEnd(root: Root, text: string): OpenEnd | undefined {
  let contentEnd = text.length;
  while (contentEnd > 0 && /\s/.test(text[contentEnd - 1])) contentEnd--;
  let found: OpenEnd | undefined;
  // Only nodes that reach the end of the content can be left open: skip the others' subtrees.
  visit(root, (node) => {
    const pos = node.position;
    if (pos && pos.end.offset! < contentEnd) return SKIP;
    if (node.type === 'code' && pos) found = openFence(text.slice(pos.start.offset!, pos.end.offset!));
    else if (node.type === 'html' && pos) found = openHtml(text.slice(pos.start.offset!, pos.end.offset!), text.slice(pos.end.offset!));
    return found ? EXIT : CONTINUE;
  });
  return found;
}

function openFence(raw: string): OpenEnd | undefined {
  const m = /^[ \t>]*(`{3,}|~{3,})/.exec(raw);
  if (!m) return undefined; // indented code
  const char = m[1][0];
  const length = m[1].length;
  const lines = raw.split(/\r\n|\n|\r/);
  if (lines.length > 1) {
    const last = lines[lines.length - 1];
    const close = /^[ \t>]*(`{3,}|~{3,})[ \t]*$/.exec(last);
    if (close && close[1][0] === char && close[1].length >= length) return undefined;
  }
  return { kind: 'fence', char, length };
}

export const HTML_KINDS: Array<[RegExp, RegExp]> = [
  [/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

function openHtml(raw: string, rest: string): OpenEnd | undefined {
  const body = raw.replace(/^[ \t>]*/, '');
  for (const [start, end] of HTML_KINDS) {
    if (start.test(body)) {
      const afterStart = body.slice(body.indexOf('<') + 2);
      return end.test(afterStart) ? undefined : { kind: 'html', marker: end };
    }
  }
  // Types 6 and 7 end at a blank line.
  const breaks = rest.match(/\r\n|\n|\r/g)?.length ?? 0;
  return breaks >= 2 ? undefined : { kind: 'html', marker: 'blank' };
}
