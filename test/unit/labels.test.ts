import assert from 'node:assert/strict';
import { STATUS_NAMES, STATUSES, parsePlan, percent, phaseLabel, phaseName, plainLabel, taskName } from '../../src/core';

describe('labels', () => {
  it('percent: never 100 before everything is done, never 0 once something is', () => {
    const cases: Array<[done: number, total: number, shown: number]> = [
      [199, 200, 99],
      [1, 200, 1],
      [1, 1000, 1],
      [0, 7, 0],
      [7, 7, 100],
      [0, 0, 0],
      [1, 3, 33],
      [2, 3, 67],
    ];
    for (const [done, total, shown] of cases) assert.equal(percent(done, total), shown, `${done}/${total}`);
  });

  it('names every status, and the unknown one', () => {
    for (const s of [...STATUSES, 'unknown' as const]) assert.ok(STATUS_NAMES[s]);
    assert.equal(STATUS_NAMES['in-progress'], 'In progress');
  });

  it('reads inline Markdown as text', () => {
    assert.equal(plainLabel('**Parser** and [docs](https://example.org)'), 'Parser and docs');
    assert.equal(plainLabel('  __two__   words '), 'two words');
  });

  it('names phases and tasks in plain text', () => {
    const plan = parsePlan(
      ['# Plan', '', '## Phase 3: **Parser**', '', '- [ ] SEC-002 Rotate **keys**', '- [ ] Write the notes', '', '## PH-NEXT-002: Cleanup', ''].join('\n'),
    );
    const [three, cleanup] = plan.phases;
    assert.equal(phaseLabel(three), 'Phase 3');
    assert.equal(phaseName(three), 'Phase 3: Parser');
    assert.equal(phaseLabel(cleanup), 'PH-NEXT-002');
    assert.equal(phaseName(cleanup), 'PH-NEXT-002: Cleanup');
    const untitled = { ...three, number: undefined, id: undefined, title: 'Notes on **rollout**' };
    assert.equal(phaseLabel(untitled), 'Notes on **rollout**');
    assert.equal(phaseName(untitled), 'Notes on rollout');
    assert.deepEqual(plan.tasks.map(taskName), ['SEC-002 Rotate keys', 'Write the notes']);
  });
});
