// The status bar's words, and tooltips that keep plan text as text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePlan } from '../../src/core';
import { Command } from '../../src/host/ids';
import { RichText } from '../../src/host/richText';
import { statusBarView } from '../../src/host/statusBarModel';

const ROOT = resolve(__dirname, '../../..');

describe('status bar words', () => {
  it('says which phase is current and how far the plan is', () => {
    const plan = parsePlan(readFileSync(join(ROOT, 'samples/execution-plan.md'), 'utf8'));
    const view = statusBarView(plan, 'execution-plan.md')!;
    assert.match(view.text, /^\$\(checklist\) Phase 3\/6 · \d+%$/);
    assert.match(view.accessibility, /^Phasewise: Phase 3 of 6, \d+ percent of phases completed$/);
    assert.equal(view.command, Command.goToCurrentPhase);
    assert.match(view.tooltip.plain(), /Current phase: Phase 3: Conflict merge/);
  });

  it('counts tasks for a task list, and shows nothing for a document without either', () => {
    const view = statusBarView(parsePlan('# Tasks\n\n- [x] One\n- [ ] Two\n'), 'tasks.md')!;
    assert.equal(view.text, '$(checklist) 1/2 tasks done');
    assert.equal(view.command, Command.resume);
    assert.equal(statusBarView(parsePlan('# Notes\n\nJust text.\n'), 'notes.md'), undefined);
  });

  it('says when every phase is done', () => {
    const view = statusBarView(parsePlan('# Plan\n\n## Phase 1: A\n\n**Status:** Completed\n'), 'p.md')!;
    assert.equal(view.text, '$(checklist) 1/1 phases · 100%');
  });
});

describe('rich text', () => {
  it('keeps text and Markdown apart', () => {
    const rich = new RichText().bold('**x**').line('Goal:', '<b>y</b>');
    assert.deepEqual(rich.segments, [{ markdown: '**' }, { text: '**x**' }, { markdown: '**' }, { markdown: '\n\nGoal: ' }, { text: '<b>y</b>' }]);
  });
});
