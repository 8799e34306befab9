import * as vscode from 'vscode';

/** Opens `uri` (in the active editor group when it is not visible yet) with the cursor on `line`, centred. */
export async function revealLine(uri: vscode.Uri, line: number, preserveFocus = false): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const at = Math.max(0, Math.min(line, document.lineCount - 1));
  const position = new vscode.Position(at, 0);
  const editor = await vscode.window.showTextDocument(document, { preserveFocus, selection: new vscode.Selection(position, position) });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
