/**
 * Command handlers by command id, as each feature hands them to the command manager. Every
 * command of ids.ts must have exactly one handler. No `vscode` import: unit-tested.
 */
import { COMMAND_IDS, type CommandId } from '../ids';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command takes its own arguments
export type CommandHandler = (...args: any[]) => unknown;

/** Handlers of one feature, by command id. */
export type CommandGroup = { readonly [id in CommandId]?: CommandHandler };

/** One handler per command id; throws when a command has none or several (a programming error). */
export function mergeGroups(groups: readonly CommandGroup[]): Map<CommandId, CommandHandler> {
  const out = new Map<CommandId, CommandHandler>();
  const problems: string[] = [];
  for (const group of groups) {
    for (const [id, run] of Object.entries(group) as Array<[CommandId, CommandHandler | undefined]>) {
      if (!run) continue;
      if (!COMMAND_IDS.includes(id)) problems.push(`${id} is no command of ids.ts`);
      else if (out.has(id)) problems.push(`${id} has two handlers`);
      out.set(id, run);
    }
  }
  for (const id of COMMAND_IDS) if (!out.has(id)) problems.push(`${id} has no handler`);
  if (problems.length) throw new Error(`Command handlers do not match the commands: ${problems.join('; ')}`);
  return out;
}
