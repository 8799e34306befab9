/** Plan text and statuses for display (tree items, progress rows, pickers). No `vscode` import: unit-tested. */
import { phaseLabel, type Phase, type Status, type Task } from '../core';

/** How a status reads in labels, tooltips and pickers. */
export const STATUS_NAMES: Record<Status, string> = {
  pending: 'Pending',
  'in-progress': 'In progress',
  completed: 'Completed',
  failed: 'Failed',
  blocked: 'Blocked',
  unknown: 'Status not recognised',
};

/** Inline Markdown read as text, for labels: `**bold**` and `_em_` markers, links shown as their text. */
export function plainLabel(s: string): string {
  return s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}


/** An error as the text of a message. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `Phase 3: Title`, `PH-NEXT-001: Title`, or the title of a phase with neither. */
export function phaseName(p: Phase): string {
  if (p.number === undefined && p.id === undefined) return plainLabel(p.title);
  const name = phaseLabel(p);
  return p.title ? `${name}: ${plainLabel(p.title)}` : name;
}

/** `SEC-002 Title`, or the title of a task without an ID. */
export function taskName(t: Task): string {
  const title = plainLabel(t.title);
  return t.id ? (title ? `${t.id} ${title}` : t.id) : title;
}
