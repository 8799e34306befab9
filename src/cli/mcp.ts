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
import * as z from 'zod/mini';
import {
  type KnownStatus,
  type Plan,
  type Target,
  type TemplateKind,
  PhasewiseError,
  PlanDocument,
  TEMPLATE_KINDS,
  applyEdits,
  checkPlan,
  findAtLine,
  findByIdentity,
  findPhase,
  findTask,
  insertTemplate,
  nextJson,
  nextWork,
  parseStatusArg,
  phaseName,
  revisionOf,
  setStatus,
  targetIdentity,
  taskName,
  toStatusJson,
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

/** Texts this server has handed out, by revision, so that a stale revision can be checked against what the agent saw. */
class SeenTexts {
  private readonly texts = new Map<string, string>();
  remember(text: string): string {
    const rev = revisionOf(text);
    this.texts.delete(rev);
    this.texts.set(rev, text);
    while (this.texts.size > 64) this.texts.delete(this.texts.keys().next().value!);
    return rev;
  }
  get(rev: string): string | undefined {
    return this.texts.get(rev);
  }
}

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
    const revision = this.seen.remember(f.text);
    const json = { ...toStatusJson(plan, checkPlan(f.text, plan), file), revision };
    const cur = json.currentPhase;
    return ok(
      `${file}: ${plan.kind}, ${json.progress.completed}/${json.progress.total} done${cur ? `, current: ${cur.title}` : ''}; revision ${revision}`,
      json,
    );
  }

  async nextStep(file?: string): Promise<ToolResult> {
    const files = file ? [file] : listPlans(this.roots, process.cwd(), () => undefined).map((l) => l.entry.file);
    for (const name of files) {
      const { plan } = await this.load(name);
      const w = nextWork(plan);
      if (w.phase === undefined && w.task === undefined && files.length > 1) continue;
      const json = { ...nextJson(plan, name) };
      const p = w.phase !== undefined ? plan.phases[w.phase] : undefined;
      const t = w.task !== undefined ? plan.tasks[w.task] : undefined;
      const text =
        p || t ? `${name}: ${p ? phaseName(p) : ''}${t ? `${p ? '; next task ' : ''}${taskName(t)} (line ${t.line + 1})` : ''}` : `${name}: nothing left to do`;
      return ok(text, json);
    }
    return ok('Nothing left to do in any plan under the roots.', { version: 1, file: null, phase: null, task: null });
  }

  async checkPlan(file: string): Promise<ToolResult> {
    const { f, plan } = await this.load(file);
    const diagnostics = checkPlan(f.text, plan).map((d) => ({
      line: d.line + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
      fixes: d.fixes.map((x) => x.title),
    }));
    return ok(
      diagnostics.length ? `${diagnostics.length} problems: ${diagnostics.map((d) => `line ${d.line} ${d.code}`).join(', ')}` : `${file}: no problems`,
      {
        version: 1,
        file,
        diagnostics,
      },
    );
  }

  /** Finds the target in `plan` from the selector the agent gave. */
  private resolve(plan: Plan, sel: Selector): Target {
    const given = (['phase', 'task', 'line'] as const).filter((k) => sel[k] !== undefined);
    if (given.length !== 1) throw new UsageError('give exactly one of phase, task or line');
    if (sel.phase !== undefined) return { kind: 'phase', index: findPhase(plan, String(sel.phase)) };
    if (sel.task !== undefined) return { kind: 'task', index: findTask(plan, sel.task) };
    return findAtLine(plan, Number(sel.line) - 1);
  }

  async setStatus(file: string, sel: Selector, statusArg: string, revision?: string): Promise<ToolResult> {
    const status: KnownStatus = parseStatusArg(statusArg);
    const real = await this.locate(file);
    return withFileLock(real, file, async () => {
      const { f, plan } = await this.load(file);
      let target = this.resolve(plan, sel);
      if (revision && revision !== revisionOf(f.text)) target = this.checkStale(f.text, plan, sel, target, revision, file);
      const el = target.kind === 'phase' ? plan.phases[target.index] : plan.tasks[target.index];
      const label = target.kind === 'phase' ? phaseName(plan.phases[target.index]) : taskName(plan.tasks[target.index]);
      const from = el.status;
      const edits = setStatus(f.text, plan, target, status, { now: this.now() });
      if (!edits.length) {
        const rev = this.seen.remember(f.text);
        const text =
          from === status
            ? `${label} is already ${status}; nothing changed`
            : `${label} is ${from}; this file has no way to write ${status} for it, so nothing changed`;
        return ok(text, { version: 1, file, target: label, from, to: status, changed: false, edits: 0, revision: rev });
      }
      const after = applyEdits(f.text, edits);
      await writeBack(f, after);
      const rev = this.seen.remember(after);
      return ok(`${label}: ${from} -> ${status} (${edits.length} edit${edits.length === 1 ? '' : 's'}); revision ${rev}`, {
        version: 1,
        file,
        target: label,
        from,
        to: status,
        changed: true,
        edits: edits.length,
        revision: rev,
      });
    });
  }

  /** With a stale revision: the target as the agent saw it must be the same element, with the same status text, now. */
  private checkStale(text: string, plan: Plan, sel: Selector, target: Target, revision: string, file: string): Target {
    const old = this.seen.get(revision);
    if (old === undefined)
      throw new UsageError(`${file} changed since revision ${revision} (or that revision was not read from this server); call read_plan again`);
    const oldPlan = PlanDocument.parse(old).plan;
    const was = targetIdentity(old, oldPlan, this.resolve(oldPlan, sel));
    const now = findByIdentity(plan, target.kind, was.key);
    if (!now) throw new UsageError(`${file} changed since revision ${revision}: the ${target.kind} you read is no longer there; call read_plan again`);
    const is = targetIdentity(text, plan, now);
    if (is.status !== was.status || is.statusText !== was.statusText) {
      throw new UsageError(
        `${file} changed since revision ${revision}: its status is now "${is.statusText || is.status}" (was "${was.statusText || was.status}"); call read_plan again`,
      );
    }
    return now;
  }

  async addSection(file: string, template: TemplateKind, title: string | undefined, revision?: string): Promise<ToolResult> {
    const real = await this.locate(file);
    return withFileLock(real, file, async () => {
      const { f, plan } = await this.load(file);
      if (revision && revision !== revisionOf(f.text) && template === 'next-phase') {
        throw new UsageError(`${file} changed since revision ${revision}; call read_plan again before adding a phase`);
      }
      const edits = insertTemplate(f.text, plan, template, { ...(title ? { title } : {}), now: this.now() });
      const after = applyEdits(f.text, edits);
      await writeBack(f, after);
      const rev = this.seen.remember(after);
      return ok(`${file}: added ${template}${title ? ` "${title}"` : ''}; revision ${rev}`, { version: 1, file, template, edits: edits.length, revision: rev });
    });
  }
}

interface Selector {
  phase?: string;
  task?: string;
  line?: number;
}

/** Runs a tool, turning the user's errors into one sentence for the model. */
async function guarded(run: () => Promise<ToolResult>): Promise<ToolResult> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageError || e instanceof PhasewiseError) return fail(e.message);
    return fail(`internal error: ${e instanceof Error ? e.message : String(e)} (a bug in Phasewise; the file was not changed)`);
  }
}

const FILE = z.string().check(z.minLength(1));
const REVISION = z.optional(z.string());
const STATUS_HELP = 'pending, in-progress, completed, failed or blocked';

/** The MCP server with the six plan tools over `tools`. */
export function planServer(tools: PlanTools, version: string): McpServer {
  const server = new McpServer({ name: 'phasewise', version });
  server.registerTool(
    'list_plans',
    { description: 'List the Markdown plans, logs, summaries, trackers and task lists under the workspace, with kind, title, progress and current phase.' },
    () => guarded(() => tools.listPlans()),
  );
  server.registerTool(
    'read_plan',
    {
      description:
        'Read one plan: its phases with statuses and task counts, tasks, current phase and consistency problems, plus a revision. Pass the revision to set_status so a change made meanwhile is noticed.',
      inputSchema: { file: FILE },
    },
    ({ file }) => guarded(() => tools.readPlan(file)),
  );
  server.registerTool(
    'next_step',
    {
      description: 'The phase to work on and its first open task, in one plan or (without file) in the first plan that has work left.',
      inputSchema: { file: z.optional(z.string()) },
    },
    ({ file }) => guarded(() => tools.nextStep(file || undefined)),
  );
  server.registerTool(
    'set_status',
    {
      description: `Change the status of one phase or task in the plan file, the way the file writes statuses (its Status line, heading, checkbox or table cell), keeping the Phase Overview table and Current Phase line in step. Use this instead of editing statuses by hand. Give exactly one of phase (number or ID), task (ID) or line (1-based); status is ${STATUS_HELP}.`,
      inputSchema: {
        file: FILE,
        phase: z.optional(z.string()),
        task: z.optional(z.string()),
        line: z.optional(z.int().check(z.positive())),
        status: z.string(),
        revision: REVISION,
      },
    },
    ({ file, phase, task, line, status, revision }) => guarded(() => tools.setStatus(file, { phase, task, line }, status, revision)),
  );
  server.registerTool(
    'check_plan',
    {
      description: 'Consistency problems in a plan (overview table against phase statuses, Current Phase, duplicates, damaged emoji) with the fixes available.',
      inputSchema: { file: FILE },
    },
    ({ file }) => guarded(() => tools.checkPlan(file)),
  );
  server.registerTool(
    'add_section',
    {
      description: `Insert a section from a template into the plan, where the file keeps such sections: ${TEMPLATE_KINDS.join(', ')}. A next phase also gets its overview row and the Current Phase total.`,
      inputSchema: { file: FILE, template: z.enum(TEMPLATE_KINDS as [TemplateKind, ...TemplateKind[]]), title: z.optional(z.string()), revision: REVISION },
    },
    ({ file, template, title, revision }) => guarded(() => tools.addSection(file, template, title, revision)),
  );
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
