/**
 * `phasewise mcp`: the plan operations as Model Context Protocol tools over stdio, for coding
 * agents. Every tool reads files only inside the given roots (no `..`, no absolute path or
 * symbolic link that leads out); every change is the same guarded edit as `phasewise set`,
 * made under the file's write lock, re-read and re-resolved inside it, so agents writing at
 * once never lose each other's edits. Results carry the versioned JSON of the CLI as
 * `structuredContent` and a one-line text; bad input is `isError` with one sentence.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  AGENT_TOOLS,
  AGENT_TOOL_INPUTS,
  type AgentToolInput,
  type AgentToolName,
  NOTHING_LEFT,
  type Plan,
  type Selector,
  type TemplateKind,
  type ToolOutcome,
  PhasewiseError,
  PlanDocument,
  SeenTexts,
  applyEdits,
  checkPlanOutcome,
  nextStepOutcome,
  planSection,
  planStatusChange,
  readPlanOutcome,
  sectionOutcome,
  statusOutcome,
} from '../core';
import { UsageError, errnoCode, loadTextFile, writeBack, type LoadedFile } from './files';
import { inside, listPlans } from './list';
import { withFileLock } from './lock';

interface ToolResult {
  [key: string]: unknown;
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

const ok = (text: string, json: Record<string, unknown>): ToolResult => ({ content: [{ type: 'text', text }], structuredContent: json });
const fail = (text: string): ToolResult => ({ content: [{ type: 'text', text }], isError: true });

export class PlanTools {
  private readonly seen = new SeenTexts();
  private readonly realRoots: Promise<string[]>;

  constructor(
    private readonly roots: readonly string[],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.realRoots = Promise.all(roots.map((r) => fs.realpath(r)));
  }

  /** The file `file` names inside a root, resolved; a usage error when it is outside every root or missing. */
  async locate(file: string): Promise<string> {
    if (!file || file.includes('\0')) throw new UsageError('give the plan file as a path inside the workspace, e.g. docs/plan.md');
    const roots = await this.realRoots;
    const outsideMessage = `${file} is outside the folders this server may read (${this.roots.join(', ')})`;
    for (const [i, root] of this.roots.entries()) {
      const abs = path.resolve(root, file);
      let real: string;
      try {
        real = await fs.realpath(abs);
      } catch (e) {
        if (errnoCode(e) === 'ENOENT' || errnoCode(e) === 'ENOTDIR') continue;
        throw new UsageError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (real === roots[i] || !inside(real, roots[i])) throw new UsageError(outsideMessage);
      return real;
    }
    const outside = this.roots.every((root) => !inside(path.resolve(root, file), path.resolve(root)));
    throw new UsageError(outside ? outsideMessage : `${file}: no such file`);
  }

  private async load(file: string): Promise<{ f: LoadedFile; plan: Plan }> {
    const real = await this.locate(file);
    const f = await loadTextFile(real, '/');
    f.display = file;
    return { f, plan: PlanDocument.parse(f.text).plan };
  }

  async listPlans(): Promise<ToolResult> {
    const notes: string[] = [];
    const listed = listPlans(this.roots, process.cwd(), (n) => notes.push(n));
    const files = listed.map((l) => l.entry);
    const lines = files.map((e) => `${e.file} (${e.kind}, ${e.progress.completed}/${e.progress.total})`);
    return ok(files.length ? `${files.length} plans: ${lines.join('; ')}` : 'No plans found under the roots.', {
      version: 1,
      files,
      ...(notes.length ? { notes } : {}),
    });
  }

  async readPlan(file: string): Promise<ToolResult> {
    const { f, plan } = await this.load(file);
    return result(readPlanOutcome(file, f.text, plan, this.seen.remember(f.text)));
  }

  async nextStep(file?: string): Promise<ToolResult> {
    const files = file ? [file] : listPlans(this.roots, process.cwd(), () => undefined).map((l) => l.entry.file);
    for (const name of files) {
      const { plan } = await this.load(name);
      const outcome = nextStepOutcome(name, plan, files.length > 1);
      if (outcome) return result(outcome);
    }
    return result(NOTHING_LEFT);
  }

  async checkPlan(file: string): Promise<ToolResult> {
    const { f, plan } = await this.load(file);
    return result(checkPlanOutcome(file, f.text, plan));
  }

  async setStatus(file: string, sel: Selector, statusArg: string, revision?: string): Promise<ToolResult> {
    const real = await this.locate(file);
    return withFileLock(real, file, async () => {
      const { f, plan } = await this.load(file);
      const change = planStatusChange(file, f.text, plan, sel, statusArg, revision, this.seen, this.now());
      const after = change.edits.length ? applyEdits(f.text, change.edits) : f.text;
      if (after !== f.text) await writeBack(f, after);
      return result(statusOutcome(file, change, this.seen.remember(after)));
    });
  }

  async addSection(file: string, template: TemplateKind, title: string | undefined, revision?: string): Promise<ToolResult> {
    const real = await this.locate(file);
    return withFileLock(real, file, async () => {
      const { f, plan } = await this.load(file);
      const edits = planSection(file, f.text, plan, template, title, revision, this.now());
      const after = applyEdits(f.text, edits);
      await writeBack(f, after);
      return result(sectionOutcome(file, template, title, edits, this.seen.remember(after)));
    });
  }
}

const result = (o: ToolOutcome): ToolResult => ok(o.text, o.json);

/** Runs a tool, turning the user's errors into one sentence for the model. */
async function guarded(run: () => Promise<ToolResult>): Promise<ToolResult> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageError || e instanceof PhasewiseError) return fail(e.message);
    return fail(`internal error: ${e instanceof Error ? e.message : String(e)} (a bug in Phasewise; the file was not changed)`);
  }
}

/** The MCP server with the six plan tools over `tools`. */
export function planServer(tools: PlanTools, version: string): McpServer {
  const server = new McpServer({ name: 'phasewise', version });
  const register = <N extends AgentToolName>(name: N, run: (input: AgentToolInput<N>) => Promise<ToolResult>): void => {
    const shape = AGENT_TOOL_INPUTS[name];
    const config = { title: AGENT_TOOLS[name].displayName, description: AGENT_TOOLS[name].modelDescription, inputSchema: shape };
    // The SDK infers the callback's input from a literal shape; `shape` is the same one, named by N.
    server.registerTool(name, config, ((input: AgentToolInput<N>) => guarded(() => run(input))) as never);
  };
  register('list_plans', () => tools.listPlans());
  register('read_plan', ({ file }) => tools.readPlan(file));
  register('next_step', ({ file }) => tools.nextStep(file || undefined));
  register('set_status', ({ file, phase, task, line, status, revision }) => tools.setStatus(file, { phase, task, line }, status, revision));
  register('check_plan', ({ file }) => tools.checkPlan(file));
  register('add_section', ({ file, template, title, revision }) => tools.addSection(file, template, title, revision));
  return server;
}

/** `phasewise mcp`: serves until the client closes stdin. */
export async function serveMcp(roots: readonly string[], version: string): Promise<void> {
  const server = planServer(new PlanTools(roots), version);
  const closed = new Promise<void>((resolve) => process.stdin.once('end', resolve).once('close', resolve));
  await server.connect(new StdioServerTransport());
  await closed;
  await server.close();
}
