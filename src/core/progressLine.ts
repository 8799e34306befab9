/**
 * A document's own progress line (`**Progress:** 26/43 (60%)`, `**Completion:** 0% (0/8 tasks
 * complete)`): one more place that repeats the statuses, kept in step on every status change and
 * checked. A line is taken to count phases or tasks only when it says so or when its total is
 * the plan's number of them; a line whose total matches neither is the author's own measure
 * (lines migrated, components) and is left alone.
 */
import type { Field, Plan } from './model';
import { type TextEdit, changeRange } from './edits/text';

const NAMES = new Set(['progress', 'completion', 'overall progress', 'overall completion', 'total progress', 'tasks complete', 'tasks completed']);
const RATIO = /(\d+)\s*\/\s*(\d+)/;
const PERCENT = /(\d+(?:\.(\d+))?)\s*%/;

export interface ProgressLine {
  field: Field;
  counts: 'phases' | 'tasks';
  /** What the line says. */
  written: { done: number; total: number };
}

/** What a plan's phases or tasks come to. */
export function countsOf(plan: Plan, counts: ProgressLine['counts']): { done: number; total: number } {
  const list = counts === 'phases' ? plan.phases : plan.tasks;
  return { done: list.filter((x) => x.status === 'completed').length, total: list.length };
}

/** The plan's progress lines that count its phases or its tasks. */
export function progressLines(plan: Plan): ProgressLine[] {
  const out: ProgressLine[] = [];
  for (const field of plan.fields) {
    if (!NAMES.has(field.name)) continue;
    const ratio = RATIO.exec(field.value);
    if (!ratio) continue;
    const done = Number(ratio[1]);
    const total = Number(ratio[2]);
    const says = /\bphases?\b/i.test(field.value) ? 'phases' : /\b(?:tasks?|items?|steps?)\b/i.test(field.value) ? 'tasks' : undefined;
    const counts = says ?? (total === plan.tasks.length && total > 0 ? 'tasks' : total === plan.phases.length && total > 0 ? 'phases' : undefined);
    if (!counts || countsOf(plan, counts).total !== total) continue;
    out.push({ field, counts, written: { done, total } });
  }
  return out;
}

/** The line's value with `done` of `total`, in its own format (the percentage keeps its decimals). */
function rewrite(value: string, done: number, total: number): string {
  let out = value.replace(RATIO, (m, _d: string, _t: string) => m.replace(/^\d+/, String(done)).replace(/\d+$/, String(total)));
  out = out.replace(PERCENT, (m, _n: string, decimals: string | undefined) => {
    const digits = decimals?.length ?? 0;
    const pct = total ? (done / total) * 100 : 0;
    return m.replace(/^\d+(?:\.\d+)?/, digits ? pct.toFixed(digits) : String(Math.round(pct)));
  });
  return out;
}

/** The edit that brings one progress line in step with `counts` (undefined when it already is). */
export function progressLineEdit(text: string, line: ProgressLine, counts: { done: number; total: number }): TextEdit | undefined {
  const f = line.field;
  const value = rewrite(f.value, counts.done, counts.total);
  return value === f.value ? undefined : changeRange(text, f.valueRange.start, f.valueRange.end, value);
}
