/**
 * Finding plans among Markdown files, shared by the extension's discovery (`src/host/store.ts`)
 * and `phasewise list`: which folders are skipped, how large a file is still read, the quick
 * look that picks the candidates (`mayBePlan`), the rule that decides on a parsed model
 * (`isPlanLike`), and the versioned JSON of `phasewise list`.
 *
 * Pure TypeScript, no `vscode` or Node import.
 */
import * as z from 'zod/mini';
import { DocumentKindSchema, JSON_VERSION, PHASE_ID_PREFIXES, PHASE_ID_SOURCE, PHASE_WORDS, StatusJsonSchema, phaseIdSource, type Plan } from './model';
import { currentPhaseJson, progress } from './report';
import { lineEnd, lineStart } from './parse/lines';
import { NON_ASCII, STATUS_EMOJI_START, STATUS_EMOJI_START_BYTES, findStatusEmoji } from './status';
import { type CodeRanges, fencedCode, insideCode } from './codeFences';
import { lazy } from './lazy';

/** Folders never descended into when they are found inside a tree (an explicit root is read). */
export const SKIPPED_DIRS: readonly string[] = Object.freeze(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

/** The same folders as a glob: the default of the `phasewise.exclude` setting. */
export const DEFAULT_EXCLUDE = `**/{${SKIPPED_DIRS.join(',')}}/**`;

/** Files larger than this are not read as plans. */
export const MAX_PLAN_BYTES = 8 * 1024 * 1024;

/** True when a parsed Markdown file is something Phasewise shows: a plan, log, summary, tracker or task list. */
export function isPlanLike(plan: Plan): boolean {
  if (plan.kind === 'unknown') return false;
  return plan.phases.length > 0 || plan.tasks.length > 0 || plan.fixes.length > 0 || plan.nuggets.length > 0 || plan.overviews.length > 0;
}

// ---- the quick look ----
//
// Each pattern is a loose superset of one way the parser finds structure, so that a file the
// parser would show is never rejected here; a false "maybe" only costs a parse.
//
// Running every pattern over every file is what made the look cost more than the parse of
// the few candidates. So the look searches for the words and IDs the patterns cannot match
// without (two global searches that the regular-expression engine runs fast), and tries a
// pattern only on a line that holds one, from the line's start (sticky `y` patterns).
// `mayBePlanEverywhere` runs the Unicode-aware patterns over the whole text: the line look
// says yes wherever it does (unit tests hold it to that), and it is used where a character
// folds to an ASCII letter only under Unicode case folding, or ends a line for `^` but not
// for the line utilities.

/**
 * A checkbox item, `- [ ]`, `1. [x]`, `* [-]`: after the line's container markers (blanks, `>`
 * and list markers, so `> - [ ]` and `1. - [x]`), and followed by a blank, a Kiro `*` or the
 * line's end. Not `` (`* [x]`) `` in a sentence.
 */
const CHECKBOX = /^[ \t>*+\-.)0-9]*?(?:[-*+]|\d[.)])[ \t]+\[[ xX\-/~]\](?=[ \t*]|$)/gm;
// Headings and fields are read from the start of their line, after decoration such as `## `,
// `- `, `**` or an emoji (`[^\p{L}\p{N}\r\n]*`). Each is written once, as a source, and
// compiled for both uses: `^` + multiline over the whole text, Unicode-aware (the reference),
// and sticky for one line start, ASCII-only: there any character outside ASCII counts as
// decoration, and as a blank where a blank may be, so the line pattern is a loose superset of
// the reference, on a text and on its UTF-8 bytes seen as Latin-1 alike (`mayBePlanBytes`).
// Unicode-aware, case-insensitive patterns cost a millisecond or more each to compile (case
// closures of the letter classes); the ASCII ones a tenth of that, and a command compiles
// them anew.
const DECORATION = String.raw`[^\p{L}\p{N}\r\n]`;
const DECORATION_ASCII = String.raw`[^A-Za-z0-9\r\n]`;
const SPACE_ASCII = String.raw`[\s\u0080-\u00ff]`;
const PHASE_NUMBER_SRC = (deco: string, alnum: string, space = String.raw`\s`): string =>
  String.raw`${deco}*(?:${PHASE_WORDS})${space}+(?:\d|[A-Z](?!${alnum}))`;
const FIX_SRC = (deco: string, nonAlnum: string): string => String.raw`(?:${deco}|\d{1,9}[.)])*(?:problem|issue)${nonAlnum}*:`;
/** A byte-order mark: U+FEFF, or its UTF-8 bytes seen as Latin-1. */
const BOM = String.raw`(?:\uFEFF|\u00ef\u00bb\u00bf)`;
const TRACKER_SRC = String.raw`${BOM}?[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*|__){0,2}[A-Z][A-Z0-9-]*?-\d`;
// The whole-text patterns, made on first use (most commands never need them):
// a numbered phase heading (`Phase 3`, `Stage 2`, `Milestone 1.2`, `Iteration 4`); a phase
// heading with an ID (`PH-NEXT-002`, `WS-2`, `MS-1`, `Phase ING-1`); a tracker entry; a fix
// block; a `Gold Nugget` field.
const reference = lazy(() => ({
  phaseNumber: new RegExp('^' + PHASE_NUMBER_SRC(DECORATION, String.raw`[\p{L}\p{N}]`), 'imu'),
  phaseId: new RegExp('^' + DECORATION + '*' + PHASE_ID_SOURCE, 'mu'),
  tracker: new RegExp('^' + TRACKER_SRC, 'm'),
  fix: new RegExp('^' + FIX_SRC(DECORATION, String.raw`[^\p{L}\p{N}]`), 'imu'),
  nugget: /gold[^\p{L}\p{N}]*nugget/iu,
}));
/** A numbered phase heading at a line's start. */
const PHASE_NUMBER_AT = new RegExp(PHASE_NUMBER_SRC(DECORATION_ASCII, '[A-Za-z0-9]', SPACE_ASCII), 'iy');
/** A phase heading with an ID. */
const PHASE_ID_AT = new RegExp(DECORATION_ASCII + '*' + phaseIdSource(SPACE_ASCII), 'y');
/** A tracker entry: a heading (ATX, or the first line of a setext one) that starts with an ID like `SEC-002`. */
const TRACKER_AT = new RegExp(TRACKER_SRC, 'y');
/** A fix block: `## Problem: ...`, `- **Issue:** ...`, `1. 🐛 Issue: ...`. */
const FIX_AT = new RegExp(FIX_SRC(DECORATION_ASCII, '[^A-Za-z0-9]'), 'iy');
/** A `Gold Nugget` field. */
const NUGGET_AT = /gold[^A-Za-z0-9]*nugget/iy;
/** A table cell that is `Status` or `State` (an overview table and a tracker table have one). */
const STATUS_COLUMN = /(?:^|\|)[ \t]*(?:\*\*|__|`)?(?:status|state)(?:\*\*|__|`)?[ \t]*(?:\||$)/im;
/**
 * The words without which PHASE_NUMBER, FIX, NUGGET and STATUS_COLUMN cannot match (ASCII, so
 * the case-insensitive search finds what their Unicode-aware patterns do, given no character
 * that folds to ASCII only under Unicode case folding).
 */
const KEY_WORDS = new RegExp(`${PHASE_WORDS}|problem|issue|gold|stat(?:us|e)`, 'gi');
/** What PHASE_ID and TRACKER cannot match without: an ID's `X-1` or `PH-X`. */
const KEY_IDS = new RegExp(String.raw`[A-Z0-9-]-\d|(?:${PHASE_ID_PREFIXES})-[A-Z0-9]`, 'g');
/**
 * What gives a document of marked steps a kind: a word of its title, a field that says what
 * the plan is for (`**Goal:**`), a task ID, a `Current Phase` line. (A title is cleaned of
 * punctuation first, so `_` counts as a boundary.) ASCII classes and no Unicode flag: a
 * superset of the words as the parser reads them, and several times cheaper to compile and run.
 */
const KIND_HINT =
  /(?<![A-Za-z0-9])(?:log|summary|report|recap|tracker|changelog|backlog|plan|roadmap|goal|objective|architecture|approach)(?![A-Za-z0-9])|[A-Z]-\d|current[^A-Za-z0-9]*phase/i;
/** A list item whose first line has a character outside ASCII, where a status emoji (or its damaged form) can be. */
const ITEM_WITH_SYMBOL = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t][^\r\n]*?[\u0080-\uffff][^\r\n]*/gm;
/** The start of a list item, at a line's start. */
const ITEM_AT = /[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/y;
/** A Backlog.md task file: front matter with a status (only the file's first lines are looked at). */
const FRONT_STATUS = new RegExp(String.raw`^${BOM}?---[ \t]*(?:\r\n|\n|\r)(?:[^\r\n]*(?:\r\n|\n|\r)){0,201}?status:`, 'i');
/**
 * Characters that make the word search unsafe: `ſ` and the Kelvin sign fold to ASCII letters
 * under Unicode case folding but not otherwise, and U+2028/U+2029 end a line for `^` but not
 * for the line utilities.
 */
const FOLDING_OR_BREAK = /[\u017f\u212a\u2028\u2029]/;

/** A character that ends a line for `^` and `$` in a multiline pattern. */
function isBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** True for what may come before a list marker on its line: blanks, `>`, other markers. */
function isContainerChar(c: number): boolean {
  return c === 32 || c === 9 || c === 62 || c === 42 || c === 43 || c === 45 || c === 46 || c === 41 || (c >= 48 && c <= 57);
}

/**
 * A test of whether an offset is outside fenced code, for one text: the fences are found on
 * first use (most texts have no checkbox to test), and when they cannot be told every offset
 * counts as outside.
 */
function outsideCode(text: string): (at: number) => boolean {
  let ranges: CodeRanges | undefined | null = null;
  return (at) => {
    if (ranges === null) ranges = fencedCode(text);
    return ranges === undefined || !insideCode(ranges, at);
  };
}

/** True when the `[` at `i` is the box of a CHECKBOX match. */
function checkboxAt(text: string, i: number): boolean {
  const box = text.charCodeAt(i + 1);
  if (text.charCodeAt(i + 2) !== 93 /* ] */) return false;
  if (box !== 32 && box !== 120 && box !== 88 && box !== 45 && box !== 47 && box !== 126) return false; // ` xX-/~`
  const after = text.charCodeAt(i + 3);
  if (i + 3 < text.length && after !== 32 && after !== 9 && after !== 42 && !isBreak(after)) return false;
  let k = i - 1;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  if (k === i - 1 || k < 0) return false;
  const c = text.charCodeAt(k);
  if (c === 46 || c === 41) {
    const d = text.charCodeAt(k - 1); // 1. 1)
    if (!(d >= 48 && d <= 57)) return false;
  } else if (c !== 45 && c !== 42 && c !== 43) return false; // - * +
  for (k--; k >= 0 && !isBreak(text.charCodeAt(k)); k--) if (!isContainerChar(text.charCodeAt(k))) return false;
  return true;
}

/** CHECKBOX outside fenced code, found from its `[` (a native search for one character) and read around it. */
function hasCheckbox(text: string): boolean {
  const outside = outsideCode(text);
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
    if (checkboxAt(text, i) && outside(i)) return true;
  }
  return false;
}

/** `hasCheckbox` with the pattern over the whole text (the reference). */
function hasCheckboxEverywhere(text: string): boolean {
  const outside = outsideCode(text);
  CHECKBOX.lastIndex = 0;
  for (let m = CHECKBOX.exec(text); m; m = CHECKBOX.exec(text)) {
    if (outside(m.index + m[0].length - 3)) return true;
  }
  return false;
}

function stickyAt(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}

/**
 * False when an ASCII letter (or, without `digits`, a digit) comes before `at` on its line,
 * which starts at `from`: then the word at `at`, the first of its kind on the line, is not
 * the line's first word, and neither FIX nor PHASE_NUMBER can match the line (their
 * decoration holds no letter, and only FIX's holds digits, as `1.`). Saves running them.
 */
function decorationOnly(text: string, from: number, at: number, digits: boolean): boolean {
  for (let k = from; k < at; k++) {
    const c = text.charCodeAt(k);
    if ((c | 32) >= 97 && (c | 32) <= 122) return false; // A-Z, a-z
    if (!digits && c >= 48 && c <= 57) return false;
  }
  return true;
}

/**
 * True when a line that holds a key word or ID matches the pattern that word or ID belongs
 * to: tried from the line's start, once per line and pattern.
 */
function someKeyLine(text: string): boolean {
  let from = -1; // the line of the last hit: [from, to)
  let to = -1;
  let tried = 0; // the patterns tried on it (bits)
  const line = (at: number): void => {
    if (at < to) return;
    from = lineStart(text, at);
    to = lineEnd(text, at);
    tried = 0;
  };
  const once = (bit: number): boolean => {
    if (tried & bit) return false;
    tried |= bit;
    return true;
  };
  KEY_WORDS.lastIndex = 0;
  for (let m = KEY_WORDS.exec(text); m; m = KEY_WORDS.exec(text)) {
    const at = m.index;
    line(at);
    const c = text.charCodeAt(at) | 32;
    const c2 = text.charCodeAt(at + 1) | 32;
    if (c === 103) {
      if (stickyAt(NUGGET_AT, text, at)) return true; // gold
    } else if (c === 105 ? c2 === 115 : c === 112 && c2 === 114) {
      if (once(1) && decorationOnly(text, from, at, true) && stickyAt(FIX_AT, text, from)) return true; // issue, problem
    } else if (c === 115 && (text.charCodeAt(at + 3) | 32) === 116) {
      if (once(2) && STATUS_COLUMN.test(text.slice(from, to))) return true; // status, state
    } else if (once(4) && decorationOnly(text, from, at, false) && stickyAt(PHASE_NUMBER_AT, text, from)) return true; // phase, stage, milestone, iteration
  }
  from = to = -1;
  KEY_IDS.lastIndex = 0;
  for (let m = KEY_IDS.exec(text); m; m = KEY_IDS.exec(text)) {
    line(m.index);
    if (stickyAt(TRACKER_AT, text, from) || stickyAt(PHASE_ID_AT, text, from)) return true;
    KEY_IDS.lastIndex = to; // both are tried from the line's start: its other IDs change nothing
  }
  return false;
}

/**
 * True when a list item carries a status emoji: a marked step (`- Write the docs ✅`). Only the
 * lines with a character a status emoji can start with are looked at.
 */
function hasMarkedItem(text: string, bytes?: (from: number, to: number) => string): boolean {
  // In a text, the lines themselves; in bytes seen as Latin-1, the lines decoded.
  const re = bytes ? STATUS_EMOJI_START_BYTES() : STATUS_EMOJI_START;
  const line = bytes ?? ((from: number, to: number): string => text.slice(from, to));
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const from = lineStart(text, m.index);
    const to = lineEnd(text, m.index);
    if (stickyAt(ITEM_AT, text, from) && ITEM_AT.lastIndex <= m.index && findStatusEmoji(line(from, to)).length) return true;
    re.lastIndex = to;
  }
  return false;
}

/** `hasMarkedItem` with one pattern over the whole text (the reference). */
function hasMarkedItemEverywhere(text: string): boolean {
  ITEM_WITH_SYMBOL.lastIndex = 0;
  for (let m = ITEM_WITH_SYMBOL.exec(text); m; m = ITEM_WITH_SYMBOL.exec(text)) {
    if (findStatusEmoji(m[0]).length) return true;
  }
  return false;
}

/**
 * A quick look at a Markdown text: false when it certainly is no plan, log, summary, tracker or
 * task list (`isPlanLike` of its model would be false), so that only candidates are parsed.
 * Never false for a text the parser shows as a plan. `ascii`: whether the text is all ASCII,
 * when the caller knows (from its bytes, say); else the look finds out.
 */
export function mayBePlan(text: string, ascii?: boolean): boolean {
  if (FRONT_STATUS.test(text) || hasCheckbox(text)) return true;
  const nonAscii = ascii === undefined ? NON_ASCII.test(text) : !ascii;
  if (nonAscii && FOLDING_OR_BREAK.test(text)) return mayBePlanEverywhere(text);
  if (someKeyLine(text)) return true;
  // Steps marked with a status emoji (`- Write the docs ✅`) in a document with a kind.
  return nonAscii && hasMarkedItem(text) && KIND_HINT.test(text);
}

/** FOLDING_OR_BREAK's characters as UTF-8 bytes seen as Latin-1. */
const FOLDING_OR_BREAK_BYTES = /\u00c5\u00bf|\u00e2(?:\u0084\u00aa|\u0080[\u00a8\u00a9])/;

/**
 * `mayBePlan` for a file's UTF-8 bytes seen as Latin-1 (`view`: one character per byte), with
 * `utf8(from, to)` decoding a range of them. Decoding a text with characters outside ASCII
 * costs more than looking at it, and most files are no candidate: only the lines that may hold
 * a status emoji are decoded. Says yes wherever `mayBePlan` of the decoded text does: the
 * patterns read ASCII, which the bytes keep as it is, and take any other byte for decoration.
 */
export function mayBePlanBytes(view: string, utf8: (from: number, to: number) => string): boolean {
  // A byte-order mark, or a character that folds or breaks lines: the decoded text's own look.
  if (view.startsWith('\u00ef\u00bb\u00bf') || FOLDING_OR_BREAK_BYTES.test(view)) return mayBePlan(utf8(0, view.length), false);
  if (FRONT_STATUS.test(view) || hasCheckbox(view) || someKeyLine(view)) return true;
  return hasMarkedItem(view, utf8) && KIND_HINT.test(view);
}

/** `mayBePlan` by running each pattern over the whole text (the reference for the line-by-line look). */
export function mayBePlanEverywhere(text: string): boolean {
  if (FRONT_STATUS.test(text)) return true;
  const re = reference();
  if (hasCheckboxEverywhere(text) || re.phaseNumber.test(text) || re.phaseId.test(text) || re.tracker.test(text)) return true;
  if (re.fix.test(text) || re.nugget.test(text) || STATUS_COLUMN.test(text)) return true;
  return KIND_HINT.test(text) && hasMarkedItemEverywhere(text);
}

// ---- `phasewise list --json` ----

export const ListJsonSchema = z.object({
  version: z.literal(JSON_VERSION),
  files: z.array(
    z.object({
      /** The folder given on the command line, as given. */
      root: z.string(),
      /** The file's path relative to `root`, with forward slashes. */
      file: z.string(),
      kind: DocumentKindSchema,
      title: z.nullable(z.string()),
      currentPhase: StatusJsonSchema.shape.currentPhase,
      progress: StatusJsonSchema.shape.progress,
    }),
  ),
});
export type ListJson = z.infer<typeof ListJsonSchema>;
export type ListEntry = ListJson['files'][number];

/** One `files` entry of the list JSON: the fields of the status JSON it shares, made the same way. */
export function toListEntry(plan: Plan, root: string, file: string): ListEntry {
  return { root, file, kind: plan.kind, title: plan.title ?? null, currentPhase: currentPhaseJson(plan), progress: progress(plan) };
}
