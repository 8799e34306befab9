/**
 * References from what the user sees (a lens, a tree item) to a phase or task, and finding that
 * element again in the document as it is when the user acts. No `vscode` import: unit-tested.
 */
import type { Plan, Target } from '../core';
import { phaseIdentity, phaseNumberOrId } from '../core';

/**
 * What a lens, tree item or webview row points at: the document version it was made for, the
 * element's index then, and enough to find the same element again after the text changed.
 */
export interface TargetRef {
  uri: string;
  kind: 'phase' | 'task';
  index: number;
  /** Document version the reference was made from (undefined: read from disk). */
  version?: number;
  /** Phase number or ID, task ID; else undefined. */
  key?: string;
  title: string;
  /** For a task: the number, ID or title of its phase (tasks often share a title across phases). */
  scope?: string;
  line: number;
}

function phaseScope(plan: Plan, index: number | undefined): string | undefined {
  if (index === undefined) return undefined;
  const p = plan.phases[index];
  return phaseIdentity(p);
}

export function phaseRef(uri: { toString(): string }, plan: Plan, index: number, version: number | undefined): TargetRef {
  const p = plan.phases[index];
  return { uri: uri.toString(), kind: 'phase', index, version, key: phaseNumberOrId(p), title: p.title, line: p.line };
}

export function taskRef(uri: { toString(): string }, plan: Plan, index: number, version: number | undefined): TargetRef {
  const t = plan.tasks[index];
  return { uri: uri.toString(), kind: 'task', index, version, key: t.id, title: t.title, scope: phaseScope(plan, t.phase), line: t.line };
}

export function isTargetRef(x: unknown): x is TargetRef {
  if (!x || typeof x !== 'object') return false;
  const r = x as Partial<TargetRef>;
  return (
    typeof r.uri === 'string' &&
    (r.kind === 'phase' || r.kind === 'task') &&
    Number.isInteger(r.index) &&
    typeof r.title === 'string' &&
    Number.isInteger(r.line)
  );
}

/**
 * The element `ref` points at in `plan` (the document as it is now): the same index when the
 * document has not changed, else the one element with the same key, title and (for a task)
 * phase. Undefined when that is not certain, for instance when the element is gone or several
 * match: the caller refuses rather than edit the wrong line.
 */
export function resolveRef(plan: Plan, ref: TargetRef, version: number | undefined): Target | undefined {
  const list = ref.kind === 'phase' ? plan.phases : plan.tasks;
  const same = (i: number): boolean => {
    if (ref.kind === 'phase') {
      const p = plan.phases[i];
      return !!p && phaseNumberOrId(p) === ref.key && p.title === ref.title;
    }
    const t = plan.tasks[i];
    return !!t && t.id === ref.key && t.title === ref.title && phaseScope(plan, t.phase) === ref.scope;
  };
  if (version !== undefined && ref.version === version) return same(ref.index) ? { kind: ref.kind, index: ref.index } : undefined;
  let found: number | undefined;
  for (let i = 0; i < list.length; i++) {
    if (!same(i)) continue;
    if (found !== undefined) return undefined; // ambiguous
    found = i;
  }
  return found === undefined ? undefined : { kind: ref.kind, index: found };
}

/** The marker a lens passes after its TargetRef, so the history can say where a change came from. */
export const LENS_MARKER = 'lens';

/** Who asked for a status change: a lens, the Plans view, or any other caller. */
export interface Invocation {
  ref?: TargetRef;
  source: 'lens' | 'tree' | 'command';
}

/**
 * Reads the first arguments of a status command: `(ref, 'lens')` from a CodeLens,
 * `({ ref })` from a Plans view node, `(ref)` from another caller, nothing from the palette.
 */
export function invocationOf(args: readonly unknown[]): Invocation {
  const [first, second] = args;
  if (isTargetRef(first)) return { ref: first, source: second === LENS_MARKER ? 'lens' : 'command' };
  if (first && typeof first === 'object' && 'ref' in first && isTargetRef((first as { ref: unknown }).ref)) {
    return { ref: (first as { ref: TargetRef }).ref, source: 'tree' };
  }
  return { source: 'command' };
}
