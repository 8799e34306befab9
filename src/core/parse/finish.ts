/**
 * After the walk: tasks to their phases, overview rows to phases, phase statuses (their own
 * field, else the overview row, else derived from their tasks), fix blocks and nuggets, and the
 * document's kind.
 */
import type { Nugget, Plan, Status } from '../model';
import type { Context } from './context';
import { documentKind } from './kind';
import { detectEol } from './lines';
import { isCountStatus } from '../statusMarks';

export function finish(ctx: Context, text: string, bom: number, lineCount: number): Plan {
  const { phases, tasks, overviews } = ctx;
  // Tasks -> phases (counted first: exact-size arrays)
  const counts = new Uint32Array(phases.length);
  for (const t of tasks) if (t.phase !== undefined) counts[t.phase]++;
  for (let i = 0; i < phases.length; i++) {
    phases[i].tasks = counts[i] ? new Array<number>(counts[i]) : [];
    phases[i].fields = phases[i].fields.slice();
    counts[i] = 0;
  }
  for (let i = 0; i < tasks.length; i++) {
    const p = tasks[i].phase;
    if (p !== undefined) phases[p].tasks[counts[p]++] = i;
  }
  // A checklist that lists the phases (a roadmap's index): each phase's item, kept in step.
  if (ctx.indexItems.size) {
    for (const p of phases) {
      const t = p.number !== undefined ? ctx.indexItems.get(p.number) : undefined;
      if (t !== undefined && tasks[t].mark && p.mark?.source !== 'checkbox') p.indexMark = tasks[t].mark;
    }
  }
  // Phase statuses from their own fields
  for (const [i, mark] of ctx.phaseStatus) {
    const p = phases[i];
    // A Status line that says nothing readable, or only counts the work (`3/3 tasks`), leaves
    // the status the heading shows (`### ✅ Milestone 1 - COMPLETED`).
    if (p.mark && p.mark.status !== 'unknown' && (mark.status === 'unknown' || isCountStatus(mark.text))) continue;
    if (p.mark) p.headingMark = p.mark;
    p.mark = mark;
    p.status = mark.status;
  }
  // Tracker entries repeated as table rows: the row's status cell follows the entry. Set or
  // cleared on every build, since an unchanged entry's task object is reused.
  for (const t of tasks) {
    if (t.kind !== 'tracker' || !t.id) continue;
    const row = ctx.rowMarks.get(t.id);
    if (row) t.rowMark = row;
    else if (t.rowMark) delete t.rowMark;
  }
  // Tie rows to phases: prefer phases after the table and before the next overview table.
  if (overviews.length) {
    const byKey = new Map<string, number[]>();
    phases.forEach((p, i) => {
      for (const k of [p.number, p.id]) {
        if (k === undefined) continue;
        const list = byKey.get(k);
        if (list) list.push(i);
        else byKey.set(k, [i]);
      }
    });
    for (let ti = 0; ti < overviews.length; ti++) {
      const ov = overviews[ti];
      const from = ov.range.end;
      const to = ti + 1 < overviews.length ? overviews[ti + 1].range.start : text.length;
      for (let ri = 0; ri < ov.rows.length; ri++) {
        const row = ov.rows[ri];
        const candidates = byKey.get(row.key) ?? [];
        let pi = candidates.find((i) => phases[i].headingRange.start >= from && phases[i].headingRange.start < to) ?? -1;
        if (pi < 0) pi = candidates.find((i) => phases[i].overviewRow === undefined) ?? -1;
        // A reused table (build.ts) still carries the ties of the model it was made for.
        if (pi < 0) delete row.phase;
        else {
          row.phase = pi;
          if (phases[pi].overviewRow === undefined) phases[pi].overviewRow = { table: ti, row: ri };
        }
      }
    }
  }
  // Phases without their own status: the overview row, else derived from their tasks.
  for (const p of phases) {
    if (p.mark) continue;
    if (p.overviewRow) {
      p.status = overviews[p.overviewRow.table].rows[p.overviewRow.row].status;
      continue;
    }
    p.derived = true;
    p.status = deriveStatus(p.tasks.map((i) => tasks[i].status));
  }
  // Fix blocks and nuggets
  const nuggets: Nugget[] = [];
  const logFields = ctx.logFields;
  for (const f of logFields) {
    if (f.name === 'gold nugget' || f.name.endsWith(' gold nugget')) nuggets.push({ text: f.value, range: f.range, line: f.line });
  }
  for (const fix of ctx.fixes) {
    // logFields are in document order: start at the first one inside the fix block.
    let lo = 0;
    let hi = logFields.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (logFields[mid].range.start < fix.range.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < logFields.length && logFields[i].range.start < fix.range.end; i++) {
      const f = logFields[i];
      if (f.name === 'root cause' && !fix.rootCause) fix.rootCause = f;
      else if (f.name === 'solution' && !fix.solution) fix.solution = f;
      else if ((f.name === 'gold nugget' || f.name.endsWith(' gold nugget')) && !fix.nugget) fix.nugget = f;
    }
  }
  const currentPhaseFields: number[] = [];
  ctx.fields.forEach((f, i) => {
    if (f.name === 'current phase') currentPhaseFields.push(i);
  });
  const titleHeading = ctx.headings.find((h) => h.depth === 1) ?? ctx.headings[0];
  const plan: Plan = {
    kind: 'unknown',
    title: titleHeading ? titleHeading.text : undefined,
    titleLine: titleHeading?.line,
    fields: ctx.fields,
    headings: ctx.headings,
    phases,
    tasks,
    overviews,
    fixes: ctx.fixes,
    nuggets,
    currentPhaseFields,
    eol: detectEol(text),
    bom,
    length: text.length,
    lineCount,
  };
  plan.kind = documentKind(plan);
  return plan;
}

function deriveStatus(statuses: Status[]): Status {
  if (!statuses.length) return 'pending';
  if (statuses.every((s) => s === 'completed')) return 'completed';
  if (statuses.some((s) => s === 'failed')) return 'failed';
  if (statuses.some((s) => s === 'completed' || s === 'in-progress')) return 'in-progress';
  if (statuses.every((s) => s === 'blocked')) return 'blocked';
  return 'pending';
}
