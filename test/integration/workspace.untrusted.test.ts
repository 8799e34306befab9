// Restricted Mode: Phasewise declares untrusted workspaces supported, so it must activate and
// work there (it runs nothing from a plan's content).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parsePlan } from '../../src/core';
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
    const inProgress = entry.doc.plan.phases.findIndex((p) => p.status === 'in-progress');
    const complete = lenses.find((l) => l.command?.command === 'phasewise.completePhase' && l.range.start.line === entry.doc.plan.phases[inProgress].line);
    assert.ok(complete?.command, 'a "Mark phase complete" lens above the phase in progress');
    const before = document.getText();
    assert.equal(await vscode.commands.executeCommand(complete.command.command, ...(complete.command.arguments ?? [])), true);
    const after = parsePlan(document.getText());
    assert.equal(after.phases[inProgress].status, 'completed', 'that phase is now completed');
    assert.deepEqual(
      after.phases.map((p, i) => (i === inProgress ? 'completed' : p.status)),
      entry.doc.plan.phases.map((p, i) => (i === inProgress ? 'completed' : p.status)),
      'no other phase changed',
    );
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => document.getText() === before);
  });
});
