/**
 * The status history as data: the stored layout (validated with zod on every read, an older
 * layout migrated), the stable keys of phases and tasks, the transitions between two models of
 * a file, and time in progress. No `vscode` import: unit-tested.
 */
import * as z from 'zod/mini';
import { StatusSchema, type Plan, type Status, phaseKey, phaseName, taskKey, taskName } from '../core';

export const HISTORY_VERSION = 2;

export const SourceSchema = z.enum(['lens', 'command', 'tree', 'outside', 'agent']);
export type HistorySource = z.infer<typeof SourceSchema>;

export const HistoryEventSchema = z.object({
  /** The document's URI, as a string. */
  file: z.string(),
  target: z.enum(['phase', 'task']),
  /** Stable key of the phase or task in its file (see `statusKeys`). */
  key: z.string(),
  /** What the user reads: `Phase 3: Parser`, `SEC-002 Rotate keys`. */
  label: z.string(),
  from: StatusSchema,
  to: StatusSchema,
  /** Milliseconds since the epoch. */
  time: z.int().check(z.nonnegative()),
  source: SourceSchema,
});
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;

/** Pause timer / Resume timer on a phase or task: the clock stops without the file changing. */
export const TimerEventSchema = z.object({
  file: z.string(),
  key: z.string(),
  label: z.string(),
  timer: z.enum(['pause', 'resume']),
  time: z.int().check(z.nonnegative()),
});
export type TimerEvent = z.infer<typeof TimerEventSchema>;

const StoredSchema = z.object({
  version: z.literal(HISTORY_VERSION),
  events: z.array(HistoryEventSchema),
  timers: z.optional(z.array(TimerEventSchema)),
});

/** Version 1 stored a bare array of events with `at` as an ISO date and no label. */
const V1Schema = z.array(
  z.object({
    file: z.string(),
    target: z.enum(['phase', 'task']),
    key: z.string(),
    from: StatusSchema,
    to: StatusSchema,
    at: z.string(),
    source: SourceSchema,
  }),
);

export interface Logger {
  warn(message: string): void;
  info(message: string): void;
}

/** Reads the stored value: current layout, migrated older layout, or an empty history. */
export function readHistory(raw: unknown, log: Logger): { events: HistoryEvent[]; timers: TimerEvent[]; repaired: boolean } {
  if (raw === undefined) return { events: [], timers: [], repaired: false };
  const current = StoredSchema.safeParse(raw);
  if (current.success) return { events: current.data.events, timers: current.data.timers ?? [], repaired: false };
  const read = readOlder(raw, log);
  return { ...read, timers: readTimers(raw) };
}

/** The timer events of a stored value whose status events needed repair: those still readable. */
function readTimers(raw: unknown): TimerEvent[] {
  const timers = z.object({ timers: z.array(z.unknown()) }).safeParse(raw);
  if (!timers.success) return [];
  return timers.data.timers.flatMap((t) => {
    const r = TimerEventSchema.safeParse(t);
    return r.success ? [r.data] : [];
  });
}

function readOlder(raw: unknown, log: Logger): { events: HistoryEvent[]; repaired: boolean } {
  const v1 = V1Schema.safeParse(raw);
  if (v1.success) {
    const events = v1.data
      .map((e) => ({ file: e.file, target: e.target, key: e.key, label: e.key, from: e.from, to: e.to, time: Date.parse(e.at), source: e.source }))
      .filter((e) => Number.isFinite(e.time) && e.time >= 0);
    log.info(`Status history migrated from version 1 (${events.length} events).`);
    return { events, repaired: true };
  }
  // Keep what can be read, one event at a time, when the envelope is right.
  const envelope = z.object({ version: z.literal(HISTORY_VERSION), events: z.array(z.unknown()) }).safeParse(raw);
  if (envelope.success) {
    const events = envelope.data.events.flatMap((e) => {
      const r = HistoryEventSchema.safeParse(e);
      return r.success ? [r.data] : [];
    });
    log.warn(`Status history had ${envelope.data.events.length - events.length} unreadable events; they were dropped.`);
    return { events, repaired: true };
  }
  log.warn('Status history in workspace state was unreadable and has been reset.');
  return { events: [], repaired: true };
}

/** A phase's or task's stable key: its number or ID, else its title (tasks within their phase). */
export function statusKeys(plan: Plan): Map<string, { target: 'phase' | 'task'; label: string; status: Status }> {
  const out = new Map<string, { target: 'phase' | 'task'; label: string; status: Status }>();
  for (const p of plan.phases) {
    const key = phaseKey(p);
    if (out.has(key)) continue; // duplicates are ambiguous: the first one counts
    out.set(key, { target: 'phase', label: phaseName(p), status: p.status });
  }
  for (const t of plan.tasks) {
    const key = taskKey(t, plan);
    if (out.has(key)) continue;
    out.set(key, { target: 'task', label: taskName(t), status: t.status });
  }
  return out;
}

/** The status changes between two models of one file. Unknown statuses (half-typed words) are not changes. */
export function transitions(before: Plan, after: Plan): Array<{ key: string; target: 'phase' | 'task'; label: string; from: Status; to: Status }> {
  const a = statusKeys(before);
  const out: Array<{ key: string; target: 'phase' | 'task'; label: string; from: Status; to: Status }> = [];
  for (const [key, now] of statusKeys(after)) {
    const was = a.get(key);
    if (!was || was.status === now.status || was.status === 'unknown' || now.status === 'unknown') continue;
    out.push({ key, target: now.target, label: now.label, from: was.status, to: now.status });
  }
  return out;
}

/**
 * Time spent in progress by one phase or task: closed intervals plus the open one until `now`,
 * less the time its timer was paused. A status change ends a pause.
 */
export function timeInProgress(
  events: readonly HistoryEvent[],
  file: string,
  key: string,
  now: number,
  timers: readonly TimerEvent[] = [],
): number | undefined {
  const own = events.filter((e) => e.file === file && e.key === key);
  if (!own.length) return undefined;
  const pauses = timers.filter((t) => t.file === file && t.key === key);
  // One timeline, status changes before timer events at the same instant.
  type Step = { time: number; to?: HistoryEvent['to']; timer?: TimerEvent['timer'] };
  const timeline = [...own.map((e): Step => ({ time: e.time, to: e.to })), ...pauses.map((t): Step => ({ time: t.time, timer: t.timer }))].sort(
    (a, b) => a.time - b.time || (a.to ? 0 : 1) - (b.to ? 0 : 1),
  );
  let total = 0;
  let running: number | undefined;
  let inProgress = false;
  let paused: boolean | undefined;
  const stop = (at: number): void => {
    if (running !== undefined) total += Math.max(0, at - running);
    running = undefined;
  };
  for (const step of timeline) {
    if (step.to) {
      inProgress = step.to === 'in-progress';
      paused = false;
    } else paused = step.timer === 'pause';
    if (inProgress && !paused) running ??= step.time;
    else stop(step.time);
  }
  stop(Math.max(now, running ?? now));
  return total;
}

/** True when the element is in progress by the history and its timer is paused. */
export function isPaused(events: readonly HistoryEvent[], timers: readonly TimerEvent[], file: string, key: string): boolean {
  let lastStatus: HistoryEvent | undefined;
  for (const e of events) if (e.file === file && e.key === key && (!lastStatus || e.time >= lastStatus.time)) lastStatus = e;
  let lastTimer: TimerEvent | undefined;
  for (const t of timers) if (t.file === file && t.key === key && (!lastTimer || t.time >= lastTimer.time)) lastTimer = t;
  return !!lastTimer && lastTimer.timer === 'pause' && (!lastStatus || lastTimer.time >= lastStatus.time);
}

export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

/** The line of the element a history event is about (same keys as statusKeys), else by its label. */
export function lineOfEvent(plan: Plan, event: Pick<HistoryEvent, 'target' | 'key' | 'label'>): number | undefined {
  if (event.target === 'phase') {
    const byKey = plan.phases.find((p) => phaseKey(p) === event.key);
    if (byKey) return byKey.line;
    return plan.phases.find((p) => event.label === p.title || event.label.endsWith(`: ${p.title}`))?.line;
  }
  const byKey = plan.tasks.find((t) => taskKey(t, plan) === event.key);
  if (byKey) return byKey.line;
  return plan.tasks.find((t) => event.label === taskName(t) || event.label === t.title)?.line;
}
