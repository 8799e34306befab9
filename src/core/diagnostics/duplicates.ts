/** Rules about names used twice: phase numbers and IDs, task IDs. */
import type { Plan } from '../model';
import { editRange } from '../edits/text';
import { phaseLabel } from '../labels';
import { type Diagnostic, type Fix, diagnostic } from './codes';
import { groupBy } from './common';

/** `duplicate-phase`: two phases with the same number or ID under the same parent. */
export function duplicatePhase(_text: string, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  // `Milestone 1` and `Phase 1` are two names, and each milestone (a parent phase) may number
  // its phases anew: a name is used twice only among the phases of one parent.
  const name = (p: Plan['phases'][number]): string | undefined => {
    const own = p.number !== undefined ? `${p.keyword ?? 'Phase'} ${p.number}` : p.id;
    return own === undefined ? undefined : `${p.parent ?? ''}|${own}`;
  };
  for (const list of groupBy(plan.phases, name).values()) {
    for (const dup of list.slice(1)) {
      // No fix: which of two real phases should change its number is the author's call, and
      // renumbering one would break every reference to it.
      out.push(
        diagnostic('duplicate-phase', {
          message: `${phaseLabel(dup)} appears more than once (lines ${list.map((p) => p.line + 1).join(', ')}).`,
          range: dup.headingRange,
          line: dup.line,
          fixes: [],
        }),
      );
    }
  }
  return out;
}

/** `duplicate-task-id`: two tasks with the same ID; numbered steps repeat by design and do not count. */
export function duplicateTaskId(text: string, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = groupBy(plan.tasks, (t) => (t.id && /[A-Za-z]/.test(t.id) ? t.id : undefined));
  const used = new Set([...byId.keys()].map(String));
  for (const [key, list] of byId) {
    const id = String(key);
    for (const dup of list.slice(1)) {
      const fresh = nextFreeId(id, used);
      const at = text.slice(dup.range.start, dup.range.end).indexOf(id);
      const fixes: Fix[] = [];
      if (fresh && at >= 0) {
        used.add(fresh);
        const start = dup.range.start + at;
        fixes.push({ title: `Rename to ${fresh}`, edits: [editRange(text, start, start + id.length, fresh)] });
      }
      out.push(
        diagnostic('duplicate-task-id', {
          message: `Task ID ${id} is used more than once (lines ${list.map((t) => t.line + 1).join(', ')}).`,
          range: dup.range,
          line: dup.line,
          fixes,
        }),
      );
    }
  }
  return out;
}

/** `SEC-002` -> the next unused `SEC-0NN`, keeping the digit width. */
function nextFreeId(id: string, used: Set<string>): string | undefined {
  const m = /^(.*?)(\d+)([A-Za-z]*)$/.exec(id);
  if (!m) return undefined;
  const width = m[2].length;
  let n = Number(m[2]);
  for (let k = 0; k < 100000; k++) {
    n++;
    const candidate = `${m[1]}${String(n).padStart(width, '0')}${m[3]}`;
    if (!used.has(candidate)) return candidate;
  }
  return undefined;
}
