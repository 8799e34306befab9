/** The versioned JSON view of a plan (`phasewise status --json`), and its progress numbers. */
import type { Diagnostic } from './diagnostics';
import { currentPhaseIndex, nextWork } from './edits';
import { phaseIdentity } from './identity';
import { trackerRollup } from './rollups';
import { JSON_VERSION, type Phase, type Plan, type Status, type StatusJson } from './model';

/** Phases completed out of all phases; for a document without phases, tasks done out of all. */
export function progress(plan: Plan): { completed: number; total: number } {
  const top = plan.phases;
  if (top.length) return { completed: top.filter((p) => p.status === 'completed').length, total: top.length };
  return { completed: plan.tasks.filter((t) => t.status === 'completed').length, total: plan.tasks.length };
}

export function phaseTaskCounts(plan: Plan, phase: Phase): { done: number; total: number } {
  return { done: phase.tasks.filter((i) => plan.tasks[i].status === 'completed').length, total: phase.tasks.length };
}

/** The current phase as the JSON views name it (line 1-based), or null. */
export function currentPhaseJson(plan: Plan): StatusJson['currentPhase'] {
  const cur = currentPhaseIndex(plan);
  const current = cur !== undefined ? plan.phases[cur] : undefined;
  return current ? { number: current.number ?? null, id: current.id ?? null, title: current.title, line: current.line + 1 } : null;
}

export function toStatusJson(plan: Plan, diagnostics: readonly Diagnostic[], file?: string): StatusJson {
  return {
    version: JSON_VERSION,
    ...(file !== undefined ? { file } : {}),
    kind: plan.kind,
    title: plan.title ?? null,
    currentPhase: currentPhaseJson(plan),
    progress: progress(plan),
    phases: plan.phases.map((p) => ({
      number: p.number ?? null,
      id: p.id ?? null,
      title: p.title,
      status: p.status,
      statusText: p.mark ? p.mark.text : null,
      line: p.line + 1,
      depth: p.depth,
      tasks: phaseTaskCounts(plan, p),
    })),
    tasks: plan.tasks.map((t) => ({
      id: t.id ?? null,
      title: t.title,
      status: t.status,
      kind: t.kind,
      line: t.line + 1,
      phase: t.phase !== undefined ? phaseIdentity(plan.phases[t.phase]) : null,
      ...(t.estimate !== undefined ? { estimate: inHours(t.estimate) } : {}),
      ...(t.actual !== undefined ? { actual: inHours(t.actual) } : {}),
    })),
    ...totalsOf(plan),
    diagnostics: diagnostics.map((d) => ({ line: d.line + 1, severity: d.severity, code: d.code, message: d.message })),
  };
}

/** Milliseconds as hours, to the hundredth. */
function inHours(ms: number): number {
  return Math.round(ms / 36_000) / 100;
}

function totalsOf(plan: Plan): Pick<StatusJson, 'totals'> {
  const r = trackerRollup(plan);
  if (!r) return {};
  return {
    totals: {
      byStatus: Object.fromEntries(r.byStatus.map((s) => [s.status, s.count])),
      byPriority: r.byPriority,
      estimate: r.estimate !== undefined ? inHours(r.estimate) : null,
      actual: r.actual !== undefined ? inHours(r.actual) : null,
    },
  };
}

/** `phasewise next --json` and the agents' next_step: the phase to work on and its first open task (lines 1-based). */
export interface NextJson {
  version: 1;
  file: string;
  phase: { number: string | null; id: string | null; title: string; status: Status; line: number } | null;
  task: { id: string | null; title: string; status: Status; line: number } | null;
}

export function nextJson(plan: Plan, file: string): NextJson {
  const w = nextWork(plan);
  const p = w.phase !== undefined ? plan.phases[w.phase] : undefined;
  const t = w.task !== undefined ? plan.tasks[w.task] : undefined;
  return {
    version: 1,
    file,
    phase: p ? { number: p.number ?? null, id: p.id ?? null, title: p.title, status: p.status, line: p.line + 1 } : null,
    task: t ? { id: t.id ?? null, title: t.title, status: t.status, line: t.line + 1 } : null,
  };
}
