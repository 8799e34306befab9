/**
 * Phasewise in VS Code: the plans of the workspace in a tree, CodeLens actions, commands, a
 * progress view, a status bar item and diagnostics, all thin over src/core.
 */
import * as vscode from 'vscode';
import { phaseKey } from './core';
import { registerCodeLens } from './host/codeLens';
import { documentCommands } from './host/commands/documents';
import { historyCommands } from './host/commands/history';
import { logCommands } from './host/commands/logs';
import { registerCommands } from './host/commands/manager';
import { navigationCommands } from './host/commands/navigation';
import { statusCommands } from './host/commands/status';
import { timerCommands } from './host/commands/timers';
import { summaryCommands } from './host/commands/summary';
import { templateCommands } from './host/commands/templates';
import { registerDiagnostics } from './host/diagnostics';
import { History } from './host/history';
import { SETTINGS, Setting } from './host/ids';
import { Debouncer } from './host/lifecycle';
import { OutsideChanges } from './host/outside';
import { progressModel } from './host/progressModel';
import { ProgressViewProvider } from './host/progressView';
import { revealLine } from './host/reveal';
import { ActivePlan, type Services } from './host/services';
import { registerStatusBar } from './host/statusBar';
import { PlanStore } from './host/store';
import { registerLanguageModelTools, type LanguageModelTools } from './host/tools/register';
import { registerTree, type PlansTree } from './host/tree/register';

/** The progress model is rebuilt at most this often while typing. */
const PROGRESS_REFRESH_MS = 100;

/** Returned from activate(): what the in-editor tests look at. */
export interface PhasewiseApi {
  services: Services;
  tree: PlansTree;
  codeLens: vscode.CodeLensProvider;
  statusBar: vscode.StatusBarItem;
  progress: ProgressViewProvider;
  diagnostics: vscode.DiagnosticCollection;
  /** The chat tools' implementations, by tool name. */
  languageModelTools: LanguageModelTools;
  /** How long loading the bundle's modules and `activate` took, in milliseconds. */
  activation: { loadMs?: number; activateMs: number };
}

/** Set by the bundle's first line (scripts/build.mjs), before any module of it is evaluated. */
declare const __phasewiseLoadStart: number | undefined;
/** When this module's own code starts: every module it imports has been evaluated. */
const loadedAt = performance.now();

export function activate(context: vscode.ExtensionContext): PhasewiseApi {
  const activateStart = performance.now();
  const log = vscode.window.createOutputChannel('Phasewise', { log: true });
  context.subscriptions.push(log);
  const store = new PlanStore(log);
  const history = new History(context.workspaceState, log, () => vscode.workspace.getConfiguration(SETTINGS).get<number>(Setting.historyMaxEvents, 2000));
  const active = new ActivePlan(store);
  context.subscriptions.push(store, active);
  const services: Services = {
    context,
    log,
    store,
    history,
    activePlan: () => active.get(),
    onDidChangeActivePlan: active.onDidChange,
  };

  const progress = new ProgressViewProvider(
    context.extensionUri,
    () => {
      const entry = active.get();
      if (!entry) return undefined;
      const file = entry.uri.toString();
      return progressModel(
        vscode.workspace.asRelativePath(entry.uri),
        entry.doc.plan,
        (phase) => history.timeInProgress(file, phaseKey(phase)),
        (phase) => history.isPaused(file, phaseKey(phase)),
      );
    },
    async (index, line) => {
      const entry = active.get();
      if (!entry) return;
      // A row from a model that is already out of date: the phase on that line, else at that index.
      const phases = entry.doc.plan.phases;
      const phase = phases.find((p) => p.line === line) ?? phases[index];
      if (phase) await revealLine(entry.uri, phase.line);
    },
    log,
  );
  const progressRefreshes = new Debouncer<'progress'>();
  const refreshProgress = (): void => progressRefreshes.throttle('progress', PROGRESS_REFRESH_MS, () => progress.refresh());
  context.subscriptions.push(
    progress,
    history,
    vscode.window.registerWebviewViewProvider(ProgressViewProvider.viewType, progress),
    progressRefreshes,
    active.onDidChange(refreshProgress),
    history.onDidChange(refreshProgress),
  );

  const tree = registerTree(services);
  context.subscriptions.push(history.onDidChange(() => tree.provider.refreshNow()));
  const codeLens = registerCodeLens(services);
  const statusBar = registerStatusBar(services);
  const diagnostics = registerDiagnostics(services);
  registerCommands(services, [
    statusCommands(services),
    timerCommands(services),
    summaryCommands(services),
    navigationCommands(services),
    templateCommands(services),
    documentCommands(services),
    historyCommands(services),
    logCommands(services),
    tree.commands,
    diagnostics.commands,
  ]);
  const languageModelTools = registerLanguageModelTools(services);

  // Outside changes are compared against the plans as discovered; discovery does not hold up activation.
  context.subscriptions.push(new OutsideChanges(store, history));
  void store.refresh();
  log.info(`Phasewise ${context.extension.packageJSON.version} active.`);
  const activation = {
    ...(typeof __phasewiseLoadStart === 'number' ? { loadMs: loadedAt - __phasewiseLoadStart } : {}),
    activateMs: performance.now() - activateStart,
  };
  log.info(`Activated in ${activation.activateMs.toFixed(1)} ms (modules loaded in ${activation.loadMs?.toFixed(1) ?? '?'} ms).`);
  return { services, tree, codeLens, statusBar, progress, diagnostics: diagnostics.collection, languageModelTools, activation };
}

export function deactivate(): void {}
