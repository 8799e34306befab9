/**
 * The Plans view: every plan of the workspace, its phases (nested phases under their parent)
 * and their tasks (nested tasks under their parent task), with status icons, step counts, the
 * current phase expanded, a "hide completed" filter, and the phase under the cursor selected.
 *
 * Phase and task nodes carry a `ref` (a TargetRef made for the document version the node was
 * built from). The view's inline and context actions (`phasewise.startPhase`, ...) receive the
 * node as their first argument and act on `node.ref`, which finds the same element again even
 * when the document changed since the node was shown.
 */
import * as vscode from 'vscode';
import { STATUS_NAMES, phaseName, plainLabel, taskName } from './text';
import { currentPhaseIndex, phaseTaskCounts, progress, type DocumentKind, type FixBlock, type Phase, type Plan, type PlanDocument, type Status } from '../core';
import { phaseRef, taskRef, type TargetRef } from './apply';
import { phaseAt } from './cursor';
import { formatDuration } from './history';
import { Icon, KIND_ICONS, STATUS_ICONS } from './icons';
import type { Services } from './services';
import type { PlanChange, PlanEntry } from './store';

export const VIEW_ID = 'phasewise.plans';
const HIDE_SETTING = 'tree.hideCompleted';
const HIDE_CONTEXT = 'phasewise.hideCompleted';
/** Store changes arriving closer together than this are shown in one refresh. */
const REFRESH_DELAY_MS = 100;
/** How long the cursor rests before the view selects the phase under it. */
const FOLLOW_DELAY_MS = 250;

/** One plan file. The same object stays in the view for as long as the file is a plan. */
export interface PlanNode {
  readonly type: 'plan';
  /** The TreeItem id: the document's URI. */
  readonly id: string;
  readonly uri: vscode.Uri;
}

export interface PhaseNode {
  readonly type: 'phase';
  /** `<uri>#phase:<number|id|title>`, with `~2`, `~3`... for repeated keys. */
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly index: number;
  /** What the status actions act on. */
  readonly ref: TargetRef;
  readonly parent: PlanNode | PhaseNode;
}

export interface TaskNode {
  readonly type: 'task';
  /** `<uri>#task:<id>` or `<uri>#task:<phase key>/<title>`, with `~2`, `~3`... for repeated keys. */
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly index: number;
  /** What the status actions act on. */
  readonly ref: TargetRef;
  readonly parent: PlanNode | PhaseNode | TaskNode;
}

/** A Problem → Root Cause → Solution block of an execution log. */
export interface FixNode {
  readonly type: 'fix';
  /** `<uri>#fix:<title>`, with `~2`, `~3`... for repeated titles. */
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly index: number;
  readonly parent: PlanNode;
}

export type Node = PlanNode | PhaseNode | TaskNode | FixNode;
type ChildNode = PhaseNode | TaskNode | FixNode;

/** The nodes of one plan, built once per parsed version of the document. */
interface PlanTree {
  readonly doc: PlanDocument;
  readonly version: number | undefined;
  readonly phases: PhaseNode[];
  readonly tasks: TaskNode[];
  readonly children: Map<Node, ChildNode[]>;
  readonly current: number | undefined;
}

const KIND_NAME: Record<DocumentKind, string> = {
  plan: 'Execution plan',
  log: 'Execution log',
  summary: 'Session summary',
  tracker: 'Task tracker',
  tasks: 'Task list',
  unknown: 'Markdown',
};

export function statusIcon(status: Status): vscode.ThemeIcon {
  const s = STATUS_ICONS[status];
  return new vscode.ThemeIcon(s.id, s.color ? new vscode.ThemeColor(s.color) : undefined);
}

/** `phase:<number|id|title>`, the key the history records a phase's status changes under. */
export function phaseHistoryKey(p: Phase): string {
  return `phase:${p.number ?? p.id ?? p.title}`;
}



function fixName(f: FixBlock): string {
  const title = plainLabel(f.title);
  return title.replace(/^problem:\s*/i, '') || title;
}

/** A tooltip that renders plan text as text: no HTML, no command links, no theme icons. */
function tooltip(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

function bold(md: vscode.MarkdownString, text: string): void {
  md.appendMarkdown('**');
  md.appendText(text);
  md.appendMarkdown('**');
}

/** `text` after `label`, as its own paragraph. */
function line(md: vscode.MarkdownString, label: string, text: string): void {
  md.appendMarkdown(`\n\n${label} `);
  md.appendText(text);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
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

export class PlansTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<Node | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  private readonly planNodes = new Map<string, PlanNode>();
  private readonly trees = new Map<string, PlanTree>();
  private hide: boolean;

  private pendingAll = false;
  private readonly pendingPlans = new Set<string>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private durationTimer: ReturnType<typeof setInterval> | undefined;
  /** True when a rendered node shows a time in progress (it grows while the view is open). */
  private showsDuration = false;

  /** Set by registerTree: the view whose `message` says when the filter hides everything. */
  view: vscode.TreeView<Node> | undefined;

  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor(private readonly s: Services) {
    this.hide = vscode.workspace.getConfiguration('phasewise').get<boolean>(HIDE_SETTING, false);
    this.disposables.push(
      s.store.onDidChange((e) => this.onStoreChange(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`phasewise.${HIDE_SETTING}`)) {
          this.setHideCompleted(vscode.workspace.getConfiguration('phasewise').get<boolean>(HIDE_SETTING, false));
        }
      }),
    );
    // A time in progress grows: show it again every minute while the view shows one.
    this.durationTimer = setInterval(() => {
      if (this.showsDuration && this.view?.visible) this.schedule(undefined);
    }, 60_000);
  }

  /** True while completed phases and tasks are left out. */
  get hideCompleted(): boolean {
    return this.hide;
  }

  /** Changes the filter (and the context key the view's title buttons follow) and refreshes. */
  setHideCompleted(hide: boolean): void {
    void vscode.commands.executeCommand('setContext', HIDE_CONTEXT, hide);
    if (hide === this.hide) return;
    this.hide = hide;
    this.refreshNow();
  }

  /** Refreshes the whole view now. */
  refreshNow(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.pendingAll = false;
    this.pendingPlans.clear();
    this.changeEmitter.fire(undefined);
  }

  private onStoreChange(e: PlanChange): void {
    if (e.before === e.after) return; // saved: nothing the view shows changed
    const key = e.uri.toString();
    this.trees.delete(key);
    // A plan that appears or goes away changes the list of plans; an edit changes one plan.
    this.schedule(e.before && e.after && this.planNodes.has(key) ? key : undefined);
    if (!e.after) this.planNodes.delete(key);
  }

  /** Coalesces refreshes: typing parses on every keystroke, the view follows at most every 100 ms. */
  private schedule(plan: string | undefined): void {
    if (plan === undefined) this.pendingAll = true;
    else this.pendingPlans.add(plan);
    this.refreshTimer ??= setTimeout(() => {
      this.refreshTimer = undefined;
      const all = this.pendingAll;
      const plans = [...this.pendingPlans];
      this.pendingAll = false;
      this.pendingPlans.clear();
      if (all) {
        this.changeEmitter.fire(undefined);
        return;
      }
      for (const key of plans) {
        const node = this.planNodes.get(key);
        if (node) this.changeEmitter.fire(node);
      }
      this.updateMessage();
    }, REFRESH_DELAY_MS);
  }

  // ---- the model behind the nodes ----

  private planNode(uri: vscode.Uri): PlanNode {
    const key = uri.toString();
    let node = this.planNodes.get(key);
    if (!node) {
      node = { type: 'plan', id: key, uri };
      this.planNodes.set(key, node);
    }
    return node;
  }

  private entry(node: Node): PlanEntry | undefined {
    return this.s.store.get(node.uri);
  }

  /** The nodes of a plan as it is now; built again only when the document changed. */
  treeOf(entry: PlanEntry): PlanTree {
    const key = entry.uri.toString();
    const cached = this.trees.get(key);
    if (cached && cached.doc === entry.doc && cached.version === entry.version) return cached;
    const tree = this.build(entry);
    this.trees.set(key, tree);
    return tree;
  }

  private build(entry: PlanEntry): PlanTree {
    const { uri, version } = entry;
    const plan = entry.doc.plan;
    const root = this.planNode(uri);
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
    const children = new Map<Node, ChildNode[]>();
    const lines = new Map<ChildNode, number>();
    const add = (parent: Node, child: ChildNode, line: number): void => {
      let list = children.get(parent);
      if (!list) children.set(parent, (list = []));
      list.push(child);
      lines.set(child, line);
    };

    const phases: PhaseNode[] = [];
    plan.phases.forEach((p, i) => {
      const parent = p.parent !== undefined && p.parent < i ? phases[p.parent] : root;
      const node: PhaseNode = { type: 'phase', id: unique(`${base}#${phaseHistoryKey(p)}`), uri, index: i, ref: phaseRef(uri, plan, i, version), parent };
      phases.push(node);
      add(parent, node, p.line);
    });

    const inTracker = trackerParents(plan);
    const tasks: TaskNode[] = [];
    plan.tasks.forEach((t, i) => {
      const up = t.parent ?? inTracker.get(i);
      const parent = up !== undefined && up < i ? tasks[up] : t.phase !== undefined ? phases[t.phase] : root;
      const where = t.phase !== undefined ? `${phaseHistoryKey(plan.phases[t.phase])}/` : '';
      const node: TaskNode = { type: 'task', id: unique(`${base}#task:${t.id ?? where + t.title}`), uri, index: i, ref: taskRef(uri, plan, i, version), parent };
      tasks.push(node);
      add(parent, node, t.line);
    });

    // Logs list their fix blocks (documents with phases or tasks list those instead).
    if (plan.kind === 'log' || (!plan.phases.length && !plan.tasks.length)) {
      plan.fixes.forEach((f, i) => add(root, { type: 'fix', id: unique(`${base}#fix:${f.title}`), uri, index: i, parent: root }, f.line));
    }

    for (const list of children.values()) list.sort((a, b) => lines.get(a)! - lines.get(b)!);
    return { doc: entry.doc, version, phases, tasks, children, current: currentPhaseIndex(plan) };
  }

  private statusOf(plan: Plan, node: ChildNode): Status | undefined {
    if (node.type === 'phase') return plan.phases[node.index]?.status;
    if (node.type === 'task') return plan.tasks[node.index]?.status;
    return undefined;
  }

  /** The children the view shows: all of them, or those not completed while the filter is on. */
  private visibleChildren(entry: PlanEntry, node: Node): ChildNode[] {
    const list = this.treeOf(entry).children.get(node) ?? [];
    if (!this.hide) return list;
    const plan = entry.doc.plan;
    return list.filter((c) => this.statusOf(plan, c) !== 'completed');
  }

  // ---- TreeDataProvider ----

  getChildren(node?: Node): Node[] {
    if (!node) {
      const nodes = this.s.store.all().map((e) => this.planNode(e.uri));
      this.updateMessage();
      return nodes;
    }
    const entry = this.entry(node);
    if (!entry) return [];
    // A node from an older version of the document: answer for the node with its id now.
    const current = this.current(entry, node);
    return current ? this.visibleChildren(entry, current) : [];
  }

  getParent(node: Node): Node | undefined {
    return node.type === 'plan' ? undefined : node.parent;
  }

  /** The node with the same id in the document's current tree. */
  private current(entry: PlanEntry, node: Node): Node | undefined {
    if (node.type === 'plan') return node;
    const tree = this.treeOf(entry);
    const list: readonly Node[] = node.type === 'phase' ? tree.phases : node.type === 'task' ? tree.tasks : [...(tree.children.get(this.planNode(entry.uri)) ?? [])];
    if (list[node.index]?.id === node.id) return list[node.index];
    return list.find((n) => n.id === node.id);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const entry = this.entry(node);
    if (!entry) return new vscode.TreeItem('(removed)', vscode.TreeItemCollapsibleState.None);
    const now = this.current(entry, node) ?? node;
    switch (now.type) {
      case 'plan':
        return this.planItem(entry, now);
      case 'phase':
        return this.phaseItem(entry, now);
      case 'task':
        return this.taskItem(entry, now);
      case 'fix':
        return this.fixItem(entry, now);
    }
  }

  private reveal(uri: vscode.Uri, lineNumber: number): vscode.Command {
    return { command: 'phasewise.revealLine', title: 'Go to Line', arguments: [uri.toString(), lineNumber] };
  }

  private collapsible(entry: PlanEntry, node: Node, expanded: boolean): vscode.TreeItemCollapsibleState {
    if (!this.visibleChildren(entry, node).length) return vscode.TreeItemCollapsibleState.None;
    return expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  }

  private planItem(entry: PlanEntry, node: PlanNode): vscode.TreeItem {
    const plan = entry.doc.plan;
    const path = vscode.workspace.asRelativePath(entry.uri);
    const file = entry.uri.path.slice(entry.uri.path.lastIndexOf('/') + 1);
    const label = plan.title?.trim() || file;
    const item = new vscode.TreeItem(label, this.collapsible(entry, node, true));
    item.id = node.id;
    item.resourceUri = entry.uri;
    item.iconPath = new vscode.ThemeIcon(KIND_ICONS[plan.kind]);
    item.contextValue = `plan.${plan.kind}`;
    const count = progress(plan);
    const what = plan.phases.length ? 'phases' : 'tasks';
    item.description = count.total ? `${path} · ${count.completed}/${count.total}` : path;
    item.command = this.reveal(entry.uri, plan.titleLine ?? 0);

    const md = tooltip();
    bold(md, label);
    md.appendMarkdown('\n\n');
    md.appendText(`${KIND_NAME[plan.kind]} · ${path}`);
    if (count.total) md.appendText(`\n${count.completed} of ${plural(count.total, what.slice(0, -1))} completed (${Math.round((100 * count.completed) / count.total)}%)`);
    const cur = this.treeOf(entry).current;
    if (cur !== undefined && plan.phases[cur]) line(md, 'Current phase:', phaseName(plan.phases[cur]));
    item.tooltip = md;
    item.accessibilityInformation = { label: `${label}, ${KIND_NAME[plan.kind]}, ${path}${count.total ? `, ${count.completed} of ${count.total} ${what} completed` : ''}` };
    return item;
  }

  private phaseItem(entry: PlanEntry, node: PhaseNode): vscode.TreeItem {
    const plan = entry.doc.plan;
    const p = plan.phases[node.index];
    const tree = this.treeOf(entry);
    const isCurrent = tree.current === node.index;
    const name = phaseName(p);
    const item = new vscode.TreeItem(name, this.collapsible(entry, node, isCurrent || this.holdsCurrent(plan, node.index, tree.current)));
    item.id = node.id;
    item.iconPath = statusIcon(p.status);
    item.contextValue = `phase.${p.status}`;
    item.command = this.reveal(entry.uri, p.line);

    const counts = phaseTaskCounts(plan, p);
    const spent = this.s.history.timeInProgress(entry.uri.toString(), phaseHistoryKey(p));
    const parts: string[] = [];
    if (isCurrent) parts.push('current');
    if (counts.total) parts.push(`${counts.done}/${counts.total}`);
    if (p.status === 'in-progress' && spent !== undefined) {
      parts.push(`${formatDuration(spent)} in progress`);
      this.showsDuration = true;
    }
    item.description = parts.join(' · ');

    const md = tooltip();
    bold(md, name);
    if (isCurrent) md.appendMarkdown(' *(current phase)*');
    line(md, 'Status:', p.mark ? p.mark.text : p.derived ? `${STATUS_NAMES[p.status]} (from its tasks)` : STATUS_NAMES[p.status]);
    const goal = p.fields.find((f) => f.name === 'goal')?.value.trim();
    if (goal) line(md, 'Goal:', goal);
    if (counts.total) line(md, 'Steps:', `${counts.done} of ${counts.total} done`);
    if (spent !== undefined && spent >= 60_000) line(md, 'In progress for', formatDuration(spent) + (p.status === 'in-progress' ? ' so far' : ''));
    line(md, 'Line', String(p.line + 1));
    item.tooltip = md;
    item.accessibilityInformation = {
      label: `${name}, ${STATUS_NAMES[p.status]}${isCurrent ? ', current phase' : ''}${counts.total ? `, ${counts.done} of ${counts.total} steps done` : ''}`,
    };
    return item;
  }

  /** True when phase `index` is an ancestor of the current phase (so it opens to show it). */
  private holdsCurrent(plan: Plan, index: number, current: number | undefined): boolean {
    for (let p = current !== undefined ? plan.phases[current]?.parent : undefined, guard = 0; p !== undefined && guard < 64; p = plan.phases[p]?.parent, guard++) {
      if (p === index) return true;
    }
    return false;
  }

  private taskItem(entry: PlanEntry, node: TaskNode): vscode.TreeItem {
    const plan = entry.doc.plan;
    const t = plan.tasks[node.index];
    const name = taskName(t);
    const item = new vscode.TreeItem(name, this.collapsible(entry, node, false));
    item.id = node.id;
    item.iconPath = statusIcon(t.status);
    item.contextValue = `task.${t.status}`;
    item.command = this.reveal(entry.uri, t.line);

    const sub = this.treeOf(entry).children.get(node)?.filter((c) => c.type === 'task') ?? [];
    const done = sub.filter((c) => plan.tasks[c.index]?.status === 'completed').length;
    const parts: string[] = [];
    if (sub.length) parts.push(`${done}/${sub.length}`);
    if (t.criterion) parts.push('criterion');
    if (t.story) parts.push(t.story);
    if (t.parallel) parts.push('parallel');
    item.description = parts.join(' · ');

    const md = tooltip();
    bold(md, name);
    line(md, 'Status:', t.mark?.text.trim() ? `${STATUS_NAMES[t.status]} (${t.mark.text.trim()})` : STATUS_NAMES[t.status]);
    if (t.phase !== undefined && plan.phases[t.phase]) line(md, 'Phase:', phaseName(plan.phases[t.phase]));
    if (sub.length) line(md, 'Subtasks:', `${done} of ${sub.length} done`);
    if (t.requirements?.length) line(md, 'Requirements:', t.requirements.join(', '));
    line(md, 'Line', String(t.line + 1));
    item.tooltip = md;
    item.accessibilityInformation = { label: `${name}, ${STATUS_NAMES[t.status]}` };
    return item;
  }

  private fixItem(entry: PlanEntry, node: FixNode): vscode.TreeItem {
    const f = entry.doc.plan.fixes[node.index];
    const name = f ? fixName(f) : '(fix)';
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.iconPath = new vscode.ThemeIcon(f?.nugget ? Icon.nugget : Icon.fix);
    item.contextValue = 'fix';
    if (!f) return item;
    item.command = this.reveal(entry.uri, f.line);
    const md = tooltip();
    bold(md, f.title);
    if (f.rootCause) line(md, 'Root cause:', f.rootCause.value);
    if (f.solution) line(md, 'Solution:', f.solution.value);
    if (f.nugget) line(md, 'Gold nugget:', f.nugget.value);
    item.tooltip = md;
    return item;
  }

  // ---- finding nodes ----

  /** The innermost phase node whose section holds `offset`, in the plan as it is now. */
  phaseAt(entry: PlanEntry, offset: number): PhaseNode | undefined {
    const index = phaseAt(entry.doc.plan, offset);
    return index === undefined ? undefined : this.treeOf(entry).phases[index];
  }

  /** True when the filter leaves `node` and all its ancestors in the view. */
  isShown(entry: PlanEntry, node: Node): boolean {
    if (!this.hide) return true;
    const plan = entry.doc.plan;
    for (let n: Node | undefined = node; n && n.type !== 'plan'; n = n.parent) {
      if (this.statusOf(plan, n) === 'completed') return false;
    }
    return true;
  }

  private updateMessage(): void {
    if (!this.view) return;
    let message: string | undefined;
    if (this.hide) {
      const entries = this.s.store.all();
      const anything = entries.some((e) => (this.treeOf(e).children.get(this.planNode(e.uri))?.length ?? 0) > 0);
      const left = entries.some((e) => this.visibleChildren(e, this.planNode(e.uri)).length > 0);
      if (anything && !left) message = 'Every phase and task is completed; completed ones are hidden.';
    }
    if (this.view.message !== message) this.view.message = message;
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.durationTimer) clearInterval(this.durationTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/** Writes the filter setting: to the workspace when one is open, else to the user settings. */
async function writeHideCompleted(hide: boolean): Promise<void> {
  const config = vscode.workspace.getConfiguration('phasewise');
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  if (hide) {
    await config.update(HIDE_SETTING, true, target);
    return;
  }
  // Showing is the default: remove the value rather than write `false`, unless another level
  // (the user settings) still says hide.
  await config.update(HIDE_SETTING, undefined, target);
  if (vscode.workspace.getConfiguration('phasewise').get<boolean>(HIDE_SETTING, false)) await config.update(HIDE_SETTING, false, target);
}

export function registerTree(s: Services): { provider: PlansTreeProvider; view: vscode.TreeView<Node> } {
  const provider = new PlansTreeProvider(s);
  const view = vscode.window.createTreeView<Node>(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  void vscode.commands.executeCommand('setContext', HIDE_CONTEXT, provider.hideCompleted);

  const setFilter = async (hide: boolean): Promise<void> => {
    provider.setHideCompleted(hide);
    try {
      await writeHideCompleted(hide);
    } catch (err) {
      s.log.warn(`Could not save the setting phasewise.${HIDE_SETTING}: ${String(err)}`);
    }
  };

  // Selects the phase under the cursor while the view is open, without taking the focus.
  let followTimer: ReturnType<typeof setTimeout> | undefined;
  const follow = async (editor: vscode.TextEditor): Promise<void> => {
    if (!view.visible || vscode.window.activeTextEditor !== editor || editor.document.languageId !== 'markdown') return;
    const entry = s.store.get(editor.document.uri);
    if (!entry || entry.version !== editor.document.version) return;
    const node = provider.phaseAt(entry, editor.document.offsetAt(editor.selection.active));
    if (!node || !provider.isShown(entry, node) || view.selection.some((n) => n.id === node.id)) return;
    try {
      await view.reveal(node, { select: true, focus: false, expand: false });
    } catch (err) {
      s.log.trace(`Plans view: could not select ${node.id}: ${String(err)}`);
    }
  };

  s.context.subscriptions.push(
    provider,
    view,
    { dispose: () => followTimer && clearTimeout(followTimer) },
    vscode.commands.registerCommand('phasewise.hideCompleted', () => setFilter(true)),
    vscode.commands.registerCommand('phasewise.showCompleted', () => setFilter(false)),
    vscode.commands.registerCommand('phasewise.refresh', async () => {
      await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => s.store.refresh());
      provider.refreshNow();
    }),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor.document.languageId !== 'markdown' || !view.visible) return;
      if (followTimer) clearTimeout(followTimer);
      followTimer = setTimeout(() => {
        followTimer = undefined;
        void follow(e.textEditor);
      }, FOLLOW_DELAY_MS);
    }),
  );
  return { provider, view };
}
