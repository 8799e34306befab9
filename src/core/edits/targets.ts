/** What the user names on the command line or in a picker: a phase, a task, a line, a status. */
import type { KnownStatus, Phase, Plan } from '../model';
import { PHASE_WORDS, STATUSES } from '../model';
import { phaseLabel } from '../labels';
import { elementOnLine } from '../queries';
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

/** The index of the one element `matches` picks; an error when none does, or naming the lines when several do. */
function onlyOne<T extends { line: number }>(list: readonly T[], matches: (x: T) => boolean, what: string, notFound: () => string): number {
  const hits = list.flatMap((x, i) => (matches(x) ? [i] : []));
  if (!hits.length) throw new PhasewiseError(notFound(), 'not-found');
  if (hits.length > 1) {
    throw new PhasewiseError(
      `${what} appears ${hits.length} times (lines ${hits.map((i) => list[i].line + 1).join(', ')}); choose one with --line.`,
      'ambiguous',
    );
  }
  return hits[0];
}

/** Finds a phase by number (`3`, `Phase 3`) or ID (`PH-NEXT-001`). */
export function findPhase(plan: Plan, ref: string): number {
  const named = new RegExp(`^(${PHASE_WORDS})\\s+`, 'i').exec(ref.trim());
  const key = ref.trim().slice(named ? named[0].length : 0);
  const word = named?.[1].toLowerCase();
  // `Milestone 2` names the milestone; `2` or `Phase 2` a phase, else whatever is numbered 2.
  const kind = (p: Phase): string => (p.keyword ?? 'Phase').toLowerCase();
  const wanted = word && word !== 'phase' ? word : plan.phases.some((p) => p.number === key && p.keyword === undefined) ? 'phase' : undefined;
  return onlyOne(
    plan.phases,
    (p) => (p.number === key && (wanted === undefined || kind(p) === wanted)) || (p.id !== undefined && p.id.toLowerCase() === key.toLowerCase()),
    `Phase "${ref}"`,
    () => `No phase "${ref}" in this document; phases: ${plan.phases.map(phaseLabel).join(', ') || 'none'}.`,
  );
}

/** Finds a task by ID (`SEC-002`), in any case. */
export function findTask(plan: Plan, ref: string): number {
  const key = ref.trim().toLowerCase();
  return onlyOne(
    plan.tasks,
    (t) => t.id !== undefined && t.id.toLowerCase() === key,
    `Task "${ref}"`,
    () => `No task with ID "${ref}" in this document.`,
  );
}

/** The phase heading or task on a 0-based line. */
export function findAtLine(plan: Plan, line: number): Target {
  const found = elementOnLine(plan, line);
  if (found) return found;
  throw new PhasewiseError(`Line ${line + 1} is not a phase heading or a task.`, 'not-found');
}
