/** The rule about parent checkboxes that follow their subtasks (Kiro). */
import type { KnownStatus, Plan } from '../model';
import { markEdit, vocabularyOf } from '../edits';
import { type Diagnostic, diagnostic } from './codes';
import { groupBy } from './common';
import { requiredOf } from '../edits';

/** `parent-mismatch`: a parent checkbox checked with open subtasks, or open with all of them done. */
export function parentMismatch(text: string, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  const children = groupBy(plan.tasks, (t) => (t.kind === 'checkbox' ? t.parent : undefined));
  for (const [i, kids] of children) {
    const parent = plan.tasks[i as number];
    if (parent.kind !== 'checkbox' || !parent.mark) continue;
    // Kiro's optional subtasks (`- [ ]*`) do not hold the parent back, unless all of them are.
    const required = requiredOf(kids);
    const open = required.filter((k) => k.status !== 'completed').length;
    const name = parent.id ? `Task ${parent.id}` : `The task at line ${parent.line + 1}`;
    let message: string;
    let want: KnownStatus;
    if (parent.status === 'completed' && open) {
      message = `${name} is checked but ${open} of its ${required.length} ${required.length < kids.length ? 'required ' : ''}subtasks are still open.`;
      want = kids.some((k) => k.status === 'in-progress' || k.status === 'completed') && vocabularyOf(plan).all.hasProgressBox() ? 'in-progress' : 'pending';
    } else if (parent.status !== 'completed' && !open) {
      message = `${name} is still open but all ${required.length} of its ${required.length < kids.length ? 'required ' : ''}subtasks are done.`;
      want = 'completed';
    } else continue;
    const e = markEdit(text, plan, parent.mark, want);
    const which = parent.id ? name : 'the task';
    out.push(
      diagnostic('parent-mismatch', {
        message,
        range: parent.range,
        line: parent.line,
        fixes: e ? [{ title: want === 'completed' ? `Check ${which}` : `Reopen ${which}`, edits: [e] }] : [],
      }),
    );
  }
  return out;
}
