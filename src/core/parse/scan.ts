/**
 * A block-structure scanner for ordinary Markdown: CommonMark block rules plus GFM tables,
 * block level only (inline content is never looked at, except that it must not be mistaken
 * for block structure). It produces the same `Block[]` summaries that
 * `summarize(parseMarkdown(text), ...)` produces, and what the text leaves open at its end
 * (as `openAtEnd` would), or undefined whenever it cannot prove it agrees with remark: then
 * the caller uses remark.
 *
 * Handled: paragraphs, ATX and setext headings, thematic breaks, fenced code (top level and in
 * list items), indented code (top level), HTML blocks of kinds 1 to 6 (top level), GFM tables
 * whose rows start with `|` at column 0 (top level), blockquotes at the top level whose every
 * line starts with `>` and that end at a blank line, and bullet and ordered lists (tight or
 * loose, nested, with continuation paragraphs and fences in items).
 *
 * Tabs in indentation and after list markers count as columns to the next multiple of 4.
 *
 * Refused (undefined): tabs in the indentation of fences and their closing lines in items, lazy
 * continuation lines, anything that could be a link reference or footnote definition, empty list items,
 * items whose content starts with 5+ spaces or with another container, indented code, HTML,
 * tables and blockquotes inside items, fences closed by the end of their item, HTML blocks
 * of kind 7, tables after a lazy line or with rows that do not start with `|`, blockquotes
 * with fences or HTML inside or a non-blank line right after them.
 */
import type { Block, ItemBlock, ListBlock, ParagraphBlock } from './types';
import { HTML_KINDS, type OpenEnd } from './blocks';
import { columnAt, endBeforeLastBreak, lineEnd, lineEndAt, isBlank } from './lines';
import {
  atxDepth,
  cellCount,
  definitionLine,
  footnoteLine,
  htmlBlockStart,
  isDelimiterRow,
  isHtmlKind7,
  notDefinition,
  plainTextStart,
  setextUnderline,
  startsContainer,
  thematic,
  HTML_END_SEARCH,
} from './scanRules';

export interface ScanResult {
  blocks: Block[];
  open?: OpenEnd;
}

interface Item {
  item: ItemBlock;
  list: ListBlock;
  /** Column of the item's content (marker width plus spaces after it). */
  content: number;
}

interface OpenList {
  list: ListBlock;
  /** The bullet character or the ordered delimiter. */
  marker: string;
}

type Leaf =
  | { kind: 'para'; block?: ParagraphBlock | Block; start: number; line: number; ref: boolean }
  | { kind: 'fence'; block?: Block; char: number; length: number }
  | { kind: 'html'; block: Block; end: RegExp | undefined }
  | { kind: 'icode'; block: Block }
  | { kind: 'table'; block: Block & { rows: number[] } };

/** Thrown (and caught in `scanBlocks`) when the scanner cannot prove it agrees with remark. */
const REFUSE = new Error('refuse');

function refuse(): never {
  throw REFUSE;
}

/** Summarises `text` (with line starts `starts`), or returns undefined where remark must decide. */
export function scanBlocks(text: string, starts: readonly number[]): ScanResult | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined; // remark drops a leading byte-order mark
  try {
    return new Scanner(text, starts).run();
  } catch (e) {
    if (e === REFUSE) return undefined;
    throw e;
  }
}

class Scanner {
  private readonly out: Block[] = [];
  private readonly stack: Item[] = [];
  /** The open list in each context: 0 is the top level, k + 1 the content of stack[k]. */
  private lists: Array<OpenList | undefined> = [undefined];
  private leaf: Leaf | undefined;

  constructor(
    private readonly text: string,
    private readonly starts: readonly number[],
  ) {}

  run(): ScanResult {
    const { text, starts } = this;
    const n = starts.length;
    for (let li = 0; li < n; li++) {
      li = this.line(li, starts[li], lineEndAt(text, starts, li));
    }
    return { blocks: this.out, open: this.finish() };
  }

  /** Processes one line; returns the index of the last line it consumed. */
  private line(li: number, s: number, e: number): number {
    const text = this.text;
    let p = s;
    while (p < e && text.charCodeAt(p) === 32) p++;
    let q = p;
    while (q < e && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
    const blank = q === e;
    const leaf = this.leaf;
    const stack = this.stack;
    if (blank) {
      // remark counts a whitespace-only line inside indented code as part of it.
      if (leaf?.kind === 'icode' && e > s) refuse();
      // Blank lines continue every open item; they end paragraphs, tables and HTML of kind 6.
      if (leaf && (leaf.kind === 'para' || leaf.kind === 'table' || (leaf.kind === 'html' && !leaf.end))) this.leaf = undefined;
      return li;
    }
    const ind = p - s;
    const tab = text.charCodeAt(p) === 9;
    let d = 0;
    while (d < stack.length && ind >= stack[d].content) d++;
    const all = d === stack.length;
    if (leaf && all) {
      if (leaf.kind === 'fence') {
        // In an item a tab may expand to a closing fence's indentation: left to remark.
        if (tab && d > 0) refuse();
        const col = d ? stack[d - 1].content : 0;
        if (!tab && ind - col < 4 && this.closesFence(leaf, p, e)) this.leaf = undefined;
        this.touch(stack.length, e, leaf.block);
        return li;
      }
      if (leaf.kind === 'html') {
        if (leaf.end && leaf.end.test(text.slice(s, e))) this.leaf = undefined;
        this.touch(0, e, leaf.block);
        return li;
      }
    }
    if (leaf && !all && leaf.kind === 'fence') refuse(); // a fence closed by the end of its item
    let pc = ind;
    if (tab) {
      // Tabs in the indentation: columns, with tab stops every 4 (as CommonMark counts them).
      pc = columnAt(text, s, q);
      p = q;
      d = 0;
      while (d < stack.length && pc >= stack[d].content) d++;
    }
    const at = d === stack.length;
    if (leaf?.kind === 'icode') {
      if (pc >= 4) {
        this.touch(0, e, leaf.block);
        return li;
      }
      // micromark still counts the code as open here, so an ordered item not starting at 1
      // cannot begin: leave list markers after indented code to remark.
      if (startsContainer(text, p, e)) refuse();
      this.leaf = undefined;
    } else if (leaf?.kind === 'table') {
      // A row; GFM also takes a line that starts no other block (plain text) as a row. An ATX
      // heading ends the table.
      if (ind === 0 && text.charCodeAt(s) === 35 /* # */ && atxDepth(text, s, e) > 0) {
        this.leaf = undefined;
      } else {
        if (pc !== 0 || (text.charCodeAt(s) !== 124 /* | */ && !plainTextStart(text, s, e))) refuse();
        leaf.block.rows.push(li);
        this.touch(0, e, leaf.block);
        return li;
      }
    }
    return this.start(li, s, e, p, d, at, pc);
  }

  /** A line (or the rest of a line after a list marker) at `p` (column `pc`) in context `d`. */
  private start(li: number, s: number, e: number, p: number, d: number, all: boolean, pc: number): number {
    const text = this.text;
    const leaf = this.leaf;
    const paraOpen = all && leaf?.kind === 'para';
    const lazyPara = !all && leaf?.kind === 'para';
    const col = d ? this.stack[d - 1].content : 0;
    const r = pc - col;
    const c = text.charCodeAt(p);
    if (r >= 4) {
      if (paraOpen) return this.continuePara(li, e, p);
      if (lazyPara || d > 0 || this.stack.length > 0) refuse();
      if (c === 96 || c === 126) refuse(); // openAtEnd would take it for a fence
      const block: Block = { type: 'other', start: s, end: e, line: li, kind: 'code' };
      this.add(0, block);
      this.leaf = { kind: 'icode', block };
      return li;
    }
    switch (c) {
      case 62 /* > */:
        if (d > 0) refuse();
        return this.blockquote(li, s, e);
      case 35 /* # */: {
        const depth = atxDepth(text, p, e);
        if (depth > 0) {
          this.add(d, { type: 'heading', start: s, end: e, line: li, depth, setext: false });
          return li;
        }
        break;
      }
      case 96 /* ` */:
      case 126 /* ~ */: {
        let k = p;
        while (k < e && text.charCodeAt(k) === c) k++;
        const length = k - p;
        if (length >= 3 && (c === 126 || text.indexOf('`', k) < 0 || text.indexOf('`', k) >= e)) {
          const block: Block = { type: 'other', start: s, end: e, line: li, kind: 'code' };
          this.add(d, block);
          this.leaf = { kind: 'fence', block: d ? undefined : block, char: c, length };
          return li;
        }
        break;
      }
      case 60 /* < */: {
        const kind = htmlBlockStart(text, p, e);
        if (kind < 0) refuse();
        if (kind >= 1) {
          if (d > 0) refuse();
          const block: Block = { type: 'other', start: s, end: e, line: li, kind: 'html' };
          this.add(0, block);
          const end = kind <= 5 ? HTML_KINDS[kind - 1][1] : undefined;
          const from = p + HTML_END_SEARCH[kind - 1];
          this.leaf = end && end.test(text.slice(from, e)) ? undefined : { kind: 'html', block, end };
          return li;
        }
        if (!paraOpen && isHtmlKind7(text, p, e)) refuse();
        break;
      }
      case 61 /* = */:
        if (paraOpen && setextUnderline(text, p, e, 61)) return this.setext(li, e, 1);
        break;
      case 45 /* - */:
      case 42 /* * */:
      case 95 /* _ */:
      case 43 /* + */:
        if (c === 45 && paraOpen && setextUnderline(text, p, e, 45)) return this.setext(li, e, 2);
        if (c !== 43 && thematic(text, p, e, c)) {
          this.add(d, { type: 'other', start: s, end: e, line: li, kind: 'thematicBreak' });
          return li;
        }
        if (c !== 95) {
          const m = this.item(li, s, e, d, paraOpen, p + 1, pc + 1, String.fromCharCode(c), false);
          if (m >= 0) return m;
        }
        break;
      case 124 /* | */:
        if ((paraOpen || lazyPara) && isDelimiterRow(text, p, e)) refuse(); // the paragraph's line is a header
        if (li + 1 < this.starts.length) {
          const ns = this.starts[li + 1];
          const ne = lineEnd(text, ns);
          if (isDelimiterRow(text, ns, ne)) {
            if (d > 0 || r > 0 || lazyPara) refuse();
            if (cellCount(text, p, e) !== cellCount(text, ns, ne) || /^[|\s]*$/.test(text.slice(p, e))) refuse();
            const block = { type: 'table' as const, start: s, end: ne, line: li, rows: [li] };
            this.add(0, block);
            this.leaf = { kind: 'table', block };
            return li + 1;
          }
        }
        break;
      default:
        if (c >= 48 && c <= 57) {
          let k = p;
          while (k < e && k - p < 10 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
          const dl = text.charCodeAt(k);
          if (k - p <= 9 && (dl === 46 || dl === 41)) {
            const one = k - p === 1 && c === 49;
            const m = this.item(li, s, e, d, paraOpen && !one ? undefined : paraOpen, k + 1, pc + k + 1 - p, dl === 46 ? '.' : ')', true);
            if (m >= 0) return m;
          }
        }
    }
    // Paragraph text: continues an open paragraph, even one in items this line did not match.
    if (paraOpen || lazyPara) return this.continuePara(li, e, p);
    if (c === 91 /* [ */ && d === 0) {
      const kind = this.definition(li, p, e);
      if (kind) {
        this.add(0, { type: 'other', start: s, end: e, line: li, kind });
        this.leaf = undefined;
        return li;
      }
    }
    const block: ParagraphBlock = { type: 'paragraph', start: s, end: e, line: li };
    this.add(d, block);
    // A paragraph that starts with `[` may be link reference definitions: unless its first
    // line proves otherwise, any `]:` in it sends the text to remark.
    const ref = c === 91 /* [ */ && !notDefinition(text, p, e);
    if (ref && text.slice(p, e).includes(']:')) refuse();
    this.leaf = { kind: 'para', block: d ? undefined : block, start: s, line: li, ref };
    return li;
  }

  /**
   * The kind of the definition that the top-level line at `p` is on its own, or undefined: a
   * link reference definition written on one line (`[label]: destination "title"`, no title on
   * the next line), or a one-line GFM footnote definition of plain text with a blank line or
   * the end after it.
   */
  private definition(li: number, p: number, e: number): string | undefined {
    const { text, starts } = this;
    const next = li + 1 < starts.length ? starts[li + 1] : -1;
    const nextEnd = next < 0 ? -1 : lineEndAt(text, starts, li + 1);
    if (text.charCodeAt(p + 1) === 94 /* ^ */) {
      if (!footnoteLine(text, p, e) || (next >= 0 && !isBlank(text, next, nextEnd))) return undefined;
      // The first line after the blank ones must not continue the footnote (4 columns in).
      for (let k = li + 1; k < starts.length; k++) {
        const ls = starts[k];
        const le = lineEndAt(text, starts, k);
        if (isBlank(text, ls, le)) continue;
        let q = ls;
        while (q < le && text.charCodeAt(q) === 32) q++;
        if (q - ls >= 4 || text.charCodeAt(q) === 9) return undefined;
        break;
      }
      return 'footnoteDefinition';
    }
    const titled = definitionLine(text, p, e);
    if (titled === undefined) return undefined;
    // Without a title, the next line may hold one: left to remark.
    if (!titled && next >= 0) {
      let k = next;
      while (k < nextEnd && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
      const t = text.charCodeAt(k);
      if (k < nextEnd && (t === 34 || t === 39 || t === 40)) return undefined;
    }
    return 'definition';
  }

  private continuePara(li: number, e: number, p: number): number {
    const leaf = this.leaf as Extract<Leaf, { kind: 'para' }>;
    const text = this.text;
    if (leaf.ref && text.slice(p, e).includes(']:')) refuse();
    // A delimiter row would make a table of the previous line.
    if (isDelimiterRow(text, p, e)) refuse();
    this.touch(this.stack.length, e, leaf.block);
    return li;
  }

  private setext(li: number, e: number, depth: number): number {
    const leaf = this.leaf as Extract<Leaf, { kind: 'para' }>;
    const text = this.text;
    let k = leaf.start;
    while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
    this.touch(this.stack.length, e, leaf.block);
    if (leaf.block) {
      const out = this.out;
      out[out.length - 1] = { type: 'heading', start: leaf.start, end: e, line: leaf.line, depth, setext: text.charCodeAt(k) !== 35 };
    }
    this.leaf = undefined;
    return li;
  }

  /**
   * A list item whose marker ends before `m`, in context `d`. Returns -1 when the line is not
   * an item (an ordered item that would interrupt a paragraph: `para` undefined).
   */
  private item(li: number, s: number, e: number, d: number, para: boolean | undefined, m: number, mc: number, marker: string, ordered: boolean): number {
    const text = this.text;
    const after = text.charCodeAt(m);
    if (m < e && after !== 32 && after !== 9) return -1;
    if (para === undefined) return -1;
    // The content starts after the spaces and tabs that follow the marker (at column `kc`).
    let k = m;
    let kc = mc;
    for (; k < e; k++) {
      const ch = text.charCodeAt(k);
      if (ch === 32) kc++;
      else if (ch === 9) kc = (kc + 4) & ~3;
      else break;
    }
    if (k === e) refuse(); // an empty item
    if (kc - mc >= 5) refuse(); // indented code as the item's first content
    const open = this.lists[d];
    let list: ListBlock;
    this.close(d);
    if (open && open.marker === marker && open.list.ordered === ordered) {
      list = open.list;
    } else {
      list = { type: 'list', start: s, end: e, line: li, ordered, items: [] };
      if (d === 0) this.out.push(list);
      else this.stack[d - 1].item.lists.push(list);
      this.lists[d] = { list, marker };
    }
    const item: ItemBlock = { start: s, end: e, line: li, lists: [] };
    list.items.push(item);
    this.stack.push({ item, list, content: kc });
    this.lists.push(undefined);
    this.touch(this.stack.length, e, undefined);
    // Another container on the marker's line: rare, left to remark.
    if (startsContainer(text, k, e)) refuse();
    return this.start(li, s, e, k, this.stack.length, true, kc);
  }

  private closesFence(leaf: Extract<Leaf, { kind: 'fence' }>, p: number, e: number): boolean {
    const text = this.text;
    let k = p;
    while (k < e && text.charCodeAt(k) === leaf.char) k++;
    if (k - p < leaf.length) return false;
    while (k < e && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    return k === e;
  }

  /** A top-level blockquote whose lines all start with `>`, followed by a blank line or the end. */
  private blockquote(li: number, s: number, e: number): number {
    const { text, starts } = this;
    const block: Block = { type: 'other', start: s, end: e, line: li, kind: 'blockquote' };
    this.add(0, block);
    let k = li;
    for (;;) {
      const ls = starts[k];
      const le = lineEndAt(text, starts, k);
      let p = ls;
      while (p < le && text.charCodeAt(p) === 32) p++;
      if (p === le) break;
      if (text.charCodeAt(p) !== 62 || p - ls > 3) {
        let q = p;
        while (q < le && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
        if (q === le) break; // blank
        refuse(); // a lazy line or a new block right after the quote
      }
      p++;
      while (p < le && text.charCodeAt(p) === 32) p++;
      const c = text.charCodeAt(p);
      if (c === 9 || c === 60 || c === 62 || text.startsWith('```', p) || text.startsWith('~~~', p)) refuse();
      block.end = le;
      k++;
      if (k >= starts.length) break;
    }
    return k - 1;
  }

  /** Adds a block to context `d`: ends deeper items and the open leaf, ends the context's list. */
  private add(d: number, block: Block): void {
    this.close(d);
    this.lists[d] = undefined;
    if (d === 0) this.out.push(block);
    else this.touch(d, block.end, undefined);
  }

  /** Closes the open leaf and the items deeper than context `d`. */
  private close(d: number): void {
    this.leaf = undefined;
    if (this.stack.length > d) {
      this.stack.length = d;
      this.lists.length = d + 1;
    }
  }

  /** The items of the first `depth` contexts (and `block`) now end at `e`. */
  private touch(depth: number, e: number, block: Block | undefined): void {
    const stack = this.stack;
    for (let k = 0; k < depth; k++) {
      stack[k].item.end = e;
      stack[k].list.end = e;
    }
    if (block) block.end = e;
  }

  private finish(): OpenEnd | undefined {
    const leaf = this.leaf;
    // An unclosed fence or HTML block (kinds 1 to 5) runs to the end of the text, blank lines
    // and all (only the last line ending is not part of it), and so do the items around it.
    if (leaf?.kind === 'fence') {
      this.touch(this.stack.length, endBeforeLastBreak(this.text), leaf.block);
      return { kind: 'fence', char: String.fromCharCode(leaf.char), length: leaf.length };
    }
    if (leaf?.kind === 'html' && leaf.end) {
      this.touch(0, endBeforeLastBreak(this.text), leaf.block);
      return { kind: 'html', marker: leaf.end };
    }
    const last = this.out[this.out.length - 1];
    if (last && last.type === 'other' && last.kind === 'html' && this.stack.length === 0 && !this.leafIsClosedMarker(last)) {
      // Kinds 6 and 7 end at a blank line: open unless one follows (as `openAtEnd` decides).
      const rest = this.text.slice(last.end);
      const breaks = rest.match(/\r\n|\n|\r/g)?.length ?? 0;
      if (breaks < 2) return { kind: 'html', marker: 'blank' };
    }
    return undefined;
  }

  private leafIsClosedMarker(b: Block): boolean {
    const text = this.text;
    let p = b.start;
    while (text.charCodeAt(p) === 32) p++;
    const kind = htmlBlockStart(text, p, lineEnd(text, p));
    return kind >= 1 && kind <= 5;
  }
}
