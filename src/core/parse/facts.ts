/**
 * Facts: what the model builder reads from one block, independent of its neighbours.
 *
 * Facts are computed once per parsed section (relative to the section's text) and cached with
 * its block summaries, so after an edit the model is assembled from cached facts: only the
 * context that crosses blocks (open headings, the label before a list, phase membership) and
 * the absolute offsets are worked out again.
 */
import { type Field, PHASE_ID_SOURCE, PHASE_WORDS, type StatusMark } from '../model';
import { NON_ASCII, parseStatusText } from '../status';
import { isEstimateHeader } from '../durations';
import { readPhaseHeading } from './headings';
import { lineEnd } from './lines';
import { CellNode } from './nodes';
import { headingText, label, leadingMark, markLabelLength, plainCell, readField, requirements, shared, splitCells, taskInfo, trailingMark } from './readers';
import type { Block, HeadingFacts, ItemBlock, ItemFacts, ListBlock, RelField, RelMark, RelRow, TableEntry, TableFacts } from './types';

const PHASE_NUMBER = new RegExp(String.raw`^(?:${PHASE_WORDS})\s+(\d+(?:\.\d+)*[a-z]?)(?=$|[\s:.)\-–—])\s*[:.)\-–—]?\s*(.*)$`, 'i');
const LEADING_PHASE_WORD = new RegExp(String.raw`^(?:${PHASE_WORDS})\s+`, 'i');
const PHASE_ID = new RegExp(`^${PHASE_ID_SOURCE}(?=$|[\\s:.\\-–—])\\s*[:.\\-–—]?\\s*(.*)$`);
/** A part named after an entry's ID in its heading: `Phase 2`, `Part 3`. */
const ENTRY_PART = /^((?:phase|part|stage|step|milestone)\s+\d+[a-z]?)(?=$|[\s:.\-–—])\s*[:.\-–—]?\s*(.*)$/i;
const TASK_ID_HEADING = /^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+[A-Z0-9]*)(?=$|[\s:.\-–—])\s*[:.\-–—]?\s*(.*)$/;
/** A checkbox item; Kiro marks an optional task with `*` right after the box (`- [ ]* 2.2`). */
const CHECKBOX = /^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[([ xX\-/~])\](\*?)(?=[ \t]|$)[ \t]*(.*)$/;
const ITEM_LINE = /^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(.*)$/;
/** Headings whose sections look back: what was done, not what is planned. */
const RECAP =
  /\b(?:summary|recap|completed|accomplish\w*|achievements?|change ?log|(?:recent )?changes|log|updates|history|retrospective|timeline|archive|what was done|done|highlights|results)\b/i;
const PHASE_COL = /^(?:phase|#|no\.?|id|step|stage|milestone)$/i;
const STATUS_COL = /^(?:status|state)$/i;
const NAME_COL = /^(?:name|title|description|phase name|goal)$/i;

function relField(f: Field): RelField {
  const r: RelField = {
    key: f.key,
    name: f.name,
    value: shared(f.value),
    start: f.range.start,
    end: f.range.end,
    valueStart: f.valueRange.start,
    line: f.line,
    style: f.style,
  };
  if (f.name === 'status') {
    const p = parseStatusText(f.value);
    r.status = { status: p.status, phraseStart: p.phraseStart, phraseEnd: p.phraseEnd };
  }
  return r;
}

function relMark(m: StatusMark | undefined): RelMark | undefined {
  if (!m) return undefined;
  return {
    status: m.status,
    text: shared(m.text),
    start: m.range.start,
    end: m.range.end,
    phraseStart: m.phraseRange.start,
    phraseEnd: m.phraseRange.end,
    source: m.source,
  };
}

/** Shared by every block with no fields or sub-lists; frozen, so a stray push throws. */
const EMPTY = Object.freeze([]) as unknown as never[];

/**
 * Computes the facts of every block in `blocks`, which were summarised from `text`, and returns
 * the blocks with their facts, as compact objects (exact-size arrays, no growth slack): these
 * are what a section keeps for as long as it lives.
 */
export function annotate(text: string, blocks: readonly Block[]): Block[] {
  return blocks.map((b): Block => {
    switch (b.type) {
      case 'heading':
        return { type: 'heading', start: b.start, end: b.end, line: b.line, depth: b.depth, setext: b.setext, facts: headingFacts(text, b) };
      case 'paragraph':
        return paragraphFacts(text, b);
      case 'list':
        return compactList(text, b);
      case 'table':
        return { type: 'table', start: b.start, end: b.end, line: b.line, rows: b.rows.slice(), facts: tableFacts(text, b) };
      default:
        return b;
    }
  });
}

/** The paragraph block with its facts, as one object. */
function paragraphFacts(text: string, b: Block): Block {
  let fields: RelField[] | undefined;
  let s = b.start;
  let line = b.line;
  let last = '';
  while (s <= b.end) {
    const e = lineEnd(text, s);
    const f = readField(text, s, e, line);
    if (f) (fields ??= []).push(relField(f));
    if (e >= b.end) {
      last = text.slice(s, e);
      break;
    }
    s = e + (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? 2 : 1);
    line++;
  }
  return {
    type: 'paragraph',
    start: b.start,
    end: b.end,
    line: b.line,
    fields: !fields ? undefined : fields.length === 1 ? fields[0] : fields.slice(),
    label: label(last),
  };
}

function compactList(text: string, list: ListBlock): ListBlock {
  return {
    type: 'list',
    start: list.start,
    end: list.end,
    line: list.line,
    ordered: list.ordered,
    items: list.items.map((item): ItemBlock => {
      // One object per item: the summary and its facts (the facts object is the item).
      const facts = itemFacts(text, item) as ItemFacts & ItemBlock;
      facts.start = item.start;
      facts.end = item.end;
      facts.line = item.line;
      facts.lists = item.lists.length ? item.lists.map((l) => compactList(text, l)) : EMPTY;
      return facts;
    }),
  };
}

function headingFacts(text: string, b: Block & { type: 'heading' }): HeadingFacts {
  const ht = headingText(text, b);
  const facts: HeadingFacts = {
    text: ht.text,
    lineEnd: lineEnd(text, b.start),
    steps: false,
    criteria: false,
    notes: false,
    phase: undefined,
    tracker: undefined,
    fix: undefined,
  };
  const clean = ht.text.replace(/^\*\*|\*\*$/g, '');
  const ph = readPhaseHeading(text, ht.start, ht.end, clean);
  const l = label(ht.text, !!ph, true);
  facts.steps = l.steps;
  facts.criteria = l.criteria;
  facts.notes = l.notes;
  if (ph) {
    const st = ph.status;
    const mark: RelMark | undefined = st && {
      status: st.status,
      text: shared(text.slice(st.start, st.end)),
      start: st.start,
      end: st.end,
      phraseStart: st.start,
      phraseEnd: st.end,
      source: 'heading',
    };
    const le = ph.lead;
    const lead: RelMark | undefined =
      le === st
        ? mark
        : le && {
            status: le.status,
            text: shared(text.slice(le.start, le.end)),
            start: le.start,
            end: le.end,
            phraseStart: le.start,
            phraseEnd: le.end,
            source: 'heading',
          };
    facts.phase = { number: ph.number, id: ph.id, keyword: ph.keyword, title: ph.title, mark, lead, weak: ph.weak, meta: ph.meta, range: ph.range };
    return facts;
  }
  const bare = clean.replace(/^[\p{Extended_Pictographic}\uFE0F\s]+/u, '').trim();
  if (/^current phase:?$/i.test(bare)) facts.current = true;
  if (RECAP.test(bare)) facts.recap = true;
  const t = TASK_ID_HEADING.exec(clean);
  if (t) {
    const mark = trailingMark(text, ht.start, ht.end, 'heading');
    let title = stripTitle(mark ? text.slice(ht.start, mark.range.start) : t[2], undefined, t[1]);
    // `BUILD-127 Phase 2: Polish`: a part of an entry, an entry of its own, named with its part.
    const part = ENTRY_PART.exec(t[2]);
    const ownPart = part && ENTRY_PART.exec(title);
    if (ownPart) title = ownPart[2].trim();
    facts.tracker = { id: part ? `${t[1]} ${part[1]}` : t[1], title, mark: relMark(mark) };
    return facts;
  }
  const fix = /^(?:problem|issue)\s*:\s*(.*)$/i.exec(clean);
  if (fix) facts.fix = fix[1].replace(/\*\*$/, '').trim();
  return facts;
}

function itemFacts(text: string, item: ItemBlock): ItemFacts {
  const s = item.start;
  const e = lineEnd(text, s);
  const facts: ItemFacts = {
    lineEnd: e,
    box: undefined,
    boxAt: -1,
    info: undefined,
    content: undefined,
    requirements: undefined,
    field: undefined,
    mark: undefined,
    markAt: -1,
    fix: undefined,
  };
  const lineText = text.slice(s, e);
  const cb = CHECKBOX.exec(lineText);
  if (cb) {
    facts.box = cb[2];
    facts.boxAt = s + cb[1].length + 1;
    // `- [x] Ship ✅ DONE`: the marker repeats the box; it is no part of the title.
    const contentStart = e - cb[4].length;
    const echo = NON_ASCII.test(cb[4]) ? trailingMark(text, contentStart, e, 'marker') : undefined; // status emoji are outside ASCII
    const a = echo ? echo.range.start - contentStart : 0;
    if (echo && cb[4].slice(0, a).trim()) {
      const b = echo.range.end - contentStart;
      facts.info = taskInfo(cb[4].slice(0, a) + cb[4].slice(b + markLabelLength(cb[4], b)));
      facts.echo = relMark(echo);
    } else facts.info = taskInfo(cb[4]);
    if (cb[3]) facts.optional = true;
    facts.requirements = requirements(text, s, item.end);
    return facts;
  }
  const f = readField(text, s, e, item.line);
  if (f) {
    facts.field = relField(f);
    if (f.name === 'issue' || f.name === 'problem') facts.fix = f.value.replace(/\s*(?:✅|\*\*[^*]*\*\*)\s*/g, ' ').trim();
  }
  const im = ITEM_LINE.exec(lineText);
  if (im) {
    const contentStart = s + im[1].length;
    const trailing = trailingMark(text, contentStart, e, 'marker');
    const mark = trailing ?? leadingMark(text, contentStart, e);
    let at = e;
    while (at > contentStart && (text.charCodeAt(at - 1) === 32 || text.charCodeAt(at - 1) === 9)) at--;
    facts.markAt = at;
    if (mark) {
      // A marked item is always a task: read it now. A label after a trailing marker
      // (`✅ PASS`) is no part of its title.
      const a = mark.range.start - contentStart;
      let b = mark.range.end - contentStart;
      if (trailing && im[2].slice(0, a).trim()) b += markLabelLength(im[2], b); // `✅ README` alone keeps its words
      facts.info = taskInfo(im[2].slice(0, a) + im[2].slice(b));
      facts.mark = relMark(mark);
    } else facts.content = shared(im[2]);
  }
  return facts;
}

/** A phase cell that holds the number and the name. */
const NUMBER_AND_NAME = /^(\d+(?:\.\d+)*)(?:\.?[ \t]*[:\-–—][ \t]*|\.[ \t]+|[ \t]+)\S/;

function tableFacts(text: string, b: Block & { type: 'table' }): TableFacts {
  const rows = tableRows(text, b.start, b.rows);
  const header = rows[0];
  const names = header.cells.map((c) => plainCell(c.text));
  const facts: TableFacts = {};
  // A line without a pipe right under a table is one of its rows in GFM (`**Current Phase:** 4`).
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    if (text.slice(r.start, r.end).includes('|')) continue;
    const f = readField(text, r.start, r.end, r.line);
    if (f) (facts.fields ??= []).push(relField(f));
  }
  const statusColumn = names.findIndex((n) => STATUS_COL.test(n));
  if (statusColumn < 0) return facts;
  const entries = trackerRows(rows, names, statusColumn);
  if (entries) {
    facts.entries = entries;
    return facts;
  }
  const phaseColumn = names.findIndex((n) => PHASE_COL.test(n));
  if (phaseColumn < 0) {
    const repeated = repeatedRows(rows, names, statusColumn);
    if (repeated) facts.entries = repeated;
    return facts;
  }
  const nameIdx = names.findIndex((n, i) => i !== phaseColumn && NAME_COL.test(n));
  const out: NonNullable<TableFacts['overview']> = { phaseColumn, statusColumn, header, rows: [] };
  if (nameIdx >= 0) out.nameColumn = nameIdx;
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const keyCell = r.cells[phaseColumn];
    const statusCell = r.cells[statusColumn];
    if (!keyCell || !statusCell) continue;
    const cell = plainCell(keyCell.text)
      .replace(LEADING_PHASE_WORD, '')
      .replace(/\s*(?:✅|🔄|⏸|❌|⛔|⏳|\uFE0F)+$/u, '')
      .trim();
    // `1. Foundation`, `2: Search`, `3 — Calendar`: the number is the key, the rest its name.
    const key = NUMBER_AND_NAME.exec(cell)?.[1] ?? cell;
    const p = parseStatusText(statusCell.text);
    out.rows.push({ ...r, key, status: p.status, phraseStart: p.phraseStart, phraseEnd: p.phraseEnd });
  }
  facts.overview = out;
  return facts;
}

const ID_COL = /^(?:(?:task|item|ticket|issue|story)[ _-]?)?(?:id|key)$/i;
const ENTRY_ID = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-?\d+[A-Za-z0-9]*$/;
const ENTRY_TITLE_COL = /^(?:(?:task|item|feature|story)[ _-]?)?(?:title|name)$|^(?:task|feature|story|summary|description|brief|item|notes?)$/i;

/**
 * Rows of a tracker table: an ID column whose cells are IDs (`SEC-001`, `P01a`) and a Status
 * column. Each row is an entry, its Status cell the entry's status.
 */
function trackerRows(rows: readonly RelRow[], names: readonly string[], statusColumn: number): TableEntry[] | undefined {
  if (rows.length < 2) return undefined;
  let idColumn = names.findIndex((n) => ID_COL.test(n));
  // No column is named as IDs (`| Task | Name | Status |`): the first whose cells are IDs.
  if (idColumn < 0) idColumn = names.findIndex((_n, c) => c !== statusColumn && holdsIds(rows, c));
  if (idColumn < 0) return undefined;
  const titleColumn = names.findIndex((n, i) => i !== idColumn && i !== statusColumn && ENTRY_TITLE_COL.test(n));
  const effortColumn = names.findIndex((n) => isEstimateHeader(n));
  const out: TableEntry[] = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const idCell = r.cells[idColumn];
    const statusCell = r.cells[statusColumn];
    const id = idCell && plainCell(idCell.text);
    if (!id || !statusCell || !ENTRY_ID.test(id)) continue;
    const p = parseStatusText(statusCell.text);
    const title = titleColumn >= 0 && r.cells[titleColumn] ? plainCell(r.cells[titleColumn].text) : '';
    const entry: TableEntry = { ...r, id, title, statusColumn, status: p.status, phraseStart: p.phraseStart, phraseEnd: p.phraseEnd };
    if (effortColumn >= 0 && r.cells[effortColumn]) entry.effort = r.cells[effortColumn].text;
    out.push(entry);
  }
  return out.length * 2 >= rows.length - 1 ? out : undefined;
}

/** True when at least half the data rows of column `c` hold an entry ID. */
function holdsIds(rows: readonly RelRow[], c: number): boolean {
  let ids = 0;
  for (let i = 1; i < rows.length; i++) {
    const cell = rows[i].cells[c];
    if (cell && ENTRY_ID.test(plainCell(cell.text))) ids++;
  }
  return ids > 0 && ids * 2 >= rows.length - 1;
}

/** An entry ID that opens a title cell: `SEC-001: OAuth fix`, `OPS-2 - Prune`, `T012 Write`. */
const LEADING_ID = /^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-?\d+[A-Za-z0-9]*)(?=:|\s)/;

/**
 * Rows of a summary table whose title cells open with entry IDs (`| SEC-001: OAuth fix | 0.2h |
 * NOT_STARTED |`): candidates to repeat heading entries, which `addTableEntries` keeps only
 * for IDs a heading entry has.
 */
function repeatedRows(rows: readonly RelRow[], names: readonly string[], statusColumn: number): TableEntry[] | undefined {
  const column = names.findIndex((n, i) => i !== statusColumn && ENTRY_TITLE_COL.test(n));
  if (column < 0 || rows.length < 2) return undefined;
  const out: TableEntry[] = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const cell = r.cells[column];
    const statusCell = r.cells[statusColumn];
    const m = cell && statusCell ? LEADING_ID.exec(plainCell(cell.text)) : null;
    if (!m) continue;
    const p = parseStatusText(statusCell.text);
    out.push({ ...r, id: m[1], title: '', statusColumn, status: p.status, phraseStart: p.phraseStart, phraseEnd: p.phraseEnd, repeat: true });
  }
  return out.length ? out : undefined;
}

/** The rows of a table, walking its lines once (`rows` are line indexes, delimiter excluded). */
function tableRows(text: string, start: number, rows: readonly number[]): RelRow[] {
  const out: RelRow[] = [];
  let s = start;
  let line = rows[0];
  for (const r of rows) {
    while (line < r) {
      const e = lineEnd(text, s);
      s = e + (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? 2 : 1);
      line++;
    }
    const e = lineEnd(text, s);
    out.push({ cells: splitCells(text, s, e).map((c) => new CellNode(shared(c.text), c.range.start, c.range.end)), start: s, end: e, line: r });
  }
  return out;
}

/** Removes the heading's own prefix (`Phase 3:`, `PH-1:`) and emphasis from a title. */
function stripTitle(title: string, number: string | undefined, id: string | undefined): string {
  let t = title
    .trim()
    .replace(/^\*\*|\*\*$/g, '')
    .trim();
  if (number !== undefined) {
    const m = PHASE_NUMBER.exec(t);
    if (m && m[1] === number) t = m[2];
  } else if (id !== undefined) {
    const m = PHASE_ID.exec(t) ?? TASK_ID_HEADING.exec(t);
    if (m && m[1] === id) t = m[2];
  }
  return t.replace(/^\*\*|\*\*$/g, '').trim();
}
