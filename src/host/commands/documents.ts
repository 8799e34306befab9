/**
 * Whole documents: a new plan, log, session summary or tracker (an optional `{ title: string }`
 * skips the prompt), and the repair of damaged emoji in the active document.
 */
import * as vscode from 'vscode';
import { newDocument, repairEdits, type DocumentTemplate } from '../../core';
import { applyToDocument } from '../apply';
import { Command, type CommandId } from '../ids';
import type { Services } from '../services';
import type { CommandGroup } from './groups';
import { fileName, titleArgument } from './shared';

const DOCUMENT_NOUNS: Record<DocumentTemplate, { noun: string; example: string }> = {
  plan: { noun: 'execution plan', example: 'Offline sync for the notes app' },
  log: { noun: 'execution log', example: 'Offline sync, first week' },
  summary: { noun: 'session summary', example: 'Merge conflicts, afternoon session' },
  tracker: { noun: 'task tracker', example: 'Offline sync tasks' },
};

/** The document each new-document command opens. */
const DOCUMENT_COMMANDS: ReadonlyArray<readonly [CommandId, DocumentTemplate]> = [
  [Command.newPlan, 'plan'],
  [Command.newLog, 'log'],
  [Command.newSummary, 'summary'],
  [Command.newTracker, 'tracker'],
];

async function newDocumentCommand(kind: DocumentTemplate, arg: unknown): Promise<vscode.Uri | undefined> {
  const { noun, example } = DOCUMENT_NOUNS[kind];
  let title = titleArgument(arg);
  if (title === undefined) {
    title = await vscode.window.showInputBox({
      title: `Phasewise: New ${noun.replace(/\b\w/g, (c) => c.toUpperCase())}`,
      prompt: `Title of the ${noun} (leave empty for a placeholder)`,
      placeHolder: `e.g. ${example}`,
      ignoreFocusOut: true,
    });
    if (title === undefined) return undefined; // cancelled
  }
  const eol = vscode.workspace.getConfiguration('files').get<string>('eol') === '\r\n' ? '\r\n' : '\n';
  const content = newDocument(kind, { title: title.trim() || undefined, eol });
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  const editor = await vscode.window.showTextDocument(document);
  const end = document.lineAt(0).range.end;
  editor.selection = new vscode.Selection(end, end);
  return document.uri;
}

async function repairEmoji(s: Services): Promise<number> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Phasewise: open a document to repair first.');
    return 0;
  }
  const edits = repairEdits(editor.document.getText());
  if (!edits.length) {
    void vscode.window.showInformationMessage('No damaged emoji found.');
    return 0;
  }
  const result = await applyToDocument(s.store, editor.document, edits);
  if (!result.applied) {
    void vscode.window.showWarningMessage(`Phasewise: ${result.message ?? 'the repair could not be applied.'}`);
    return 0;
  }
  void vscode.window.showInformationMessage(`Phasewise: repaired ${edits.length} damaged emoji in ${fileName(editor.document.uri)}.`);
  return edits.length;
}

export function documentCommands(s: Services): CommandGroup {
  return {
    ...Object.fromEntries(DOCUMENT_COMMANDS.map(([id, kind]) => [id, (arg?: unknown) => newDocumentCommand(kind, arg)])),
    [Command.repairEmoji]: () => repairEmoji(s),
  };
}
