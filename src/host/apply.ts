/**
 * Turning the core's guarded edits into one WorkspaceEdit, and finding the phase or task an
 * action was rendered for in the document as it is now.
 */
import * as vscode from 'vscode';
import {
  type KnownStatus,
  type Plan,
  type Target,
  type TextEdit,
  StaleEditError,
  PhasewiseError,
  inexpressibleReason,
  phaseKey,
  setStatus,
  verifyEdits,
} from '../core';
import type { History } from './history';
import { transitions, type HistoryEvent, type HistorySource } from './historyModel';
import { SETTINGS, Setting } from './ids';
import type { PlanStore } from './store';
import { resolveRef, type TargetRef } from './targets';

/** Replaces offsets in `document` with the core's edits, as one WorkspaceEdit (one undo step). */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) {
    we.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.text);
  }
  return we;
}

export interface ApplyResult {
  applied: boolean;
  message?: string;
  /** The document's model before and after the edit (when it is a plan). */
  before?: Plan;
  after?: Plan;
}

/**
 * Applies guarded edits to an open document: checks each edit's expected text against the
 * document now, applies all of them as one WorkspaceEdit, and saves when the document had no
 * unsaved changes before (the saveAfterEdit setting).
 */
export async function applyToDocument(store: PlanStore, document: vscode.TextDocument, edits: readonly TextEdit[]): Promise<ApplyResult> {
  if (!edits.length) return { applied: false, message: 'Nothing to change.' };
  try {
    verifyEdits(document.getText(), edits);
  } catch (err) {
    if (err instanceof StaleEditError) return { applied: false, message: `The document changed: ${err.message}` };
    throw err;
  }
  const before = store.sync(document)?.doc.plan;
  const wasDirty = document.isDirty;
  const ok = await store.asPhasewise(document.uri, () => vscode.workspace.applyEdit(toWorkspaceEdit(document, edits)));
  if (!ok) return { applied: false, message: 'VS Code refused the edit (the document changed meanwhile, or it is read-only).' };
  const after = store.sync(document)?.doc.plan;
  const save = vscode.workspace.getConfiguration(SETTINGS, document.uri).get<boolean>(Setting.saveAfterEdit, true);
  if (save && !wasDirty && document.uri.scheme !== 'untitled') await saveUntouched(document);
  // An unsaved change nobody can see would be lost from view: show it (without taking focus).
  if (document.isDirty && !vscode.window.visibleTextEditors.some((e) => e.document === document)) {
    await vscode.window.showTextDocument(document, { preserveFocus: true, preview: true });
  }
  return { applied: true, before, after };
}

/** True when saving `document` would let save participants change other text (format, trim...). */
function saveWouldReformat(document: vscode.TextDocument): boolean {
  const scope = { uri: document.uri, languageId: document.languageId };
  const editor = vscode.workspace.getConfiguration('editor', scope);
  const files = vscode.workspace.getConfiguration('files', scope);
  const actions = editor.get<unknown>('codeActionsOnSave');
  const hasActions = Array.isArray(actions)
    ? actions.length > 0
    : !!actions && Object.values(actions as object).some((v) => v === true || v === 'explicit' || v === 'always');
  return (
    !!editor.get('formatOnSave') || !!files.get('trimTrailingWhitespace') || !!files.get('insertFinalNewline') || !!files.get('trimFinalNewlines') || hasActions
  );
}

/**
 * Saves a document Phasewise just edited without letting anything else change it: the active
 * editor is saved without formatting; another document is saved only when no save participant
 * would touch it. A file that was deleted or moved meanwhile is not written back.
 */
async function saveUntouched(document: vscode.TextDocument): Promise<void> {
  try {
    await vscode.workspace.fs.stat(document.uri);
  } catch {
    return; // gone from disk: saving would create it again
  }
  if (vscode.window.activeTextEditor?.document === document) {
    await vscode.commands.executeCommand('workbench.action.files.saveWithoutFormatting');
    return;
  }
  if (saveWouldReformat(document)) return; // stays unsaved, visible as such in the editor
  if (!(await document.save()))
    void vscode.window.showWarningMessage(`Phasewise: ${vscode.workspace.asRelativePath(document.uri)} could not be saved; the change is in the editor.`);
}

/**
 * Sets the status of the element `ref` points at, in the document as it is now, records the
 * transitions in the history, and reports a refusal to the user.
 */
export async function setStatusAt(store: PlanStore, history: History, ref: TargetRef, status: KnownStatus, source: HistorySource): Promise<boolean> {
  const uri = vscode.Uri.parse(ref.uri);
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch (err) {
    void vscode.window.showErrorMessage(`Phasewise: cannot open ${vscode.workspace.asRelativePath(uri)}: ${String(err)}`);
    return false;
  }
  const entry = store.sync(document);
  if (!entry) {
    void vscode.window.showWarningMessage(`Phasewise: ${vscode.workspace.asRelativePath(uri)} is no longer a plan.`);
    return false;
  }
  const before = entry.doc.plan;
  const target = resolveRef(before, ref, document.version);
  if (!target) {
    void vscode.window.showWarningMessage(
      `Phasewise: "${ref.title}" is no longer where it was in ${vscode.workspace.asRelativePath(uri)} (the document changed). Nothing was edited; try again from the updated view.`,
    );
    return false;
  }
  let edits: TextEdit[];
  try {
    edits = setStatus(document.getText(), before, target, status, { actualMs: measuredTime(history, uri, before, target) });
  } catch (err) {
    if (err instanceof PhasewiseError) {
      void vscode.window.showWarningMessage(`Phasewise: ${err.message}`);
      return false;
    }
    throw err;
  }
  if (!edits.length) {
    const now = target.kind === 'phase' ? before.phases[target.index].status : before.tasks[target.index].status;
    if (now === status) void vscode.window.showInformationMessage(`Phasewise: "${ref.title}" is already ${status.replace('-', ' ')}.`);
    else
      void vscode.window.showInformationMessage(
        `Phasewise: this file has no way to write ${status.replace('-', ' ')} for "${ref.title}" (${inexpressibleReason(before, target, status)}); nothing was changed.`,
      );
    return false;
  }
  const result = await applyToDocument(store, document, edits);
  if (!result.applied) {
    if (result.message) void vscode.window.showWarningMessage(`Phasewise: ${result.message}`);
    return false;
  }
  if (result.after) await history.record(eventsFor(uri, before, result.after, source));
  return true;
}

/** How long the history measured a phase in progress (pauses left out), for its Actual Duration field. */
export function measuredTime(history: History, uri: vscode.Uri, plan: Plan, target: Target, now = Date.now()): number | undefined {
  return target.kind === 'phase' ? history.timeInProgress(uri.toString(), phaseKey(plan.phases[target.index]), now) : undefined;
}

export function eventsFor(uri: vscode.Uri, before: Plan, after: Plan, source: HistorySource, time = Date.now()): HistoryEvent[] {
  return transitions(before, after).map((t) => ({ file: uri.toString(), target: t.target, key: t.key, label: t.label, from: t.from, to: t.to, time, source }));
}
