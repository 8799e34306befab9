/**
 * Readers of one line or one piece of text at given offsets of the source: fields, a heading's
 * text, status marks, checkbox characters, table cells, the label a line gives the list after
 * it, and a task's ID, flags and requirements. The facts (facts.ts) and the model builder
 * read blocks with them.
 */
import type { Field, FieldStyle, Status, StatusMark, TableCell } from '../model';
import { findStatusEmoji, parseStatusText } from '../status';
import { anyCase, plainWords } from '../words';
import { lineEnd } from './lines';
import type { Block, Label, TaskInfo } from './types';

const FIELD_INSIDE = /^([ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)\*\*([^*\r\n]{1,80}?):\*\*[ \t]*(.*)$/;
const FIELD_OUTSIDE = /^([ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)\*\*([^*\r\n]{1,80}?)\*\*:[ \t]*(.*)$/;
/** `**Status: COMPLETE**`: the whole line bold (indices: the value ends before the closing `**`). */
const FIELD_BOLD = /^([ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)\*\*([^*\r\n:]{1,80}?):[ \t]+([^*\r\n]*[^*\s])[ \t]*\*\*[ \t]*$/d;
const FIELD_PLAIN = /^([ \t]*(?:[-*+][ \t]+)?)([A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}):[ \t]+(.*)$/;

/** Field keys and names repeat across a document (`Status`, `Goal`, ...): keep one copy of each. */
const interned = new Map<string, string>();

/** One copy of a short string that repeats across a document (`Pending`, `✅`, `Unit tests:`). */
export function shared(s: string): string {
  return s.length <= 16 ? intern(s) : s;
}

function intern(s: string): string {
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  if (s.length > 40) return s;
  if (interned.size >= 4096) interned.clear();
  const own = (s + ' ').slice(0, -1);
  interned.set(own, own);
  return own;
}

/** Field key -> lookup name, for the keys a document repeats. */
const names = new Map<string, string>();

// The first `:` at or after `colonFrom` in `colonText` (-1: none), so that a forward pass
// over a text's lines finds each line's colon with one native search, not a loop per line.
let colonText = '';
let colonFrom = 0;
let colonNext = -1;

/** The first `:` in [from, to), or -1. */
function colonAt(text: string, from: number, to: number): number {
  if (text === colonText && from < colonFrom) {
    // Behind the last search: a bounded loop, so that no order of calls is quadratic.
    for (let i = from; i < to; i++) if (text.charCodeAt(i) === 58) return i;
    return -1;
  }
  if (text !== colonText || (colonNext >= 0 && from > colonNext)) {
    colonFrom = from;
    colonNext = text.indexOf(':', from);
  }
  colonText = text; // kept even when equal: the same object then compares at once
  return colonNext >= from && colonNext < to ? colonNext : -1;
}

/** Reads a field from the line text[s, e). */
export function readField(text: string, s: number, e: number, line: number): Field | undefined {
  const c = text.charCodeAt(s);
  // Quick rejects: fields start with `*`, a list marker, spaces, or a capital letter.
  if (!(c === 42 || c === 45 || c === 43 || c === 32 || c === 9 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return undefined;
  // Every field has a colon within its first hundred or so characters (looked for in the line
  // only: a search to the text's end would make a long paragraph quadratic).
  const colon = colonAt(text, s, Math.min(e, s + 201));
  if (colon < 0) return undefined;
  const lineText = text.slice(s, e);
  let style: FieldStyle = 'colon-inside';
  let m = FIELD_INSIDE.exec(lineText);
  if (!m) {
    style = 'colon-outside';
    m = FIELD_OUTSIDE.exec(lineText);
  }
  let boldValue: [number, number] | undefined;
  if (!m) {
    m = FIELD_BOLD.exec(lineText);
    if (m) {
      style = 'all-bold';
      boldValue = m.indices![3];
    }
  }
  if (!m) {
    style = 'plain';
    m = FIELD_PLAIN.exec(lineText);
  }
  if (!m) return undefined;
  const key = intern(m[2].trim());
  let name = names.get(key);
  if (name === undefined) {
    name = intern(plainWords(key));
    if (names.size >= 4096) names.clear();
    names.set(key, name);
  }
  if (!name) return undefined;
  const valueStart = boldValue ? s + boldValue[0] : s + lineText.length - m[3].length;
  let valueEnd = boldValue ? s + boldValue[1] : e;
  while (valueEnd > valueStart && (text.charCodeAt(valueEnd - 1) === 32 || text.charCodeAt(valueEnd - 1) === 9)) valueEnd--;
  return {
    key,
    name,
    value: text.slice(valueStart, valueEnd),
    range: { start: s, end: e },
    valueRange: { start: valueStart, end: valueEnd },
    line,
    style,
  };
}

/** Cleans a heading's text: strips `#` marks, closing sequence, and emphasis wrapping the whole. */
export function headingText(text: string, b: Block & { type: 'heading' }): { text: string; start: number; end: number } {
  let s = b.start;
  let e = lineEnd(text, b.start);
  if (!b.setext) {
    while (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9) s++;
    while (text.charCodeAt(s) === 35) s++;
    // closing sequence
    let ce = e;
    while (ce > s && (text.charCodeAt(ce - 1) === 32 || text.charCodeAt(ce - 1) === 9)) ce--;
    let h = ce;
    while (h > s && text.charCodeAt(h - 1) === 35) h--;
    if (h < ce && (h === s || text.charCodeAt(h - 1) === 32 || text.charCodeAt(h - 1) === 9)) e = h;
    else e = ce;
  } else {
    // setext: all lines but the underline
    let last = b.end;
    while (last > b.start && text.charCodeAt(last - 1) !== 10 && text.charCodeAt(last - 1) !== 13) last--;
    e = last;
    while (e > s && /\s/.test(text[e - 1])) e--;
  }
  while (s < e && /[ \t]/.test(text[s])) s++;
  while (e > s && /[ \t]/.test(text[e - 1])) e--;
  let raw = text.slice(s, e).replace(/\s*\r?\n\s*/g, ' ');
  const wrap = /^(\*\*|__)(.*)\1$/.exec(raw);
  if (wrap && !wrap[2].includes(wrap[1])) {
    raw = wrap[2].trim();
  }
  return { text: raw, start: s, end: e };
}

/** What may follow a trailing status emoji: a note in parentheses, a bold label or words in capitals. */
const AFTER_MARK = /^\s*(?:\*\*|__)?\s*(?:\([^)]*\)|\*\*[^*]*\*\*|[A-Z_]+(?: [A-Z_]+)*)?\s*(?:\*\*|__)?\s*$/;
/** A label in capitals or bold after the emoji (`✅ PASS`, `🔄 **IN PROGRESS**`): part of the marker, not of the title. */
const MARK_LABEL = /^(\s*)(?:\*\*([^*]+)\*\*|__([^_]+)__|([A-Z_]+(?: [A-Z_]+)*))\s*$/;

/**
 * Splits a trailing status emoji off a title: `Test Execution ✅` -> status mark. On a list
 * item, a label in capitals after it that is a status phrase (`✅ DONE`, `🔄 IN PROGRESS`) is
 * part of the phrase, so that a status change rewrites both.
 */
export function trailingMark(text: string, start: number, end: number, source: StatusMark['source']): StatusMark | undefined {
  const slice = text.slice(start, end);
  const found = findStatusEmoji(slice);
  if (!found.length) return undefined;
  const last = found[found.length - 1];
  const after = slice.slice(last.end);
  if (!AFTER_MARK.test(after)) return undefined;
  let phraseEnd = last.end;
  const label = source === 'marker' ? MARK_LABEL.exec(after) : null;
  const words = label?.[4];
  const says = words ? parseStatusText(words) : undefined;
  if (label && words && says && says.status !== 'unknown' && says.word === words) phraseEnd = last.end + label[1].length + words.length;
  return {
    status: last.status,
    text: slice.slice(last.start, phraseEnd),
    range: { start: start + last.start, end: start + last.end },
    phraseRange: { start: start + last.start, end: start + phraseEnd },
    source,
  };
}

/** The length of a marker's label after `at` in `content` (see MARK_LABEL), or 0. */
export function markLabelLength(content: string, at: number): number {
  const m = MARK_LABEL.exec(content.slice(at));
  return m ? content.length - at : 0;
}

export function leadingMark(text: string, start: number, end: number): StatusMark | undefined {
  const slice = text.slice(start, Math.min(end, start + 16));
  const found = findStatusEmoji(slice);
  if (!found.length || found[0].start !== 0) return undefined;
  const f = found[0];
  return {
    status: f.status,
    text: slice.slice(f.start, f.end),
    range: { start: start + f.start, end: start + f.end },
    phraseRange: { start: start + f.start, end: start + f.end },
    source: 'marker',
  };
}

export function checkboxStatus(ch: string): Status {
  switch (ch) {
    case 'x':
    case 'X':
      return 'completed';
    case '-':
    case '/':
      return 'in-progress';
    case '~':
      return 'blocked';
    default:
      return 'pending';
  }
}

/** Splits a table row into trimmed cell ranges, GFM style (unescaped pipes). */
export function splitCells(text: string, s: number, e: number): TableCell[] {
  const cells: TableCell[] = [];
  let i = s;
  while (i < e && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === '|') i++;
  let cellStart = i;
  const push = (a: number, b: number): void => {
    while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
    while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
    cells.push({ text: text.slice(a, b), range: { start: a, end: b } });
  };
  let endedWithPipe = false;
  for (; i < e; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '|') {
      push(cellStart, i);
      cellStart = i + 1;
      endedWithPipe = true;
    } else if (c !== ' ' && c !== '\t') endedWithPipe = false;
  }
  if (!endedWithPipe || cellStart < e) {
    const rest = text.slice(cellStart, e);
    if (rest.trim() || !endedWithPipe) push(cellStart, e);
  }
  return cells;
}

export function plainCell(s: string): string {
  return s.replace(/^(\*\*|__|`)(.*)\1$/, '$2').trim();
}

const CRITERIA = /criteri|acceptance|definition of done|checklist|success/i;
// "Implementation" alone is no steps label: `**Implementation:**` as often says how something
// was built as what is left to do (`Implementation Steps` is one, by its `steps`).
const STEPS = /\bsteps?\b|\btasks?\b|to ?do/i;
/**
 * A heading that names its section's steps says so first or last (`Tasks`, `Tasks for Phase 2`,
 * `Phase 2 Tasks`, `Remaining tasks (3)`); one that only mentions a task (`T14 — Split task
 * activity`) does not label the section.
 */
const STEP_WORDS = anyCase('steps?|tasks?|to ?do');
const HEADING_STEPS = new RegExp(String.raw`^[^\p{L}]*(?:${STEP_WORDS})\b|\b(?:${STEP_WORDS})[^\p{L}]*(?:\([^)]*\)[^\p{L}]*)?$`, 'u');

/** HEADING_STEPS, tried only on a heading that has one of its words. */
function headingSteps(s: string): boolean {
  const l = s.toLowerCase();
  return (l.includes('step') || l.includes('task') || l.includes('todo') || l.includes('to do')) && HEADING_STEPS.test(s);
}
const NOTES =
  /\b(?:completed|accomplish\w*|achievements?|what was done|changes made|files? (?:changed|modified|created|added|updated|fixed)|results?|highlights|summary|recap|fixed|delivered)\b/i;
/** A label or heading that ends in "complete" (`Implementation Complete ✅`) looks back too. */
const ENDS_COMPLETE = /(?<!\bto )\bcomplete\b(?=[^A-Za-z0-9]*$)/i;
/** One frozen object per combination: labels are shared by every block that has them. */
const LABELS: readonly Label[] = Array.from({ length: 8 }, (_v, i) => Object.freeze({ steps: !!(i & 1), criteria: !!(i & 2), notes: !!(i & 4) }));

/**
 * What a label or heading says of the list after it. `phase`: the heading of a phase, whose
 * "complete" is its status (`## Phase 2: Build ✅ Complete`), not a recap of what follows.
 */
export function label(s: string, phase = false, heading = false): Label {
  const notes = NOTES.test(s) || (!phase && ENDS_COMPLETE.test(s));
  const steps = heading ? headingSteps(s) : STEPS.test(s);
  return LABELS[(steps && !notes ? 1 : 0) + (CRITERIA.test(s) ? 2 : 0) + (notes ? 4 : 0)];
}

export function requirements(text: string, s: number, e: number): string[] | undefined {
  if (e - s > 4000) return undefined;
  const m = /_Requirements?:\s*([^_\r\n]+)_/.exec(text.slice(s, e));
  if (!m) return undefined;
  return m[1]
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Reads an ID and flags from a task's text: `T012 [P] [US1] Create model`, `2.1 Write`, `SEC-003 Fix`. */
export function taskInfo(content: string): TaskInfo {
  let rest = content.trim();
  let id: string | undefined;
  let parallel: boolean | undefined;
  let story: string | undefined;
  const c0 = rest.charCodeAt(0);
  // Cheap first-character checks keep most titles away from the ID patterns.
  const upper = c0 >= 65 && c0 <= 90;
  const digit = c0 >= 48 && c0 <= 57;
  let m = (c0 === 84 || c0 === 42) && /^(\*\*)?(T\d{3,}[a-z]?)\1(?![A-Za-z0-9_])\s*/.exec(rest);
  if (m) {
    id = m[2];
    rest = rest.slice(m[0].length);
    for (;;) {
      const f = /^\[(P|US\d+|[A-Z][A-Za-z0-9]*)\]\s*/.exec(rest);
      if (!f) break;
      if (f[1] === 'P') parallel = true;
      else story = f[1];
      rest = rest.slice(f[0].length);
    }
  } else if ((upper || c0 === 42) && (m = /^(?:\*\*)?([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+[A-Z0-9]*)(?:\*\*)?(?=$|[\s:.)\-–—])\s*[:.\-–—]?\s*/.exec(rest))) {
    id = m[1];
    rest = rest.slice(m[0].length);
  } else if ((digit || c0 === 42) && (m = /^(\*\*)?(\d+(?:\.\d+)+|\d+\.(?=\s|\*\*))(?:\.(?=\s|\*\*|$))?\1\s*/.exec(rest))) {
    // `2.5. Title` as well as `2.5 Title`: a dot that ends the number is not part of the title.
    id = m[2].replace(/\.$/, '');
    rest = rest.slice(m[0].length);
  }
  return { id, title: /\s\s|[\t\r\n]/.test(rest) ? rest.replace(/\s+/g, ' ').trim() : rest.trim(), parallel, story };
}
