/**
 * The Plans view's data provider: every plan of the workspace (model.ts builds the nodes of
 * each), the "hide completed" filter, and refreshes that follow the store without flooding
 * the view while the user types.
 */
import * as vscode from 'vscode';
import { phaseKey } from '../../core';
import { ContextKey, SETTINGS, Setting, settingKey } from '../ids';
import { toMarkdown } from '../markdown';
import { Debouncer, Disposer, toDisposable } from '../lifecycle';
import type { Services } from '../services';
import type { PlanChange, PlanEntry } from '../store';
import { removedItem, themeIcon, treeItem } from './items';
import { LESSONS_NODE, type LessonsNode, type NuggetNode as NuggetNodeOf, lessonsView, nuggetNodes, nuggetView } from './lessons';
import * as model from './model';

export type PlanTreeNode = model.Node<vscode.Uri>;
export type NuggetNode = NuggetNodeOf<vscode.Uri>;
/** Every node of the view: the plans' nodes, and the Lessons node with its nuggets. */
export type Node = PlanTreeNode | LessonsNode | NuggetNode;
export type PlanNode = model.PlanNode<vscode.Uri>;
export type PhaseNode = model.PhaseNode<vscode.Uri>;
export type TaskNode = model.TaskNode<vscode.Uri>;
export type FixNode = model.FixNode<vscode.Uri>;
type PlanTree = model.PlanTree<vscode.Uri>;

/** Store changes arriving closer together than this are shown in one refresh. */
const REFRESH_DELAY_MS = 100;
/** How often a time in progress on screen is brought up to date. */
const DURATION_REFRESH_MS = 60_000;

export class PlansTreeProvider extends Disposer implements vscode.TreeDataProvider<Node> {
  private readonly changeEmitter = this.track(new vscode.EventEmitter<Node | undefined | void>());
  readonly onDidChangeTreeData = this.changeEmitter.event;

  private readonly planNodes = new Map<string, PlanNode>();
  /** Per plan: its nodes, for the document (and version) they were built from. */
  private readonly trees = new Map<string, { entry: PlanEntry; tree: PlanTree }>();
  private hide: boolean;

  private pendingAll = false;
  private readonly pendingPlans = new Set<string>();
  private readonly refreshes = this.track(new Debouncer<'refresh'>());
  /** True when a rendered node shows a time in progress (it grows while the view is open). */
  private showsDuration = false;

  /** Set by registerTree: the view whose `message` says when the filter hides everything. */
  view: vscode.TreeView<Node> | undefined;

  constructor(private readonly s: Services) {
    super();
    this.hide = vscode.workspace.getConfiguration(SETTINGS).get<boolean>(Setting.hideCompleted, false);
    this.track(
      s.store.onDidChange((e) => this.onStoreChange(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(settingKey(Setting.hideCompleted))) {
          this.setHideCompleted(vscode.workspace.getConfiguration(SETTINGS).get<boolean>(Setting.hideCompleted, false));
        }
      }),
    );
    // A time in progress grows: show it again every minute while the view shows one.
    const timer = setInterval(() => {
      if (this.showsDuration && this.view?.visible) this.schedule(undefined);
    }, DURATION_REFRESH_MS);
    this.track(toDisposable(() => clearInterval(timer)));
  }

  /** True while completed phases and tasks are left out. */
  get hideCompleted(): boolean {
    return this.hide;
  }

  /** Changes the filter (and the context key the view's title buttons follow) and refreshes. */
  setHideCompleted(hide: boolean): void {
    void vscode.commands.executeCommand('setContext', ContextKey.hideCompleted, hide);
    if (hide === this.hide) return;
    this.hide = hide;
    this.refreshNow();
  }

  /** Refreshes the whole view now. */
  refreshNow(): void {
    this.refreshes.cancel('refresh');
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
    this.refreshes.throttle('refresh', REFRESH_DELAY_MS, () => {
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
      // A log's edit can change its nuggets.
      if (plans.some((k) => this.s.store.get(vscode.Uri.parse(k))?.doc.plan.kind === 'log')) this.changeEmitter.fire(LESSONS_NODE);
      this.updateMessage();
    });
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

  private entry(node: PlanTreeNode): PlanEntry | undefined {
    return this.s.store.get(node.uri);
  }

  /** The nuggets of every log the store knows, plans in the view's order. */
  nuggets(): NuggetNode[] {
    return nuggetNodes(
      this.s.store
        .all()
        .filter((e) => e.doc.plan.nuggets.length)
        .map((e) => ({ uri: e.uri, file: vscode.workspace.asRelativePath(e.uri), text: e.doc.text, plan: e.doc.plan })),
    );
  }

  /** The nodes of a plan as it is now; built again only when the document changed. */
  treeOf(entry: PlanEntry): PlanTree {
    const key = entry.uri.toString();
    const cached = this.trees.get(key);
    if (cached && cached.entry.doc === entry.doc && cached.entry.version === entry.version) return cached.tree;
    const tree = model.buildTree(this.planNode(entry.uri), entry.doc.plan, entry.version);
    this.trees.set(key, { entry, tree });
    return tree;
  }

  /** The children the view shows of `node` in the plan as it is now. */
  private visibleChildren(entry: PlanEntry, node: PlanTreeNode): readonly model.ChildNode<vscode.Uri>[] {
    return model.visibleChildren(this.treeOf(entry), node, this.hide);
  }

  // ---- TreeDataProvider ----

  getChildren(node?: Node): Node[] {
    if (!node) {
      const nodes: Node[] = this.s.store.all().map((e) => this.planNode(e.uri));
      if (this.s.store.all().some((e) => e.doc.plan.nuggets.length)) nodes.push(LESSONS_NODE);
      this.updateMessage();
      return nodes;
    }
    if (node.type === 'lessons') return this.nuggets();
    if (node.type === 'nugget') return [];
    const entry = this.entry(node);
    if (!entry) return [];
    // A node from an older version of the document: answer for the node with its id now.
    const current = model.sameNode(this.treeOf(entry), node);
    return current ? [...this.visibleChildren(entry, current)] : [];
  }

  getParent(node: Node): Node | undefined {
    if (node.type === 'nugget') return LESSONS_NODE;
    return node.type === 'plan' || node.type === 'lessons' ? undefined : node.parent;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'lessons') {
      const nuggets = this.nuggets();
      const view = lessonsView(nuggets.length, new Set(nuggets.map((n) => n.file)).size);
      const item = new vscode.TreeItem(view.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.iconPath = themeIcon(view.icon);
      item.description = view.description;
      item.contextValue = view.contextValue;
      item.tooltip = toMarkdown(view.tooltip);
      return item;
    }
    if (node.type === 'nugget') return treeItem(node.id, node.uri, { ...nuggetView(node), expanded: false }, false);
    const entry = this.entry(node);
    if (!entry) return removedItem();
    const tree = this.treeOf(entry);
    const now = model.sameNode(tree, node) ?? node;
    const hasChildren = this.visibleChildren(entry, now).length > 0;
    switch (now.type) {
      case 'plan': {
        const item = treeItem(now.id, entry.uri, model.planView(tree, vscode.workspace.asRelativePath(entry.uri)), hasChildren);
        item.resourceUri = entry.uri;
        return item;
      }
      case 'phase': {
        const file = entry.uri.toString();
        const key = phaseKey(entry.doc.plan.phases[now.index]);
        const view = model.phaseView(tree, now.index, this.s.history.timeInProgress(file, key), this.s.history.isPaused(file, key));
        if (view.showsDuration) this.showsDuration = true;
        return treeItem(now.id, entry.uri, view, hasChildren);
      }
      case 'task':
        return treeItem(now.id, entry.uri, model.taskView(tree, now), hasChildren);
      case 'fix':
        return treeItem(now.id, entry.uri, model.fixView(entry.doc.plan, now.index), false);
    }
  }

  // ---- finding nodes ----

  /** The innermost phase node whose section holds `offset`, in the plan as it is now. */
  phaseAt(entry: PlanEntry, offset: number): PhaseNode | undefined {
    return model.phaseNodeAt(this.treeOf(entry), offset);
  }

  /** True when the filter leaves `node` and all its ancestors in the view. */
  isShown(entry: PlanEntry, node: PlanTreeNode): boolean {
    return model.isShown(entry.doc.plan, node, this.hide);
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
}
