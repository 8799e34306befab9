// Tracker rollups: entries by status and by priority section, effort estimated against actual,
// in the core, in `status --json`, and in the progress view's model.
import assert from 'node:assert/strict';
import { StatusJsonSchema, parsePlan, toStatusJson, trackerRollup } from '../../src/core';
import { progressModel } from '../../src/host/progressModel';

const TRACKER = `# Hardening Tracker

## 🔴 CRITICAL TASKS

### AUTH-001: Expire reset links
**Status**: ✅ COMPLETE (0.5h actual)
**Effort Estimate**: 0.4 hours

### AUTH-002: Lock out repeated logins
**Status**: 🔄 IN PROGRESS
**Priority**: 🔴 CRITICAL
**Effort**: 1h actual (2h estimate)

## 🟠 HIGH PRIORITY TASKS

| Task ID | Area | Effort | Status |
|---------|------|--------|--------|
| WEB-001 | Headers | 1.5h | NOT_STARTED |
| WEB-002 | Cookies | 30 min | ✅ DONE |

## Notes

### OPS-001: Rotate the backup key
**Status**: NOT_STARTED
**Priority**: Low
`;

const H = 3_600_000;

describe('tracker rollups', () => {
  const plan = parsePlan(TRACKER);

  it('reads each entry’s effort where it is written: fields, inline in the status, a table column', () => {
    const by = new Map(plan.tasks.map((t) => [t.id, t]));
    assert.equal(by.get('AUTH-001')!.estimate, 0.4 * H);
    assert.equal(by.get('AUTH-001')!.actual, 0.5 * H);
    assert.equal(by.get('AUTH-002')!.estimate, 2 * H);
    assert.equal(by.get('AUTH-002')!.actual, 1 * H);
    assert.equal(by.get('WEB-001')!.estimate, 1.5 * H);
    assert.equal(by.get('WEB-002')!.estimate, 0.5 * H);
    assert.equal(by.get('OPS-001')!.estimate, undefined);
  });

  it('counts entries by status and by priority section (a Priority field first), most urgent first', () => {
    const r = trackerRollup(plan)!;
    assert.deepEqual(r.byStatus, [
      { status: 'pending', count: 2 },
      { status: 'in-progress', count: 1 },
      { status: 'completed', count: 2 },
    ]);
    assert.deepEqual(r.byPriority, [
      { priority: 'CRITICAL', done: 1, total: 2 },
      { priority: 'HIGH', done: 1, total: 2 },
      { priority: 'LOW', done: 0, total: 1 },
    ]);
    assert.equal(r.estimate, 15_840_000); // 4.4 hours
    assert.equal(r.actual, 1.5 * H);
    assert.equal(trackerRollup(parsePlan('# Plan\n\n## Phase 1: A\n- [ ] one\n')), undefined, 'no tracker entries, no rollup');
  });

  it('`status --json` gives tasks their effort in hours and the totals at the top level', () => {
    const json = StatusJsonSchema.parse(JSON.parse(JSON.stringify(toStatusJson(plan, []))));
    const auth2 = json.tasks.find((t) => t.id === 'AUTH-002')!;
    assert.equal(auth2.estimate, 2);
    assert.equal(auth2.actual, 1);
    assert.ok(!('estimate' in json.tasks.find((t) => t.id === 'OPS-001')!));
    assert.deepEqual(json.totals, {
      byStatus: { pending: 2, 'in-progress': 1, completed: 2 },
      byPriority: [
        { priority: 'CRITICAL', done: 1, total: 2 },
        { priority: 'HIGH', done: 1, total: 2 },
        { priority: 'LOW', done: 0, total: 1 },
      ],
      estimate: 4.4,
      actual: 1.5,
    });
  });

  it('the progress view’s model carries the rollups', () => {
    const model = progressModel('TRACKER.md', plan);
    assert.deepEqual(
      model.tracker?.byPriority.map((p) => p.priority),
      ['CRITICAL', 'HIGH', 'LOW'],
    );
    assert.equal(model.tracker?.estimateMs, 15_840_000);
    assert.deepEqual(
      model.tracker?.byStatus.map((s) => s.count),
      [2, 1, 2],
    );
  });
});
