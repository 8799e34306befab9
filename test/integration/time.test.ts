// Time in a real editor: Pause Timer / Resume Timer, and Actual Duration filled on completion.
// The clock is set through the history (events dated in the past), never by waiting.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parsePlan, phaseKey } from '../../src/core';
import type { PhasewiseApi } from '../../src/extension';
import { cleanUp, getApi, openNewFile } from './support';

const PLAN = `# Export Plan

## Phase 1: Writer
**Status:** ✅ Complete
**Actual Duration:** 45 minutes

## Phase 2: Scheduler
**Status:** 🔄 In Progress
**Actual Duration:** X hours

## Phase 3: Retries
**Status:** 🔄 In Progress
**Actual Duration:** X hours
`;

const MIN = 60_000;

function phaseRefOf(
  document: vscode.TextDocument,
  number: string,
): { uri: string; kind: 'phase'; index: number; version: number; key: string; title: string; line: number } {
  const plan = parsePlan(document.getText());
  const index = plan.phases.findIndex((p) => p.number === number);
  const p = plan.phases[index];
  return { uri: document.uri.toString(), kind: 'phase', index, version: document.version, key: number, title: p.title, line: p.line };
}

async function startedAgo(api: PhasewiseApi, document: vscode.TextDocument, number: string, minutes: number): Promise<string> {
  const plan = parsePlan(document.getText());
  const key = phaseKey(plan.phases.find((p) => p.number === number)!);
  await api.services.history.record([
    {
      file: document.uri.toString(),
      target: 'phase',
      key,
      label: `Phase ${number}`,
      from: 'pending',
      to: 'in-progress',
      time: Date.now() - minutes * MIN,
      source: 'command',
    },
  ]);
  return key;
}

describe('Phasewise: timers and actual durations', function () {
  this.timeout(20000);
  let api: PhasewiseApi;
  before(async () => {
    api = await getApi();
  });
  afterEach(cleanUp);

  it('completing a phase fills its Actual Duration with the time measured, pauses left out, in one undo', async () => {
    const { document } = await openNewFile('it-time-actual', PLAN);
    const file = document.uri.toString();
    const key = await startedAgo(api, document, '2', 90);
    // Paused from 60 to 40 minutes ago: 70 minutes in progress.
    await api.services.history.setTimer(file, key, 'Phase 2', 'pause', Date.now() - 60 * MIN);
    await api.services.history.setTimer(file, key, 'Phase 2', 'resume', Date.now() - 40 * MIN);

    assert.equal(await vscode.commands.executeCommand('phasewise.completePhase', phaseRefOf(document, '2')), true);
    const after = document.getText();
    assert.ok(after.includes('## Phase 2: Scheduler\n**Status:** ✅ Complete\n**Actual Duration:** 1.2 hours\n'), after);
    assert.ok(after.includes('## Phase 3: Retries\n**Status:** 🔄 In Progress\n**Actual Duration:** X hours\n'), 'other phases keep theirs');

    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), PLAN, 'one undo takes back the status and the duration');
  });

  it('Pause Timer and Resume Timer stop and restart the clock without touching the file', async () => {
    const { document } = await openNewFile('it-time-pause', PLAN);
    const file = document.uri.toString();
    const key = await startedAgo(api, document, '3', 30);
    const ref = phaseRefOf(document, '3');

    assert.equal(await vscode.commands.executeCommand('phasewise.pauseTimer', ref), true);
    assert.equal(api.services.history.isPaused(file, key), true);
    const frozen = api.services.history.timeInProgress(file, key, Date.now() + 60 * MIN)!;
    assert.ok(frozen >= 30 * MIN && frozen < 31 * MIN, `the clock stands still while paused (${frozen} ms)`);
    assert.equal(await vscode.commands.executeCommand('phasewise.pauseTimer', ref), false, 'already paused');

    assert.equal(await vscode.commands.executeCommand('phasewise.resumeTimer', ref), true);
    assert.equal(api.services.history.isPaused(file, key), false);
    assert.ok(api.services.history.timeInProgress(file, key, Date.now() + 60 * MIN)! >= 90 * MIN, 'running again');
    assert.equal(await vscode.commands.executeCommand('phasewise.resumeTimer', ref), false, 'not paused');

    // A phase never started here has no clock to pause.
    assert.equal(await vscode.commands.executeCommand('phasewise.pauseTimer', phaseRefOf(document, '1')), false);
    assert.equal(document.getText(), PLAN, 'the file is never changed by a timer');
  });

  it('New Session Summary builds the summary of a window from the plans and the history', async () => {
    const { document } = await openNewFile('it-time-summary', PLAN);
    await startedAgo(api, document, '2', 100);
    const ref = phaseRefOf(document, '2');
    // Completed now after 100 minutes in progress: the completion is in the window.
    assert.equal(await vscode.commands.executeCommand('phasewise.completePhase', ref), true);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('phasewise.sessionSummary', {
      since: Date.now() - 3 * 60 * MIN,
      target: 'untitled',
      title: 'Export afternoon',
    });
    assert.ok(uri, 'a summary was opened');
    const summary = vscode.window.activeTextEditor!.document;
    assert.equal(summary.uri.toString(), uri.toString());
    assert.ok(summary.isUntitled);
    const text = summary.getText();
    assert.match(text, /^# Session Summary: Export afternoon/);
    assert.match(text, /## Completed\n\n(?:- .*\n)*- Phase 2: Scheduler \(.*it-time-summary.*\): 1\.7 hours/);
    assert.match(text, /## In Progress\n\n(?:- .*\n)*- Phase 3: Retries/);
    assert.equal(api.services.context.workspaceState.get<number>('phasewise.lastSummary')! > Date.now() - 60_000, true, 'the time of this summary is kept');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
