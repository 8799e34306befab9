/** The Current Phase line: which phase it names, the edit that makes it name another, and the phase being worked on. */
import { type Field, PHASE_ID_SOURCE, type Phase, type Plan, type Status, type Task } from '../model';
import { phaseIdentity } from '../identity';
import { type TextEdit, changeRange, editRange } from './text';

const CURRENT_ID = new RegExp(String.raw`(?<![A-Za-z0-9-])${PHASE_ID_SOURCE}\b`);

/** The phase a `Current Phase` value points at: `Phase 3 of 6`, `3/6`, `PH-NEXT-002`. */
export function parseCurrentPhase(value: string): { number?: string; id?: string; total?: string } {
  const id = CURRENT_ID.exec(value);
  if (id) return { id: id[1] };
  const m = /^(?:\**\s*)?(?:phase\s+)?(\d+(?:\.\d+)*)(?:\s*(?:of|\/)\s*(\d+))?/i.exec(value.trim());
  if (m) return { number: m[1], total: m[2] };
  return {};
}

/** The Current Phase field that governs `offset`: the last one before it, else the first. */
function currentFieldAt(plan: Plan, offset: number): Field | undefined {
  let found: Field | undefined;
  for (const i of plan.currentPhaseFields) {
    const f = plan.fields[i];
    if (f.range.start < offset) found = f;
  }
  return found ?? (plan.currentPhaseFields.length ? plan.fields[plan.currentPhaseFields[0]] : undefined);
}

/** The Current Phase field that governs a phase: the last one before it, else the first. */
export function governingCurrentField(plan: Plan, phase: Phase): Field | undefined {
  return currentFieldAt(plan, phase.headingRange.start);
}

/** The edit that counts one more phase in the total (`Phase 3 of 6` -> `of 7`) of the Current Phase line governing `offset`. */
export function currentPhaseTotalEdit(text: string, plan: Plan, offset: number): TextEdit | undefined {
  const f = currentFieldAt(plan, offset);
  const m = f && /^([*_\s]*(?:phase\s+)?\d+(?:\.\d+)*\s*(?:of|\/)\s*)(\d+)/i.exec(f.value);
  if (!f || !m) return undefined;
  const start = f.valueRange.start + m[1].length;
  return editRange(text, start, start + m[2].length, String(parseInt(m[2], 10) + 1));
}

/** The phases governed by the same Current Phase field as `phase`: its plan, in a file that holds several. */
export function scopePhases(plan: Plan, phase: Phase): Phase[] {
  const field = governingCurrentField(plan, phase);
  if (!field) return plan.phases;
  const next = plan.currentPhaseFields.map((i) => plan.fields[i].range.start).find((s) => s > field.range.start) ?? Infinity;
  return plan.phases.filter((p) => p.headingRange.start > field.range.start && p.headingRange.start < next);
}

/** The edit that makes the Current Phase line governing `phase` name `target`. */
export function currentPhaseEdit(text: string, plan: Plan, phase: Phase, target: Phase): TextEdit | undefined {
  const field = governingCurrentField(plan, phase);
  if (!field) return undefined;
  const value = field.value;
  const cur = parseCurrentPhase(value);
  const base = field.valueRange.start;
  if (target.id && cur.id) {
    const at = value.indexOf(cur.id);
    return changeRange(text, base + at, base + at + cur.id.length, target.id);
  }
  if (target.number && cur.number) {
    const m = /^(\**\s*)?(?:phase\s+)?/i.exec(value.trim())!;
    const lead = value.length - value.trimStart().length;
    const at = lead + m[0].length;
    // `Phase 5: Name`: the name goes with the number when it is the old phase's name.
    const old = phaseNamed(scopePhases(plan, phase), cur);
    const rest = value.slice(at + cur.number.length);
    const sep = /^\s*[:—–-]\s*/.exec(rest);
    if (old && sep && old.title && rest.slice(sep[0].length).startsWith(old.title) && target.title) {
      return changeRange(text, base + at, base + at + cur.number.length + sep[0].length + old.title.length, target.number + sep[0] + target.title);
    }
    return changeRange(text, base + at, base + at + cur.number.length, target.number);
  }
  // A placeholder or free text: write the whole value.
  const scope = scopePhases(plan, phase);
  const label = target.number ? `Phase ${target.number} of ${scope.length}` : phaseIdentity(target);
  return changeRange(text, field.valueRange.start, field.valueRange.end, label);
}

/**
 * The phase a parsed Current Phase value names among `phases`: by ID, by number, or for a
 * step number such as `1.3` with no phase of its own, the phase it belongs to (1).
 */
function phaseNamed<P extends Phase>(phases: readonly P[], cur: { number?: string; id?: string }): P | undefined {
  if (cur.id) return phases.find((p) => p.id === cur.id);
  const n = cur.number;
  if (n === undefined) return undefined;
  const exact = phases.find((p) => p.number === n);
  if (exact || !n.includes('.')) return exact;
  return phases.find((p) => p.number === n.split('.')[0]);
}

/** The phase the Current Phase line governing `phase` names, if it names one that exists. */
export function currentPhaseTarget(plan: Plan, phase: Phase): Phase | undefined {
  const field = governingCurrentField(plan, phase);
  if (!field) return undefined;
  return phaseNamed(scopePhases(plan, phase), parseCurrentPhase(field.value));
}

/** A template's placeholder title: `[Phase Name]`, `<name>`, `{title}`. */
function isPlaceholder(title: string): boolean {
  return /^(?:\[[^\]]*\]|<[^>]*>|\{[^}]*\})(?:\s*\(.*\))?$/.test(title.trim());
}

/** The phase being worked on: in progress, else named by Current Phase, else the first open one. */
export function currentPhaseIndex(plan: Plan): number | undefined {
  // A template's phases (`Phase 3: [Phase Name]`) are never the work: real phases first.
  const real = plan.phases.filter((p) => !isPlaceholder(p.title));
  const phases = real.length ? real : plan.phases;
  const inProgress = phases.find((p) => p.status === 'in-progress');
  if (inProgress) return plan.phases.indexOf(inProgress);
  for (const i of plan.currentPhaseFields) {
    const cur = parseCurrentPhase(plan.fields[i].value);
    const after = phases.filter((p) => p.headingRange.start > plan.fields[i].range.start);
    // A Current Phase line usually leads its phases; a footer one names a phase above it.
    const hit = phaseNamed(after, cur) ?? phaseNamed(phases, cur);
    if (hit) return plan.phases.indexOf(hit);
  }
  // The first phase not done, passing over one the work has gone past (a later phase is done)
  // that says nothing it can be worked on by: a status Phasewise cannot read ("Not needed",
  // "Skipped") or no status and no tasks at all.
  let lastDone = -1;
  phases.forEach((p, i) => {
    if (p.status === 'completed') lastDone = i;
  });
  const passed = (p: Phase, i: number): boolean => i < lastDone && (p.status === 'unknown' || (p.derived && p.tasks.length === 0));
  const open = phases.find((p, i) => p.status !== 'completed' && !passed(p, i)) ?? phases.find((p) => p.status !== 'completed');
  return open ? plan.phases.indexOf(open) : undefined;
}

/** The phase being worked on and, in it, the task to do next: one in progress, else the first open one. */
export function nextWork(plan: Plan): { phase?: number; task?: number } {
  const phase = currentPhaseIndex(plan);
  const tasks: Task[] = plan.tasks;
  const pool = phase !== undefined ? plan.phases[phase].tasks : tasks.map((_t, i) => i);
  const open = (s: Status): boolean => s !== 'completed' && s !== 'failed';
  // A parent is done through its children: point at them, never at the parent itself.
  const parents = new Set<number>();
  for (const t of tasks) if (t.parent !== undefined) parents.add(t.parent);
  const leaves = pool.filter((i) => !parents.has(i) && !isPlaceholder(tasks[i].title));
  const task = leaves.find((i) => tasks[i].status === 'in-progress') ?? leaves.find((i) => open(tasks[i].status));
  return { phase, task };
}
