/**
 * Status actions above phase headings and tasks. The lenses are built in one pass over the
 * store's model of the document (parsed incrementally as it is typed), so a plan with a
 * thousand phases costs one walk over its phases and tasks, and nothing is parsed per lens.
 *
 * Lenses are sent with their commands when a document has a few hundred of them; beyond that
 * they are sent bare and each gets its command when VS Code resolves it (only the lenses on
 * screen are resolved). Sending thousands of commands costs VS Code about ten times more than
 * sending thousands of bare ranges.
 *
 * Every lens carries a TargetRef made for the document version it was rendered from, followed
 * by the marker `'lens'` (see commands.ts), so a click on a lens that is out of date is either
 * re-targeted to the same phase or task or refused: it never edits another line.
 */
import * as vscode from 'vscode';
import { phaseStatusesExpressible, phaseTaskCounts, type KnownStatus, type Plan, type Status } from '../core';
import { phaseRef, taskRef, type TargetRef } from './apply';
import type { Services } from './services';

/** The marker a lens passes after its TargetRef, so the history can say where a change came from. */
export const LENS_MARKER = 'lens';

/** Up to this many lenses per document are sent resolved; more are resolved on screen only. */
export const EAGER_LENS_LIMIT = 400;

/** A lens whose command (made when the lens was built, for that document version) is set on resolve. */
class PlanLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly action: vscode.Command,
  ) {
    super(range);
  }
}

interface LensAction {
  title: string;
  command: string;
  tooltip: string;
}

const PHASE_START: LensAction = { title: '$(play) Start', command: 'phasewise.startPhase', tooltip: 'Mark this phase in progress' };
const PHASE_RESTART: LensAction = { title: '$(play) Restart', command: 'phasewise.startPhase', tooltip: 'Mark this failed phase in progress again' };
const PHASE_COMPLETE: LensAction = { title: '$(check) Mark phase complete', command: 'phasewise.completePhase', tooltip: 'Mark this phase completed' };
const PHASE_FAIL: LensAction = { title: '$(error) Mark failed', command: 'phasewise.failPhase', tooltip: 'Mark this phase failed' };
const PHASE_REOPEN: LensAction = { title: '$(debug-restart) Reopen', command: 'phasewise.reopenPhase', tooltip: 'Set this phase back to pending' };

const TASK_START: LensAction = { title: '$(play) Start', command: 'phasewise.startTask', tooltip: 'Mark this task in progress' };
const TASK_COMPLETE: LensAction = { title: '$(check) Complete', command: 'phasewise.completeTask', tooltip: 'Mark this task completed' };
const TASK_REOPEN: LensAction = { title: '$(debug-restart) Reopen', command: 'phasewise.reopenTask', tooltip: 'Set this task back to pending' };

/** The status each phase action writes. */
const PHASE_ACTION_STATUS: Record<string, KnownStatus> = {
  'phasewise.startPhase': 'in-progress',
  'phasewise.completePhase': 'completed',
  'phasewise.failPhase': 'failed',
  'phasewise.reopenPhase': 'pending',
};

/** The actions shown above a phase heading with this status. */
export function phaseActions(status: Status): readonly LensAction[] {
  switch (status) {
    case 'in-progress':
      return [PHASE_COMPLETE, PHASE_FAIL];
    case 'completed':
      return [PHASE_REOPEN];
    case 'failed':
      return [PHASE_RESTART, PHASE_REOPEN];
    default: // pending, blocked, unknown
      return [PHASE_START, PHASE_COMPLETE];
  }
}

/** The actions shown above a task with this status. */
export function taskActions(status: Status): readonly LensAction[] {
  switch (status) {
    case 'in-progress':
      return [TASK_COMPLETE];
    case 'completed':
      return [TASK_REOPEN];
    case 'failed':
    case 'blocked':
      return [TASK_START];
    default: // pending, unknown
      return [TASK_START, TASK_COMPLETE];
  }
}

class PlanCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly s: Services) {
    this.disposables.push(
      s.store.onDidChange((e) => {
        // Typing already makes VS Code ask again (and provideCodeLenses syncs the model itself,
        // which is where most 'typing' changes come from). Only documents shown in an editor
        // have lenses on screen.
        if (e.source === 'typing') return;
        const key = e.uri.toString();
        if (vscode.window.visibleTextEditors.some((ed) => ed.document.uri.toString() === key)) this.emitter.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('phasewise.codeLens')) this.emitter.fire();
      }),
    );
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    const config = vscode.workspace.getConfiguration('phasewise', document.uri);
    if (!config.get<boolean>('codeLens.enabled', true)) return [];
    let entry;
    try {
      entry = this.s.store.sync(document);
    } catch (err) {
      this.s.log.error(`CodeLens: could not read ${vscode.workspace.asRelativePath(document.uri)}: ${String(err)}`);
      return [];
    }
    if (!entry || token.isCancellationRequested) return [];
    return buildLenses(document.uri, entry.doc.plan, document.version, config.get<boolean>('codeLens.tasks', true));
  }

  resolveCodeLens(lens: vscode.CodeLens): vscode.CodeLens {
    if (lens instanceof PlanLens && !lens.command) lens.command = lens.action;
    return lens;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * All lenses of one document, in one pass over its phases and tasks. Each lens's command is
 * set right away when there are at most `eagerLimit` lenses, else on resolve.
 */
export function buildLenses(uri: vscode.Uri, plan: Plan, version: number | undefined, withTasks: boolean, eagerLimit = EAGER_LENS_LIMIT): vscode.CodeLens[] {
  const lenses: PlanLens[] = [];
  const lineRange = (line: number): vscode.Range => new vscode.Range(line, 0, line, 0);
  const add = (range: vscode.Range, action: LensAction, ref: TargetRef): void => {
    lenses.push(new PlanLens(range, { title: action.title, command: action.command, tooltip: action.tooltip, arguments: [ref, LENS_MARKER] }));
  };
  const phaseLines = new Set<number>();
  const uriText = uri.toString();
  for (let i = 0; i < plan.phases.length; i++) {
    const phase = plan.phases[i];
    phaseLines.add(phase.line);
    const range = lineRange(phase.line);
    const ref = phaseRef(uri, plan, i, version);
    // Only what the file can write for this phase (a checkbox-driven phase cannot be failed).
    const can = phase.mark || phase.overviewRow ? undefined : phaseStatusesExpressible(plan, i);
    for (const action of phaseActions(phase.status)) if (!can || can.includes(PHASE_ACTION_STATUS[action.command])) add(range, action, ref);
    if (phase.tasks.length) {
      const { done, total } = phaseTaskCounts(plan, phase);
      const firstOpen = phase.tasks.find((t) => plan.tasks[t].status !== 'completed');
      const title = `$(checklist) ${done}/${total} steps`;
      lenses.push(
        new PlanLens(
          range,
          firstOpen !== undefined
            ? { title, command: 'phasewise.revealLine', tooltip: 'Go to the first open step', arguments: [uriText, plan.tasks[firstOpen].line] }
            : { title, command: '', tooltip: 'Every step of this phase is done' },
        ),
      );
    }
  }
  if (withTasks) {
    for (let i = 0; i < plan.tasks.length; i++) {
      const task = plan.tasks[i];
      if (phaseLines.has(task.line)) continue; // a heading that is both: the phase actions cover it
      const range = lineRange(task.line);
      const ref = taskRef(uri, plan, i, version);
      for (const action of taskActions(task.status)) add(range, action, ref);
    }
  }
  if (lenses.length <= eagerLimit) for (const lens of lenses) lens.command = lens.action;
  return lenses;
}

export function registerCodeLens(s: Services): vscode.CodeLensProvider {
  const provider = new PlanCodeLensProvider(s);
  s.context.subscriptions.push(provider, vscode.languages.registerCodeLensProvider({ language: 'markdown' }, provider));
  return provider;
}
