// Session summaries: from the files alone (the CLI) and from the status history for a window.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlan, phaseKey, sessionSummary, type SummaryEvent } from '../../src/core';
import { runCli } from '../support/cliRun';

const PLAN = `# Billing Export

| Phase | Name | Status | Duration Est. |
|---|---|---|---|
| 1 | Writer | ✅ Complete | 1 hour |
| 2 | Scheduler | ✅ Complete | 1 hour |
| 3 | Retries | 🔄 In Progress | 2 hours |

## Phase 1: Writer
**Status:** ✅ Complete
**Actual Duration:** 45 minutes

## Phase 2: Scheduler
**Status:** ✅ Complete
**Actual Duration:** 2 hours

## Phase 3: Retries
**Status:** 🔄 In Progress

- [x] Retry a failed upload
- [ ] Report the third failure
`;

const LOG = `# Execution Log: Billing Export

## Fixes

### Problem: The upload hung on large files
**Root Cause:** No timeout on the socket.
**Solution:** A 30 second timeout.
**Gold Nugget:** Every network call needs a timeout.
`;

const NOW = new Date(2026, 11, 2, 17, 0);
const MIN = 60_000;

function section(md: string, name: string): string {
  const start = md.indexOf(`## ${name}\n`);
  assert.ok(start >= 0, `the summary has a ${name} section`);
  const end = md.indexOf('\n## ', start + 1);
  return md.slice(start, end < 0 ? undefined : end);
}

describe('session summary', () => {
  const plan = parsePlan(PLAN);
  const log = parsePlan(LOG);
  const docs = [
    { file: 'PLAN.md', plan },
    { file: 'LOG.md', plan: log },
  ];

  it('from the files alone: completed phases with their written durations, estimates against them, next, fixes', () => {
    const md = sessionSummary(docs, { now: NOW });
    assert.match(md, /^# Session Summary: Billing Export\n/);
    assert.match(section(md, 'Completed'), /Phase 1: Writer \(PLAN\.md\): 45 minutes/);
    assert.match(section(md, 'Completed'), /Phase 2: Scheduler \(PLAN\.md\): 2 hours/);
    const table = section(md, 'Planned Against Actual');
    assert.match(table, /Phase 2: Scheduler \(PLAN\.md\) *\| 1 hour *\| 2 hours *\| over 1\.5× the estimate/);
    assert.doesNotMatch(
      table.split('\n').find((l) => l.includes('Writer'))!,
      /over/,
    );
    assert.match(section(md, 'In Progress'), /Phase 3: Retries \(PLAN\.md\)/);
    assert.match(section(md, 'Next'), /Phase 3: Retries — Report the third failure/);
    assert.match(section(md, 'Fixes and Gold Nuggets'), /The upload hung on large files[\s\S]*Gold Nugget:\*\* Every network call needs a timeout\./);
    // The summary is itself a document Phasewise reads as a summary.
    assert.equal(parsePlan(md).kind, 'summary');
  });

  it('from the history: only what was completed in the window, with measured times', () => {
    const key = (n: number): string => phaseKey(plan.phases[n - 1]);
    const events: SummaryEvent[] = [
      { file: 'uri:plan', target: 'phase', key: key(1), label: 'Phase 1: Writer', to: 'completed', time: NOW.getTime() - 26 * 60 * MIN },
      { file: 'uri:plan', target: 'phase', key: key(2), label: 'Phase 2: Scheduler', to: 'completed', time: NOW.getTime() - 60 * MIN },
    ];
    const measured = (file: string, k: string): number | undefined => (file === 'uri:plan' ? { [key(2)]: 80 * MIN, [key(3)]: 25 * MIN }[k] : undefined);
    const md = sessionSummary([{ file: 'PLAN.md', uri: 'uri:plan', plan }], {
      now: NOW,
      history: { since: NOW.getTime() - 8 * 60 * MIN, label: 'today', events, measured },
    });
    const done = section(md, 'Completed');
    assert.match(done, /Phase 2: Scheduler: 1\.3 hours/);
    assert.doesNotMatch(done, /Writer/, 'completed yesterday: outside the window');
    assert.match(md, /\*\*Window\*\*: today/);
    assert.match(section(md, 'In Progress'), /Phase 3: Retries: 25 minutes so far/);
    assert.match(section(md, 'Planned Against Actual'), /Phase 2: Scheduler *\| 1 hour *\| 1\.3 hours *\| *\|/);
  });

  it('`phasewise summary` prints it, or writes a new file and never replaces one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-summary-'));
    writeFileSync(join(dir, 'PLAN.md'), PLAN);
    writeFileSync(join(dir, 'LOG.md'), LOG);
    const printed = await runCli(['summary', 'PLAN.md', 'LOG.md', '--title', 'Export week'], dir, NOW);
    assert.equal(printed.code, 0, printed.stderr);
    assert.match(printed.stdout, /^# Session Summary: Export week\n/);
    assert.match(printed.stdout, /\*\*Date\*\*: 2026-12-02/);
    const wrote = await runCli(['summary', 'PLAN.md', '--output', 'SUMMARY.md'], dir, NOW);
    assert.equal(wrote.code, 0, wrote.stderr);
    assert.match(readFileSync(join(dir, 'SUMMARY.md'), 'utf8'), /## Completed/);
    writeFileSync(join(dir, 'SUMMARY.md'), 'mine');
    const again = await runCli(['summary', 'PLAN.md', '--output', 'SUMMARY.md'], dir, NOW);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /SUMMARY\.md already exists/);
    assert.equal(readFileSync(join(dir, 'SUMMARY.md'), 'utf8'), 'mine');
    const missing = await runCli(['summary'], dir, NOW);
    assert.equal(missing.code, 2);
  });
});
