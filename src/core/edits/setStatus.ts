/**
 * Intent in, minimal guarded edits out: "phase 3 -> completed" becomes the smallest set of
 * replacements (the status word, the overview cell, the Current Phase value, the Completed
 * date), each in the file's own notation and convention.
 */
import type { KnownStatus, Phase, Plan, StatusMark } from '../model';
import { actualField, actualSamples, formatDurationLike } from '../durations';
import { PHASE_WORDS, STATUSES } from '../model';
import { formatStatus, parseStatusText } from '../status';
import { formatTimestamp } from '../dates';
import { phaseNumberOrId } from '../identity';
import { phaseLabel } from '../labels';
import { currentPhaseEdit, currentPhaseTarget, scopePhases } from './currentPhase';
import { PhasewiseError, type TextEdit, applyEdits, changeRange, insertAt } from './text';
import { countsOf, progressLineEdit, progressLines } from '../progressLine';
import { parsePlan } from '../parse/document';
import { markLabelLength } from '../parse/readers';
import type { Target } from './targets';
import { type Vocabularies, insertStatusField, markEdit, vocabularyOf } from './vocabulary';

/** A phase keyword and the blanks after it, where a heading's leading status emoji stands before. */
const KEYWORD = new RegExp(`(?:${PHASE_WORDS})\\s+`, 'i');

const conventionCounts = new WeakMap<Plan, { fields: number; headings: number }>();

/** How many phases keep their status in a field, and how many in their heading (once per plan). */
function countConventions(plan: Plan): { fields: number; headings: number } {
  let c = conventionCounts.get(plan);
  if (!c) {
    c = { fields: 0, headings: 0 };
    for (const p of plan.phases) {
      if (p.mark?.source === 'field') c.fields++;
      if (p.mark?.source === 'heading' || p.headingMark) c.headings++;
    }
    conventionCounts.set(plan, c);
  }
  return c;
}

/**
 * How a file without a status for this phase keeps its other phases' statuses, and so where
 * this one's goes: a Status line where the others have one, the heading where the others
 * show theirs there, else the phase's checkboxes. Never a convention the file does not use.
 */
function phaseConvention(plan: Plan, index: number): 'field' | 'heading' | 'checkboxes' | 'none' {
  // The other phases' conventions: the counts for all, less this phase's own.
  const phase = plan.phases[index];
  const all = countConventions(plan);
  const fields = all.fields - (phase.mark?.source === 'field' ? 1 : 0);
  const headings = all.headings - (phase.mark?.source === 'heading' || phase.headingMark ? 1 : 0);
  if (fields && fields >= headings) return 'field';
  if (headings) return 'heading';
  return phase.tasks.some((t) => plan.tasks[t].kind === 'checkbox') ? 'checkboxes' : 'none';
}

/** The statuses a phase can be set to in this file, in its own convention. */
export function phaseStatusesExpressible(plan: Plan, index: number): KnownStatus[] {
  const phase = plan.phases[index];
  // A phase written as a checklist item (its mark a box) says what a box can say in this file.
  if (phase.mark?.source === 'checkbox') return vocabularyOf(plan).all.boxStatuses();
  if (phase.mark || phase.overviewRow) return [...STATUSES];
  const way = phaseConvention(plan, index);
  if (way === 'field' || way === 'heading') return [...STATUSES];
  if (way === 'none') return [];
  const vocab = vocabularyOf(plan);
  const open = phase.tasks.filter((t) => plan.tasks[t].kind === 'checkbox' && plan.tasks[t].status !== 'completed');
  const out: KnownStatus[] = [];
  if (open.length) out.push('completed');
  if (open.length && vocab.all.hasProgressBox() && !phase.tasks.some((t) => plan.tasks[t].status === 'in-progress')) out.push('in-progress');
  return out;
}

/**
 * The statuses a task can be set to in this file: a checkbox task what a box can say here
 * (open and done, and in progress or blocked where the file marks a box that way), any other
 * task every status.
 */
export function taskStatusesExpressible(plan: Plan, index: number): KnownStatus[] {
  const task = plan.tasks[index];
  if (!task) return [];
  return task.mark?.source === 'checkbox' ? vocabularyOf(plan).all.boxStatuses() : [...STATUSES];
}

/**
 * Why this file cannot say `status` for the target, when setStatus gave no edit for a status
 * the target does not have: a box the file never writes, or a phase that follows its boxes.
 */
export function inexpressibleReason(plan: Plan, target: Target, status: KnownStatus): string {
  const mark = target.kind === 'task' ? plan.tasks[target.index]?.mark : plan.phases[target.index]?.mark;
  return mark?.source === 'checkbox' ? `no box in the file is marked ${status}` : 'its status follows its checkboxes';
}

function unmarkedPhaseEdits(text: string, plan: Plan, index: number, status: KnownStatus, vocab: Vocabularies): TextEdit[] {
  const phase = plan.phases[index];
  const way = phaseConvention(plan, index);
  if (way === 'field') return [insertStatusField(text, plan, phase.headingRange.start, status, vocab)];
  if (way === 'heading') {
    const e = insertHeadingStatus(text, plan, index, status, vocab);
    return e ? [e] : [];
  }
  if (way === 'none') {
    throw new PhasewiseError(
      `${phaseLabel(phase)} has no status text, no checkboxes and no other phase to copy a convention from; nothing was changed.`,
      'no-convention',
    );
  }
  // Checkbox-driven: the phase is as done as its boxes.
  const boxes = phase.tasks.map((t) => plan.tasks[t]).filter((t) => t.kind === 'checkbox' && t.mark);
  if (status === 'completed') {
    return phase.tasks
      .filter((i) => plan.tasks[i].kind === 'checkbox' && plan.tasks[i].mark && plan.tasks[i].status !== 'completed')
      .flatMap((i) => boxEdits(text, plan, i, 'completed', vocab));
  }
  if (status === 'in-progress') {
    if (boxes.some((t) => t.status === 'in-progress')) return [];
    const first = boxes.find((t) => t.status !== 'completed');
    if (!first || !vocab.all.hasProgressBox()) return [];
    return boxEdits(text, plan, plan.tasks.indexOf(first), 'in-progress', vocab);
  }
  throw new PhasewiseError(
    `${phaseLabel(phase)} keeps its status in its checkboxes; it can be ${phaseStatusesExpressible(plan, index).join(' or ') || 'changed only through its tasks'}, not ${status}. Nothing was changed.`,
    'not-expressible',
  );
}

/** Writes a status into a phase heading the way the file's other phase headings show theirs. */
function insertHeadingStatus(text: string, plan: Plan, index: number, status: KnownStatus, vocab: Vocabularies): TextEdit | undefined {
  // Pending already, in a file whose headings write nothing for pending: nothing to write.
  const pendingShown = plan.phases.some((p, i) => i !== index && p.status === 'pending' && (p.mark?.source === 'heading' || p.leadMark));
  if (status === 'pending' && plan.phases[index].status === 'pending' && !pendingShown) return undefined;
  const sample =
    plan.phases.find((p, i) => i !== index && p.mark?.source === 'heading')?.mark ?? plan.phases.find((p, i) => i !== index && p.headingMark)?.headingMark;
  if (!sample) return undefined;
  const phase = plan.phases[index];
  const samplePhase = plan.phases.find((p) => p.mark === sample || p.headingMark === sample)!;
  const word = formatStatus(status, sample.text, vocab.headings);
  const h = text.slice(samplePhase.headingRange.start, samplePhase.headingRange.end);
  const rel = sample.range.start - samplePhase.headingRange.start;
  const key = phaseNumberOrId(samplePhase) ?? '';
  const keyAt = h.indexOf(key);
  const own = text.slice(phase.headingRange.start, phase.headingRange.end);
  // `## ✅ Phase 1: Name`: before the keyword, as in the sample.
  const kw = KEYWORD.exec(h.slice(rel));
  if (kw && rel + kw.index + kw[0].length === keyAt) {
    const ownKw = KEYWORD.exec(own);
    const gap = h.slice(rel + sample.text.length, rel + kw.index);
    if (ownKw) return insertAt(phase.headingRange.start + ownKw.index, word + gap);
  }
  // `Phase 3 ✅ — Name`: right after the number, as in the sample.
  if (keyAt >= 0 && rel >= keyAt + key.length && /^\s*$/.test(h.slice(keyAt + key.length, rel))) {
    const k = phaseNumberOrId(phase) ?? '';
    const at = own.indexOf(k);
    if (at >= 0) return insertAt(phase.headingRange.start + at + k.length, h.slice(keyAt + key.length, rel) + word);
  }
  // Otherwise at the end of the heading, after the sample's separator (` - `, ` `, ` (`).
  const before = h.slice(0, rel);
  const sep = /(\s*[-–—|]\s*|\s*\(|\s*\[|\s+)$/.exec(before)?.[1] ?? ' ';
  const close = sep.includes('(') ? ')' : sep.includes('[') ? ']' : '';
  let end = phase.headingRange.end;
  while (end > phase.headingRange.start && /[ \t#]/.test(text[end - 1])) end--;
  return insertAt(end, `${sep}${word}${close}`);
}

/**
 * The emoji before a phase's keyword (`### ✅ Milestone 1: Storage - COMPLETED`), the way the
 * file's other phase headings in the new status write theirs: their emoji, or none where they
 * show none. An emoji the file has for no phase in that status is its emoji for the status.
 */
function leadEdit(text: string, plan: Plan, index: number, status: KnownStatus, vocab: Vocabularies): TextEdit | undefined {
  const lead = plan.phases[index].leadMark!;
  let sample: StatusMark | undefined;
  let without = 0;
  plan.phases.forEach((p, i) => {
    if (i === index || p.status !== status) return;
    if (p.leadMark) sample ??= p.leadMark;
    else if (!p.mark || p.mark.source === 'heading') without++;
  });
  if (sample) return changeRange(text, lead.phraseRange.start, lead.phraseRange.end, sample.text);
  if (!without) return changeRange(text, lead.phraseRange.start, lead.phraseRange.end, vocab.all.emojiFor(status));
  let end = lead.phraseRange.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t' || text[end] === '\uFE0F')) end++;
  return changeRange(text, lead.phraseRange.start, end, '');
}

/**
 * A trailing status emoji in a phase heading (`## Phase 7: Testing ✅`), the way the file's
 * other phase headings in the new status write theirs: their emoji, or none where they show
 * none (`## Phase 8: Release` for a phase not started). Words (`✅ COMPLETE`) and headings the
 * file has no sample for take the vocabulary's phrase (markEdit).
 */
function headingMarkEdit(text: string, plan: Plan, index: number, status: KnownStatus, vocab: Vocabularies): TextEdit | undefined {
  const mark = plan.phases[index].mark!;
  const phrase = text.slice(mark.phraseRange.start, mark.phraseRange.end);
  if (parseStatusText(phrase).word) return markEdit(text, plan, mark, status, vocab);
  let sample: StatusMark | undefined;
  let without = 0;
  plan.phases.forEach((p, i) => {
    if (i === index || p.status !== status) return;
    if (p.mark?.source === 'heading' && !parseStatusText(p.mark.text).word) sample ??= p.mark;
    else if (!p.mark && !p.leadMark && !p.headingMark) without++;
  });
  if (sample || !without) return markEdit(text, plan, mark, status, vocab);
  return removeTrailingMark(text, mark, plan.phases[index].headingRange);
}

/**
 * Removes a trailing marker from its line (`range`), with the blanks before it and its
 * variation selector; with `label`, a label in capitals after it too (`✅ DONE`).
 */
function removeTrailingMark(text: string, mark: StatusMark, range: { start: number; end: number }, label = false): TextEdit | undefined {
  let start = mark.phraseRange.start;
  while (start > range.start && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = mark.phraseRange.end;
  while (text[end] === '\uFE0F') end++;
  if (label && markLabelLength(text.slice(end, range.end), 0)) end = range.end;
  return changeRange(text, start, end, '');
}

/** A leading emoji for a heading without one, where most other phase headings in the new status have one. */
function leadInsert(text: string, plan: Plan, index: number, status: KnownStatus): TextEdit | undefined {
  let sample: Phase | undefined;
  let leads = 0;
  let without = 0;
  plan.phases.forEach((p, i) => {
    if (i === index || p.status !== status) return;
    if (p.leadMark) {
      leads++;
      sample ??= p;
    } else if (!p.mark || p.mark.source === 'heading') without++;
  });
  if (!sample || leads <= without) return undefined;
  const lead = sample.leadMark!;
  const after = text.slice(lead.phraseRange.end, sample.headingRange.end);
  const kw = KEYWORD.exec(after);
  const own = KEYWORD.exec(text.slice(plan.phases[index].headingRange.start, plan.phases[index].headingRange.end));
  if (!own) return undefined;
  return insertAt(plan.phases[index].headingRange.start + own.index, lead.text + (kw ? after.slice(0, kw.index) : ' '));
}

export interface EditOptions {
  /** The time written into a `Completed:` field; defaults to now. */
  now?: Date;
  /**
   * The time the phase was measured in progress (from the history): written into its Actual
   * Duration field on completion, when that field holds no number yet.
   */
  actualMs?: number;
}

/** Edits that set a phase's status: its mark, its overview cell, Current Phase, Completed. */
export function setPhaseStatus(text: string, plan: Plan, index: number, status: KnownStatus, options: EditOptions = {}): TextEdit[] {
  const phase = plan.phases[index];
  if (!phase) throw new PhasewiseError(`No phase with index ${index}.`, 'not-found');
  const vocab = vocabularyOf(plan);
  const edits: Array<TextEdit | undefined> = [];
  const row = phase.overviewRow ? plan.overviews[phase.overviewRow.table].rows[phase.overviewRow.row] : undefined;
  // A phase written as a checklist item can be what its box can say in this file; for any other
  // status nothing is written (its row or Current Phase line would disagree with its box).
  if (phase.mark?.source === 'checkbox' && !vocab.all.boxStatuses().includes(status)) return [];
  if (phase.leadMark) edits.push(leadEdit(text, plan, index, status, vocab));
  else if (phase.mark?.source === 'heading' || phase.headingMark) edits.push(leadInsert(text, plan, index, status));
  if (phase.mark?.source === 'heading' && phase.mark !== phase.leadMark) edits.push(headingMarkEdit(text, plan, index, status, vocab));
  else if (phase.mark && phase.mark !== phase.leadMark) edits.push(markEdit(text, plan, phase.mark, status, vocab));
  else if (!phase.mark && !row) edits.push(...unmarkedPhaseEdits(text, plan, index, status, vocab));
  if (phase.headingMark) edits.push(markEdit(text, plan, phase.headingMark, status, vocab));
  if (row?.mark) edits.push(markEdit(text, plan, row.mark, status, vocab));
  // The phase's item in a checklist index: ticked when it is completed, cleared when it is not.
  const box = phase.indexMark;
  if (box && (status === 'completed') !== (box.status === 'completed'))
    edits.push(markEdit(text, plan, box, status === 'completed' ? 'completed' : 'pending', vocab));
  // Current Phase
  const pointed = currentPhaseTarget(plan, phase);
  if (status === 'in-progress') {
    edits.push(currentPhaseEdit(text, plan, phase, phase));
  } else if (status === 'completed' && pointed === phase) {
    const scope = scopePhases(plan, phase);
    const i = scope.indexOf(phase);
    const next = scope.slice(i + 1).find((p) => p.status !== 'completed' && p.depth <= phase.depth) ?? scope.slice(0, i).find((p) => p.status !== 'completed');
    if (next) edits.push(currentPhaseEdit(text, plan, phase, next));
  }
  // Completed: timestamp
  if (status === 'completed' && phase.status !== 'completed') {
    const f = phase.fields.find((x) => x.name === 'completed' || x.name === 'completed at' || x.name === 'completion date');
    if (f) edits.push(changeRange(text, f.valueRange.start, f.valueRange.end, formatTimestamp(options.now ?? new Date(), f.value)));
    if (options.actualMs !== undefined) edits.push(actualDurationEdit(text, plan, phase, options.actualMs));
  }
  return edits.filter((e): e is TextEdit => !!e);
}

/**
 * The measured time into a phase's Actual Duration field, in the file's own words for time. A
 * value with a number is the author's and is kept; only a placeholder (`X hours`) or an empty
 * value is filled. No field is added where the phase has none.
 */
function actualDurationEdit(text: string, plan: Plan, phase: Phase, ms: number): TextEdit | undefined {
  const f = actualField(phase);
  if (!f || /\d/.test(f.value)) return undefined;
  const value = formatDurationLike(ms, actualSamples(plan, f));
  const at = f.valueRange.start;
  // `**Actual Duration:**` with nothing after it: the value goes after a space.
  const lead = f.value === '' && !/[ \t]/.test(text[at - 1] ?? '') ? ' ' : '';
  return changeRange(text, at, f.valueRange.end, lead + value);
}

/** Edits that set a task's status in the file's own notation. */
export function setTaskStatus(text: string, plan: Plan, index: number, status: KnownStatus): TextEdit[] {
  const task = plan.tasks[index];
  if (!task) throw new PhasewiseError(`No task with index ${index}.`, 'not-found');
  if (task.status === status && task.mark) return [];
  const vocab = vocabularyOf(plan);
  const edits: Array<TextEdit | undefined> = [];
  if (task.mark) edits.push(...boxEdits(text, plan, index, status, vocab));
  else edits.push(insertStatusField(text, plan, task.range.start, status, vocab));
  if (task.headingMark) edits.push(markEdit(text, plan, task.headingMark, status, vocab));
  if (task.rowMark) edits.push(markEdit(text, plan, task.rowMark, status, vocab));
  edits.push(...parentEdits(text, plan, index, status, vocab));
  return edits.filter((e): e is TextEdit => !!e);
}

/** A task's mark edit, and for a checkbox task the edit that keeps its trailing marker in step (echoEdit). */
function boxEdits(text: string, plan: Plan, index: number, status: KnownStatus, vocab: Vocabularies): TextEdit[] {
  const t = plan.tasks[index];
  const own = t.mark && markEdit(text, plan, t.mark, status, vocab);
  if (!own) return []; // what the box cannot say, its marker does not say either
  const echo = echoEdit(text, plan, index, status, vocab);
  return echo ? [own, echo] : [own];
}

/**
 * The marker after a checkbox task's text (`- [x] Ship ✅`), the way the file's other boxed
 * tasks in the new status show theirs: their marker, or none where they show none (a label in
 * capitals goes with it; a note in parentheses stays).
 */
function echoEdit(text: string, plan: Plan, index: number, status: KnownStatus, vocab: Vocabularies): TextEdit | undefined {
  const task = plan.tasks[index];
  const echo = task.echoMark;
  if (!echo) return undefined;
  let sample: StatusMark | undefined;
  let without = 0;
  plan.tasks.forEach((t, i) => {
    if (i === index || t.kind !== 'checkbox' || t.status !== status) return;
    if (t.echoMark) sample ??= t.echoMark;
    else without++;
  });
  if (sample) return changeRange(text, echo.phraseRange.start, echo.phraseRange.end, sample.text);
  if (!without) return markEdit(text, plan, echo, status, vocab);
  return removeTrailingMark(text, echo, task.range, true);
}

/**
 * The subtasks that decide whether a parent is done: Kiro's optional ones (`- [ ]*`) do not,
 * unless every subtask is optional.
 */
export function requiredOf<T extends { optional?: boolean }>(kids: readonly T[]): T[] {
  const required = kids.filter((k) => !k.optional);
  return required.length ? required : [...kids];
}

/**
 * A parent checkbox follows its children (Kiro): completing the last open child completes
 * the parent; reopening or starting a child of a completed parent reopens or starts it.
 */
function parentEdits(text: string, plan: Plan, index: number, status: KnownStatus, vocab: Vocabularies): TextEdit[] {
  const out: TextEdit[] = [];
  let child = index;
  let childStatus: KnownStatus = status;
  for (let p = plan.tasks[child].parent; p !== undefined; p = plan.tasks[p].parent) {
    const parent = plan.tasks[p];
    if (parent.kind !== 'checkbox' || !parent.mark) break;
    const siblings = requiredOf(plan.tasks.map((t, i) => ({ t, i, optional: t.optional })).filter(({ t }) => t.parent === p && t.kind === 'checkbox'));
    const done = siblings.every(({ t, i }) => (i === child ? childStatus === 'completed' : t.status === 'completed'));
    let next: KnownStatus | undefined;
    if (done && parent.status !== 'completed') next = 'completed';
    else if (!done && parent.status === 'completed') next = childStatus === 'in-progress' && vocab.all.hasProgressBox() ? 'in-progress' : 'pending';
    if (!next) break;
    out.push(...boxEdits(text, plan, p, next, vocab));
    child = p;
    childStatus = next;
  }
  return out;
}

/** Edits that set the status of a phase or a task, with the document's progress line kept in step. */
export function setStatus(text: string, plan: Plan, target: Target, status: KnownStatus, options: EditOptions = {}): TextEdit[] {
  const edits = target.kind === 'phase' ? setPhaseStatus(text, plan, target.index, status, options) : setTaskStatus(text, plan, target.index, status);
  return [...edits, ...progressLineEdits(text, plan, edits)];
}

/** The progress lines' edits for the document as `edits` leave it (read again: cascades count). */
function progressLineEdits(text: string, plan: Plan, edits: readonly TextEdit[]): TextEdit[] {
  const lines = progressLines(plan);
  if (!lines.length || !edits.length) return [];
  const after = parsePlan(applyEdits(text, edits));
  return lines.map((l) => progressLineEdit(text, l, countsOf(after, l.counts))).filter((e): e is TextEdit => !!e);
}
