/**
 * The status changes a phase or a task offers: what a lens, a tree menu or a picker shows for
 * it. Each action writes one status; a phase offers only what its file can write for it (a
 * phase that follows its checkboxes cannot be failed).
 */
import type { KnownStatus, Plan, Status } from './model';
import { phaseStatusesExpressible, taskStatusesExpressible } from './edits';

export type StatusAction = 'start' | 'complete' | 'fail' | 'reopen';

/** The status each action writes. */
export const ACTION_STATUS: Readonly<Record<StatusAction, KnownStatus>> = {
  start: 'in-progress',
  complete: 'completed',
  fail: 'failed',
  reopen: 'pending',
};

// Most useful first: a view with room for one or two shows the first ones. Something that
// failed can be started again (retried), reopened, or marked done after all; there is no
// action to fail a task, only a phase.
const PHASE_ACTIONS: Record<Status, readonly StatusAction[]> = {
  pending: ['start', 'complete', 'fail'],
  'in-progress': ['complete', 'fail'],
  completed: ['reopen'],
  failed: ['start', 'reopen', 'complete'],
  blocked: ['start', 'complete', 'fail'],
  unknown: ['start', 'complete', 'fail'],
};

const TASK_ACTIONS: Record<Status, readonly StatusAction[]> = {
  pending: ['start', 'complete'],
  'in-progress': ['complete'],
  completed: ['reopen'],
  failed: ['start', 'reopen', 'complete'],
  blocked: ['start', 'complete'],
  unknown: ['start', 'complete'],
};

/** The actions a phase or a task in `status` offers, most useful first, whatever its file can write. */
export function statusActions(kind: 'phase' | 'task', status: Status): readonly StatusAction[] {
  return (kind === 'phase' ? PHASE_ACTIONS : TASK_ACTIONS)[status];
}

/** The actions phase `index` offers in its status, limited to what its file can write. */
export function phaseActions(plan: Plan, index: number): StatusAction[] {
  const phase = plan.phases[index];
  if (!phase) return [];
  const can = phaseStatusesExpressible(plan, index);
  return PHASE_ACTIONS[phase.status].filter((a) => can.includes(ACTION_STATUS[a]));
}

/** The actions task `index` offers in its status, limited to what its file can write. */
export function taskActions(plan: Plan, index: number): StatusAction[] {
  const task = plan.tasks[index];
  if (!task) return [];
  const can = taskStatusesExpressible(plan, index);
  return TASK_ACTIONS[task.status].filter((a) => can.includes(ACTION_STATUS[a]));
}
