/**
 * Pause timer / Resume timer: stop and restart the clock of a phase or task in progress, without
 * changing the file. Time in progress (tree, progress view, Actual Duration on completion) leaves
 * paused time out. Arguments as for the status commands: a tree node, a TargetRef, or nothing
 * (the element at the cursor, else one picked from the active plan).
 */
import * as vscode from 'vscode';
import { phaseKey, phaseName, taskKey, taskName } from '../../core';
import { Command } from '../ids';
import type { Services } from '../services';
import { invocationOf, resolveRef } from '../targets';
import type { CommandGroup } from './groups';
import { targetFromEditor } from './status';

interface Timed {
  file: string;
  key: string;
  name: string;
  inProgress: boolean;
}

async function timedElement(s: Services, args: readonly unknown[], placeHolder: string): Promise<Timed | undefined> {
  const ref = invocationOf(args).ref ?? (await targetFromEditor(s, 'any', placeHolder));
  if (!ref) return undefined;
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
  } catch {
    void vscode.window.showWarningMessage(`Phasewise: cannot open ${ref.uri}.`);
    return undefined;
  }
  const plan = s.store.sync(document)?.doc.plan;
  const target = plan && resolveRef(plan, ref, document.version);
  if (!plan || !target) {
    void vscode.window.showWarningMessage(`Phasewise: "${ref.title}" is no longer where it was (the document changed); try again from the updated view.`);
    return undefined;
  }
  const file = document.uri.toString();
  if (target.kind === 'phase') {
    const p = plan.phases[target.index];
    return { file, key: phaseKey(p), name: phaseName(p), inProgress: p.status === 'in-progress' };
  }
  const t = plan.tasks[target.index];
  return { file, key: taskKey(t, plan), name: taskName(t), inProgress: t.status === 'in-progress' };
}

async function pauseTimer(s: Services, args: readonly unknown[]): Promise<boolean> {
  const el = await timedElement(s, args, 'Choose the phase or task whose timer to pause');
  if (!el) return false;
  const clock = s.history.timeInProgress(el.file, el.key);
  if (!el.inProgress || clock === undefined) {
    void vscode.window.showInformationMessage(`Phasewise: ${el.name} has no running timer: it was not started in progress here.`);
    return false;
  }
  if (s.history.isPaused(el.file, el.key)) {
    void vscode.window.showInformationMessage(`Phasewise: the timer of ${el.name} is already paused.`);
    return false;
  }
  await s.history.setTimer(el.file, el.key, el.name, 'pause');
  void vscode.window.setStatusBarMessage(`Phasewise: timer of ${el.name} paused`, 4000);
  return true;
}

async function resumeTimer(s: Services, args: readonly unknown[]): Promise<boolean> {
  const el = await timedElement(s, args, 'Choose the phase or task whose timer to resume');
  if (!el) return false;
  if (!el.inProgress || !s.history.isPaused(el.file, el.key)) {
    void vscode.window.showInformationMessage(`Phasewise: the timer of ${el.name} is not paused.`);
    return false;
  }
  await s.history.setTimer(el.file, el.key, el.name, 'resume');
  void vscode.window.setStatusBarMessage(`Phasewise: timer of ${el.name} running again`, 4000);
  return true;
}

export function timerCommands(s: Services): CommandGroup {
  return {
    [Command.pauseTimer]: (...args: unknown[]) => pauseTimer(s, args),
    [Command.resumeTimer]: (...args: unknown[]) => resumeTimer(s, args),
  };
}
