/**
 * What identifies a phase or a task in its file, across edits: the keys the extension's status
 * history is stored under, and the names a task's phase is reported by. Changing these keys
 * orphans every stored history entry.
 */
import type { Phase, Plan, Task } from './model';

/** A phase's number (`3`, `2.1`), else its ID (`PH-NEXT-002`): what its heading names it by. */
export function phaseNumberOrId(p: Phase): string | undefined {
  return p.number ?? p.id;
}

/** What names a phase in its file: its number, else its ID, else its title. */
export function phaseIdentity(p: Phase): string {
  return phaseNumberOrId(p) ?? p.title;
}

/** The key a phase's status changes are recorded under: `phase:3`, `phase:PH-NEXT-002`, `phase:<title>`. */
export function phaseKey(p: Phase): string {
  return `phase:${phaseIdentity(p)}`;
}

/**
 * The key a task's status changes are recorded under: `task:SEC-002`; for a task without an
 * ID its title within its phase, `task:phase:3/Write the tests` (titles repeat across phases).
 */
export function taskKey(t: Task, plan: Plan): string {
  if (t.id) return `task:${t.id}`;
  const phase = t.phase !== undefined ? plan.phases[t.phase] : undefined;
  return `task:${phase ? `${phaseKey(phase)}/` : ''}${t.title}`;
}
