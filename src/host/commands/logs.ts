/**
 * Execution logs: Collect Gold Nuggets into Guidelines writes the log's Future Development
 * Guidelines from its nuggets, grouped by domain, as one edit (one undo) in a marked block that
 * a second run replaces. It takes the log's URI (or a Plans view node), else the active editor's
 * log, else asks which log.
 */
import * as vscode from 'vscode';
import { GUIDELINES_START, guidelinesEdit, nuggetEntries, parsePlan } from '../../core';
import { applyToDocument } from '../apply';
import { Command } from '../ids';
import type { Services } from '../services';
import type { CommandGroup } from './groups';
import { activeMarkdownEditor, fileName } from './shared';

/** The log the command works on. */
async function targetLog(s: Services, arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const node = arg as { uri?: unknown } | undefined;
  if (node?.uri instanceof vscode.Uri) return node.uri;
  const editor = activeMarkdownEditor();
  if (editor && parsePlan(editor.document.getText()).nuggets.length) return editor.document.uri;
  await s.store.ready();
  const logs = s.store.all().filter((e) => e.doc.plan.nuggets.length);
  if (!logs.length) {
    void vscode.window.showInformationMessage('Phasewise: no execution log in the workspace has Gold Nuggets yet.');
    return undefined;
  }
  if (logs.length === 1) return logs[0].uri;
  const pick = await vscode.window.showQuickPick(
    logs.map((e) => ({
      label: e.doc.plan.title ?? fileName(e.uri),
      description: vscode.workspace.asRelativePath(e.uri),
      detail: `${e.doc.plan.nuggets.length} Gold Nuggets`,
      uri: e.uri,
    })),
    { placeHolder: 'Collect the Gold Nuggets of which log?' },
  );
  return pick?.uri;
}

async function collectGuidelines(s: Services, arg: unknown): Promise<boolean> {
  const uri = await targetLog(s, arg);
  if (!uri) return false;
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  const plan = s.store.sync(document)?.doc.plan ?? parsePlan(text);
  const count = nuggetEntries(text, plan).length;
  if (!count) {
    void vscode.window.showInformationMessage(`Phasewise: ${fileName(uri)} has no Gold Nuggets to collect.`);
    return false;
  }
  const edits = guidelinesEdit(text, plan);
  if (!edits.length) {
    void vscode.window.showInformationMessage(`Phasewise: the guidelines of ${fileName(uri)} already hold its ${count} Gold Nuggets.`);
    return false;
  }
  const replaced = text.includes(GUIDELINES_START);
  const result = await applyToDocument(s.store, document, edits);
  if (!result.applied) {
    void vscode.window.showWarningMessage(`Phasewise: ${result.message ?? 'the guidelines could not be written.'}`);
    return false;
  }
  const at = document.getText().indexOf(GUIDELINES_START);
  const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
  const position = document.positionAt(at);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  void vscode.window.showInformationMessage(
    `Phasewise: ${replaced ? 'updated' : 'wrote'} the Future Development Guidelines of ${fileName(uri)} from ${count} Gold Nugget${count === 1 ? '' : 's'}.`,
  );
  return true;
}

export function logCommands(s: Services): CommandGroup {
  return { [Command.collectGuidelines]: (arg?: unknown) => collectGuidelines(s, arg) };
}
