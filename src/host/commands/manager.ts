/**
 * Registers the extension's commands: every feature hands over its group of handlers (by
 * command id, see ids.ts and groups.ts), and each runs guarded, with one clear message for
 * anything that goes wrong.
 */
import * as vscode from 'vscode';
import { PhasewiseError } from '../../core';
import type { CommandId } from '../ids';
import type { Services } from '../services';
import { mergeGroups, type CommandGroup, type CommandHandler } from './groups';
import { errorText } from '../text';

/** The title package.json gives a command (for messages and prompts that name it). */
export function commandTitle(s: Services, id: CommandId): string {
  const contributed =
    (s.context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string; title: string }> } }).contributes?.commands ?? [];
  return contributed.find((c) => c.command === id)?.title ?? id;
}

/** Runs a command with one clear message for anything that goes wrong. */
function guard(s: Services, id: CommandId, run: CommandHandler) {
  return async (...args: unknown[]): Promise<unknown> => {
    try {
      return await run(...args);
    } catch (err) {
      if (err instanceof PhasewiseError) {
        void vscode.window.showWarningMessage(`Phasewise: ${err.message}`);
      } else {
        s.log.error(`${id} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        void vscode.window.showErrorMessage(`Phasewise: ${commandTitle(s, id)} failed: ${errorText(err)}`);
      }
      return undefined;
    }
  };
}

/** Registers every command, each once (mergeGroups refuses gaps and clashes). */
export function registerCommands(s: Services, groups: readonly CommandGroup[]): void {
  for (const [id, run] of mergeGroups(groups)) s.context.subscriptions.push(vscode.commands.registerCommand(id, guard(s, id, run)));
}
