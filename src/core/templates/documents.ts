/** Whole new documents, in our own words: a plan, a log, a session summary, a task tracker. */
import type { RootContent } from 'mdast';
import type { FieldStyle } from '../model';
import { isoDate } from '../dates';
import { type PhaseShape, fixNodes, metricsTable, phaseNodes, updateNodes } from './bodies';
import { bullets, field, heading, item, labelledItem, numbered, oneLine, para, rule, serialize, table, txt, withEol } from './mdast';

export type DocumentTemplate = 'plan' | 'log' | 'summary' | 'tracker';

export const DOCUMENT_TEMPLATES: readonly DocumentTemplate[] = ['plan', 'log', 'summary', 'tracker'];

export interface NewDocumentOptions {
  title?: string;
  now?: Date;
  eol?: '\n' | '\r\n';
}

type Builder = (title: string | undefined, date: string) => RootContent[];

const BUILDERS: Record<DocumentTemplate, Builder> = {
  plan: planDocument,
  log: logDocument,
  summary: summaryDocument,
  tracker: trackerDocument,
};

/** A whole new document of the given kind, in our own words. */
export function newDocument(kind: DocumentTemplate, options: NewDocumentOptions = {}): string {
  const now = options.now ?? new Date();
  const date = isoDate(now);
  const title = oneLine(options.title);
  const eol = options.eol ?? '\n';
  const build = Object.hasOwn(BUILDERS, kind) ? BUILDERS[kind] : undefined;
  if (!build) throw new Error(`Unknown document template "${String(kind)}"; allowed: ${DOCUMENT_TEMPLATES.join(', ')}.`);
  const nodes = build(title, date);
  return withEol(serialize(nodes), eol) + eol;
}

function planDocument(title: string | undefined, date: string): RootContent[] {
  const style: FieldStyle = 'colon-inside';
  const phases: Array<{ name: string; goal: string; steps: string[]; estimate: string }> = [
    {
      name: 'Groundwork',
      goal: 'Put the scaffolding in place so the later phases have something to build on.',
      steps: ['List the files and modules this feature will touch.', 'Add the empty types and stubs the other phases fill in.'],
      estimate: '1-2 hours',
    },
    {
      name: 'Core changes',
      goal: 'Make the feature work end to end on the happy path.',
      steps: ['Implement the main behaviour behind the stubs.', 'Wire it into the places that call it.'],
      estimate: '2-4 hours',
    },
    {
      name: 'Hardening',
      goal: 'Cover the edge cases, tidy up and get the change ready to ship.',
      steps: ['Handle the error paths found while building.', 'Update the docs and run the whole test suite.'],
      estimate: '1-2 hours',
    },
  ];
  const shape: PhaseShape = { depth: 2, style, status: 'Pending', word: 'Phase', separator: ':', stepsLabel: 'Steps' };
  const nodes: RootContent[] = [
    heading(1, `Execution Plan: ${title ?? 'New Feature'}`),
    field(style, 'Feature', title ?? 'Name the feature in a few words'),
    field(style, 'Status', 'Pending'),
    field(style, 'Started', date),
    field(style, 'Current Phase', `Phase 1 of ${phases.length}`),
    rule(),
    heading(2, 'Phase Overview'),
    table(
      ['Phase', 'Name', 'Status', 'Estimate'],
      phases.map((p, i) => [String(i + 1), p.name, 'Pending', p.estimate]),
    ),
    rule(),
  ];
  phases.forEach((p, i) => {
    nodes.push(...phaseNodes(i + 1, p.name, shape, p.goal, p.steps), rule());
  });
  nodes.push(
    heading(2, 'Acceptance Criteria'),
    bullets(
      item([para(txt('The feature does what its description promises.'))], false),
      item([para(txt('Every new code path has a test that fails without it.'))], false),
      item([para(txt('Nothing that worked before the change is broken.'))], false),
    ),
    heading(2, 'Lessons'),
    numbered(1, item([para(txt(`${date}: Note what surprised you here while it is still fresh.`))])),
  );
  return nodes;
}

function logDocument(title: string | undefined, date: string): RootContent[] {
  const style: FieldStyle = 'colon-inside';
  return [
    heading(1, `Execution Log: ${title ?? 'Untitled Work'}`),
    field(style, 'Started', date),
    field(style, 'Completed', 'not yet'),
    heading(2, 'Summary'),
    para(txt('Two or three sentences: where things stood, what was done, and how it ended.')),
    bullets(labelledItem('Before', 'The numbers at the start (failing tests, latency, errors).'), labelledItem('After', 'The same numbers at the end.')),
    rule(),
    heading(2, 'Fixes'),
    ...fixNodes(3, 'Describe the first problem in one line'),
    rule(),
    heading(2, 'Progress Updates'),
    ...updateNodes(date, 'Work started'),
    rule(),
    heading(2, 'Final Metrics'),
    metricsTable(),
    heading(2, 'Guidelines'),
    para(txt('The gold nuggets above, boiled down to rules for the next piece of work.')),
    numbered(1, item([para(txt('Write the first guideline here.'))])),
  ];
}

function summaryDocument(title: string | undefined, date: string): RootContent[] {
  const style: FieldStyle = 'colon-outside';
  return [
    heading(1, `Session Summary: ${title ?? 'Work Session'}`),
    field(style, 'Date', date),
    field(style, 'Duration', 'hours spent in this session'),
    field(style, 'Status', 'In Progress'),
    rule(),
    heading(2, 'Accomplishments'),
    bullets(item([para(txt('What got finished, with the file or commit that shows it.'))])),
    heading(2, 'Decisions'),
    bullets(labelledItem('Decision', 'What was chosen.', bullets(labelledItem('Why', 'The reason, and what it rules out.')))),
    heading(2, 'Key Metrics'),
    table(
      ['Metric', 'Value', 'Target', 'Status'],
      [
        ['Tests passing', '0', 'all', 'Pending'],
        ['Coverage', '0%', '80%', 'Pending'],
      ],
    ),
    heading(2, 'Risks'),
    bullets(labelledItem('Risk', 'What could still go wrong, and how likely it is.', bullets(labelledItem('Mitigation', 'What keeps it small.')))),
    heading(2, 'Next Steps'),
    bullets(item([para(txt('Pick up where this session stopped.'))], false), item([para(txt('Re-run the metrics above and update them.'))], false)),
  ];
}

function trackerDocument(title: string | undefined, date: string): RootContent[] {
  const style: FieldStyle = 'colon-outside';
  const tasks: Array<[string, string, string, string]> = [
    ['TASK-001', 'Describe the first task', 'High', '2h'],
    ['TASK-002', 'Describe the second task', 'Medium', '1h'],
    ['TASK-003', 'Describe the third task', 'Low', '0.5h'],
  ];
  const nodes: RootContent[] = [heading(1, `Task Tracker: ${title ?? 'Open Work'}`), field(style, 'Date', date), rule(), heading(2, 'Tasks')];
  for (const [id, name, priority, estimate] of tasks) {
    nodes.push(
      heading(3, `${id}: ${name}`),
      field(style, 'Status', 'NOT_STARTED'),
      field(style, 'Priority', priority),
      field(style, 'Estimated Effort', estimate),
      field(style, 'Actual Effort', 'not recorded yet'),
    );
  }
  nodes.push(
    rule(),
    heading(2, 'Summary by Priority'),
    table(
      ['Priority', 'Tasks', 'Not Started', 'In Progress', 'Complete'],
      [
        ['High', '1', '1', '0', '0'],
        ['Medium', '1', '1', '0', '0'],
        ['Low', '1', '1', '0', '0'],
        ['Total', '3', '3', '0', '0'],
      ],
    ),
  );
  return nodes;
}
