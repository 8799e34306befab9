/**
 * The plan model: what Phasewise knows about a Markdown plan, log, summary or tracker.
 * Every element carries its source range as UTF-16 offsets into the document text
 * (`start` inclusive, `end` exclusive) and a 0-based line number.
 */
import * as z from 'zod/mini';

export const STATUSES = ['pending', 'in-progress', 'completed', 'failed', 'blocked'] as const;
export const StatusSchema = z.enum([...STATUSES, 'unknown']);
export type KnownStatus = (typeof STATUSES)[number];
export type Status = z.infer<typeof StatusSchema>;

export const DocumentKindSchema = z.enum(['plan', 'log', 'summary', 'tracker', 'tasks', 'unknown']);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

export interface Range {
  start: number;
  end: number;
}

/** A `**Key:** value`, `**Key**: value` or `Key: value` line. */
export interface Field {
  key: string;
  /** Lower-cased key with spaces collapsed, for lookups. */
  name: string;
  value: string;
  /** The whole line, without its line ending. */
  range: Range;
  /** The value, trimmed. Empty range (start === end) at the line end when the value is empty. */
  valueRange: Range;
  line: number;
  style: FieldStyle;
}

/** How a document writes field labels: `**Status:**`, `**Status**:` or `Status:`. */
export type FieldStyle = 'colon-inside' | 'colon-outside' | 'plain' | 'all-bold';

/** Where a status is written and how to rewrite it. */
export interface StatusMark {
  status: Status;
  /** The status text exactly as written (may include emoji and trailing notes). */
  text: string;
  /** The range of `text`. */
  range: Range;
  /** The part of `text` that is the status itself (words and emoji), replaced on a change. */
  phraseRange: Range;
  /** Where the status came from. */
  source: 'field' | 'heading' | 'checkbox' | 'marker' | 'table';
}

export type TaskKind = 'checkbox' | 'step' | 'tracker';

export interface Task {
  kind: TaskKind;
  /** `SEC-002`, `T012`, `2.1`, ... when the task has one. */
  id?: string;
  title: string;
  status: Status;
  /**
   * The status mark. For a step without a marker, an empty range where a marker would go.
   * Undefined for a tracker entry without a Status field.
   */
  mark?: StatusMark;
  /** A status emoji on a tracker entry's heading, kept in step with `mark`. */
  headingMark?: StatusMark;
  /** The status cell of a table row that repeats this tracker entry (a summary table), kept in step with `mark`. */
  rowMark?: StatusMark;
  /** A status emoji after a checkbox task's text (`- [x] Ship ✅`), kept in step with its box. */
  echoMark?: StatusMark;
  /** The first line of the task (list item line or tracker heading). */
  range: Range;
  /** The whole task: list item with its children, or the tracker entry's section. */
  sectionRange: Range;
  line: number;
  /** Nesting depth among tasks, 0 for top level. */
  depth: number;
  /** Index of the parent task in `Plan.tasks`, for nested checkbox items. */
  parent?: number;
  /** Index of the phase the task belongs to, in `Plan.phases`. */
  phase?: number;
  /** spec-kit `[P]` marker: can run in parallel. */
  parallel?: boolean;
  /** A tracker entry's estimated and actual effort, in milliseconds, where the file writes them. */
  estimate?: number;
  actual?: number;
  /** A tracker entry's `Priority:` field, as written. */
  priority?: string;
  /** spec-kit story label such as `US1`. */
  story?: string;
  /** Kiro `_Requirements: 1.2, 3.4_`. */
  requirements?: string[];
  /** A Kiro optional task (`- [ ]* 2.2`): open, it does not hold its parent back. */
  optional?: boolean;
  /** True for checkbox items listed under an acceptance-criteria/success-criteria label or heading. */
  criterion?: boolean;
  /** True for a Backlog.md task file's entry, whose status is in the front matter. */
  frontMatter?: boolean;
}

/** What a numbered phase heading calls a phase, other than "Phase". */
export type PhaseKeyword = 'Stage' | 'Milestone' | 'Iteration' | 'Epic';

/** The words a numbered phase heading starts with, as a regular-expression alternation. */
export const PHASE_WORDS = 'phase|stage|milestone|iteration|epic';

/** The prefixes that make an ID a phase ID without the word Phase before it (`PH-NEXT-002`, `WS-2`, `MS-1`). */
export const PHASE_ID_PREFIXES = 'PH|PHASE|WS|WP|MS';

/**
 * A phase ID at the start of a heading's text, its ID captured: one of PHASE_ID_PREFIXES
 * (`PH-NEXT-002`, `Phase WS-3`), or after the word Phase any capitalised ID whose last part
 * has a digit (`Phase ING-1`; not `Phase A-B testing`). Source of a regular expression.
 */
export const phaseIdSource = (space = String.raw`\s`): string =>
  String.raw`(?:[Pp]hase${space}+(?=(?:${PHASE_ID_PREFIXES})-|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d)|(?=(?:${PHASE_ID_PREFIXES})-))([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)`;
export const PHASE_ID_SOURCE = phaseIdSource();

export interface Phase {
  /** `3` for `Phase 3: ...`, `2.1` for `Phase 2.1`. */
  number?: string;
  /** `PH-NEXT-002`, `WS-NEXT-002-003`. */
  id?: string;
  /** The word before the number where it is not "Phase": `Milestone 2`, `Stage 1`. */
  keyword?: PhaseKeyword;
  title: string;
  status: Status;
  /** The status mark, when the phase writes a status (field, heading emoji or overview row). */
  mark?: StatusMark;
  /** A status emoji on the heading when the phase also has a Status field; kept in step. */
  headingMark?: StatusMark;
  /**
   * A status emoji before the phase's keyword (`### ✅ Milestone 1: Storage - COMPLETED`, or
   * `## ✅ Phase 1: Setup`, where it is also `mark`); kept in step the way the file's other
   * phase headings write theirs.
   */
  leadMark?: StatusMark;
  /** True when the phase writes no status anywhere and it is derived from its tasks. */
  derived: boolean;
  /** The heading line. */
  headingRange: Range;
  /** From the heading to the start of the next heading of the same or a higher level. */
  sectionRange: Range;
  line: number;
  depth: number;
  parent?: number;
  fields: Field[];
  /** Indexes into `Plan.tasks` of the tasks directly in this phase (not in sub-phases). */
  tasks: number[];
  /** Row index in the governing overview table, if one lists this phase. */
  overviewRow?: { table: number; row: number };
  /** The box of a checklist item that lists this phase in an index (`- [x] **Phase 1: Setup**`), kept in step. */
  indexMark?: StatusMark;
}

export interface TableCell {
  text: string;
  /** The cell content, trimmed (empty range inside the cell when empty). */
  range: Range;
}

export interface TableRow {
  cells: TableCell[];
  range: Range;
  line: number;
}

/** A table that lists phases with their statuses ("Phase Overview"). */
export interface OverviewTable {
  range: Range;
  line: number;
  header: TableRow;
  rows: Array<TableRow & { key: string; phase?: number; status: Status; mark?: StatusMark }>;
  phaseColumn: number;
  statusColumn: number;
  nameColumn?: number;
}

/** A Problem → Root Cause → Solution → Gold Nugget block in an execution log. */
export interface FixBlock {
  title: string;
  range: Range;
  line: number;
  rootCause?: Field;
  solution?: Field;
  nugget?: Field;
}

export interface Nugget {
  text: string;
  range: Range;
  line: number;
}

export interface Heading {
  depth: number;
  text: string;
  range: Range;
  line: number;
  /** End of the heading's section. */
  sectionEnd: number;
}

export interface Plan {
  kind: DocumentKind;
  title?: string;
  titleLine?: number;
  /** Document-level fields (before the first phase, and `Current Phase` anywhere). */
  fields: Field[];
  headings: Heading[];
  phases: Phase[];
  tasks: Task[];
  overviews: OverviewTable[];
  fixes: FixBlock[];
  nuggets: Nugget[];
  /** Index into `fields` of each `Current Phase` field. */
  currentPhaseFields: number[];
  /** Line ending used by the document. */
  eol: '\n' | '\r\n';
  /** Length of a leading byte-order mark (0 or 1). */
  bom: number;
  length: number;
  lineCount: number;
}

// ---- Public JSON (CLI `status --json`), versioned ----

export const JSON_VERSION = 1;

export const StatusJsonSchema = z.object({
  version: z.literal(JSON_VERSION),
  file: z.optional(z.string()),
  kind: DocumentKindSchema,
  title: z.nullable(z.string()),
  currentPhase: z.nullable(z.object({ number: z.nullable(z.string()), id: z.nullable(z.string()), title: z.string(), line: z.int() })),
  progress: z.object({ completed: z.int(), total: z.int() }),
  phases: z.array(
    z.object({
      number: z.nullable(z.string()),
      id: z.nullable(z.string()),
      title: z.string(),
      status: StatusSchema,
      statusText: z.nullable(z.string()),
      line: z.int(),
      depth: z.int(),
      tasks: z.object({ done: z.int(), total: z.int() }),
    }),
  ),
  tasks: z.array(
    z.object({
      id: z.nullable(z.string()),
      title: z.string(),
      status: StatusSchema,
      kind: z.enum(['checkbox', 'step', 'tracker']),
      line: z.int(),
      phase: z.nullable(z.string()),
      /** A tracker entry's effort, in hours, where it writes one. */
      estimate: z.optional(z.number()),
      actual: z.optional(z.number()),
    }),
  ),
  /** A tracker's rollups: entries by status and by priority section, and effort in hours. */
  totals: z.optional(
    z.object({
      byStatus: z.record(z.string(), z.int()),
      byPriority: z.array(z.object({ priority: z.string(), done: z.int(), total: z.int() })),
      estimate: z.nullable(z.number()),
      actual: z.nullable(z.number()),
    }),
  ),
  diagnostics: z.array(
    z.object({
      line: z.int(),
      severity: z.enum(['error', 'warning', 'info']),
      code: z.string(),
      message: z.string(),
    }),
  ),
});
export type StatusJson = z.infer<typeof StatusJsonSchema>;
