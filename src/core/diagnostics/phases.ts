/** Rules about a phase's own status: against its overview row, its open items, the other phases. */
import type { KnownStatus, Phase, Plan, Task } from '../model';
import { currentPhaseTarget, governingCurrentField, markEdit, setTaskStatus } from '../edits';
import { STATUS_NAMES, phaseLabel } from '../labels';
import { type Diagnostic, type Fix, diagnostic } from './codes';
import { groupBy, phaseFix } from './common';

function known(s: string): s is KnownStatus {
  return s !== 'unknown';
}

/** `overview-mismatch`: the overview table gives a phase another status than its own section. */
export function overviewMismatch(text: string, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const phase of plan.phases) {
    if (!phase.overviewRow || !phase.mark || !known(phase.status)) continue;
    const row = plan.overviews[phase.overviewRow.table].rows[phase.overviewRow.row];
    if (row.status === phase.status || !row.mark) continue;
    const edit = markEdit(text, plan, row.mark, phase.status);
    out.push(
      diagnostic('overview-mismatch', {
        message: `${phaseLabel(phase)} is ${STATUS_NAMES[phase.status]} in its section (line ${phase.line + 1}) but "${row.mark.text}" in the overview table.`,
        range: row.mark.range,
        line: row.line,
        fixes: edit ? [{ title: `Set the overview row to ${STATUS_NAMES[phase.status]}`, edits: [edit] }] : [],
      }),
    );
  }
  return out;
}

/** `index-mismatch`: a checklist of the phases ticks a phase that is not completed, or leaves open one that is. */
export function indexMismatch(text: string, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const phase of plan.phases) {
    const box = phase.indexMark;
    if (!box || !known(phase.status) || phase.derived) continue;
    const done = phase.status === 'completed';
    if ((box.status === 'completed') === done) continue;
    const edit = markEdit(text, plan, box, done ? 'completed' : 'pending');
    out.push(
      diagnostic('index-mismatch', {
        message: `${phaseLabel(phase)} is ${STATUS_NAMES[phase.status]} (line ${phase.line + 1}) but its item in the list of phases is ${done ? 'open' : 'ticked'}.`,
        range: box.range,
        line: lineOf(plan, box.range.start),
        fixes: edit ? [{ title: done ? 'Tick the item' : 'Clear the item', edits: [edit] }] : [],
      }),
    );
  }
  return out;
}

/** The line of the task whose mark starts at `offset`. */
function lineOf(plan: Plan, offset: number): number {
  return plan.tasks.find((t) => t.mark?.range.start === offset)?.line ?? 0;
}

function isOpen(t: Task): boolean {
  return t.status === 'pending' || t.status === 'in-progress' || t.status === 'blocked';
}

/** `completed-with-open-items`: a phase that says completed while steps or criteria are open. */
export function completedWithOpenItems(text: string, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let i = 0; i < plan.phases.length; i++) {
    const phase = plan.phases[i];
    if (phase.status !== 'completed' || phase.derived) continue;
    const open = phase.tasks.filter((t) => isOpen(plan.tasks[t]));
    if (!open.length) continue;
    const fixes: Fix[] = [];
    try {
      fixes.push({
        title: `Mark the ${open.length} open item${open.length > 1 ? 's' : ''} done`,
        edits: open.flatMap((t) => setTaskStatus(text, plan, t, 'completed')),
      });
    } catch {
      // a task that cannot take the status: offer the other fix only
    }
    const back = phaseFix(text, plan, i, 'in-progress', `Set ${phaseLabel(phase)} back to ${STATUS_NAMES['in-progress']}`);
    if (back) fixes.push(back);
    out.push(
      diagnostic('completed-with-open-items', {
        message: `${phaseLabel(phase)} is completed but ${open.length} of its ${phase.tasks.length} steps or criteria are still open (first: line ${plan.tasks[open[0]].line + 1}).`,
        range: phase.headingRange,
        line: phase.line,
        fixes,
      }),
    );
  }
  return out;
}

/** The line of a phase's status mark: its Status field's, else its heading's. */
function markLine(p: Phase): number {
  const f = p.fields.find((x) => x.valueRange.start === p.mark?.range.start);
  return f ? f.line : p.line;
}

/**
 * `multiple-in-progress`: more than one phase of one plan (same Current Phase line, same
 * parent) in progress. The one Current Phase names is kept, else the last.
 */
export function multipleInProgress(text: string, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  const groups = groupBy(plan.phases.keys(), (i) => {
    const p = plan.phases[i];
    // A phase that follows its checkboxes is in progress whenever some are done: not a conflict.
    if (p.status !== 'in-progress' || p.derived) return undefined;
    return `${governingCurrentField(plan, p)?.range.start ?? -1}:${p.parent ?? -1}`;
  });
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const named = currentPhaseTarget(plan, plan.phases[list[0]]);
    const keep = named && list.includes(plan.phases.indexOf(named)) ? plan.phases.indexOf(named) : list[list.length - 1];
    for (const i of list) {
      if (i === keep) continue;
      const p = plan.phases[i];
      out.push(
        diagnostic('multiple-in-progress', {
          message: `${list.length} phases are in progress (${list.map((k) => phaseLabel(plan.phases[k])).join(', ')}); ${phaseLabel(plan.phases[keep])} is the current one.`,
          range: p.mark?.range ?? p.headingRange,
          line: p.mark ? markLine(p) : p.line,
          fixes: [
            phaseFix(text, plan, i, 'completed', `Mark ${phaseLabel(p)} completed`),
            phaseFix(text, plan, i, 'pending', `Mark ${phaseLabel(p)} pending`),
          ].filter((f): f is Fix => !!f),
        }),
      );
    }
  }
  return out;
}
