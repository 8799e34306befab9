/**
 * What every feature of the extension shares: the log, the plans, the history, and which plan
 * is active (the one in the active editor, else the last one that was).
 */
import * as vscode from 'vscode';
import type { History } from './history';
import { Disposer } from './lifecycle';
import type { PlanEntry, PlanStore } from './store';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly store: PlanStore;
  readonly history: History;
  /** The plan of the active editor, else the last active plan, else the only plan. */
  activePlan(): PlanEntry | undefined;
  /** Fires when the active plan changes or is edited. */
  readonly onDidChangeActivePlan: vscode.Event<void>;
}

export class ActivePlan extends Disposer {
  private last: string | undefined;
  private readonly emitter = this.track(new vscode.EventEmitter<void>());
  readonly onDidChange = this.emitter.event;

  constructor(private readonly store: PlanStore) {
    super();
    this.track(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document.languageId === 'markdown' && store.sync(editor.document)) this.last = editor.document.uri.toString();
        this.emitter.fire();
      }),
      store.onDidChange((e) => {
        const active = this.get();
        if (!active || active.uri.toString() === e.uri.toString() || !e.after) this.emitter.fire();
      }),
    );
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === 'markdown') this.last = editor.document.uri.toString();
  }

  get(): PlanEntry | undefined {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === 'markdown') {
      const entry = this.store.sync(editor.document);
      if (entry) return entry;
    }
    if (this.last) {
      const entry = this.store.get(vscode.Uri.parse(this.last));
      if (entry) return entry;
    }
    const all = this.store.all();
    const plans = all.filter((e) => e.doc.plan.kind === 'plan');
    return plans.length === 1 ? plans[0] : all.length === 1 ? all[0] : undefined;
  }
}
