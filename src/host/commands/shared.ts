/** What several command groups need: names for messages, the active Markdown editor, arguments. */
import * as vscode from 'vscode';

/** A document's name in messages: its path in the workspace (an untitled document's name). */
export function fileName(uri: vscode.Uri): string {
  return uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri);
}

/** The line ending new documents get: the `files.eol` setting, else `\n`. */
export function newDocumentEol(): '\n' | '\r\n' {
  return vscode.workspace.getConfiguration('files').get<string>('eol') === '\r\n' ? '\r\n' : '\n';
}

export function activeMarkdownEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && editor.document.languageId === 'markdown' ? editor : undefined;
}

/** The `title` a template or new-document command was given (`'text'` or `{ title: 'text' }`). */
export function titleArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && 'title' in arg && typeof (arg as { title: unknown }).title === 'string') return (arg as { title: string }).title;
  return undefined;
}
