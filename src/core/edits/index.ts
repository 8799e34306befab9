/**
 * Intent in, minimal guarded edits out: text edits, the file's own vocabulary, status changes
 * of phases and tasks, and the Current Phase line.
 */
export { type TextEdit, PhasewiseError, StaleEditError, applyEdits, verifyEdits } from './text';
export { type Target, findAtLine, findPhase, findTask, isKnownStatus, parseStatusArg } from './targets';
export { markEdit, vocabularyOf } from './vocabulary';
export {
  type EditOptions,
  inexpressibleReason,
  phaseStatusesExpressible,
  requiredOf,
  taskStatusesExpressible,
  setPhaseStatus,
  setStatus,
  setTaskStatus,
} from './setStatus';
export { currentPhaseEdit, currentPhaseIndex, currentPhaseTarget, governingCurrentField, nextWork, parseCurrentPhase, scopePhases } from './currentPhase';
