/** The rule about the Current Phase line. */
import type { Plan } from '../model';
import { currentPhaseTarget, governingCurrentField, parseCurrentPhase, scopePhases } from '../edits';
import { phaseLabel } from '../labels';
import { type Diagnostic, diagnostic } from './codes';
import { currentPhaseFix } from './common';

/**
 * `current-phase-mismatch`: a Current Phase line that names another phase than the one in
 * progress, or names a phase its plan does not have. One finding per Current Phase line.
 */
export function currentPhaseMismatch(text: string, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seenFields = new Set<number>();
  for (const phase of plan.phases) {
    const field = governingCurrentField(plan, phase);
    if (!field || seenFields.has(field.range.start)) continue;
    seenFields.add(field.range.start);
    const scope = scopePhases(plan, phase);
    const active = scope.filter((p) => p.status === 'in-progress');
    const named = currentPhaseTarget(plan, phase);
    const cur = parseCurrentPhase(field.value);
    if (active.length === 1 && named !== active[0]) {
      out.push(
        diagnostic('current-phase-mismatch', {
          message: named
            ? `Current Phase names ${phaseLabel(named)}, but ${phaseLabel(active[0])} is the phase in progress.`
            : `Current Phase "${field.value}" names no phase of this plan; ${phaseLabel(active[0])} is in progress.`,
          range: field.valueRange,
          line: field.line,
          fixes: currentPhaseFix(text, plan, active[0], active[0]),
        }),
      );
    } else if (!named && (cur.number || cur.id) && active.length === 0) {
      const open = scope.find((p) => p.status !== 'completed');
      out.push(
        diagnostic('current-phase-mismatch', {
          message: `Current Phase "${field.value}" names no phase of this plan.`,
          range: field.valueRange,
          line: field.line,
          fixes: open ? currentPhaseFix(text, plan, phase, open) : [],
        }),
      );
    }
  }
  return out;
}
