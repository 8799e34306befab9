/**
 * Consistency rules over the plan model, one function per diagnostic code (see codes.ts for
 * what each means). Each finding carries its fixes as minimal guarded edits.
 */
import type { Plan } from '../model';
import type { Diagnostic, DiagnosticCode } from './codes';
import { currentPhaseMismatch } from './currentPhase';
import { mojibake } from './damaged';
import { duplicatePhase, duplicateTaskId } from './duplicates';
import { parentMismatch } from './parents';
import { progressLineStale } from './progressLine';
import { completedWithOpenItems, indexMismatch, multipleInProgress, overviewMismatch } from './phases';

export { type CodeInfo, type Diagnostic, type DiagnosticCode, type Fix, type Severity, DIAGNOSTIC_CODES } from './codes';

type Rule = (text: string, plan: Plan) => Diagnostic[];

/** The rule behind each code. */
export const RULES: Readonly<Record<DiagnosticCode, Rule>> = {
  'overview-mismatch': overviewMismatch,
  'index-mismatch': indexMismatch,
  'current-phase-mismatch': currentPhaseMismatch,
  'multiple-in-progress': multipleInProgress,
  'completed-with-open-items': completedWithOpenItems,
  'duplicate-phase': duplicatePhase,
  'duplicate-task-id': duplicateTaskId,
  'parent-mismatch': parentMismatch,
  'progress-line-stale': progressLineStale,
  mojibake,
};

/** Every finding of every rule, in document order. */
export function checkPlan(text: string, plan: Plan): Diagnostic[] {
  const out = Object.values(RULES).flatMap((rule) => rule(text, plan));
  return out.sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}
