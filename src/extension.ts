import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Host features are registered here.
}

export function deactivate(): void {}
