/**
 * The plan tools as VS Code language-model tools (`phasewise_` + the names of
 * core/agentTools.ts), for chat agents: input validated against the same schema the manifest
 * declares, a confirmation naming the file, the element and the change before every edit, and
 * the answer as one line plus the versioned JSON. Bad input is thrown as one sentence, which
 * VS Code hands to the model.
 */
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { AGENT_TOOLS, AGENT_TOOL_INPUTS, type AgentToolInput, type AgentToolName, PhasewiseError, type ToolOutcome, parseStatusArg } from '../../core';
import type { Services } from '../services';
import { LM_TOOL_PREFIX, ToolInputError, escapeMarkdown, sectionConfirmation, statusConfirmation } from './paths';
import { WorkspaceTools } from './workspaceTools';

type Runner<N extends AgentToolName> = (input: AgentToolInput<N>) => Promise<ToolOutcome>;
type Preparer<N extends AgentToolName> = (input: AgentToolInput<N>) => Promise<vscode.PreparedToolInvocation>;

/** The input as the tool's schema reads it; an error sentence naming what is wrong. */
function parseInput<N extends AgentToolName>(name: N, input: unknown): AgentToolInput<N> {
  const r = z.object(AGENT_TOOL_INPUTS[name]).safeParse(input ?? {});
  if (r.success) return r.data as unknown as AgentToolInput<N>;
  const given = (input ?? {}) as Record<string, unknown>;
  const problems = r.error.issues.map((i) => {
    const where = i.path.length ? i.path.join('.') : 'input';
    if (i.code === 'invalid_type' && i.path.length === 1 && given[String(i.path[0])] === undefined) return `${where} is missing`;
    return i.code === 'invalid_type' ? `${where} must be a ${i.expected}` : `${where}: ${i.message}`;
  });
  throw new ToolInputError(`Invalid input for ${name}: ${problems.join('; ')}.`);
}

function toResult(o: ToolOutcome): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(o.text), new vscode.LanguageModelTextPart(JSON.stringify(o.json))]);
}

/** A confirmation whose message shows plan text as text (never as Markdown or links). */
function confirmation(c: { title: string; message: string }, invocationMessage: string): vscode.PreparedToolInvocation {
  return { invocationMessage, confirmationMessages: { title: c.title, message: new vscode.MarkdownString(escapeMarkdown(c.message)) } };
}

export interface LanguageModelTools {
  /** The implementations, by tool name (`phasewise_read_plan`), as VS Code calls them. */
  readonly tools: ReadonlyMap<string, vscode.LanguageModelTool<unknown>>;
  readonly workspace: WorkspaceTools;
}

export function languageModelTools(s: Services, now?: () => Date): LanguageModelTools {
  const w = new WorkspaceTools(s, now);
  const tools = new Map<string, vscode.LanguageModelTool<unknown>>();
  const add = <N extends AgentToolName>(name: N, run: Runner<N>, prepare?: Preparer<N>): void => {
    tools.set(LM_TOOL_PREFIX + name, {
      async invoke(options) {
        try {
          return toResult(await run(parseInput(name, options.input)));
        } catch (err) {
          if (err instanceof PhasewiseError) throw new Error(err.message, { cause: err });
          s.log.error(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          throw new Error(`Internal error in Phasewise (${err instanceof Error ? err.message : String(err)}); the file was not changed.`, {
            cause: err,
          });
        }
      },
      async prepareInvocation(options) {
        if (!prepare) return { invocationMessage: `${AGENT_TOOLS[name].displayName}…` };
        let input: AgentToolInput<N>;
        try {
          input = parseInput(name, options.input);
        } catch {
          return { invocationMessage: `${AGENT_TOOLS[name].displayName}…` }; // invoke says what is wrong; it edits nothing
        }
        return prepare(input);
      },
    });
  };
  add('list_plans', () => w.listPlans());
  add('read_plan', ({ file }) => w.readPlan(file));
  add('next_step', ({ file }) => w.nextStep(file || undefined));
  add('check_plan', ({ file }) => w.checkPlan(file));
  add(
    'set_status',
    ({ file, phase, task, line, status, revision }) => w.setStatus(file, { phase, task, line }, status, revision),
    async ({ file, phase, task, line, status }) => {
      const target = await w.describeTarget(file, { phase, task, line });
      let to;
      try {
        to = parseStatusArg(status);
      } catch {
        return { invocationMessage: 'Setting a status…' }; // refused by invoke, nothing to confirm
      }
      return confirmation(statusConfirmation(target?.file ?? file, target?.label, target?.status, to), 'Setting a status…');
    },
  );
  add(
    'add_section',
    ({ file, template, title, revision }) => w.addSection(file, template, title, revision),
    ({ file, template, title }) => Promise.resolve(confirmation(sectionConfirmation(file, template, title), 'Adding a section…')),
  );
  return { tools, workspace: w };
}

/** Registers the tools with VS Code (where this VS Code has language-model tools at all). */
export function registerLanguageModelTools(s: Services): LanguageModelTools {
  const lm = languageModelTools(s);
  if (typeof vscode.lm?.registerTool !== 'function') {
    s.log.info('This VS Code has no language-model tools; the Phasewise chat tools are not registered.');
    return lm;
  }
  for (const [name, tool] of lm.tools) s.context.subscriptions.push(vscode.lm.registerTool(name, tool));
  return lm;
}
