/** What several rules share: grouping by a key, setting a phase's status, pointing Current Phase elsewhere. */
import type { KnownStatus, Phase, Plan } from '../model';
import { currentPhaseEdit, setPhaseStatus } from '../edits';
import { phaseLabel } from '../labels';
import type { Fix } from './codes';

/** A fix that sets a phase's status, or nothing when the file cannot write that status there. */
export function phaseFix(text: string, plan: Plan, index: number, status: KnownStatus, title: string): Fix | undefined {
  try {
    const edits = setPhaseStatus(text, plan, index, status);
    return edits.length ? { title, edits } : undefined;
  } catch {
    return undefined;
  }
}

/** A fix that makes the Current Phase line governing `phase` name `target`. */
export function currentPhaseFix(text: string, plan: Plan, phase: Phase, target: Phase): Fix[] {
  const e = currentPhaseEdit(text, plan, phase, target);
  return e ? [{ title: `Set Current Phase to ${phaseLabel(target)}`, edits: [e] }] : [];
}

/** `items` grouped by `key`, in order; an item without a key is left out. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string | number | undefined): Map<string | number, T[]> {
  const out = new Map<string | number, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
