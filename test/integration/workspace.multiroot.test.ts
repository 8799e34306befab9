// A workspace of two folders: plans are found in both, each edited in its own file.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getApi, waitFor } from './support';

describe('Phasewise in a multi-root workspace', () => {
  it('lists the plans of every folder in the tree and edits the right file', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 2, 'two workspace folders');
    const api = await getApi();
    const roadmap = vscode.Uri.joinPath(folders[1].uri, 'roadmap.md');
    const sample = vscode.Uri.joinPath(folders[0].uri, 'execution-plan.md');
    await waitFor('both plans', () => api.services.store.get(roadmap) && api.services.store.get(sample));
    const roots = (await api.tree.provider.getChildren()) ?? [];
    const labels = await Promise.all(roots.map(async (n) => String((await api.tree.provider.getTreeItem(n)).label)));
    assert.ok(
      labels.some((l) => l.includes('Roadmap: Search')),
      `the second folder's plan is listed (${labels.join(' | ')})`,
    );
    assert.ok(
      labels.some((l) => l.includes('Offline Sync')),
      "the first folder's plan is listed",
    );

    const sampleOnDisk = await vscode.workspace.fs.readFile(sample);
    const sampleText = (await vscode.workspace.openTextDocument(sample)).getText();
    const document = await vscode.workspace.openTextDocument(roadmap);
    await vscode.window.showTextDocument(document);
    const ref = { uri: roadmap.toString(), kind: 'phase' as const, index: 1, version: document.version, key: '2', title: 'Query', line: 6 };
    assert.equal(await vscode.commands.executeCommand('phasewise.completePhase', ref), true);
    assert.match(document.getText(), /## Phase 2: Query\n\n\*\*Status:\*\* Completed/);
    // The other folder's plan is untouched, in the editor and on disk.
    assert.equal((await vscode.workspace.openTextDocument(sample)).getText(), sampleText);
    assert.deepEqual(await vscode.workspace.fs.readFile(sample), sampleOnDisk);
    assert.match(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(roadmap)),
      /## Phase 2: Query\n\n\*\*Status:\*\* Completed/,
      'the roadmap was saved with the change',
    );
    await vscode.commands.executeCommand('undo');
  });
});

describe('Phasewise chat tools in a multi-root workspace', () => {
  it('names files with their folder, as VS Code does, and reads each from its own folder', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const api = await getApi();
    const roadmap = vscode.Uri.joinPath(folders[1].uri, 'roadmap.md');
    await waitFor('the roadmap', () => api.services.store.get(roadmap));
    const listed = await api.languageModelTools.workspace.listPlans();
    const files = (listed.json.files as Array<{ root: string; file: string }>).map((f) => `${f.root} ${f.file}`);
    assert.ok(files.includes(`${folders[1].name} ${folders[1].name}/roadmap.md`), files.join(', '));
    assert.ok(files.includes(`${folders[0].name} ${folders[0].name}/execution-plan.md`), files.join(', '));
    const read = await vscode.lm.invokeTool('phasewise_read_plan', { input: { file: `${folders[1].name}/roadmap.md` }, toolInvocationToken: undefined });
    const json = JSON.parse((read.content[1] as vscode.LanguageModelTextPart).value) as { title: string; file: string };
    assert.equal(json.title, 'Roadmap: Search');
    assert.equal(json.file, `${folders[1].name}/roadmap.md`);
    // A path that climbs out of the folders is refused.
    await assert.rejects(
      Promise.resolve(vscode.lm.invokeTool('phasewise_read_plan', { input: { file: '../../roadmap.md' }, toolInvocationToken: undefined })),
      /outside the workspace/,
    );
  });
});
