/**
 * The Plans view as data: the nodes of a plan (nested phases under their parent, nested tasks
 * under their parent task, tracker validation items under their entry, a log's fix blocks),
 * their ids, and what each node shows (label, description, codicon, context value, tooltip).
 * items.ts turns this into TreeItems. No `vscode` import: unit-tested.
 *
 * Phase and task nodes carry a `ref` (a TargetRef made for the document version the node was
 * built from). The view's inline and context actions receive the node as their first argument
 * and act on `node.ref`, which finds the same element again even when the document changed.
 */
import {
  currentPhaseIndex,
  phaseTaskCounts,
  progress,
  type DocumentKind,
  type FixBlock,
  type Plan,
  type Status,
  STATUS_NAMES,
  percent,
  phaseKey,
  phaseName,
  plainLabel,
  taskName,
  phaseAt,
  OVERRUN_FACTOR,
  isOverrun,
  phaseActual,
  phaseEstimate,
  phaseStatusesExpressible,
  taskStatusesExpressible,
  type KnownStatus,
} from '../../core';
import { viewActions } from '../actions';
import { formatDuration } from '../historyModel';
import { KIND_ICONS, Icon, STATUS_ICONS, type Codicon } from '../icons';
import { ViewItem } from '../ids';
import { RichText } from '../richText';
import { phaseRef, taskRef, type TargetRef } from '../targets';

/** What nodes need of a URI (vscode.Uri has it). */
export interface UriLike {
  readonly path: string;
  toString(): string;
}

/** One plan file. The same object stays in the view for as long as the file is a plan. */
export interface PlanNode<U extends UriLike = UriLike> {
  readonly type: 'plan';
  /** The TreeItem id: the document's URI. */
  readonly id: string;
  readonly uri: U;
}

export interface PhaseNode<U extends UriLike = UriLike> {
  readonly type: 'phase';
  /** `<uri>#phase:<number|id|title>`, with `~2`, `~3`... for repeated keys. */
  readonly id: string;
  readonly uri: U;
  readonly index: number;
  /** What the status actions act on. */
  readonly ref: TargetRef;
  readonly parent: PlanNode<U> | PhaseNode<U>;
}

export interface TaskNode<U extends UriLike = UriLike> {
  readonly type: 'task';
  /** `<uri>#task:<id>` or `<uri>#task:<phase key>/<title>`, with `~2`, `~3`... for repeated keys. */
  readonly id: string;
  readonly uri: U;
  readonly index: number;
  /** What the status actions act on. */
  readonly ref: TargetRef;
  readonly parent: PlanNode<U> | PhaseNode<U> | TaskNode<U>;
}

/** A Problem → Root Cause → Solution block of an execution log. */
export interface FixNode<U extends UriLike = UriLike> {
  readonly type: 'fix';
  /** `<uri>#fix:<title>`, with `~2`, `~3`... for repeated titles. */
  readonly id: string;
  readonly uri: U;
  readonly index: number;
  readonly parent: PlanNode<U>;
}

export type Node<U extends UriLike = UriLike> = PlanNode<U> | PhaseNode<U> | TaskNode<U> | FixNode<U>;
export type ChildNode<U extends UriLike = UriLike> = PhaseNode<U> | TaskNode<U> | FixNode<U>;

/** The nodes of one plan, built once per parsed version of the document. */
export interface PlanTree<U extends UriLike = UriLike> {
  readonly plan: Plan;
  readonly root: PlanNode<U>;
  readonly phases: readonly PhaseNode<U>[];
  readonly tasks: readonly TaskNode<U>[];
  readonly fixes: readonly FixNode<U>[];
  readonly children: ReadonlyMap<Node<U>, readonly ChildNode<U>[]>;
  /** The current phase. */
  readonly current: number | undefined;
}

/** The tracker entry whose section holds a checkbox item that is not nested in another task. */
function trackerParents(plan: Plan): Map<number, number> {
  const out = new Map<number, number>();
  let entry: number | undefined;
  plan.tasks.forEach((t, i) => {
    if (t.kind === 'tracker') {
      entry = i;
      return;
    }
    if (t.parent !== undefined || entry === undefined) return;
    const e = plan.tasks[entry];
    if (t.range.start >= e.sectionRange.start && t.range.start < e.sectionRange.end && t.phase === e.phase) out.set(i, entry);
  });
  return out;
}

/** The nodes of `plan` under `root`, with ids unique in the plan and refs for `version`. */
export function buildTree<U extends UriLike>(root: PlanNode<U>, plan: Plan, version: number | undefined): PlanTree<U> {
  const uri = root.uri;
  const base = uri.toString();
  const seen = new Map<string, number>();
  const used = new Set<string>();
  const unique = (id: string): string => {
    // `~n` for repeats; loop in case a title itself ends in `~n`.
    let n = seen.get(id) ?? 0;
    let out = id;
    while (used.has(out)) out = `${id}~${++n + 1}`;
    seen.set(id, n);
    used.add(out);
    return out;
  };
  const children = new Map<Node<U>, ChildNode<U>[]>();
  const lines = new Map<ChildNode<U>, number>();
  const add = (parent: Node<U>, child: ChildNode<U>, line: number): void => {
    let list = children.get(parent);
    if (!list) children.set(parent, (list = []));
    list.push(child);
    lines.set(child, line);
  };

  const phases: PhaseNode<U>[] = [];
  plan.phases.forEach((p, i) => {
    const parent = p.parent !== undefined && p.parent < i ? phases[p.parent] : root;
    const node: PhaseNode<U> = { type: 'phase', id: unique(`${base}#${phaseKey(p)}`), uri, index: i, ref: phaseRef(uri, plan, i, version), parent };
    phases.push(node);
    add(parent, node, p.line);
  });

  const inTracker = trackerParents(plan);
  const tasks: TaskNode<U>[] = [];
  plan.tasks.forEach((t, i) => {
    const up = t.parent ?? inTracker.get(i);
    const parent = up !== undefined && up < i ? tasks[up] : t.phase !== undefined ? phases[t.phase] : root;
    const where = t.phase !== undefined ? `${phaseKey(plan.phases[t.phase])}/` : '';
    const node: TaskNode<U> = {
      type: 'task',
      id: unique(`${base}#task:${t.id ?? where + t.title}`),
      uri,
      index: i,
      ref: taskRef(uri, plan, i, version),
      parent,
    };
    tasks.push(node);
    add(parent, node, t.line);
  });

  // Logs list their fix blocks (documents with phases or tasks list those instead).
  const fixes: FixNode<U>[] = [];
  if (plan.kind === 'log' || (!plan.phases.length && !plan.tasks.length)) {
    plan.fixes.forEach((f, i) => {
      const node: FixNode<U> = { type: 'fix', id: unique(`${base}#fix:${f.title}`), uri, index: i, parent: root };
      fixes.push(node);
      add(root, node, f.line);
    });
  }

  for (const list of children.values()) list.sort((a, b) => lines.get(a)! - lines.get(b)!);
  return { plan, root, phases, tasks, fixes, children, current: currentPhaseIndex(plan) };
}

/** The status a phase or task node shows; undefined for other nodes. */
export function statusOf(plan: Plan, node: Node): Status | undefined {
  if (node.type === 'phase') return plan.phases[node.index]?.status;
  if (node.type === 'task') return plan.tasks[node.index]?.status;
  return undefined;
}

/** The children the view shows: all of them, or those not completed while `hideCompleted`. */
export function visibleChildren<U extends UriLike>(tree: PlanTree<U>, node: Node<U>, hideCompleted: boolean): readonly ChildNode<U>[] {
  const list = tree.children.get(node) ?? [];
  return hideCompleted ? list.filter((c) => statusOf(tree.plan, c) !== 'completed') : list;
}

/** True when the filter leaves `node` and all its ancestors in the view. */
export function isShown(plan: Plan, node: Node, hideCompleted: boolean): boolean {
  if (!hideCompleted) return true;
  for (let n: Node | undefined = node; n && n.type !== 'plan'; n = n.parent) {
    if (statusOf(plan, n) === 'completed') return false;
  }
  return true;
}

/** The node with the same id as `node` (maybe from an older version of the plan) in `tree`. */
export function sameNode<U extends UriLike>(tree: PlanTree<U>, node: Node<U>): Node<U> | undefined {
  if (node.type === 'plan') return node;
  const list: readonly Node<U>[] = node.type === 'phase' ? tree.phases : node.type === 'task' ? tree.tasks : tree.fixes;
  if (list[node.index]?.id === node.id) return list[node.index];
  return list.find((n) => n.id === node.id);
}

/** The innermost phase node whose section holds `offset`. */
export function phaseNodeAt<U extends UriLike>(tree: PlanTree<U>, offset: number): PhaseNode<U> | undefined {
  const index = phaseAt(tree.plan, offset);
  return index === undefined ? undefined : tree.phases[index];
}

// ---- what a node shows ----

export interface NodeView {
  readonly label: string;
  readonly description?: string;
  readonly icon: Codicon;
  readonly contextValue: string;
  readonly tooltip?: RichText;
  readonly accessibility?: string;
  /** The line a click goes to; undefined: none. */
  readonly line?: number;
  /** Open when it has children to show. */
  readonly expanded: boolean;
  /** The description shows a time in progress (it grows while the view is open). */
  readonly showsDuration?: boolean;
}

const KIND_NAMES: Record<DocumentKind, string> = {
  plan: 'Execution plan',
  log: 'Execution log',
  summary: 'Session summary',
  tracker: 'Task tracker',
  tasks: 'Task list',
  unknown: 'Markdown',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function fixName(f: FixBlock): string {
  const title = plainLabel(f.title);
  return title.replace(/^problem:\s*/i, '') || title;
}

/** True when phase `index` is an ancestor of the current phase (so it opens to show it). */
function holdsCurrent(plan: Plan, index: number, current: number | undefined): boolean {
  for (
    let p = current !== undefined ? plan.phases[current]?.parent : undefined, guard = 0;
    p !== undefined && guard < 64;
    p = plan.phases[p]?.parent, guard++
  ) {
    if (p === index) return true;
  }
  return false;
}

/** What phase and task nodes share: the status icon and context value, the line (last in the tooltip). */
function elementView(
  kind: 'phase' | 'task',
  name: string,
  status: Status,
  line: number,
  parts: readonly string[],
  md: RichText,
  rest: Pick<NodeView, 'accessibility' | 'expanded' | 'showsDuration'>,
  can?: readonly KnownStatus[],
): NodeView {
  md.line('Line', String(line + 1));
  const offered = viewActions(kind, status, can);
  const contextValue = kind === 'phase' ? ViewItem.phase(status, offered) : ViewItem.task(status, offered);
  return { label: name, description: parts.join(' · '), icon: STATUS_ICONS[status], contextValue, tooltip: md, line, ...rest };
}

/** A plan node: its title (else file name), path and count of phases or tasks completed. */
export function planView(tree: PlanTree, path: string): NodeView {
  const plan = tree.plan;
  const uriPath = tree.root.uri.path;
  const file = uriPath.slice(uriPath.lastIndexOf('/') + 1);
  const label = plan.title?.trim() || file;
  const count = progress(plan);
  const what = plan.phases.length ? 'phases' : 'tasks';
  const md = new RichText().bold(label).markdown('\n\n').text(`${KIND_NAMES[plan.kind]} · ${path}`);
  if (count.total) md.text(`\n${count.completed} of ${plural(count.total, what.slice(0, -1))} completed (${percent(count.completed, count.total)}%)`);
  if (tree.current !== undefined && plan.phases[tree.current]) md.line('Current phase:', phaseName(plan.phases[tree.current]));
  return {
    label,
    description: count.total ? `${path} · ${count.completed}/${count.total}` : path,
    icon: { id: KIND_ICONS[plan.kind] },
    contextValue: ViewItem.plan(plan.kind),
    tooltip: md,
    accessibility: `${label}, ${KIND_NAMES[plan.kind]}, ${path}${count.total ? `, ${count.completed} of ${count.total} ${what} completed` : ''}`,
    line: plan.titleLine ?? 0,
    expanded: true,
  };
}

/** A phase node; `spent` is its time in progress from the history, when known. */
export function phaseView(tree: PlanTree, index: number, spent: number | undefined, paused = false): NodeView {
  const plan = tree.plan;
  const p = plan.phases[index];
  const isCurrent = tree.current === index;
  const name = phaseName(p);
  const counts = phaseTaskCounts(plan, p);
  const parts: string[] = [];
  if (isCurrent) parts.push('current');
  if (counts.total) parts.push(`${counts.done}/${counts.total}`);
  const showsDuration = p.status === 'in-progress' && spent !== undefined;
  if (showsDuration) parts.push(`${formatDuration(spent)} in progress${paused ? ', paused' : ''}`);
  const estimate = phaseEstimate(plan, p);
  const actual = (p.status === 'completed' ? phaseActual(p) : undefined) ?? spent;
  const overrun = isOverrun(actual, estimate);
  if (overrun) parts.push(`over ${OVERRUN_FACTOR}× estimate`);

  const md = new RichText().bold(name);
  if (isCurrent) md.markdown(' *(current phase)*');
  md.line('Status:', p.mark ? p.mark.text : p.derived ? `${STATUS_NAMES[p.status]} (from its tasks)` : STATUS_NAMES[p.status]);
  const goal = p.fields.find((f) => f.name === 'goal')?.value.trim();
  if (goal) md.line('Goal:', goal);
  if (counts.total) md.line('Steps:', `${counts.done} of ${counts.total} done`);
  if (spent !== undefined && spent >= 60_000)
    md.line('In progress for', formatDuration(spent) + (p.status === 'in-progress' ? (paused ? ' so far (timer paused)' : ' so far') : ''));
  if (estimate !== undefined) {
    const against = actual !== undefined ? ` · actual ${formatDuration(actual)}${overrun ? ` (over ${OVERRUN_FACTOR}× the estimate)` : ''}` : '';
    md.line('Estimate:', formatDuration(estimate) + against);
  }
  return elementView(
    'phase',
    name,
    p.status,
    p.line,
    parts,
    md,
    {
      accessibility: `${name}, ${STATUS_NAMES[p.status]}${isCurrent ? ', current phase' : ''}${counts.total ? `, ${counts.done} of ${counts.total} steps done` : ''}`,
      expanded: isCurrent || holdsCurrent(plan, index, tree.current),
      showsDuration,
    },
    phaseStatusesExpressible(plan, index),
  );
}

/** A task node: its subtasks done, and what the plan says about it. */
export function taskView(tree: PlanTree, node: TaskNode): NodeView {
  const plan = tree.plan;
  const t = plan.tasks[node.index];
  const name = taskName(t);
  const sub = tree.children.get(node)?.filter((c) => c.type === 'task') ?? [];
  const done = sub.filter((c) => plan.tasks[c.index]?.status === 'completed').length;
  const parts: string[] = [];
  if (sub.length) parts.push(`${done}/${sub.length}`);
  if (t.criterion) parts.push('criterion');
  if (t.story) parts.push(t.story);
  if (t.parallel) parts.push('parallel');

  const md = new RichText().bold(name);
  md.line('Status:', t.mark?.text.trim() ? `${STATUS_NAMES[t.status]} (${t.mark.text.trim()})` : STATUS_NAMES[t.status]);
  if (t.phase !== undefined && plan.phases[t.phase]) md.line('Phase:', phaseName(plan.phases[t.phase]));
  if (sub.length) md.line('Subtasks:', `${done} of ${sub.length} done`);
  if (t.requirements?.length) md.line('Requirements:', t.requirements.join(', '));
  return elementView(
    'task',
    name,
    t.status,
    t.line,
    parts,
    md,
    { accessibility: `${name}, ${STATUS_NAMES[t.status]}`, expanded: false },
    taskStatusesExpressible(plan, node.index),
  );
}

/** A fix block node: its problem, with root cause, solution and nugget in the tooltip. */
export function fixView(plan: Plan, index: number): NodeView {
  const f = plan.fixes[index];
  const base = { icon: { id: f?.nugget ? Icon.nugget : Icon.fix }, contextValue: ViewItem.fix, expanded: false };
  if (!f) return { ...base, label: '(fix)' };
  const md = new RichText().bold(f.title);
  if (f.rootCause) md.line('Root cause:', f.rootCause.value);
  if (f.solution) md.line('Solution:', f.solution.value);
  if (f.nugget) md.line('Gold nugget:', f.nugget.value);
  return { ...base, label: fixName(f), tooltip: md, line: f.line };
}
