/** Plan text and statuses for display (tree items, progress rows, pickers). No `vscode` import: unit-tested. */
import type { Status } from '../core';

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

