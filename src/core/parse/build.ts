/**
 * Builds the plan model from block summaries. Text always comes from the source (slices at
 * block offsets), never from mdast inline nodes, so a title or a status reads the same
 * however the document around it parses.
 */
import type {
  DocumentKind,
  Field,
  FieldStyle,
  FixBlock,
  Heading,
  Nugget,
  OverviewTable,
  Phase,
  Plan,
  Status,
  StatusMark,
  TableCell,
  TableRow,
  Task,
} from '../model';
import { findStatusEmoji, parseStatusText } from '../status';
import type { Block, ItemBlock, ListBlock } from './blocks';
import { detectEol, lineEnd } from './lines';

export interface Segment {
  blocks: readonly Block[];
  /** Offset of the segment in the full text (byte-order mark included). */
  offset: number;
  line: number;
}

// ---- line-level readers ----

const FIELD_INSIDE = /^([ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)\*\*([^*\r\n]{1,80}?):\*\*[ \t]*(.*)$/;
const FIELD_OUTSIDE = /^([ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)\*\*([^*\r\n]{1,80}?)\*\*:[ \t]*(.*)$/;
const FIELD_PLAIN = /^([ \t]*(?:[-*+][ \t]+)?)([A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}):[ \t]+(.*)$/;

export function fieldName(key: string): string {
  return key
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads a field from the line text[s, e). */
export function readField(text: string, s: number, e: number, line: number): Field | undefined {
  const c = text.charCodeAt(s);
  // Quick rejects: fields start with `*`, a list marker, spaces, or a capital letter.
  if (!(c === 42 || c === 45 || c === 43 || c === 32 || c === 9 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return undefined;
  const lineText = text.slice(s, e);
  let style: FieldStyle = 'colon-inside';
  let m = FIELD_INSIDE.exec(lineText);
  if (!m) {
    style = 'colon-outside';
    m = FIELD_OUTSIDE.exec(lineText);
  }
  if (!m) {
    style = 'plain';
    m = FIELD_PLAIN.exec(lineText);
  }
  if (!m) return undefined;
  const key = m[2].trim();
  const name = fieldName(key);
  if (!name) return undefined;
  const valueStart = s + lineText.length - m[3].length;
  let valueEnd = e;
  while (valueEnd > valueStart && (text.charCodeAt(valueEnd - 1) === 32 || text.charCodeAt(valueEnd - 1) === 9)) valueEnd--;
  return {
    key,
    name,
    value: text.slice(valueStart, valueEnd),
    range: { start: s, end: e },
    valueRange: { start: valueStart, end: valueEnd },
    line,
    style,
  };
}

/** Cleans a heading's text: strips `#` marks, closing sequence, and emphasis wrapping the whole. */
function headingText(text: string, b: Block & { type: 'heading' }): { text: string; start: number; end: number } {
  let s = b.start;
  let e = lineEnd(text, b.start);
  if (!b.setext) {
    while (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9) s++;
    while (text.charCodeAt(s) === 35) s++;
    // closing sequence
    let ce = e;
    while (ce > s && (text.charCodeAt(ce - 1) === 32 || text.charCodeAt(ce - 1) === 9)) ce--;
    let h = ce;
    while (h > s && text.charCodeAt(h - 1) === 35) h--;
    if (h < ce && (h === s || text.charCodeAt(h - 1) === 32 || text.charCodeAt(h - 1) === 9)) e = h;
    else e = ce;
  } else {
    // setext: all lines but the underline
    let last = b.end;
    while (last > b.start && text.charCodeAt(last - 1) !== 10 && text.charCodeAt(last - 1) !== 13) last--;
    e = last;
    while (e > s && /\s/.test(text[e - 1])) e--;
  }
  while (s < e && /[ \t]/.test(text[s])) s++;
  while (e > s && /[ \t]/.test(text[e - 1])) e--;
  let raw = text.slice(s, e).replace(/\s*\r?\n\s*/g, ' ');
  const wrap = /^(\*\*|__)(.*)\1$/.exec(raw);
  if (wrap && !wrap[2].includes(wrap[1])) {
    raw = wrap[2].trim();
  }
  return { text: raw, start: s, end: e };
}

const PHASE_NUMBER = /^(?:phase|stage|milestone)\s+(\d+(?:\.\d+)*[a-z]?)(?=$|[\s:.)\-–—])\s*[:.)\-–—]?\s*(.*)$/i;
const PHASE_ID = /^(?:[Pp]hase\s+)?((?:PH|PHASE|WS|WP|MS)(?:-[A-Z0-9]+)+)(?=$|[\s:.\-–—])\s*[:.\-–—]?\s*(.*)$/;
const TASK_ID_HEADING = /^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+[A-Z0-9]*)(?=$|[\s:.\-–—])\s*[:.\-–—]?\s*(.*)$/;
const CHECKBOX = /^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[([ xX\-/~])\](?=[ \t]|$)[ \t]*(.*)$/;
const ITEM_LINE = /^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(.*)$/;

/** Splits a trailing status emoji off a title: `Test Execution ✅` -> status mark. */
function trailingMark(text: string, start: number, end: number, source: StatusMark['source']): StatusMark | undefined {
  const slice = text.slice(start, end);
  const found = findStatusEmoji(slice);
  if (!found.length) return undefined;
  const last = found[found.length - 1];
  const after = slice.slice(last.end);
  if (!/^\s*(?:\*\*|__)?\s*(?:\([^)]*\)|\*\*[^*]*\*\*|[A-Z_]+(?: [A-Z_]+)*)?\s*(?:\*\*|__)?\s*$/.test(after)) return undefined;
  return {
    status: last.status,
    text: slice.slice(last.start, last.end),
    range: { start: start + last.start, end: start + last.end },
    phraseRange: { start: start + last.start, end: start + last.end },
    source,
  };
}

function leadingMark(text: string, start: number, end: number): StatusMark | undefined {
  const slice = text.slice(start, Math.min(end, start + 16));
  const found = findStatusEmoji(slice);
  if (!found.length || found[0].start !== 0) return undefined;
  const f = found[0];
  return {
    status: f.status,
    text: slice.slice(f.start, f.end),
    range: { start: start + f.start, end: start + f.end },
    phraseRange: { start: start + f.start, end: start + f.end },
    source: 'marker',
  };
}

function fieldMark(f: Field): StatusMark {
  const p = parseStatusText(f.value);
  const base = f.valueRange.start;
  return {
    status: p.status,
    text: f.value,
    range: f.valueRange,
    phraseRange: { start: base + p.phraseStart, end: base + p.phraseEnd },
    source: 'field',
  };
}

function checkboxStatus(ch: string): Status {
  switch (ch) {
    case 'x':
    case 'X':
      return 'completed';
    case '-':
    case '/':
      return 'in-progress';
    case '~':
      return 'blocked';
    default:
      return 'pending';
  }
}

/** Splits a table row into trimmed cell ranges, GFM style (unescaped pipes). */
export function splitCells(text: string, s: number, e: number): TableCell[] {
  const cells: TableCell[] = [];
  let i = s;
  while (i < e && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === '|') i++;
  let cellStart = i;
  const push = (a: number, b: number): void => {
    while (a < b && /[ \t]/.test(text[a])) a++;
    while (b > a && /[ \t]/.test(text[b - 1])) b--;
    cells.push({ text: text.slice(a, b), range: { start: a, end: b } });
  };
  let endedWithPipe = false;
  for (; i < e; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '|') {
      push(cellStart, i);
      cellStart = i + 1;
      endedWithPipe = true;
    } else if (c !== ' ' && c !== '\t') endedWithPipe = false;
  }
  if (!endedWithPipe || cellStart < e) {
    const rest = text.slice(cellStart, e);
    if (rest.trim() || !endedWithPipe) push(cellStart, e);
  }
  return cells;
}

function plainCell(s: string): string {
  return s.replace(/^(\*\*|__|`)(.*)\1$/, '$2').trim();
}

// ---- the builder ----

interface Context {
  text: string;
  headings: Heading[];
  phases: Phase[];
  tasks: Task[];
  fields: Field[];
  /** Every field, in lists too, for fix blocks and nuggets. */
  allFields: Array<Field & { inList: boolean }>;
  tables: Array<{ header: TableRow; rows: TableRow[]; range: { start: number; end: number }; line: number }>;
  trackerTasks: number[];
  /** Open headings (section not yet closed), outermost first. */
  open: Array<{ heading: Heading; phase?: number; tracker?: number; fix?: FixBlock; criteria: boolean }>;
  fixes: FixBlock[];
  /** Label of the block before the current one (paragraph's last line or a heading). */
  label: string;
}

/** `lineCount`, when the caller knows it (sections do), saves a scan of the whole text. */
export function buildPlan(text: string, bom: number, segments: readonly Segment[], lineCount = countLines(text)): Plan {
  const ctx: Context = {
    text,
    headings: [],
    phases: [],
    tasks: [],
    fields: [],
    allFields: [],
    tables: [],
    trackerTasks: [],
    open: [],
    fixes: [],
    label: '',
  };
  for (const seg of segments) {
    for (const b of seg.blocks) visitBlock(ctx, b, seg.offset, seg.line);
  }
  closeHeadings(ctx, 0, text.length);
  return finish(ctx, text, bom, lineCount);
}

function countLines(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) !== 10) n++;
    }
  }
  return n;
}

function closeHeadings(ctx: Context, depth: number, at: number): void {
  while (ctx.open.length && ctx.open[ctx.open.length - 1].heading.depth >= depth) {
    const o = ctx.open.pop()!;
    o.heading.sectionEnd = at;
    if (o.phase !== undefined) ctx.phases[o.phase].sectionRange.end = at;
    if (o.tracker !== undefined) ctx.tasks[o.tracker].sectionRange.end = at;
    if (o.fix) o.fix.range.end = at;
  }
}

function innerPhase(ctx: Context): number | undefined {
  for (let i = ctx.open.length - 1; i >= 0; i--) if (ctx.open[i].phase !== undefined) return ctx.open[i].phase;
  return undefined;
}

function innerTracker(ctx: Context): number | undefined {
  for (let i = ctx.open.length - 1; i >= 0; i--) {
    if (ctx.open[i].tracker !== undefined) return ctx.open[i].tracker;
    if (ctx.open[i].phase !== undefined) return undefined;
  }
  return undefined;
}

function inCriteria(ctx: Context): boolean {
  return ctx.open.some((o) => o.criteria);
}

const CRITERIA = /criteri|acceptance|definition of done|checklist|success/i;
const STEPS = /\bsteps?\b|\btasks?\b|implementation|to ?do/i;

function visitBlock(ctx: Context, b: Block, off: number, ln: number): void {
  const text = ctx.text;
  switch (b.type) {
    case 'heading': {
      const start = b.start + off;
      const end = b.end + off;
      closeHeadings(ctx, b.depth, start);
      const ht = headingText(text, { ...b, start, end });
      const heading: Heading = { depth: b.depth, text: ht.text, range: { start, end: lineEnd(text, start) }, line: b.line + ln, sectionEnd: text.length };
      ctx.headings.push(heading);
      const entry: Context['open'][number] = { heading, criteria: CRITERIA.test(ht.text) };
      classifyHeading(ctx, heading, ht, entry);
      ctx.open.push(entry);
      ctx.label = ht.text;
      return;
    }
    case 'paragraph': {
      const start = b.start + off;
      const end = b.end + off;
      let s = start;
      let line = b.line + ln;
      let lastLine = '';
      while (s <= end) {
        const e = lineEnd(text, s);
        const f = readField(text, s, e, line);
        if (f) addField(ctx, f, false);
        lastLine = text.slice(s, e);
        if (e >= end) break;
        s = e + (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? 2 : 1);
        line++;
      }
      ctx.label = lastLine;
      return;
    }
    case 'list': {
      const steps = innerPhase(ctx) !== undefined && STEPS.test(ctx.label);
      const criteria = inCriteria(ctx) || CRITERIA.test(ctx.label);
      visitList(ctx, b, off, ln, 0, undefined, steps, criteria);
      ctx.label = '';
      return;
    }
    case 'table': {
      const rows = tableRows(text, b.start + off, b.rows, ln);
      ctx.tables.push({
        header: rows[0],
        rows: rows.slice(1),
        range: { start: b.start + off, end: b.end + off },
        line: b.line + ln,
      });
      ctx.label = '';
      return;
    }
    default:
      ctx.label = '';
  }
}

/** The rows of a table, walking its lines once (`rows` are line indexes, delimiter excluded). */
function tableRows(text: string, start: number, rows: readonly number[], ln: number): TableRow[] {
  const out: TableRow[] = [];
  let s = start;
  let line = rows[0];
  for (const r of rows) {
    while (line < r) {
      const e = lineEnd(text, s);
      s = e + (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? 2 : 1);
      line++;
    }
    const e = lineEnd(text, s);
    out.push({ cells: splitCells(text, s, e), range: { start: s, end: e }, line: r + ln });
  }
  return out;
}

function addField(ctx: Context, f: Field, inList: boolean): void {
  ctx.allFields.push({ ...f, inList });
  if (inList) return;
  const phase = innerPhase(ctx);
  const tracker = innerTracker(ctx);
  if (tracker !== undefined) {
    const t = ctx.tasks[tracker];
    if (f.name === 'status' && t.mark?.source !== 'field') {
      if (t.mark) t.headingMark = t.mark;
      const mark = fieldMark(f);
      t.mark = mark;
      t.status = mark.status;
    }
    return;
  }
  if (phase !== undefined && f.name !== 'current phase') ctx.phases[phase].fields.push(f);
  else ctx.fields.push(f);
}

function classifyHeading(ctx: Context, heading: Heading, ht: { text: string; start: number; end: number }, entry: Context['open'][number]): void {
  const text = ctx.text;
  const clean = ht.text.replace(/^\*\*|\*\*$/g, '');
  let m = PHASE_NUMBER.exec(clean);
  let number: string | undefined;
  let id: string | undefined;
  let title: string | undefined;
  if (m) {
    number = m[1];
    title = m[2];
  } else if ((m = PHASE_ID.exec(clean))) {
    id = m[1];
    title = m[2];
  }
  if (title !== undefined) {
    const mark = trailingMark(text, ht.start, ht.end, 'heading');
    if (mark) title = text.slice(ht.start, mark.range.start).replace(/^[^\n]*?(?=\S)/, '');
    title = stripTitle(title, number, id);
    const parent = innerPhase(ctx);
    const phase: Phase = {
      number,
      id,
      title,
      status: mark?.status ?? 'pending',
      mark,
      derived: false,
      headingRange: heading.range,
      sectionRange: { start: heading.range.start, end: text.length },
      line: heading.line,
      depth: heading.depth,
      parent,
      fields: [],
      tasks: [],
    };
    entry.phase = ctx.phases.length;
    ctx.phases.push(phase);
    return;
  }
  const t = TASK_ID_HEADING.exec(clean);
  if (t) {
    const mark = trailingMark(text, ht.start, ht.end, 'heading');
    const idx = ctx.tasks.length;
    ctx.tasks.push({
      kind: 'tracker',
      id: t[1],
      title: stripTitle(mark ? text.slice(ht.start, mark.range.start) : t[2], undefined, t[1]),
      status: mark?.status ?? 'pending',
      mark,
      range: heading.range,
      sectionRange: { start: heading.range.start, end: text.length },
      line: heading.line,
      depth: 0,
      phase: innerPhase(ctx),
    });
    entry.tracker = idx;
    ctx.trackerTasks.push(idx);
    return;
  }
  const fix = /^(?:problem|issue)\s*:\s*(.*)$/i.exec(clean);
  if (fix) {
    const block: FixBlock = { title: fix[1].replace(/\*\*$/, '').trim(), range: { start: heading.range.start, end: text.length }, line: heading.line };
    ctx.fixes.push(block);
    entry.fix = block;
  }
}

/** Removes the heading's own prefix (`Phase 3:`, `PH-1:`) and emphasis from a title. */
function stripTitle(title: string, number: string | undefined, id: string | undefined): string {
  let t = title.trim().replace(/^\*\*|\*\*$/g, '').trim();
  if (number !== undefined) {
    const m = PHASE_NUMBER.exec(t);
    if (m && m[1] === number) t = m[2];
  } else if (id !== undefined) {
    const m = PHASE_ID.exec(t) ?? TASK_ID_HEADING.exec(t);
    if (m && m[1] === id) t = m[2];
  }
  return t.replace(/^\*\*|\*\*$/g, '').trim();
}

function visitList(
  ctx: Context,
  list: ListBlock,
  off: number,
  ln: number,
  depth: number,
  parentTask: number | undefined,
  steps: boolean,
  criteria: boolean,
): void {
  for (const item of list.items) visitItem(ctx, item, off, ln, depth, parentTask, steps, criteria);
}

function visitItem(
  ctx: Context,
  item: ItemBlock,
  off: number,
  ln: number,
  depth: number,
  parentTask: number | undefined,
  steps: boolean,
  criteria: boolean,
): void {
  const text = ctx.text;
  const s = item.start + off;
  const e = lineEnd(text, s);
  const line = item.line + ln;
  const lineText = text.slice(s, e);
  const phase = innerPhase(ctx);
  let taskIndex: number | undefined;
  const range = { start: s, end: e };
  const sectionRange = { start: s, end: item.end + off };
  const cb = CHECKBOX.exec(lineText);
  if (cb) {
    const markAt = s + cb[1].length + 1;
    const rest = cb[3];
    const info = taskInfo(rest);
    taskIndex = ctx.tasks.length;
    const task: Task = {
      kind: 'checkbox',
      id: info.id,
      title: info.title,
      status: checkboxStatus(cb[2]),
      mark: {
        status: checkboxStatus(cb[2]),
        text: cb[2],
        range: { start: markAt, end: markAt + 1 },
        phraseRange: { start: markAt, end: markAt + 1 },
        source: 'checkbox',
      },
      range,
      sectionRange,
      line,
      depth,
      parent: parentTask,
      phase,
    };
    if (info.parallel) task.parallel = true;
    if (info.story) task.story = info.story;
    if (criteria) task.criterion = true;
    const req = requirements(text, sectionRange.start, sectionRange.end);
    if (req) task.requirements = req;
    ctx.tasks.push(task);
  } else {
    const f = readField(text, s, e, line);
    if (f) addField(ctx, f, true);
    const im = ITEM_LINE.exec(lineText);
    if (im) {
      const contentStart = s + im[1].length;
      const mark = trailingMark(text, contentStart, e, 'marker') ?? leadingMark(text, contentStart, e);
      if (mark || (steps && depth === 0)) {
        let content = im[2];
        if (mark) {
          const a = mark.range.start - contentStart;
          const b = mark.range.end - contentStart;
          content = (content.slice(0, a) + content.slice(b)).trim();
        }
        const info = taskInfo(content);
        let m = mark;
        if (!m) {
          let at = e;
          while (at > contentStart && (text.charCodeAt(at - 1) === 32 || text.charCodeAt(at - 1) === 9)) at--;
          m = { status: 'pending', text: '', range: { start: at, end: at }, phraseRange: { start: at, end: at }, source: 'marker' };
        }
        taskIndex = ctx.tasks.length;
        ctx.tasks.push({
          kind: 'step',
          id: info.id,
          title: info.title,
          status: m.status,
          mark: m,
          range,
          sectionRange,
          line,
          depth,
          parent: parentTask,
          phase,
        });
      }
    }
  }
  // Fix blocks written as list items: `1. **Issue:** ...` with nested Root Cause / Solution.
  if (!cb) {
    const f = readField(text, s, e, line);
    if (f && (f.name === 'issue' || f.name === 'problem')) {
      ctx.fixes.push({ title: f.value.replace(/\s*(?:✅|\*\*[^*]*\*\*)\s*/g, ' ').trim(), range: { ...sectionRange }, line });
    }
  }
  const nextDepth = taskIndex !== undefined ? depth + 1 : depth;
  const nextParent = taskIndex ?? parentTask;
  for (const l of item.lists) visitList(ctx, l, off, ln, nextDepth, nextParent, false, criteria);
}

function requirements(text: string, s: number, e: number): string[] | undefined {
  if (e - s > 4000) return undefined;
  const m = /_Requirements?:\s*([^_\r\n]+)_/.exec(text.slice(s, e));
  if (!m) return undefined;
  return m[1]
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Reads an ID and flags from a task's text: `T012 [P] [US1] Create model`, `2.1 Write`, `SEC-003 Fix`. */
export function taskInfo(content: string): { id?: string; title: string; parallel?: boolean; story?: string } {
  let rest = content.trim();
  let id: string | undefined;
  let parallel: boolean | undefined;
  let story: string | undefined;
  let m = /^(T\d{3,})\b\s*/.exec(rest);
  if (m) {
    id = m[1];
    rest = rest.slice(m[0].length);
    for (;;) {
      const f = /^\[(P|US\d+|[A-Z][A-Za-z0-9]*)\]\s*/.exec(rest);
      if (!f) break;
      if (f[1] === 'P') parallel = true;
      else story = f[1];
      rest = rest.slice(f[0].length);
    }
  } else if ((m = /^(?:\*\*)?([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+[A-Z0-9]*)(?:\*\*)?(?=$|[\s:.)\-–—])\s*[:.\-–—]?\s*/.exec(rest))) {
    id = m[1];
    rest = rest.slice(m[0].length);
  } else if ((m = /^(\d+(?:\.\d+)+|\d+\.(?=\s))\s*/.exec(rest))) {
    id = m[1].replace(/\.$/, '');
    rest = rest.slice(m[0].length);
  }
  return { id, title: rest.replace(/\s+/g, ' ').trim(), parallel, story };
}

// ---- after the walk: overview tables, statuses, kind ----

const PHASE_COL = /^(?:phase|#|no\.?|id|step|stage|milestone)$/i;
const STATUS_COL = /^(?:status|state)$/i;
const NAME_COL = /^(?:name|title|description|phase name|goal)$/i;

function finish(ctx: Context, text: string, bom: number, lineCount: number): Plan {
  const { phases, tasks } = ctx;
  // Tasks -> phases
  for (let i = 0; i < tasks.length; i++) {
    const p = tasks[i].phase;
    if (p !== undefined) phases[p].tasks.push(i);
  }
  // Phase statuses from their own fields
  for (const p of phases) {
    const f = p.fields.find((x) => x.name === 'status');
    if (f) {
      if (p.mark) p.headingMark = p.mark;
      p.mark = fieldMark(f);
      p.status = p.mark.status;
    }
  }
  // Overview tables
  const overviews: OverviewTable[] = [];
  for (const t of ctx.tables) {
    const names = t.header.cells.map((c) => plainCell(c.text));
    const phaseColumn = names.findIndex((n) => PHASE_COL.test(n));
    const statusColumn = names.findIndex((n) => STATUS_COL.test(n));
    if (phaseColumn < 0 || statusColumn < 0) continue;
    const nameIdx = names.findIndex((n, i) => i !== phaseColumn && NAME_COL.test(n));
    const ov: OverviewTable = {
      range: t.range,
      line: t.line,
      header: t.header,
      rows: [],
      phaseColumn,
      statusColumn,
    };
    if (nameIdx >= 0) ov.nameColumn = nameIdx;
    for (const r of t.rows) {
      const keyCell = r.cells[phaseColumn];
      const statusCell = r.cells[statusColumn];
      if (!keyCell || !statusCell) continue;
      const key = plainCell(keyCell.text).replace(/^(?:phase|stage|milestone)\s+/i, '').replace(/\s*[✅🔄⏸️❌⛔⏳]+$/u, '').trim();
      const p = parseStatusText(statusCell.text);
      const base = statusCell.range.start;
      ov.rows.push({
        ...r,
        key,
        status: p.status,
        mark: {
          status: p.status,
          text: statusCell.text,
          range: statusCell.range,
          phraseRange: { start: base + p.phraseStart, end: base + p.phraseEnd },
          source: 'table',
        },
      });
    }
    overviews.push(ov);
  }
  // Tie rows to phases: prefer phases after the table and before the next overview table.
  const byKey = new Map<string, number[]>();
  phases.forEach((p, i) => {
    for (const k of [p.number, p.id]) {
      if (k === undefined) continue;
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  });
  for (let ti = 0; ti < overviews.length; ti++) {
    const ov = overviews[ti];
    const from = ov.range.end;
    const to = ti + 1 < overviews.length ? overviews[ti + 1].range.start : text.length;
    for (let ri = 0; ri < ov.rows.length; ri++) {
      const row = ov.rows[ri];
      const candidates = byKey.get(row.key) ?? [];
      let pi = candidates.find((i) => phases[i].headingRange.start >= from && phases[i].headingRange.start < to) ?? -1;
      if (pi < 0) pi = candidates.find((i) => phases[i].overviewRow === undefined) ?? -1;
      if (pi >= 0) {
        row.phase = pi;
        if (phases[pi].overviewRow === undefined) phases[pi].overviewRow = { table: ti, row: ri };
      }
    }
  }
  // Phases without their own status: the overview row, else derived from their tasks.
  for (const p of phases) {
    if (p.mark) continue;
    if (p.overviewRow) {
      p.status = overviews[p.overviewRow.table].rows[p.overviewRow.row].status;
      continue;
    }
    p.derived = true;
    p.status = deriveStatus(p.tasks.map((i) => tasks[i].status));
  }
  // Fix blocks and nuggets
  const nuggets: Nugget[] = [];
  for (const f of ctx.allFields) {
    if (f.name === 'gold nugget' || f.name.endsWith(' gold nugget')) nuggets.push({ text: f.value, range: f.range, line: f.line });
  }
  for (const fix of ctx.fixes) {
    for (const f of ctx.allFields) {
      if (f.range.start < fix.range.start || f.range.start >= fix.range.end) continue;
      if (f.name === 'root cause' && !fix.rootCause) fix.rootCause = f;
      else if (f.name === 'solution' && !fix.solution) fix.solution = f;
      else if ((f.name === 'gold nugget' || f.name.endsWith(' gold nugget')) && !fix.nugget) fix.nugget = f;
    }
  }
  const currentPhaseFields: number[] = [];
  ctx.fields.forEach((f, i) => {
    if (f.name === 'current phase') currentPhaseFields.push(i);
  });
  const titleHeading = ctx.headings.find((h) => h.depth === 1) ?? ctx.headings[0];
  const plan: Plan = {
    kind: 'unknown',
    title: titleHeading ? titleHeading.text : undefined,
    titleLine: titleHeading?.line,
    fields: ctx.fields,
    headings: ctx.headings,
    phases,
    tasks,
    overviews,
    fixes: ctx.fixes,
    nuggets,
    currentPhaseFields,
    eol: detectEol(text),
    bom,
    length: text.length,
    lineCount,
  };
  plan.kind = documentKind(plan);
  return plan;
}

export function deriveStatus(statuses: Status[]): Status {
  if (!statuses.length) return 'pending';
  if (statuses.every((s) => s === 'completed')) return 'completed';
  if (statuses.some((s) => s === 'failed')) return 'failed';
  if (statuses.some((s) => s === 'completed' || s === 'in-progress')) return 'in-progress';
  if (statuses.every((s) => s === 'blocked')) return 'blocked';
  return 'pending';
}

function documentKind(plan: Plan): DocumentKind {
  // Strong structure first, then words in the title, then weaker structure.
  if (plan.overviews.length || plan.currentPhaseFields.length) return 'plan';
  if (plan.tasks.some((t) => t.kind === 'tracker')) return 'tracker';
  if (plan.fixes.length) return 'log';
  const title = (plan.title ?? '').toLowerCase().replace(/[^\p{L}\p{N} ]+/gu, ' ').trim();
  if (/\blog\b/.test(title)) return 'log';
  if (/\b(?:summary|report|recap)\b/.test(title)) return 'summary';
  if (/\b(?:tracker|changelog|backlog)\b/.test(title)) return 'tracker';
  if (/\b(?:plan|roadmap)\b/.test(title)) return 'plan';
  if (plan.phases.length && plan.phases.some((p) => p.number !== undefined || !p.derived)) {
    if (plan.phases.every((p) => p.derived) && plan.tasks.some((t) => t.kind === 'checkbox')) return 'tasks';
    return 'plan';
  }
  if (plan.nuggets.length) return 'log';
  const ids = new Set(plan.tasks.filter((t) => t.id && /^[A-Z]+-\d/.test(t.id)).map((t) => t.id));
  if (ids.size >= 2) return 'tracker';
  if (plan.tasks.filter((t) => t.kind === 'checkbox').length >= 2) return 'tasks';
  return 'unknown';
}
