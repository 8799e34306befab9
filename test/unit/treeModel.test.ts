// The Plans view's model in plain Node: nodes and their ids, nesting, the filter, the phase at
// an offset, and what each node shows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { currentPhaseIndex, parsePlan, type Plan, phaseKey } from '../../src/core';
import { STATUS_ICONS } from '../../src/host/icons';
import {
  buildTree,
  fixView,
  isShown,
  phaseNodeAt,
  phaseView,
  planView,
  sameNode,
  taskView,
  visibleChildren,
  type Node,
  type PlanNode,
  type PlanTree,
} from '../../src/host/tree/model';

const ROOT = resolve(__dirname, '../../..');
const sample = (name: string): string => readFileSync(join(ROOT, 'samples', name), 'utf8');

const uri = { path: '/work/plans/plan.md', toString: () => 'file:///work/plans/plan.md' };

function treeOf(text: string, version: number | undefined = 1): PlanTree {
  const root: PlanNode = { type: 'plan', id: uri.toString(), uri };
  return buildTree(root, parsePlan(text), version);
}

function labels(tree: PlanTree, node: Node): string[] {
  return (tree.children.get(node) ?? []).map((c) =>
    c.type === 'phase' ? phaseView(tree, c.index, undefined).label : c.type === 'task' ? taskView(tree, c).label : fixView(tree.plan, c.index).label,
  );
}

const NESTED = [
  '# Plan: Nesting',
  '',
  '## Phase 1: Outer',
  '',
  '**Status:** In Progress',
  '',
  '### Phase 1.1: Inner',
  '',
  '**Status:** Pending',
  '',
  '- [ ] Step one',
  '  - [ ] Sub step',
  '- [x] Step two',
  '',
  '## Phase 2: Again',
  '',
  '**Status:** Completed',
  '',
  '## Phase 2: Again',
  '',
  '**Status:** Pending',
  '',
].join('\n');

describe('Plans view model', () => {
  it('nests phases under their parent phase and tasks under their parent task, in document order', () => {
    const tree = treeOf(NESTED);
    assert.deepEqual(labels(tree, tree.root), ['Phase 1: Outer', 'Phase 2: Again', 'Phase 2: Again']);
    const outer = tree.phases[0];
    assert.deepEqual(labels(tree, outer), ['Phase 1.1: Inner']);
    assert.deepEqual(labels(tree, tree.phases[1]), ['Step one', 'Step two']);
    const stepOne = tree.tasks.find((t) => tree.plan.tasks[t.index].title === 'Step one')!;
    assert.deepEqual(labels(tree, stepOne), ['Sub step']);
    assert.equal(tree.phases[1].parent, outer);
  });

  it('gives nodes ids of the file and the history key, with ~2 for repeats, and refs of the version', () => {
    const tree = treeOf(NESTED, 7);
    assert.equal(tree.phases[0].id, `${uri}#phase:1`);
    assert.equal(tree.phases[2].id, `${uri}#phase:2`);
    assert.equal(tree.phases[3].id, `${uri}#phase:2~2`);
    assert.equal(tree.tasks[0].id, `${uri}#task:phase:1.1/Step one`);
    assert.equal(new Set([...tree.phases, ...tree.tasks].map((n) => n.id)).size, tree.phases.length + tree.tasks.length);
    assert.deepEqual([tree.phases[1].ref.kind, tree.phases[1].ref.index, tree.phases[1].ref.version], ['phase', 1, 7]);
    assert.equal(phaseKey(tree.plan.phases[1]), 'phase:1.1');
  });

  it('finds a node again by id in a newer tree', () => {
    const old = treeOf(NESTED, 1);
    const edited = treeOf(NESTED.replace('# Plan: Nesting\n', '# Plan: Nesting\n\nAn intro line.\n'), 2);
    const again = sameNode(edited, old.phases[3]);
    assert.equal(again, edited.phases[3]);
    assert.equal(sameNode(edited, old.root), old.root);
    assert.equal(sameNode(treeOf('# Plan\n\n## Phase 1: Only\n'), old.phases[3]), undefined);
  });

  it('lists tracker validation items under their entry', () => {
    const tree = treeOf(sample('task-tracker.md'));
    const entries = tree.children.get(tree.root)!;
    assert.ok(entries.length >= 3 && entries.every((n) => n.type === 'task' && tree.plan.tasks[n.index].kind === 'tracker'));
    const first = entries[0];
    assert.ok((tree.children.get(first) ?? []).length > 0, 'the first entry has its validation items under it');
  });

  it('lists the fix blocks of a log, with a nugget icon where there is one', () => {
    const tree = treeOf(sample('execution-log.md'));
    assert.ok(tree.fixes.length > 0, 'the sample log has fix blocks');
    const views = tree.fixes.map((f) => fixView(tree.plan, f.index));
    assert.ok(views.every((v) => v.contextValue === 'fix' && (v.icon.id === 'tools' || v.icon.id === 'lightbulb')));
    assert.ok(views.every((v) => !/^problem:/i.test(v.label)));
    assert.deepEqual(fixView(tree.plan, 999), { icon: { id: 'tools' }, contextValue: 'fix', expanded: false, label: '(fix)' });
  });

  it('hides completed phases and tasks with the filter, and says which nodes stay shown', () => {
    const tree = treeOf(NESTED);
    assert.deepEqual(
      visibleChildren(tree, tree.root, true).map((n) => n.id),
      [tree.phases[0].id, tree.phases[3].id],
    );
    assert.equal(visibleChildren(tree, tree.root, false).length, 3);
    const inner = tree.phases[1];
    assert.deepEqual(
      visibleChildren(tree, inner, true).map((n) => tree.plan.tasks[n.index].title),
      ['Step one'],
    );
    assert.equal(isShown(tree.plan, tree.phases[2], true), false);
    assert.equal(isShown(tree.plan, tree.phases[2], false), true);
    assert.equal(isShown(tree.plan, tree.tasks[0], true), true);
  });

  it('finds the innermost phase at an offset, and the last phase at the end of the document', () => {
    const tree = treeOf(NESTED);
    const at = (needle: string): string | undefined => phaseNodeAt(tree, NESTED.indexOf(needle))?.id;
    assert.equal(at('**Status:** In Progress'), tree.phases[0].id);
    assert.equal(at('- [ ] Sub step'), tree.phases[1].id);
    assert.equal(at('# Plan: Nesting'), undefined);
    assert.equal(phaseNodeAt(tree, NESTED.length)?.id, tree.phases[3].id, 'the cursor after the last character');
  });
});

describe('what Plans view nodes show', () => {
  const text = sample('execution-plan.md');
  const tree = treeOf(text);
  const plan: Plan = tree.plan;

  it('shows a plan with its title, path, phases completed and kind icon', () => {
    const view = planView(tree, 'plans/plan.md');
    const done = plan.phases.filter((p) => p.status === 'completed').length;
    assert.equal(view.label, plan.title);
    assert.equal(view.description, `plans/plan.md · ${done}/${plan.phases.length}`);
    assert.equal(view.contextValue, 'plan.plan');
    assert.equal(view.icon.id, 'list-ordered');
    assert.equal(view.expanded, true);
    assert.equal(view.line, plan.titleLine);
    assert.match(view.tooltip!.plain(), /Execution plan · plans\/plan\.md/);
    assert.match(view.tooltip!.plain(), /Current phase: Phase 3/);
  });

  it('names a plan without a title by its file', () => {
    assert.equal(planView(treeOf('Some notes.\n\n- [ ] One\n'), 'plan.md').label, 'plan.md');
  });

  it('offers in a phase node only the status changes its file can write', () => {
    const boxes = treeOf('# Plan\n\n## Phase 1: Build\n\n- [x] One\n- [ ] Two\n');
    assert.equal(phaseView(boxes, 0, undefined).contextValue, 'phase.in-progress.m-complete.i-complete', 'checkboxes only: no Fail');
    const field = treeOf('# Plan\n\n## Phase 1: Build\n\n**Status:** In Progress\n\n- [x] One\n- [ ] Two\n');
    assert.equal(phaseView(field, 0, undefined).contextValue, 'phase.in-progress.m-complete.m-fail.i-complete');
  });

  it('shows a phase with its status icon, context value, counts and whether it is current', () => {
    const current = currentPhaseIndex(plan)!;
    for (const [i, p] of plan.phases.entries()) {
      const view = phaseView(tree, i, undefined);
      assert.deepEqual(view.icon, STATUS_ICONS[p.status]);
      assert.ok(view.contextValue.startsWith(`phase.${p.status}.`), view.contextValue);
      assert.equal(view.line, p.line);
      assert.equal(view.expanded, i === current);
      assert.equal(view.description!.startsWith('current'), i === current);
    }
    assert.equal(STATUS_ICONS['in-progress'].id, 'play-circle');
  });

  it('shows the time in progress of a phase in progress, and says it grows', () => {
    const current = currentPhaseIndex(plan)!;
    assert.equal(plan.phases[current].status, 'in-progress');
    const view = phaseView(tree, current, 2 * 3_600_000);
    assert.match(view.description!, /2 h 0 min in progress/);
    assert.equal(view.showsDuration, true);
    assert.match(view.tooltip!.plain(), /In progress for 2 h 0 min so far/);
    assert.equal(phaseView(tree, 0, 2 * 3_600_000).showsDuration, false, 'a completed phase does not grow');
  });

  it('shows a paused timer, and the estimate against the actual time, marking a phase past 1.5 times it', () => {
    const timed = treeOf('# Plan\n\n## Phase 1: Parser\n**Status:** In Progress\n**Estimated Duration:** 2 hours\n');
    const paused = phaseView(timed, 0, 3_600_000, true);
    assert.match(paused.description!, /1 h 0 min in progress, paused/);
    assert.match(paused.tooltip!.plain(), /timer paused/);
    assert.match(paused.tooltip!.plain(), /Estimate: 2 h 0 min · actual 1 h 0 min/);
    assert.doesNotMatch(paused.description!, /over/);
    const over = phaseView(timed, 0, 3.5 * 3_600_000);
    assert.match(over.description!, /over 1\.5× estimate/);
    assert.match(over.tooltip!.plain(), /over 1\.5× the estimate/);
  });

  it('keeps plan text as text in tooltips', () => {
    const hostile = treeOf('# Plan\n\n## Phase 1: <img src=x> [link](command:evil)\n\n**Status:** Pending\n');
    const segments = phaseView(hostile, 0, undefined).tooltip!.segments;
    assert.ok(
      segments.some((s) => 'text' in s && s.text.includes('<img src=x>')),
      'the title is a text segment',
    );
    assert.ok(
      segments.every((s) => !('markdown' in s) || !s.markdown.includes('<img')),
      'no plan text as Markdown',
    );
  });

  it('shows a task with its status and subtasks done', () => {
    const nested = treeOf(NESTED);
    const stepOne = nested.tasks.find((t) => nested.plan.tasks[t.index].title === 'Step one')!;
    const view = taskView(nested, stepOne);
    assert.equal(view.label, 'Step one');
    assert.equal(view.description, '0/1');
    // The file writes no `[-]`: the task can be completed, not started.
    assert.equal(view.contextValue, 'task.pending.m-complete.i-complete');
    const started = treeOf(NESTED.replace('- [ ] Sub step', '- [-] Sub step'));
    const one = started.tasks.find((t) => started.plan.tasks[t.index].title === 'Step one')!;
    assert.equal(taskView(started, one).contextValue, 'task.pending.m-start.m-complete.i-start.i-complete', 'where the file has a [-] box');
    assert.equal(view.expanded, false);
    assert.match(view.tooltip!.plain(), /Phase: Phase 1\.1: Inner/);
  });
});
