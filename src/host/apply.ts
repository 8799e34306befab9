/**
 * Turning the core's guarded edits into one WorkspaceEdit, and finding the phase or task an
 * action was rendered for in the document as it is now.
 */
import * as vscode from 'vscode';
import {
  type KnownStatus,
  type Plan,
  type TextEdit,
  StaleEditError,
  PhasewiseError,
  setStatus,
  type Target,
  verifyEdits,
} from '../core';
import type { HistorySource, History, HistoryEvent } from './history';
import { statusKeys, transitions } from './history';
import type { PlanStore } from './store';

/**
 * What a lens, tree item or webview row points at: the document version it was made for, the
 * element's index then, and enough to find the same element again after the text changed.
 */
export interface TargetRef {
  uri: string;
  kind: 'phase' | 'task';
  index: number;
  /** Document version the reference was made from (undefined: read from disk). */
  version?: number;
  /** Phase number or ID, task ID; else undefined. */
  key?: string;
  title: string;
  line: number;
}

export function phaseRef(uri: vscode.Uri, plan: Plan, index: number, version: number | undefined): TargetRef {
  const p = plan.phases[index];
  return { uri: uri.toString(), kind: 'phase', index, version, key: p.number ?? p.id, title: p.title, line: p.line };
}

export function taskRef(uri: vscode.Uri, plan: Plan, index: number, version: number | undefined): TargetRef {
  const t = plan.tasks[index];
  return { uri: uri.toString(), kind: 'task', index, version, key: t.id, title: t.title, line: t.line };
}

export function isTargetRef(x: unknown): x is TargetRef {
  if (!x || typeof x !== 'object') return false;
  const r = x as Partial<TargetRef>;
  return typeof r.uri === 'string' && (r.kind === 'phase' || r.kind === 'task') && Number.isInteger(r.index) && typeof r.title === 'string' && Number.isInteger(r.line);
}

/**
 * The element `ref` points at in `plan` (the document as it is now): the same index when the
 * document has not changed, else the one element with the same key and title. Undefined when
 * that is not certain: the caller refuses rather than edit the wrong line.
 */
export function resolveRef(plan: Plan, ref: TargetRef, version: number | undefined): Target | undefined {
  const list = ref.kind === 'phase' ? plan.phases : plan.tasks;
  const same = (i: number): boolean => {
    const el = list[i];
    if (!el) return false;
    const key = ref.kind === 'phase' ? (plan.phases[i].number ?? plan.phases[i].id) : plan.tasks[i].id;
    return key === ref.key && el.title === ref.title;
  };
  if (version !== undefined && ref.version === version && same(ref.index)) return { kind: ref.kind, index: ref.index };
  const matches: number[] = [];
  for (let i = 0; i < list.length; i++) if (same(i)) matches.push(i);
  if (matches.length === 1) return { kind: ref.kind, index: matches[0] };
  if (matches.length > 1) {
    // Several with the same key and title: only the one still on the same line is certain.
    const onLine = matches.filter((i) => list[i].line === ref.line);
    if (onLine.length === 1) return { kind: ref.kind, index: onLine[0] };
  }
  return undefined;
}

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
}

/**
 * Applies guarded edits to an open document: checks each edit's expected text against the
 * document now, applies all of them as one WorkspaceEdit, and saves when the document had no
 * unsaved changes before (setting `phasewise.saveAfterEdit`).
 */
export async function applyToDocument(store: PlanStore, document: vscode.TextDocument, edits: readonly TextEdit[]): Promise<ApplyResult> {
  if (!edits.length) return { applied: false, message: 'Nothing to change.' };
  try {
    verifyEdits(document.getText(), edits);
  } catch (err) {
    if (err instanceof StaleEditError) return { applied: false, message: `The document changed: ${err.message}` };
    throw err;
  }
  const wasDirty = document.isDirty;
  const ok = await store.asPhasewise(document.uri, () => vscode.workspace.applyEdit(toWorkspaceEdit(document, edits)));
  if (!ok) return { applied: false, message: 'VS Code refused the edit (is the file read-only?).' };
  store.sync(document);
  const save = vscode.workspace.getConfiguration('phasewise', document.uri).get<boolean>('saveAfterEdit', true);
  if (save && !wasDirty && document.uri.scheme !== 'untitled') await document.save();
  return { applied: true };
}

/**
 * Sets the status of the element `ref` points at, in the document as it is now, records the
 * transitions in the history, and reports a refusal to the user.
 */
export async function setStatusAt(
  store: PlanStore,
  history: History,
  ref: TargetRef,
  status: KnownStatus,
  source: HistorySource,
): Promise<boolean> {
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
    edits = setStatus(document.getText(), before, target, status);
  } catch (err) {
    if (err instanceof PhasewiseError) {
      void vscode.window.showWarningMessage(`Phasewise: ${err.message}`);
      return false;
    }
    throw err;
  }
  if (!edits.length) {
    void vscode.window.showInformationMessage(`Phasewise: "${ref.title}" is already ${status.replace('-', ' ')}.`);
    return false;
  }
  const result = await applyToDocument(store, document, edits);
  if (!result.applied) {
    if (result.message) void vscode.window.showWarningMessage(`Phasewise: ${result.message}`);
    return false;
  }
  const after = store.get(uri)?.doc.plan;
  if (after) await history.record(eventsFor(uri, before, after, source));
  return true;
}

export function eventsFor(uri: vscode.Uri, before: Plan, after: Plan, source: HistorySource, time = Date.now()): HistoryEvent[] {
  return transitions(before, after).map((t) => ({ file: uri.toString(), target: t.target, key: t.key, label: t.label, from: t.from, to: t.to, time, source }));
}

export { statusKeys };
