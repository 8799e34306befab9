/** The bodies of the templates, in our own wording: a phase, a fix block, a dated update, a metrics table. */
import type { RootContent, Table } from 'mdast';
import type { FieldStyle } from '../model';
import { bullets, emptyCode, field, heading, item, labelledItem, numbered, para, table, txt } from './mdast';

/** How the phases already in a document are written, for a new one to match. */
export interface PhaseShape {
  depth: number;
  style: FieldStyle;
  status: string;
  word: string;
  separator: string;
  stepsLabel: string;
}

/** A phase section: heading, Status, Goal, steps, tests, checkpoint and complexity. */
export function phaseNodes(n: number, title: string, shape: PhaseShape, goal?: string, steps?: string[]): RootContent[] {
  const sep = shape.separator === ':' ? ': ' : shape.separator === '.' ? '. ' : ` ${shape.separator} `;
  return [
    heading(shape.depth, `${shape.word} ${n}${sep}${title}`),
    field(shape.style, 'Status', shape.status),
    field(shape.style, 'Goal', goal ?? 'Say in one sentence what this phase delivers.'),
    field(shape.style, shape.stepsLabel, ''),
    numbered(1, ...(steps ?? ['Write down the first concrete step.']).map((s) => item([para(txt(s))]))),
    field(shape.style, 'Tests', ''),
    bullets(item([para(txt('Name the checks that prove this phase works.'))])),
    field(shape.style, 'Checkpoint', 'How to tell the phase is done before the next one starts.'),
    field(shape.style, 'Estimated Complexity', 'Medium'),
  ];
}

export function fixNodes(depth: number, title: string): RootContent[] {
  return [
    heading(depth, `Problem: ${title}`),
    bullets(
      labelledItem('Root Cause', 'Why it happened, one level below the symptom.'),
      labelledItem('Solution', 'What was changed, with the snippet that shows it.', emptyCode()),
      labelledItem('💡 Gold Nugget', 'The rule worth keeping for next time.'),
    ),
  ];
}

export function updateNodes(date: string, summary: string): RootContent[] {
  return [
    heading(3, `${date} Update: ${summary}`),
    bullets(
      labelledItem('Progress', 'What moved forward since the last entry.'),
      labelledItem('Key Breakthrough', 'The finding that unblocked the work, if there was one.'),
      labelledItem('Setbacks', 'What broke or went backwards along the way.'),
      labelledItem('Remaining Issues', 'What is still open after this session.'),
      labelledItem('Updated Metrics', 'The numbers now, next to where they started.'),
    ),
  ];
}

export function metricsTable(): Table {
  return table(
    ['Metric', 'Target', 'Result', 'Status'],
    [
      ['First measure', 'Goal value', 'Measured value', 'Pending'],
      ['Second measure', 'Goal value', 'Measured value', 'Pending'],
    ],
  );
}
