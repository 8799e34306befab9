/** How statuses, phases, tasks and progress read in plain text: views, pickers, messages, the CLI. */
import type { Phase, Status, Task } from './model';

/** A status as a word: labels, tooltips, pickers and diagnostic messages. */
export const STATUS_NAMES: Record<Status, string> = {
  pending: 'Pending',
  'in-progress': 'In progress',
  completed: 'Completed',
  failed: 'Failed',
  blocked: 'Blocked',
  unknown: 'Status not recognised',
};

/** Inline Markdown read as text: `**bold**` and `__bold__` markers dropped, links shown as their text. */
export function plainLabel(s: string): string {
  return s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `Phase 3`, the phase ID, or the title of a phase with neither. */
export function phaseLabel(p: Phase): string {
  return p.number !== undefined ? `${p.keyword ?? 'Phase'} ${p.number}` : (p.id ?? p.title);
}

/** `Phase 3: Title`, `PH-NEXT-001: Title`, or the title of a phase with neither; plain text. */
export function phaseName(p: Phase): string {
  if (p.number === undefined && p.id === undefined) return plainLabel(p.title);
  const name = phaseLabel(p);
  return p.title ? `${name}: ${plainLabel(p.title)}` : name;
}

/** `SEC-002 Title`, or the title of a task without an ID; plain text. */
export function taskName(t: Task): string {
  const title = plainLabel(t.title);
  return t.id ? (title ? `${t.id} ${title}` : t.id) : title;
}

/**
 * `done` of `total` as a whole percentage, never 100 before everything is done nor 0 once
 * something is: 199 of 200 is 99, 1 of 200 is 1. Nothing to count is 0.
 */
export function percent(done: number, total: number): number {
  if (total <= 0 || done <= 0) return 0;
  if (done >= total) return 100;
  return Math.min(99, Math.max(1, Math.round((done / total) * 100)));
}
