/**
 * Block summaries: the compact, line-based shape of a parsed section that the model builder
 * reads. A summary comes either from remark's mdast (the general path, and the reference
 * whole-document parse) or from the fast path for sections a line scanner can prove simple.
 * Both must give identical summaries for the same text; the differential tests hold them to it.
 *
 * Ranges are whole lines: `start` is the start of the first line, `end` the end of the last
 * line (before its line ending). `line` is the first line's index. All are relative to
 * the text the summary was made from; `shiftBlocks` moves them.
 */
import type { Root, RootContent, List, ListItem as MdListItem } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { lineEnd, lineIndex, lineStart } from './lines';
import type { HeadingFacts, ItemFacts, ParagraphFacts, TableFacts } from './build';

export interface Span {
  start: number;
  end: number;
  line: number;
}

export interface HeadingBlock extends Span {
  type: 'heading';
  depth: number;
  setext: boolean;
  /** What the model builder reads from the block (see `annotate`), relative to the block's text. */
  facts?: HeadingFacts;
}
/** A paragraph; after `annotate` its facts are properties of the block itself. */
export interface ParagraphBlock extends Span, Partial<ParagraphFacts> {
  type: 'paragraph';
}
export interface ListBlock extends Span {
  type: 'list';
  ordered: boolean;
  items: ItemBlock[];
}
/** A list item; after `annotate` its facts are properties of the item itself. */
export interface ItemBlock extends Span, Partial<ItemFacts> {
  lists: ListBlock[];
}
export interface TableBlock extends Span {
  type: 'table';
  /** Line index of each row (header first, delimiter row excluded). */
  rows: number[];
  facts?: TableFacts;
}
export interface OtherBlock extends Span {
  type: 'other';
  kind: string;
}
export type Block = HeadingBlock | ParagraphBlock | ListBlock | TableBlock | OtherBlock;

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

/** remark + GFM, the parser the design names. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
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
// Fast path

const ATX = /^#{1,6}(?:[ \t]|$)/;
const THEMATIC = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const ORDERED_MARKER = /^\d{1,9}[.)](?:[ \t]|$)/;
const ITEM = /^( *)([-*+]|(\d{1,9})([.)])) (\S.*)?$/;

/**
 * True when a line at column 0 can only be paragraph text (or continue a paragraph):
 * it cannot start or end any other block, cannot be a setext underline or a table
 * delimiter row, and cannot open a link reference definition.
 */
function paragraphSafe(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c >= 128) return true;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c >= 48 && c <= 57) return !ORDERED_MARKER.test(line);
  if (c === 42 /* * */) {
    const n = line.charCodeAt(1);
    return n !== 32 && n !== 9 && !Number.isNaN(n) && !THEMATIC.test(line);
  }
  if (c === 95 /* _ */) return !THEMATIC.test(line) && line.length > 1;
  // " ' ( ) , . / ; ? @ $ % & { } ^ !
  return '"\'(),./;?@$%&{}^!'.includes(line[0] ?? '\0') && line.length > 0;
}

/** Content of a list item line (after the marker and one space) that is plain paragraph text. */
function itemContentSafe(content: string): boolean {
  if (/^\[[ xX\-/~]\][ \t]/.test(content)) return true;
  const c = content.charCodeAt(0);
  if (c === 91 /* [ */) return !content.includes(']:');
  if (c === 96 /* ` */) return !content.startsWith('```');
  if (c === 35 /* # */) return !ATX.test(content);
  return paragraphSafe(content);
}

interface OpenList {
  block: ListBlock;
  indent: number;
  /** Content offset of the list's last item (indent + marker + one space). */
  contentOffset: number;
  marker: string;
}

/**
 * Summarises `text` without remark when every line is one of: blank, an ATX heading,
 * a thematic break, a column-0 paragraph line that can only be paragraph text, or a
 * tight list item of a simple shape. Returns undefined for anything else.
 */
export function fastSummarize(text: string, starts: readonly number[]): Block[] | undefined {
  const out: Block[] = [];
  let para: ParagraphBlock | undefined;
  let lists: OpenList[] = [];
  const n = starts.length;
  for (let li = 0; li < n; li++) {
    const s = starts[li];
    const e = lineEnd(text, s);
    if (e === s || isBlankLine(text, s, e)) {
      para = undefined;
      if (lists.length) {
        // A blank line inside a list makes it loose or continues an item: leave it to remark
        // unless nothing but blank lines follow.
        for (let k = li + 1; k < n; k++) {
          const ks = starts[k];
          if (!isBlankLine(text, ks, lineEnd(text, ks))) return undefined;
        }
        lists = [];
      }
      continue;
    }
    const line = text.slice(s, e);
    if (line.charCodeAt(0) === 35 /* # */ && ATX.test(line)) {
      para = undefined;
      lists = [];
      out.push({ type: 'heading', start: s, end: e, line: li, depth: headingDepth(line), setext: false });
      continue;
    }
    if (THEMATIC.test(line)) {
      if (para || line.charCodeAt(0) === 32) return undefined; // setext underline or indented
      lists = [];
      out.push({ type: 'other', kind: 'thematicBreak', start: s, end: e, line: li });
      continue;
    }
    const m = ITEM.exec(line);
    if (m) {
      const indent = m[1].length;
      const ordered = m[3] !== undefined;
      const marker = ordered ? m[4] : m[2];
      const content = m[5];
      if (content === undefined || !itemContentSafe(content)) return undefined;
      if (indent === 0) {
        const top = lists[0];
        if (top && top.marker === marker) {
          lists = [top];
        } else {
          if (top) return undefined; // a different marker starts a new list: rare, leave it to remark
          if (para && ordered && m[3] !== '1') return undefined; // cannot interrupt a paragraph
          para = undefined;
          const block: ListBlock = { type: 'list', start: s, end: e, line: li, ordered, items: [] };
          out.push(block);
          lists = [{ block, indent: 0, contentOffset: 0, marker }];
        }
      } else {
        // Nested: a sibling at an open nested level, or a new list under the deepest item.
        let k = -1;
        for (let j = 1; j < lists.length; j++) if (lists[j].indent === indent) k = j;
        if (k >= 1) {
          if (lists[k].marker !== marker) return undefined;
          lists = lists.slice(0, k + 1);
        } else {
          const deepest = lists[lists.length - 1];
          if (!deepest || deepest.contentOffset !== indent) return undefined;
          if (ordered && m[3] !== '1') return undefined; // would continue the item's paragraph
          const parent = deepest.block.items[deepest.block.items.length - 1];
          const block: ListBlock = { type: 'list', start: s, end: e, line: li, ordered, items: [] };
          parent.lists.push(block);
          lists.push({ block, indent, contentOffset: 0, marker });
        }
      }
      lists[lists.length - 1].contentOffset = indent + m[2].length + 1;
      const item: ItemBlock = { start: s, end: e, line: li, lists: [] };
      lists[lists.length - 1].block.items.push(item);
      // Extend the item's ancestors (items and lists) to this line.
      for (let k = 0; k < lists.length; k++) {
        const lb = lists[k].block;
        lb.end = e;
        const it = lb.items[lb.items.length - 1];
        it.end = e;
      }
      continue;
    }
    if (lists.length) return undefined; // continuation or lazy line
    if (!paragraphSafe(line)) return undefined;
    if (para) {
      para.end = e;
    } else {
      para = { type: 'paragraph', start: s, end: e, line: li };
      out.push(para);
    }
  }
  return out;
}

function isBlankLine(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function headingDepth(line: string): number {
  let d = 0;
  while (line.charCodeAt(d) === 35) d++;
  return d;
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
  const visit = (node: { type: string; position?: { start: { offset?: number }; end: { offset?: number } }; children?: unknown[] }): void => {
    if (found) return;
    const pos = node.position;
    if (pos && pos.end.offset! < contentEnd) return;
    if (node.type === 'code' && pos) found = openFence(text.slice(pos.start.offset!, pos.end.offset!));
    else if (node.type === 'html' && pos) found = openHtml(text.slice(pos.start.offset!, pos.end.offset!), text.slice(pos.end.offset!));
    if (!found && node.children) for (const c of node.children) visit(c as typeof node);
  };
  visit(root as unknown as Parameters<typeof visit>[0]);
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

const HTML_KINDS: Array<[RegExp, RegExp]> = [
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
