/** Plans view nodes as TreeItems: what model.ts says a node shows, in VS Code's terms. */
import * as vscode from 'vscode';
import { Command } from '../ids';
import type { Codicon } from '../icons';
import { toMarkdown } from '../markdown';
import type { NodeView } from './model';

export function themeIcon(icon: Codicon): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}

/** The click of a node: the document at the node's line. */
function revealCommand(uri: vscode.Uri, line: number): vscode.Command {
  return { command: Command.revealLine, title: 'Go to Line', arguments: [uri.toString(), line] };
}

/** A TreeItem for a node with `id` of the document `uri`; `hasChildren`: the filter leaves it some. */
export function treeItem(id: string, uri: vscode.Uri, view: NodeView, hasChildren: boolean): vscode.TreeItem {
  const state = !hasChildren
    ? vscode.TreeItemCollapsibleState.None
    : view.expanded
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(view.label, state);
  item.id = id;
  item.iconPath = themeIcon(view.icon);
  item.contextValue = view.contextValue;
  if (view.description !== undefined) item.description = view.description;
  if (view.line !== undefined) item.command = revealCommand(uri, view.line);
  if (view.tooltip) item.tooltip = toMarkdown(view.tooltip);
  if (view.accessibility !== undefined) item.accessibilityInformation = { label: view.accessibility };
  return item;
}

/** The item of a node whose plan is gone (VS Code may still ask for it once). */
export function removedItem(): vscode.TreeItem {
  return new vscode.TreeItem('(removed)', vscode.TreeItemCollapsibleState.None);
}
