import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { fixtureDirs, read, readOp, expectFile, FIXTURES } from '../support/fixtures';
import type { Root, Table } from 'mdast';
import { parsePlan } from '../../src/core/parse/document';
import { parseMarkdown } from '../../src/core/parse/blocks';
import { applyEdits, type TextEdit } from '../../src/core/edits';
import { type TemplateKind, TEMPLATE_KINDS, DOCUMENT_TEMPLATES, insertTemplate, newDocument } from '../../src/core/templates';

const NOW = new Date(2026, 2, 14, 9, 30); // local time, 2026-03-14

const lf = (...ls: string[]): string => ls.join('\n');
const crlf = (...ls: string[]): string => ls.join('\r\n');

function run(text: string, kind: TemplateKind, options: { title?: string; offset?: number } = {}): { edits: TextEdit[]; out: string } {
  const edits = insertTemplate(text, parsePlan(text), kind, { now: NOW, ...options });
  return { edits, out: applyEdits(text, edits) };
}

/** Every line break is CRLF. */
function allCrlf(s: string): boolean {
  return !/(^|[^\r])\n/.test(s) && !/\r(?!\n)/.test(s);
}

// The body of a new phase as the templates write it (field style and words vary).
function phaseBody(h: string, style: 'inside' | 'outside', status: string, steps = 'Steps'): string[] {
  const f = (k: string, v?: string): string => (style === 'inside' ? `**${k}:**${v ? ` ${v}` : ''}` : `**${k}**:${v ? ` ${v}` : ''}`);
  return [
    h,
    '',
    f('Status', status),
    '',
    f('Goal', 'Say in one sentence what this phase delivers.'),
    '',
    f(steps),
    '',
    '1. Write down the first concrete step.',
    '',
    f('Tests'),
    '',
    '- Name the checks that prove this phase works.',
    '',
    f('Checkpoint', 'How to tell the phase is done before the next one starts.'),
    '',
    f('Estimated Complexity', 'Medium'),
  ];
}

const FIX_BODY = (h: string): string[] => [
  h,
  '',
  '- **Root Cause:** Why it happened, one level below the symptom.',
  '- **Solution:** What was changed, with the snippet that shows it.',
  '  ```',
  '  ```',
  '- **💡 Gold Nugget:** The rule worth keeping for next time.',
];

describe('templates', () => {
  describe('next-phase', () => {
    const dir = fixtureDirs('templates').find((d) => basename(d) === 'next-phase-six')!;
    const input = read(join(dir, 'input.md'));
    const op = readOp<{ template: TemplateKind; title: string }>(dir);

    it('adds phase 7 after the last phase, a padded overview row and `of 7` (fixture folder)', () => {
      const { edits, out } = run(input, op.template, { title: op.title });
      expectFile(dir, 'expected.md', out);
      assert.equal(edits.length, 3);
      // The only replacement is the total of the Current Phase field.
      const replaced = edits.filter((e) => e.length > 0);
      assert.deepEqual(replaced, [{ offset: input.indexOf('of 6') + 3, length: 1, text: '7', expected: '6' }]);
      const row = edits.find((e) => e.text.includes('| 7 '))!;
      assert.equal(row.text, '\n| 7     | Usage analytics   | Pending     |          |');
      assert.equal(row.offset, input.indexOf('| 1 hour   |', input.indexOf('| 6 ')) + '| 1 hour   |'.length);
      const phase = edits.find((e) => e.text.includes('## Phase 7'))!;
      assert.equal(phase.offset, input.indexOf('## Rollback'));
      assert.equal(phase.text, lf(...phaseBody('## Phase 7: Usage analytics', 'inside', 'Pending ⏸️', 'Implementation Steps'), '', '---', '', ''));
    });

    it('re-parses with one more pending phase tied to the new overview row', () => {
      const before = parsePlan(input);
      const after = parsePlan(run(input, 'next-phase', { title: 'Usage analytics' }).out);
      assert.equal(after.phases.length, before.phases.length + 1);
      const p = after.phases[after.phases.length - 1];
      assert.equal(p.number, '7');
      assert.equal(p.title, 'Usage analytics');
      assert.equal(p.status, 'pending');
      assert.equal(p.mark?.source, 'field');
      assert.equal(p.tasks.length, 1);
      assert.ok(p.overviewRow);
      const row = after.overviews[p.overviewRow.table].rows[p.overviewRow.row];
      assert.equal(row.status, 'pending');
      assert.equal(row.cells[1].text, 'Usage analytics');
      assert.equal(after.overviews[0].rows.length, 7);
      assert.equal(after.fields[after.currentPhaseFields[0]].value, 'Phase 3 of 7');
    });

    it('writes CRLF into a CRLF document and nothing else changes', () => {
      const text = input.replace(/\n/g, '\r\n');
      const { out } = run(text, op.template, { title: op.title });
      assert.equal(out, read(join(dir, 'expected.md')).replace(/\n/g, '\r\n'));
      assert.ok(allCrlf(out));
      assert.equal(parsePlan(out).phases.length, 7);
    });

    it('copies `**Status**:` style and COMPLETE words; no table, no separators (CRLF)', () => {
      const text = crlf(
        '# Data Migration Plan',
        '',
        '## Phase 1: Export records',
        '',
        '**Status**: COMPLETE',
        '',
        '**Goal**: Dump every table to flat files.',
        '',
        '## Phase 2: Transform',
        '',
        '**Status**: IN_PROGRESS',
        '',
        '**Steps**:',
        '1. Map old columns to new ones',
        '',
        '## Notes',
        '',
        'Keep the dumps for a month.',
        '',
      );
      const { edits, out } = run(text, 'next-phase', { title: 'Cut over' });
      assert.equal(edits.length, 1);
      const at = text.indexOf('## Notes');
      assert.equal(out, text.slice(0, at) + crlf(...phaseBody('## Phase 3: Cut over', 'outside', 'NOT_STARTED'), '', '') + text.slice(at));
      assert.ok(allCrlf(out));
      const p = parsePlan(out).phases[2];
      assert.equal(p.status, 'pending');
      assert.equal(p.mark?.text, 'NOT_STARTED');
    });

    it('appends a row to an unaligned table in its words (COMPLETE -> NOT_STARTED)', () => {
      const text = lf(
        '# Release Plan',
        '',
        '## Overview',
        '',
        '| Phase | Name | Status |',
        '|---|---|---|',
        '| 1 | Freeze | COMPLETE |',
        '| 2 | Tag | COMPLETE |',
        '',
        '## Phase 1: Freeze',
        '',
        '**Status**: COMPLETE',
        '',
        '## Phase 2: Tag',
        '',
        '**Status**: COMPLETE',
        '',
      );
      const { out } = run(text, 'next-phase', { title: 'Publish' });
      const rowAt = text.indexOf('| 2 | Tag | COMPLETE |') + '| 2 | Tag | COMPLETE |'.length;
      assert.equal(
        out,
        text.slice(0, rowAt) +
          '\n| 3 | Publish | NOT_STARTED |' +
          text.slice(rowAt) +
          lf('', ...phaseBody('## Phase 3: Publish', 'outside', 'NOT_STARTED'), ''),
      );
      const plan = parsePlan(out);
      assert.equal(plan.phases[2].status, 'pending');
      assert.equal(plan.overviews[0].rows[2].phase, 2);
      assert.equal(plan.overviews[0].rows[2].status, 'pending');
    });

    it('keeps the `***` rhythm when separators sit between phases only', () => {
      const text = lf('# Plan', '', '## Phase 1: Sketch', '', '**Status:** Done', '', '***', '', '## Phase 2: Build', '', '**Status:** Done', '');
      const { out } = run(text, 'next-phase', { title: 'Ship' });
      assert.equal(out, text + lf('', '***', '', ...phaseBody('## Phase 3: Ship', 'inside', 'To Do'), ''));
      assert.equal(parsePlan(out).phases[2].status, 'pending');
    });

    it('numbers after the highest numeric phase (2.1 counts as 2, IDs ignored), after the sub-phases', () => {
      const text = lf(
        '# Plan',
        '',
        '## Phase 1: Base',
        '',
        '**Status:** Completed',
        '',
        '## Phase 2: Extend',
        '',
        '**Status:** In Progress',
        '',
        '### Phase 2.1: First half',
        '',
        '**Status:** Completed',
        '',
        '### PH-EXTRA-1: Side quest',
        '',
        '**Status:** Pending',
        '',
        '## Appendix',
        '',
        'Text.',
        '',
      );
      const { out } = run(text, 'next-phase', { title: 'Finish' });
      const at = text.indexOf('## Appendix');
      assert.equal(out, text.slice(0, at) + lf(...phaseBody('## Phase 3: Finish', 'inside', 'Pending'), '', '') + text.slice(at));
      const plan = parsePlan(out);
      const p = plan.phases.find((x) => x.number === '3')!;
      assert.equal(p.depth, 2);
      assert.equal(p.parent, undefined);
    });

    it('starts at Phase 1, depth 2, at the end of a document without phases or final newline', () => {
      const text = '# Scratch notes\n\nNothing planned yet.';
      const { out } = run(text, 'next-phase');
      assert.equal(out, text + lf('', '', ...phaseBody('## Phase 1: New phase', 'inside', 'Pending'), ''));
      const plan = parsePlan(out);
      assert.equal(plan.phases.length, 1);
      assert.equal(plan.phases[0].status, 'pending');
    });
  });

  describe('fix-block', () => {
    const log = lf(
      '# Execution Log: Payment Retries',
      '',
      '## Fixes',
      '',
      '### 1. Webhook handling',
      '',
      '#### Problem: Deliveries arrived twice',
      '',
      '- **Root Cause:** The handler acknowledged only after slow work.',
      '- **Solution:** Acknowledge first, then queue the work.',
      '- **💡 Gold Nugget:** Reply to webhooks fast; do the work later.',
      '',
      '-----',
      '',
      '## Updates',
      '',
      '### 2026-03-01 Update: First pass',
      '',
      '- **Progress:** Retries work for card payments.',
      '',
    );
    const rule = log.indexOf('-----');

    it('goes after the cursor section, before its closing rule, one level below its heading', () => {
      const { out } = run(log, 'fix-block', { title: 'Refunds stuck in pending', offset: log.indexOf('Webhook handling') });
      assert.equal(out, log.slice(0, rule) + lf(...FIX_BODY('#### Problem: Refunds stuck in pending'), '', '') + log.slice(rule));
      const plan = parsePlan(out);
      assert.equal(plan.fixes.length, 2);
      const fix = plan.fixes[1];
      assert.equal(fix.title, 'Refunds stuck in pending');
      assert.ok(fix.rootCause && fix.solution && fix.nugget);
      assert.equal(plan.nuggets.length, 2);
    });

    it('inside a Problem section, adds a sibling of the same level', () => {
      const a = run(log, 'fix-block', { title: 'Refunds stuck in pending', offset: log.indexOf('Acknowledge first') }).out;
      const b = run(log, 'fix-block', { title: 'Refunds stuck in pending', offset: log.indexOf('Webhook handling') }).out;
      assert.equal(a, b);
    });

    it('without a cursor, goes at the end of the document at level 4', () => {
      const { out } = run(log, 'fix-block', { title: 'Timeouts on retry' });
      assert.equal(out, log + lf('', ...FIX_BODY('#### Problem: Timeouts on retry'), ''));
    });

    it('writes CRLF in a CRLF log', () => {
      const text = log.replace(/\n/g, '\r\n');
      const { out } = run(text, 'fix-block', { title: 'Refunds stuck in pending', offset: text.indexOf('Webhook handling') });
      const r = text.indexOf('-----');
      assert.equal(out, text.slice(0, r) + crlf(...FIX_BODY('#### Problem: Refunds stuck in pending'), '', '') + text.slice(r));
      assert.ok(allCrlf(out));
    });

    it('dated-update: dated heading with the five bullets, at the end of the cursor section', () => {
      const { out } = run(log, 'dated-update', { title: 'Refunds fixed', offset: log.indexOf('## Updates') + 3 });
      assert.equal(
        out,
        log +
          lf(
            '',
            '### 2026-03-14 Update: Refunds fixed',
            '',
            '- **Progress:** What moved forward since the last entry.',
            '- **Key Breakthrough:** The finding that unblocked the work, if there was one.',
            '- **Setbacks:** What broke or went backwards along the way.',
            '- **Remaining Issues:** What is still open after this session.',
            '- **Updated Metrics:** The numbers now, next to where they started.',
            '',
          ),
      );
      assert.ok(parsePlan(out).headings.some((h) => h.depth === 3 && h.text === '2026-03-14 Update: Refunds fixed'));
    });

    it('dated-update in the middle of a document keeps one blank line on each side', () => {
      const { out } = run(log, 'dated-update', { title: 'Notes', offset: log.indexOf('Reply to webhooks') });
      assert.ok(out.includes('later.\n\n### 2026-03-14 Update: Notes\n\n- **Progress:**'));
      assert.ok(out.includes('started.\n\n-----\n\n## Updates'));
      assert.ok(!out.includes('\n\n\n'));
    });
  });

  describe('metrics-table', () => {
    it('inserts a GFM table that parses as a table with a header and two rows', () => {
      const text = lf('# Execution Log: Cache', '', '## Results', '', 'Numbers after the change.', '', '## Next', '', 'Later.', '');
      const { out } = run(text, 'metrics-table', { offset: text.indexOf('Numbers') });
      const at = text.indexOf('## Next');
      assert.equal(
        out,
        text.slice(0, at) +
          lf(
            '| Metric         | Target     | Result         | Status  |',
            '| -------------- | ---------- | -------------- | ------- |',
            '| First measure  | Goal value | Measured value | Pending |',
            '| Second measure | Goal value | Measured value | Pending |',
            '',
            '',
          ) +
          text.slice(at),
      );
      const root: Root = parseMarkdown(out);
      const tables = root.children.filter((n): n is Table => n.type === 'table');
      assert.equal(tables.length, 1);
      assert.equal(tables[0].children.length, 3);
      assert.deepEqual(
        tables[0].children[0].children.map((c) => (c.children[0] as { value: string }).value),
        ['Metric', 'Target', 'Result', 'Status'],
      );
      // A metrics table is not a phase overview.
      assert.equal(parsePlan(out).overviews.length, 0);
    });
  });

  describe('acceptance-criterion', () => {
    const plan = lf(
      '# Plan: Search',
      '',
      '## Phase 1: Index',
      '',
      '**Status:** Pending',
      '',
      '**Acceptance Criteria:**',
      '- [ ] Index builds in under a minute',
      '',
      '## Acceptance Criteria',
      '',
      'Shared by every phase:',
      '',
      '- [ ] Results appear while typing',
      '- [x] Empty queries show recent items',
      '',
      '## Notes',
      '',
      'None yet.',
      '',
    );

    it('appends to the list of the nearest matching heading before the cursor', () => {
      const { edits, out } = run(plan, 'acceptance-criterion', { title: 'Typos still find the right note', offset: plan.indexOf('None yet') });
      const at = plan.indexOf('- [x] Empty queries show recent items') + '- [x] Empty queries show recent items'.length;
      assert.deepEqual(edits, [{ offset: at, length: 0, text: '\n- [ ] Typos still find the right note', expected: '' }]);
      const tasks = parsePlan(out).tasks.filter((t) => t.criterion);
      assert.equal(tasks.length, 4);
      assert.equal(tasks[3].title, 'Typos still find the right note');
      assert.equal(tasks[3].status, 'pending');
    });

    it('uses a label list (`**Acceptance Criteria:**`) near the cursor, else the first', () => {
      const at = plan.indexOf('under a minute') + 'under a minute'.length;
      const inPhase = run(plan, 'acceptance-criterion', { title: 'Index size stays small', offset: plan.indexOf('**Status:**') });
      assert.equal(inPhase.out, plan.slice(0, at) + '\n- [ ] Index size stays small' + plan.slice(at));
      const noCursor = run(plan, 'acceptance-criterion', { title: 'Index size stays small' });
      assert.equal(noCursor.out, inPhase.out);
      const p = parsePlan(inPhase.out);
      assert.deepEqual(
        p.phases[0].tasks.map((i) => p.tasks[i].title),
        ['Index builds in under a minute', 'Index size stays small'],
      );
    });

    it('follows the list marker and looseness of the list', () => {
      const text = lf('# Plan', '', '## Success criteria', '', '* [ ] Fast', '', '* [ ] Quiet', '');
      const { out } = run(text, 'acceptance-criterion', { title: 'Cheap' });
      assert.equal(out, lf('# Plan', '', '## Success criteria', '', '* [ ] Fast', '', '* [ ] Quiet', '', '* [ ] Cheap', ''));
    });

    it('does not take a phase heading that mentions acceptance for a criteria section', () => {
      const text = lf('# Plan', '', '## Phase 1: Acceptance testing', '', '**Steps:**', '', '1. Run the scripted walkthrough', '');
      const { out } = run(text, 'acceptance-criterion', { title: 'Walkthrough passes', offset: text.indexOf('Run the') });
      assert.equal(out, text + lf('', '## Acceptance Criteria', '', '- [ ] Walkthrough passes', ''));
    });

    it('adds an Acceptance Criteria section when there is none', () => {
      const text = crlf('# Plan: Search', '', '## Phase 1: Index', '', '**Status:** Pending', '');
      const { out } = run(text, 'acceptance-criterion', { title: 'Works offline' });
      assert.equal(out, text + crlf('', '## Acceptance Criteria', '', '- [ ] Works offline', ''));
      assert.ok(parsePlan(out).tasks.some((t) => t.criterion && t.title === 'Works offline'));
    });
  });

  describe('lesson', () => {
    const text = lf(
      '# Execution Plan: Search',
      '',
      '## Lessons Learned',
      '',
      'Short notes, newest last.',
      '',
      '1. 2026-02-10: Stemming hides typos; test both.',
      '2. 2026-02-12: Keep the index rebuild idempotent.',
      '',
      '## Appendix',
      '',
    );
    const last = text.indexOf('idempotent.') + 'idempotent.'.length;

    it('continues the numbering of the lessons list with a dated item', () => {
      const { out } = run(text, 'lesson', { title: 'Measure before tuning the ranker' });
      assert.equal(out, text.slice(0, last) + '\n3. 2026-03-14: Measure before tuning the ranker' + text.slice(last));
      const md = parseMarkdown(out);
      const list = md.children.find((n) => n.type === 'list');
      assert.equal(list?.type === 'list' && list.children.length, 3);
    });

    it('continues the numbering in a CRLF document', () => {
      const t = text.replace(/\n/g, '\r\n');
      const at = t.indexOf('idempotent.') + 'idempotent.'.length;
      const { out } = run(t, 'lesson', { title: 'Cache warm-up matters' });
      assert.equal(out, t.slice(0, at) + '\r\n3. 2026-03-14: Cache warm-up matters' + t.slice(at));
    });

    it('adds a Lessons section when there is none', () => {
      const t = lf('# Execution Plan: Search', '', '## Phase 1: Index', '', '**Status:** Pending', '');
      const { out } = run(t, 'lesson', { title: 'Small phases finish' });
      assert.equal(out, t + lf('', '## Lessons', '', '1. 2026-03-14: Small phases finish', ''));
    });
  });

  describe('layout rules', () => {
    const docs: Record<string, string> = {
      six: read(join(FIXTURES, 'templates', 'next-phase-six', 'input.md')),
      bare: '# Notes\n\nJust text.\n',
      empty: '',
    };
    for (const [name, doc] of Object.entries(docs)) {
      for (const eol of ['\n', '\r\n']) {
        if (!doc && eol !== '\n') continue; // an empty text has no line ending to follow
        const text = doc.replace(/\n/g, eol);
        for (const kind of TEMPLATE_KINDS) {
          it(`${kind} on ${name} (${eol === '\n' ? 'LF' : 'CRLF'}): one blank line around, document line endings, bytes kept`, () => {
            const offsets = text ? [undefined, Math.floor(text.length / 2), text.length] : [undefined];
            for (const offset of offsets) {
              const edits = insertTemplate(text, parsePlan(text), kind, { now: NOW, offset });
              const out = applyEdits(text, edits);
              const blank3 = eol + eol + eol;
              assert.ok(!out.includes(blank3), `no double blank line: ${JSON.stringify(out)}`);
              if (eol === '\r\n') assert.ok(allCrlf(out));
              else assert.ok(!out.includes('\r'));
              // Outside the edits the text is unchanged; the only replacement is a number.
              let o = 0;
              let src = 0;
              for (const e of [...edits].sort((a, b) => a.offset - b.offset)) {
                assert.ok(e.length === 0 ? e.expected === '' : /^\d+$/.test(e.expected) && /^\d+$/.test(e.text));
                assert.equal(out.slice(o, o + e.offset - src), text.slice(src, e.offset));
                o += e.offset - src;
                assert.equal(out.slice(o, o + e.text.length), e.text);
                o += e.text.length;
                src = e.offset + e.length;
              }
              assert.equal(out.slice(o), text.slice(src));
            }
          });
        }
      }
    }
  });

  describe('newDocument', () => {
    const kinds = { plan: 'plan', log: 'log', summary: 'summary', tracker: 'tracker' } as const;
    for (const kind of DOCUMENT_TEMPLATES) {
      it(`${kind} parses back as a ${kinds[kind]} document`, () => {
        const text = newDocument(kind, { now: NOW, title: 'Dark mode' });
        const plan = parsePlan(text);
        assert.equal(plan.kind, kinds[kind]);
        assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'));
        assert.ok(!text.includes('\n\n\n'));
      });
    }

    it('plan: three pending phases tied to the overview, Current Phase 1 of 3, criteria and lessons', () => {
      const text = newDocument('plan', { now: NOW, title: 'Dark mode' });
      assert.ok(
        text.startsWith(
          '# Execution Plan: Dark mode\n\n**Feature:** Dark mode\n\n**Status:** Pending\n\n**Started:** 2026-03-14\n\n**Current Phase:** Phase 1 of 3\n',
        ),
      );
      const plan = parsePlan(text);
      assert.deepEqual(
        plan.phases.map((p) => [p.number, p.status, !!p.overviewRow]),
        [
          ['1', 'pending', true],
          ['2', 'pending', true],
          ['3', 'pending', true],
        ],
      );
      assert.ok(plan.phases.every((p) => p.tasks.length === 2));
      assert.equal(plan.fields[plan.currentPhaseFields[0]].value, 'Phase 1 of 3');
      assert.equal(plan.tasks.filter((t) => t.criterion).length, 3);
      assert.ok(text.includes('## Lessons\n\n1. 2026-03-14: '));
    });

    it('plan: next-phase, acceptance-criterion and lesson work on a new plan', () => {
      let text = newDocument('plan', { now: NOW });
      text = applyEdits(text, insertTemplate(text, parsePlan(text), 'next-phase', { title: 'Rollout' }));
      text = applyEdits(text, insertTemplate(text, parsePlan(text), 'acceptance-criterion', { title: 'Dark mode follows the OS setting' }));
      text = applyEdits(text, insertTemplate(text, parsePlan(text), 'lesson', { title: 'Contrast checks catch real bugs', now: NOW }));
      const plan = parsePlan(text);
      assert.equal(plan.phases.length, 4);
      const p = plan.phases[3];
      assert.equal(p.title, 'Rollout');
      assert.equal(p.status, 'pending');
      assert.ok(p.overviewRow);
      assert.equal(plan.overviews[0].rows[3].cells.map((c) => c.text).join('|'), '4|Rollout|Pending|');
      assert.ok(text.includes('| 4     | Rollout      | Pending |           |\n'));
      assert.equal(plan.fields[plan.currentPhaseFields[0]].value, 'Phase 1 of 4');
      assert.ok(text.includes('**Estimated Complexity:** Medium\n\n---\n\n## Phase 4: Rollout\n'));
      assert.ok(text.includes('## Phase 4: Rollout\n') && text.indexOf('## Phase 4') < text.indexOf('## Acceptance Criteria'));
      assert.equal(plan.tasks.filter((t) => t.criterion).length, 4);
      assert.ok(text.includes('\n2. 2026-03-14: Contrast checks catch real bugs\n'));
      assert.ok(!text.includes('\n\n\n'));
    });

    it('log: one complete fix block, a dated update and a final metrics table', () => {
      const text = newDocument('log', { now: NOW, title: 'Checkout errors' });
      const plan = parsePlan(text);
      assert.equal(plan.title, 'Execution Log: Checkout errors');
      assert.equal(plan.fixes.length, 1);
      assert.ok(plan.fixes[0].rootCause && plan.fixes[0].solution && plan.fixes[0].nugget);
      assert.ok(text.includes('### 2026-03-14 Update: '));
      assert.ok(text.includes('| Metric         | Target     | Result         | Status  |'));
      assert.equal(plan.phases.length, 0);
    });

    it('summary: date, status, metrics table with value/target/status, next-step checklist', () => {
      const text = newDocument('summary', { now: NOW });
      const plan = parsePlan(text);
      assert.ok(text.includes('**Date**: 2026-03-14'));
      assert.ok(plan.fields.some((f) => f.name === 'status' && f.style === 'colon-outside'));
      assert.ok(/\| Metric +\| Value +\| Target +\| Status +\|/.test(text));
      assert.equal(plan.tasks.filter((t) => t.kind === 'checkbox').length, 2);
    });

    it('tracker: three NOT_STARTED entries with priority and effort, and a count table', () => {
      const text = newDocument('tracker', { now: NOW });
      const plan = parsePlan(text);
      const entries = plan.tasks.filter((t) => t.kind === 'tracker');
      assert.deepEqual(
        entries.map((t) => [t.id, t.status, t.mark?.text]),
        [
          ['TASK-001', 'pending', 'NOT_STARTED'],
          ['TASK-002', 'pending', 'NOT_STARTED'],
          ['TASK-003', 'pending', 'NOT_STARTED'],
        ],
      );
      assert.equal((text.match(/\*\*Priority\*\*: /g) ?? []).length, 3);
      assert.equal((text.match(/\*\*Estimated Effort\*\*: /g) ?? []).length, 3);
      assert.equal((text.match(/\*\*Actual Effort\*\*: /g) ?? []).length, 3);
      assert.ok(/\| Total +\| 3 +\| 3 +\| 0 +\| 0 +\|/.test(text));
    });

    it('writes CRLF when asked', () => {
      for (const kind of DOCUMENT_TEMPLATES) {
        const text = newDocument(kind, { now: NOW, eol: '\r\n' });
        assert.ok(allCrlf(text), kind);
        const plan = parsePlan(text);
        assert.equal(plan.eol, '\r\n');
        assert.equal(plan.kind, kind);
        assert.equal(text, newDocument(kind, { now: NOW }).replace(/\n/g, '\r\n'));
      }
    });
  });
});
