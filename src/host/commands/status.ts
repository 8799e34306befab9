/**
 * Status changes: start, complete, fail and reopen a phase or task, and Set Status.
 *
 * Argument conventions (see invocationOf in targets.ts):
 * - `(ref: TargetRef, 'lens')`: from a CodeLens; recorded in the history as 'lens';
 * - `(node: { ref: TargetRef })`: from the Plans view; recorded as 'tree';
 * - `(ref: TargetRef)`: from another caller; recorded as 'command';
 * - nothing: the element at the cursor of the active Markdown editor, else one picked from
 *   the active plan; recorded as 'command'.
 * Set Status also takes the status as its second argument (skipping the picker).
 *
 * Every edit goes through setStatusAt: checked against the document as it is now, applied as
 * one WorkspaceEdit (one undo step).
 */
import * as vscode from 'vscode';
import {
  STATUSES,
  isKnownStatus,
  phaseTaskCounts,
  type KnownStatus,
  type Status,
  STATUS_NAMES,
  phaseKey,
  phaseName,
  taskKey,
  taskName,
  elementOnLine,
  phaseAt,
  taskAt,
} from '../../core';
import { STATUS_ACTIONS, type TargetKind } from '../actions';
import { setStatusAt } from '../apply';
import { statusIconText } from '../icons';
import { Command } from '../ids';
import type { Services } from '../services';
import type { PlanEntry } from '../store';
import { invocationOf, phaseRef, resolveRef, taskRef, type TargetRef } from '../targets';
import type { CommandGroup } from './groups';
import { activeMarkdownEditor, fileName } from './shared';

export type Want = TargetKind | 'any';

interface PickItem extends vscode.QuickPickItem {
  ref: TargetRef;
}

/** The element at the cursor of `editor`, when there is one of the kind wanted. */
function targetAtCursor(entry: PlanEntry, editor: vscode.TextEditor, want: Want): TargetRef | undefined {
  const plan = entry.doc.plan;
  const position = editor.selection.active;
  const offset = editor.document.offsetAt(position);
  const version = editor.document.version;
  if (want === 'any') {
    const on = elementOnLine(plan, position.line);
    if (on) return (on.kind === 'phase' ? phaseRef : taskRef)(entry.uri, plan, on.index, version);
  }
  if (want === 'task') {
    const task = taskAt(plan, position.line, offset);
    return task === undefined ? undefined : taskRef(entry.uri, plan, task, version);
  }
  const phase = phaseAt(plan, offset);
  return phase === undefined ? undefined : phaseRef(entry.uri, plan, phase, version);
}

/** The phases (or tasks) of a plan as quick pick items. */
function pickItems(entry: PlanEntry, want: Want): PickItem[] {
  const plan = entry.doc.plan;
  const items: PickItem[] = [];
  const indent = (depth: number): string => '\u00a0\u00a0'.repeat(depth);
  if (want !== 'task') {
    plan.phases.forEach((p, i) => {
      const { done, total } = phaseTaskCounts(plan, p);
      items.push({
        label: `${statusIconText(p.status)} ${indent(p.depth)}${phaseName(p)}`,
        description: STATUS_NAMES[p.status],
        detail: total ? `${done}/${total} steps done` : undefined,
        ref: phaseRef(entry.uri, plan, i, entry.version),
      });
    });
  }
  if (want === 'task' || (want === 'any' && !plan.phases.length)) {
    plan.tasks.forEach((t, i) => {
      const phase = t.phase !== undefined ? plan.phases[t.phase] : undefined;
      items.push({
        label: `${statusIconText(t.status)} ${indent(t.depth)}${taskName(t)}`,
        description: [STATUS_NAMES[t.status], phase && phaseName(phase)].filter(Boolean).join(' · '),
        ref: taskRef(entry.uri, plan, i, entry.version),
      });
    });
  }
  return items;
}

/**
 * The element a command without an argument works on: at the cursor of the active Markdown
 * editor, else chosen from the active plan. Undefined when there is none or the user cancelled.
 */
export async function targetFromEditor(s: Services, want: Want, placeHolder: string): Promise<TargetRef | undefined> {
  const editor = activeMarkdownEditor();
  let entry = editor ? s.store.sync(editor.document) : undefined;
  if (editor && entry) {
    const ref = targetAtCursor(entry, editor, want);
    if (ref) return ref;
  }
  entry ??= s.activePlan();
  if (!entry) {
    void vscode.window.showInformationMessage('Phasewise: open an execution plan (a Markdown file with phases or tasks) first.');
    return undefined;
  }
  const items = pickItems(entry, want);
  if (!items.length) {
    const what = want === 'task' ? 'tasks' : 'phases';
    void vscode.window.showInformationMessage(`Phasewise: ${fileName(entry.uri)} has no ${what}.`);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return pick?.ref;
}

export interface Current {
  status: Status;
  name: string;
  checkbox: boolean;
  /** The document's URI and the element's history key. */
  file: string;
  key: string;
}

/** The element `ref` points at in the document as it is now, when it can be found. */
export async function currentOf(s: Services, ref: TargetRef): Promise<Current | undefined> {
  try {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
    const entry = s.store.sync(document);
    if (!entry) return undefined;
    const plan = entry.doc.plan;
    const target = resolveRef(plan, ref, document.version);
    if (!target) return undefined;
    const file = document.uri.toString();
    if (target.kind === 'phase') {
      const p = plan.phases[target.index];
      return { status: p.status, name: phaseName(p), checkbox: false, file, key: phaseKey(p) };
    }
    const t = plan.tasks[target.index];
    return { status: t.status, name: taskName(t), checkbox: t.kind === 'checkbox', file, key: taskKey(t, plan) };
  } catch {
    return undefined; // setStatusAt reports why
  }
}

/** Says so and returns true when the element already has `status`. */
function alreadyThere(current: Current | undefined, status: KnownStatus): boolean {
  if (!current || current.status !== status) return false;
  void vscode.window.showInformationMessage(`Phasewise: ${current.name} is already ${STATUS_NAMES[status].toLowerCase()}.`);
  return true;
}

async function changeStatus(s: Services, kind: TargetKind, status: KnownStatus, args: readonly unknown[], placeHolder: string): Promise<boolean> {
  const invocation = invocationOf(args);
  let ref = invocation.ref;
  if (ref && ref.kind !== kind) {
    void vscode.window.showWarningMessage(`Phasewise: "${ref.title}" is a ${ref.kind}; this command changes ${kind}s.`);
    return false;
  }
  ref ??= await targetFromEditor(s, kind, placeHolder);
  if (!ref) return false;
  if (alreadyThere(await currentOf(s, ref), status)) return false;
  return setStatusAt(s.store, s.history, ref, status, invocation.source);
}

async function setStatusCommand(s: Services, args: readonly unknown[]): Promise<boolean> {
  const invocation = invocationOf(args);
  const given = typeof args[1] === 'string' && isKnownStatus(args[1]) ? args[1] : undefined;
  const ref = invocation.ref ?? (await targetFromEditor(s, 'any', 'Choose the phase whose status to set'));
  if (!ref) return false;
  const current = await currentOf(s, ref);
  let status = given;
  if (!status) {
    const items = STATUSES.filter((st) => !(current?.checkbox && st === 'failed')).map((st) => ({
      label: `${statusIconText(st)} ${STATUS_NAMES[st]}`,
      description: current?.status === st ? 'current' : undefined,
      status: st,
    }));
    const pick = await vscode.window.showQuickPick(items, {
      title: `Phasewise: Set Status of ${current?.name ?? ref.title}`,
      placeHolder: 'Choose the new status',
    });
    if (!pick) return false;
    status = pick.status;
  }
  if (alreadyThere(current, status)) return false;
  return setStatusAt(s.store, s.history, ref, status, invocation.source);
}

/** Toggle Task at Cursor: completes the task at the cursor, or reopens it when it is completed. */
async function toggleTask(s: Services, args: readonly unknown[]): Promise<boolean> {
  const invocation = invocationOf(args);
  let ref = invocation.ref;
  if (!ref) {
    const editor = activeMarkdownEditor();
    const entry = editor && s.store.sync(editor.document);
    ref = editor && entry ? targetAtCursor(entry, editor, 'task') : undefined;
  }
  if (!ref || ref.kind !== 'task') {
    void vscode.window.showInformationMessage('Phasewise: put the cursor on a task (a checkbox, a step or a tracker entry) to toggle it.');
    return false;
  }
  const current = await currentOf(s, ref);
  return setStatusAt(s.store, s.history, ref, current?.status === 'completed' ? 'pending' : 'completed', invocation.source);
}

export function statusCommands(s: Services): CommandGroup {
  const group: Record<string, (...args: unknown[]) => Promise<boolean>> = {
    [Command.setStatus]: (...args) => setStatusCommand(s, args),
    [Command.toggleTask]: (...args) => toggleTask(s, args),
  };
  for (const a of STATUS_ACTIONS) group[a.command] = (...args) => changeStatus(s, a.kind, a.status, args, a.placeHolder);
  return group;
}
