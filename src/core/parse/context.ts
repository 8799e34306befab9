/**
 * The model builder's state while it walks the blocks: what it has made so far, the headings
 * whose sections are still open, and the previous model's nodes it may take over.
 */
import type { Field, FixBlock, Heading, OverviewTable, Phase, StatusMark, Task, TaskKind } from '../model';
import { FieldNode, type MarkNode, TaskNode } from './nodes';
import type { Label, RelField } from './types';

export interface Context {
  text: string;
  headings: Heading[];
  phases: Phase[];
  tasks: TaskNode[];
  fields: Field[];
  /** The first Status field of each phase, as a mark. */
  phaseStatus: Map<number, StatusMark>;
  /** Fields a fix block or a nugget can use (Root Cause, Solution, Gold Nugget), in order. */
  logFields: Field[];
  overviews: OverviewTable[];
  /** Open headings (section not yet closed), outermost first. */
  open: Array<{ heading: Heading; phase?: number; tracker?: number; fix?: FixBlock; criteria: boolean; steps: boolean; recap: boolean }>;
  /** Numbers and IDs of the phases so far. */
  phaseKeys: Set<string>;
  /** The next paragraph names the current phase (after a `## Current Phase` heading). */
  currentNext: boolean;
  /** IDs of the tracker entries written as headings (`### SEC-001: ...`). */
  headingIds: Set<string>;
  /** The titles of the entries read from tables so far, by ID. */
  tableTitles: Map<string, string>;
  /** The status cells of table rows that repeat a heading entry, by ID (the first row of each). */
  rowMarks: Map<string, MarkNode>;
  /** The last checkbox task with each ID, for Kiro's flat subtasks. */
  boxIds: Map<string, number>;
  /** The first checklist item that lists each phase key in an index, as a task index. */
  indexItems: Map<string, number>;
  fixes: FixBlock[];
  /** Label of the block before the current one (paragraph's last line or a heading). */
  label: Label;
  /** Every field made, in order. */
  fieldNodes: FieldNode[];
  /** Phase keys taken as phases even inside a recap section: the document has them nowhere else. */
  recapPhases: ReadonlySet<string> | undefined;
  /** Phase keys whose headings were left out for being inside a recap section. */
  recapRejected: Set<string>;
  /** The phase keys of the top-level checklist items that are phases (`- [x] Phase 6: PDF export`). */
  phaseItems: ReadonlySet<string> | undefined;
  /** The phase keys of such items seen, in order. */
  phaseItemKeys: string[];
  /** Immutable nodes of the previous model, for the unchanged text before `until`. */
  reuse: { fields: readonly FieldNode[]; tasks: readonly Task[]; overviews: readonly OverviewTable[]; until: number } | undefined;
}

export function closeHeadings(ctx: Context, depth: number, at: number): void {
  while (ctx.open.length && ctx.open[ctx.open.length - 1].heading.depth >= depth) {
    const o = ctx.open.pop()!;
    o.heading.sectionEnd = at;
    if (o.phase !== undefined) ctx.phases[o.phase].sectionRange.end = at;
    if (o.tracker !== undefined) ctx.tasks[o.tracker].se = at;
    if (o.fix) o.fix.range.end = at;
  }
}

export function innerPhase(ctx: Context): number | undefined {
  for (let i = ctx.open.length - 1; i >= 0; i--) if (ctx.open[i].phase !== undefined) return ctx.open[i].phase;
  return undefined;
}

export function innerTracker(ctx: Context): number | undefined {
  for (let i = ctx.open.length - 1; i >= 0; i--) {
    if (ctx.open[i].tracker !== undefined) return ctx.open[i].tracker;
    if (ctx.open[i].phase !== undefined) return undefined;
  }
  return undefined;
}

/** Inside a recap or summary section (the document's title excepted) within the innermost phase, if any. */
export function inRecap(ctx: Context): boolean {
  for (let i = ctx.open.length - 1; i >= 0; i--) {
    const o = ctx.open[i];
    if (o.phase !== undefined) return false;
    if (o.recap && o.heading.depth > 1) return true;
  }
  return false;
}

/** Under a steps or tasks heading within the innermost phase (`### Tasks`). */
export function inStepsHeading(ctx: Context): boolean {
  for (let i = ctx.open.length - 1; i >= 0; i--) {
    const o = ctx.open[i];
    if (o.phase !== undefined || o.heading.depth === 1) return false;
    if (o.steps) return true;
  }
  return false;
}

export function inCriteria(ctx: Context): boolean {
  for (const o of ctx.open) if (o.criteria) return true;
  return false;
}

export function absField(ctx: Context, f: RelField, off: number, ln: number): Field {
  const r = ctx.reuse;
  const i = ctx.fieldNodes.length;
  let node: FieldNode;
  if (r && f.end + off < r.until && i < r.fields.length && r.fields[i].s === f.start + off && r.fields[i].line === f.line + ln) node = r.fields[i];
  else node = new FieldNode(f.key, f.name, f.value, f.line + ln, f.style, f.start + off, f.end + off, f.valueStart + off);
  ctx.fieldNodes.push(node);
  return node;
}

/** The task of the previous model at the same index, when it is the same task in unchanged text. */
export function reusedTask(
  ctx: Context,
  kind: TaskKind,
  s: number,
  end: number,
  line: number,
  parent: number | undefined,
  phase: number | undefined,
): TaskNode | undefined {
  const r = ctx.reuse;
  if (!r || end >= r.until) return undefined;
  const t = r.tasks[ctx.tasks.length];
  if (t instanceof TaskNode && t.kind === kind && t.s === s && t.se === end && t.line === line && t.parent === parent && t.phase === phase) return t;
  return undefined;
}
