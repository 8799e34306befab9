/**
 * Phasewise in VS Code: the plans of the workspace in a tree, CodeLens actions, commands, a
 * progress view, a status bar item and diagnostics, all thin over src/core.
 */
import * as vscode from 'vscode';
import { registerCodeLens } from './host/codeLens';
import { registerCommands } from './host/commands';
import { registerDiagnostics } from './host/diagnostics';
import { History } from './host/history';
import { OutsideChanges } from './host/outside';
import { progressModel } from './host/progressModel';
import { ProgressViewProvider } from './host/progressView';
import { revealLine } from './host/reveal';
import { ActivePlan, type Services } from './host/services';
import { registerStatusBar } from './host/statusBar';
import { PlanStore } from './host/store';
import { registerTree } from './host/tree';

/** Returned from activate(): what the in-editor tests look at. */
export interface PhasewiseApi {
  services: Services;
  tree: ReturnType<typeof registerTree>;
  codeLens: vscode.CodeLensProvider;
  statusBar: vscode.StatusBarItem;
  progress: ProgressViewProvider;
  diagnostics: vscode.DiagnosticCollection;
}

export function activate(context: vscode.ExtensionContext): PhasewiseApi {
  const log = vscode.window.createOutputChannel('Phasewise', { log: true });
  context.subscriptions.push(log);
  const store = new PlanStore(log);
  const history = new History(context.workspaceState, log, () => vscode.workspace.getConfiguration('phasewise').get<number>('history.maxEvents', 2000));
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
      return progressModel(vscode.workspace.asRelativePath(entry.uri), entry.doc.plan, (phase) => {
        const key = `phase:${phase.number ?? phase.id ?? phase.title}`;
        return history.timeInProgress(file, key);
      });
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
  context.subscriptions.push(
    progress,
    history,
    vscode.window.registerWebviewViewProvider(ProgressViewProvider.viewType, progress),
  );
  // The progress model is rebuilt at most every 100 ms while typing.
  let progressTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshProgress = (): void => {
    if (progressTimer) return;
    progressTimer = setTimeout(() => {
      progressTimer = undefined;
      progress.refresh();
    }, 100);
  };
  context.subscriptions.push(
    active.onDidChange(refreshProgress),
    history.onDidChange(refreshProgress),
    { dispose: () => progressTimer && clearTimeout(progressTimer) },
  );

  const tree = registerTree(services);
  context.subscriptions.push(history.onDidChange(() => tree.provider.refreshNow()));
  const codeLens = registerCodeLens(services);
  const statusBar = registerStatusBar(services);
  const diagnostics = registerDiagnostics(services);
  registerCommands(services);

  // Outside changes are compared against the plans as discovered; discovery does not hold up activation.
  context.subscriptions.push(new OutsideChanges(store, history));
  void store.refresh();
  log.info(`Phasewise ${context.extension.packageJSON.version} active.`);
  return { services, tree, codeLens, statusBar, progress, diagnostics };
}

export function deactivate(): void {}
