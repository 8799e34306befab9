import assert from 'node:assert/strict';
import { ACTION_STATUS, STATUSES, parsePlan, phaseActions, taskActions } from '../../src/core';

const phaseWith = (status: string): string => `# Plan\n\n## Phase 1: Build\n\n**Status:** ${status}\n\n1. First step\n`;
const taskWith = (status: string): string => `# Tracker\n\n### TASK-001: Build\n\n**Status:** ${status}\n`;

describe('status actions', () => {
  it('each action writes one status', () => {
    assert.deepEqual(ACTION_STATUS, { start: 'in-progress', complete: 'completed', fail: 'failed', reopen: 'pending' });
  });

  it('a phase with a Status line offers what its status calls for, most useful first', () => {
    const actions = (status: string): string[] => {
      const plan = parsePlan(phaseWith(status));
      return phaseActions(plan, 0);
    };
    assert.deepEqual(actions('Pending'), ['start', 'complete', 'fail']);
    assert.deepEqual(actions('In Progress'), ['complete', 'fail']);
    assert.deepEqual(actions('Completed'), ['reopen']);
    assert.deepEqual(actions('Failed'), ['start', 'reopen', 'complete']);
    assert.deepEqual(actions('Blocked'), ['start', 'complete', 'fail']);
    assert.deepEqual(actions('Zebra'), ['start', 'complete', 'fail']);
  });

  it('a task offers Start, Complete and Reopen as its status calls for; a failed one can be started again', () => {
    const actions = (status: string): string[] => {
      const plan = parsePlan(taskWith(status));
      assert.equal(plan.tasks.length, 1, status);
      return taskActions(plan, 0);
    };
    assert.deepEqual(actions('Pending'), ['start', 'complete']);
    assert.deepEqual(actions('In Progress'), ['complete']);
    assert.deepEqual(actions('Completed'), ['reopen']);
    assert.deepEqual(actions('Failed'), ['start', 'reopen', 'complete']);
    assert.deepEqual(actions('Blocked'), ['start', 'complete']);
  });

  it('a phase that follows its checkboxes offers only what its boxes can say', () => {
    const boxes = (...items: string[]): string => `# Plan\n\n## Phase 1: Build\n\n${items.map((i) => `- [${i}] Item ${i}`).join('\n')}\n`;
    assert.deepEqual(phaseActions(parsePlan(boxes(' ', ' ')), 0), ['complete']);
    assert.deepEqual(phaseActions(parsePlan(boxes(' ', '-')), 0), ['complete'], 'already in progress: no Start, and no Fail');
    assert.deepEqual(phaseActions(parsePlan(`# Plan\n\n## Phase 1: Build\n\n- [ ] One\n\n## Phase 2: Ship\n\n- [-] Two\n- [ ] Three\n`), 0), [
      'start',
      'complete',
    ]);
    assert.deepEqual(phaseActions(parsePlan(boxes('x', 'x')), 0), [], 'all done: only its boxes can reopen it');
  });

  it('a phase with no way to write a status offers nothing, and so does a missing one', () => {
    const plan = parsePlan('# Plan\n\n## Phase 1: Build\n\nSome words.\n');
    assert.deepEqual(phaseActions(plan, 0), []);
    assert.deepEqual(phaseActions(plan, 5), []);
    assert.deepEqual(taskActions(plan, 0), []);
  });

  it('every action it offers is a status the phase can be set to', () => {
    for (const status of STATUSES) {
      const plan = parsePlan(phaseWith(status));
      for (const a of phaseActions(plan, 0)) assert.notEqual(ACTION_STATUS[a], plan.phases[0].status, `${status}: ${a}`);
    }
  });
});
