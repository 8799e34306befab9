/**
 * Finding plans among Markdown files, shared by the extension's discovery (`src/host/store.ts`)
 * and `phasewise list`: which folders are skipped, how large a file is still read, the quick
 * look that picks the candidates (`mayBePlan`), the rule that decides on a parsed model
 * (`isPlanLike`), and the versioned JSON of `phasewise list`.
 *
 * Pure TypeScript, no `vscode` or Node import.
 */
import * as z from 'zod/mini';
import { DocumentKindSchema, JSON_VERSION, StatusJsonSchema, type Plan } from './model';
import { toStatusJson } from './report';
import { lineEnd, lineStart } from './parse/lines';
import { findStatusEmoji } from './status';

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
// the few candidates, so the patterns that are read from the start of a line are tried in one
// pass over the line starts, each only where the line's first letter or digit allows it
// (sticky `y` patterns), and the others only on the lines that hold their key words (found
// with indexOf in a lowercase copy). `mayBePlanEverywhere` runs the same
// patterns over the whole text; the two agree (a unit test holds them to it), and it is used
// where a lowercase copy would not line up with the text or a character folds to ASCII only
// under Unicode case folding.

/** A checkbox item, `- [ ]`, `1. [x]`, `* [-]` (anywhere: a nested item can start mid-line). */
const CHECKBOX = /(?:[-*+]|\d[.)])[ \t]+\[[ xX\-/~]\]/;
// Headings and fields are read from the start of their line, after decoration such as `## `,
// `- `, `**` or an emoji (`[^\p{L}\p{N}\r\n]*`). Each is written once, as a source, and
// compiled for both uses: `^` + multiline for the whole text, sticky for one line start.
const PHASE_NUMBER_SRC = String.raw`[^\p{L}\p{N}\r\n]*(?:phase|stage|milestone|iteration)\s+\d`;
const PHASE_ID_SRC = String.raw`[^\p{L}\p{N}\r\n]*(?:[Pp]hase\s+)?(?:PH|PHASE|WS|WP|MS)-[A-Z0-9]`;
const TRACKER_SRC = String.raw`\uFEFF?[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*|__){0,2}[A-Z][A-Z0-9-]*?-\d`;
const FIX_SRC = String.raw`(?:[^\p{L}\p{N}\r\n]|\d{1,9}[.)])*(?:problem|issue)[^\p{L}\p{N}]*:`;
/** A numbered phase heading: `Phase 3`, `Stage 2`, `Milestone 1.2`, `Iteration 4`. */
const PHASE_NUMBER = new RegExp('^' + PHASE_NUMBER_SRC, 'imu');
const PHASE_NUMBER_AT = new RegExp(PHASE_NUMBER_SRC, 'iuy');
/** A phase heading with an ID: `PH-NEXT-002`, `WS-2`, `MS-1`. */
const PHASE_ID = new RegExp('^' + PHASE_ID_SRC, 'mu');
const PHASE_ID_AT = new RegExp(PHASE_ID_SRC, 'uy');
/** A tracker entry: a heading (ATX, or the first line of a setext one) that starts with an ID like `SEC-002`. */
const TRACKER = new RegExp('^' + TRACKER_SRC, 'm');
const TRACKER_AT = new RegExp(TRACKER_SRC, 'y');
/** A fix block: `## Problem: ...`, `- **Issue:** ...`, `1. 🐛 Issue: ...`. */
const FIX = new RegExp('^' + FIX_SRC, 'imu');
const FIX_AT = new RegExp(FIX_SRC, 'iuy');
/** A `Gold Nugget` field. */
const NUGGET = /gold[^\p{L}\p{N}]*nugget/iu;
const NUGGET_AT = /gold[^\p{L}\p{N}]*nugget/iuy;
/** A table cell that is `Status` or `State` (an overview table and a tracker table have one). */
const STATUS_COLUMN = /(?:^|\|)[ \t]*(?:\*\*|__|`)?(?:status|state)(?:\*\*|__|`)?[ \t]*(?:\||$)/im;
const STATUS_WORDS = ['status', 'state'];
/**
 * What gives a document of marked steps a kind: a word of its title, a task ID, a
 * `Current Phase` line. (A title is cleaned of punctuation first, so `_` counts as a boundary.)
 */
const KIND_HINT = /(?<![A-Za-z0-9])(?:log|summary|report|recap|tracker|changelog|backlog|plan|roadmap)(?![A-Za-z0-9])|[A-Z]-\d|current[^\p{L}\p{N}]*phase/iu;
/** A list item whose first line has a character outside ASCII, where a status emoji (or its damaged form) can be. */
const ITEM_WITH_SYMBOL = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t][^\r\n]*?[\u0080-\uffff][^\r\n]*/gm;
/** A Backlog.md task file: front matter with a status (only the file's first lines are looked at). */
const FRONT_STATUS = /^\uFEFF?---[ \t]*\r?\n(?:[^\r\n]*\r?\n){0,200}?status:/;
/**
 * Characters that make the line-by-line look unsafe: `ſ` and the Kelvin sign fold to ASCII
 * letters under Unicode case folding but not under toLowerCase, and U+2028/U+2029 end a line
 * for `^` but not for the line utilities.
 */
const FOLDING_OR_BREAK = /[\u017f\u212a\u2028\u2029]/;

/** True when a list item carries a status emoji: a marked step (`- Write the docs ✅`). */
function hasMarkedItem(text: string): boolean {
  ITEM_WITH_SYMBOL.lastIndex = 0;
  for (let m = ITEM_WITH_SYMBOL.exec(text); m; m = ITEM_WITH_SYMBOL.exec(text)) {
    if (findStatusEmoji(m[0]).length) return true;
  }
  return false;
}

/** A letter or a digit (what the line patterns' decoration `[^\p{L}\p{N}]` leaves out). */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * True when a line starts as a phase heading, a phase ID, a tracker entry or a fix block does
 * (the sticky patterns PHASE_NUMBER_AT, PHASE_ID_AT, TRACKER_AT, FIX_AT), in one pass over the
 * line starts. Each pattern needs a certain first letter or digit after the line's decoration
 * (`p`, `s`, `m` or `i` for `phase`, `stage`, ...; a capital for an ID; a digit or `p`/`i` for
 * a fix), so a line is tried only with the patterns its first letter or digit allows.
 */
function someLineStarts(text: string): boolean {
  const n = text.length;
  const crlf = text.indexOf('\r') >= 0;
  for (let s = 0; s < n;) {
    let p = s;
    let c = text.charCodeAt(p);
    // Past the decoration to the first letter or digit of the line.
    for (; p < n && c !== 10 && c !== 13; c = text.charCodeAt(++p)) {
      if (c < 128) {
        if ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)) break;
      } else if (LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(p)!))) {
        c = -1; // a letter or digit outside ASCII: none of the patterns starts with one
        break;
      }
    }
    if (p < n && c > 0 && c !== 10 && c !== 13 && tryLineStart(text, s, c)) return true;
    // The next line (a line ends at \n, \r\n or \r, as for `^` in a multiline pattern).
    let e: number;
    if (!crlf) e = text.indexOf('\n', p);
    else for (e = p; e < n && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13; e++);
    if (e < 0 || e >= n) break;
    s = e + (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? 2 : 1);
  }
  return false;
}

/** The sticky patterns that can match a line at `start` whose first letter or digit is `c` (ASCII). */
function tryLineStart(text: string, start: number, c: number): boolean {
  const lower = c | 32;
  const test = (re: RegExp): boolean => {
    re.lastIndex = start;
    return re.test(text);
  };
  if (c <= 57) return test(FIX_AT); // a digit: only a numbered fix (`1. Issue:`)
  if ((lower === 112 || lower === 115 || lower === 109 || lower === 105) && test(PHASE_NUMBER_AT)) return true; // p s m i
  if ((c === 80 || c === 112 || c === 87 || c === 77) && test(PHASE_ID_AT)) return true; // P p W M
  if (c <= 90 && test(TRACKER_AT)) return true; // a capital
  return (lower === 112 || lower === 105) && test(FIX_AT); // p i
}

/** True when `test` holds for a line that holds one of `words` in `lower`, given its start and the word's offset. */
function someLineWith(text: string, lower: string, words: readonly string[], test: (start: number, at: number) => boolean): boolean {
  for (const w of words) {
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + w.length)) if (test(lineStart(text, i), i)) return true;
  }
  return false;
}

/** True when a line that holds one of `words` in `lower` matches `re` (a one-line pattern). */
function lineMatching(text: string, lower: string, words: readonly string[], re: RegExp): boolean {
  return someLineWith(text, lower, words, (start, at) => re.test(text.slice(start, lineEnd(text, at))));
}

/** True when `at` (sticky) matches where `lower` holds `word`. */
function wordAt(text: string, lower: string, word: string, at: RegExp): boolean {
  for (let i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + 1)) {
    at.lastIndex = i;
    if (at.test(text)) return true;
  }
  return false;
}

/**
 * A quick look at a Markdown text: false when it certainly is no plan, log, summary, tracker or
 * task list (`isPlanLike` of its model would be false), so that only candidates are parsed.
 * Never false for a text the parser shows as a plan.
 */
export function mayBePlan(text: string): boolean {
  if (FRONT_STATUS.test(text.slice(0, 20_000)) || CHECKBOX.test(text)) return true;
  const lower = text.toLowerCase();
  if (lower.length !== text.length || FOLDING_OR_BREAK.test(text)) return mayBePlanEverywhere(text);
  if (someLineStarts(text)) return true;
  if (wordAt(text, lower, 'gold', NUGGET_AT) || lineMatching(text, lower, STATUS_WORDS, STATUS_COLUMN)) return true;
  // Steps marked with a status emoji (`- Write the docs ✅`) in a document with a kind.
  return KIND_HINT.test(text) && hasMarkedItem(text);
}

/** `mayBePlan` by running each pattern over the whole text (the reference for the line-by-line look). */
export function mayBePlanEverywhere(text: string): boolean {
  if (FRONT_STATUS.test(text.slice(0, 20_000))) return true;
  if (CHECKBOX.test(text) || PHASE_NUMBER.test(text) || PHASE_ID.test(text) || TRACKER.test(text)) return true;
  if (FIX.test(text) || NUGGET.test(text) || STATUS_COLUMN.test(text)) return true;
  return KIND_HINT.test(text) && hasMarkedItem(text);
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

/** One `files` entry of the list JSON. */
export function toListEntry(plan: Plan, root: string, file: string): ListEntry {
  const s = toStatusJson(plan, []);
  return { root, file, kind: s.kind, title: s.title, currentPhase: s.currentPhase, progress: s.progress };
}
