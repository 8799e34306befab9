/**
 * Whole documents: a new plan, log, session summary or tracker (an optional `{ title: string }`
 * skips the prompt), and the repair of damaged emoji in the active document.
 */
import * as vscode from 'vscode';
import { AGENT_BLOCK_START, newDocument, repairEdits, withAgentInstructions, type DocumentTemplate } from '../../core';
import { applyToDocument } from '../apply';
import { Command, type CommandId } from '../ids';
import type { Services } from '../services';
import type { CommandGroup } from './groups';
import { fileName, newDocumentEol, titleArgument } from './shared';

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
  const eol = newDocumentEol();
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

/** Where the agent instructions go: the file given, else AGENTS.md of the (chosen) workspace folder, else a file the user picks. */
async function instructionsTarget(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder =
    folders.length > 1 ? (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Add the agent instructions to which folder?' }))?.uri : folders[0]?.uri;
  if (folder) return vscode.Uri.joinPath(folder, 'AGENTS.md');
  const picked = await vscode.window.showSaveDialog({ title: 'Phasewise: Add Agent Instructions', filters: { Markdown: ['md'] } });
  return picked;
}

/**
 * Puts the instructions block for coding agents into AGENTS.md (or the file given): a new
 * file with the block, or the block replaced or appended in the document as one edit, saved
 * when the document had no unsaved changes.
 */
async function addAgentInstructions(arg: unknown): Promise<vscode.Uri | undefined> {
  const uri = await instructionsTarget(arg);
  if (!uri) return undefined;
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  if (!exists && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { contents: new TextEncoder().encode(withAgentInstructions('')), ignoreIfExists: true });
    await vscode.workspace.applyEdit(edit);
    void vscode.window.showInformationMessage(`Phasewise: wrote the agent instructions to ${fileName(uri)}.`);
    return uri;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const before = document.getText();
  const after = withAgentInstructions(before);
  if (after === before) {
    void vscode.window.showInformationMessage(`Phasewise: ${fileName(uri)} already has the current agent instructions.`);
    return uri;
  }
  // The changed range only: what lies before and after it stays untouched.
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const wasDirty = document.isDirty;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(document.positionAt(start), document.positionAt(before.length - tail)), after.slice(start, after.length - tail));
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage(`Phasewise: the agent instructions could not be written to ${fileName(uri)}.`);
    return undefined;
  }
  if (!wasDirty) await document.save();
  void vscode.window.showInformationMessage(
    `Phasewise: ${before.includes(AGENT_BLOCK_START) ? 'updated' : 'added'} the agent instructions in ${fileName(uri)}.`,
  );
  return uri;
}

export function documentCommands(s: Services): CommandGroup {
  return {
    ...Object.fromEntries(DOCUMENT_COMMANDS.map(([id, kind]) => [id, (arg?: unknown) => newDocumentCommand(kind, arg)])),
    [Command.repairEmoji]: () => repairEmoji(s),
    [Command.addAgentInstructions]: (arg?: unknown) => addAgentInstructions(arg),
  };
}
