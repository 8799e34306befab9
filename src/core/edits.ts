/**
 * Intent in, minimal guarded edits out. An operation ("phase 3 -> completed") becomes the
 * smallest set of replacements (the status word, the overview cell, the Current Phase value),
 * each carrying the text it expects to replace. Applying an edit whose expected text is no
 * longer there fails and changes nothing.
 */
import type { Field, KnownStatus, Phase, Plan, Status, StatusMark, Task } from './model';
import { STATUSES } from './model';
import { Vocabulary, formatStatus, parseStatusText } from './status';
import { lineEnd } from './parse/lines';
import { formatTimestamp } from './dates';
import { fieldStyleOf, formatField } from './fieldStyle';
import { phaseIdentity, phaseNumberOrId } from './identity';
import { phaseLabel } from './labels';
import { pipesLineUp } from './tables';
import { displayWidth } from './width';

export interface TextEdit {
  /** Offset in the text the edit was computed from. */
  offset: number;
  /** Length of the replaced text. */
  length: number;
  /** The replacement. */
  text: string;
  /** The text expected at [offset, offset + length). */
  expected: string;
}

/** An error meant for the user: one line naming the bad value and what was allowed. */
export class PhasewiseError extends Error {
  constructor(
    message: string,
    readonly code: string = 'invalid',
  ) {
    super(message);
    this.name = 'PhasewiseError';
  }
}

export class StaleEditError extends PhasewiseError {
  constructor(message: string) {
    super(message, 'stale');
    this.name = 'StaleEditError';
  }
}

function lineNumberAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** Checks every edit against `text`; throws StaleEditError naming the first mismatch. */
export function verifyEdits(text: string, edits: readonly TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let prevEnd = -1;
  for (const e of sorted) {
    if (e.offset < prevEnd) throw new PhasewiseError('Edits overlap; nothing was changed.', 'overlap');
    const actual = text.slice(e.offset, e.offset + e.length);
    if (e.offset + e.length > text.length || actual !== e.expected) {
      throw new StaleEditError(
        `The document changed since the edit was computed: expected ${JSON.stringify(e.expected)} at line ${lineNumberAt(text, e.offset)}, found ${JSON.stringify(actual)}. Nothing was changed.`,
      );
    }
    prevEnd = e.offset + e.length;
  }
}

/** Applies edits computed against `text`. All or nothing. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  verifyEdits(text, edits);
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.offset) + e.text;
    pos = e.offset + e.length;
  }
  return out + text.slice(pos);
}

function replace(text: string, start: number, end: number, replacement: string): TextEdit | undefined {
  const expected = text.slice(start, end);
  if (expected === replacement) return undefined;
  return { offset: start, length: end - start, text: replacement, expected };
}

export function isKnownStatus(s: string): s is KnownStatus {
  return (STATUSES as readonly string[]).includes(s);
}

/** Accepts `completed`, `Completed`, `done`, `in progress`, `IN_PROGRESS`... */
export function parseStatusArg(value: string): KnownStatus {
  const v = value.trim().toLowerCase().replace(/[ _]+/g, '-');
  const aliases: Record<string, KnownStatus> = {
    complete: 'completed',
    done: 'completed',
    started: 'in-progress',
    start: 'in-progress',
    wip: 'in-progress',
    inprogress: 'in-progress',
    todo: 'pending',
    'not-started': 'pending',
    fail: 'failed',
  };
  const s = aliases[v] ?? v;
  if (isKnownStatus(s)) return s;
  throw new PhasewiseError(`Invalid status "${value}"; allowed: ${STATUSES.join(', ')}.`, 'invalid-status');
}

// ---- vocabulary of a document ----

interface Vocabularies {
  fields: Vocabulary;
  table: Vocabulary;
  headings: Vocabulary;
  all: Vocabulary;
}
const vocabularies = new WeakMap<Plan, Vocabularies>();

/** The status words, emoji and checkbox characters the document uses (computed once per plan). */
export function vocabularyOf(plan: Plan): Vocabularies {
  const cached = vocabularies.get(plan);
  if (cached) return cached;
  const fields = new Vocabulary();
  const table = new Vocabulary();
  const headings = new Vocabulary();
  const all = new Vocabulary();
  const addMark = (m: StatusMark | undefined, v: Vocabulary): void => {
    if (!m || m.status === 'unknown') return;
    if (m.source === 'checkbox') {
      all.addCheckbox(m.text);
      return;
    }
    if (m.source === 'heading') {
      headings.addText(m.text);
      if (parseStatusText(m.text).word) {
        all.addText(m.text);
        return;
      }
    }
    if (m.source === 'marker' || m.source === 'heading') {
      if (m.text) all.addEmoji(m.status, m.text);
      return;
    }
    (m.source === 'table' ? table : v).addText(m.text);
    all.addText(m.text);
  };
  for (const p of plan.phases) {
    addMark(p.mark, fields);
    addMark(p.headingMark, fields);
  }
  for (const t of plan.tasks) {
    addMark(t.mark, fields);
    addMark(t.headingMark, fields);
  }
  for (const o of plan.overviews) for (const r of o.rows) addMark(r.mark, table);
  // Backlog.md's own words, for a task file that has used only one of them so far.
  if (plan.tasks.some((t) => t.frontMatter)) for (const w of ['To Do', 'In Progress', 'Done']) fields.addText(w);
  const result = { fields, table, headings, all };
  vocabularies.set(plan, result);
  return result;
}

/** A sample phrase of the same kind to copy the shape from when the mark is empty. */
function sampleShape(plan: Plan, source: StatusMark['source']): string | undefined {
  for (const p of plan.phases) if (p.mark?.source === source && p.mark.status !== 'unknown') return p.mark.text;
  for (const t of plan.tasks) if (t.mark?.source === source && t.mark.status !== 'unknown') return t.mark.text;
  return undefined;
}

/** The edit that writes `status` over one status mark, in the document's vocabulary. */
export function markEdit(text: string, plan: Plan, mark: StatusMark, status: KnownStatus, vocab = vocabularyOf(plan)): TextEdit | undefined {
  const phrase = text.slice(mark.phraseRange.start, mark.phraseRange.end);
  switch (mark.source) {
    case 'checkbox': {
      if (status === 'failed') {
        throw new PhasewiseError('A checkbox task cannot be marked failed; allowed: pending, in-progress, completed, blocked.', 'invalid-status');
      }
      return replace(text, mark.phraseRange.start, mark.phraseRange.end, vocab.all.checkboxChar(status));
    }
    case 'marker':
    case 'heading': {
      if (mark.source === 'heading' && parseStatusText(phrase).word) {
        // `✅ COMPLETE`, `⏳ Pending`: words and emoji the way the file's headings write them.
        return replace(text, mark.phraseRange.start, mark.phraseRange.end, formatStatus(status, phrase, vocab.headings));
      }
      const emoji = vocab.all.emojiFor(status);
      // A marker is replaced, never removed: for an item that is a task only because of its
      // marker, removing it would take the task out of the plan.
      if (phrase) return replace(text, mark.phraseRange.start, mark.phraseRange.end, emoji);
      if (status === 'pending') return undefined;
      return { offset: mark.phraseRange.start, length: 0, text: ` ${emoji}`, expected: '' };
    }
    default: {
      const v = mark.source === 'table' ? vocab.table : vocab.fields;
      const shape = phrase.trim() ? phrase : (sampleShape(plan, mark.source) ?? '');
      const word = formatStatus(status, shape, shape === phrase ? v : vocab.fields);
      if (!phrase.trim()) return { offset: mark.phraseRange.start, length: mark.phraseRange.end - mark.phraseRange.start, text: word, expected: phrase };
      if (mark.source === 'table' && mark.phraseRange.end === mark.range.end) return alignedCellEdit(text, plan, mark, word);
      return replace(text, mark.phraseRange.start, mark.phraseRange.end, word);
    }
  }
}

/**
 * Replaces a table cell's status. In a table whose pipes line up, the cell's padding gives or
 * takes the difference so the column stays aligned: `| In Progress |` -> `| Completed   |`.
 */
function alignedCellEdit(text: string, plan: Plan, mark: StatusMark, word: string): TextEdit | undefined {
  const start = mark.phraseRange.start;
  const end = mark.phraseRange.end;
  const table = plan.overviews.find((o) => o.rows.some((r) => r.mark === mark));
  const row = table?.rows.find((r) => r.mark === mark);
  const aligned = table && row && pipesLineUp(text.slice(row.range.start, row.range.end), text.slice(table.header.range.start, table.header.range.end));
  let pad = 0;
  while (text[end + pad] === ' ') pad++;
  if (!aligned || text[end + pad] !== '|') return replace(text, start, end, word);
  const diff = displayWidth(word) - displayWidth(text.slice(start, end));
  if (diff <= 0) return replace(text, start, end, word + ' '.repeat(-diff));
  const take = Math.min(diff, Math.max(0, pad - 1));
  return replace(text, start, end + take, word);
}

/** Inserts a `**Status:** X` line after a heading that has none. */
function insertStatusField(text: string, plan: Plan, headingStart: number, status: KnownStatus, vocab: Vocabularies): TextEdit {
  const e = lineEnd(text, headingStart);
  const shape = sampleShape(plan, 'field') ?? '';
  const word = formatStatus(status, shape, vocab.fields);
  const eol = plan.eol;
  const after = e < text.length ? lineEnd(text, e + (text.startsWith('\r\n', e) ? 2 : 1)) : e;
  const nextLineStart = e < text.length ? e + (text.startsWith('\r\n', e) ? 2 : 1) : e;
  const nextBlank = nextLineStart >= text.length || /^[ \t]*$/.test(text.slice(nextLineStart, after));
  const field = formatField(fieldStyleOf(plan), 'Status', word);
  return { offset: e, length: 0, text: `${eol}${eol}${field}${nextBlank ? '' : eol}`, expected: '' };
}

/**
 * How a file without a status for this phase keeps its other phases' statuses, and so where
 * this one's goes: a Status line where the others have one, the heading where the others
 * show theirs there, else the phase's checkboxes. Never a convention the file does not use.
 */
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

export function phaseConvention(plan: Plan, index: number): 'field' | 'heading' | 'checkboxes' | 'none' {
  // The other phases' conventions: the counts for all, less this phase's own.
  const own = plan.phases[index];
  const all = countConventions(plan);
  const fields = all.fields - (own.mark?.source === 'field' ? 1 : 0);
  const headings = all.headings - (own.mark?.source === 'heading' || own.headingMark ? 1 : 0);
  if (fields && fields >= headings) return 'field';
  if (headings) return 'heading';
  const phase = plan.phases[index];
  return phase.tasks.some((t) => plan.tasks[t].kind === 'checkbox') ? 'checkboxes' : 'none';
}

/** The statuses a phase can be set to in this file, in its own convention. */
export function phaseStatusesExpressible(plan: Plan, index: number): KnownStatus[] {
  const phase = plan.phases[index];
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

function unmarkedPhaseEdits(text: string, plan: Plan, index: number, status: KnownStatus, vocab: Vocabularies): TextEdit[] {
  const phase = plan.phases[index];
  const way = phaseConvention(plan, index);
  if (way === 'field') return [insertStatusField(text, plan, phase.headingRange.start, status, vocab)];
  if (way === 'heading') {
    const e = insertHeadingStatus(text, plan, index, status, vocab);
    return e ? [e] : [];
  }
  if (way === 'none') {
    throw new PhasewiseError(`${phaseLabel(phase)} has no status text, no checkboxes and no other phase to copy a convention from; nothing was changed.`, 'no-convention');
  }
  // Checkbox-driven: the phase is as done as its boxes.
  const boxes = phase.tasks.map((t) => plan.tasks[t]).filter((t) => t.kind === 'checkbox' && t.mark);
  if (status === 'completed') {
    return boxes.filter((t) => t.status !== 'completed').map((t) => markEdit(text, plan, t.mark!, 'completed', vocab)).filter((e): e is TextEdit => !!e);
  }
  if (status === 'in-progress') {
    if (boxes.some((t) => t.status === 'in-progress')) return [];
    const first = boxes.find((t) => t.status !== 'completed');
    if (!first || !vocab.all.hasProgressBox()) return [];
    const e = markEdit(text, plan, first.mark!, 'in-progress', vocab);
    return e ? [e] : [];
  }
  throw new PhasewiseError(
    `${phaseLabel(phase)} keeps its status in its checkboxes; it can be ${phaseStatusesExpressible(plan, index).join(' or ') || 'changed only through its tasks'}, not ${status}. Nothing was changed.`,
    'not-expressible',
  );
}

/** Writes a status into a phase heading the way the file's other phase headings show theirs. */
function insertHeadingStatus(text: string, plan: Plan, index: number, status: KnownStatus, vocab: Vocabularies): TextEdit | undefined {
  const sample = plan.phases.find((p, i) => i !== index && p.mark?.source === 'heading')?.mark ?? plan.phases.find((p, i) => i !== index && p.headingMark)?.headingMark;
  if (!sample) return undefined;
  const phase = plan.phases[index];
  const samplePhase = plan.phases.find((p) => p.mark === sample || p.headingMark === sample)!;
  const word = formatStatus(status, sample.text, vocab.headings);
  const h = text.slice(samplePhase.headingRange.start, samplePhase.headingRange.end);
  const rel = sample.range.start - samplePhase.headingRange.start;
  const key = phaseNumberOrId(samplePhase) ?? '';
  const keyAt = h.indexOf(key);
  // `Phase 3 ✅ — Name`: right after the number, as in the sample.
  if (keyAt >= 0 && /^\s*$/.test(h.slice(keyAt + key.length, rel))) {
    const own = text.slice(phase.headingRange.start, phase.headingRange.end);
    const k = phaseNumberOrId(phase) ?? '';
    const at = own.indexOf(k);
    if (at >= 0) return { offset: phase.headingRange.start + at + k.length, length: 0, text: h.slice(keyAt + key.length, rel) + word, expected: '' };
  }
  // Otherwise at the end of the heading, after the sample's separator (` - `, ` `, ` (`).
  const before = h.slice(0, rel);
  const sep = /(\s*[-–—|]\s*|\s*\(|\s*\[|\s+)$/.exec(before)?.[1] ?? ' ';
  const close = sep.includes('(') ? ')' : sep.includes('[') ? ']' : '';
  let end = phase.headingRange.end;
  while (end > phase.headingRange.start && /[ \t#]/.test(text[end - 1])) end--;
  return { offset: end, length: 0, text: `${sep}${word}${close}`, expected: '' };
}

export interface EditOptions {
  /** The time written into a `Completed:` field; defaults to now. */
  now?: Date;
}

/** The phase a `Current Phase` value points at: `Phase 3 of 6`, `3/6`, `PH-NEXT-002`. */
export function parseCurrentPhase(value: string): { number?: string; id?: string; total?: string } {
  const id = /\b((?:PH|PHASE|WS|WP|MS)(?:-[A-Z0-9]+)+)\b/.exec(value);
  if (id) return { id: id[1] };
  const m = /^(?:\**\s*)?(?:phase\s+)?(\d+(?:\.\d+)*)(?:\s*(?:of|\/)\s*(\d+))?/i.exec(value.trim());
  if (m) return { number: m[1], total: m[2] };
  return {};
}

/** The Current Phase field that governs a phase: the last one before it, else the first. */
export function governingCurrentField(plan: Plan, phase: Phase): Field | undefined {
  let found: Field | undefined;
  for (const i of plan.currentPhaseFields) {
    const f = plan.fields[i];
    if (f.range.start < phase.headingRange.start) found = f;
  }
  return found ?? (plan.currentPhaseFields.length ? plan.fields[plan.currentPhaseFields[0]] : undefined);
}

/** Phases governed by the same Current Phase field / overview table as `phase` (its "plan"). */
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
    return replace(text, base + at, base + at + cur.id.length, target.id);
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
      return replace(text, base + at, base + at + cur.number.length + sep[0].length + old.title.length, target.number + sep[0] + target.title);
    }
    return replace(text, base + at, base + at + cur.number.length, target.number);
  }
  // A placeholder or free text: write the whole value.
  const scope = scopePhases(plan, phase);
  const label = target.number ? `Phase ${target.number} of ${scope.length}` : phaseIdentity(target);
  return replace(text, field.valueRange.start, field.valueRange.end, label);
}

/**
 * The phase a parsed Current Phase value names among `phases`: by ID, by number, or for a
 * step number such as `1.3` with no phase of its own, the phase it belongs to (1).
 */
export function phaseNamed<P extends Phase>(phases: readonly P[], cur: { number?: string; id?: string }): P | undefined {
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

/** Edits that set a phase's status: its mark, its overview cell, Current Phase, Completed. */
export function setPhaseStatus(text: string, plan: Plan, index: number, status: KnownStatus, options: EditOptions = {}): TextEdit[] {
  const phase = plan.phases[index];
  if (!phase) throw new PhasewiseError(`No phase with index ${index}.`, 'not-found');
  const vocab = vocabularyOf(plan);
  const edits: Array<TextEdit | undefined> = [];
  const row = phase.overviewRow ? plan.overviews[phase.overviewRow.table].rows[phase.overviewRow.row] : undefined;
  if (phase.mark) edits.push(markEdit(text, plan, phase.mark, status, vocab));
  else if (!row) edits.push(...unmarkedPhaseEdits(text, plan, index, status, vocab));
  if (phase.headingMark) edits.push(markEdit(text, plan, phase.headingMark, status, vocab));
  if (row?.mark) edits.push(markEdit(text, plan, row.mark, status, vocab));
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
    if (f) edits.push(replace(text, f.valueRange.start, f.valueRange.end, formatTimestamp(options.now ?? new Date(), f.value)));
  }
  return edits.filter((e): e is TextEdit => !!e);
}

/** Edits that set a task's status in the file's own notation. */
export function setTaskStatus(text: string, plan: Plan, index: number, status: KnownStatus): TextEdit[] {
  const task = plan.tasks[index];
  if (!task) throw new PhasewiseError(`No task with index ${index}.`, 'not-found');
  if (task.status === status && task.mark) return [];
  const vocab = vocabularyOf(plan);
  const edits: Array<TextEdit | undefined> = [];
  if (task.mark) edits.push(markEdit(text, plan, task.mark, status, vocab));
  else edits.push(insertStatusField(text, plan, task.range.start, status, vocab));
  if (task.headingMark) edits.push(markEdit(text, plan, task.headingMark, status, vocab));
  edits.push(...parentEdits(text, plan, index, status, vocab));
  return edits.filter((e): e is TextEdit => !!e);
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
    const siblings = plan.tasks.map((t, i) => ({ t, i })).filter(({ t }) => t.parent === p && t.kind === 'checkbox');
    const done = siblings.every(({ t, i }) => (i === child ? childStatus === 'completed' : t.status === 'completed'));
    let next: KnownStatus | undefined;
    if (done && parent.status !== 'completed') next = 'completed';
    else if (!done && parent.status === 'completed') next = childStatus === 'in-progress' && vocab.all.hasProgressBox() ? 'in-progress' : 'pending';
    if (!next) break;
    const e = markEdit(text, plan, parent.mark, next, vocab);
    if (e) out.push(e);
    child = p;
    childStatus = next;
  }
  return out;
}

/** Completed <-> pending (anything open becomes completed). */
export function toggleTask(text: string, plan: Plan, index: number): TextEdit[] {
  const task = plan.tasks[index];
  if (!task) throw new PhasewiseError(`No task with index ${index}.`, 'not-found');
  return setTaskStatus(text, plan, index, task.status === 'completed' ? 'pending' : 'completed');
}

// ---- targets ----

export type Target = { kind: 'phase'; index: number } | { kind: 'task'; index: number };

/** Finds a phase by number (`3`, `Phase 3`) or ID (`PH-NEXT-001`). */
export function findPhase(plan: Plan, ref: string): number {
  const key = ref.trim().replace(/^phase\s+/i, '');
  const hits = plan.phases.map((p, i) => ({ p, i })).filter(({ p }) => p.number === key || (p.id !== undefined && p.id.toLowerCase() === key.toLowerCase()));
  if (!hits.length) {
    const known = plan.phases.map(phaseLabel).join(', ') || 'none';
    throw new PhasewiseError(`No phase "${ref}" in this document; phases: ${known}.`, 'not-found');
  }
  if (hits.length > 1) {
    throw new PhasewiseError(`Phase "${ref}" appears ${hits.length} times (lines ${hits.map(({ p }) => p.line + 1).join(', ')}); choose one with --line.`, 'ambiguous');
  }
  return hits[0].i;
}

export function findTask(plan: Plan, ref: string): number {
  const hits = plan.tasks.map((t, i) => ({ t, i })).filter(({ t }) => t.id !== undefined && t.id.toLowerCase() === ref.trim().toLowerCase());
  if (!hits.length) throw new PhasewiseError(`No task with ID "${ref}" in this document.`, 'not-found');
  if (hits.length > 1) {
    throw new PhasewiseError(`Task "${ref}" appears ${hits.length} times (lines ${hits.map(({ t }) => t.line + 1).join(', ')}); choose one with --line.`, 'ambiguous');
  }
  return hits[0].i;
}

/** The phase heading or task on a 0-based line. */
export function findAtLine(plan: Plan, line: number): Target {
  const p = plan.phases.findIndex((x) => x.line === line);
  if (p >= 0) return { kind: 'phase', index: p };
  const t = plan.tasks.findIndex((x) => x.line === line);
  if (t >= 0) return { kind: 'task', index: t };
  throw new PhasewiseError(`Line ${line + 1} is not a phase heading or a task.`, 'not-found');
}

export function setStatus(text: string, plan: Plan, target: Target, status: KnownStatus, options: EditOptions = {}): TextEdit[] {
  return target.kind === 'phase' ? setPhaseStatus(text, plan, target.index, status, options) : setTaskStatus(text, plan, target.index, status);
}

// ---- where to work next ----

/** The phase being worked on: in progress, else named by Current Phase, else the first open one. */
/** A template's placeholder title: `[Phase Name]`, `<name>`, `{title}`. */
export function isPlaceholder(title: string): boolean {
  return /^(?:\[[^\]]*\]|<[^>]*>|\{[^}]*\})(?:\s*\(.*\))?$/.test(title.trim());
}

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
  const open = phases.find((p) => p.status !== 'completed');
  return open ? plan.phases.indexOf(open) : undefined;
}

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

