// Helpers shared by the in-editor tests.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PhasewiseApi } from '../../src/extension';

export const EXTENSION_ID = 'phasewise.phasewise';

/** The activated extension's API, after plan discovery has finished. */
export async function getApi(): Promise<PhasewiseApi> {
  const extension = vscode.extensions.getExtension<PhasewiseApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  await api.services.store.ready();
  return api;
}

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder.uri;
}

/** Polls `probe` until it returns something truthy; fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const created: vscode.Uri[] = [];
let counter = 0;

/** Writes `text` to a new Markdown file in the workspace folder and opens it in the active editor. */
export async function openNewFile(prefix: string, text: string): Promise<{ uri: vscode.Uri; document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const uri = vscode.Uri.joinPath(workspaceFolder(), `${prefix}-${process.pid}-${++counter}.md`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  created.push(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  return { uri, document, editor };
}

/** Closes every editor (dropping unsaved changes) and deletes the files made with openNewFile. */
export async function cleanUp(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  for (const uri of created.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
}
