/**
 * The shapes real plans take, each written in our own words: which headings are phases, where a
 * phase keeps its status, which bullets are tasks, tracker tables, Current Phase, the kind, and
 * the checks and edits that follow from them.
 */
import assert from 'node:assert/strict';
import { checkPlan } from '../../src/core/diagnostics';
import { applyEdits, currentPhaseIndex, findPhase, findTask, nextWork, phaseStatusesExpressible, setPhaseStatus, setTaskStatus } from '../../src/core/edits';
import { parsePlan, parseWhole } from '../../src/core/parse/document';
import type { Plan } from '../../src/core/model';
import { phaseName } from '../../src/core/labels';

function read(lines: string[]): Plan {
  const text = lines.join('\n') + '\n';
  const plan = parsePlan(text);
  assert.equal(JSON.stringify(plan), JSON.stringify(parseWhole(text)), 'sectioned parse equals the whole-document parse');
  return plan;
}

/** The statuses of the phases, in order. */
const statusesOf = (plan: Plan): string[] => plan.phases.map((p) => p.status);

/** The text of `lines`, as read() reads it. */
const textOf = (lines: string[]): string => lines.join('\n') + '\n';

/** The 1-based lines `check` reports `code` on. */
const linesOf = (text: string, plan: Plan, code: string): number[] =>
  checkPlan(text, plan)
    .filter((d) => d.code === code)
    .map((d) => d.line + 1);

const phases = (plan: Plan): Array<[string | undefined, string, string]> => plan.phases.map((p) => [p.number ?? p.id, p.title, p.status]);

describe('real plans: which headings are phases', () => {
  it('takes phases lettered A, B, C as phases, and a heading that only mentions them as none', () => {
    const plan = read([
      '# Plan',
      '## Phase A: Discovery',
      '**Status:** Complete',
      '## Phase B: Build',
      '- [x] one',
      '- [ ] two',
      '## Phase C: Launch',
      '## Phase A/B testing notes',
      '## Phase Alpha',
    ]);
    assert.deepEqual(phases(plan), [
      ['A', 'Discovery', 'completed'],
      ['B', 'Build', 'in-progress'],
      ['C', 'Launch', 'pending'],
    ]);
    assert.equal(plan.phases[findPhase(plan, 'Phase B')].title, 'Build');
  });

  it('takes a checklist of phases as the phases when the document has no phase headings', () => {
    const index = read([
      '# Roadmap',
      '## Phases',
      '- [x] **Phase 1: Accounts** - sign-up and login',
      '- [ ] **Phase 2: Billing** - invoices',
      '  - [x] 02-01 tax rules',
      '  - [ ] 02-02 receipts',
      '- [ ] Phase 3: Reports (0/2 plans)',
    ]);
    assert.deepEqual(phases(index), [
      ['1', 'Accounts', 'completed'],
      ['2', 'Billing', 'pending'],
      ['3', 'Reports', 'pending'],
    ]);
    assert.deepEqual(
      index.tasks.map((t) => [t.title, t.phase]),
      [
        ['02-01 tax rules', 1],
        ['02-02 receipts', 1],
      ],
    );
    assert.equal(index.kind, 'plan');
    assert.deepEqual(phaseStatusesExpressible(index, 0), ['pending', 'completed'], 'a box says only what the file writes with boxes: open and done here');
    const withProgress = read(['# Roadmap', '## Phases', '- [x] **Phase 1: Accounts**', '- [-] **Phase 2: Billing**', '- [~] **Phase 3: Reports**']);
    assert.deepEqual(phaseStatusesExpressible(withProgress, 0), ['pending', 'completed', 'in-progress', 'blocked'], 'never failed');
    // With phase headings, the checklist is an index of them: the headings are the phases.
    const both = read([
      '# Roadmap',
      '- [x] Phase 1: Accounts',
      '- [ ] Phase 2: Billing',
      '## Phase 1: Accounts',
      '**Status:** Done',
      '## Phase 2: Billing',
      '**Status:** Todo',
    ]);
    assert.deepEqual(
      both.phases.map((p) => p.line),
      [3, 5],
    );
  });

  it('takes a listed phase without a heading of its own as a phase, and keeps the list and the progress table in step', () => {
    // A roadmap whose shipped milestone keeps its phases only as a checklist; the current
    // milestone's phases have headings, and a progress table names each as `N. Name`.
    const lines = [
      '# Roadmap',
      '## Phases',
      '- [x] Phase 1: Accounts (2/2 plans) - shipped',
      '- [ ] **Phase 2: Billing** - invoices',
      '- [ ] **Phase 3: Reports** - monthly totals',
      '### Phase 2: Billing',
      '**Goal**: invoices go out',
      '### Phase 3: Reports',
      '**Goal**: totals per month',
      '## Progress',
      '| Phase | Plans Complete | Status |',
      '|---|---|---|',
      '| 1. Accounts | 2/2 | Complete |',
      '| 2. Billing | 0/1 | In progress |',
      '| 3. Reports | 0/1 | Not started |',
    ];
    const plan = read(lines);
    assert.deepEqual(phases(plan), [
      ['1', 'Accounts', 'completed'],
      ['2', 'Billing', 'in-progress'],
      ['3', 'Reports', 'pending'],
    ]);
    assert.deepEqual(
      plan.phases.map((p) => p.overviewRow?.row),
      [0, 1, 2],
      'each row is tied to its phase by the number before the name',
    );
    assert.deepEqual(checkPlan(lines.join('\n') + '\n', plan), []);
    const text = lines.join('\n') + '\n';
    const out = applyEdits(text, setPhaseStatus(text, plan, 2, 'completed'));
    assert.match(out, /- \[x\] \*\*Phase 3: Reports\*\*/);
    assert.match(out, /\| 3\. Reports \| 0\/1 \| Complete \|/);
    // The file writes no `[-]`: its listed phase can be reopened, not set in progress.
    assert.deepEqual(setPhaseStatus(text, plan, 0, 'in-progress'), []);
    const back = applyEdits(text, setPhaseStatus(text, plan, 0, 'pending'));
    assert.match(back, /- \[ \] Phase 1: Accounts/, 'the box is no longer ticked');
    assert.match(back, /\| 1\. Accounts \| 2\/2 \| Not started \|/, 'in the words of the table');
  });

  it('takes phases grouped under a heading such as Completed Phases, unless they recap phases written elsewhere', () => {
    const grouped = read([
      '# Rollout',
      '## Completed Phases',
      '### Phase 1: Snapshot ✅',
      '- [x] Copy the tables',
      '## Upcoming Phases',
      '### Phase 2: Switch over',
      '- [ ] Flip the flag',
      '- [x] Warn the team',
    ]);
    assert.deepEqual(phases(grouped), [
      ['1', 'Snapshot', 'completed'],
      ['2', 'Switch over', 'in-progress'],
    ]);
    assert.equal(grouped.tasks.length, 3);
    // A summary that lists phases the plan has as sections of their own is still a recap.
    const recap = read([
      '# Rollout',
      '## Done so far',
      '### Phase 1 ✅',
      '## Phase 1: Snapshot',
      '**Status:** Complete',
      '## Phase 2: Switch over',
      '**Status:** In Progress',
    ]);
    assert.deepEqual(phases(recap), [
      ['1', 'Snapshot', 'completed'],
      ['2', 'Switch over', 'in-progress'],
    ]);
  });

  it('leaves out headings that only mention a phase', () => {
    const plan = read([
      '# Phase 2-3 Storage Plan',
      '## Phase 2: Index',
      '**Status**: Complete',
      '## Phase 2 Exit Criteria',
      '### Phase 2 Complete When:',
      '- [x] the index rebuilds in under a minute',
      '## Phase 3: Compaction',
      '**Status**: Pending',
      '### Phase 3 Completion (4 tasks)',
      '## Summary',
      '### Phase 2',
      '### Phase 3',
    ]);
    assert.deepEqual(phases(plan), [
      ['2', 'Index', 'completed'],
      ['3', 'Compaction', 'pending'],
    ]);
  });

  it('reads iterations, stages, milestones, emoji-led and struck-through phases', () => {
    const plan = read([
      '# Roadmap',
      '## Iteration 1 — Parser',
      '## 📋 PHASE 2: PRINTER',
      '## Stage 3: Packaging',
      '## Milestone 4 - Launch',
      '## ~~Phase 5: Plugins~~',
    ]);
    assert.deepEqual(
      plan.phases.map((p) => [p.number, p.title]),
      [
        ['1', 'Parser'],
        ['2', 'PRINTER'],
        ['3', 'Packaging'],
        ['4', 'Launch'],
        ['5', 'Plugins'],
      ],
    );
  });

  it('raises duplicate-phase among real phases only, with no renaming fix', () => {
    const text =
      '# Plan\n## Phase 1: One\n**Status:** Done\n## Phase 1 Exit Criteria\n## Phase 2: Two\n**Status:** Pending\n## Phase 2: Two again\n**Status:** Pending\n';
    const plan = parsePlan(text);
    const dups = checkPlan(text, plan).filter((d) => d.code === 'duplicate-phase');
    assert.equal(dups.length, 1);
    assert.match(dups[0].message, /Phase 2 appears more than once/);
    assert.deepEqual(dups[0].fixes, []);
  });
});

describe('real plans: where a phase keeps its status', () => {
  it('reads a status emoji before the keyword as the status, or as a mark kept in step with the words after it', () => {
    const lead = read(['# Boat repair', '## ✅ Phase 1: Hull', '## 🔄 Phase 2: Mast', '## Phase 3: Sails']);
    assert.deepEqual(phases(lead), [
      ['1', 'Hull', 'completed'],
      ['2', 'Mast', 'in-progress'],
      ['3', 'Sails', 'pending'],
    ]);
    assert.equal(lead.phases[0].leadMark, lead.phases[0].mark, 'the emoji is the status');
    const both = read(['# Boat repair', '### ✅ Milestone 1: Hull - DONE', '### Milestone 2: Mast - TODO']);
    assert.deepEqual(phases(both), [
      ['1', 'Hull', 'completed'],
      ['2', 'Mast', 'pending'],
    ]);
    assert.equal(both.phases[0].mark?.text, 'DONE', 'the words after the keyword are the status');
    assert.equal(both.phases[0].leadMark?.text, '✅');
  });

  it('reads "not yet started", "not implemented" and "awaiting ..." as pending', () => {
    const plan = read([
      '# Plan',
      '## Phase 1: Parse',
      '**Status:** Not yet started',
      '## Phase 2: Render',
      '**Status:** Not implemented',
      '## Phase 3: Ship',
      '**Status:** Awaiting sign-off',
    ]);
    assert.deepEqual(
      plan.phases.map((p) => p.status),
      ['pending', 'pending', 'pending'],
    );
  });

  it('reads a box at the start of a Status value: the word decides, else the box', () => {
    const plan = read([
      '# Plan',
      '## Phase 1: Host',
      '**Status**: [x] Complete (2026-03-02)',
      '## Phase 2: Agent',
      '**Status**: [ ] Not started',
      '## Phase 3: Jobs',
      '**Status**: [x] Ran on 2026-03-04',
      '## Phase 4: Alerts',
      '- **Status**: [x]',
      '## Phase 5: Docs',
      '**Status**: [ ] ✅ Done',
    ]);
    assert.deepEqual(
      plan.phases.map((p) => p.status),
      ['completed', 'pending', 'completed', 'completed', 'completed'],
    );
    const text = [
      '# Plan',
      '## Phase 1: Host',
      '**Status**: [x] Complete',
      '## Phase 2: Agent',
      '**Status**: [ ] Pending',
      '## Phase 3: Jobs',
      '**Status**: [x]',
      '',
    ].join('\n');
    const p = parsePlan(text);
    const after = (i: number, status: 'completed' | 'pending' | 'in-progress'): string => applyEdits(text, setPhaseStatus(text, p, i, status));
    assert.match(after(1, 'completed'), /Phase 2: Agent\n\*\*Status\*\*: \[x\] Complete\n/);
    assert.match(after(0, 'in-progress'), /Phase 1: Host\n\*\*Status\*\*: \[ \] In Progress\n/);
    assert.match(after(2, 'pending'), /Phase 3: Jobs\n\*\*Status\*\*: \[ \]\n/);
  });

  it('reads status words and emoji in the heading and leaves them out of the title', () => {
    const plan = read([
      '# Plan',
      '### Phase 1: Schema - ✅ Complete (100%)',
      '### Phase 2: Queries - 🚧 In Progress (60% complete)',
      '### Phase 3 ✅ — Exports',
      '### Phase 4: Imports 🔲 TODO',
      '#### Phase 5: 🔄 **30% COMPLETE**',
      '### Phase 6: Reports (✅ COMPLETE)',
    ]);
    assert.deepEqual(phases(plan), [
      ['1', 'Schema', 'completed'],
      ['2', 'Queries', 'in-progress'],
      ['3', 'Exports', 'completed'],
      ['4', 'Imports', 'pending'],
      ['5', '', 'in-progress'],
      ['6', 'Reports', 'completed'],
    ]);
  });

  it('reads a Status bullet after the task list, which is never a task', () => {
    const plan = read([
      '# Plan',
      '### Phase 1: Logs',
      '- [x] Rotate daily',
      '- [x] Keep a week',
      '- **Status:** complete',
      '### Phase 2: Disk',
      '- [ ] Warn when full',
      '- **Status:** pending',
    ]);
    assert.deepEqual(phases(plan), [
      ['1', 'Logs', 'completed'],
      ['2', 'Disk', 'pending'],
    ]);
    assert.equal(plan.tasks.length, 3);
  });

  it('reads percentages and traffic lights in overview cells', () => {
    const plan = read([
      '# Plan',
      '',
      '| Phase | Status |',
      '|---|---|',
      '| 1 | 🟡 40% |',
      '| 2 | ⏳ Pending |',
      '| 3 | 🟢 100% |',
      '',
      '## Phase 1: A',
      '## Phase 2: B',
      '## Phase 3: C',
    ]);
    assert.deepEqual(
      plan.phases.map((p) => p.status),
      ['in-progress', 'pending', 'completed'],
    );
  });

  it('reads an emoji by the word after it when the two disagree, and writes the pairs the file uses', () => {
    const lines = [
      '# Plan',
      '',
      '| Phase | Status |',
      '|---|---|',
      '| 1 | ✅ Complete |',
      '| 2 | ❌ Not Started |',
      '| 3 | ❌ Not Started |',
      '',
      '## Phase 1: A',
      '## Phase 2: B',
      '## Phase 3: C',
    ];
    const plan = read(lines);
    assert.deepEqual(statusesOf(plan), ['completed', 'pending', 'pending']);
    const text = textOf(lines);
    assert.match(applyEdits(text, setPhaseStatus(text, plan, 1, 'completed')), /\| 2 \| ✅ Complete \|/);
    assert.match(applyEdits(text, setPhaseStatus(text, plan, 0, 'pending')), /\| 1 \| ❌ Not Started \|/, 'the emoji the file pairs with the word');
  });

  it('reads a Status line that counts the work, and keeps a heading status over a count or an unreadable line', () => {
    const lines = [
      '# Roadmap',
      '### ✅ Milestone 1: Storage - COMPLETED',
      '**Status**: 3/3 tasks complete (100%)',
      '### 🔜 Milestone 2: Sync - NEXT',
      '**Status**: 1/4 tasks complete (25%)',
      '### Milestone 3: Sharing - ✅ DONE',
      '**Status**: Documented and signed off',
      '### Milestone 4: Export',
      '**Status**: 0/2 tasks',
    ];
    const plan = read(lines);
    assert.deepEqual(statusesOf(plan), ['completed', 'in-progress', 'completed', 'pending']);
    const text = textOf(lines);
    assert.throws(() => setPhaseStatus(text, plan, 3, 'completed'), /written as a count \("0\/2"\)/, 'a count is not rewritten');
    assert.match(applyEdits(text, setPhaseStatus(text, plan, 2, 'pending')), /Sharing - ⏸️ PENDING\n\*\*Status\*\*: Documented and signed off/);
  });

  it('derives a phase from its boxes when the file writes no status', () => {
    const plan = read([
      '# Tasks',
      '## Phase 1: Setup',
      '- [x] T001 Create the project',
      '- [X] **T002** Add the linter',
      '## Phase 2: Core',
      '- [x] T003 Model',
      '- [ ] T004 Service',
      '## Phase 3: Polish',
      '- [ ] T005 Docs',
    ]);
    assert.deepEqual(
      plan.phases.map((p) => p.status),
      ['completed', 'in-progress', 'pending'],
    );
    assert.equal(plan.tasks[1].id, 'T002');
    assert.equal(plan.kind, 'tasks');
  });
});

describe('real plans: tasks and notes', () => {
  it('takes a heading as a steps label only when it names the steps first or last, not when it mentions a task', () => {
    const mention = read([
      '# Work',
      '## Phase 1: Core',
      '### W7 — Split task timing from readiness',
      '- **Purpose:** keep the log short and the history whole.',
      '- **Scope:** the store, its reports, the guide.',
      '- **Depends on:** W5, W6.',
      '- **Guidance:** keep the markers stable; history is derived from events,',
      '  approvals and schedules.',
      '- **Testing:** every combination of states.',
    ]);
    assert.equal(mention.tasks.length, 0, 'the bullets describe W7; they are no steps');
    const named = read(['# Work', '## Phase 1: Core', '### Remaining tasks (2)', '- Wire the store', '- Test the store', '### Tasks', '- Ship it']);
    assert.deepEqual(
      named.tasks.map((t) => t.title),
      ['Wire the store', 'Test the store', 'Ship it'],
    );
  });

  it('reads an open box whose text says it is blocked as blocked, and a checked one as done', () => {
    const plan = read([
      '# Launch',
      '## Phase 1: Ship',
      '- [ ] Deploy (BLOCKED: waiting on keys)',
      '- [ ] Announce [Blocked]',
      '- [x] Rotate keys (blocked until Monday)',
      '- [ ] Clear the blocked queue',
    ]);
    assert.deepEqual(
      plan.tasks.map((t) => t.status),
      ['blocked', 'blocked', 'completed', 'pending'],
    );
  });

  it('reads Kiro optional tasks and flat subtasks as children of their parent', () => {
    const plan = read([
      '# Implementation Plan',
      '',
      '- [ ] 1. Build the cache',
      '- [x] 1.1 Pick the eviction rule',
      '- [ ]* 1.2 Property tests for eviction',
      '- [ ] 2. Wire it in',
    ]);
    assert.deepEqual(
      plan.tasks.map((t) => [t.id, t.status, t.parent]),
      [
        ['1', 'pending', undefined],
        ['1.1', 'completed', 0],
        ['1.2', 'pending', 0],
        ['2', 'pending', undefined],
      ],
    );
    assert.equal(plan.kind, 'tasks', 'a title that says plan does not make a task list a plan');
  });

  it('reads a dotted task number that ends with a dot (`2.1.`) as the number, not the start of the title', () => {
    const plan = read(['# Tasks', '', '- [x] 2. Storage', '- [x] 2.1. Write the schema', '- [ ] **2.2.** Load the fixtures', '- [ ] 2.3 Seed the cache']);
    assert.deepEqual(
      plan.tasks.map((t) => [t.id, t.title, t.parent]),
      [
        ['2', 'Storage', undefined],
        ['2.1', 'Write the schema', 0],
        ['2.2', 'Load the fixtures', 0],
        ['2.3', 'Seed the cache', 0],
      ],
    );
  });

  it('takes ✅ bullets under a checkbox task, and lists after "... Complete" or a bare Implementation label, as notes', () => {
    const plan = read([
      '# Plan',
      '',
      '## Phase 1: Reader',
      '',
      '**Status:** In Progress',
      '',
      '**Implementation:**',
      '- **Buffer**: a ring of 4 KB',
      '- **Decoder**: streaming',
      '',
      '- [x] 1. Parse the header',
      '  - ✅ Reads the magic number',
      '  - Skips padding',
      '  - [x] 1.1 Check the version',
      '- [ ] 2. Parse the body',
      '',
      '## Phase 2: Writer ✅ Complete',
      '',
      '1. ✅ Emit the header',
      '',
      '### Writer Complete',
      '',
      '- ✅ Round-trips every sample',
      '',
      '**Steps to complete:**',
      '1. Benchmark it',
    ]);
    assert.deepEqual(
      plan.tasks.map((t) => [t.title, t.status, t.phase]),
      [
        ['Parse the header', 'completed', 0],
        ['Check the version', 'completed', 0],
        ['Parse the body', 'pending', 0],
        ['Emit the header', 'completed', 1],
        ['Benchmark it', 'pending', 1],
      ],
    );
  });

  it('takes ✅ bullets in recaps and file lists as notes, steps under a steps label as tasks', () => {
    const plan = read([
      '# Plan',
      '## Phase 1: Auth',
      '**Status:** In Progress',
      '**Steps:**',
      '1. Session cookie ✅',
      '2. Refresh tokens 🔄',
      '**Files changed:**',
      '- ✅ `auth/session.ts`',
      '- ❌ `auth/legacy.ts` removed',
      '## Recent Changes',
      '### Tuesday',
      '- ✅ Shipped the login page',
    ]);
    assert.deepEqual(
      plan.tasks.map((t) => [t.title, t.status]),
      [
        ['Session cookie', 'completed'],
        ['Refresh tokens', 'in-progress'],
      ],
    );
  });

  it('reads a tracker table: an ID column and a Status column make entries', () => {
    const plan = read([
      '# Ops tracker',
      '',
      '| ID | Item | Status |',
      '|---|---|---|',
      '| OPS-1 | Rotate keys | [OK] |',
      '| OPS-2 | Prune images | ⬜ |',
      '| OPS-3 | Audit access | IN_PROGRESS |',
    ]);
    assert.deepEqual(
      plan.tasks.map((t) => [t.kind, t.id, t.title, t.status]),
      [
        ['tracker', 'OPS-1', 'Rotate keys', 'completed'],
        ['tracker', 'OPS-2', 'Prune images', 'pending'],
        ['tracker', 'OPS-3', 'Audit access', 'in-progress'],
      ],
    );
    assert.equal(plan.kind, 'tracker');
  });

  it('finds the ID column by its cells when no header names it, and titles under Task Name or Feature', () => {
    const plan = read([
      '# Board',
      '',
      '| Task | Owner | Status |',
      '|---|---|---|',
      '| WEB-10 | Dana | Done |',
      '| WEB-11 | Lee | Todo |',
      '',
      '| ID | Task Name | Status |',
      '|---|---|---|',
      '| API-4 | Paginate results | In Progress |',
      '| API-5 | Cache headers | Done |',
      '',
      '| Ticket ID | Feature | Status |',
      '|---|---|---|',
      '| UX-2 | Dark theme | Blocked |',
      '| UX-3 | Font sizes | Todo |',
    ]);
    assert.deepEqual(
      plan.tasks.map((t) => [t.id, t.title, t.status]),
      [
        ['WEB-10', '', 'completed'],
        ['WEB-11', '', 'pending'],
        ['API-4', 'Paginate results', 'in-progress'],
        ['API-5', 'Cache headers', 'completed'],
        ['UX-2', 'Dark theme', 'blocked'],
        ['UX-3', 'Font sizes', 'pending'],
      ],
    );
    // A table with a Status column but no IDs in any column stays a table.
    assert.equal(read(['# Notes', '', '| Area | Status |', '|---|---|', '| Docs | Done |', '| Tests | Todo |']).tasks.length, 0);
  });

  it('counts an entry listed in two tables once, and keeps a reused ID with another title apart', () => {
    const plan = read([
      '# Board',
      '## Done lately',
      '| ID | Task | Status |',
      '|---|---|---|',
      '| WEB-2 | Footer links | Done |',
      '## All',
      '| ID | Task | Status |',
      '|---|---|---|',
      '| WEB-1 | Header | Done |',
      '| WEB-2 | Footer links | Done |',
      '| WEB-3 | Search box | Todo |',
      '| WEB-3 | Cookie banner | Todo |',
    ]);
    assert.deepEqual(
      plan.tasks.map((t) => [t.id, t.title, t.line]),
      [
        ['WEB-2', 'Footer links', 4],
        ['WEB-1', 'Header', 8],
        ['WEB-3', 'Search box', 10],
        ['WEB-3', 'Cookie banner', 11],
      ],
    );
    // The row in the second table is the entry's own second cell: a status change edits both.
    const text = [
      '# Board',
      '## Done lately',
      '| ID | Task | Status |',
      '|---|---|---|',
      '| WEB-2 | Footer links | Done |',
      '## All',
      '| ID | Task | Status |',
      '|---|---|---|',
      '| WEB-1 | Header | Done |',
      '| WEB-2 | Footer links | Done |',
    ].join('\n');
    const row = text.lastIndexOf('| WEB-2 |');
    const mark = parsePlan(text).tasks[0].rowMark;
    assert.ok(mark && mark.range.start > row && mark.range.end <= text.length, 'the second row follows the entry');
  });

  it('does not repeat a heading entry listed again in a table', () => {
    const plan = read([
      '# Tracker',
      '### SEC-1: Escape output',
      '**Status**: COMPLETE',
      '',
      '| Task ID | Status |',
      '|---|---|',
      '| SEC-1 | COMPLETE |',
      '| SEC-2 | NOT_STARTED |',
    ]);
    assert.deepEqual(
      plan.tasks.map((t) => t.id),
      ['SEC-1', 'SEC-2'],
    );
  });
});

describe('real plans: Backlog.md task files', () => {
  it('takes title and status from the front matter, not the headings below it', () => {
    const plan = read(['---', 'id: task-9', 'title: Cache the avatars', 'status: To Do', '---', '', '## Description', '', 'Keep them for a day.']);
    assert.equal(plan.title, 'Cache the avatars');
    assert.equal(plan.kind, 'tracker');
    assert.deepEqual(
      plan.tasks.map((t) => [t.id, t.title, t.status, t.line]),
      [['task-9', 'Cache the avatars', 'pending', 3]],
    );
  });

  it('reads a file that only starts with a thematic break as Markdown', () => {
    const plan = read(['---', '', '# Plan', '## Phase 1: A', '**Status:** Done']);
    assert.equal(plan.title, 'Plan');
    assert.equal(plan.phases.length, 1);
  });
});

describe('real plans: the current phase', () => {
  it('passes over a phase the work has gone past that says nothing to work on', () => {
    const lines = [
      '# Plan',
      '## Phase 1: A',
      '**Status:** Complete',
      '## Phase 2: B',
      '**Status:** Not needed',
      '## Phase 3: C',
      '## Phase 4: D',
      '**Status:** Complete',
      '## Phase 5: E',
      '**Status:** Pending',
    ];
    const plan = read(lines);
    assert.equal(currentPhaseIndex(plan), 4, 'not the skipped Phase 2 nor the empty Phase 3');
    assert.equal(nextWork(plan).phase, 4);
    const reviewing = read([...lines.slice(0, 6), '- [ ] c1', ...lines.slice(6)]);
    assert.equal(currentPhaseIndex(reviewing), 2, 'a phase with open work is the current one, even with a later one done');
    const before = read(['# Plan', '## Phase 1: A', '**Status:** Not needed', '## Phase 2: B']);
    assert.equal(currentPhaseIndex(before), 0, 'nothing done after it: the first phase not done');
  });

  it('reads a Current Phase line that GFM folds into the table above it', () => {
    const plan = read([
      '# Plan',
      '',
      '| # | Step | Status |',
      '|---|---|---|',
      '| 1 | A | Done |',
      '| 2 | B | Pending |',
      '| 3 | C | Pending |',
      '**Current Phase:** 3',
      '',
      '## Iteration 1 — A',
      '## Iteration 2 — B',
      '## Iteration 3 — C',
    ]);
    assert.equal(plan.currentPhaseFields.length, 1);
    assert.equal(plan.phases[currentPhaseIndex(plan)!].number, '3');
  });

  it('reads a step number as its phase, and a Current Phase section', () => {
    const step = read(['# Plan', '## Phase 1: A', '## Phase 2: B', '', '**Current Phase**: Phase 2.3 (retries)']);
    assert.equal(step.phases[currentPhaseIndex(step)!].number, '2');
    const section = read(['# Plan', '## Current Phase', '', 'Phase 2: B (second)', '', '## Phases', '### Phase 1: A', '- [x] a', '### Phase 2: B', '- [ ] b']);
    assert.equal(section.phases[currentPhaseIndex(section)!].number, '2');
  });
});

describe('real plans: checks and edits that follow', () => {
  it('takes a part written after an entry ID (BUILD-7 Phase 2) as an entry of its own, not a duplicate ID', () => {
    const text = textOf([
      '# Shop tracker',
      '### SHOP-7: Cart',
      '**Status**: Done',
      '### SHOP-7 Phase 2: Cart totals',
      '**Status**: In Progress',
      '### SHOP-7: Cart again',
      '**Status**: Pending',
    ]);
    const plan = parsePlan(text);
    assert.deepEqual(
      plan.tasks.map((t) => [t.id, t.title, t.status]),
      [
        ['SHOP-7', 'Cart', 'completed'],
        ['SHOP-7 Phase 2', 'Cart totals', 'in-progress'],
        ['SHOP-7', 'Cart again', 'pending'],
      ],
    );
    assert.deepEqual(linesOf(text, plan, 'duplicate-task-id'), [6], 'only the repeated SHOP-7 itself');
    assert.equal(plan.tasks[findTask(plan, 'shop-7 phase 2')].title, 'Cart totals');
  });

  it('names milestones and stages as the file does, and lets each milestone number its phases anew', () => {
    const text = textOf([
      '# Roadmap',
      '## Milestone 1: Core',
      '### Phase 1: Store',
      '**Status:** Completed',
      '### Phase 2: Query',
      '**Status:** In Progress',
      '## Milestone 2: Sync',
      '### Phase 1: Wire',
      '**Status:** Pending',
      '## Phase 1: Again',
      '## Phase 1: And again',
    ]);
    const plan = parsePlan(text);
    assert.deepEqual(plan.phases.map(phaseName), [
      'Milestone 1: Core',
      'Phase 1: Store',
      'Phase 2: Query',
      'Milestone 2: Sync',
      'Phase 1: Wire',
      'Phase 1: Again',
      'Phase 1: And again',
    ]);
    assert.deepEqual(linesOf(text, plan, 'duplicate-phase'), [11], 'only the two top-level Phase 1 headings share a name; Milestone 1 is another name');
    assert.equal(plan.phases[findPhase(plan, 'Milestone 2')].title, 'Sync');
    assert.equal(plan.phases[findPhase(plan, '2')].title, 'Query', 'a bare number names a phase before a milestone');
    const stages = parsePlan('# Rollout\n\n## Stage 1: Pilot\n\n## Stage 2: Everyone\n');
    assert.equal(plan.phases.length && phaseName(stages.phases[1]), 'Stage 2: Everyone');
    assert.equal(stages.phases[findPhase(stages, 'Phase 2')].title, 'Everyone', 'where nothing is called Phase 2, the number decides');
  });

  it('flags a parent box that disagrees with its subtasks, with a fix', () => {
    const text = '# Tasks\n\n- [ ] 1. Cache\n- [x] 1.1 Eviction\n- [x] 1.2 Metrics\n- [x] 2. Docs\n  - [ ] 2.1 Usage page\n';
    const found = checkPlan(text, parsePlan(text)).filter((d) => d.code === 'parent-mismatch');
    assert.deepEqual(
      found.map((d) => d.line),
      [2, 5],
    );
    const fixed = applyEdits(text, found[0].fixes[0].edits);
    assert.ok(fixed.includes('- [x] 1. Cache'));
  });

  it('an open optional subtask (`- [ ]*`) does not hold its parent back', () => {
    const text =
      '# Tasks\n\n- [ ] 1. Cache\n  - [x] 1.1 Eviction\n  - [ ] 1.2 Metrics\n  - [ ]* 1.3 Property test\n- [x] 2. Docs\n  - [x] 2.1 Guide\n  - [ ]* 2.2 Examples\n';
    const plan = parsePlan(text);
    assert.deepEqual(
      plan.tasks.filter((t) => t.optional).map((t) => t.id),
      ['1.3', '2.2'],
    );
    assert.deepEqual(
      checkPlan(text, plan).map((d) => d.code),
      [],
      'task 2 is checked with only its optional subtask open',
    );
    const done = applyEdits(text, setTaskStatus(text, plan, findTask(plan, '1.2'), 'completed'));
    assert.match(done, /- \[x\] 1\. Cache\n/, 'the last required subtask completes the parent');
    assert.match(done, /- \[ \]\* 1\.3 Property test/);
    // With only optional subtasks, they decide.
    const only = '# Tasks\n\n- [x] 1. Cache\n  - [ ]* 1.1 Property test\n';
    assert.deepEqual(
      checkPlan(only, parsePlan(only)).map((d) => d.code),
      ['parent-mismatch'],
    );
  });

  it('completing the last open subtask completes the parent; reopening one reopens it', () => {
    const text = '# Tasks\n\n- [ ] 1. Cache\n- [x] 1.1 Eviction\n- [ ] 1.2 Metrics\n';
    const plan = parsePlan(text);
    const done = applyEdits(text, setTaskStatus(text, plan, findTask(plan, '1.2'), 'completed'));
    assert.equal(done, '# Tasks\n\n- [x] 1. Cache\n- [x] 1.1 Eviction\n- [x] 1.2 Metrics\n');
    const again = parsePlan(done);
    assert.equal(
      applyEdits(done, setTaskStatus(done, again, findTask(again, '1.1'), 'pending')),
      '# Tasks\n\n- [ ] 1. Cache\n- [ ] 1.1 Eviction\n- [x] 1.2 Metrics\n',
    );
  });

  it('next points at open subtasks, never at a parent or a Status bullet', () => {
    const plan = read(['# Tasks', '## Phase 1: Cache', '- [ ] 1. Cache', '- [x] 1.1 Eviction', '- [ ] 1.2 Metrics', '- **Status:** in progress']);
    const next = nextWork(plan);
    assert.equal(plan.tasks[next.task!].id, '1.2');
  });

  it('never takes a template phase or step for the work', () => {
    const plan = read([
      '# Plan template',
      '## Phase 1: [Phase Name]',
      '**Status:** In Progress',
      '**Steps:**',
      '1. [Step 1] 🔄',
      '# Example',
      '## Phase 1: Schema',
      '**Status:** In Progress',
      '**Steps:**',
      '1. Write the migration 🔄',
    ]);
    const next = nextWork(plan);
    assert.equal(plan.phases[next.phase!].title, 'Schema');
    assert.equal(plan.tasks[next.task!].title, 'Write the migration');
  });

  it('offers only what a checkbox-driven phase can express, and refuses the rest', () => {
    const text = '# Tasks\n## Phase 1: A\n- [ ] one\n- [x] two\n';
    const plan = parsePlan(text);
    assert.deepEqual(phaseStatusesExpressible(plan, 0), ['completed']);
    assert.throws(() => setPhaseStatus(text, plan, 0, 'failed'), /keeps its status in its checkboxes; it can be completed, not failed/);
    assert.equal(applyEdits(text, setPhaseStatus(text, plan, 0, 'completed')), '# Tasks\n## Phase 1: A\n- [x] one\n- [x] two\n');
  });
});
