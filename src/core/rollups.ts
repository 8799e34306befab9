/**
 * A tracker's rollups: its entries counted by status and by priority section (CRITICAL, HIGH,
 * ...), and the effort estimated against the actual effort, where the entries write them.
 */
import type { Plan, Status, Task } from './model';
import { StatusSchema } from './model';

const PRIORITY = /\b(CRITICAL|URGENT|HIGH|MEDIUM|LOW|P[0-4])\b/i;
const ORDER = ['CRITICAL', 'URGENT', 'HIGH', 'MEDIUM', 'LOW', 'P0', 'P1', 'P2', 'P3', 'P4'];

export interface TrackerRollup {
  /** Entries by status, in the order of the status list; statuses without entries left out. */
  byStatus: Array<{ status: Status; count: number }>;
  /** Entries by priority, most urgent first; empty when no entry has one. */
  byPriority: Array<{ priority: string; done: number; total: number }>;
  /** Sums over the entries that write them, in milliseconds. */
  estimate?: number;
  actual?: number;
}

/** An entry's priority: its Priority field, else the innermost heading above it that names one. */
export function priorityOf(plan: Plan, task: Task): string | undefined {
  const own = task.priority && PRIORITY.exec(task.priority)?.[1];
  if (own) return own.toUpperCase();
  let best: string | undefined;
  let bestDepth = 0;
  for (const h of plan.headings) {
    if (h.range.start >= task.range.start) break;
    if (h.sectionEnd <= task.range.start || h.depth < bestDepth) continue;
    if (task.kind === 'tracker' && h.range.start === task.range.start) continue;
    const m = PRIORITY.exec(h.text);
    if (m) {
      best = m[1].toUpperCase();
      bestDepth = h.depth;
    }
  }
  return best;
}

/** The rollups of a document's tracker entries; undefined when it has none. */
export function trackerRollup(plan: Plan): TrackerRollup | undefined {
  const entries = plan.tasks.filter((t) => t.kind === 'tracker');
  if (!entries.length) return undefined;
  const counts = new Map<Status, number>();
  for (const t of entries) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const byStatus = StatusSchema.options.filter((s) => counts.has(s)).map((status) => ({ status, count: counts.get(status)! }));
  const priorities = new Map<string, { done: number; total: number }>();
  for (const t of entries) {
    const p = priorityOf(plan, t);
    if (!p) continue;
    const c = priorities.get(p) ?? { done: 0, total: 0 };
    c.total++;
    if (t.status === 'completed') c.done++;
    priorities.set(p, c);
  }
  const rank = (p: string): number => (ORDER.includes(p) ? ORDER.indexOf(p) : ORDER.length);
  const byPriority = [...priorities].sort((a, b) => rank(a[0]) - rank(b[0])).map(([priority, c]) => ({ priority, ...c }));
  const sum = (xs: ReadonlyArray<number | undefined>): number | undefined =>
    xs.some((x) => x !== undefined) ? xs.reduce<number>((n, x) => n + (x ?? 0), 0) : undefined;
  return { byStatus, byPriority, estimate: sum(entries.map((t) => t.estimate)), actual: sum(entries.map((t) => t.actual)) };
}
