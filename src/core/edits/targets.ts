/** What the user names on the command line or in a picker: a phase, a task, a line, a status. */
import type { KnownStatus, Plan } from '../model';
import { STATUSES } from '../model';
import { phaseLabel } from '../labels';
import { PhasewiseError } from './text';

export function isKnownStatus(s: string): s is KnownStatus {
  return (STATUSES as readonly string[]).includes(s);
}

/** Accepts `completed`, `Completed`, `done`, `in progress`, `IN_PROGRESS`... */
export function parseStatusArg(value: string): KnownStatus {
  const v = value.trim().toLowerCase().replace(/[ _]+/g, '-');
  const aliases: Record<string, KnownStatus> = {
    complete: 'completed',
    done: 'completed',
    started: 'in-progress',
    start: 'in-progress',
    wip: 'in-progress',
    inprogress: 'in-progress',
    todo: 'pending',
    'not-started': 'pending',
    fail: 'failed',
  };
  const s = aliases[v] ?? v;
  if (isKnownStatus(s)) return s;
  throw new PhasewiseError(`Invalid status "${value}"; allowed: ${STATUSES.join(', ')}.`, 'invalid-status');
}

export type Target = { kind: 'phase'; index: number } | { kind: 'task'; index: number };

/** Finds a phase by number (`3`, `Phase 3`) or ID (`PH-NEXT-001`). */
export function findPhase(plan: Plan, ref: string): number {
  const key = ref.trim().replace(/^phase\s+/i, '');
  const hits = plan.phases.map((p, i) => ({ p, i })).filter(({ p }) => p.number === key || (p.id !== undefined && p.id.toLowerCase() === key.toLowerCase()));
  if (!hits.length) {
    const known = plan.phases.map(phaseLabel).join(', ') || 'none';
    throw new PhasewiseError(`No phase "${ref}" in this document; phases: ${known}.`, 'not-found');
  }
  if (hits.length > 1) {
    throw new PhasewiseError(`Phase "${ref}" appears ${hits.length} times (lines ${hits.map(({ p }) => p.line + 1).join(', ')}); choose one with --line.`, 'ambiguous');
  }
  return hits[0].i;
}

export function findTask(plan: Plan, ref: string): number {
  const hits = plan.tasks.map((t, i) => ({ t, i })).filter(({ t }) => t.id !== undefined && t.id.toLowerCase() === ref.trim().toLowerCase());
  if (!hits.length) throw new PhasewiseError(`No task with ID "${ref}" in this document.`, 'not-found');
  if (hits.length > 1) {
    throw new PhasewiseError(`Task "${ref}" appears ${hits.length} times (lines ${hits.map(({ t }) => t.line + 1).join(', ')}); choose one with --line.`, 'ambiguous');
  }
  return hits[0].i;
}

/** The phase heading or task on a 0-based line. */
export function findAtLine(plan: Plan, line: number): Target {
  const p = plan.phases.findIndex((x) => x.line === line);
  if (p >= 0) return { kind: 'phase', index: p };
  const t = plan.tasks.findIndex((x) => x.line === line);
  if (t >= 0) return { kind: 'task', index: t };
  throw new PhasewiseError(`Line ${line + 1} is not a phase heading or a task.`, 'not-found');
}
