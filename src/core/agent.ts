/**
 * What the agent tools (the MCP server, VS Code's language-model tools) share once they have a
 * plan's text: its revision, the texts handed out by revision, finding the target an agent
 * names, checking a stale revision against it, planning the edit, and each tool's result (a
 * one-line text for the model and the versioned JSON of the CLI). Reading and writing files is
 * the caller's.
 */
import { checkPlan } from './diagnostics';
import { type Target, PhasewiseError, type TextEdit, findAtLine, findPhase, findTask, nextWork, parseStatusArg, setStatus } from './edits';
import { phaseKey, taskKey } from './identity';
import { phaseName, taskName } from './labels';
import type { KnownStatus, Plan, Status } from './model';
import { PlanDocument } from './parse/document';
import { nextJson, toStatusJson } from './report';
import { type TemplateKind, insertTemplate } from './templates';

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

/** The texts handed to agents, by revision (the latest 64), so that a stale revision can be checked against what the agent saw. */
export class SeenTexts {
  private readonly texts = new Map<string, string>();
  remember(text: string): string {
    const rev = revisionOf(text);
    this.texts.delete(rev);
    this.texts.set(rev, text);
    while (this.texts.size > 64) this.texts.delete(this.texts.keys().next().value!);
    return rev;
  }
  get(rev: string): string | undefined {
    return this.texts.get(rev);
  }
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

/** How an agent names a phase or task: exactly one of these. */
export interface Selector {
  phase?: string;
  task?: string;
  /** 1-based. */
  line?: number;
}

/** What the user reads for a target (`Phase 3: Parser`, `T012 Add the parser`), and its status. */
export function describeTarget(plan: Plan, target: Target): { label: string; status: Status } {
  if (target.kind === 'phase') {
    const p = plan.phases[target.index];
    return { label: phaseName(p), status: p.status };
  }
  const t = plan.tasks[target.index];
  return { label: taskName(t), status: t.status };
}

export function resolveSelector(plan: Plan, sel: Selector): Target {
  const given = (['phase', 'task', 'line'] as const).filter((k) => sel[k] !== undefined);
  if (given.length !== 1) throw new PhasewiseError('Give exactly one of phase, task or line.', 'usage');
  if (sel.phase !== undefined) return { kind: 'phase', index: findPhase(plan, String(sel.phase)) };
  if (sel.task !== undefined) return { kind: 'task', index: findTask(plan, sel.task) };
  return findAtLine(plan, Number(sel.line) - 1);
}

/** A tool's answer: one line for the model, and the versioned JSON. */
export interface ToolOutcome {
  text: string;
  json: Record<string, unknown>;
}

export function readPlanOutcome(file: string, text: string, plan: Plan, revision: string): ToolOutcome {
  const json = { ...toStatusJson(plan, checkPlan(text, plan), file), revision };
  const cur = json.currentPhase;
  return {
    text: `${file}: ${plan.kind}, ${json.progress.completed}/${json.progress.total} done${cur ? `, current: ${cur.title}` : ''}; revision ${revision}`,
    json,
  };
}

/** The next step in one plan; undefined when it has none and `skipDone` is set (the caller looks at the next plan). */
export function nextStepOutcome(file: string, plan: Plan, skipDone = false): ToolOutcome | undefined {
  const w = nextWork(plan);
  if (w.phase === undefined && w.task === undefined && skipDone) return undefined;
  const p = w.phase !== undefined ? plan.phases[w.phase] : undefined;
  const t = w.task !== undefined ? plan.tasks[w.task] : undefined;
  const text =
    p || t ? `${file}: ${p ? phaseName(p) : ''}${t ? `${p ? '; next task ' : ''}${taskName(t)} (line ${t.line + 1})` : ''}` : `${file}: nothing left to do`;
  return { text, json: { ...nextJson(plan, file) } };
}

export const NOTHING_LEFT: ToolOutcome = {
  text: 'Nothing left to do in any plan of the workspace.',
  json: { version: 1, file: null, phase: null, task: null },
};

export function checkPlanOutcome(file: string, text: string, plan: Plan): ToolOutcome {
  const diagnostics = checkPlan(text, plan).map((d) => ({
    line: d.line + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
    fixes: d.fixes.map((x) => x.title),
  }));
  return {
    text: diagnostics.length ? `${diagnostics.length} problems: ${diagnostics.map((d) => `line ${d.line} ${d.code}`).join(', ')}` : `${file}: no problems`,
    json: { version: 1, file, diagnostics },
  };
}

/** A status change planned on the text as it is now. */
export interface StatusChange {
  target: Target;
  /** What the user reads: `Phase 3: Parser`, `T012 Add the parser`. */
  label: string;
  from: Status;
  to: KnownStatus;
  edits: TextEdit[];
}

/**
 * Plans `set_status` on `text`: the target the selector names, checked against the text the
 * agent read when its revision is not the current one (`seen` holds it; the same element with
 * the same status text must be there now), and the edits that set the status.
 */
export function planStatusChange(
  file: string,
  text: string,
  plan: Plan,
  sel: Selector,
  statusArg: string,
  revision: string | undefined,
  seen: SeenTexts,
  now: Date,
  /** The time the target was measured in progress, for its Actual Duration field on completion. */
  measured?: (target: Target) => number | undefined,
): StatusChange {
  const to = parseStatusArg(statusArg);
  let target = resolveSelector(plan, sel);
  if (revision && revision !== revisionOf(text)) target = staleTarget(file, text, plan, sel, target, revision, seen.get(revision));
  const { label, status: from } = describeTarget(plan, target);
  return { target, label, from, to, edits: setStatus(text, plan, target, to, { now, actualMs: measured?.(target) }) };
}

/** With a stale revision: the target as the agent saw it must be the same element, with the same status text, now. */
function staleTarget(file: string, text: string, plan: Plan, sel: Selector, target: Target, revision: string, old: string | undefined): Target {
  if (old === undefined)
    throw new PhasewiseError(`${file} changed since revision ${revision} (or that revision was not read here); call read_plan again.`, 'stale');
  const oldPlan = PlanDocument.parse(old).plan;
  const was = targetIdentity(old, oldPlan, resolveSelector(oldPlan, sel));
  const now = findByIdentity(plan, target.kind, was.key);
  if (!now)
    throw new PhasewiseError(`${file} changed since revision ${revision}: the ${target.kind} you read is no longer there; call read_plan again.`, 'stale');
  const is = targetIdentity(text, plan, now);
  if (is.status !== was.status || is.statusText !== was.statusText) {
    throw new PhasewiseError(
      `${file} changed since revision ${revision}: its status is now "${is.statusText || is.status}" (was "${was.statusText || was.status}"); call read_plan again.`,
      'stale',
    );
  }
  return now;
}

/** The result of `set_status`, once applied (or found to need no edit); `revision` is of the text after it. */
export function statusOutcome(file: string, change: StatusChange, revision: string): ToolOutcome {
  const { label, from, to, edits } = change;
  const json = { version: 1, file, target: label, from, to, changed: edits.length > 0, edits: edits.length, revision };
  if (!edits.length) {
    const text =
      from === to ? `${label} is already ${to}; nothing changed` : `${label} is ${from}; this file has no way to write ${to} for it, so nothing changed`;
    return { text, json };
  }
  return { text: `${label}: ${from} -> ${to} (${edits.length} edit${edits.length === 1 ? '' : 's'}); revision ${revision}`, json };
}

/** Plans `add_section` on `text`; a new phase is refused on a stale revision (the agent numbered it from what it read). */
export function planSection(
  file: string,
  text: string,
  plan: Plan,
  template: TemplateKind,
  title: string | undefined,
  revision: string | undefined,
  now: Date,
): TextEdit[] {
  if (revision && revision !== revisionOf(text) && template === 'next-phase') {
    throw new PhasewiseError(`${file} changed since revision ${revision}; call read_plan again before adding a phase.`, 'stale');
  }
  return insertTemplate(text, plan, template, { ...(title ? { title } : {}), now });
}

export function sectionOutcome(file: string, template: TemplateKind, title: string | undefined, edits: readonly TextEdit[], revision: string): ToolOutcome {
  return {
    text: `${file}: added ${template}${title ? ` "${title}"` : ''}; revision ${revision}`,
    json: { version: 1, file, template, edits: edits.length, revision },
  };
}
