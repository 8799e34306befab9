/**
 * The file's own status vocabulary (words, emoji and checkbox characters per place: fields,
 * overview tables, headings) and the edit that writes a status with it over one mark.
 */
import type { KnownStatus, Plan, StatusMark } from '../model';
import { Vocabulary, formatStatus, parseStatusText } from '../status';
import { isCountStatus } from '../statusMarks';
import { fieldStyleOf, formatField } from '../fieldStyle';
import { isBlank, lineEnd } from '../parse/lines';
import { pipesLineUp } from '../tables';
import { displayWidth } from '../width';
import { PhasewiseError, type TextEdit, changeRange, editRange, insertAt, nextLineStart } from './text';

export interface Vocabularies {
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
    if (m.source === 'marker' && markerSaysWord(m.text)) {
      all.addText(m.text); // `✅ DONE`: its emoji and its word
      return;
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
    addMark(t.echoMark, fields);
    addMark(t.headingMark, fields);
    addMark(t.rowMark, table);
  }
  for (const o of plan.overviews) for (const r of o.rows) addMark(r.mark, table);
  // Backlog.md's own words, for a task file that has used only one of them so far.
  if (plan.tasks.some((t) => t.frontMatter)) for (const w of ['To Do', 'In Progress', 'Done']) fields.addText(w);
  const result = { fields, table, headings, all };
  vocabularies.set(plan, result);
  return result;
}

/** True for a marker that carries a status word after its emoji (`✅ DONE`). */
function markerSaysWord(phrase: string): boolean {
  const p = parseStatusText(phrase);
  return p.status !== 'unknown' && p.word.length > 0;
}

/**
 * A sample phrase of the same kind to copy the shape from when the mark is empty: one that
 * says `status` where the file has one (its own word for it), else the first.
 */
function sampleShape(plan: Plan, source: StatusMark['source'], status?: KnownStatus): string | undefined {
  let first: string | undefined;
  const marks = [...plan.phases.map((p) => p.mark), ...plan.tasks.map((t) => t.mark)];
  for (const m of marks) {
    if (m?.source !== source || m.status === 'unknown') continue;
    if (m.status === status) return m.text;
    first ??= m.text;
  }
  return first;
}

/** The edit that writes `status` over one status mark, in the document's vocabulary. */
export function markEdit(text: string, plan: Plan, mark: StatusMark, status: KnownStatus, vocab = vocabularyOf(plan)): TextEdit | undefined {
  const phrase = text.slice(mark.phraseRange.start, mark.phraseRange.end);
  switch (mark.source) {
    case 'checkbox': {
      if (status === 'failed') {
        throw new PhasewiseError('A checkbox task cannot be marked failed; allowed: pending, in-progress, completed, blocked.', 'invalid-status');
      }
      // No box the document has never written (`[-]` where it has only `[ ]` and `[x]`).
      if (!vocab.all.boxStatuses().includes(status)) return undefined;
      return changeRange(text, mark.phraseRange.start, mark.phraseRange.end, vocab.all.checkboxChar(status));
    }
    case 'marker':
    case 'heading': {
      if (mark.source === 'heading' ? parseStatusText(phrase).word : markerSaysWord(phrase)) {
        // `✅ COMPLETE`, `⏳ Pending`: words and emoji the way the file's headings (or, for a
        // marked step, `✅ DONE`, its markers and other statuses) write them.
        return changeRange(
          text,
          mark.phraseRange.start,
          mark.phraseRange.end,
          formatStatus(status, phrase, mark.source === 'heading' ? vocab.headings : vocab.all),
        );
      }
      const emoji = vocab.all.emojiFor(status);
      // A marker is replaced, never removed: for an item that is a task only because of its
      // marker, removing it would take the task out of the plan.
      if (phrase) return changeRange(text, mark.phraseRange.start, mark.phraseRange.end, emoji);
      if (status === 'pending') return undefined;
      return insertAt(mark.phraseRange.start, ` ${emoji}`);
    }
    default: {
      if (isCountStatus(phrase)) {
        throw new PhasewiseError(
          `This status is written as a count ("${phrase.trim()}"), which follows the work done; change the tasks instead. Nothing was changed.`,
          'not-expressible',
        );
      }
      const v = mark.source === 'table' ? vocab.table : vocab.fields;
      const shape = phrase.trim() ? phrase : (sampleShape(plan, mark.source, status) ?? '');
      const word = formatStatus(status, shape, shape === phrase ? v : vocab.fields);
      if (!phrase.trim()) return editRange(text, mark.phraseRange.start, mark.phraseRange.end, word);
      if (mark.source === 'table' && mark.phraseRange.end === mark.range.end) return alignedCellEdit(text, plan, mark, word);
      return changeRange(text, mark.phraseRange.start, mark.phraseRange.end, word);
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
  if (!aligned || text[end + pad] !== '|') return changeRange(text, start, end, word);
  const diff = displayWidth(word) - displayWidth(text.slice(start, end));
  if (diff <= 0) return changeRange(text, start, end, word + ' '.repeat(-diff));
  const take = Math.min(diff, Math.max(0, pad - 1));
  return changeRange(text, start, end + take, word);
}

/** Inserts a Status line, in the file's field style and words, after a heading that has none. */
export function insertStatusField(text: string, plan: Plan, headingStart: number, status: KnownStatus, vocab: Vocabularies): TextEdit {
  const e = lineEnd(text, headingStart);
  const word = formatStatus(status, sampleShape(plan, 'field', status) ?? '', vocab.fields);
  const eol = plan.eol;
  const next = nextLineStart(text, headingStart);
  const nextBlank = next >= text.length || isBlank(text, next, lineEnd(text, next));
  const field = formatField(fieldStyleOf(plan), 'Status', word);
  return insertAt(e, `${eol}${eol}${field}${nextBlank ? '' : eol}`);
}
