/**
 * The six plan tools agents call, written once: their names, what they tell the model and the
 * user, and their input schemas. The MCP server registers them under these names; VS Code's
 * language-model tools under `phasewise_` + the name, with package.json's
 * `contributes.languageModelTools` kept equal to this table by a unit test.
 */
import * as z from 'zod/mini';
import { STATUSES } from './model';
import { TEMPLATE_KINDS, type TemplateKind } from './templates';

const FILE = z.string().check(z.minLength(1), z.describe('The plan file, as list_plans names it: a path inside the workspace, e.g. docs/plan.md.'));
const REVISION = z.optional(z.string().check(z.describe('The revision read_plan returned; a change made since then to the same phase or task is refused.')));
const STATUS_HELP = STATUSES.join(', ');

export const AGENT_TOOL_INPUTS = {
  list_plans: {},
  read_plan: { file: FILE },
  next_step: { file: z.optional(z.string().check(z.describe('One plan file; without it, the first plan under the workspace with work left.'))) },
  set_status: {
    file: FILE,
    phase: z.optional(z.string().check(z.describe('The phase: its number (3, 1.2) or ID, as the plan writes it.'))),
    task: z.optional(z.string().check(z.describe('The task: its ID (T012, SEC-002, 2.1).'))),
    line: z.optional(z.int().check(z.positive(), z.describe('The 1-based line of the phase heading or task, as read_plan gives it.'))),
    status: z.string().check(z.describe(`The new status: ${STATUS_HELP}.`)),
    revision: REVISION,
  },
  check_plan: { file: FILE },
  add_section: {
    file: FILE,
    template: z.enum(TEMPLATE_KINDS as [TemplateKind, ...TemplateKind[]]).check(z.describe('Which section to insert.')),
    title: z.optional(z.string().check(z.describe('The title of the new phase, the problem of a fix block, or the text of an update, criterion or lesson.'))),
    revision: REVISION,
  },
} as const;

export type AgentToolName = keyof typeof AGENT_TOOL_INPUTS;

export const AGENT_TOOL_NAMES = Object.keys(AGENT_TOOL_INPUTS) as AgentToolName[];

export type AgentToolInput<N extends AgentToolName> = z.infer<z.ZodMiniObject<(typeof AGENT_TOOL_INPUTS)[N]>>;

export interface AgentToolText {
  /** Shown in VS Code's tool pickers. */
  displayName: string;
  /** What the model reads to decide when and how to call the tool. */
  modelDescription: string;
  /** What the user reads about the tool. */
  userDescription: string;
  /** `#name` in a chat prompt. */
  referenceName: string;
  /** True for the tools that change a file (they ask for confirmation in VS Code). */
  edits: boolean;
}

export const AGENT_TOOLS: Readonly<Record<AgentToolName, AgentToolText>> = {
  list_plans: {
    displayName: 'List Plans',
    modelDescription:
      'List the Markdown plans, logs, summaries, trackers and task lists in the workspace, with kind, title, progress and current phase. Call this first to find the plan file to work from.',
    userDescription: 'Lists the execution plans, task lists and trackers in the workspace.',
    referenceName: 'phasewisePlans',
    edits: false,
  },
  read_plan: {
    displayName: 'Read Plan',
    modelDescription:
      'Read one plan: its phases with statuses and task counts, its tasks, the current phase and its consistency problems, plus a revision. Pass the revision to set_status so that a change made meanwhile is noticed.',
    userDescription: 'Reads the phases, tasks, statuses and current phase of a plan.',
    referenceName: 'phasewisePlan',
    edits: false,
  },
  next_step: {
    displayName: 'Next Step',
    modelDescription: 'The phase to work on and its first open task, in one plan or (without file) in the first plan that has work left.',
    userDescription: 'Finds the phase and task to work on next.',
    referenceName: 'phasewiseNext',
    edits: false,
  },
  set_status: {
    displayName: 'Set Status',
    modelDescription: `Change the status of one phase or task in the plan file, the way the file writes statuses (its Status line, heading, checkbox or table cell), keeping the Phase Overview table and the Current Phase line in step. Use this instead of editing statuses by hand, and only once the work is really done or started. Give exactly one of phase (number or ID), task (ID) or line (1-based); status is ${STATUS_HELP}.`,
    userDescription: 'Marks a phase or task started, complete, failed, blocked or pending, in the file’s own convention.',
    referenceName: 'phasewiseSetStatus',
    edits: true,
  },
  check_plan: {
    displayName: 'Check Plan',
    modelDescription:
      'Consistency problems in a plan (the overview table against the phase statuses, the Current Phase line, duplicate phases, damaged emoji) with the fixes available.',
    userDescription: 'Lists the consistency problems of a plan and their fixes.',
    referenceName: 'phasewiseCheck',
    edits: false,
  },
  add_section: {
    displayName: 'Add Section',
    modelDescription: `Insert a section from a template into the plan, where the file keeps such sections: ${TEMPLATE_KINDS.join(', ')}. A next phase also gets its overview row and the Current Phase total.`,
    userDescription: 'Inserts the next phase, a fix block, a dated update, a metrics table, an acceptance criterion or a lesson.',
    referenceName: 'phasewiseAddSection',
    edits: true,
  },
};

const TOOL_NAME = new RegExp(`\\b(${AGENT_TOOL_NAMES.join('|')})\\b`, 'g');

/** `text` with the tools it mentions named as they are registered (`phasewise_read_plan` in VS Code). */
export function withToolNames(text: string, prefix: string): string {
  return prefix ? text.replace(TOOL_NAME, `${prefix}$1`) : text;
}

/** The input schema of a tool as JSON Schema (what VS Code's manifest declares), tools named with `prefix`. */
export function agentToolJsonSchema(name: AgentToolName, prefix = ''): Record<string, unknown> {
  const schema = z.toJSONSchema(z.object(AGENT_TOOL_INPUTS[name])) as Record<string, unknown>;
  delete schema.$schema;
  return JSON.parse(withToolNames(JSON.stringify(schema), prefix)) as Record<string, unknown>;
}
