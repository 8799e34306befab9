/**
 * The phase or task at a place in the document (the cursor, a line): one rule for the
 * commands, the Plans view and the CLI's `--line`.
 */
import type { Plan, Range } from './model';

/**
 * True when `offset` is inside `range`. Ranges are half-open (`end` is the first offset after
 * the element), except at the end of the document: a cursor after the last character is still
 * in the section that runs to the end.
 */
export function holds(plan: Pick<Plan, 'length'>, range: Range, offset: number): boolean {
  return range.start <= offset && (offset < range.end || (offset === range.end && range.end >= plan.length));
}

/** The innermost phase whose section holds `offset`. */
export function phaseAt(plan: Plan, offset: number): number | undefined {
  let found: number | undefined;
  for (let i = 0; i < plan.phases.length; i++) {
    const p = plan.phases[i];
    if (p.sectionRange.start > offset) break;
    if (holds(plan, p.sectionRange, offset)) found = i; // later matches are nested deeper
  }
  return found;
}

/** The task on `line`, else the innermost task whose item or entry holds `offset`. */
export function taskAt(plan: Plan, line: number, offset: number): number | undefined {
  const onLine = plan.tasks.findIndex((t) => t.line === line);
  if (onLine >= 0) return onLine;
  let found: number | undefined;
  for (let i = 0; i < plan.tasks.length; i++) {
    const t = plan.tasks[i];
    if (t.sectionRange.start > offset) break;
    if (holds(plan, t.sectionRange, offset)) found = i;
  }
  return found;
}

/** The phase whose heading is on `line`, else the task on `line`. */
export function elementOnLine(plan: Plan, line: number): { kind: 'phase' | 'task'; index: number } | undefined {
  const phase = plan.phases.findIndex((p) => p.line === line);
  if (phase >= 0) return { kind: 'phase', index: phase };
  const task = plan.tasks.findIndex((t) => t.line === line);
  return task >= 0 ? { kind: 'task', index: task } : undefined;
}
