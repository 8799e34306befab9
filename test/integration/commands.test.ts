// Commands in a real editor: templates, navigation, status changes from the cursor, new
// documents, emoji repair, and the status history (sources, outside changes, recovery).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AGENT_BLOCK_START, agentInstructions, currentPhaseIndex, nextWork, parsePlan, withAgentInstructions } from '../../src/core';
import type { PhasewiseApi } from '../../src/extension';
import { HISTORY_KEY, History } from '../../src/host/history';
import type { HistoryEvent } from '../../src/host/historyModel';
import { discardNewFiles, getApi, openPlanCopy, samplePlanText, track, waitFor, workspaceFolder, writeNewFile, writePlanCopy } from './support';

const encoder = new TextEncoder();

function placeCursor(editor: vscode.TextEditor, line: number, character = 0): void {
  const p = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(p, p);
}

describe('Phasewise commands', function () {
  this.timeout(30_000);
  let api: PhasewiseApi;

  before(async () => {
    api = await getApi();
  });

  afterEach(discardNewFiles);

  it('Insert Next Phase adds the next-numbered phase after the last one and an overview row, selects its title, and undoes in one step', async () => {
    const { document, editor } = await openPlanCopy('it-cmd-next-phase');
    placeCursor(editor, 0);
    const before = document.getText();
    const plan = parsePlan(before);
    const highest = Math.max(...plan.phases.map((p) => Number.parseInt(p.number ?? '0', 10)));
    const title = 'Integration check';

    const applied = await vscode.commands.executeCommand('phasewise.insertNextPhase', { title });
    assert.equal(applied, true);
    const after = document.getText();
    const afterPlan = parsePlan(after);
    assert.equal(afterPlan.phases.length, plan.phases.length + 1);
    const index = afterPlan.phases.findIndex((p) => p.title === title);
    assert.ok(index >= 0, 'the new phase is parsed as a phase');
    const added = afterPlan.phases[index];
    assert.equal(added.number, String(highest + 1), 'numbered one past the highest');
    assert.equal(added.status, 'pending');
    const lastBefore = plan.phases[plan.phases.length - 1];
    assert.ok(added.line > afterPlan.phases.filter((_p, i) => i !== index).reduce((m, p) => Math.max(m, p.line), -1), 'after every other phase');
    assert.ok(added.line > lastBefore.line);
    const rows = afterPlan.overviews.flatMap((o) => o.rows);
    const newRow = rows.find((r) => r.phase === index);
    assert.ok(newRow, 'the overview table has a row for the new phase');
    assert.equal(rows.length, plan.overviews.flatMap((o) => o.rows).length + 1);
    const currentBefore = plan.fields.find((f) => f.name === 'current phase');
    const current = afterPlan.fields.find((f) => f.name === 'current phase');
    assert.equal(currentBefore?.value, `Phase 3 of ${plan.phases.length}`, 'the sample names its current phase with a total');
    assert.equal(current?.value, `Phase 3 of ${plan.phases.length + 1}`, 'the total counts the new phase');
    // Every other line before the inserted section is unchanged; the rest of the old text follows it.
    const beforeLines = before.split('\n');
    const afterLines = after.split('\n');
    let j = 0; // the same line in the text before
    for (let i = 0; i < added.line; i++) {
      if (i === newRow.line) continue; // the new row has no counterpart
      if (i !== current!.line) assert.equal(afterLines[i], beforeLines[j], `line ${i + 1} is unchanged`);
      j++;
    }

    // The cursor selects the new phase's title.
    assert.equal(editor.selection.start.line, added.line);
    assert.equal(document.getText(editor.selection), title);

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before, 'one undo removes the whole insertion');
  });

  it('Insert Fix Block without a title argument asks for one, and Escape changes nothing', async () => {
    const { document } = await openPlanCopy('it-cmd-fix-cancel');
    const before = document.getText();
    const running = Promise.resolve(vscode.commands.executeCommand('phasewise.insertFixBlock'));
    let settled = false;
    void running.finally(() => (settled = true));
    // The command waits for an answer: it has not finished while the input box is up.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(settled, false, 'the command asks for the title and waits');
    // Close the input box as Escape would.
    await waitFor('the prompt to close', async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await new Promise((r) => setTimeout(r, 100));
      return settled;
    });
    assert.equal(await running, false);
    assert.equal(document.getText(), before);
  });

  it('Insert Fix Block with a title puts the block in the section at the cursor', async () => {
    const { document, editor } = await openPlanCopy('it-cmd-fix');
    const plan = parsePlan(document.getText());
    const phase = plan.phases[plan.phases.length - 1];
    placeCursor(editor, phase.line + 2);
    const applied = await vscode.commands.executeCommand('phasewise.insertFixBlock', { title: 'Sync stalls on large notes' });
    assert.equal(applied, true);
    const afterPlan = parsePlan(document.getText());
    const fix = afterPlan.fixes.find((f) => f.title.includes('Sync stalls on large notes'));
    assert.ok(fix, `a fix block is parsed (fixes: ${JSON.stringify(afterPlan.fixes.map((f) => f.title))})`);
    const last = afterPlan.phases[afterPlan.phases.length - 1];
    const nextHeading = afterPlan.headings.find((h) => h.line > last.line && h.depth <= last.depth);
    assert.ok(fix.line > last.line && (!nextHeading || fix.line < nextHeading.line), 'inside the section the cursor was in');
    assert.equal(document.getText(editor.selection), 'Sync stalls on large notes');
  });

  it('Go to Current Phase puts the cursor on the current phase heading; Resume on the first open step', async () => {
    const { uri, document, editor } = await openPlanCopy('it-cmd-navigate');
    placeCursor(editor, 0);
    const plan = parsePlan(document.getText());
    const current = currentPhaseIndex(plan);
    assert.ok(current !== undefined);

    assert.equal(await vscode.commands.executeCommand('phasewise.goToCurrentPhase'), true);
    let active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), uri.toString());
    assert.equal(active!.selection.active.line, plan.phases[current].line);

    const work = nextWork(plan);
    assert.ok(work.task !== undefined, 'the sample plan has an open step');
    assert.equal(await vscode.commands.executeCommand('phasewise.resume'), true);
    active = vscode.window.activeTextEditor;
    const line = plan.tasks[work.task].line;
    assert.equal(active!.selection.active.line, line);
    assert.equal(active!.selection.active.character, document.lineAt(line).text.trimEnd().length, 'at the end of the step text');
  });

  it('Reveal Line opens a closed plan at a line', async () => {
    const uri = await writePlanCopy('it-cmd-reveal');
    assert.equal(await vscode.commands.executeCommand('phasewise.revealLine', uri.toString(), 12), true);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    assert.equal(vscode.window.activeTextEditor!.selection.active.line, 12);
  });

  it('a status command without an argument acts on the task at the cursor and records a command event', async () => {
    const { uri, document, editor } = await openPlanCopy('it-cmd-cursor-task');
    const before = document.getText();
    const plan = parsePlan(before);
    const taskIndex = plan.tasks.findIndex((t) => t.status === 'pending' && t.kind === 'checkbox');
    assert.ok(taskIndex >= 0, 'the sample plan has an open checkbox');
    const task = plan.tasks[taskIndex];
    placeCursor(editor, task.line, 4);
    const eventsBefore = api.services.history.all().length;

    assert.equal(await vscode.commands.executeCommand('phasewise.completeTask'), true);
    const after = document.getText();
    const changed = before.split('\n').flatMap((l, i) => (l === after.split('\n')[i] ? [] : [i]));
    assert.deepEqual(changed, [task.line], 'only the task line changed');
    assert.equal(parsePlan(after).tasks[taskIndex].status, 'completed');
    const event = api.services.history
      .all()
      .slice(eventsBefore)
      .find((e) => e.file === uri.toString() && e.target === 'task');
    assert.ok(event);
    assert.equal(event.source, 'command');
    assert.equal(event.to, 'completed');
  });

  it('a phase command from the Plans view (a node with a ref) acts on that phase and records a tree event', async () => {
    const { uri, document } = await openPlanCopy('it-cmd-tree-node');
    const plan = parsePlan(document.getText());
    const index = plan.phases.findIndex((p) => p.status === 'pending');
    const p = plan.phases[index];
    const node = {
      type: 'phase',
      ref: { uri: uri.toString(), kind: 'phase', index, version: document.version, key: p.number ?? p.id, title: p.title, line: p.line },
    };
    const eventsBefore = api.services.history.all().length;
    assert.equal(await vscode.commands.executeCommand('phasewise.failPhase', node), true);
    assert.equal(parsePlan(document.getText()).phases[index].status, 'failed');
    const event = api.services.history
      .all()
      .slice(eventsBefore)
      .find((e) => e.file === uri.toString());
    assert.equal(event?.source, 'tree');
    // Setting the status it already has changes nothing.
    const text = document.getText();
    assert.equal(await vscode.commands.executeCommand('phasewise.setStatus', node.ref, 'failed'), false);
    assert.equal(document.getText(), text);
    assert.equal(await vscode.commands.executeCommand('phasewise.setStatus', { ...node.ref, version: document.version }, 'blocked'), true);
    assert.equal(parsePlan(document.getText()).phases[index].status, 'blocked');
  });

  it('New Execution Plan opens an untitled Markdown plan with the title given', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('phasewise.newPlan', { title: 'Integration Plan' });
    assert.ok(uri);
    track(uri);
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.toString(), uri.toString());
    assert.equal(document!.languageId, 'markdown');
    assert.ok(document!.isUntitled);
    const plan = parsePlan(document!.getText());
    assert.equal(plan.kind, 'plan');
    assert.ok(plan.title?.includes('Integration Plan'), `title ${plan.title}`);
    assert.ok(plan.phases.length > 0);
  });

  it('Repair Damaged Emoji restores the emoji in one edit, and says so when there is nothing to repair', async () => {
    const original = await samplePlanText();
    const damaged = original.replaceAll('✅', 'âœ…');
    assert.notEqual(damaged, original);
    const { document } = await openPlanCopy('it-cmd-repair', damaged);
    const repaired = await vscode.commands.executeCommand<number>('phasewise.repairEmoji');
    assert.ok(repaired && repaired > 0);
    assert.equal(document.getText(), original);
    assert.equal(await vscode.commands.executeCommand('phasewise.repairEmoji'), 0);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), damaged, 'one undo brings the damaged text back');
  });
});

describe('Phasewise: Add Agent Instructions', function () {
  this.timeout(30_000);
  before(getApi);
  afterEach(discardNewFiles);

  it('adds the instructions block to an AGENTS.md once: a second run replaces it, and one undo takes it back', async () => {
    const uri = await writeNewFile('it-agents', '# Agents\n\nKeep commits small.\n');
    await vscode.commands.executeCommand('phasewise.addAgentInstructions', uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const once = document.getText();
    assert.equal(once, withAgentInstructions('# Agents\n\nKeep commits small.\n'));
    assert.ok(!document.isDirty, 'saved, as it had no unsaved changes');
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(onDisk, once);
    await vscode.commands.executeCommand('phasewise.addAgentInstructions', uri);
    assert.equal(document.getText(), once);
    assert.equal(once.split(AGENT_BLOCK_START).length, 2, 'one block');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), '# Agents\n\nKeep commits small.\n');
  });

  it('creates the file when it does not exist', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolder(), `it-agents-new-${process.pid}.md`);
    track(uri);
    await vscode.commands.executeCommand('phasewise.addAgentInstructions', uri);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(text, agentInstructions());
  });
});

describe('Phasewise status history', function () {
  this.timeout(30_000);
  let api: PhasewiseApi;

  before(async () => {
    api = await getApi();
  });

  afterEach(discardNewFiles);

  it('records a change written to a closed plan file by another program as an outside change', async () => {
    const text = await samplePlanText();
    const uri = await writePlanCopy('it-cmd-outside', text);
    await waitFor('the store to read the new plan', () => api.services.store.get(uri));
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the plan is not open');

    const plan = parsePlan(text);
    const phase = plan.phases.find((p) => p.status === 'pending' && p.mark?.source === 'field');
    assert.ok(phase && phase.mark);
    const changed = text.slice(0, phase.mark.phraseRange.start) + 'In Progress' + text.slice(phase.mark.phraseRange.end);
    assert.equal(parsePlan(changed).phases[plan.phases.indexOf(phase)].status, 'in-progress');
    await vscode.workspace.fs.writeFile(uri, encoder.encode(changed));

    const event = await waitFor('an outside event in the history', () =>
      api.services.history.all().find((e) => e.file === uri.toString() && e.source === 'outside' && e.to === 'in-progress'),
    );
    assert.equal(event.target, 'phase');
    assert.equal(event.from, 'pending');
    assert.equal(event.key, `phase:${phase.number ?? phase.id ?? phase.title}`);
  });

  function fakeMemento(initial: unknown): vscode.Memento & { value: unknown; updates: number } {
    const memento = {
      value: initial,
      updates: 0,
      keys: () => [HISTORY_KEY],
      get<T>(key: string, fallback?: T): T | undefined {
        return key === HISTORY_KEY ? (memento.value as T) : fallback;
      },
      update(key: string, value: unknown): Thenable<void> {
        if (key === HISTORY_KEY) {
          memento.value = value;
          memento.updates++;
        }
        return Promise.resolve();
      },
    };
    return memento;
  }

  function collectingLog(): { warn(m: string): void; info(m: string): void; warnings: string[] } {
    const warnings: string[] = [];
    return { warnings, warn: (m) => warnings.push(m), info: () => undefined };
  }

  const valid: HistoryEvent = {
    file: 'file:///plan.md',
    target: 'phase',
    key: 'phase:3',
    label: 'Phase 3: Merge',
    from: 'pending',
    to: 'in-progress',
    time: 1_700_000_000_000,
    source: 'lens',
  };

  it('keeps the readable events of a damaged stored history and stores the repaired one', async () => {
    const memento = fakeMemento({ version: 2, events: [1, { bad: true }, valid] });
    const log = collectingLog();
    const history = new History(memento, log, () => 2000);
    assert.deepEqual(history.all(), [valid]);
    assert.equal(log.warnings.length, 1, 'one warning about the dropped events');
    await waitFor('the repaired history to be stored', () => memento.updates > 0);
    assert.deepEqual(memento.value, { version: 2, events: [valid] });
  });

  it('starts an empty history from an unreadable one and stores a valid empty history', async () => {
    const memento = fakeMemento('nonsense');
    const log = collectingLog();
    const history = new History(memento, log, () => 2000);
    assert.deepEqual(history.all(), []);
    assert.equal(log.warnings.length, 1);
    await waitFor('the reset history to be stored', () => memento.updates > 0);
    assert.deepEqual(memento.value, { version: 2, events: [] });
    // It works normally afterwards.
    await history.record([valid]);
    assert.deepEqual(memento.value, { version: 2, events: [valid] });
  });

  it('recovers from garbage in the real workspace state', async () => {
    const state = api.services.context.workspaceState;
    const saved = state.get(HISTORY_KEY);
    try {
      await state.update(HISTORY_KEY, 'garbage');
      const log = collectingLog();
      let history: History | undefined;
      assert.doesNotThrow(() => {
        history = new History(state, log, () => 2000);
      });
      assert.deepEqual(history!.all(), []);
      assert.ok(
        log.warnings.some((w) => /unreadable/i.test(w)),
        `warnings: ${JSON.stringify(log.warnings)}`,
      );
      await waitFor('the workspace state to hold a valid history', () => JSON.stringify(state.get(HISTORY_KEY)) === JSON.stringify({ version: 2, events: [] }));
    } finally {
      await state.update(HISTORY_KEY, saved);
    }
  });
});
