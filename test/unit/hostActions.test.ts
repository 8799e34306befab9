// Which status actions a phase or task gets in the lens, the inline buttons and the context menu.
import assert from 'node:assert/strict';
import { STATUSES, type Plan, type Status, parsePlan } from '../../src/core';
import { STATUS_ACTIONS, actionsFor, lensActions, lensTasksSetting, tasksWithLenses, type LensTasks, type TargetKind } from '../../src/host/actions';
import { Command } from '../../src/host/ids';

const ALL_STATUSES: readonly Status[] = [...STATUSES, 'unknown'];

describe('status actions', () => {
  const kinds: TargetKind[] = ['phase', 'task'];

  it('offer only changes to another status, lens and inline ones also in the context menu', () => {
    for (const kind of kinds) {
      for (const status of ALL_STATUSES) {
        const menu = actionsFor(kind, status, 'menu').map((a) => a.command);
        for (const place of ['lens', 'inline', 'menu'] as const) {
          for (const a of actionsFor(kind, status, place)) {
            assert.notEqual(a.status, status, `${kind} ${status} ${place}: ${a.command}`);
            assert.equal(a.kind, kind);
            assert.ok(menu.includes(a.command), `${kind} ${status}: ${place} ${a.command} is in the menu too`);
          }
        }
      }
    }
  });

  it('offer a failed phase and a failed task a start, in the lens and the menu alike', () => {
    for (const kind of kinds) {
      const start = kind === 'phase' ? Command.startPhase : Command.startTask;
      assert.ok(
        lensActions(kind, 'failed').some((a) => a.command === start),
        `${kind} lens`,
      );
      assert.ok(
        actionsFor(kind, 'failed', 'menu').some((a) => a.command === start),
        `${kind} menu`,
      );
    }
  });

  it('title the lenses with their icon and words', () => {
    assert.deepEqual(
      lensActions('phase', 'failed').map((a) => a.title),
      ['$(play) Restart', '$(debug-restart) Reopen'],
    );
    assert.deepEqual(
      lensActions('phase', 'in-progress').map((a) => a.title),
      ['$(check) Mark phase complete', '$(error) Mark failed'],
    );
    assert.deepEqual(
      lensActions('task', 'pending').map((a) => a.title),
      ['$(play) Start', '$(check) Complete'],
    );
    // A failed task, like a failed phase, can be started again or reopened from its lens.
    assert.deepEqual(
      lensActions('task', 'failed').map((a) => a.command),
      [Command.startTask, Command.reopenTask],
    );
    assert.deepEqual(
      lensActions('task', 'blocked').map((a) => a.command),
      [Command.startTask, Command.completeTask],
    );
  });

  it('name a placeholder for each command', () => {
    for (const a of STATUS_ACTIONS) assert.match(a.placeHolder, /^Choose the (phase|task) to /);
  });
});

describe('host actions: which tasks get lenses', () => {
  const phased = parsePlan(
    '# Plan\n\n**Current Phase:** Phase 2\n\n## Phase 1: A\n**Status:** Completed\n- [x] a1\n\n## Phase 2: B\n**Status:** In Progress\n- [x] b1\n- [ ] b2\n- [ ] b3\n',
  );
  const flat = parsePlan('# Tasks\n\n- [x] 1. one\n- [-] 2. two\n- [ ] 3. three\n- [ ] 4. four\n');
  const titles = (plan: Plan, mode: LensTasks): string[] => tasksWithLenses(plan, mode).map((i) => plan.tasks[i].title);

  it('by default, the open tasks of the current phase; else the tasks in progress and the next open one', () => {
    assert.deepEqual(titles(phased, 'current-phase'), ['b2', 'b3']);
    assert.deepEqual(titles(flat, 'current-phase'), ['two']);
    assert.equal(titles(phased, 'all').length, phased.tasks.length);
    assert.deepEqual(titles(phased, 'none'), []);
  });

  it('reads the old boolean setting as all or none, and anything else as the default', () => {
    assert.equal(lensTasksSetting(true), 'all');
    assert.equal(lensTasksSetting(false), 'none');
    assert.equal(lensTasksSetting('none'), 'none');
    assert.equal(lensTasksSetting(undefined), 'current-phase');
    assert.equal(lensTasksSetting('sometimes'), 'current-phase');
  });
});
