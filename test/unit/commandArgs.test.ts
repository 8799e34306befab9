// What status commands are given, and where a history event's element is now.
import assert from 'node:assert/strict';
import { parsePlan } from '../../src/core';
import { lineOfEvent } from '../../src/host/historyModel';
import { LENS_MARKER, invocationOf, phaseRef } from '../../src/host/targets';

const PLAN = '# Plan: History\n\n## Phase 1: First\n\n- [ ] Two\n\n## Phase 2: Last\n\n- [ ] SEC-7 Three\n';

describe('status command arguments', () => {
  const plan = parsePlan(PLAN);
  const ref = phaseRef('file:///p.md', plan, 0, 3);

  it('tell a lens, a Plans view node and another caller apart', () => {
    assert.deepEqual(invocationOf([ref, LENS_MARKER]), { ref, source: 'lens' });
    assert.deepEqual(invocationOf([{ type: 'phase', ref }]), { ref, source: 'tree' });
    assert.deepEqual(invocationOf([ref]), { ref, source: 'command' });
    assert.deepEqual(invocationOf([]), { source: 'command' });
    assert.deepEqual(invocationOf([{ ref: { uri: 1 } }]), { source: 'command' });
  });
});

describe('history events in the plan', () => {
  const plan = parsePlan(PLAN);

  it('finds the element of an event by key, else by label', () => {
    assert.equal(lineOfEvent(plan, { target: 'phase', key: 'phase:2', label: 'x' }), plan.phases[1].line);
    assert.equal(lineOfEvent(plan, { target: 'phase', key: 'phase:9', label: 'Phase 9: Last' }), plan.phases[1].line);
    assert.equal(lineOfEvent(plan, { target: 'task', key: 'task:phase:1/Two', label: 'x' }), plan.tasks.find((t) => t.title === 'Two')!.line);
    assert.equal(lineOfEvent(plan, { target: 'task', key: 'task:SEC-7', label: 'x' }), plan.tasks.find((t) => t.id === 'SEC-7')?.line);
    assert.equal(lineOfEvent(plan, { target: 'task', key: 'task:nothing', label: 'nothing' }), undefined);
  });
});
