import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan, parseWhole, PlanDocument } from '../../src/core/parse/document';
import type { Plan } from '../../src/core/model';
import { parseCurrentPhase } from '../../src/core/edits/currentPhase';

function phases(plan: Plan): string[] {
  return plan.phases.map((p) => `${p.number ?? p.id}|${p.title}|${p.status}`);
}

function same(text: string): Plan {
  const plan = parsePlan(text);
  assert.deepEqual(JSON.parse(JSON.stringify(plan)), JSON.parse(JSON.stringify(parseWhole(text))), 'sectioned parse differs from the whole-document parse');
  return plan;
}

describe('parse: phase headings', () => {
  it('reads every heading form and level', () => {
    const plan = same(
      [
        '# Plan',
        '## Phase 1: Colon form',
        '**Status:** Completed',
        '### Phase 2 - Hyphen form',
        '**Status:** Pending',
        '#### Phase 3 — Em dash form',
        'Status: In Progress',
        '## Phase 4. Dot form',
        '## PH-NEXT-002: Identified phase',
        '## WS-NEXT-002-003: Workstream',
        '## Phase PH-LATE-009: Phase word and ID ✅',
        '',
      ].join('\n'),
    );
    assert.deepEqual(phases(plan), [
      '1|Colon form|completed',
      '2|Hyphen form|pending',
      '3|Em dash form|in-progress',
      '4|Dot form|pending',
      'PH-NEXT-002|Identified phase|pending',
      'WS-NEXT-002-003|Workstream|pending',
      'PH-LATE-009|Phase word and ID|completed',
    ]);
    assert.equal(plan.phases[1].parent, 0, 'phase 2 (###) is nested in phase 1 (##)');
    assert.equal(plan.phases[2].parent, 1);
    assert.equal(plan.phases[3].parent, undefined);
  });

  it('nests phases under a "Phases" heading and reads setext headings', () => {
    const plan = same('Roadmap\n=======\n\n## Phases\n\n### Phase 1: First\n\n**Status:** Done\n\nPhase 2: Second\n---------------\n\n**Status:** WIP\n');
    assert.equal(plan.title, 'Roadmap');
    assert.deepEqual(phases(plan), ['1|First|completed', '2|Second|in-progress']);
  });

  it('ignores phases inside fenced code and HTML comments', () => {
    const text =
      '# Plan\n\n## Phase 1: Real\n\n**Status:** Pending\n\n```markdown\n## Phase 9: Fake in a fence\n**Status:** Completed\n```\n\n<!--\n## Phase 8: Fake in a comment\n\n**Status:** Completed\n-->\n\n~~~\n## Phase 7: Fake in a tilde fence\n~~~\n';
    const plan = same(text);
    assert.deepEqual(phases(plan), ['1|Real|pending']);
  });

  it('keeps a fence that never closes open to the end of the document', () => {
    const plan = same('## Phase 1: A\n\n```\n## Phase 2: inside\n\n## Phase 3: inside too\n');
    assert.deepEqual(phases(plan), ['1|A|pending']);
  });
});

describe('parse: status fields', () => {
  it('reads both bold styles and plain fields, with emoji and mojibake', () => {
    const text = [
      '## Phase 1: A',
      '**Status:** Completed ✅',
      '',
      '## Phase 2: B',
      '**Status**: IN_PROGRESS',
      '',
      '## Phase 3: C',
      'Status: not started',
      '',
      '## Phase 4: D',
      '**Status:** Pending ‚è∏Ô∏è',
      '',
      '## Phase 5: E',
      '**Status:** In Progress üîÑ',
      '',
      '## Phase 6: F',
      '**Status:** âœ… Done',
      '',
      '## Phase 7: G',
      '**Status:** Failed ❌',
      '',
      '## Phase 8: H',
      '**Status:** Blocked ⛔ (waiting on keys)',
      '',
      '## Phase 9: I',
      '**Status:** Parked until spring',
      '',
    ].join('\n');
    const plan = same(text);
    assert.deepEqual(
      plan.phases.map((p) => p.status),
      ['completed', 'in-progress', 'pending', 'pending', 'in-progress', 'completed', 'failed', 'blocked', 'unknown'],
    );
    assert.equal(plan.phases[0].mark?.text, 'Completed ✅');
    assert.equal(plan.phases[8].mark?.text, 'Parked until spring', 'unknown statuses are kept verbatim');
    const p8 = plan.phases[7].mark!;
    assert.equal(text.slice(p8.phraseRange.start, p8.phraseRange.end), 'Blocked ⛔');
  });

  it('reads a status word only as a whole word, in any script around it, and [OK] only as written', () => {
    const status = (value: string): string => parsePlan(`## Phase 1: A\n**Status:** ${value}\n`).phases[0].status;
    assert.equal(status('Done—on time'), 'completed', 'a dash after the word ends it');
    assert.equal(status('Done✅'), 'completed');
    assert.equal(status('Doneé'), 'unknown', 'a letter outside ASCII continues the word');
    assert.equal(status('Completedé'), 'unknown', 'nor does a shorter word match inside it');
    assert.equal(status('Done２'), 'unknown', 'nor a digit outside ASCII');
    assert.equal(status('Blocked日本'), 'unknown');
    assert.equal(status('\u017ftarted'), 'in-progress', 'ſ folds to s, as in the Unicode case folding');
    assert.equal(status('wor\u212aing'), 'in-progress', 'the Kelvin sign folds to k');
    assert.equal(status('[OK]'), 'completed');
    assert.equal(status('[ok]'), 'unknown');
    assert.equal(status('not yet started'), 'pending', 'the longest form of a word');
    assert.equal(status('failing tests'), 'failed');
  });

  it('reads fields joined by hard breaks in one paragraph', () => {
    const plan = same('# Summary\n\n**Date**: 2026-01-05  \n**Status**: READY  \n**Current Phase**: Phase 2 of 3\n');
    assert.deepEqual(
      plan.fields.map((f) => [f.name, f.value, f.style]),
      [
        ['date', '2026-01-05', 'colon-outside'],
        ['status', 'READY', 'colon-outside'],
        ['current phase', 'Phase 2 of 3', 'colon-outside'],
      ],
    );
    assert.equal(plan.currentPhaseFields.length, 1);
  });

  it('takes the status from the overview table when the section has none, else from the tasks', () => {
    const plan = same('| Phase | Name | Status |\n|---|---|---|\n| 1 | A | Completed |\n\n## Phase 1: A\n\n## Phase 2: B\n\n- [x] one\n- [ ] two\n');
    assert.equal(plan.phases[0].status, 'completed');
    assert.equal(plan.phases[0].derived, false);
    assert.equal(plan.phases[1].status, 'in-progress');
    assert.equal(plan.phases[1].derived, true);
  });
});

describe('parse: tasks in every dialect', () => {
  it('reads GFM, Kiro and spec-kit checkboxes with nesting', () => {
    const text = [
      '## Phase 1: Setup',
      '- [ ] open',
      '- [x] done lower',
      '- [X] done upper',
      '- [-] started',
      '- [/] started too',
      '- [~] blocked',
      '- [ ] T012 [P] [US1] Create the model in src/models/user.ts',
      '- [ ] 2. Parent task',
      '  - [x] 2.1 Write the parser',
      '  - Plain note',
      '  - _Requirements: 1.2, 3.4_',
      '1. [ ] numbered checkbox',
      '',
    ].join('\n');
    const plan = same(text);
    assert.deepEqual(
      plan.tasks.map((t) => [t.id ?? '', t.title, t.status, t.depth]),
      [
        ['', 'open', 'pending', 0],
        ['', 'done lower', 'completed', 0],
        ['', 'done upper', 'completed', 0],
        ['', 'started', 'in-progress', 0],
        ['', 'started too', 'in-progress', 0],
        ['', 'blocked', 'blocked', 0],
        ['T012', 'Create the model in src/models/user.ts', 'pending', 0],
        ['2', 'Parent task', 'pending', 0],
        ['2.1', 'Write the parser', 'completed', 1],
        ['', 'numbered checkbox', 'pending', 0],
      ],
    );
    const t012 = plan.tasks[6];
    assert.equal(t012.parallel, true);
    assert.equal(t012.story, 'US1');
    assert.deepEqual(plan.tasks[7].requirements, ['1.2', '3.4']);
    assert.equal(plan.tasks[8].parent, 7);
    assert.ok(plan.tasks.every((t) => t.phase === 0));
  });

  it('reads steps with trailing markers in a steps list; a ✅ bullet in notes is a note', () => {
    const text = [
      '## Phase 3: API',
      '',
      '**Implementation Steps:**',
      '1. Route file ✅',
      '2. Login endpoint 🔄 (working on this)',
      '3. Rate limiting',
      '',
      '**Tests:**',
      '- Unit tests for the handler',
      '',
      '**Notes:**',
      '- ✅ Schema reviewed',
    ].join('\n');
    const plan = same(text);
    assert.deepEqual(
      plan.tasks.map((t) => [t.kind, t.title, t.status]),
      [
        ['step', 'Route file', 'completed'],
        ['step', 'Login endpoint (working on this)', 'in-progress'],
        ['step', 'Rate limiting', 'pending'],
      ],
    );
    const marker = plan.tasks[1].mark!;
    assert.equal(text.slice(marker.range.start, marker.range.end), '🔄');
  });

  it('reads tracker entries with IDs and a Status field', () => {
    const plan = same(
      '# Tracker\n\n### SEC-002: Race on balance ✅\n\n**Status**: COMPLETE\n**Effort**: 1.5h\n\n### BACK-003: Split the repo module\n\n**Status**: NOT_STARTED\n',
    );
    assert.deepEqual(
      plan.tasks.map((t) => [t.kind, t.id, t.title, t.status]),
      [
        ['tracker', 'SEC-002', 'Race on balance', 'completed'],
        ['tracker', 'BACK-003', 'Split the repo module', 'pending'],
      ],
    );
    assert.equal(plan.tasks[0].headingMark?.text, '✅');
    assert.equal(plan.kind, 'tracker');
  });
});

describe('parse: overview tables, logs, kinds', () => {
  it('ties overview rows to the phases that follow the table', () => {
    const text =
      '| Phase | Name | Status |\n|---|---|---|\n| 1 | One | Completed |\n| **2** | Two | In Progress |\n| Phase 3 | Three | Pending |\n\n## Phase 1: One\n**Status:** Completed\n## Phase 2: Two\n**Status:** In Progress\n## Phase 3: Three\n**Status:** Pending\n';
    const plan = same(text);
    assert.equal(plan.overviews.length, 1);
    assert.deepEqual(
      plan.overviews[0].rows.map((r) => [r.key, r.status, r.phase]),
      [
        ['1', 'completed', 0],
        ['2', 'in-progress', 1],
        ['3', 'pending', 2],
      ],
    );
    assert.deepEqual(
      plan.phases.map((p) => p.overviewRow?.row),
      [0, 1, 2],
    );
  });

  it('reads fix blocks and gold nuggets of an execution log', () => {
    const text =
      '# 12 Execution Log\n\n### 1. Cache fixes ✅\n\n#### **Problem: Stale reads after writes**\n\n  * **Root Cause:** The cache key ignored the tenant.\n  * **Solution:** Add the tenant to the key.\n  * **💡 Gold Nugget:** Put every scoping value in the cache key.\n';
    const plan = same(text);
    assert.equal(plan.kind, 'log');
    assert.equal(plan.fixes.length, 1);
    assert.equal(plan.fixes[0].title, 'Stale reads after writes');
    assert.equal(plan.fixes[0].rootCause?.value, 'The cache key ignored the tenant.');
    assert.equal(plan.fixes[0].nugget?.value, 'Put every scoping value in the cache key.');
    assert.deepEqual(
      plan.nuggets.map((n) => n.text),
      ['Put every scoping value in the cache key.'],
    );
  });

  it('tells documents apart', () => {
    assert.equal(parsePlan('# Execution Plan\n\n## Phase 1: A\n').kind, 'plan');
    assert.equal(parsePlan('# Final Session Summary\n\n## Decisions\n').kind, 'summary');
    assert.equal(parsePlan('# Tasks\n\n- [ ] a\n- [x] b\n').kind, 'tasks');
    assert.equal(parsePlan('# Notes\n\nJust text.\n').kind, 'unknown');
  });
});

describe('parse: encodings and whitespace', () => {
  const base = '# Plan\n\n## Phase 1: A\t\n\n**Status:** In Progress  \n\n- [ ] step one\n';

  it('gives the same model, shifted, with CRLF and a byte-order mark', () => {
    const lf = same(base);
    const crlf = same('\uFEFF' + base.replace(/\n/g, '\r\n'));
    assert.equal(crlf.eol, '\r\n');
    assert.equal(crlf.bom, 1);
    assert.deepEqual(phases(crlf), phases(lf));
    assert.deepEqual(
      crlf.tasks.map((t) => t.line),
      lf.tasks.map((t) => t.line),
    );
    const mark = crlf.phases[0].mark!;
    const text = '\uFEFF' + base.replace(/\n/g, '\r\n');
    assert.equal(text.slice(mark.phraseRange.start, mark.phraseRange.end), 'In Progress');
  });

  it('keeps a byte-order mark in mid-text as content, as the whole-document parse does', () => {
    same('\n\uFEFF\n-');
    const plan = same('# A\n\n\uFEFF## Phase 1: X\n> quote\n');
    assert.equal(plan.headings.length, 1);
  });

  it('treats a lone carriage return as a line ending', () => {
    const plan = same(base.replace(/\n/g, '\r'));
    assert.deepEqual(phases(plan), ['1|A|in-progress']);
    assert.equal(plan.tasks[0].line, 6);
  });
});

describe('parse: incremental updates', () => {
  it('equals a fresh parse after edits that open and close a fence', () => {
    let text = '## Phase 1: A\n\n**Status:** Pending\n\n## Phase 2: B\n\n**Status:** Pending\n';
    let doc = PlanDocument.parse(text);
    const steps: Array<[number, number, string]> = [
      [text.indexOf('## Phase 2'), 0, '```\n'],
      [text.length + 4, 0, '```\n'],
      [0, 4, ''],
    ];
    for (const [offset, length, insert] of steps) {
      const next = text.slice(0, offset) + insert + text.slice(offset + length);
      doc = doc.update(next, [{ offset, length, text: insert }]);
      text = next;
      assert.deepEqual(JSON.parse(JSON.stringify(doc.plan)), JSON.parse(JSON.stringify(parseWhole(text))));
    }
  });
});

describe('parse: the seed documents', () => {
  const dir = join(__dirname, '..', '..', '..', '..', 'shared', 'seeds');
  it('parses every seed the same way sectioned and whole', function () {
    if (!existsSync(dir)) this.skip();
    const files = readdirSync(dir) as string[];
    assert.ok(files.length >= 5);
    for (const f of files) same(readFileSync(join(dir, f), 'utf8'));
  });
});

describe('parse: a label after a step marker', () => {
  const text = [
    '## Phase 1: Checks',
    '### Steps',
    '1. Lint the sources ✅ DONE',
    '2. Run the browser tests 🔄 **IN PROGRESS**',
    '3. Measure the bundle ✅ PASS',
    '4. Write the notes ✅ (after review)',
    '5. ✅ README',
    '',
  ].join('\n');

  it('is no part of the title, and the status comes from the emoji', () => {
    const plan = same(text);
    assert.deepEqual(
      plan.tasks.map((t) => `${t.title}|${t.status}`),
      [
        'Lint the sources|completed',
        'Run the browser tests|in-progress',
        'Measure the bundle|completed',
        'Write the notes (after review)|completed',
        'README|completed',
      ],
    );
  });

  it('belongs to the status phrase when it is a status word, so an edit rewrites both', () => {
    const plan = same(text);
    const phrase = (i: number): string => text.slice(plan.tasks[i].mark!.phraseRange.start, plan.tasks[i].mark!.phraseRange.end);
    assert.equal(phrase(0), '✅ DONE');
    assert.equal(phrase(1), '🔄', 'a bold label stays as written');
    assert.equal(phrase(2), '✅', '"PASS" is no status word: the emoji alone is the phrase');
  });
});

describe('parse: phase IDs after the word Phase', () => {
  it('reads any capitalised ID with a number, and not a lettered phase name', () => {
    const plan = same(
      [
        '# Data plan',
        '## Phase ING-1: Seed the tables ✅',
        '## Phase DATA-2A - Import the feeds',
        '**Status:** In progress',
        '## Phase WS-B: Known prefix without a number',
        '## PH-3: Known prefix alone',
        '**Current Phase:** Phase DATA-2A',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      plan.phases.map((p) => `${p.id}|${p.title}|${p.status}`),
      [
        'ING-1|Seed the tables|completed',
        'DATA-2A|Import the feeds|in-progress',
        'WS-B|Known prefix without a number|pending',
        'PH-3|Known prefix alone|pending',
      ],
    );
    assert.deepEqual(parseCurrentPhase('Phase DATA-2A (feeds)'), { id: 'DATA-2A' });
    assert.deepEqual(parseCurrentPhase('PH-3'), { id: 'PH-3' });
    assert.deepEqual(parseCurrentPhase('Phase 4 of 6'), { number: '4', total: '6' });
  });
});

describe('parse: every phase word alike', () => {
  it('ties overview rows named with any phase word to their headings', () => {
    const plan = same(
      [
        '# Sketchbook',
        '',
        '| Phase | Status |',
        '|---|---|',
        '| Iteration 1 | Done |',
        '| Stage 2 | In progress |',
        '',
        '## Iteration 1: Sketch',
        '',
        '## Stage 2: Polish',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      plan.phases.map((p) => `${p.title}|${p.status}`),
      ['Sketch|completed', 'Polish|in-progress'],
    );
  });
});

describe('parse: a marker after a checkbox task', () => {
  it('is no part of the title; the box stays the status', () => {
    const text = ['# Chores', '', '- [x] Sweep the hall ✅', '- [ ] Dust the shelves ✅ DONE', '- [x] ✅ Water', '- [x] Oil the hinges (✅ twice)', ''].join(
      '\n',
    );
    const plan = same(text);
    assert.deepEqual(
      plan.tasks.map((t) => `${t.title}|${t.status}|${t.echoMark ? text.slice(t.echoMark.phraseRange.start, t.echoMark.phraseRange.end) : '-'}`),
      ['Sweep the hall|completed|✅', 'Dust the shelves|pending|✅ DONE', '✅ Water|completed|-', 'Oil the hinges (✅ twice)|completed|-'],
    );
  });
});

describe('parse: epics', () => {
  it('are phases, named as written, with their status read like any phase', () => {
    const plan = same(
      [
        '# Roadmap',
        '',
        '### Epic 1: Analysis ✅ **COMPLETE**',
        '',
        '## Epic 2: Services',
        '',
        '- [x] Install the proxy',
        '- [ ] Install the database',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      plan.phases.map((p) => `${p.keyword}|${p.number}|${p.title}|${p.status}`),
      ['Epic|1|Analysis|completed', 'Epic|2|Services|in-progress'],
    );
  });
});
