/**
 * Consistency rules over the plan model. Each finding carries fixes expressed as minimal edits.
 */
import type { KnownStatus, Phase, Plan, Range, Task } from './model';
import {
  type TextEdit,
  currentPhaseEdit,
  currentPhaseTarget,
  governingCurrentField,
  markEdit,
  parseCurrentPhase,
  scopePhases,
  setPhaseStatus,
  setTaskStatus,
  vocabularyOf,
} from './edits';
import { phaseNumberOrId } from './identity';
import { STATUS_NAMES, phaseLabel } from './labels';
import { findMojibake } from './mojibake';
import { lineEnd, lineIndex, lineStarts } from './parse/lines';

export type Severity = 'error' | 'warning' | 'info';

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  code:
    | 'overview-mismatch'
    | 'current-phase-mismatch'
    | 'multiple-in-progress'
    | 'completed-with-open-items'
    | 'duplicate-phase'
    | 'duplicate-task-id'
    | 'parent-mismatch'
    | 'mojibake';
  severity: Severity;
  message: string;
  range: Range;
  /** 0-based line of `range.start`. */
  line: number;
  fixes: Fix[];
}

function known(s: string): s is KnownStatus {
  return s !== 'unknown';
}

export function checkPlan(text: string, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  const vocab = vocabularyOf(plan);
  const lineOf = lineLookup(text);

  // Overview table disagrees with a phase's own status.
  for (const phase of plan.phases) {
    if (!phase.overviewRow || !phase.mark || !known(phase.status)) continue;
    const row = plan.overviews[phase.overviewRow.table].rows[phase.overviewRow.row];
    if (row.status === phase.status || !row.mark) continue;
    const edit = markEdit(text, plan, row.mark, phase.status, vocab);
    out.push({
      code: 'overview-mismatch',
      severity: 'error',
      message: `${phaseLabel(phase)} is ${STATUS_NAMES[phase.status]} in its section (line ${phase.line + 1}) but "${row.mark.text}" in the overview table.`,
      range: row.mark.range,
      line: row.line,
      fixes: edit ? [{ title: `Set the overview row to ${STATUS_NAMES[phase.status]}`, edits: [edit] }] : [],
    });
  }

  // Current Phase disagrees with the phase in progress; more than one phase in progress.
  const seenFields = new Set<number>();
  for (const phase of plan.phases) {
    const field = governingCurrentField(plan, phase);
    if (!field || seenFields.has(field.range.start)) continue;
    seenFields.add(field.range.start);
    const scope = scopePhases(plan, phase);
    const active = scope.filter((p) => p.status === 'in-progress');
    const named = currentPhaseTarget(plan, phase);
    const cur = parseCurrentPhase(field.value);
    if (active.length === 1 && named !== active[0]) {
      const edit = currentPhaseEdit(text, plan, active[0], active[0]);
      out.push({
        code: 'current-phase-mismatch',
        severity: 'warning',
        message: named
          ? `Current Phase names ${phaseLabel(named)}, but ${phaseLabel(active[0])} is the phase in progress.`
          : `Current Phase "${field.value}" names no phase of this plan; ${phaseLabel(active[0])} is in progress.`,
        range: field.valueRange,
        line: field.line,
        fixes: edit ? [{ title: `Set Current Phase to ${phaseLabel(active[0])}`, edits: [edit] }] : [],
      });
    } else if (!named && (cur.number || cur.id) && active.length === 0) {
      out.push({
        code: 'current-phase-mismatch',
        severity: 'warning',
        message: `Current Phase "${field.value}" names no phase of this plan.`,
        range: field.valueRange,
        line: field.line,
        fixes: firstOpenFix(text, plan, phase, scope),
      });
    }
  }
  checkMultipleInProgress(text, plan, out);
  checkParents(text, plan, out);

  // A completed phase with open steps or criteria.
  for (let i = 0; i < plan.phases.length; i++) {
    const phase = plan.phases[i];
    if (phase.status !== 'completed' || phase.derived) continue;
    const open = phase.tasks.filter((t) => isOpen(plan.tasks[t]));
    if (!open.length) continue;
    const fixes: Fix[] = [];
    try {
      fixes.push({
        title: `Mark the ${open.length} open item${open.length > 1 ? 's' : ''} done`,
        edits: open.flatMap((t) => setTaskStatus(text, plan, t, 'completed')),
      });
    } catch {
      // a task that cannot take the status: offer the other fix only
    }
    const back = phaseFix(text, plan, i, 'in-progress', `Set ${phaseLabel(phase)} back to ${STATUS_NAMES['in-progress']}`);
    if (back) fixes.push(back);
    out.push({
      code: 'completed-with-open-items',
      severity: 'warning',
      message: `${phaseLabel(phase)} is completed but ${open.length} of its ${phase.tasks.length} steps or criteria are still open (first: line ${plan.tasks[open[0]].line + 1}).`,
      range: phase.headingRange,
      line: phase.line,
      fixes,
    });
  }

  // Duplicate phase numbers and IDs.
  const byKey = new Map<string, Phase[]>();
  for (const p of plan.phases) {
    const key = phaseNumberOrId(p);
    if (!key) continue;
    const list = byKey.get(key) ?? [];
    list.push(p);
    byKey.set(key, list);
  }
  for (const [, list] of byKey) {
    if (list.length < 2) continue;
    for (const dup of list.slice(1)) {
      // No fix: which of two real phases should change its number is the author's call, and
      // renumbering one would break every reference to it.
      const fixes: Fix[] = [];
      out.push({
        code: 'duplicate-phase',
        severity: 'warning',
        message: `${phaseLabel(dup)} appears more than once (lines ${list.map((p) => p.line + 1).join(', ')}).`,
        range: dup.headingRange,
        line: dup.line,
        fixes,
      });
    }
  }

  // Duplicate task IDs.
  const tasksById = new Map<string, Task[]>();
  for (const t of plan.tasks) {
    if (!t.id || !/[A-Za-z]/.test(t.id)) continue; // numbered steps repeat by design
    const list = tasksById.get(t.id) ?? [];
    list.push(t);
    tasksById.set(t.id, list);
  }
  const usedTaskIds = new Set(tasksById.keys());
  for (const [id, list] of tasksById) {
    if (list.length < 2) continue;
    for (const dup of list.slice(1)) {
      const fresh = nextFreeId(id, usedTaskIds);
      const lineText = text.slice(dup.range.start, dup.range.end);
      const at = lineText.indexOf(id);
      const fixes: Fix[] = [];
      if (fresh && at >= 0) {
        usedTaskIds.add(fresh);
        fixes.push({ title: `Rename to ${fresh}`, edits: [edit(text, dup.range.start + at, id.length, fresh)] });
      }
      out.push({
        code: 'duplicate-task-id',
        severity: 'error',
        message: `Task ID ${id} is used more than once (lines ${list.map((t) => t.line + 1).join(', ')}).`,
        range: dup.range,
        line: dup.line,
        fixes,
      });
    }
  }

  // Damaged emoji, one finding per line.
  const runs = findMojibake(text);
  for (let i = 0; i < runs.length; ) {
    const line = lineOf(runs[i].start);
    const end = lineEnd(text, runs[i].start);
    const onLine = [];
    while (i < runs.length && runs[i].start < end) onLine.push(runs[i++]);
    out.push({
      code: 'mojibake',
      severity: 'warning',
      message: `Damaged characters ${onLine.map((r) => `"${r.original}" (${r.replacement})`).join(', ')}: UTF-8 text that was decoded as ${onLine[0].encoding}.`,
      range: { start: onLine[0].start, end: onLine[onLine.length - 1].end },
      line,
      fixes: [{ title: `Repair to ${onLine.map((r) => r.replacement).join(' ')}`, edits: onLine.map((r) => edit(text, r.start, r.end - r.start, r.replacement)) }],
    });
  }
  return out.sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
}

function checkMultipleInProgress(text: string, plan: Plan, out: Diagnostic[]): void {
  const groups = new Map<string, number[]>();
  plan.phases.forEach((p, i) => {
    // A phase that follows its checkboxes is in progress whenever some are done: not a conflict.
    if (p.status !== 'in-progress' || p.derived) return;
    const field = governingCurrentField(plan, p);
    const key = `${field?.range.start ?? -1}:${p.parent ?? -1}`;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  });
  for (const [, list] of groups) {
    if (list.length < 2) continue;
    const named = currentPhaseTarget(plan, plan.phases[list[0]]);
    const keep = named && list.includes(plan.phases.indexOf(named)) ? plan.phases.indexOf(named) : list[list.length - 1];
    for (const i of list) {
      if (i === keep) continue;
      const p = plan.phases[i];
      out.push({
        code: 'multiple-in-progress',
        severity: 'warning',
        message: `${list.length} phases are in progress (${list.map((k) => phaseLabel(plan.phases[k])).join(', ')}); ${phaseLabel(plan.phases[keep])} is the current one.`,
        range: p.mark?.range ?? p.headingRange,
        line: p.mark ? lineFor(p) : p.line,
        fixes: [phaseFix(text, plan, i, 'completed', `Mark ${phaseLabel(p)} completed`), phaseFix(text, plan, i, 'pending', `Mark ${phaseLabel(p)} pending`)].filter((f): f is Fix => !!f),
      });
    }
  }
}

/** A parent checkbox that disagrees with its children: done with open children, or open with all done. */
function checkParents(text: string, plan: Plan, out: Diagnostic[]): void {
  const children = new Map<number, Task[]>();
  for (const t of plan.tasks) {
    if (t.parent === undefined || t.kind !== 'checkbox') continue;
    const list = children.get(t.parent) ?? [];
    list.push(t);
    children.set(t.parent, list);
  }
  for (const [i, kids] of children) {
    const parent = plan.tasks[i];
    if (parent.kind !== 'checkbox' || !parent.mark) continue;
    const open = kids.filter((k) => k.status !== 'completed').length;
    const name = parent.id ? `Task ${parent.id}` : `The task at line ${parent.line + 1}`;
    let message: string | undefined;
    let want: KnownStatus | undefined;
    if (parent.status === 'completed' && open) {
      message = `${name} is checked but ${open} of its ${kids.length} subtasks are still open.`;
      want = kids.some((k) => k.status === 'in-progress' || k.status === 'completed') && vocabularyOf(plan).all.hasProgressBox() ? 'in-progress' : 'pending';
    } else if (parent.status !== 'completed' && !open) {
      message = `${name} is still open but all ${kids.length} of its subtasks are done.`;
      want = 'completed';
    }
    if (!message || !want) continue;
    const e = markEdit(text, plan, parent.mark, want, vocabularyOf(plan));
    out.push({
      code: 'parent-mismatch',
      severity: 'warning',
      message,
      range: parent.range,
      line: parent.line,
      fixes: e ? [{ title: want === 'completed' ? `Check ${name.toLowerCase().startsWith('the') ? 'the task' : name}` : `Reopen ${name.toLowerCase().startsWith('the') ? 'the task' : name}`, edits: [e] }] : [],
    });
  }
}

/** A fix that sets a phase's status, or nothing when the file cannot write that status there. */
function phaseFix(text: string, plan: Plan, index: number, status: KnownStatus, title: string): Fix | undefined {
  try {
    const edits = setPhaseStatus(text, plan, index, status);
    return edits.length ? { title, edits } : undefined;
  } catch {
    return undefined;
  }
}

function lineFor(p: Phase): number {
  const f = p.fields.find((x) => x.valueRange.start === p.mark?.range.start);
  return f ? f.line : p.line;
}

function firstOpenFix(text: string, plan: Plan, phase: Phase, scope: Phase[]): Fix[] {
  const open = scope.find((p) => p.status !== 'completed');
  if (!open) return [];
  const e = currentPhaseEdit(text, plan, phase, open);
  return e ? [{ title: `Set Current Phase to ${phaseLabel(open)}`, edits: [e] }] : [];
}

function isOpen(t: Task): boolean {
  return t.status === 'pending' || t.status === 'in-progress' || t.status === 'blocked';
}

function edit(text: string, offset: number, length: number, replacement: string): TextEdit {
  return { offset, length, text: replacement, expected: text.slice(offset, offset + length) };
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

function lineLookup(text: string): (offset: number) => number {
  let starts: number[] | undefined;
  return (offset: number) => lineIndex((starts ??= lineStarts(text)), offset);
}

/** All mojibake repairs as one edit list (the `repair` command). */
export function repairEdits(text: string): TextEdit[] {
  return findMojibake(text).map((r) => edit(text, r.start, r.end - r.start, r.replacement));
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}
