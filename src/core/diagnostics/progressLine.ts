/** The rule about the document's own progress line. */
import type { Plan } from '../model';
import { countsOf, progressLineEdit, progressLines } from '../progressLine';
import { type Diagnostic, diagnostic } from './codes';

/** `progress-line-stale`: a progress line whose completed count differs from the plan's. */
export function progressLineStale(text: string, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of progressLines(plan)) {
    const now = countsOf(plan, line.counts);
    const edit = progressLineEdit(text, line, now);
    if (!edit) continue;
    out.push(
      diagnostic('progress-line-stale', {
        message:
          line.written.done === now.done
            ? `${line.field.key} gives a percentage that is not ${now.done} of ${now.total} ${line.counts}.`
            : `${line.field.key} says ${line.written.done}/${line.written.total}, but ${now.done} of ${now.total} ${line.counts} are completed.`,
        range: line.field.valueRange,
        line: line.field.line,
        fixes: [{ title: `Update ${line.field.key} to ${now.done}/${now.total}`, edits: [edit] }],
      }),
    );
  }
  return out;
}
