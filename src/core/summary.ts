/**
 * A session summary built from the plans and, in the editor, the status history: what was
 * completed (with the time it took), planned against actual time, what is in progress, what is
 * next, and the fixes and gold nuggets of the logs. From the files alone (the CLI) there are no
 * dates or measured times: it reports what the files say.
 */
import type { RootContent } from 'mdast';
import type { Plan, Status } from './model';
import { isoDate } from './dates';
import { OVERRUN_FACTOR, formatDurationLike, isOverrun, phaseActual, phaseEstimate } from './durations';
import { nextWork } from './edits';
import { phaseKey, taskKey } from './identity';
import { phaseName, plainLabel, taskName } from './labels';
import { bold, bullets, field, heading, item, para, rule, serialize, table, txt, withEol } from './templates/mdast';

export interface SummaryDocument {
  /** How the summary names the file (relative path). */
  file: string;
  /** The name the history keeps the file under (its URI), when it differs from `file`. */
  uri?: string;
  plan: Plan;
}

const idOf = (d: SummaryDocument): string => d.uri ?? d.file;

/** A status change, as the history keeps it. */
export interface SummaryEvent {
  file: string;
  target: 'phase' | 'task';
  key: string;
  label: string;
  to: Status;
  time: number;
}

export interface SummaryOptions {
  now: Date;
  title?: string;
  eol?: '\n' | '\r\n';
  /** The history and the window it is read for; without it the summary reads the files alone. */
  history?: {
    since: number;
    /** `today`, `since 2026-11-30`, `since the last summary`. */
    label: string;
    events: readonly SummaryEvent[];
    /** Time in progress of an element, pauses left out. */
    measured: (file: string, key: string) => number | undefined;
  };
}

/** Durations in the summary's own words: `2.5 hours`, `40 minutes`. */
function hours(ms: number): string {
  return formatDurationLike(ms, ['1 hour']);
}

const nameOf = (d: SummaryDocument, many: boolean, label: string): string => (many ? `${label} (${d.file})` : label);

interface Done {
  label: string;
  ms?: number;
}

/** What was completed: in the window by the history, else every completed phase the files show. */
function completed(docs: readonly SummaryDocument[], options: SummaryOptions): Done[] {
  const many = docs.length > 1;
  const h = options.history;
  if (h) {
    const latest = new Map<string, SummaryEvent>();
    for (const e of h.events) if (e.time >= h.since && e.time <= options.now.getTime()) latest.set(`${e.file}\u0000${e.key}`, e);
    const out: Done[] = [];
    for (const e of latest.values()) {
      if (e.to !== 'completed') continue;
      const d = docs.find((x) => idOf(x) === e.file);
      out.push({ label: d ? nameOf(d, many, e.label) : e.label, ms: h.measured(e.file, e.key) });
    }
    return out;
  }
  return docs.flatMap((d) => d.plan.phases.filter((p) => p.status === 'completed').map((p) => ({ label: nameOf(d, many, phaseName(p)), ms: phaseActual(p) })));
}

function plannedAgainstActual(docs: readonly SummaryDocument[], options: SummaryOptions, done: ReadonlySet<string>): string[][] {
  const rows: string[][] = [];
  for (const d of docs) {
    d.plan.phases.forEach((p) => {
      if (p.status !== 'completed' && p.status !== 'in-progress') return;
      const key = phaseKey(p);
      if (options.history && p.status === 'completed' && !done.has(`${idOf(d)}\u0000${key}`)) return;
      const estimate = phaseEstimate(d.plan, p);
      const actual = options.history?.measured(idOf(d), key) ?? phaseActual(p);
      if (estimate === undefined && actual === undefined) return;
      const note = isOverrun(actual, estimate) ? `over ${OVERRUN_FACTOR}× the estimate` : p.status === 'in-progress' ? 'still in progress' : '';
      rows.push([nameOf(d, docs.length > 1, phaseName(p)), estimate !== undefined ? hours(estimate) : '—', actual !== undefined ? hours(actual) : '—', note]);
    });
  }
  return rows;
}

function inProgress(docs: readonly SummaryDocument[], options: SummaryOptions): string[] {
  const out: string[] = [];
  for (const d of docs) {
    const many = docs.length > 1;
    for (const p of d.plan.phases) {
      if (p.status !== 'in-progress') continue;
      const ms = options.history?.measured(idOf(d), phaseKey(p));
      out.push(nameOf(d, many, phaseName(p)) + (ms !== undefined ? `: ${hours(ms)} so far` : ''));
    }
    for (const t of d.plan.tasks) {
      if (t.status !== 'in-progress') continue;
      const ms = options.history?.measured(idOf(d), taskKey(t, d.plan));
      out.push(nameOf(d, many, taskName(t)) + (ms !== undefined ? `: ${hours(ms)} so far` : ''));
    }
  }
  return out;
}

function next(docs: readonly SummaryDocument[]): string[] {
  const out: string[] = [];
  for (const d of docs) {
    if (!d.plan.phases.length && !d.plan.tasks.length) continue;
    const w = nextWork(d.plan);
    const phase = w.phase !== undefined ? d.plan.phases[w.phase] : d.plan.phases.find((p) => p.status !== 'completed');
    const task = w.task !== undefined ? d.plan.tasks[w.task] : undefined;
    const parts = [phase && phaseName(phase), task && taskName(task)].filter((x): x is string => !!x);
    if (parts.length) out.push(nameOf(d, docs.length > 1, parts.join(' — ')));
  }
  return out;
}

function fixes(docs: readonly SummaryDocument[]): RootContent[] {
  const items = docs.flatMap((d) =>
    d.plan.fixes.map((f) => {
      const nugget = f.nugget?.value.trim();
      const children: RootContent[] = [para(txt(nameOf(d, docs.length > 1, plainLabel(f.title))))];
      if (nugget) children.push(bullets(item([para(bold('Gold Nugget:'), txt(` ${nugget}`))])));
      return item(children as Parameters<typeof item>[0]);
    }),
  );
  return items.length ? [bullets(...items)] : [para(txt('No fix blocks in these documents.'))];
}

const list = (lines: readonly string[], empty: string): RootContent => (lines.length ? bullets(...lines.map((l) => item([para(txt(l))]))) : para(txt(empty)));

/** The summary document, as Markdown. */
export function sessionSummary(docs: readonly SummaryDocument[], options: SummaryOptions): string {
  const h = options.history;
  const title = options.title ?? docs.find((d) => d.plan.kind !== 'log' && d.plan.title)?.plan.title;
  const done = completed(docs, options);
  const doneKeys = new Set<string>();
  if (h) for (const e of h.events) if (e.time >= h.since && e.to === 'completed') doneKeys.add(`${e.file}\u0000${e.key}`);
  const total = done.reduce((n, d) => n + (d.ms ?? 0), 0);
  const nodes: RootContent[] = [
    heading(1, `Session Summary: ${plainLabel(title ?? '') || 'Work Session'}`),
    field('colon-outside', 'Date', isoDate(options.now)),
    field('colon-outside', 'Window', h ? h.label : 'what the files say (no history: no dates or measured times)'),
  ];
  if (h && total > 0) nodes.push(field('colon-outside', 'Time on completed work', hours(total)));
  nodes.push(field('colon-outside', 'Documents', docs.map((d) => d.file).join(', ')), rule());
  nodes.push(
    heading(2, 'Completed'),
    list(
      done.map((d) => d.label + (d.ms !== undefined ? `: ${hours(d.ms)}` : '')),
      h ? 'Nothing was completed in this window.' : 'No phase is completed yet.',
    ),
  );
  const rows = plannedAgainstActual(docs, options, doneKeys);
  nodes.push(heading(2, 'Planned Against Actual'));
  nodes.push(rows.length ? table(['Phase', 'Estimate', 'Actual', 'Note'], rows) : para(txt('No estimates or actual times to compare.')));
  nodes.push(heading(2, 'In Progress'), list(inProgress(docs, options), 'Nothing is in progress.'));
  nodes.push(heading(2, 'Next'), list(next(docs), 'Every phase and task is done.'));
  nodes.push(heading(2, 'Fixes and Gold Nuggets'), ...fixes(docs));
  const eol = options.eol ?? '\n';
  return withEol(serialize(nodes), eol) + eol;
}
