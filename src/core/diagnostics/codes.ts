/**
 * Every diagnostic code: how severe it is, what it means, and what its fix does. Severity is
 * read from here by the rules, so this table is the one place that says it.
 */
import type { Range } from '../model';
import type { TextEdit } from '../edits';

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'overview-mismatch'
  | 'index-mismatch'
  | 'current-phase-mismatch'
  | 'multiple-in-progress'
  | 'completed-with-open-items'
  | 'duplicate-phase'
  | 'duplicate-task-id'
  | 'parent-mismatch'
  | 'progress-line-stale'
  | 'mojibake';

export interface CodeInfo {
  severity: Severity;
  /** What the finding says about the document. */
  meaning: string;
  /** What the fix does, or why there is none. */
  fix: string;
  /** True when the finding offers a fix (when the file can express it). */
  hasFix: boolean;
}

export const DIAGNOSTIC_CODES: Readonly<Record<DiagnosticCode, CodeInfo>> = {
  'overview-mismatch': {
    severity: 'error',
    meaning: "A phase's row in the overview table gives another status than the phase's own section.",
    fix: "Set the overview cell to the phase's own status.",
    hasFix: true,
  },
  'index-mismatch': {
    severity: 'warning',
    meaning: "A phase's item in a checklist of the phases is ticked while the phase is not completed, or open while it is.",
    fix: "Tick or clear the item's box to follow the phase.",
    hasFix: true,
  },
  'current-phase-mismatch': {
    severity: 'warning',
    meaning: 'The Current Phase line names another phase than the one in progress, or a phase the plan does not have.',
    fix: 'Point Current Phase at the phase in progress, else at the first open phase.',
    hasFix: true,
  },
  'multiple-in-progress': {
    severity: 'warning',
    meaning: 'More than one phase of the same plan is in progress; the one Current Phase names, else the last, is kept.',
    fix: 'Mark the extra phase completed, or pending.',
    hasFix: true,
  },
  'completed-with-open-items': {
    severity: 'warning',
    meaning: 'A phase that writes its own status says completed while some of its steps or criteria are open.',
    fix: 'Check the open items, or set the phase back to in progress.',
    hasFix: true,
  },
  'duplicate-phase': {
    severity: 'warning',
    meaning: 'Two phases have the same number or ID.',
    fix: 'None: which of two real phases to renumber is the author’s call, and renumbering breaks references to it.',
    hasFix: false,
  },
  'duplicate-task-id': {
    severity: 'error',
    meaning: 'Two tasks have the same ID (numbered steps, which repeat by design, do not count).',
    fix: 'Rename the later one to the next free ID.',
    hasFix: true,
  },
  'parent-mismatch': {
    severity: 'warning',
    meaning: 'A parent checkbox disagrees with its subtasks: checked with some open, or open with all done (Kiro).',
    fix: 'Check or reopen the parent box so it follows its subtasks.',
    hasFix: true,
  },
  'progress-line-stale': {
    severity: 'warning',
    meaning: 'The document’s progress line (`Progress: 26/43 (60%)`) gives other numbers than its phases or tasks.',
    fix: 'Write the completed and total count, and the percentage, in the line’s own format.',
    hasFix: true,
  },
  mojibake: {
    severity: 'warning',
    meaning: 'UTF-8 text, usually emoji, that was decoded as Windows-1252 or Mac Roman and saved so.',
    fix: 'Repair to the intended characters.',
    hasFix: true,
  },
};

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  range: Range;
  /** 0-based line of `range.start`. */
  line: number;
  fixes: Fix[];
}

/** A finding of `code`, with the severity the code table gives it. */
export function diagnostic(code: DiagnosticCode, found: Omit<Diagnostic, 'code' | 'severity'>): Diagnostic {
  return { code, severity: DIAGNOSTIC_CODES[code].severity, ...found };
}
