/**
 * The codicons the extension shows, by meaning: one table of status → icon for the Plans view,
 * the pickers and anything else that shows a status. No `vscode` import: unit-tested.
 */
import type { DocumentKind, Status } from '../core';

export interface Codicon {
  /** The codicon id, as `ThemeIcon` takes it and `$(id)` writes it in labels. */
  readonly id: string;
  /** A theme color id for the icon, where the status has a color. */
  readonly color?: string;
}

export const STATUS_ICONS: Readonly<Record<Status, Codicon>> = {
  pending: { id: 'circle-large-outline' },
  'in-progress': { id: 'play-circle', color: 'charts.yellow' },
  completed: { id: 'pass-filled', color: 'charts.green' },
  failed: { id: 'error', color: 'charts.red' },
  blocked: { id: 'circle-slash', color: 'charts.orange' },
  unknown: { id: 'question' },
};

/** Text glyphs of the statuses, where no codicon font is at hand (the progress page). */
export const STATUS_GLYPHS: Readonly<Record<Status, string>> = {
  pending: '\u25CB', // ○
  'in-progress': '\u25D0', // ◐
  completed: '\u2713', // ✓
  failed: '\u2715', // ✕
  blocked: '\u2298', // ⊘
  unknown: '?',
};

/** The icon of a plan node, by what kind of document it is. */
export const KIND_ICONS: Readonly<Record<DocumentKind, string>> = {
  plan: 'list-ordered',
  log: 'book',
  summary: 'note',
  tracker: 'tasklist',
  tasks: 'checklist',
  unknown: 'markdown',
};

/** Other icons, by what they stand for. */
export const Icon = {
  /** Counts of steps or phases done (status bar, the steps lens). */
  progress: 'checklist',
  /** A fix block of an execution log. */
  fix: 'tools',
  /** A fix block that has a gold nugget. */
  nugget: 'lightbulb',
} as const;

/** `$(id)`: a codicon inside a label, a quick pick item or a status bar text. */
export function iconText(icon: string | Codicon): string {
  return `$(${typeof icon === 'string' ? icon : icon.id})`;
}

/** A status as an icon in a label. */
export function statusIconText(status: Status): string {
  return iconText(STATUS_ICONS[status]);
}
