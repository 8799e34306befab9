// Execution logs in a real editor: Collect Gold Nuggets into Guidelines.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GUIDELINES_END, GUIDELINES_START, nuggetEntries, parsePlan } from '../../src/core';
import { cleanUp, fileUri, getApi, openNewFile } from './support';

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
});
