// Restricted Mode: Phasewise declares untrusted workspaces supported, so it must activate and
// work there (it runs nothing from a plan's content).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fileUri, getApi, waitFor } from './support';

describe('Phasewise in an untrusted workspace', () => {
  it('runs in Restricted Mode: lists the sample plan, offers its lenses and changes a status', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is not trusted');
    const api = await getApi();
    const uri = fileUri('execution-plan.md');
    const entry = await waitFor('the sample plan', () => api.services.store.get(uri));
    assert.ok(entry.doc.plan.phases.length >= 3);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const complete = lenses.find((l) => l.command?.command === 'phasewise.completePhase');
    assert.ok(complete?.command, 'a "Mark phase complete" lens');
    const before = document.getText();
    assert.equal(await vscode.commands.executeCommand(complete.command.command, ...(complete.command.arguments ?? [])), true);
    assert.notEqual(document.getText(), before, 'the status changed');
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => document.getText() === before);
  });
});
