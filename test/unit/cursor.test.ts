// The phase and task at the cursor: one rule for the commands and the Plans view.
import assert from 'node:assert/strict';
import { parsePlan } from '../../src/core';
import { elementOnLine, holds, phaseAt, taskAt } from '../../src/core/queries';

const PLAN = [
  '# Plan: Cursor',
  '',
  '## Phase 1: First',
  '',
  '- [ ] One',
  '  - [ ] One and a half',
  '- [ ] Two',
  '',
  '### Phase 1.1: Nested',
  '',
  'Text.',
  '',
  '## Phase 2: Last',
  '',
  '- [ ] Three',
].join('\n'); // no final newline: the last task runs to the end

describe('the phase and task at the cursor', () => {
  const plan = parsePlan(PLAN);
  const at = (needle: string): number => PLAN.indexOf(needle);
  const lineOf = (needle: string): number => PLAN.slice(0, at(needle)).split('\n').length - 1;

  it('treats ranges as half-open, except that the end of the document is inside', () => {
    const p = { length: 10 };
    assert.equal(holds(p, { start: 2, end: 5 }, 2), true);
    assert.equal(holds(p, { start: 2, end: 5 }, 5), false, 'the end of a range in the middle is outside');
    assert.equal(holds(p, { start: 2, end: 10 }, 10), true, 'the end of the document is inside the range that reaches it');
    assert.equal(holds(p, { start: 2, end: 10 }, 1), false);
  });

  it('finds the innermost phase, and none before the first', () => {
    assert.equal(phaseAt(plan, at('# Plan')), undefined);
    assert.equal(plan.phases[phaseAt(plan, at('- [ ] Two'))!].title, 'First');
    assert.equal(plan.phases[phaseAt(plan, at('Text.'))!].title, 'Nested');
    assert.equal(plan.phases[phaseAt(plan, at('## Phase 2'))!].title, 'Last', 'the first offset of a section is inside');
    assert.equal(plan.phases[phaseAt(plan, at('## Phase 2') - 1)!].title, 'Nested', 'the offset before is not');
    assert.equal(plan.phases[phaseAt(plan, PLAN.length)!].title, 'Last', 'after the last character');
  });

  it('finds the task on the line, else the innermost task holding the offset', () => {
    assert.equal(plan.tasks[taskAt(plan, lineOf('One and'), at('One and'))!].title, 'One and a half');
    assert.equal(plan.tasks[taskAt(plan, lineOf('- [ ] Two'), at('- [ ] Two'))!].title, 'Two');
    assert.equal(taskAt(plan, lineOf('Text.'), at('Text.')), undefined);
    assert.equal(plan.tasks[taskAt(plan, lineOf('Three'), PLAN.length)!].title, 'Three', 'after the last character');
  });

  it('finds a phase heading or a task on a line', () => {
    assert.deepEqual(elementOnLine(plan, lineOf('## Phase 2')), { kind: 'phase', index: 2 });
    assert.equal(elementOnLine(plan, lineOf('- [ ] Two'))?.kind, 'task');
    assert.equal(elementOnLine(plan, lineOf('Text.')), undefined);
  });
});
