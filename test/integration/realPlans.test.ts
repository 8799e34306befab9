// Plans in the shapes people write, in a real editor: a Kiro-style task list, a spec-kit-style
// task file and a plan that keeps its statuses in its headings. The tree, the lenses and the
// progress view read them the way the core does, and a lens click writes where the file keeps
// statuses (boxes, or the heading), never a new Status line.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parsePlan } from '../../src/core';
import { STATUS_ACTIONS } from '../../src/host/actions';
import type { Node } from '../../src/host/tree/provider';
import { cleanUp, getApi, openNewFile, revertAndCloseAll, waitFor } from './support';

const KIRO = [
  '# Implementation Plan',
  '',
  '## Phase 1: Cache',
  '',
  '- [x] 1. Pick the eviction rule',
  '- [ ] 2. Build the cache',
  '- [x] 2.1 Memory store',
  '- [ ]* 2.2 Property tests',
  '',
  '## Phase 2: Wiring',
  '',
  '- [ ] 3. Use the cache in the reader',
  '',
].join('\n');

const SPECKIT = [
  '# Tasks: Export',
  '',
  '## Phase 1: Setup',
  '',
  '- [X] **T001** Create the module',
  '- [X] **T002** [P] Add the fixtures',
  '',
  '## Phase 2: User Story 1 — CSV export',
  '',
  '- [ ] **T003** [US1] Write the CSV writer',
  '',
].join('\n');

const HEADINGS = [
  '# Migration plan',
  '',
  '### Phase 1: Read path ✅ COMPLETE',
  '',
  'Reads come from the new store.',
  '',
  '### Phase 2: Write path 🔲 TODO',
  '',
  'Dual writes for a week.',
  '',
].join('\n');

async function lensCommands(uri: vscode.Uri, line: number): Promise<vscode.Command[]> {
  const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 1000)) ?? [];
  return all
    .filter((l) => l.range.start.line === line && l.command?.command.startsWith('phasewise.') && l.command.command !== 'phasewise.revealLine')
    .map((l) => l.command!);
}

async function lensesAt(uri: vscode.Uri, line: number): Promise<string[]> {
  return (await lensCommands(uri, line)).map((c) => c.command);
}

/** Clicks the lens with `command` above `line`, as a user would. */
async function click(uri: vscode.Uri, line: number, command: string): Promise<void> {
  const lens = await waitFor(`the ${command} lens on line ${line + 1}`, async () => (await lensCommands(uri, line)).find((c) => c.command === command));
  await vscode.commands.executeCommand(lens.command, ...(lens.arguments ?? []));
}

describe('real plan shapes in the editor', () => {
  before(revertAndCloseAll);
  afterEach(cleanUp);

  for (const [name, text, statuses] of [
    ['Kiro-style', KIRO, ['in-progress', 'pending']],
    ['spec-kit-style', SPECKIT, ['completed', 'pending']],
    ['heading-status', HEADINGS, ['completed', 'pending']],
  ] as const) {
    it(`reads a ${name} plan the same in the tree, the lenses and the progress view`, async () => {
      const api = await getApi();
      const { uri } = await openNewFile(name, text);
      const plan = parsePlan(text);
      assert.deepEqual(
        plan.phases.map((p) => p.status),
        statuses,
        'the core reading this test relies on',
      );

      const provider = api.tree.provider;
      const root = await waitFor(
        'the plan in the tree',
        async () => ((await provider.getChildren()) as Node[]).find((n) => n.type === 'plan' && n.uri.toString() === uri.toString()),
        5000,
        { retryErrors: true },
      );
      const phaseNodes = ((await provider.getChildren(root)) as Node[]).filter((n) => n.type === 'phase');
      const contexts = await Promise.all(phaseNodes.map(async (n) => (await provider.getTreeItem(n)).contextValue ?? ''));
      assert.deepEqual(
        contexts.map((c) => c.split('.').slice(0, 2).join('.')),
        statuses.map((s) => `phase.${s}`),
      );
      // The node's context menu offers what its lens offers (what the file can write), and more.
      await waitFor('the lenses', async () => (await lensesAt(uri, plan.phases[plan.phases.length - 1].line)).length > 0);
      for (const [i, phase] of plan.phases.entries()) {
        const menu = [...contexts[i].matchAll(/\.m-(\w+)/g)].map((m) => m[1]);
        const lenses = await lensesAt(uri, phase.line);
        const lens = lenses.map((c) => STATUS_ACTIONS.find((a) => a.command === c)?.name);
        assert.ok(
          lens.every((a) => a && menu.includes(a)) && lens.length > 0 === menu.length > 0,
          `phase ${i + 1}: lens ${lens.join(', ')} in menu ${menu.join(', ')} (${contexts[i]})`,
        );
        // A phase that follows its checkboxes has no way to say it failed.
        if (name !== 'heading-status') assert.ok(!menu.includes('fail'), `phase ${i + 1} of the ${name} plan offers Fail: ${contexts[i]}`);
      }

      await vscode.commands.executeCommand('phasewise.progress.focus');
      const model = await waitFor(
        'the plan in the progress view',
        () => {
          const m = api.progress.state.delivered;
          return m && m.file === vscode.workspace.asRelativePath(uri) ? m : undefined;
        },
        15000,
      );
      assert.deepEqual(
        model.phases.map((p) => p.status),
        statuses,
      );

      // Lenses: what the file can write. A phase that follows its boxes is never offered "failed".
      const last = plan.phases[plan.phases.length - 1];
      const lenses = await lensesAt(uri, last.line);
      assert.ok(lenses.includes('phasewise.completePhase'), `complete is offered: ${lenses.join(', ')}`);
      if (last.derived) assert.ok(!lenses.includes('phasewise.failPhase'), 'no "failed" for a checkbox-driven phase');
    });
  }

  it('completes a checkbox-driven phase by checking its boxes, in one undo step', async () => {
    await getApi();
    const { document } = await openNewFile('kiro-complete', KIRO);
    const plan = parsePlan(KIRO);
    await click(document.uri, plan.phases[0].line, 'phasewise.completePhase');
    await waitFor('the boxes checked', () => document.getText().includes('- [x] 2. Build the cache'));
    const after = document.getText();
    assert.ok(after.includes('- [x]* 2.2 Property tests'), 'the optional box keeps its star');
    assert.ok(!/Status/i.test(after), 'no Status line was added');
    assert.equal(after.split('\n').length, KIRO.split('\n').length, 'no line added or removed');
    await vscode.commands.executeCommand('undo');
    await waitFor('one undo restores the file', () => document.getText() === KIRO);
  });

  it("completes a heading-status phase in its heading, in the file's words", async () => {
    await getApi();
    const { document } = await openNewFile('headings-start', HEADINGS);
    const plan = parsePlan(HEADINGS);
    const p = plan.phases[1];
    await click(document.uri, p.line, 'phasewise.completePhase');
    await waitFor('the heading changed', () => document.lineAt(p.line).text === '### Phase 2: Write path ✅ COMPLETE');
    assert.equal(document.getText(), HEADINGS.replace('🔲 TODO', '✅ COMPLETE'));
  });
});
