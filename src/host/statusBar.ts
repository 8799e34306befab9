/**
 * The status bar item: where the active plan stands (`Phase 3/6 · 33%`, or `4/9 tasks done` for
 * a tracker or task list). Clicking it goes to the current phase (or the next open task).
 */
import * as vscode from 'vscode';
import { currentPhaseIndex, progress, type Plan } from '../core';
import type { Services } from './services';
import { percentOf } from './progressModel';
import { STATUS_NAMES, phaseName } from './text';
import type { PlanEntry } from './store';


export interface StatusBarView {
  text: string;
  /** Plain text for screen readers. */
  accessibility: string;
  tooltip: vscode.MarkdownString;
  command: string;
}

// The progress view's rounding: 100% only when all is done, 0% only when nothing is.
const percent = percentOf;


/** The top-level phase that holds phase `index` (itself when it is top-level). */
function topLevel(plan: Plan, index: number): number {
  let i = index;
  for (let guard = 0; plan.phases[i]?.parent !== undefined && guard < 64; guard++) i = plan.phases[i].parent!;
  return i;
}

/** What the item shows for a plan; undefined when there is nothing to show (no phases, no tasks). */
export function statusBarView(plan: Plan, path: string): StatusBarView | undefined {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  const title = plan.title?.trim() || path;
  md.appendMarkdown('**');
  md.appendText(title);
  md.appendMarkdown('**\n\n');
  md.appendText(path);

  const count = progress(plan);
  if (plan.phases.length) {
    const top = plan.phases.map((p, i) => ({ p, i })).filter(({ p }) => p.parent === undefined);
    const pct = percent(count.completed, count.total);
    const cur = currentPhaseIndex(plan);
    let text: string;
    let spoken: string;
    if (cur === undefined) {
      text = `$(checklist) ${count.completed}/${count.total} phases · ${pct}%`;
      spoken = `${count.completed} of ${count.total} phases completed, ${pct} percent`;
    } else {
      const p = plan.phases[cur];
      const position = top.findIndex(({ i }) => i === topLevel(plan, cur)) + 1;
      const n = p.number ?? String(position || cur + 1);
      text = `$(checklist) Phase ${n}/${top.length} · ${pct}%`;
      spoken = `Phase ${n} of ${top.length}, ${pct} percent of phases completed`;
      md.appendMarkdown('\n\n');
      md.appendMarkdown('Current phase: **');
      md.appendText(phaseName(p));
      md.appendMarkdown('**\n\n');
      md.appendText(`Status: ${p.mark ? p.mark.text : STATUS_NAMES[p.status]}`);
    }
    md.appendMarkdown('\n\n');
    md.appendText(`${count.completed} of ${count.total} phases completed (${pct}%)`);
    md.appendMarkdown('\n\n*Click to go to the current phase.*');
    return { text, accessibility: `Phasewise: ${spoken}`, tooltip: md, command: 'phasewise.goToCurrentPhase' };
  }
  if (plan.tasks.length) {
    const text = `$(checklist) ${count.completed}/${count.total} tasks done`;
    md.appendMarkdown('\n\n');
    md.appendText(`${count.completed} of ${count.total} tasks done (${percent(count.completed, count.total)}%)`);
    md.appendMarkdown('\n\n*Click to go to the next open task.*');
    return { text, accessibility: `Phasewise: ${count.completed} of ${count.total} tasks done`, tooltip: md, command: 'phasewise.resume' };
  }
  return undefined;
}

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
  const item = vscode.window.createStatusBarItem('phasewise.status', vscode.StatusBarAlignment.Left, 50);
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
    item.tooltip = view.tooltip;
    item.accessibilityInformation = { label: view.accessibility };
    item.command = { command: view.command, title: view.command === 'phasewise.resume' ? 'Go to the Next Open Task' : 'Go to Current Phase' };
    item.show();
  };

  s.context.subscriptions.push(item, s.onDidChangeActivePlan(update));
  update();
  return item;
}
