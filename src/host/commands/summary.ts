/**
 * New Session Summary: a summary document built from the workspace's plans and the status
 * history, for a window the user picks (today, since the last summary, since a date), opened as
 * a new untitled document or written to a file the user names.
 *
 * Arguments (each skips its prompt): `{ since?: number | 'today' | 'last', title?: string,
 * target?: 'untitled' | vscode.Uri }`.
 */
import * as vscode from 'vscode';
import { sessionSummary, type SummaryDocument } from '../../core';
import { Command } from '../ids';
import type { Services } from '../services';
import type { CommandGroup } from './groups';
import { fileName, newDocumentEol } from './shared';

/** Workspace-state key of the time the last summary was made. */
export const LAST_SUMMARY_KEY = 'phasewise.lastSummary';

interface SummaryArgs {
  since?: number | 'today' | 'last';
  title?: string;
  target?: 'untitled' | vscode.Uri;
}

function argsOf(arg: unknown): SummaryArgs {
  return arg && typeof arg === 'object' ? (arg as SummaryArgs) : {};
}

function startOfToday(now: Date): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

/** The window's start and its words, from the argument or a pick. */
async function pickWindow(s: Services, given: SummaryArgs['since'], now: Date): Promise<{ since: number; label: string } | undefined> {
  const last = s.context.workspaceState.get<number>(LAST_SUMMARY_KEY);
  const lastValid = typeof last === 'number' && Number.isFinite(last) && last <= now.getTime() ? last : undefined;
  const today = { since: startOfToday(now), label: `today (${now.toLocaleDateString()})` };
  if (typeof given === 'number') return { since: given, label: `since ${new Date(given).toLocaleString()}` };
  if (given === 'today') return today;
  if (given === 'last')
    return lastValid !== undefined ? { since: lastValid, label: `since the last summary (${new Date(lastValid).toLocaleString()})` } : today;
  const items: Array<vscode.QuickPickItem & { pick: 'today' | 'last' | 'date' }> = [{ label: 'Today', pick: 'today' }];
  if (lastValid !== undefined) items.push({ label: 'Since the last summary', description: new Date(lastValid).toLocaleString(), pick: 'last' });
  items.push({ label: 'Since a date…', pick: 'date' });
  const choice = await vscode.window.showQuickPick(items, { title: 'Phasewise: New Session Summary', placeHolder: 'Summarise the work done when?' });
  if (!choice) return undefined;
  if (choice.pick !== 'date') return pickWindow(s, choice.pick, now);
  const date = await vscode.window.showInputBox({
    title: 'Phasewise: New Session Summary',
    prompt: 'The first day of the window (YYYY-MM-DD)',
    placeHolder: new Date(now.getTime() - 7 * 86_400_000).toISOString().slice(0, 10),
    validateInput: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v.trim()) && !Number.isNaN(Date.parse(v.trim())) ? undefined : 'A date such as 2026-11-30'),
  });
  if (date === undefined) return undefined;
  const [y, m, d] = date.trim().split('-').map(Number);
  const since = new Date(y, m - 1, d).getTime();
  return { since, label: `since ${date.trim()}` };
}

/** The plans with history in the window or work in progress, and the logs changed in it. */
async function documentsFor(s: Services, since: number): Promise<SummaryDocument[]> {
  const touched = new Set(
    s.history
      .all()
      .filter((e) => e.time >= since)
      .map((e) => e.file),
  );
  const out: SummaryDocument[] = [];
  for (const entry of s.store.all()) {
    const uri = entry.uri.toString();
    const plan = entry.doc.plan;
    let include = touched.has(uri) || plan.phases.some((p) => p.status === 'in-progress');
    if (!include && (plan.kind === 'log' || plan.fixes.length)) {
      const mtime = await vscode.workspace.fs.stat(entry.uri).then(
        (st) => st.mtime,
        () => 0,
      );
      include = mtime >= since;
    }
    if (include) out.push({ file: vscode.workspace.asRelativePath(entry.uri), uri, plan });
  }
  return out;
}

async function newSessionSummary(s: Services, arg: unknown): Promise<vscode.Uri | undefined> {
  const args = argsOf(arg);
  const now = new Date();
  const window = await pickWindow(s, args.since, now);
  if (!window) return undefined;
  const docs = await documentsFor(s, window.since);
  if (!docs.length) {
    void vscode.window.showInformationMessage(`Phasewise: no plan changed ${window.label}, and none is in progress; nothing to summarise.`);
    return undefined;
  }
  const eol = newDocumentEol();
  const text = sessionSummary(docs, {
    now,
    title: args.title,
    eol,
    history: { ...window, events: s.history.all(), measured: (file, key) => s.history.timeInProgress(file, key, now.getTime()) },
  });
  let target = args.target;
  if (!target) {
    const where = await vscode.window.showQuickPick(
      [
        { label: 'Open as a new untitled document', target: 'untitled' as const },
        { label: 'Save as a file…', target: 'file' as const },
      ],
      { title: 'Phasewise: New Session Summary', placeHolder: 'Where should the summary go?' },
    );
    if (!where) return undefined;
    if (where.target === 'untitled') target = 'untitled';
    else {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      target = await vscode.window.showSaveDialog({
        title: 'Phasewise: Save the Session Summary',
        defaultUri: folder && vscode.Uri.joinPath(folder, `SESSION_SUMMARY_${now.toISOString().slice(0, 10)}.md`),
        filters: { Markdown: ['md'] },
      });
      if (!target) return undefined;
    }
  }
  let document: vscode.TextDocument;
  if (target === 'untitled') document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  else {
    // The save dialog has asked before replacing a file; an open editor of it is not written behind.
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === target.toString() && d.isDirty)) {
      void vscode.window.showWarningMessage(`Phasewise: ${fileName(target)} has unsaved changes; save or close it first.`);
      return undefined;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    document = await vscode.workspace.openTextDocument(target);
  }
  await vscode.window.showTextDocument(document);
  await s.context.workspaceState.update(LAST_SUMMARY_KEY, now.getTime());
  return document.uri;
}

export function summaryCommands(s: Services): CommandGroup {
  return { [Command.sessionSummary]: (arg?: unknown) => newSessionSummary(s, arg) };
}
