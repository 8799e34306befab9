/** What kind of document a built plan is. */
import type { DocumentKind, Plan } from '../model';
import { plainWords } from '../words';

/**
 * The kind of document, from its structure: an overview table or a Current Phase line makes a
 * plan, tracker entries a tracker, fix blocks a log, phases whose statuses all come from their
 * checkboxes (Kiro, spec-kit) a task list. Title words decide only between log and summary
 * when the structure leaves it open: "Implementation Plan", "Report" or "Progress Tracker"
 * say little about what the file holds.
 */
export function documentKind(plan: Plan): DocumentKind {
  const entries = plan.tasks.filter((t) => t.kind === 'tracker').length;
  if (entries >= 2 && !plan.overviews.length && entries >= plan.phases.length) return 'tracker';
  if (plan.overviews.length || plan.currentPhaseFields.length) return 'plan';
  if (entries) return 'tracker';
  if (plan.fixes.length) return 'log';
  const title = plainWords(plan.title ?? '');
  if (/\blog\b/.test(title)) return 'log';
  if (/\b(?:summary|recap)\b/.test(title)) return 'summary';
  // A plan states what it is for before its work: `**Goal:**`, `**Architecture:**`.
  const planned = plan.fields.some((f) => /^(?:goal|objective|architecture|approach)$/.test(f.name));
  if (plan.phases.length && plan.phases.some((p) => p.number !== undefined || !p.derived)) {
    if (!planned && plan.phases.every((p) => p.derived) && plan.tasks.some((t) => t.kind === 'checkbox')) return 'tasks';
    return 'plan';
  }
  if (planned) return 'plan';
  if (plan.nuggets.length) return 'log';
  const ids = new Set(plan.tasks.filter((t) => t.id && /^[A-Z]+-\d/.test(t.id)).map((t) => t.id));
  if (ids.size >= 2) return 'tracker';
  if (plan.tasks.filter((t) => t.kind === 'checkbox').length >= 2) return 'tasks';
  return 'unknown';
}
