// The progress webview in the Phasewise container: its page loads under the CSP, it is given the
// active plan's model and follows the active editor, and a click on a row goes to the phase.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cleanUp, fileUri, getApi, revertAndCloseAll, waitFor } from './support';

describe('Phasewise progress view', () => {
  before(revertAndCloseAll);
  afterEach(cleanUp);

  it('shows the active plan, follows the active editor, and reveals a phase when its row is clicked', async () => {
    const api = await getApi();
    const document = await vscode.workspace.openTextDocument(fileUri('execution-plan.md'));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('phasewise.progress.focus');
    // `ready` is sent by the page's script: it ran under the Content Security Policy.
    await waitFor('the progress page to load', () => api.progress.state.ready && api.progress.state.visible, 15000);

    // The sample plan: phases 1 and 2 completed, phase 3 in progress, three more pending.
    const model = await waitFor('the sample plan in the view', () => {
      const m = api.progress.state.delivered;
      return m && m.file === 'execution-plan.md' ? m : undefined;
    });
    assert.equal(model.completed, 2);
    assert.equal(model.total, 6);
    assert.equal(model.percent, 33);
    assert.equal(model.current, 2);
    assert.deepEqual(
      model.phases.map((p) => p.status),
      ['completed', 'completed', 'in-progress', 'pending', 'pending', 'pending'],
    );
    assert.ok(model.phases[2].current && !model.phases[3].current, 'phase 3 is marked current');

    // A click on phase 5's row puts the cursor on its heading.
    const row = model.phases[4];
    api.progress.receive({ type: 'reveal', index: row.index, line: row.line });
    await waitFor('the cursor on phase 5', () => vscode.window.activeTextEditor?.selection.active.line === row.line);
    assert.match(document.lineAt(row.line).text, /^## Phase 5:/);

    // An invalid message is ignored.
    api.progress.receive({ type: 'reveal', index: -1, line: 'x' });

    // Another document becomes active: the view follows it.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri('task-tracker.md')));
    const tracker = await waitFor('the tracker in the view', () => {
      const m = api.progress.state.delivered;
      return m && m.file === 'task-tracker.md' ? m : undefined;
    });
    assert.equal(tracker.phases.length, 0, 'a tracker has no phases');
    assert.ok(tracker.total > 0, 'its tasks are counted');
  });
});
