// The status bar item in a real editor: what it says for the active plan, how it follows a
// status change, and that it steps aside for files that are not plans.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { currentPhaseIndex, parsePlan, progress, setStatus } from '../../src/core';
import type { PhasewiseApi } from '../../src/extension';
import { applyToDocument, deleteFile, fileUri, getApi, plain, revertAndCloseAll, waitFor } from './support';

let api: PhasewiseApi;

/** waitFor that, when it times out, says what the status bar showed. */
function waitForBar(what: string, probe: () => boolean): Promise<boolean> {
  return waitFor(what, probe, 5000, { detail: () => `the status bar says "${api.statusBar.text}"` });
}

/** What the item should say for a plan with phases, worked out from the model. */
async function show(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

describe('Status bar', () => {
  before(async () => {
    api = await getApi();
    await revertAndCloseAll();
  });

  afterEach(revertAndCloseAll);

  it('shows the current phase and the share of completed phases of the active plan', async () => {
    const uri = fileUri('execution-plan.md');
    const editor = await show(uri);
    const plan = parsePlan(editor.document.getText());
    assert.ok(plan.phases.length >= 3 && plan.phases.some((p) => p.status === 'in-progress'));
    // The sample: phase 3 of 6 in progress, 2 of 6 phases completed.
    const expected = '$(checklist) Phase 3/6 · 33%';
    await waitForBar(`"${expected}"`, () => api.statusBar.text === expected);
    assert.equal(api.statusBar.name, 'Phasewise');
    assert.equal((api.statusBar.command as vscode.Command | undefined)?.command, 'phasewise.goToCurrentPhase');
    const tooltip = api.statusBar.tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString, 'the tooltip is Markdown');
    assert.ok(!tooltip.isTrusted);
    const current = plan.phases[currentPhaseIndex(plan)!];
    const text = plain(tooltip);
    assert.ok(text.includes(current.title), `the tooltip names the current phase: ${text}`);
    assert.ok(current.mark && text.includes(current.mark.text), `the tooltip has the status as written: ${text}`);
    assert.ok(plan.title && text.includes(plan.title), `the tooltip has the plan title: ${text}`);
  });

  it('follows a status change in the editor, and the revert', async () => {
    const editor = await show(fileUri('execution-plan.md'));
    const document = editor.document;
    const plan = parsePlan(document.getText());
    const before = '$(checklist) Phase 3/6 · 33%';
    await waitForBar(`"${before}"`, () => api.statusBar.text === before);
    const cur = currentPhaseIndex(plan)!;
    const edits = setStatus(document.getText(), plan, { kind: 'phase', index: cur }, 'completed');
    const expected = '$(checklist) Phase 4/6 · 50%'; // phase 3 done, Current Phase moves to 4
    await applyToDocument(document, edits);
    await waitForBar(`"${expected}"`, () => api.statusBar.text === expected);

    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(!document.isDirty, 'the sample is back to its saved text');
    await waitForBar(`"${before}" again`, () => api.statusBar.text === before);
  });

  it('shows the tasks done in a tracker', async () => {
    const editor = await show(fileUri('task-tracker.md'));
    const plan = parsePlan(editor.document.getText());
    assert.equal(plan.phases.length, 0);
    const { completed, total } = progress(plan);
    assert.ok(total > 0);
    const expected = `$(checklist) ${completed}/${total} tasks done`;
    await waitForBar(`"${expected}"`, () => api.statusBar.text === expected);
  });

  it('steps aside for a Markdown file that is not a plan and for other files', async () => {
    await show(fileUri('execution-plan.md'));
    await waitForBar('the plan in the status bar', () => api.statusBar.text.includes('Phase'));
    const notes = fileUri(`zz-status-notes-${Date.now()}.md`);
    const other = fileUri(`zz-status-other-${Date.now()}.txt`);
    await vscode.workspace.fs.writeFile(notes, new TextEncoder().encode('# Notes\n\nNothing to do here, just a paragraph.\n'));
    await vscode.workspace.fs.writeFile(other, new TextEncoder().encode('plain text\n'));
    try {
      await show(notes);
      await waitForBar('the item to hide for Markdown notes', () => api.statusBar.text === '');
      await show(fileUri('execution-plan.md'));
      await waitForBar('the plan in the status bar again', () => api.statusBar.text.includes('Phase'));
      await show(other);
      await waitForBar('the item to hide for a text file', () => api.statusBar.text === '');
    } finally {
      await revertAndCloseAll();
      await deleteFile(notes);
      await deleteFile(other);
    }
  });
});
