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
 * by the marker `'lens'` (LENS_MARKER), so a click on a lens that is out of date is either
 * re-targeted to the same phase or task or refused: it never edits another line.
 */
import * as vscode from 'vscode';
import { phaseStatusesExpressible, phaseTaskCounts, type Plan, taskStatusesExpressible } from '../core';
import { lensActions, lensTasksSetting, tasksWithLenses, type LensAction, type LensTasks } from './actions';
import { Icon, iconText } from './icons';
import { Command, SETTINGS, Setting, settingKey } from './ids';
import { Disposer } from './lifecycle';
import type { Services } from './services';
import { LENS_MARKER, phaseRef, taskRef, type TargetRef } from './targets';

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

class PlanCodeLensProvider extends Disposer implements vscode.CodeLensProvider {
  private readonly emitter = this.track(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly s: Services) {
    super();
    this.track(
      s.store.onDidChange((e) => {
        // Typing already makes VS Code ask again (and provideCodeLenses syncs the model itself,
        // which is where most 'typing' changes come from). Only documents shown in an editor
        // have lenses on screen.
        if (e.source === 'typing') return;
        const key = e.uri.toString();
        if (vscode.window.visibleTextEditors.some((ed) => ed.document.uri.toString() === key)) this.emitter.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(settingKey('codeLens'))) this.emitter.fire();
      }),
    );
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    const config = vscode.workspace.getConfiguration(SETTINGS, document.uri);
    if (!config.get<boolean>(Setting.codeLensEnabled, true)) return [];
    let entry;
    try {
      entry = this.s.store.sync(document);
    } catch (err) {
      this.s.log.error(`CodeLens: could not read ${vscode.workspace.asRelativePath(document.uri)}: ${String(err)}`);
      return [];
    }
    if (!entry || token.isCancellationRequested) return [];
    return buildLenses(document.uri, entry.doc.plan, document.version, lensTasksSetting(config.get<unknown>(Setting.codeLensTasks)));
  }

  resolveCodeLens(lens: vscode.CodeLens): vscode.CodeLens {
    if (lens instanceof PlanLens && !lens.command) lens.command = lens.action;
    return lens;
  }
}

/**
 * All lenses of one document, in one pass over its phases and tasks. Each lens's command is
 * set right away when there are at most `eagerLimit` lenses, else on resolve.
 */
export function buildLenses(uri: vscode.Uri, plan: Plan, version: number | undefined, tasks: LensTasks, eagerLimit = EAGER_LENS_LIMIT): vscode.CodeLens[] {
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
    for (const action of lensActions('phase', phase.status, phaseStatusesExpressible(plan, i))) add(range, action, ref);
    if (phase.tasks.length) {
      const { done, total } = phaseTaskCounts(plan, phase);
      const firstOpen = phase.tasks.find((t) => plan.tasks[t].status !== 'completed');
      const title = `${iconText(Icon.progress)} ${done}/${total} steps`;
      lenses.push(
        new PlanLens(
          range,
          firstOpen !== undefined
            ? { title, command: Command.revealLine, tooltip: 'Go to the first open step', arguments: [uriText, plan.tasks[firstOpen].line] }
            : { title, command: '', tooltip: 'Every step of this phase is done' },
        ),
      );
    }
  }
  for (const i of tasksWithLenses(plan, tasks)) {
    const task = plan.tasks[i];
    if (phaseLines.has(task.line)) continue; // a heading that is both: the phase actions cover it
    const range = lineRange(task.line);
    const ref = taskRef(uri, plan, i, version);
    for (const action of lensActions('task', task.status, taskStatusesExpressible(plan, i))) add(range, action, ref);
  }
  if (lenses.length <= eagerLimit) for (const lens of lenses) lens.command = lens.action;
  return lenses;
}

/** `phasewise.codeLens.tasks` was a boolean: a stored `true` or `false` is rewritten as `all` or `none`, where it was set. */
export async function migrateLensTasks(s: Pick<Services, 'log'>): Promise<void> {
  type Scope = readonly [vscode.WorkspaceConfiguration, 'globalValue' | 'workspaceValue' | 'workspaceFolderValue', vscode.ConfigurationTarget];
  const scopes: Scope[] = [
    [vscode.workspace.getConfiguration(SETTINGS), 'globalValue', vscode.ConfigurationTarget.Global],
    [vscode.workspace.getConfiguration(SETTINGS), 'workspaceValue', vscode.ConfigurationTarget.Workspace],
    ...(vscode.workspace.workspaceFolders ?? []).map((f): Scope => [
      vscode.workspace.getConfiguration(SETTINGS, f.uri),
      'workspaceFolderValue',
      vscode.ConfigurationTarget.WorkspaceFolder,
    ]),
  ];
  for (const [config, level, target] of scopes) {
    const value = config.inspect<unknown>(Setting.codeLensTasks)?.[level];
    if (typeof value !== 'boolean') continue;
    try {
      await config.update(Setting.codeLensTasks, lensTasksSetting(value), target);
      s.log.info(`Setting ${settingKey(Setting.codeLensTasks)}: ${String(value)} is now "${lensTasksSetting(value)}".`);
    } catch (err) {
      s.log.warn(`Could not rewrite the setting ${settingKey(Setting.codeLensTasks)}: ${String(err)}`);
    }
  }
}

export function registerCodeLens(s: Services): vscode.CodeLensProvider {
  void migrateLensTasks(s);
  const provider = new PlanCodeLensProvider(s);
  s.context.subscriptions.push(provider, vscode.languages.registerCodeLensProvider({ language: 'markdown' }, provider));
  return provider;
}
