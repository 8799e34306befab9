import assert from 'node:assert/strict';
import { parsePlan, phaseIdentity, phaseKey, phaseNumberOrId, taskKey, toStatusJson } from '../../src/core';

const PLAN = `# Plan

## Phase 1: Intake

- [x] Collect the forms
- [ ] SEC-002 Rotate the keys

## PH-NEXT-002: Cleanup

- [ ] Collect the forms

## Notes on the rollout

**Status:** Pending
`;

describe('identity', () => {
  const plan = parsePlan(PLAN);
  const [one, cleanup] = plan.phases;

  it('names a phase by its number, else its ID, else its title', () => {
    assert.equal(phaseNumberOrId(one), '1');
    assert.equal(phaseNumberOrId(cleanup), 'PH-NEXT-002');
    assert.equal(phaseIdentity(one), '1');
    assert.equal(phaseIdentity(cleanup), 'PH-NEXT-002');
    const untitled = { ...one, number: undefined, id: undefined, title: 'Notes' };
    assert.equal(phaseNumberOrId(untitled), undefined);
    assert.equal(phaseIdentity(untitled), 'Notes');
  });

  it('keys the history by number, ID or title, as it has always been stored', () => {
    assert.equal(phaseKey(one), 'phase:1');
    assert.equal(phaseKey(cleanup), 'phase:PH-NEXT-002');
    assert.equal(phaseKey({ ...one, number: undefined, id: undefined, title: 'Notes' }), 'phase:Notes');
  });

  it('keys a task by its ID, else by its title within its phase', () => {
    const byTitle = plan.tasks.filter((t) => t.title === 'Collect the forms');
    assert.equal(byTitle.length, 2);
    assert.deepEqual(
      byTitle.map((t) => taskKey(t, plan)),
      ['task:phase:1/Collect the forms', 'task:phase:PH-NEXT-002/Collect the forms'],
    );
    const sec = plan.tasks.find((t) => t.id === 'SEC-002')!;
    assert.equal(taskKey(sec, plan), 'task:SEC-002');
    assert.equal(taskKey({ ...sec, id: undefined, phase: undefined }, plan), `task:${sec.title}`);
  });

  it('reports a task’s phase by the same identity in status --json', () => {
    const json = toStatusJson(plan, []);
    assert.deepEqual(
      json.tasks.map((t) => t.phase),
      plan.tasks.map((t) => phaseIdentity(plan.phases[t.phase!])),
    );
    // A phase with both a number and an ID is named by its number, as in the history keys.
    const both = parsePlan(PLAN);
    both.phases[0].id = 'PH-ONE';
    assert.equal(toStatusJson(both, []).tasks[0].phase, '1');
  });
});
