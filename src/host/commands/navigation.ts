/** Navigation: the current phase, the next open step, a line of a document. */
import * as vscode from 'vscode';
import { PhasewiseError, currentPhaseIndex, nextWork, phaseName } from '../../core';
import { Command } from '../ids';
import { revealLine } from '../reveal';
import type { Services } from '../services';
import type { PlanEntry } from '../store';
import type { CommandGroup } from './groups';
import { fileName } from './shared';

/** The active plan, opened and brought up to date, or a message saying there is none. */
async function openActivePlan(s: Services): Promise<{ document: vscode.TextDocument; entry: PlanEntry } | undefined> {
  const active = s.activePlan();
  if (!active) {
    void vscode.window.showInformationMessage('Phasewise: no execution plan is active. Open a plan (a Markdown file with phases or tasks) first.');
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(active.uri);
  const entry = s.store.sync(document);
  if (!entry) {
    void vscode.window.showInformationMessage(`Phasewise: ${fileName(active.uri)} is no longer a plan.`);
    return undefined;
  }
  return { document, entry };
}

async function goToCurrentPhase(s: Services): Promise<boolean> {
  const opened = await openActivePlan(s);
  if (!opened) return false;
  const plan = opened.entry.doc.plan;
  if (!plan.phases.length) {
    void vscode.window.showInformationMessage(`Phasewise: ${fileName(opened.document.uri)} has no phases.`);
    return false;
  }
  const index = currentPhaseIndex(plan);
  if (index === undefined) {
    void vscode.window.showInformationMessage(`Phasewise: every phase of ${fileName(opened.document.uri)} is completed.`);
    return false;
  }
  await revealLine(opened.document.uri, plan.phases[index].line);
  return true;
}

async function resume(s: Services): Promise<boolean> {
  const opened = await openActivePlan(s);
  if (!opened) return false;
  const { document } = opened;
  const plan = opened.entry.doc.plan;
  const work = nextWork(plan);
  if (work.task !== undefined) {
    const line = plan.tasks[work.task].line;
    const editor = await revealLine(document.uri, line);
    const end = new vscode.Position(line, editor.document.lineAt(line).text.trimEnd().length);
    editor.selection = new vscode.Selection(end, end);
    return true;
  }
  if (work.phase !== undefined) {
    await revealLine(document.uri, plan.phases[work.phase].line);
    void vscode.window.setStatusBarMessage(`Phasewise: ${phaseName(plan.phases[work.phase])} has no open steps.`, 5000);
    return true;
  }
  void vscode.window.showInformationMessage(`Phasewise: nothing is left open in ${fileName(document.uri)}.`);
  return false;
}

async function revealLineCommand(uri: unknown, line: unknown): Promise<boolean> {
  const target = uri instanceof vscode.Uri ? uri : typeof uri === 'string' && uri ? vscode.Uri.parse(uri) : undefined;
  if (!target || typeof line !== 'number' || !Number.isFinite(line)) {
    throw new PhasewiseError('Reveal Line needs a document and a line number.');
  }
  await revealLine(target, Math.max(0, Math.floor(line)));
  return true;
}

export function navigationCommands(s: Services): CommandGroup {
  return {
    [Command.goToCurrentPhase]: () => goToCurrentPhase(s),
    [Command.resume]: () => resume(s),
    [Command.revealLine]: (uri?: unknown, line?: unknown) => revealLineCommand(uri, line),
  };
}
