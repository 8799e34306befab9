import assert from 'node:assert/strict';
import { parsePlan, plainLabel } from '../../src/core';
import { phaseRef, resolveRef, taskRef } from '../../src/host/targets';

const URI = 'file:///work/plan.md';

// Three phases whose steps share titles: the situation where matching by title alone goes wrong.
const PLAN = [
  '# Plan: Importer',
  '',
  '## Phase 1: Reader',
  '',
  '- [ ] Write the parser',
  '- [ ] Run tests',
  '',
  '## Phase 2: Writer',
  '',
  '- [ ] Write the encoder',
  '- [ ] Run tests',
  '',
  '## Phase 3: Release',
  '',
  '- [ ] Run tests',
  '',
].join('\n');

function taskIndex(text: string, phase: string, title: string): number {
  const plan = parsePlan(text);
  return plan.tasks.findIndex((t) => t.title === title && t.phase !== undefined && plan.phases[t.phase].number === phase);
}

describe('finding the element a lens or tree item was made for', () => {
  it('uses the index as is when the document version is the one the reference was made for', () => {
    const plan = parsePlan(PLAN);
    const ref = taskRef(URI, plan, taskIndex(PLAN, '2', 'Run tests'), 7);
    assert.deepEqual(resolveRef(plan, ref, 7), { kind: 'task', index: ref.index });
  });

  it('finds a task again by title within its own phase after lines moved', () => {
    const plan = parsePlan(PLAN);
    const ref = taskRef(URI, plan, taskIndex(PLAN, '2', 'Run tests'), 7);
    const moved = PLAN.replace('- [ ] Write the parser\n', '- [ ] Write the parser\n- [ ] Read the spec\n');
    const now = parsePlan(moved);
    assert.deepEqual(resolveRef(now, ref, 8), { kind: 'task', index: taskIndex(moved, '2', 'Run tests') });
  });

  it("does not take another phase's task with the same title when the phase before it is deleted", () => {
    const plan = parsePlan(PLAN);
    const ref = taskRef(URI, plan, taskIndex(PLAN, '2', 'Run tests'), 7);
    const without = PLAN.replace(/## Phase 2: Writer[\s\S]*?(?=## Phase 3)/, '');
    const target = resolveRef(parsePlan(without), ref, 8);
    assert.equal(target, undefined, 'the task is gone: nothing is edited');
  });

  it('refuses when several elements match and the document changed', () => {
    const twice = PLAN + '\n## Phase 2: Writer\n\n- [ ] Run tests\n';
    const plan = parsePlan(twice);
    const ref = phaseRef(URI, plan, 1, 3);
    assert.equal(resolveRef(plan, ref, 4), undefined);
    assert.deepEqual(resolveRef(plan, ref, 3), { kind: 'phase', index: 1 }, 'the same version is certain');
  });

  it('finds a phase by number and title after a phase was inserted above it', () => {
    const plan = parsePlan(PLAN);
    const ref = phaseRef(URI, plan, 2, 1);
    const inserted = PLAN.replace('## Phase 1: Reader', '## Phase 0: Spike\n\n## Phase 1: Reader');
    assert.deepEqual(resolveRef(parsePlan(inserted), ref, 2), { kind: 'phase', index: 3 });
  });

  it('refuses a phase whose title changed', () => {
    const plan = parsePlan(PLAN);
    const ref = phaseRef(URI, plan, 2, 1);
    assert.equal(resolveRef(parsePlan(PLAN.replace('Phase 3: Release', 'Phase 3: Ship')), ref, 2), undefined);
  });
});

describe('labels from plan text', () => {
  it('shows inline Markdown as text: bold and underscores dropped, links as their text', () => {
    assert.equal(plainLabel('**Issue:** [Final problem](https://example.com) **FIXED**'), 'Issue: Final problem FIXED');
    assert.equal(plainLabel('__Parser__   rewrite'), 'Parser rewrite');
    assert.equal(plainLabel('Keep snake_case and 2*3*4'), 'Keep snake_case and 2*3*4');
  });
});
