// CodeLens actions in a real editor: which lenses each status gets, what a click changes (and
// only that), one undo step, and stale lenses that must not edit the wrong line.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { currentPhaseIndex, parsePlan, phaseTaskCounts, type Plan, type Status } from '../../src/core';
import type { PhasewiseApi } from '../../src/extension';
import { migrateLensTasks } from '../../src/host/codeLens';
import { discardNewFiles, getApi, openPlanCopy, waitFor } from './support';

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 1000)) ?? [];
  return all.filter((l) => l.command && (l.command.command.startsWith('phasewise.') || / steps$/.test(l.command.title)));
}

/** `line -> ["command|title", ...]`, in the order the lenses were given. */
function byLine(lenses: readonly vscode.CodeLens[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const l of lenses) out.set(l.range.start.line, [...(out.get(l.range.start.line) ?? []), `${l.command!.command}|${l.command!.title}`]);
  return out;
}

// What the lenses should be, written out here from the behaviour the extension promises.
function expectedPhaseLenses(status: Status): string[] {
  switch (status) {
    case 'in-progress':
      return ['phasewise.completePhase|$(check) Mark phase complete', 'phasewise.failPhase|$(error) Mark failed'];
    case 'completed':
      return ['phasewise.reopenPhase|$(debug-restart) Reopen'];
    case 'failed':
      return ['phasewise.startPhase|$(play) Restart', 'phasewise.reopenPhase|$(debug-restart) Reopen'];
    default:
      return ['phasewise.startPhase|$(play) Start', 'phasewise.completePhase|$(check) Mark phase complete'];
  }
}

/** `canStart`: false for a checkbox in a file that marks no box in progress (`[-]`, `[/]`): none is added. */
function expectedTaskLenses(status: Status, canStart = true): string[] {
  if (!canStart && (status === 'pending' || status === 'unknown')) return ['phasewise.completeTask|$(check) Complete'];
  switch (status) {
    case 'in-progress':
      return ['phasewise.completeTask|$(check) Complete'];
    case 'completed':
      return ['phasewise.reopenTask|$(debug-restart) Reopen'];
    case 'failed':
      return ['phasewise.startTask|$(play) Start', 'phasewise.reopenTask|$(debug-restart) Reopen'];
    default:
      return ['phasewise.startTask|$(play) Start', 'phasewise.completeTask|$(check) Complete'];
  }
}

/** The lenses `phasewise.codeLens.tasks` calls for: every task, none, or the open tasks of the current phase. */
function expectedLenses(plan: Plan, text: string, tasks: 'all' | 'current-phase' | 'none'): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const p of plan.phases) {
    const list = expectedPhaseLenses(p.status);
    if (p.tasks.length) {
      const { done, total } = phaseTaskCounts(plan, p);
      const open = p.tasks.some((i) => plan.tasks[i].status !== 'completed');
      list.push(`${open ? 'phasewise.revealLine' : ''}|$(checklist) ${done}/${total} steps`);
    }
    out.set(p.line, list);
  }
  const current = currentPhaseIndex(plan);
  const lensed =
    tasks === 'all'
      ? plan.tasks
      : tasks === 'none' || current === undefined
        ? []
        : plan.phases[current].tasks.map((i) => plan.tasks[i]).filter((t) => t.status !== 'completed');
  const progressBox = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[-/]\]/m.test(text);
  for (const t of lensed) if (!out.has(t.line)) out.set(t.line, expectedTaskLenses(t.status, progressBox || t.mark?.source !== 'checkbox'));
  return out;
}

function sorted(map: Map<number, string[]>): Array<[number, string[]]> {
  return [...map].sort((a, b) => a[0] - b[0]);
}

/** 0-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Lines that differ between two texts with the same number of lines. */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'the number of lines changed');
  return a.flatMap((line, i) => (line === b[i] ? [] : [i]));
}

async function setConfig(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('phasewise').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Phasewise CodeLens', function () {
  this.timeout(30_000);
  let api: PhasewiseApi;

  before(async () => {
    api = await getApi();
  });

  afterEach(discardNewFiles);

  it('shows the actions each phase and task status calls for, with a reference to the rendered version', async () => {
    const { uri, document } = await openPlanCopy('it-lens-titles');
    const plan = parsePlan(document.getText());
    assert.ok(plan.phases.length >= 3 && plan.tasks.length > 0, 'the sample plan has phases and tasks');
    assert.ok(new Set(plan.phases.map((p) => p.status)).size >= 3, 'the sample plan has phases in several statuses');

    const lenses = await lensesOf(uri);
    assert.deepEqual(sorted(byLine(lenses)), sorted(expectedLenses(plan, document.getText(), 'current-phase')));
    assert.ok(
      [...expectedLenses(plan, document.getText(), 'current-phase').keys()].length < [...expectedLenses(plan, document.getText(), 'all').keys()].length,
      'by default fewer tasks have lenses than in all',
    );

    for (const lens of lenses) {
      const { command, arguments: args = [] } = lens.command!;
      assert.ok(lens.range.isSingleLine, 'a lens sits on one line');
      if (command === 'phasewise.revealLine') {
        const phase = plan.phases.find((p) => p.line === lens.range.start.line)!;
        const firstOpen = phase.tasks.map((i) => plan.tasks[i]).find((t) => t.status !== 'completed')!;
        assert.deepEqual(args, [uri.toString(), firstOpen.line], 'the steps lens goes to the first open step');
        continue;
      }
      if (!command) continue;
      const [ref, marker] = args as [{ uri: string; kind: string; line: number; version: number; title: string; index: number }, string];
      assert.equal(marker, 'lens');
      assert.equal(ref.uri, uri.toString());
      assert.equal(ref.line, lens.range.start.line);
      assert.equal(ref.version, document.version, 'the reference names the rendered document version');
      const element = ref.kind === 'phase' ? plan.phases[ref.index] : plan.tasks[ref.index];
      assert.equal(ref.kind, command.endsWith('Phase') ? 'phase' : 'task');
      assert.equal(element.line, ref.line);
      assert.equal(element.title, ref.title);
    }
  });

  it('rewrites the old boolean phasewise.codeLens.tasks as its equivalent', async () => {
    try {
      await setConfig('codeLens.tasks', true);
      await migrateLensTasks(api.services);
      assert.equal(vscode.workspace.getConfiguration('phasewise').inspect('codeLens.tasks')?.globalValue, 'all');
    } finally {
      await setConfig('codeLens.tasks', undefined);
    }
  });

  it('Toggle Task at Cursor completes the task at the cursor, and reopens it the second time', async () => {
    const { document, editor } = await openPlanCopy('it-lens-toggle');
    const plan = parsePlan(document.getText());
    const index = plan.tasks.findIndex((t) => t.kind === 'checkbox' && t.status === 'pending');
    const task = plan.tasks[index];
    editor.selection = new vscode.Selection(task.line, 2, task.line, 2);
    const before = document.getText();
    assert.equal(await vscode.commands.executeCommand('phasewise.toggleTask'), true);
    assert.equal(parsePlan(document.getText()).tasks[index].status, 'completed');
    assert.equal(await vscode.commands.executeCommand('phasewise.toggleTask'), true);
    assert.equal(parsePlan(document.getText()).tasks[index].status, 'pending');
    assert.equal(document.getText(), before, 'toggled twice: the text is as it was');
    // On a phase heading there is no task to toggle.
    editor.selection = new vscode.Selection(plan.phases[0].line, 0, plan.phases[0].line, 0);
    assert.equal(await vscode.commands.executeCommand('phasewise.toggleTask'), false);
  });

  it('follows phasewise.codeLens.tasks (all, none, and the old boolean), and shows none when CodeLens is off', async () => {
    const { uri, document } = await openPlanCopy('it-lens-settings');
    const plan = parsePlan(document.getText());
    const shows = (tasks: 'all' | 'current-phase' | 'none'): (() => Promise<boolean>) => {
      const want = JSON.stringify(sorted(expectedLenses(plan, document.getText(), tasks)));
      return async () => JSON.stringify(sorted(byLine(await lensesOf(uri)))) === want;
    };
    try {
      await setConfig('codeLens.tasks', 'all');
      await waitFor('a lens above every task', shows('all'));
      await setConfig('codeLens.tasks', 'none');
      await waitFor('task lenses to go away', shows('none'));
      await setConfig('codeLens.tasks', 'all');
      await waitFor('a lens above every task again', shows('all'));
      await setConfig('codeLens.tasks', false); // the old boolean: false is none
      await waitFor('task lenses to go away for false', shows('none'));

      await setConfig('codeLens.enabled', false);
      await waitFor('all lenses to go away', async () => (await lensesOf(uri)).length === 0);
    } finally {
      await setConfig('codeLens.tasks', undefined);
      await setConfig('codeLens.enabled', undefined);
    }
    await waitFor('the default lenses to come back', shows('current-phase'));
  });

  it('"Mark phase complete" changes only the status, the overview cell and Current Phase, records a lens event, and undoes in one step', async () => {
    const { uri, document } = await openPlanCopy('it-lens-complete');
    const before = document.getText();
    const plan = parsePlan(before);
    const index = plan.phases.findIndex((p) => p.status === 'in-progress');
    assert.ok(index >= 0, 'the sample plan has a phase in progress');
    const phase = plan.phases[index];
    assert.ok(phase.mark && phase.overviewRow, 'the phase in progress has a status line and an overview row');
    const currentField = plan.fields.find((f) => f.name === 'current phase');
    assert.ok(currentField, 'the sample plan has a Current Phase line');

    const lens = (await lensesOf(uri)).find((l) => l.range.start.line === phase.line && l.command?.command === 'phasewise.completePhase');
    assert.ok(lens, 'a "Mark phase complete" lens above the phase in progress');
    const eventsBefore = api.services.history.all().length;
    const applied = await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.equal(applied, true);

    const after = document.getText();
    const row = plan.overviews[phase.overviewRow.table].rows[phase.overviewRow.row];
    const expected = new Set([lineOf(before, phase.mark.range.start), row.line, currentField.line]);
    if (phase.headingMark) expected.add(lineOf(before, phase.headingMark.range.start));
    const completedField = phase.fields.find((f) => /^(completed|completed at|completion date)$/.test(f.name));
    if (completedField) expected.add(completedField.line);
    assert.deepEqual(
      changedLines(before, after),
      [...expected].sort((a, b) => a - b),
    );

    const afterPlan = parsePlan(after);
    assert.equal(afterPlan.phases[index].status, 'completed');
    assert.equal(afterPlan.overviews[phase.overviewRow.table].rows[phase.overviewRow.row].status, 'completed');
    const next = plan.phases.findIndex((p, i) => i > index && p.status !== 'completed');
    assert.ok(next >= 0 && plan.phases[next].number, 'the sample has a numbered open phase after the one completed');
    assert.match(
      after.split('\n')[currentField.line],
      new RegExp(`\\b${plan.phases[next].number!.replace('.', '\\.')}\\b`),
      'Current Phase moves to the next open phase',
    );
    assert.equal(currentPhaseIndex(afterPlan), next);

    // The history says it came from a lens.
    const events = api.services.history.all().slice(eventsBefore);
    const event = events.find((e) => e.file === uri.toString() && e.target === 'phase');
    assert.ok(event, `a history event for the phase (got ${JSON.stringify(events)})`);
    assert.equal(event.source, 'lens');
    assert.equal(event.from, 'in-progress');
    assert.equal(event.to, 'completed');
    assert.equal(events.filter((e) => e.file === uri.toString() && e.key === event.key).length, 1, 'recorded once (not again as an outside change)');

    // One undo restores the text exactly.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before);
  });

  it('a stale lens re-targets the same phase after lines were inserted above it, and edits no other line', async () => {
    const { uri, document } = await openPlanCopy('it-lens-stale');
    const plan = parsePlan(document.getText());
    const index = plan.phases.findIndex((p) => p.status === 'pending' && p.number !== undefined);
    assert.ok(index > 0, 'the sample plan has a numbered pending phase after the first');
    const phase = plan.phases[index];
    const lens = (await lensesOf(uri)).find((l) => l.range.start.line === phase.line && l.command?.command === 'phasewise.startPhase');
    assert.ok(lens, 'a Start lens above the pending phase');

    // Someone inserts a phase above it: the lens's version, index and line are all out of date.
    const inserted = '## Phase 99: Inserted above by the test\n\n**Status:** Pending\n\n---\n\n';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(phase.line, 0), inserted);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const middle = document.getText();
    const middlePlan = parsePlan(middle);
    const moved = middlePlan.phases.findIndex((p) => p.number === phase.number && p.title === phase.title);
    assert.notEqual(moved, index, 'the phase moved to another index');
    assert.notEqual(middlePlan.phases[index].title, phase.title, 'another phase now has the old index');

    const applied = await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.equal(applied, true, 'the stale lens found its phase again');
    const after = document.getText();
    const afterPlan = parsePlan(after);
    assert.equal(afterPlan.phases[moved].status, 'in-progress', 'the same phase was started');
    const target = middlePlan.phases[moved];
    const allowed = new Set([lineOf(middle, target.mark!.range.start)]);
    if (target.headingMark) allowed.add(lineOf(middle, target.headingMark.range.start));
    if (target.overviewRow) allowed.add(middlePlan.overviews[target.overviewRow.table].rows[target.overviewRow.row].line);
    for (const f of middlePlan.fields) if (f.name === 'current phase') allowed.add(f.line);
    const changed = changedLines(middle, after);
    assert.ok(changed.includes(lineOf(middle, target.mark!.range.start)), 'the status line of the same phase changed');
    for (const line of changed) assert.ok(allowed.has(line), `line ${line + 1} changed: ${after.split('\n')[line]}`);
    // The inserted phase and the phase that took the old index are untouched.
    for (let i = 0; i < middlePlan.phases.length; i++)
      if (i !== moved) assert.equal(afterPlan.phases[i].status, middlePlan.phases[i].status, `phase ${middlePlan.phases[i].title}`);
  });

  it('a lens whose phase was deleted changes nothing', async () => {
    const { uri, document } = await openPlanCopy('it-lens-deleted');
    const plan = parsePlan(document.getText());
    const index = plan.phases.findIndex((p) => p.status === 'pending');
    assert.ok(index >= 0 && index < plan.phases.length - 1, 'a pending phase with another phase after it');
    const phase = plan.phases[index];
    const lens = (await lensesOf(uri)).find((l) => l.range.start.line === phase.line && l.command?.command === 'phasewise.startPhase');
    assert.ok(lens);

    const edit = new vscode.WorkspaceEdit();
    edit.delete(uri, new vscode.Range(document.positionAt(phase.sectionRange.start), document.positionAt(phase.sectionRange.end)));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const middle = document.getText();
    assert.ok(!parsePlan(middle).phases.some((p) => p.title === phase.title), 'the phase is gone');
    const eventsBefore = api.services.history.all().length;

    const applied = await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.equal(applied, false);
    assert.equal(document.getText(), middle, 'nothing changed');
    assert.equal(api.services.history.all().length, eventsBefore, 'nothing was recorded');
  });

  it('builds every lens of a 1000-phase plan after an edit, sends them bare and resolves the commands of the lenses on screen', async () => {
    const parts = ['# Execution Plan: Large', '', '**Current Phase:** Phase 10 of 1000', ''];
    for (let i = 1; i <= 1000; i++) {
      const status = i < 10 ? 'Completed' : i === 10 ? 'In Progress' : 'Pending';
      parts.push(`## Phase ${i}: Step group ${i}`, '', `**Status:** ${status}`, '', '**Steps:**', `1. First step of ${i}`, `2. Second step of ${i}`, '');
    }
    const { uri, document } = await openPlanCopy('it-lens-large', parts.join('\n'));
    const token = new vscode.CancellationTokenSource().token;
    api.services.store.sync(document);

    // The provider after edits (incremental parses): every lens of the document as it is now.
    // (Speed is measured by `npm run bench`, not here.)
    let lenses: vscode.CodeLens[] = [];
    for (let k = 0; k < 3; k++) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(document.lineCount - 1, 0), `Note ${k}\n`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      lenses = ((await api.codeLens.provideCodeLenses(document, token)) ?? []) as vscode.CodeLens[];
    }
    const plan = parsePlan(document.getText());
    assert.equal(plan.phases.length, 1000);
    assert.equal(
      lenses.length,
      [...expectedLenses(plan, document.getText(), 'current-phase').values()].reduce((n, list) => n + list.length, 0),
    );

    // So many lenses go out without commands (cheap for VS Code), each resolved to its own command.
    assert.ok(
      lenses.every((l) => !l.command),
      'a large document sends bare lenses',
    );
    // Without a resolve count VS Code returns the lenses as provided (with one, it drops those it does not resolve).
    const sent = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    assert.ok(sent.length >= lenses.length, `${sent.length} lenses through VS Code, ${lenses.length} provided`);
    const resolved = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 40)) ?? [];
    const ours = resolved.filter((l) => l.command?.command.startsWith('phasewise.'));
    assert.ok(ours.length >= 20, `${ours.length} lenses resolved`);
    for (const lens of ours) {
      if (lens.command!.command === 'phasewise.revealLine') continue;
      const [ref, marker] = lens.command!.arguments as [{ line: number; version: number; kind: string }, string];
      assert.equal(marker, 'lens');
      assert.equal(ref.line, lens.range.start.line);
      assert.equal(ref.version, document.version);
      const phase = plan.phases.find((p) => p.line === ref.line);
      if (ref.kind === 'phase') {
        assert.ok(phase);
        assert.ok(expectedPhaseLenses(phase.status).includes(`${lens.command!.command}|${lens.command!.title}`));
      }
    }
  });
});
