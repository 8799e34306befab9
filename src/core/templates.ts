/**
 * Section templates and new documents.
 *
 * New content is built as mdast trees and serialised with mdast-util-to-markdown (GFM tables
 * and task items through mdast-util-gfm). Inserting a template never re-serialises the
 * document: it returns insertions (and, for a new phase, the `of N` total of the Current
 * Phase field) as guarded `TextEdit`s against the text they were computed from.
 *
 * Layout rules for an insertion: exactly one blank line between the new block and its
 * neighbours, never two blank lines where there was one, the document's line ending, and
 * nothing outside the insertion points changes.
 */
import type { Code, Heading as MdHeading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell as MdTableCell, ThematicBreak } from 'mdast';
import { toMarkdown, type Options as ToMarkdownOptions } from 'mdast-util-to-markdown';
import { gfmToMarkdown } from 'mdast-util-gfm';
import type { FieldStyle, OverviewTable, Phase, Plan } from './model';
import { type TextEdit, vocabularyOf } from './edits';
import { formatStatus } from './status';
import { PlanDocument } from './parse/document';
import type { Block, ItemBlock, ListBlock } from './parse/blocks';
import { splitCells } from './parse/build';
import { isBlank, lineEnd, lineStart } from './parse/lines';
import { isoDate } from './dates';
import { fieldStyleOf } from './fieldStyle';
import { pipeSegments, pipesLineUp } from './tables';
import { displayWidth } from './width';

export type TemplateKind = 'next-phase' | 'fix-block' | 'dated-update' | 'metrics-table' | 'acceptance-criterion' | 'lesson';

export const TEMPLATE_KINDS: readonly TemplateKind[] = ['next-phase', 'fix-block', 'dated-update', 'metrics-table', 'acceptance-criterion', 'lesson'];

export interface TemplateOptions {
  /** Phase title, problem summary, update summary, or the criterion / lesson text. */
  title?: string;
  /** The date written into dated templates; defaults to now. */
  now?: Date;
  /**
   * Cursor offset. fix-block, dated-update and metrics-table go after the section the cursor
   * is in; acceptance-criterion and lesson pick the nearest matching list before it.
   * Ignored by next-phase.
   */
  offset?: number;
}

export type DocumentTemplate = 'plan' | 'log' | 'summary' | 'tracker';

export const DOCUMENT_TEMPLATES: readonly DocumentTemplate[] = ['plan', 'log', 'summary', 'tracker'];

export interface NewDocumentOptions {
  title?: string;
  now?: Date;
  eol?: '\n' | '\r\n';
}

// ---------------------------------------------------------------------------------------------
// mdast builders and serialisation

const txt = (value: string): PhrasingContent => ({ type: 'text', value });
const bold = (value: string): PhrasingContent => ({ type: 'strong', children: [txt(value)] });
const para = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const heading = (depth: number, value: string): MdHeading => ({ type: 'heading', depth: clampDepth(depth), children: [txt(value)] });
const item = (children: ListItem['children'], checked?: boolean): ListItem => ({ type: 'listItem', spread: false, checked: checked ?? null, children });
const bullets = (...items: ListItem[]): List => ({ type: 'list', ordered: false, spread: false, children: items });
const numbered = (start: number, ...items: ListItem[]): List => ({ type: 'list', ordered: true, start, spread: false, children: items });
const rule = (): ThematicBreak => ({ type: 'thematicBreak' });
const emptyCode = (): Code => ({ type: 'code', lang: null, meta: null, value: '' });

function clampDepth(depth: number): 1 | 2 | 3 | 4 | 5 | 6 {
  return Math.min(6, Math.max(1, Math.round(depth))) as 1 | 2 | 3 | 4 | 5 | 6;
}

/** A labelled line in one of the three field styles: `**Key:** v`, `**Key**: v`, `Key: v`. */
function field(style: FieldStyle, key: string, value: string): Paragraph {
  switch (style) {
    case 'colon-outside':
      return para(bold(key), txt(value ? `: ${value}` : ':'));
    case 'plain':
      return para(txt(`${key}: ${value}`));
    default:
      return value ? para(bold(`${key}:`), txt(` ${value}`)) : para(bold(`${key}:`));
  }
}

/** A list item that starts with a bold label: `- **Root Cause:** ...`. */
function labelledItem(label: string, value: string, ...more: ListItem['children']): ListItem {
  return item([para(bold(`${label}:`), txt(` ${value}`)), ...more]);
}

function table(header: string[], rows: string[][]): Table {
  const cell = (v: string): MdTableCell => ({ type: 'tableCell', children: v ? [txt(v)] : [] });
  return {
    type: 'table',
    align: header.map(() => null),
    children: [header, ...rows].map((r) => ({ type: 'tableRow' as const, children: r.map(cell) })),
  };
}

interface RuleShape {
  rule: '-' | '*' | '_';
  ruleRepetition: number;
  ruleSpaces: boolean;
}

const DEFAULT_RULE: RuleShape = { rule: '-', ruleRepetition: 3, ruleSpaces: false };

/** Serialises nodes as Markdown with `\n` line endings and no final line ending. */
function serialize(nodes: RootContent[], options: Partial<ToMarkdownOptions> = {}): string {
  const root: Root = { type: 'root', children: nodes };
  const out = toMarkdown(root, {
    extensions: [gfmToMarkdown()],
    bullet: '-',
    bulletOrdered: '.',
    listItemIndent: 'one',
    fences: true,
    emphasis: '_',
    strong: '*',
    ...DEFAULT_RULE,
    ...options,
  });
  return out.replace(/\n+$/, '');
}

function withEol(s: string, eol: string): string {
  return eol === '\n' ? s : s.replace(/\n/g, eol);
}

/** One line of user text: no line breaks, no runs of spaces. */
function oneLine(s: string | undefined): string | undefined {
  const v = s?.replace(/\s+/g, ' ').trim();
  return v ? v : undefined;
}

// ---------------------------------------------------------------------------------------------
// Template bodies (our own wording)

interface PhaseShape {
  depth: number;
  style: FieldStyle;
  status: string;
  word: string;
  separator: string;
  stepsLabel: string;
}

function phaseNodes(n: number, title: string, shape: PhaseShape, goal?: string, steps?: string[]): RootContent[] {
  const sep = shape.separator === ':' ? ': ' : shape.separator === '.' ? '. ' : ` ${shape.separator} `;
  return [
    heading(shape.depth, `${shape.word} ${n}${sep}${title}`),
    field(shape.style, 'Status', shape.status),
    field(shape.style, 'Goal', goal ?? 'Say in one sentence what this phase delivers.'),
    field(shape.style, shape.stepsLabel, ''),
    numbered(1, ...(steps ?? ['Write down the first concrete step.']).map((s) => item([para(txt(s))]))),
    field(shape.style, 'Tests', ''),
    bullets(item([para(txt('Name the checks that prove this phase works.'))])),
    field(shape.style, 'Checkpoint', 'How to tell the phase is done before the next one starts.'),
    field(shape.style, 'Estimated Complexity', 'Medium'),
  ];
}

function fixNodes(depth: number, title: string): RootContent[] {
  return [
    heading(depth, `Problem: ${title}`),
    bullets(
      labelledItem('Root Cause', 'Why it happened, one level below the symptom.'),
      labelledItem('Solution', 'What was changed, with the snippet that shows it.', emptyCode()),
      labelledItem('💡 Gold Nugget', 'The rule worth keeping for next time.'),
    ),
  ];
}

function updateNodes(date: string, summary: string): RootContent[] {
  return [
    heading(3, `${date} Update: ${summary}`),
    bullets(
      labelledItem('Progress', 'What moved forward since the last entry.'),
      labelledItem('Key Breakthrough', 'The finding that unblocked the work, if there was one.'),
      labelledItem('Setbacks', 'What broke or went backwards along the way.'),
      labelledItem('Remaining Issues', 'What is still open after this session.'),
      labelledItem('Updated Metrics', 'The numbers now, next to where they started.'),
    ),
  ];
}

function metricsTable(): Table {
  return table(
    ['Metric', 'Target', 'Result', 'Status'],
    [
      ['First measure', 'Goal value', 'Measured value', 'Pending'],
      ['Second measure', 'Goal value', 'Measured value', 'Pending'],
    ],
  );
}

const DEFAULTS: Record<TemplateKind, string> = {
  'next-phase': 'New phase',
  'fix-block': 'Describe the problem in one line',
  'dated-update': 'What this session changed',
  'metrics-table': '',
  'acceptance-criterion': 'Describe a result anyone can check',
  lesson: 'What this work taught us',
};

// ---------------------------------------------------------------------------------------------
// Document structure helpers

/** Block summaries with absolute offsets (byte-order mark included). */
function documentBlocks(text: string): Block[] {
  const doc = PlanDocument.parse(text);
  const out: Block[] = [];
  for (const s of doc.sections) {
    const off = s.start + doc.bom;
    for (const b of s.blocks) out.push(shiftBlock(b, off));
  }
  return out;
}

function shiftList(l: ListBlock, off: number): ListBlock {
  return { ...l, start: l.start + off, end: l.end + off, items: l.items.map((it): ItemBlock => ({ ...it, start: it.start + off, end: it.end + off, lists: it.lists.map((x) => shiftList(x, off)) })) };
}

function shiftBlock(b: Block, off: number): Block {
  if (b.type === 'list') return shiftList(b, off);
  return { ...b, start: b.start + off, end: b.end + off };
}

/** Start of the line after the one containing `offset` (or the text's end). */
function nextLineStart(text: string, offset: number): number {
  const e = lineEnd(text, offset);
  if (e >= text.length) return text.length;
  return e + (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? 2 : 1);
}

/**
 * An insertion of `body` (already in the document's line endings, without a final one) at
 * `at`, which is a line start or the text's end, with one blank line on each side.
 */
function insertBlock(text: string, at: number, body: string, eol: string, bom: number): TextEdit {
  let prefix = '';
  if (at > bom) {
    const c = text.charCodeAt(at - 1);
    if (c !== 10 && c !== 13) prefix = eol + eol;
    else {
      const prevEnd = c === 10 && text.charCodeAt(at - 2) === 13 ? at - 2 : at - 1;
      if (!isBlank(text, lineStart(text, prevEnd), prevEnd)) prefix = eol;
    }
  }
  let suffix = eol;
  if (at < text.length && !isBlank(text, at, lineEnd(text, at))) suffix = eol + eol;
  return { offset: at, length: 0, text: prefix + body + suffix, expected: '' };
}

/** The thematic break that ends the range [start, end) (only blank lines after it), if any. */
function trailingRule(blocks: readonly Block[], start: number, end: number): Block | undefined {
  let last: Block | undefined;
  for (const b of blocks) {
    if (b.start >= end) break;
    if (b.start >= start) last = b;
  }
  return last && last.type === 'other' && last.kind === 'thematicBreak' && last.start > start ? last : undefined;
}

function ruleShape(text: string, b: Block): RuleShape {
  const line = text.slice(b.start, b.end).trim();
  const ch = line[0] === '*' ? '*' : line[0] === '_' ? '_' : '-';
  const count = [...line].filter((c) => c === ch).length;
  return { rule: ch, ruleRepetition: Math.max(3, count), ruleSpaces: /\s/.test(line) };
}

/** The innermost heading whose section contains `offset`. */
function enclosingHeading(plan: Plan, offset: number): Plan['headings'][number] | undefined {
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
function afterCursorSection(text: string, plan: Plan, blocks: readonly Block[], offset: number | undefined): number {
  if (offset === undefined) return text.length;
  const h = enclosingHeading(plan, offset);
  const start = h ? h.range.start : plan.bom;
  const end = h ? h.sectionEnd : (plan.headings[0]?.range.start ?? text.length);
  const r = trailingRule(blocks, start, end);
  return r ? r.start : end;
}

// ---------------------------------------------------------------------------------------------
// Statuses in the document's words

/** The shape to copy a pending status from: a pending phrase, else a snake-case one, else the last. */
function shapeFrom(text: string, marks: ReadonlyArray<{ status: string; phraseRange: { start: number; end: number } }>): string {
  const phrase = (m: (typeof marks)[number]): string => text.slice(m.phraseRange.start, m.phraseRange.end);
  const known = marks.filter((m) => m.status !== 'unknown');
  const pending = known.find((m) => m.status === 'pending');
  if (pending) return phrase(pending);
  const snake = known.find((m) => /[A-Z]_[A-Z]/.test(phrase(m)));
  if (snake) return phrase(snake);
  const last = known[known.length - 1];
  return last ? phrase(last) : '';
}

// ---------------------------------------------------------------------------------------------
// Overview table rows

/** Escapes cell texts the way mdast-util-to-markdown writes them inside a GFM table. */
function escapeCells(values: string[]): string[] {
  const md = toMarkdown(table(values, []), { extensions: [gfmToMarkdown({ tablePipeAlign: false })] });
  const first = md.slice(0, lineEnd(md, 0));
  const cells = splitCells(first, 0, first.length).map((c) => c.text);
  return values.map((_v, i) => cells[i] ?? '');
}

/** A new row for `ov`, padded to the table's column widths when the table is aligned. */
function overviewRow(text: string, ov: OverviewTable, values: string[]): string {
  const headerLine = text.slice(ov.header.range.start, ov.header.range.end);
  const delimStart = nextLineStart(text, ov.header.range.start);
  const delimLine = text.slice(delimStart, lineEnd(text, delimStart));
  const aligned = pipesLineUp(headerLine, delimLine);
  const segs = pipeSegments(headerLine);
  const lead = /^[ \t]*$/.test(segs[0]) && segs.length > 1;
  const trail = segs.length > 1 && /^[ \t]*$/.test(segs[segs.length - 1]);
  const indent = lead ? segs[0] : '';
  const cellSegs = segs.slice(lead ? 1 : 0, trail ? -1 : undefined);
  const cells = cellSegs.map((seg, i) => {
    const last = i === cellSegs.length - 1 && !trail;
    const before = /^[ \t]/.test(seg) ? ' ' : '';
    const after = /[ \t]$/.test(seg) && !last ? ' ' : '';
    let cell = before + (values[i] ?? '');
    if (aligned && !last) {
      const width = displayWidth(seg);
      const missing = width - displayWidth(cell);
      cell += missing >= after.length ? ' '.repeat(missing) : after;
    } else cell += after;
    return cell;
  });
  return indent + (lead ? '|' : '') + cells.join('|') + (trail ? '|' : '');
}

/** The plan's last overview table whose rows tie to phases. */
function governingOverview(plan: Plan): number | undefined {
  for (let i = plan.overviews.length - 1; i >= 0; i--) if (plan.overviews[i].rows.some((r) => r.phase !== undefined)) return i;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// next-phase

function nextPhase(text: string, plan: Plan, title: string): TextEdit[] {
  const eol = plan.eol;
  const blocks = documentBlocks(text);
  const edits: TextEdit[] = [];
  let max = 0;
  for (const p of plan.phases) {
    const n = p.number !== undefined ? parseInt(p.number, 10) : NaN;
    if (Number.isFinite(n) && n > max) max = n;
  }
  const n = max + 1;
  const minDepth = plan.phases.length ? Math.min(...plan.phases.map((p) => p.depth)) : 2;
  const top = plan.phases.filter((p) => p.depth === minDepth);
  const last: Phase | undefined = top[top.length - 1];

  // The phase's shape, copied from the phases already there.
  const vocab = vocabularyOf(plan);
  const fieldMarks = plan.phases.map((p) => p.mark).filter((m): m is NonNullable<typeof m> => m?.source === 'field');
  const stepsField = [...plan.phases].reverse().flatMap((p) => p.fields).find((f) => /\bsteps?\b/i.test(f.key));
  const lastNumbered = [...plan.phases].reverse().find((p) => p.number !== undefined);
  const sepMatch = lastNumbered ? /^\W*(phase|stage|milestone)\s+\d+(?:\.\d+)*[a-z]?\s*([:.)\-–—])?/i.exec(text.slice(lastNumbered.headingRange.start, lastNumbered.headingRange.end).replace(/^#+\s*/, '')) : null;
  const shape: PhaseShape = {
    depth: minDepth,
    style: fieldStyleOf(plan),
    status: formatStatus('pending', shapeFrom(text, fieldMarks), vocab.fields),
    word: sepMatch ? sepMatch[1] : 'Phase',
    separator: sepMatch?.[2] === ')' ? ':' : (sepMatch?.[2] ?? ':'),
    stepsLabel: stepsField?.key ?? 'Steps',
  };

  // The section, keeping the `---` rhythm between phases.
  const nodes = phaseNodes(n, title, shape);
  let at = text.length;
  let ruleOptions: RuleShape = DEFAULT_RULE;
  if (last) {
    at = last.sectionRange.end;
    const own = trailingRule(blocks, last.headingRange.start, last.sectionRange.end);
    const between = top
      .slice(0, -1)
      .map((p) => trailingRule(blocks, p.headingRange.start, p.sectionRange.end))
      .filter((b): b is Block => !!b);
    if (own) {
      ruleOptions = ruleShape(text, own);
      nodes.push(rule());
    } else if (between.length) {
      ruleOptions = ruleShape(text, between[between.length - 1]);
      nodes.unshift(rule());
    }
  }
  edits.push(insertBlock(text, at, withEol(serialize(nodes, ruleOptions), eol), eol, plan.bom));

  // A row in the governing overview table.
  const ti = governingOverview(plan);
  if (ti !== undefined) {
    const ov = plan.overviews[ti];
    const ncols = ov.header.cells.length;
    const values: string[] = new Array<string>(ncols).fill('');
    const dash = (col: number): boolean => ov.rows.some((r) => r.cells[col]?.text === '-');
    for (let c = 0; c < ncols; c++) if (dash(c)) values[c] = '-';
    if (ov.nameColumn !== undefined) values[ov.nameColumn] = title;
    values[ov.statusColumn] = formatStatus(
      'pending',
      shapeFrom(text, ov.rows.map((r) => r.mark).filter((m): m is NonNullable<typeof m> => !!m)),
      vocab.table,
    );
    const escaped = escapeCells(values);
    // The phase cell copies the shape of the last tied row (`3`, `Phase 3`, `**3**`).
    const tied = [...ov.rows].reverse().find((r) => r.phase !== undefined && plan.phases[r.phase].number !== undefined);
    let phaseCell = String(n);
    if (tied) {
      const cellText = tied.cells[ov.phaseColumn].text;
      const num = plan.phases[tied.phase!].number!;
      const at2 = cellText.indexOf(num);
      if (at2 >= 0) phaseCell = cellText.slice(0, at2) + String(n) + cellText.slice(at2 + num.length);
    }
    escaped[ov.phaseColumn] = phaseCell;
    edits.push({ offset: ov.range.end, length: 0, text: eol + overviewRow(text, ov, escaped), expected: '' });
  }

  // `Current Phase: Phase 3 of 6` -> `of 7`.
  const cpIndex = [...plan.currentPhaseFields].reverse().find((i) => plan.fields[i].range.start < at) ?? plan.currentPhaseFields[0];
  if (cpIndex !== undefined) {
    const f = plan.fields[cpIndex];
    const m = /^([*_\s]*(?:phase\s+)?\d+(?:\.\d+)*\s*(?:of|\/)\s*)(\d+)/i.exec(f.value);
    if (m) {
      const start = f.valueRange.start + m[1].length;
      edits.push({ offset: start, length: m[2].length, text: String(parseInt(m[2], 10) + 1), expected: m[2] });
    }
  }
  return edits.sort((a, b) => a.offset - b.offset);
}

// ---------------------------------------------------------------------------------------------
// Lists under a heading or label: acceptance criteria, lessons

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
  return { offset: list.end, length: 0, text: (loose ? eol + eol : eol) + withEol(md, eol), expected: '' };
}

function listTemplate(
  text: string,
  plan: Plan,
  options: TemplateOptions,
  re: RegExp,
  sectionTitle: string,
  orderedByDefault: boolean,
  make: (ordered: boolean, next: number) => List,
): TextEdit[] {
  const blocks = documentBlocks(text);
  const anchor = pickAnchor(anchors(text, plan, blocks, re), options.offset);
  if (anchor?.list) return [appendToList(text, plan, anchor.list, make)];
  if (anchor) return [insertBlock(text, anchor.listAt, withEol(serialize([make(orderedByDefault, 1)]), plan.eol), plan.eol, plan.bom)];
  const md = serialize([heading(2, sectionTitle), make(orderedByDefault, 1)]);
  return [insertBlock(text, text.length, withEol(md, plan.eol), plan.eol, plan.bom)];
}

// ---------------------------------------------------------------------------------------------
// The API

/** Edits (insertions, plus the `of N` total for a new phase) that add a template to `text`. */
export function insertTemplate(text: string, plan: Plan, kind: TemplateKind, options: TemplateOptions = {}): TextEdit[] {
  const title = oneLine(options.title) ?? DEFAULTS[kind];
  const now = options.now ?? new Date();
  const eol = plan.eol;
  switch (kind) {
    case 'next-phase':
      return nextPhase(text, plan, title);
    case 'fix-block': {
      const blocks = documentBlocks(text);
      const at = afterCursorSection(text, plan, blocks, options.offset);
      let depth = 4;
      if (options.offset !== undefined) {
        const h = enclosingHeading(plan, options.offset);
        if (h) depth = /^\W*(?:problem|issue)\s*:/i.test(h.text) ? h.depth : h.depth + 1;
      }
      return [insertBlock(text, at, withEol(serialize(fixNodes(depth, title)), eol), eol, plan.bom)];
    }
    case 'dated-update': {
      const at = afterCursorSection(text, plan, documentBlocks(text), options.offset);
      return [insertBlock(text, at, withEol(serialize(updateNodes(isoDate(now), title)), eol), eol, plan.bom)];
    }
    case 'metrics-table': {
      const at = afterCursorSection(text, plan, documentBlocks(text), options.offset);
      return [insertBlock(text, at, withEol(serialize([metricsTable()]), eol), eol, plan.bom)];
    }
    case 'acceptance-criterion':
      return listTemplate(text, plan, options, /acceptance|criteria/i, 'Acceptance Criteria', false, (ordered, next) => {
        const it = item([para(txt(title))], false);
        return ordered ? numbered(next, it) : bullets(it);
      });
    case 'lesson':
      return listTemplate(text, plan, options, /lesson/i, 'Lessons', true, (ordered, next) => {
        const it = item([para(txt(`${isoDate(now)}: ${title}`))]);
        return ordered ? numbered(next, it) : bullets(it);
      });
    default: {
      const never: never = kind;
      throw new Error(`Unknown template "${String(never)}"; allowed: ${TEMPLATE_KINDS.join(', ')}.`);
    }
  }
}

/** A whole new document of the given kind, in our own words. */
export function newDocument(kind: DocumentTemplate, options: NewDocumentOptions = {}): string {
  const now = options.now ?? new Date();
  const date = isoDate(now);
  const title = oneLine(options.title);
  const eol = options.eol ?? '\n';
  let nodes: RootContent[];
  switch (kind) {
    case 'plan':
      nodes = planDocument(title, date);
      break;
    case 'log':
      nodes = logDocument(title, date);
      break;
    case 'summary':
      nodes = summaryDocument(title, date);
      break;
    case 'tracker':
      nodes = trackerDocument(title, date);
      break;
    default: {
      const never: never = kind;
      throw new Error(`Unknown document template "${String(never)}"; allowed: ${DOCUMENT_TEMPLATES.join(', ')}.`);
    }
  }
  return withEol(serialize(nodes), eol) + eol;
}

function planDocument(title: string | undefined, date: string): RootContent[] {
  const style: FieldStyle = 'colon-inside';
  const phases: Array<{ name: string; goal: string; steps: string[]; estimate: string }> = [
    {
      name: 'Groundwork',
      goal: 'Put the scaffolding in place so the later phases have something to build on.',
      steps: ['List the files and modules this feature will touch.', 'Add the empty types and stubs the other phases fill in.'],
      estimate: '1-2 hours',
    },
    {
      name: 'Core changes',
      goal: 'Make the feature work end to end on the happy path.',
      steps: ['Implement the main behaviour behind the stubs.', 'Wire it into the places that call it.'],
      estimate: '2-4 hours',
    },
    {
      name: 'Hardening',
      goal: 'Cover the edge cases, tidy up and get the change ready to ship.',
      steps: ['Handle the error paths found while building.', 'Update the docs and run the whole test suite.'],
      estimate: '1-2 hours',
    },
  ];
  const shape: PhaseShape = { depth: 2, style, status: 'Pending', word: 'Phase', separator: ':', stepsLabel: 'Steps' };
  const nodes: RootContent[] = [
    heading(1, `Execution Plan: ${title ?? 'New Feature'}`),
    field(style, 'Feature', title ?? 'Name the feature in a few words'),
    field(style, 'Status', 'Pending'),
    field(style, 'Started', date),
    field(style, 'Current Phase', `Phase 1 of ${phases.length}`),
    rule(),
    heading(2, 'Phase Overview'),
    table(
      ['Phase', 'Name', 'Status', 'Estimate'],
      phases.map((p, i) => [String(i + 1), p.name, 'Pending', p.estimate]),
    ),
    rule(),
  ];
  phases.forEach((p, i) => {
    nodes.push(...phaseNodes(i + 1, p.name, shape, p.goal, p.steps), rule());
  });
  nodes.push(
    heading(2, 'Acceptance Criteria'),
    bullets(
      item([para(txt('The feature does what its description promises.'))], false),
      item([para(txt('Every new code path has a test that fails without it.'))], false),
      item([para(txt('Nothing that worked before the change is broken.'))], false),
    ),
    heading(2, 'Lessons'),
    numbered(1, item([para(txt(`${date}: Note what surprised you here while it is still fresh.`))])),
  );
  return nodes;
}

function logDocument(title: string | undefined, date: string): RootContent[] {
  const style: FieldStyle = 'colon-inside';
  return [
    heading(1, `Execution Log: ${title ?? 'Untitled Work'}`),
    field(style, 'Started', date),
    field(style, 'Completed', 'not yet'),
    heading(2, 'Summary'),
    para(txt('Two or three sentences: where things stood, what was done, and how it ended.')),
    bullets(
      labelledItem('Before', 'The numbers at the start (failing tests, latency, errors).'),
      labelledItem('After', 'The same numbers at the end.'),
    ),
    rule(),
    heading(2, 'Fixes'),
    ...fixNodes(3, 'Describe the first problem in one line'),
    rule(),
    heading(2, 'Progress Updates'),
    ...updateNodes(date, 'Work started'),
    rule(),
    heading(2, 'Final Metrics'),
    metricsTable(),
    heading(2, 'Guidelines'),
    para(txt('The gold nuggets above, boiled down to rules for the next piece of work.')),
    numbered(1, item([para(txt('Write the first guideline here.'))])),
  ];
}

function summaryDocument(title: string | undefined, date: string): RootContent[] {
  const style: FieldStyle = 'colon-outside';
  return [
    heading(1, `Session Summary: ${title ?? 'Work Session'}`),
    field(style, 'Date', date),
    field(style, 'Duration', 'hours spent in this session'),
    field(style, 'Status', 'In Progress'),
    rule(),
    heading(2, 'Accomplishments'),
    bullets(item([para(txt('What got finished, with the file or commit that shows it.'))])),
    heading(2, 'Decisions'),
    bullets(labelledItem('Decision', 'What was chosen.', bullets(labelledItem('Why', 'The reason, and what it rules out.')))),
    heading(2, 'Key Metrics'),
    table(
      ['Metric', 'Value', 'Target', 'Status'],
      [
        ['Tests passing', '0', 'all', 'Pending'],
        ['Coverage', '0%', '80%', 'Pending'],
      ],
    ),
    heading(2, 'Risks'),
    bullets(labelledItem('Risk', 'What could still go wrong, and how likely it is.', bullets(labelledItem('Mitigation', 'What keeps it small.')))),
    heading(2, 'Next Steps'),
    bullets(
      item([para(txt('Pick up where this session stopped.'))], false),
      item([para(txt('Re-run the metrics above and update them.'))], false),
    ),
  ];
}

function trackerDocument(title: string | undefined, date: string): RootContent[] {
  const style: FieldStyle = 'colon-outside';
  const tasks: Array<[string, string, string, string]> = [
    ['TASK-001', 'Describe the first task', 'High', '2h'],
    ['TASK-002', 'Describe the second task', 'Medium', '1h'],
    ['TASK-003', 'Describe the third task', 'Low', '0.5h'],
  ];
  const nodes: RootContent[] = [heading(1, `Task Tracker: ${title ?? 'Open Work'}`), field(style, 'Date', date), rule(), heading(2, 'Tasks')];
  for (const [id, name, priority, estimate] of tasks) {
    nodes.push(
      heading(3, `${id}: ${name}`),
      field(style, 'Status', 'NOT_STARTED'),
      field(style, 'Priority', priority),
      field(style, 'Estimated Effort', estimate),
      field(style, 'Actual Effort', 'not recorded yet'),
    );
  }
  nodes.push(
    rule(),
    heading(2, 'Summary by Priority'),
    table(
      ['Priority', 'Tasks', 'Not Started', 'In Progress', 'Complete'],
      [
        ['High', '1', '1', '0', '0'],
        ['Medium', '1', '1', '0', '0'],
        ['Low', '1', '1', '0', '0'],
        ['Total', '3', '3', '0', '0'],
      ],
    ),
  );
  return nodes;
}
