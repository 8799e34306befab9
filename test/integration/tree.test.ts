// The Plans view in a real editor: what it lists for the sample workspace, the filter, clicks,
// and how it follows edits in the editor and writes by other programs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyEdits, currentPhaseIndex, parsePlan, phaseTaskCounts, setStatus, type KnownStatus, type Plan, type Status, type TextEdit } from '../../src/core';
import type { PhasewiseApi } from '../../src/extension';
import type { Node, PlansTreeProvider } from '../../src/host/tree/provider';
import { applyToDocument, deleteFile, fileUri, getApi, plain, revertAndCloseAll, waitFor } from './support';

const EXPECTED_ICON: Record<Status, string> = {
  pending: 'circle-large-outline',
  'in-progress': 'play-circle',
  completed: 'pass-filled',
  failed: 'error',
  blocked: 'circle-slash',
  unknown: 'question',
};

const SAMPLES = ['execution-plan.md', 'execution-log.md', 'task-tracker.md', 'session-summary.md'];

let api: PhasewiseApi;
let provider: PlansTreeProvider;

/** waitFor that polls again when the probe throws (the view may be between refreshes). */
function waitForView<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  return waitFor(what, probe, 5000, { retryErrors: true });
}

/** The text Phasewise reads for a file: its open document, else the file. */
async function textOf(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

async function children(node?: Node): Promise<Node[]> {
  const result = await provider.getChildren(node);
  assert.ok(Array.isArray(result), 'getChildren answers with an array');
  return result;
}

async function item(node: Node): Promise<vscode.TreeItem> {
  return provider.getTreeItem(node);
}

function labelOf(it: vscode.TreeItem): string {
  return typeof it.label === 'string' ? it.label : (it.label?.label ?? '');
}

function rootName(n: Node): string {
  return n.type === 'plan' ? vscode.workspace.asRelativePath(n.uri) : n.type;
}

/** The kind and status a node's context value starts with (`phase.pending`); its actions follow. */
function statusOf(it: vscode.TreeItem): string | undefined {
  return it.contextValue?.split('.').slice(0, 2).join('.');
}

function iconOf(it: vscode.TreeItem): string | undefined {
  return it.iconPath instanceof vscode.ThemeIcon ? it.iconPath.id : undefined;
}

async function rootFor(uri: vscode.Uri): Promise<Node | undefined> {
  return (await children()).find((n) => n.type === 'plan' && n.uri.toString() === uri.toString());
}

async function planRoot(uri: vscode.Uri): Promise<Node> {
  return waitForView(`the Plans view to list ${vscode.workspace.asRelativePath(uri)}`, () => rootFor(uri));
}

function topPhases(plan: Plan): number[] {
  return plan.phases
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.parent === undefined)
    .map(({ i }) => i);
}

/** The edits that set phase `index` to `status`, and the plan afterwards. */
function statusChange(text: string, index: number, status: KnownStatus): { edits: TextEdit[]; after: Plan } {
  const edits = setStatus(text, parsePlan(text), { kind: 'phase', index }, status);
  assert.ok(edits.length, 'the core has edits for the status change');
  return { edits, after: parsePlan(applyEdits(text, edits)) };
}

/** A plan file of this test's own, created with the workspace file system. */
async function createPlanFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = fileUri(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function removeFile(uri: vscode.Uri): Promise<void> {
  await deleteFile(uri);
  // Let the view drop it, so the next test starts from the sample workspace.
  await waitForView(`the Plans view to drop ${vscode.workspace.asRelativePath(uri)}`, async () => !(await rootFor(uri)));
}

describe('Plans tree', () => {
  before(async () => {
    api = await getApi();
    provider = api.tree.provider;
    await revertAndCloseAll();
    if (provider.hideCompleted) await vscode.commands.executeCommand('phasewise.showCompleted');
    for (const name of SAMPLES) await planRoot(fileUri(name));
    // Discovery may still be loading the other documents (and their Lessons): let it finish, so
    // that the roots counted by a test do not change under it.
    await api.services.store.ready();
  });

  afterEach(async () => {
    if (provider.hideCompleted) await vscode.commands.executeCommand('phasewise.showCompleted');
    await revertAndCloseAll();
  });

  it('lists the sample plan and the other sample documents at the root', async () => {
    const roots = await children();
    assert.ok(
      roots.every((n, i) => n.type === 'plan' || (n.type === 'lessons' && i === roots.length - 1)),
      'the root lists the plans, then Lessons',
    );
    assert.equal(new Set(roots.map((n) => n.id)).size, roots.length, 'root ids are unique');
    for (const name of SAMPLES) {
      const uri = fileUri(name);
      const plan = parsePlan(await textOf(uri));
      const node = await planRoot(uri);
      const it = await item(node);
      assert.equal(labelOf(it), plan.title ?? name, `label of ${name}`);
      assert.equal(it.contextValue, `plan.${plan.kind}`, `contextValue of ${name}`);
      assert.equal(it.resourceUri?.toString(), uri.toString());
      assert.ok(typeof it.description === 'string' && it.description.includes(name), `description of ${name} names the file: ${String(it.description)}`);
      assert.ok(iconOf(it), `${name} has a theme icon`);
      assert.equal(it.id, node.id);
      assert.equal(it.command?.command, 'phasewise.revealLine');
    }
    const plan = parsePlan(await textOf(fileUri('execution-plan.md')));
    assert.equal(plan.kind, 'plan');
    const it = await item(await planRoot(fileUri('execution-plan.md')));
    const done = plan.phases.filter((p) => p.status === 'completed').length;
    assert.ok(
      String(it.description).includes(`${done}/${plan.phases.length}`),
      `plan description has ${done}/${plan.phases.length}: ${String(it.description)}`,
    );
    assert.equal(it.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
  });

  it('lists the phases of the plan in order, with status icons, context values and step counts', async () => {
    const uri = fileUri('execution-plan.md');
    const plan = parsePlan(await textOf(uri));
    assert.ok(plan.phases.length >= 3, 'the sample plan has at least three phases');
    assert.ok(
      plan.phases.some((p) => p.status === 'in-progress'),
      'one phase of the sample is in progress',
    );
    assert.ok(
      plan.phases.some((p) => p.status === 'completed'),
      'some phases of the sample are completed',
    );

    const nodes = await children(await planRoot(uri));
    const expected = topPhases(plan);
    assert.deepEqual(
      nodes.map((n) => n.type),
      expected.map(() => 'phase'),
    );
    const current = currentPhaseIndex(plan);
    const ids = new Set<string>();
    for (const [k, node] of nodes.entries()) {
      const p = plan.phases[expected[k]];
      const it = await item(node);
      const label = labelOf(it);
      assert.ok(label.includes(p.title), `"${label}" contains "${p.title}"`);
      if (p.number !== undefined) assert.ok(label.startsWith(`Phase ${p.number}`), `"${label}" starts with Phase ${p.number}`);
      assert.equal(iconOf(it), EXPECTED_ICON[p.status], `icon of ${label}`);
      assert.equal(statusOf(it), `phase.${p.status}`, `contextValue of ${label}`);
      const counts = phaseTaskCounts(plan, p);
      if (counts.total) assert.ok(String(it.description).includes(`${counts.done}/${counts.total}`), `description of ${label}: ${String(it.description)}`);
      assert.ok(node.type === 'phase' && node.ref.kind === 'phase' && node.ref.index === expected[k] && node.ref.line === p.line, `ref of ${label}`);
      assert.equal(it.command?.command, 'phasewise.revealLine');
      assert.deepEqual(it.command?.arguments, [uri.toString(), p.line]);
      if (expected[k] === current) {
        assert.equal(it.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the current phase is expanded');
        assert.ok(String(it.description).startsWith('current'), `the current phase is marked: ${String(it.description)}`);
      } else if (counts.total) {
        assert.equal(it.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, `${label} is collapsed`);
        assert.ok(!String(it.description).startsWith('current'));
      }
      assert.ok(it.tooltip instanceof vscode.MarkdownString, 'the tooltip is Markdown');
      assert.ok(!it.tooltip.isTrusted, 'the tooltip is not trusted');
      const goal = p.fields.find((f) => f.name === 'goal');
      if (goal) assert.ok(plain(it.tooltip).includes(goal.value.trim()), `the tooltip of ${label} has the goal: ${plain(it.tooltip)}`);
      if (p.mark) assert.ok(plain(it.tooltip).includes(p.mark.text), `the tooltip of ${label} has the status as written`);
      assert.ok(it.id && !ids.has(it.id), `unique id ${it.id}`);
      ids.add(it.id);
      assert.equal(provider.getParent(node)?.id, uri.toString(), "a top-level phase's parent is its plan");
    }
  });

  it('lists the tasks of a phase under it, with their statuses', async () => {
    const uri = fileUri('execution-plan.md');
    const plan = parsePlan(await textOf(uri));
    const current = currentPhaseIndex(plan);
    assert.ok(current !== undefined);
    const phaseNode = (await children(await planRoot(uri)))[topPhases(plan).indexOf(current)];
    const tasks = plan.tasks.map((t, i) => ({ t, i })).filter(({ t }) => t.phase === current && t.parent === undefined);
    assert.ok(tasks.length > 0, 'the current phase has tasks');
    assert.ok(tasks.some(({ t }) => t.status === 'completed') && tasks.some(({ t }) => t.status !== 'completed'), 'the current phase has done and open tasks');
    const nodes = (await children(phaseNode)).filter((n) => n.type === 'task');
    assert.equal(nodes.length, tasks.length);
    for (const [k, node] of nodes.entries()) {
      const { t, i } = tasks[k];
      const it = await item(node);
      assert.ok(labelOf(it).includes(t.title), `"${labelOf(it)}" contains "${t.title}"`);
      assert.equal(statusOf(it), `task.${t.status}`);
      assert.equal(iconOf(it), EXPECTED_ICON[t.status]);
      assert.ok(node.type === 'task' && node.ref.kind === 'task' && node.ref.index === i);
      assert.deepEqual(it.command?.arguments, [uri.toString(), t.line]);
      assert.equal(provider.getParent(node)?.id, phaseNode.id);
    }
  });

  it('lists the tasks of a tracker directly under it, validation items under their entry', async () => {
    const uri = fileUri('task-tracker.md');
    const plan = parsePlan(await textOf(uri));
    assert.equal(plan.phases.length, 0);
    const entries = plan.tasks.map((t, i) => ({ t, i })).filter(({ t }) => t.kind === 'tracker');
    assert.ok(entries.length >= 3, 'the sample tracker has entries');
    const nodes = await children(await planRoot(uri));
    assert.ok(nodes.every((n) => n.type === 'task'));
    const labels = await Promise.all(nodes.map(async (n) => labelOf(await item(n))));
    for (const { t } of entries) assert.ok(labels.includes(`${t.id} ${t.title}`), `the tracker lists ${t.id} ${t.title}: ${labels.join(' | ')}`);

    const withItems = entries.find(({ t, i }) =>
      plan.tasks.some((c, j) => j > i && c.kind === 'checkbox' && c.range.start >= t.sectionRange.start && c.range.start < t.sectionRange.end),
    );
    assert.ok(withItems, 'a tracker entry has a validation list');
    const entryNode = nodes[labels.indexOf(`${withItems.t.id} ${withItems.t.title}`)];
    const sub = await children(entryNode);
    const expected = plan.tasks.filter(
      (c, j) =>
        j > withItems.i &&
        c.kind === 'checkbox' &&
        c.range.start >= withItems.t.sectionRange.start &&
        c.range.start < withItems.t.sectionRange.end &&
        c.parent === undefined,
    );
    assert.deepEqual(
      await Promise.all(sub.map(async (n) => labelOf(await item(n)))),
      expected.map((c) => c.title),
    );
    for (const [k, n] of sub.entries()) assert.equal(statusOf(await item(n)), `task.${expected[k].status}`);
  });

  it('hides completed phases and tasks, and shows them again', async () => {
    const uri = fileUri('execution-plan.md');
    const plan = parsePlan(await textOf(uri));
    const rootsBefore = await children();
    const all = topPhases(plan);
    const open = all.filter((i) => plan.phases[i].status !== 'completed');
    assert.ok(open.length < all.length && open.length > 0);

    await vscode.commands.executeCommand('phasewise.hideCompleted');
    assert.equal(provider.hideCompleted, true);
    assert.equal(vscode.workspace.getConfiguration('phasewise').get('tree.hideCompleted'), true, 'the setting says hide');
    const hidden = await children(await planRoot(uri));
    assert.deepEqual(
      hidden.map((n) => (n.type === 'phase' ? n.index : -1)),
      open,
    );
    for (const n of hidden) assert.notEqual(statusOf(await item(n)), 'phase.completed');
    const current = currentPhaseIndex(plan)!;
    const tasks = await children(hidden[open.indexOf(current)]);
    const openTasks = plan.tasks.filter((t) => t.phase === current && t.parent === undefined && t.status !== 'completed');
    assert.equal(tasks.length, openTasks.length, 'completed tasks are hidden');
    for (const n of tasks) assert.notEqual(statusOf(await item(n)), 'task.completed');
    const rootsAfter = await children();
    assert.equal(rootsAfter.length, rootsBefore.length, `plans stay listed: ${rootsBefore.map(rootName)} then ${rootsAfter.map(rootName)}`);

    await vscode.commands.executeCommand('phasewise.showCompleted');
    assert.equal(provider.hideCompleted, false);
    assert.equal(vscode.workspace.getConfiguration('phasewise').get('tree.hideCompleted'), false, 'the setting says show');
    const shown = await children(await planRoot(uri));
    assert.deepEqual(
      shown.map((n) => (n.type === 'phase' ? n.index : -1)),
      all,
    );
  });

  it('follows the setting when it is changed in the settings', async () => {
    const config = vscode.workspace.getConfiguration('phasewise');
    await config.update('tree.hideCompleted', true, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForView('the view to hide completed items', () => provider.hideCompleted);
    } finally {
      await config.update('tree.hideCompleted', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForView('the view to show completed items', () => !provider.hideCompleted);
  });

  it('reveals the heading of a phase when its node is clicked', async () => {
    const uri = fileUri('execution-plan.md');
    const plan = parsePlan(await textOf(uri));
    const nodes = await children(await planRoot(uri));
    const k = nodes.length - 1;
    const p = plan.phases[topPhases(plan)[k]];
    const command = (await item(nodes[k])).command;
    assert.ok(command);
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await waitForView('an editor on the plan', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.toString() === uri.toString() ? e : undefined;
    });
    assert.equal(editor.selection.active.line, p.line);
    assert.ok(editor.document.lineAt(p.line).text.includes(p.title));
  });

  it('selects a node with view.reveal and selects the phase under the cursor', async () => {
    const uri = fileUri('execution-plan.md');
    const plan = parsePlan(await textOf(uri));
    const view = api.tree.view;
    const nodes = await children(await planRoot(uri));
    await view.reveal(nodes[0], { select: true, focus: false, expand: false });
    await waitForView('the first phase to be selected', () => view.visible && view.selection[0]?.id === nodes[0].id);

    const k = nodes.length - 2;
    const p = plan.phases[topPhases(plan)[k]];
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const inside = new vscode.Position(Math.min(p.line + 2, editor.document.lineCount - 1), 0);
    editor.selection = new vscode.Selection(inside, inside);
    await waitForView(`the phase under the cursor (${p.title}) to be selected`, () => view.selection[0]?.id === nodes[k].id);
  });

  it('follows edits of an open plan, and the revert', async () => {
    const uri = fileUri('execution-plan.md');
    const root = await planRoot(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const plan = parsePlan(document.getText());
    const top = topPhases(plan);
    const last = top[top.length - 1];
    const was = plan.phases[last].status;
    assert.notEqual(was, 'in-progress');
    const lastItem = async (): Promise<vscode.TreeItem> => {
      const nodes = await children(root);
      return item(nodes[nodes.length - 1]);
    };
    assert.equal(iconOf(await lastItem()), EXPECTED_ICON[was]);

    const { edits, after } = statusChange(document.getText(), last, 'in-progress');
    assert.equal(after.phases[last].status, 'in-progress');
    await applyToDocument(document, edits);
    await waitForView('the last phase to show as in progress', async () => {
      const it = await lastItem();
      return iconOf(it) === 'play-circle' && statusOf(it) === 'phase.in-progress';
    });
    // Every phase shows its new status, and the refs point at the document's new version.
    const nodes = await children(root);
    for (const [k, n] of nodes.entries()) {
      assert.equal(statusOf(await item(n)), `phase.${after.phases[top[k]].status}`);
      assert.ok(n.type === 'phase' && n.ref.version === document.version, 'refs carry the document version');
    }

    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(!document.isDirty, 'the sample is back to its saved text');
    await waitForView('the last phase to show its saved status again', async () => statusOf(await lastItem()) === `phase.${was}`);
  });

  it('follows a plan file written by another program', async () => {
    const source = await textOf(fileUri('execution-plan.md'));
    const uri = await createPlanFile(`zz-tree-outside-${Date.now()}.md`, source);
    try {
      const root = await planRoot(uri);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file is not open');
      const plan = parsePlan(source);
      const first = topPhases(plan)[0];
      assert.equal(plan.phases[first].status, 'completed');
      const { edits, after } = statusChange(source, first, 'failed');
      assert.equal(after.phases[first].status, 'failed');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(applyEdits(source, edits)));
      await waitForView('the first phase to show as failed', async () => {
        const it = await item((await children(root))[0]);
        return iconOf(it) === 'error' && statusOf(it) === 'phase.failed';
      });
      await vscode.workspace.fs.delete(uri);
      await waitForView('the deleted plan to leave the view', async () => !(await rootFor(uri)));
    } finally {
      await removeFile(uri);
    }
  });
});
