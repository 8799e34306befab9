/**
 * The Plans view in the window: the view itself, the phase under the cursor selected while it
 * is open, and its title commands (hide or show completed, refresh).
 */
import * as vscode from 'vscode';
import type { CommandGroup } from '../commands/groups';
import { Command, SETTINGS, Setting, View, settingKey } from '../ids';
import { Debouncer } from '../lifecycle';
import type { Services } from '../services';
import { PlansTreeProvider, type Node } from './provider';

/** How long the cursor rests before the view selects the phase under it. */
const FOLLOW_DELAY_MS = 250;

/** Writes the filter setting: to the workspace when one is open, else to the user settings. */
async function writeHideCompleted(hide: boolean): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS);
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  if (hide) {
    await config.update(Setting.hideCompleted, true, target);
    return;
  }
  // Showing is the default: remove the value rather than write `false`, unless another level
  // (the user settings) still says hide.
  await config.update(Setting.hideCompleted, undefined, target);
  if (vscode.workspace.getConfiguration(SETTINGS).get<boolean>(Setting.hideCompleted, false)) await config.update(Setting.hideCompleted, false, target);
}

export interface PlansTree {
  provider: PlansTreeProvider;
  view: vscode.TreeView<Node>;
  /** The view's commands, for the command manager to register. */
  commands: CommandGroup;
}

export function registerTree(s: Services): PlansTree {
  const provider = new PlansTreeProvider(s);
  const view = vscode.window.createTreeView<Node>(View.plans, { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  provider.setHideCompleted(provider.hideCompleted); // sets the context key the title buttons follow

  const setFilter = async (hide: boolean): Promise<void> => {
    provider.setHideCompleted(hide);
    try {
      await writeHideCompleted(hide);
    } catch (err) {
      s.log.warn(`Could not save the setting ${settingKey(Setting.hideCompleted)}: ${String(err)}`);
    }
  };

  // Selects the phase under the cursor while the view is open, without taking the focus.
  const follow = async (editor: vscode.TextEditor): Promise<void> => {
    if (!view.visible || vscode.window.activeTextEditor !== editor || editor.document.languageId !== 'markdown') return;
    const entry = s.store.get(editor.document.uri);
    if (!entry || entry.version !== editor.document.version) return;
    const node = provider.phaseAt(entry, editor.document.offsetAt(editor.selection.active));
    if (!node || !provider.isShown(entry, node) || view.selection.some((n) => n.id === node.id)) return;
    try {
      await view.reveal(node, { select: true, focus: false, expand: false });
    } catch (err) {
      s.log.trace(`Plans view: could not select ${node.id}: ${String(err)}`);
    }
  };
  const following = new Debouncer<'follow'>();

  s.context.subscriptions.push(
    provider,
    view,
    following,
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor.document.languageId !== 'markdown' || !view.visible) return;
      following.debounce('follow', FOLLOW_DELAY_MS, () => void follow(e.textEditor));
    }),
  );

  const commands: CommandGroup = {
    [Command.hideCompleted]: () => setFilter(true),
    [Command.showCompleted]: () => setFilter(false),
    [Command.refresh]: async () => {
      await vscode.window.withProgress({ location: { viewId: View.plans } }, () => s.store.refresh());
      provider.refreshNow();
    },
  };
  return { provider, view, commands };
}
