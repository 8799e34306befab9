/**
 * Pause timer / Resume timer: stop and restart the clock of a phase or task in progress, without
 * changing the file. Time in progress (tree, progress view, Actual Duration on completion) leaves
 * paused time out. Arguments as for the status commands: a tree node, a TargetRef, or nothing
 * (the element at the cursor, else one picked from the active plan).
 */
import * as vscode from 'vscode';
import { Command } from '../ids';
import type { Services } from '../services';
import { invocationOf } from '../targets';
import type { CommandGroup } from './groups';
import { type Current, currentOf, targetFromEditor } from './status';

/** The element a timer command acts on, as it is now; a message when it cannot be found. */
async function timedElement(s: Services, args: readonly unknown[], placeHolder: string): Promise<Current | undefined> {
  const ref = invocationOf(args).ref ?? (await targetFromEditor(s, 'any', placeHolder));
  if (!ref) return undefined;
  const el = await currentOf(s, ref);
  if (!el)
    void vscode.window.showWarningMessage(`Phasewise: "${ref.title}" is no longer where it was (the document changed); try again from the updated view.`);
  return el;
}

async function pauseTimer(s: Services, args: readonly unknown[]): Promise<boolean> {
  const el = await timedElement(s, args, 'Choose the phase or task whose timer to pause');
  if (!el) return false;
  const clock = s.history.timeInProgress(el.file, el.key);
  if (el.status !== 'in-progress' || clock === undefined) {
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
  if (el.status !== 'in-progress' || !s.history.isPaused(el.file, el.key)) {
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
