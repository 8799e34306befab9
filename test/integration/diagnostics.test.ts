// Consistency problems in the Problems panel, each with a quick fix that clears it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cleanUp, getApi, openNewFile, waitFor } from './support';

// A plan whose overview table disagrees with phase 2's own status.
const PLAN = [
  '# Plan: Export to CSV',
  '',
  '**Current Phase:** Phase 2 of 2',
  '',
  '## Phase Overview',
  '',
  '| Phase | Name | Status |',
  '|-------|------|--------|',
  '| 1 | Reader | Completed |',
  '| 2 | Writer | Pending |',
  '',
  '## Phase 1: Reader',
  '',
  '**Status:** Completed',
  '',
  '## Phase 2: Writer',
  '',
  '**Status:** In Progress',
  '',
].join('\n');

function phasewiseProblems(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Phasewise');
}

/** The quick fixes at `range`, once the provider has caught up with the diagnostics. */
function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return waitFor('quick fixes', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    );
    return actions.length ? actions : undefined;
  });
}

describe('Phasewise diagnostics', () => {
  before(getApi);
  afterEach(cleanUp);

  it('reports an overview row that disagrees with its phase, and its quick fix clears it', async () => {
    const { uri, document } = await openNewFile('it-diag', PLAN);
    const problem = await waitFor('the overview-mismatch problem', () => phasewiseProblems(uri).find((d) => d.code === 'overview-mismatch'));
    assert.equal(problem.range.start.line, 9, 'on the overview row of phase 2');
    const actions = await quickFixes(uri, problem.range);
    const fix = actions.find((a) => a.command?.command === 'phasewise.applyFix' && /overview/i.test(a.title));
    assert.ok(fix?.command, `a quick fix is offered (got ${actions.map((a) => a.title).join(', ')})`);
    const before = document.getText();
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await waitFor('the fix to land', () => document.getText() !== before);
    const changed = document
      .getText()
      .split('\n')
      .map((l, i) => (l !== before.split('\n')[i] ? i : -1))
      .filter((i) => i >= 0);
    assert.deepEqual(changed, [9], 'only the overview row changed');
    assert.match(document.lineAt(9).text, /\| 2 \| Writer \| In Progress \|/);
    await waitFor('the problem to clear', () => !phasewiseProblems(uri).some((d) => d.code === 'overview-mismatch'));
  });

  it('refuses a quick fix computed for an older version of the document', async () => {
    const { uri, document, editor } = await openNewFile('it-diag-stale', PLAN);
    const problem = await waitFor('the problem', () => phasewiseProblems(uri).find((d) => d.code === 'overview-mismatch'));
    const actions = await quickFixes(uri, problem.range);
    const fix = actions.find((a) => a.command?.command === 'phasewise.applyFix' && /overview/i.test(a.title));
    assert.ok(fix?.command);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'Intro line\n\n'));
    const before = document.getText();
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.equal(document.getText(), before, 'nothing changed');
  });

  it('flags damaged emoji and repairs them', async () => {
    const damaged = PLAN.replace('**Status:** Completed', '**Status:** Completed \u201a\u00fa\u00d6');
    const { uri, document } = await openNewFile('it-diag-emoji', damaged);
    const problem = await waitFor('the mojibake problem', () => phasewiseProblems(uri).find((d) => d.code === 'mojibake'));
    const actions = await quickFixes(uri, problem.range);
    const fix = actions.find((a) => a.command?.command === 'phasewise.applyFix');
    assert.ok(fix?.command);
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await waitFor('the emoji to be repaired', () => document.getText().includes('**Status:** Completed ✅'));
    await waitFor('the problem to clear', () => !phasewiseProblems(uri).some((d) => d.code === 'mojibake'));
  });

  it('repairs every damaged character of a file with one quick fix and one undo', async () => {
    const damaged = PLAN.replace('**Status:** Completed', '**Status:** Completed \u201a\u00fa\u00d6').replace(
      '**Status:** In Progress',
      '**Status:** In Progress \uf8ff\u00fc\u00ee\u00d1',
    );
    const { uri, document } = await openNewFile('it-diag-emoji-all', damaged);
    const problem = await waitFor('two mojibake problems', () => {
      const found = phasewiseProblems(uri).filter((d) => d.code === 'mojibake');
      return found.length === 2 ? found[0] : undefined;
    });
    const actions = await quickFixes(uri, problem.range);
    const all = actions.find((a) => /^Repair all 2 damaged characters/.test(a.title));
    assert.ok(all?.command, `a repair-all action (got ${actions.map((a) => a.title).join(', ')})`);
    await vscode.commands.executeCommand(all.command.command, ...(all.command.arguments ?? []));
    await waitFor(
      'both repaired',
      () =>
        document.getText() ===
        PLAN.replace('**Status:** Completed', '**Status:** Completed ✅').replace('**Status:** In Progress', '**Status:** In Progress 🔄'),
    );
    await waitFor('the problems to clear', () => !phasewiseProblems(uri).some((d) => d.code === 'mojibake'));
    await vscode.commands.executeCommand('undo');
    await waitFor('one undo to restore the damaged text', () => document.getText() === damaged);
  });
});
