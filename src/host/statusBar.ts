/**
 * The status bar item: where the active plan stands (see statusBarModel.ts). Clicking it goes
 * to the current phase (or the next open task).
 */
import * as vscode from 'vscode';
import { STATUS_BAR_ITEM } from './ids';
import { toMarkdown } from './markdown';
import type { Services } from './services';
import { statusBarView } from './statusBarModel';
import type { PlanEntry } from './store';

/** Editors whose document is not something a person works in (the Output panel). */
function isPanelDocument(editor: vscode.TextEditor): boolean {
  return editor.document.uri.scheme === 'output';
}

/**
 * The plan the item is about: the plan in the active editor; none when the active editor holds
 * another file; the last active plan when no editor is active.
 */
function shownPlan(s: Services): PlanEntry | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && !isPanelDocument(editor)) {
    if (editor.document.languageId !== 'markdown') return undefined;
    const entry = s.activePlan();
    return entry && entry.uri.toString() === editor.document.uri.toString() ? entry : undefined;
  }
  return s.activePlan();
}

export function registerStatusBar(s: Services): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem(STATUS_BAR_ITEM, vscode.StatusBarAlignment.Left, 50);
  item.name = 'Phasewise';

  const update = (): void => {
    const entry = shownPlan(s);
    const view = entry ? statusBarView(entry.doc.plan, vscode.workspace.asRelativePath(entry.uri)) : undefined;
    if (!entry || !view) {
      // Cleared as well as hidden, so that the item's text always says what is shown.
      item.hide();
      item.text = '';
      item.tooltip = undefined;
      item.command = undefined;
      item.accessibilityInformation = undefined;
      return;
    }
    item.text = view.text;
    item.tooltip = toMarkdown(view.tooltip);
    item.accessibilityInformation = { label: view.accessibility };
    item.command = { command: view.command, title: view.commandTitle };
    item.show();
  };

  // The first update reads (parses) the active editor's plan: after activation, not during it.
  const first = setTimeout(update, 0);
  s.context.subscriptions.push(item, s.onDidChangeActivePlan(update), { dispose: () => clearTimeout(first) });
  return item;
}
