/**
 * Builds the plan model from block summaries: one walk over the blocks' facts in document
 * order, with the open headings as context (context.ts). Headings, tracker tables and a front
 * matter open phases and entries (entries.ts); paragraphs, tables and list items add fields and
 * tasks here; finish.ts completes the model after the walk. Text always comes from the source
 * (slices at block offsets), never from mdast inline nodes, so a title or a status reads the
 * same however the document around it parses.
 */
import { type Field, type Heading, type OverviewTable, PHASE_WORDS, type Plan } from '../model';
import type { Block, ItemBlock, ItemFacts, Label, ListBlock, ParagraphFacts, RelField, TableFacts } from './types';
import { lineEnd } from './lines';
import { readFrontMatter } from './frontMatter';
import { FieldNode, MarkNode, TaskNode, absMark, fieldMark, overviewTable } from './nodes';
import { checkboxStatus, taskInfo } from './readers';
import { addTableEntries, classifyHeading, frontMatterEntry } from './entries';
import { finish } from './finish';
import { isActualField, isEstimateField, timesOf } from '../durations';
import { type Context, absField, closeHeadings, inCriteria, innerPhase, innerTracker, inRecap, inStepsHeading, reusedTask } from './context';

/** Blocks with facts, at `start` in the text after its byte-order mark, from `line`. */
interface Segment {
  blocks: readonly Block[];
  start: number;
  line: number;
}

const NO_LABEL: Label = { steps: false, criteria: false, notes: false };

const fieldNodesOf = new WeakMap<Plan, FieldNode[]>();

/**
 * The previous model of a document and the offset before which the text and its sections are
 * unchanged: fields and tasks there are taken over from it instead of being made again.
 */
export interface Reuse {
  plan: Plan;
  until: number;
}

/** What a second build knows from the first (see the end of buildPlan). */
interface Again {
  /** Phase keys taken as phases inside recap sections: the document has them nowhere else. */
  recapPhases?: ReadonlySet<string>;
  /** The keys of the top-level checklist items that name a phase and are phases. */
  phaseItems?: ReadonlySet<string>;
}

/** `lineCount`, when the caller knows it (sections do), saves a scan of the whole text. */
export function buildPlan(text: string, bom: number, segments: readonly Segment[], lineCount = countLines(text), previous?: Reuse, again: Again = {}): Plan {
  // Segments' offsets are in the text without its byte-order mark.
  const ctx: Context = {
    text,
    headings: [],
    phases: [],
    tasks: [],
    fields: [],
    phaseStatus: new Map(),
    logFields: [],
    overviews: [],
    open: [],
    fixes: [],
    label: NO_LABEL,
    fieldNodes: [],
    reuse: undefined,
    recapPhases: again.recapPhases,
    recapRejected: new Set(),
    phaseItems: again.phaseItems,
    phaseItemKeys: [],
    phaseKeys: new Set(),
    currentNext: false,
    headingIds: new Set(),
    rowMarks: new Map(),
    tableTitles: new Map(),
    boxIds: new Map(),
    indexItems: new Map(),
  };
  for (const seg of segments) for (const id of trackerHeadingIds(seg.blocks)) ctx.headingIds.add(id);
  const fields = previous && fieldNodesOf.get(previous.plan);
  if (previous && fields) ctx.reuse = { fields, tasks: previous.plan.tasks, overviews: previous.plan.overviews, until: previous.until };
  const fm = readFrontMatter(bom ? text.slice(1) : text);
  if (fm) frontMatterEntry(ctx, fm, bom);
  for (const seg of segments) {
    for (const b of seg.blocks) if (!fm || seg.start + b.start >= fm.end) visitBlock(ctx, b, seg.start + bom, seg.line);
  }
  closeHeadings(ctx, 0, text.length);
  // Phases left out as a recap's that the document has nowhere else are its phases, grouped
  // under a heading such as `## Completed Phases`: read again, taking them.
  if (!again.recapPhases && ctx.recapRejected.size) {
    const only = [...ctx.recapRejected].filter((k) => !ctx.phaseKeys.has(k));
    if (only.length) return buildPlan(text, bom, segments, lineCount, previous, { ...again, recapPhases: new Set(only) });
  }
  // No phase headings, and the phases written as a checklist (`- [x] Phase 6: PDF export`,
  // a roadmap's index): those items are the phases. With phase headings such a checklist is
  // their index, and an item that names a phase with no heading of its own (a shipped
  // milestone's, kept only as a checklist) is a phase too.
  if (!again.phaseItems && ctx.phaseItemKeys.length) {
    const keys = ctx.phaseItemKeys;
    const items = ctx.phases.length === 0 ? (keys.length >= 2 ? keys : []) : keys.filter((k) => !ctx.phaseKeys.has(k));
    if (items.length) return buildPlan(text, bom, segments, lineCount, previous, { ...again, phaseItems: new Set(items) });
  }
  const plan = finish(ctx, text, bom, lineCount);
  if (fm?.entries.has('status') && fm.entries.get('title')?.value) plan.title = fm.entries.get('title')!.value;
  fieldNodesOf.set(plan, ctx.fieldNodes.slice()); // exact size: kept as long as the plan
  return plan;
}

// Per block list, which sections share between versions of a document: found once, not on
// every keystroke's rebuild.
const trackerIdsOf = new WeakMap<readonly Block[], readonly string[]>();
const NO_IDS: readonly string[] = [];

/** A note in a task's text that it is blocked: `(BLOCKED: waiting on keys)`, `[Blocked]`, `(on hold)`. */
const BLOCKED_NOTE = /[([]\s*(?:\*\*)?(?:blocked|on[ -]hold)\b/i;

/** The IDs of the tracker entries written as headings among `blocks`. */
function trackerHeadingIds(blocks: readonly Block[]): readonly string[] {
  let ids = trackerIdsOf.get(blocks);
  if (!ids) {
    const found: string[] = [];
    for (const b of blocks) if (b.type === 'heading' && b.facts?.tracker) found.push(b.facts.tracker.id);
    ids = found.length ? found : NO_IDS;
    trackerIdsOf.set(blocks, ids);
  }
  return ids;
}

/** The facts each overview table was made from. */
const overviewFacts = new WeakMap<OverviewTable, object>();

/**
 * The overview table of a table block's facts, placed at `off` and `ln`: the previous model's
 * table when it was made from the same facts (the same text) at the same place, so that a
 * 1000-row overview is not made again on every keystroke. finish.ts ties its rows to this
 * model's phases again.
 */
function placedOverview(ctx: Context, ov: NonNullable<TableFacts['overview']>, b: Block, off: number, ln: number): OverviewTable {
  const start = b.start + off;
  const line = b.line + ln;
  const old = ctx.reuse?.overviews.find((t) => t.range.start === start && t.line === line);
  if (old && overviewFacts.get(old) === ov) return old;
  const table = overviewTable(ov, b, off, ln);
  overviewFacts.set(table, ov);
  return table;
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

/** Which items of a list are steps: all of them, or those with a status marker. */
interface Steps {
  all: boolean;
  marked: boolean;
}
const NO_STEPS: Steps = { all: false, marked: false };

function isFieldList(f: RelField | readonly RelField[]): f is readonly RelField[] {
  return Array.isArray(f);
}

/** A tracker entry's effort and priority fields. */
function entryTimes(t: TaskNode, rf: RelField): void {
  if (rf.name === 'priority') {
    t.priority ??= rf.value.trim() || undefined;
    return;
  }
  const times = timesOf([rf]);
  if (times.estimate !== undefined) t.estimate ??= times.estimate;
  if (times.actual !== undefined) t.actual ??= times.actual;
}

const PHASE_ITEM = new RegExp(String.raw`^(?:\*\*)?(?:${PHASE_WORDS})\s+(\d+(?:\.\d+)*)\s*[:.\-–—]\s*(.+)$`, 'i');
/** A line that names a phase by its number (`Phase 2`, `**Stage 3**`). */
const NAMES_PHASE = new RegExp(String.raw`^\s*(?:\*\*)?(?:${PHASE_WORDS})\s+\d`, 'i');

/** The number and name of a checklist item that names a phase (`**Phase 2: Search** - find ...`). */
function phaseItem(f: ItemFacts): { number: string; title: string } | undefined {
  const text = f.info?.title;
  const m = text ? PHASE_ITEM.exec(text) : null;
  if (!m) return undefined;
  // The name ends at the bold's end, or before a description (` - `, ` — `) or a count (` (2/2`).
  const title = m[2]
    .replace(/\*\*.*$/, '')
    .replace(/\s+(?:[-–—]\s|\().*$/, '')
    .trim();
  return title ? { number: m[1], title } : undefined;
}

function isTimeField(name: string): boolean {
  return isActualField(name) || isEstimateField(name);
}

function isLogField(name: string): boolean {
  return name === 'root cause' || name === 'solution' || name === 'gold nugget' || name.endsWith(' gold nugget');
}

/**
 * `## Current Phase` followed by `Phase 5: Name ...`: the paragraph's first line names the
 * current phase, read as a Current Phase field whose value is that line.
 */
function currentPhaseSection(ctx: Context, b: Block, off: number, ln: number): void {
  const s = b.start + off;
  const e = lineEnd(ctx.text, s);
  const line = ctx.text.slice(s, e);
  if (!NAMES_PHASE.test(line)) return;
  let ve = e;
  while (ve > s && /\s/.test(ctx.text[ve - 1])) ve--;
  const f: Field = new FieldNode('Current Phase', 'current phase', ctx.text.slice(s, ve), b.line + ln, 'plain', s, e, s);
  ctx.fields.push(f);
}

function visitBlock(ctx: Context, b: Block, off: number, ln: number): void {
  if (b.type !== 'paragraph' && b.type !== 'heading') ctx.currentNext = false;
  switch (b.type) {
    case 'heading': {
      const facts = b.facts!;
      const start = b.start + off;
      closeHeadings(ctx, b.depth, start);
      const heading: Heading = { depth: b.depth, text: facts.text, range: { start, end: facts.lineEnd + off }, line: b.line + ln, sectionEnd: ctx.text.length };
      ctx.headings.push(heading);
      const entry: Context['open'][number] = { heading, criteria: facts.criteria, steps: facts.steps, recap: !!facts.recap };
      classifyHeading(ctx, heading, facts, entry, off);
      ctx.open.push(entry);
      ctx.label = facts;
      ctx.currentNext = !!facts.current;
      return;
    }
    case 'paragraph': {
      const facts = b as ParagraphFacts;
      const fields = facts.fields;
      if (ctx.currentNext && fields === undefined) currentPhaseSection(ctx, b, off, ln);
      ctx.currentNext = false;
      if (fields === undefined) {
        // no fields
      } else if (isFieldList(fields)) for (const f of fields) addField(ctx, f, off, ln);
      else addField(ctx, fields, off, ln);
      ctx.label = facts.label;
      return;
    }
    case 'list': {
      const phase = innerPhase(ctx);
      const notes = ctx.label.notes || inRecap(ctx);
      const labelled = !notes && (ctx.label.steps || inStepsHeading(ctx));
      // Unmarked items are steps under a steps label in a phase; items with a status marker
      // are steps there and in a phase's ordered list. Elsewhere a ✅ bullet is a note.
      const steps: Steps = { all: phase !== undefined && labelled, marked: labelled || (!notes && phase !== undefined && b.ordered) };
      const criteria = inCriteria(ctx) || ctx.label.criteria;
      visitList(ctx, b, off, ln, 0, undefined, phase, steps, criteria);
      ctx.label = NO_LABEL;
      return;
    }
    case 'table': {
      const facts = b.facts!;
      const ov = facts.overview;
      if (ov) ctx.overviews.push(placedOverview(ctx, ov, b, off, ln));
      if (facts.fields) for (const f of facts.fields) addField(ctx, f, off, ln);
      if (facts.entries) addTableEntries(ctx, facts.entries, off, ln);
      ctx.label = NO_LABEL;
      return;
    }
    default:
      ctx.label = NO_LABEL;
  }
}

function addField(ctx: Context, rf: RelField, off: number, ln: number): void {
  const tracker = innerTracker(ctx);
  if (tracker !== undefined) {
    const t = ctx.tasks[tracker];
    if (isLogField(rf.name)) ctx.logFields.push(absField(ctx, rf, off, ln));
    entryTimes(t, rf);
    if (rf.status && t.mark?.source !== 'field') {
      if (t.mark) t.headingMark = t.mark;
      const mark = fieldMark(rf, off);
      t.mark = mark;
      t.status = mark.status;
    }
    return;
  }
  const f = absField(ctx, rf, off, ln);
  if (isLogField(f.name)) ctx.logFields.push(f);
  const phase = innerPhase(ctx);
  if (phase !== undefined && f.name !== 'current phase') {
    ctx.phases[phase].fields.push(f);
    if (rf.status && !ctx.phaseStatus.has(phase)) ctx.phaseStatus.set(phase, fieldMark(rf, off));
  } else ctx.fields.push(f);
}

function visitList(
  ctx: Context,
  list: ListBlock,
  off: number,
  ln: number,
  depth: number,
  parentTask: number | undefined,
  phase: number | undefined,
  steps: Steps,
  criteria: boolean,
): void {
  for (const item of list.items) visitItem(ctx, item, off, ln, depth, parentTask, phase, steps, criteria);
}

function visitItem(
  ctx: Context,
  item: ItemBlock,
  off: number,
  ln: number,
  depth: number,
  parentTask: number | undefined,
  phase: number | undefined,
  steps: Steps,
  criteria: boolean,
): void {
  const f = item as ItemFacts;
  const s = item.start + off;
  const line = item.line + ln;
  let taskIndex: number | undefined;
  const named = f.box !== undefined && phase === undefined && depth === 0 && parentTask === undefined ? phaseItem(f) : undefined;
  if (named) ctx.phaseItemKeys.push(named.number);
  if (named && ctx.phaseItems?.has(named.number)) {
    // A phase written as a checklist item: its box is its status, the item its section.
    const status = checkboxStatus(f.box!);
    const at = f.boxAt + off;
    const index = ctx.phases.length;
    ctx.phaseKeys.add(named.number);
    ctx.phases.push({
      number: named.number,
      title: named.title,
      status,
      mark: new MarkNode(status, f.box!, 'checkbox', at, at + 1, at, at + 1),
      derived: false,
      headingRange: { start: s, end: f.lineEnd + off },
      sectionRange: { start: s, end: item.end + off },
      line,
      depth: 2,
      fields: [],
      tasks: [],
    });
    for (const l of item.lists) visitList(ctx, l, off, ln, 0, undefined, index, { all: false, marked: true }, criteria);
    return;
  }
  if (f.box !== undefined) {
    taskIndex = ctx.tasks.length;
    if (named && !ctx.indexItems.has(named.number)) ctx.indexItems.set(named.number, taskIndex);
    if (parentTask === undefined && depth === 0 && f.info?.id) {
      // Kiro writes subtasks flat: `- [ ] 2.2` after `- [ ] 2.` is a child of task 2.
      const dot = f.info.id.lastIndexOf('.');
      const up = dot > 0 ? ctx.boxIds.get(f.info.id.slice(0, dot)) : undefined;
      if (up !== undefined && ctx.tasks[up].phase === phase) {
        parentTask = up;
        depth = ctx.tasks[up].depth + 1;
      }
    }
    if (f.info?.id) ctx.boxIds.set(f.info.id, taskIndex);
    const reused = reusedTask(ctx, 'checkbox', s, item.end + off, line, parentTask, phase);
    if (reused && reused.criterion === (criteria || undefined)) ctx.tasks.push(reused);
    else {
      const info = f.info!;
      const status = checkboxStatus(f.box);
      const at = f.boxAt + off;
      const mark = new MarkNode(status, f.box, 'checkbox', at, at + 1, at, at + 1);
      // An open box whose text says it is blocked (`- [ ] Deploy (BLOCKED: no keys)`) is blocked.
      const own = status === 'pending' && BLOCKED_NOTE.test(info.title) ? 'blocked' : status;
      const task = new TaskNode('checkbox', info.id, info.title, own, mark, line, depth, parentTask, phase, s, f.lineEnd + off, s, item.end + off);
      if (info.parallel) task.parallel = true;
      if (info.story) task.story = info.story;
      if (criteria) task.criterion = true;
      if (f.optional) task.optional = true;
      if (f.requirements) task.requirements = f.requirements.slice();
      if (f.echo) task.echoMark = absMark(f.echo, off);
      ctx.tasks.push(task);
    }
  } else {
    const field = f.field;
    if (field) {
      if (
        depth === 0 &&
        parentTask === undefined &&
        (field.status || field.name === 'completed' || field.name === 'current phase' || isTimeField(field.name))
      ) {
        // `- **Status:** complete` under a phase: the phase's own status, written as a bullet
        // (so are its completion date, its estimate and its actual time).
        addField(ctx, field, off, ln);
      } else if (isLogField(field.name)) ctx.logFields.push(absField(ctx, field, off, ln));
    }
    // A marked item under a step is a substep; under a checkbox task it is a note on it (its
    // subtasks are checkboxes: `- [x] 1. Parser` then `  - ✅ Reads the header`).
    const isStep = f.mark ? steps.marked || (parentTask !== undefined && ctx.tasks[parentTask].kind !== 'checkbox') : steps.all && depth === 0;
    if (f.markAt >= 0 && isStep && !field?.status) {
      taskIndex = ctx.tasks.length;
      const reused = reusedTask(ctx, 'step', s, item.end + off, line, parentTask, phase);
      if (reused) ctx.tasks.push(reused);
      else {
        const at = f.markAt + off;
        const m = f.mark ? absMark(f.mark, off) : new MarkNode('pending', '', 'marker', at, at, at, at);
        const info = (f.info ??= taskInfo(f.content!));
        ctx.tasks.push(new TaskNode('step', info.id, info.title, m.status, m, line, depth, parentTask, phase, s, f.lineEnd + off, s, item.end + off));
      }
    }
    if (f.fix !== undefined) ctx.fixes.push({ title: f.fix, range: { start: s, end: item.end + off }, line });
  }
  const nextDepth = taskIndex !== undefined ? depth + 1 : depth;
  const nextParent = taskIndex ?? parentTask;
  for (const l of item.lists) visitList(ctx, l, off, ln, nextDepth, nextParent, phase, NO_STEPS, criteria);
}
