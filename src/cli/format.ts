/** Human-readable output of the CLI. */
import type { Diagnostic, Plan, Status, Task } from '../core';
import { currentPhaseIndex, nextWork, percent, phaseLabel, phaseName, phaseTaskCounts, progress, taskName } from '../core';

const ICON: Record<Status, string> = {
  completed: '[x]',
  'in-progress': '[>]',
  pending: '[ ]',
  failed: '[!]',
  blocked: '[#]',
  unknown: '[?]',
};

export function statusIcon(s: Status): string {
  return ICON[s];
}

function pct(done: number, total: number): string {
  return `${percent(done, total)}%`;
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

function diagSummary(diags: readonly Diagnostic[]): string {
  if (!diags.length) return 'none';
  const count = (sev: Diagnostic['severity']): number => diags.filter((d) => d.severity === sev).length;
  const parts: string[] = [];
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (count('error')) parts.push(plural(count('error'), 'error'));
  if (count('warning')) parts.push(plural(count('warning'), 'warning'));
  if (count('info')) parts.push(plural(count('info'), 'note'));
  return parts.join(', ');
}

function taskLine(t: Task): string {
  return `  ${ICON[t.status]} ${pad(t.status, 11)} ${taskName(t)}  (line ${t.line + 1})`;
}

export function formatStatus(plan: Plan, diags: readonly Diagnostic[], file: string): string {
  const out: string[] = [];
  out.push(plan.title ?? file);
  out.push(`Kind: ${plan.kind}`);
  const cur = currentPhaseIndex(plan);
  const prog = progress(plan);
  const unit = plan.phases.length ? 'phases' : 'tasks';
  if (plan.phases.length) {
    out.push(`Current phase: ${cur !== undefined ? `${phaseName(plan.phases[cur])} (line ${plan.phases[cur].line + 1})` : 'none (all phases completed)'}`);
  }
  out.push(`Progress: ${prog.completed}/${prog.total} ${unit} (${pct(prog.completed, prog.total)})`);

  if (plan.phases.length) {
    out.push('', 'Phases:');
    const minDepth = Math.min(...plan.phases.map((p) => p.depth));
    const labels = plan.phases.map((p) => '  '.repeat(p.depth - minDepth) + phaseName(p));
    const width = Math.min(60, Math.max(...labels.map((l) => l.length)));
    plan.phases.forEach((p, i) => {
      const c = phaseTaskCounts(plan, p);
      out.push(`  ${ICON[p.status]} ${pad(p.status, 11)} ${pad(labels[i], width)}  ${c.done}/${c.total} tasks  line ${p.line + 1}`);
    });
    if (cur !== undefined) {
      const phase = plan.phases[cur];
      out.push('', `Tasks in ${phaseLabel(phase)}:`);
      if (phase.tasks.length) for (const i of phase.tasks) out.push(taskLine(plan.tasks[i]));
      else out.push('  (none)');
    }
  } else if (plan.tasks.length) {
    out.push('', 'Tasks:');
    for (const t of plan.tasks) out.push(taskLine(t));
  }
  out.push('', `Diagnostics: ${diagSummary(diags)}${diags.length ? ` (run: phasewise check ${file})` : ''}`);
  return out.join('\n') + '\n';
}

export function formatCheck(diags: readonly Diagnostic[], file: string): string {
  const out: string[] = [];
  for (const d of diags) {
    out.push(`${file}:${d.line + 1}: ${d.severity} ${d.code}: ${d.message}`);
    for (const f of d.fixes) out.push(`    fix: ${f.title}`);
  }
  out.push(diags.length ? `${file}: ${diagSummary(diags)}` : `${file}: no problems found`);
  return out.join('\n') + '\n';
}

export function formatNext(plan: Plan): string {
  const w = nextWork(plan);
  const out: string[] = [];
  const p = w.phase !== undefined ? plan.phases[w.phase] : undefined;
  const t = w.task !== undefined ? plan.tasks[w.task] : undefined;
  if (p) out.push(`Phase: ${phaseName(p)} (${p.status}, line ${p.line + 1})`);
  if (t) out.push(`Next task: ${taskName(t)} (${t.status}, line ${t.line + 1})`);
  else if (p) out.push('Next task: none open in this phase');
  if (!p && !t)
    out.push(plan.phases.length || plan.tasks.length ? 'Nothing left to do: everything is completed.' : 'No phases or tasks found in this document.');
  return out.join('\n') + '\n';
}
