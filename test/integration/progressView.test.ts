// The progress webview in the Phasewise container: its page loads under the CSP and follows the active plan.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cleanUp, getApi, waitFor, workspaceFolder } from './support';

describe('Phasewise progress view', () => {
  afterEach(cleanUp);

  it('opens in the Phasewise container, its page loads and it follows the active plan', async () => {
    const api = await getApi();
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder(), 'execution-plan.md'));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('phasewise.progress.focus');
    // `ready` is sent by the page's script: it ran under the Content Security Policy.
    await waitFor('the progress page to load', () => api.progress.state.ready && api.progress.state.visible, 15000);
    const entry = api.services.activePlan();
    assert.ok(entry, 'the sample plan is the active plan');
    assert.equal(entry.uri.toString(), document.uri.toString());
    api.progress.refresh();
  });
});
