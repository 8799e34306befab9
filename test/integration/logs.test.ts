// Execution logs in a real editor: Collect Gold Nuggets into Guidelines.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GUIDELINES_END, GUIDELINES_START, nuggetEntries, parsePlan } from '../../src/core';
import { cleanUp, fileUri, getApi, openNewFile, waitFor } from './support';

describe('Phasewise: Collect Gold Nuggets into Guidelines', function () {
  this.timeout(20000);
  before(getApi);
  afterEach(cleanUp);

  it('writes the guidelines of the active log in one undoable edit; a second run changes nothing', async () => {
    const sample = new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri('execution-log.md')));
    const { uri, document } = await openNewFile('it-log-guidelines', sample);
    const nuggets = nuggetEntries(sample, parsePlan(sample));
    assert.ok(nuggets.length >= 2, 'the sample log has nuggets');

    assert.equal(await vscode.commands.executeCommand('phasewise.collectGuidelines'), true);
    const after = document.getText();
    const block = after.slice(after.indexOf(GUIDELINES_START), after.indexOf(GUIDELINES_END));
    for (const n of nuggets) assert.ok(block.includes(n.text), `the block holds "${n.text.slice(0, 40)}..."`);
    // The block and the blank line before it are all that was added.
    const start = after.indexOf(GUIDELINES_START);
    const end = after.indexOf(GUIDELINES_END) + GUIDELINES_END.length;
    assert.equal(after.slice(0, start - 2) + after.slice(end), sample);
    assert.ok(!document.isDirty, 'saved, as the other edits are');
    assert.equal(
      vscode.window.activeTextEditor?.selection.active.line,
      document.positionAt(after.indexOf(GUIDELINES_START)).line,
      'the cursor is on the block',
    );

    assert.equal(await vscode.commands.executeCommand('phasewise.collectGuidelines', uri), false, 'nothing to change the second time');
    assert.equal(document.getText(), after);

    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), sample, 'one undo takes the block back');
  });

  it('the Plans view lists every log’s Gold Nuggets under Lessons, each opening its line', async () => {
    const api = await getApi();
    const provider = api.tree.provider;
    const sample = new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri('execution-log.md')));
    const expected = nuggetEntries(sample, parsePlan(sample));
    const lessons = provider.getChildren().find((n) => n.type === 'lessons');
    assert.ok(lessons, 'a Lessons node after the plans');
    const item = provider.getTreeItem(lessons);
    assert.equal(item.label, 'Lessons');
    const nuggets = provider.getChildren(lessons).filter((n) => n.type === 'nugget' && n.uri.toString() === fileUri('execution-log.md').toString());
    assert.deepEqual(
      nuggets.map((n) => (n.type === 'nugget' ? n.entry.text : '')),
      expected.map((e) => e.text),
    );
    const first = provider.getTreeItem(nuggets[0]);
    assert.equal(first.command?.command, 'phasewise.revealLine');
    assert.deepEqual(first.command?.arguments, [fileUri('execution-log.md').toString(), expected[0].line]);
    assert.equal(provider.getParent(nuggets[0]), lessons);

    // A new log's nuggets join the list.
    const { uri } = await openNewFile(
      'it-lessons',
      `# Execution Log: Sync\n\n## Fixes\n\n### Problem: Two writers raced\n**Root Cause:** No lock.\n**Solution:** A file lock.\n**Gold Nugget:** Take the lock before reading what you will write.\n`,
    );
    await waitFor('the new log’s nugget under Lessons', () =>
      provider.getChildren(lessons).some((n) => n.type === 'nugget' && n.uri.toString() === uri.toString() && n.entry.text.startsWith('Take the lock')),
    );
  });
});
