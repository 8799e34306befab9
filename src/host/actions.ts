/**
 * Which status actions a phase or task gets in the UI, by its status: above it as CodeLenses,
 * as inline buttons and in the context menu of the Plans view. One table for all three, so the
 * lens and the view cannot disagree; package.json's menus are checked against it by a unit
 * test. No `vscode` import: unit-tested.
 *
 * The rule: every place offers only changes to another status; the context menu offers every
 * sensible change; the lens and the inline buttons offer the usual next steps, a subset of
 * the menu. A failed phase or task can be started again (the lens says "Restart" for a phase).
 */
import {
  ACTION_STATUS,
  type KnownStatus,
  type Plan,
  type Status,
  type StatusAction as StatusActionName,
  currentPhaseIndex,
  nextWork,
  statusActions,
} from '../core';
import { Command, type CommandId } from './ids';
import { iconText } from './icons';

export type TargetKind = 'phase' | 'task';

/** What a status action is called (the core's names: core/actions.ts decides which a status offers). */
export type ActionName = StatusActionName;

export interface StatusAction {
  readonly name: ActionName;
  readonly kind: TargetKind;
  readonly command: CommandId;
  /** The status the action writes. */
  readonly status: KnownStatus;
  /** The codicon of the command (package.json's `icon`) and of its lens. */
  readonly icon: string;
  /** The lens title, without its icon. */
  readonly lens: string;
  readonly tooltip: string;
  /** The picker's placeholder when the command runs without a target. */
  readonly placeHolder: string;
}

const ACTIONS: Readonly<Record<TargetKind, Partial<Record<ActionName, StatusAction>>>> = {
  phase: {
    start: {
      name: 'start',
      kind: 'phase',
      command: Command.startPhase,
      status: 'in-progress',
      icon: 'play',
      lens: 'Start',
      tooltip: 'Mark this phase in progress',
      placeHolder: 'Choose the phase to start',
    },
    complete: {
      name: 'complete',
      kind: 'phase',
      command: Command.completePhase,
      status: 'completed',
      icon: 'check',
      lens: 'Mark phase complete',
      tooltip: 'Mark this phase completed',
      placeHolder: 'Choose the phase to mark complete',
    },
    fail: {
      name: 'fail',
      kind: 'phase',
      command: Command.failPhase,
      status: 'failed',
      icon: 'error',
      lens: 'Mark failed',
      tooltip: 'Mark this phase failed',
      placeHolder: 'Choose the phase to mark failed',
    },
    reopen: {
      name: 'reopen',
      kind: 'phase',
      command: Command.reopenPhase,
      status: 'pending',
      icon: 'debug-restart',
      lens: 'Reopen',
      tooltip: 'Set this phase back to pending',
      placeHolder: 'Choose the phase to reopen',
    },
  },
  task: {
    start: {
      name: 'start',
      kind: 'task',
      command: Command.startTask,
      status: 'in-progress',
      icon: 'play',
      lens: 'Start',
      tooltip: 'Mark this task in progress',
      placeHolder: 'Choose the task to start',
    },
    complete: {
      name: 'complete',
      kind: 'task',
      command: Command.completeTask,
      status: 'completed',
      icon: 'check',
      lens: 'Complete',
      tooltip: 'Mark this task completed',
      placeHolder: 'Choose the task to complete',
    },
    reopen: {
      name: 'reopen',
      kind: 'task',
      command: Command.reopenTask,
      status: 'pending',
      icon: 'debug-restart',
      lens: 'Reopen',
      tooltip: 'Set this task back to pending',
      placeHolder: 'Choose the task to reopen',
    },
  },
};

/** Every status action: one per status command. */
export const STATUS_ACTIONS: readonly StatusAction[] = [...Object.values(ACTIONS.phase), ...Object.values(ACTIONS.task)] as StatusAction[];

/** Where each status offers which actions (in this order). */
interface Offer {
  readonly lens: readonly ActionName[];
  readonly inline: readonly ActionName[];
  readonly menu: readonly ActionName[];
}

/**
 * Which of the actions `all` (the core's for a status, most useful first, limited to what the
 * file can write) each place shows: the context menu all of them; the lens the first two; the
 * inline buttons the first one for a phase and two for a task, only Start and Complete (a
 * button moves work forward).
 */
function offer(kind: TargetKind, all: readonly ActionName[]): Offer {
  return {
    menu: all,
    lens: all.slice(0, 2),
    inline: all.filter((a) => a === 'start' || a === 'complete').slice(0, kind === 'phase' ? 1 : 2),
  };
}

export type ActionPlace = keyof Offer;

/**
 * The actions `place` offers for a phase or task with `status`. `can`: the statuses its file
 * can write (core `phaseStatusesExpressible`; a checkbox-driven phase cannot be failed), when
 * not every status.
 */
export function actionsFor(kind: TargetKind, status: Status, place: ActionPlace, can?: readonly KnownStatus[]): readonly StatusAction[] {
  const all = statusActions(kind, status).filter((name) => !can || can.includes(ACTION_STATUS[name]));
  return offer(kind, all)[place].map((name) => ACTIONS[kind][name]!);
}

/** The names of the actions the Plans view offers for a node: in its context menu and as inline buttons. */
export function viewActions(kind: TargetKind, status: Status, can?: readonly KnownStatus[]): { menu: ActionName[]; inline: ActionName[] } {
  return {
    menu: actionsFor(kind, status, 'menu', can).map((a) => a.name),
    inline: actionsFor(kind, status, 'inline', can).map((a) => a.name),
  };
}

export interface LensAction {
  /** `$(icon) Words`. */
  readonly title: string;
  readonly command: CommandId;
  readonly tooltip: string;
  readonly status: KnownStatus;
}

/** The lenses above a phase heading or task with `status` (`can`: as for actionsFor). */
export function lensActions(kind: TargetKind, status: Status, can?: readonly KnownStatus[]): readonly LensAction[] {
  return actionsFor(kind, status, 'lens', can).map((a) => {
    // Starting a failed phase again reads as a restart.
    const again = kind === 'phase' && status === 'failed' && a.name === 'start';
    return {
      title: `${iconText(a.icon)} ${again ? 'Restart' : a.lens}`,
      command: a.command,
      tooltip: again ? 'Mark this failed phase in progress again' : a.tooltip,
      status: a.status,
    };
  });
}

/** Which tasks get lenses (`phasewise.codeLens.tasks`). */
export type LensTasks = 'all' | 'current-phase' | 'none';
export const LENS_TASKS: readonly LensTasks[] = ['all', 'current-phase', 'none'];

/** The setting's value, the old boolean (`true`: every task, `false`: none) read as its equivalent. */
export function lensTasksSetting(value: unknown): LensTasks {
  if (value === true) return 'all';
  if (value === false) return 'none';
  return typeof value === 'string' && (LENS_TASKS as readonly string[]).includes(value) ? (value as LensTasks) : 'current-phase';
}

/**
 * The tasks that get lenses: all, none, or the open tasks of the current phase (in a document
 * without phases, the tasks in progress and the next open one), so that a long task list does
 * not double in height.
 */
export function tasksWithLenses(plan: Plan, mode: LensTasks): number[] {
  if (mode === 'none') return [];
  if (mode === 'all') return plan.tasks.map((_t, i) => i);
  const open = (i: number): boolean => plan.tasks[i].status !== 'completed';
  const current = currentPhaseIndex(plan);
  if (current !== undefined) return plan.phases[current].tasks.filter(open);
  if (plan.phases.length) return [];
  const next = nextWork(plan).task;
  return plan.tasks.map((_t, i) => i).filter((i) => plan.tasks[i].status === 'in-progress' || i === next);
}
