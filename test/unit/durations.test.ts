import assert from 'node:assert/strict';
import { formatDurationLike, isOverrun, parseDuration, phaseActual, phaseEstimate } from '../../src/core';
import { parsePlan } from '../../src/core/parse/document';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('durations: reading what plans write', () => {
  it('reads hours, minutes, days and their short forms', () => {
    assert.equal(parseDuration('3 hours'), 3 * HOUR);
    assert.equal(parseDuration('2.5h'), 2.5 * HOUR);
    assert.equal(parseDuration('45 min'), 45 * MIN);
    assert.equal(parseDuration('45 minutes'), 45 * MIN);
    assert.equal(parseDuration('1h 30m'), 90 * MIN);
    assert.equal(parseDuration('~0.5h'), 0.5 * HOUR);
    assert.equal(parseDuration('2 days'), 48 * HOUR);
  });

  it('reads a range as its upper end, and nothing from placeholders or words', () => {
    assert.equal(parseDuration('16-20 hours'), 20 * HOUR);
    assert.equal(parseDuration('X hours'), undefined);
    assert.equal(parseDuration('[HOURS]'), undefined);
    assert.equal(parseDuration('Low'), undefined);
    assert.equal(parseDuration('I am done'), undefined);
  });
});

describe('durations: writing in the file’s own style', () => {
  it('follows the placeholder’s words: long and spaced', () => {
    assert.equal(formatDurationLike(150 * MIN, ['X hours']), '2.5 hours');
    assert.equal(formatDurationLike(60 * MIN, ['X hours']), '1 hour');
    assert.equal(formatDurationLike(40 * MIN, ['X hours', '45 minutes']), '40 minutes');
  });

  it('follows short forms, with or without a space', () => {
    assert.equal(formatDurationLike(150 * MIN, ['2.5h']), '2.5h');
    assert.equal(formatDurationLike(150 * MIN, ['3 h']), '2.5 h');
    assert.equal(formatDurationLike(20 * MIN, ['45 min']), '20 min');
    assert.equal(formatDurationLike(20 * MIN, ['45m']), '20m');
  });

  it('writes spans under an hour as fractions where the file does', () => {
    assert.equal(formatDurationLike(30 * MIN, ['', '0.2h']), '0.5h');
    assert.equal(formatDurationLike(30 * MIN, ['', '2h']), '30min');
    assert.equal(formatDurationLike(30 * MIN, ['', '2 h']), '30 min');
  });

  it('writes hours and minutes where the file does', () => {
    assert.equal(formatDurationLike(95 * MIN, ['1h 30m']), '1h 35m');
    assert.equal(formatDurationLike(120 * MIN, ['1h 30m']), '2h');
  });

  it('never writes zero', () => {
    assert.equal(formatDurationLike(5_000, ['X hours', '45 minutes']), '1 minute');
    assert.equal(formatDurationLike(2 * MIN, ['0.5h']), '0.1h');
  });
});

describe('durations: a phase’s estimate and actual time', () => {
  const plan = parsePlan(`# Plan

| Phase | Name | Status | Duration Est. |
|-------|------|--------|---------------|
| 1 | Parser | ✅ Complete | 2 hours |
| 2 | Writer | 🔄 In Progress | 1-2h |
| 3 | Docs | ⏳ Pending | TBD |

## Phase 1: Parser
**Status:** ✅ Complete
**Actual Duration:** 3.5 hours

## Phase 2: Writer
**Status:** 🔄 In Progress
**Estimated Effort:** 30 min
**Estimated Complexity:** Medium

## Phase 3: Docs
**Status:** ⏳ Pending
- Effort: 0.2h actual (0.5h estimate)
`);

  it('reads the overview’s estimate column, estimate fields, and inline estimates', () => {
    assert.equal(phaseEstimate(plan, plan.phases[0]), 2 * HOUR);
    // The phase's own field wins over the table.
    assert.equal(phaseEstimate(plan, plan.phases[1]), 30 * MIN);
    assert.equal(phaseEstimate(plan, plan.phases[2]), 0.5 * HOUR);
  });

  it('reads the actual time written, and marks a phase past 1.5 times its estimate', () => {
    assert.equal(phaseActual(plan.phases[0]), 3.5 * HOUR);
    assert.equal(phaseActual(plan.phases[1]), undefined);
    assert.equal(phaseActual(plan.phases[2]), 0.2 * HOUR);
    assert.equal(isOverrun(3.5 * HOUR, 2 * HOUR), true);
    assert.equal(isOverrun(3 * HOUR, 2 * HOUR), false);
    assert.equal(isOverrun(3 * HOUR, undefined), false);
  });
});
