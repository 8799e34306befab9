/**
 * The ids the extension shares with package.json's `contributes`: commands, views, context
 * keys, the `viewItem` values the Plans view's menus test, and settings. Everything else names
 * them through this module, and a unit test keeps the manifest and this module in step.
 * No `vscode` import: unit-tested.
 */
import type { DocumentKind, Status } from '../core';

export const Command = {
  startPhase: 'phasewise.startPhase',
  completePhase: 'phasewise.completePhase',
  failPhase: 'phasewise.failPhase',
  reopenPhase: 'phasewise.reopenPhase',
  startTask: 'phasewise.startTask',
  completeTask: 'phasewise.completeTask',
  reopenTask: 'phasewise.reopenTask',
  setStatus: 'phasewise.setStatus',
  toggleTask: 'phasewise.toggleTask',
  goToCurrentPhase: 'phasewise.goToCurrentPhase',
  resume: 'phasewise.resume',
  insertNextPhase: 'phasewise.insertNextPhase',
  insertFixBlock: 'phasewise.insertFixBlock',
  insertDatedUpdate: 'phasewise.insertDatedUpdate',
  insertMetricsTable: 'phasewise.insertMetricsTable',
  insertAcceptanceCriterion: 'phasewise.insertAcceptanceCriterion',
  insertLesson: 'phasewise.insertLesson',
  newPlan: 'phasewise.newPlan',
  newLog: 'phasewise.newLog',
  newSummary: 'phasewise.newSummary',
  newTracker: 'phasewise.newTracker',
  repairEmoji: 'phasewise.repairEmoji',
  showHistory: 'phasewise.showHistory',
  refresh: 'phasewise.refresh',
  hideCompleted: 'phasewise.hideCompleted',
  showCompleted: 'phasewise.showCompleted',
  revealLine: 'phasewise.revealLine',
  showLog: 'phasewise.showLog',
  applyFix: 'phasewise.applyFix',
  addAgentInstructions: 'phasewise.addAgentInstructions',
  collectGuidelines: 'phasewise.collectGuidelines',
  pauseTimer: 'phasewise.pauseTimer',
  resumeTimer: 'phasewise.resumeTimer',
  sessionSummary: 'phasewise.sessionSummary',
} as const;

export type CommandId = (typeof Command)[keyof typeof Command];

export const COMMAND_IDS: readonly CommandId[] = Object.values(Command);

export function isCommandId(x: unknown): x is CommandId {
  return typeof x === 'string' && (COMMAND_IDS as readonly string[]).includes(x);
}

/** The activity bar container and the views in it. */
export const ViewContainer = { phasewise: 'phasewise' } as const;

export const View = {
  plans: 'phasewise.plans',
  progress: 'phasewise.progress',
} as const;

export type ViewId = (typeof View)[keyof typeof View];

/** Context keys the extension sets (`setContext`) and menus test in `when` clauses. */
export const ContextKey = {
  /** True while the Plans view leaves completed phases and tasks out. */
  hideCompleted: 'phasewise.hideCompleted',
} as const;

/** The `contextValue` of each kind of Plans view node, which `viewItem` clauses match. */
export const ViewItem = {
  plan: (kind: DocumentKind): string => `plan.${kind}`,
  phase: (status: Status, offered: ViewActions): string => element('phase', status, offered),
  task: (status: Status, offered: ViewActions): string => element('task', status, offered),
  fix: 'fix',
  lessons: 'lessons',
  nugget: 'nugget',
} as const;

/** The status actions a phase or task node offers in the Plans view (host/actions.ts `viewActions`). */
export interface ViewActions {
  readonly menu: readonly string[];
  readonly inline: readonly string[];
}

/**
 * A phase's or task's context value: kind and status, then a token per action its context menu
 * (`m-`) and inline buttons (`i-`) offer, e.g. `phase.pending.m-start.m-complete.i-start`.
 * package.json's menus show a status command where its token is (`/^phase\..*\.i-start\b/`),
 * so the view offers only what the file can write, as the lenses do.
 */
function element(kind: 'phase' | 'task', status: Status, offered: ViewActions): string {
  const tokens = [...offered.menu.map((a) => `.m-${a}`), ...offered.inline.map((a) => `.i-${a}`)];
  return `${kind}.${status}${tokens.join('')}`;
}

/** The status bar item's id (VS Code lists it by this id in the status bar's context menu). */
export const STATUS_BAR_ITEM = 'phasewise.status';

/** The configuration section of every setting. */
export const SETTINGS = 'phasewise';

/** Settings, relative to SETTINGS (`getConfiguration(SETTINGS).get(Setting.x)`). */
export const Setting = {
  planFiles: 'planFiles',
  exclude: 'exclude',
  codeLensEnabled: 'codeLens.enabled',
  codeLensTasks: 'codeLens.tasks',
  hideCompleted: 'tree.hideCompleted',
  saveAfterEdit: 'saveAfterEdit',
  historyMaxEvents: 'history.maxEvents',
} as const;

export type SettingName = (typeof Setting)[keyof typeof Setting];

/** The full key of a setting (or of a group of settings), as `affectsConfiguration` takes it. */
export function settingKey(name: SettingName | 'codeLens'): string {
  return `${SETTINGS}.${name}`;
}
