/**
 * What the agent tools (the MCP server, VS Code's language-model tools) share: a plan's
 * revision, and the identity of a status target that a stale revision is checked against.
 */
import type { Target } from './edits';
import { phaseKey, taskKey } from './identity';
import type { Plan } from './model';

/** A short, stable hash of a plan's text (cyrb53): what `read_plan` returns and `set_status` may be given back. */
export function revisionOf(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** What must be unchanged for an edit planned on an older text to apply to a newer one: the target's key and status text. */
export interface TargetIdentity {
  key: string;
  status: string;
  statusText: string;
}

export function targetIdentity(text: string, plan: Plan, target: Target): TargetIdentity {
  const el = target.kind === 'phase' ? plan.phases[target.index] : plan.tasks[target.index];
  const key = target.kind === 'phase' ? phaseKey(plan.phases[target.index]) : taskKey(plan.tasks[target.index], plan);
  const statusText = el.mark ? text.slice(el.mark.range.start, el.mark.range.end) : '';
  return { key, status: el.status, statusText };
}

/** The element of `plan` with `identity`'s key, if exactly one has it. */
export function findByIdentity(plan: Plan, kind: Target['kind'], key: string): Target | undefined {
  const keys = kind === 'phase' ? plan.phases.map((p) => phaseKey(p)) : plan.tasks.map((t) => taskKey(t, plan));
  const first = keys.indexOf(key);
  if (first < 0 || keys.indexOf(key, first + 1) >= 0) return undefined;
  return { kind, index: first };
}
