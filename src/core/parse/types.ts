/**
 * The shapes the parse modules pass to each other: block summaries (made in blocks.ts and
 * scan.ts) and the facts the model builder reads from each block (facts.ts).
 *
 * Ranges are whole lines: `start` is the start of the first line, `end` the end of the last
 * line (before its line ending). `line` is the first line's index. All are relative to
 * the text the summary was made from; `shiftBlocks` moves them.
 */
import type { FieldStyle, PhaseKeyword, Status, StatusMark } from '../model';

// ---- block summaries ----

export interface Span {
  start: number;
  end: number;
  line: number;
}

interface HeadingBlock extends Span {
  type: 'heading';
  depth: number;
  setext: boolean;
  /** What the model builder reads from the block (see `annotate`), relative to the block's text. */
  facts?: HeadingFacts;
}
/** A paragraph; after `annotate` its facts are properties of the block itself. */
export interface ParagraphBlock extends Span, Partial<ParagraphFacts> {
  type: 'paragraph';
}
export interface ListBlock extends Span {
  type: 'list';
  ordered: boolean;
  items: ItemBlock[];
}
/** A list item; after `annotate` its facts are properties of the item itself. */
export interface ItemBlock extends Span, Partial<ItemFacts> {
  lists: ListBlock[];
}
interface TableBlock extends Span {
  type: 'table';
  /** Line index of each row (header first, delimiter row excluded). */
  rows: number[];
  facts?: TableFacts;
}
interface OtherBlock extends Span {
  type: 'other';
  kind: string;
}
export type Block = HeadingBlock | ParagraphBlock | ListBlock | TableBlock | OtherBlock;

// ---- facts: what the builder reads from one block (see facts.ts) ----

/** A status mark relative to the text its block was parsed from. */
export interface RelMark {
  status: Status;
  text: string;
  start: number;
  end: number;
  phraseStart: number;
  phraseEnd: number;
  source: StatusMark['source'];
}

/** A field relative to its block's text; `status` is the parsed value of a Status field. */
export interface RelField {
  key: string;
  name: string;
  value: string;
  start: number;
  end: number;
  valueStart: number;
  line: number;
  style: FieldStyle;
  status?: { status: Status; phraseStart: number; phraseEnd: number };
}

/** What a block's text says about the list that may follow it. */
export interface Label {
  steps: boolean;
  criteria: boolean;
  /** What was done (a recap, files changed, results): ✅ bullets after it are notes. */
  notes: boolean;
}

export interface HeadingFacts extends Label {
  text: string;
  lineEnd: number;
  phase?: { number?: string; id?: string; keyword?: PhaseKeyword; title: string; mark?: RelMark; lead?: RelMark; weak: boolean; meta: boolean; range: boolean };
  /** A `## Current Phase` heading: the next paragraph names the phase. */
  current?: boolean;
  /** A recap, summary or log section: phases and ✅ bullets in it are notes, not plan. */
  recap?: boolean;
  tracker?: { id: string; title: string; mark?: RelMark };
  fix?: string;
}

export interface ParagraphFacts {
  /** Its field lines: most paragraphs hold none or one, kept without an array. */
  fields: RelField | readonly RelField[] | undefined;
  /** The label of its last line. */
  label: Label;
}

/** A task's ID, title and flags, as `taskInfo` reads them from its text. */
export interface TaskInfo {
  id?: string;
  title: string;
  parallel?: boolean;
  story?: string;
}

export interface ItemFacts {
  lineEnd: number;
  /** The checkbox character (` `, `x`, `-`, ...) of a checkbox item, and its offset. */
  box: string | undefined;
  boxAt: number;
  /** A Kiro optional task (`- [ ]* 2.2`). */
  optional?: true;
  /**
   * Read as a task: ID, title and flags. Read at once for checkboxes and marked steps; for an
   * unmarked item, from `content` the first time it is used as a step.
   */
  info: TaskInfo | undefined;
  content: string | undefined;
  requirements: string[] | undefined;
  field: RelField | undefined;
  /** A trailing or leading status marker of a non-checkbox item. */
  mark: RelMark | undefined;
  /** A status marker after a checkbox task's text (`- [x] Ship ✅`): rewritten with its box. */
  echo?: RelMark;
  /** Where a marker would go: the end of the item's first line, trailing blanks excluded. */
  markAt: number;
  /** A fix block written as a list item (`**Issue:** ...`). */
  fix: string | undefined;
}

export interface TableEntry extends RelRow {
  id: string;
  title: string;
  statusColumn: number;
  status: Status;
  phraseStart: number;
  phraseEnd: number;
  /**
   * A row that names an entry in a title cell (`SEC-001: OAuth fix`) rather than in an ID
   * column: it only ever repeats a heading entry (its cell follows the entry), never a task.
   */
  repeat?: boolean;
  /** The text of the row's estimate or effort cell (`0.5h`), when the table has that column. */
  effort?: string;
}

export interface TableFacts {
  /** Fields on pipe-less lines the table took as rows. */
  fields?: RelField[];
  /** Present when the table is a tracker: an ID column and a Status column. */
  entries?: TableEntry[];
  /** Present when the header names a phase column and a status column. */
  overview?: {
    phaseColumn: number;
    statusColumn: number;
    nameColumn?: number;
    header: RelRow;
    rows: Array<RelRow & { key: string; status: Status; phraseStart: number; phraseEnd: number }>;
  };
}

/** A table cell relative to its block's text (a `CellNode`: facts.ts makes them). */
interface RelCell {
  readonly text: string;
  readonly s: number;
  readonly e: number;
}

export interface RelRow {
  cells: RelCell[];
  start: number;
  end: number;
  line: number;
}
