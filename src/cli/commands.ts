/**
 * The CLI's commands, each declared once: its usage line, summary, help text and options
 * (from which the help and the argument parsing are made), and what it runs.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type * as Mcp from './mcp';
import {
  type KnownStatus,
  type Plan,
  type Target,
  type TextEdit,
  type ListJson,
  JSON_VERSION,
  MAX_PLAN_BYTES,
  SKIPPED_DIRS,
  AGENT_BLOCK_START,
  agentInstructions,
  applyEdits,
  checkPlan,
  findAtLine,
  findPhase,
  findTask,
  hasErrors,
  newDocument,
  nextJson,
  parseStatusArg,
  parseStatusText,
  phaseLabel,
  repairEdits,
  setSectionCacheLimit,
  inexpressibleReason,
  setStatus,
  toStatusJson,
  withAgentInstructions,
} from '../core';
import type { OptionSpecs, ParsedArgs } from './args';
import { EXIT_CHECK_FAILED, EXIT_OK } from './exit';
import { UsageError, createNewFile, loadTextFile, writeBack } from './files';
import { type CommandSpec, type Ctx, finishWrite, firstLine, load, out, plural, requireFileArg } from './run';

export type { CommandSpec, Ctx } from './run';
export { firstLine };
import { formatCheck, formatNext, formatStatus } from './format';
import { checkRoot, formatList, listPlans } from './list';
import { withFileLock } from './lock';
import { LOG_COMMANDS } from './logs';
import { VERSION } from './version';

/** The one FILE argument of a command of this table. */
function requireFile(command: string, positionals: string[]): string {
  return requireFileArg(command, positionals, `phasewise ${command} ${COMMANDS.find((c) => c.name === command)?.usage ?? ''}`.trim());
}

const DOC_KINDS = ['plan', 'log', 'summary', 'tracker'] as const;
type DocKind = (typeof DOC_KINDS)[number];

async function cmdStatus(ctx: Ctx, { values, positionals }: ParsedArgs): Promise<number> {
  const file = requireFile('status', positionals);
  const { file: f, plan } = await load(ctx, file);
  const diags = checkPlan(f.text, plan);
  if (values.json) {
    // Typed by the schema (StatusJsonSchema); the tests hold the output to it, so no command
    // pays for checking its own output at run time.
    out(ctx, JSON.stringify(toStatusJson(plan, diags, file), null, 2) + '\n');
  } else {
    out(ctx, formatStatus(plan, diags, file));
  }
  return EXIT_OK;
}

async function cmdList(ctx: Ctx, { values, positionals }: ParsedArgs): Promise<number> {
  const roots = positionals.length ? positionals : ['.'];
  // One command, each file parsed once: no section is worth keeping for a later parse (the
  // MCP server, which lists and reads again, keeps its cache).
  const limit = setSectionCacheLimit(0);
  let listed;
  try {
    listed = listPlans(roots, ctx.cwd, (note) => ctx.io.stderr.write(`phasewise: ${firstLine(note)}\n`));
  } finally {
    setSectionCacheLimit(limit);
  }
  if (values.json) {
    const json: ListJson = { version: JSON_VERSION, files: listed.map((l) => l.entry) }; // see cmdStatus
    out(ctx, JSON.stringify(json, null, 2) + '\n');
  } else {
    out(ctx, formatList(listed, roots));
  }
  return EXIT_OK;
}

async function cmdCheck(ctx: Ctx, { values, positionals }: ParsedArgs): Promise<number> {
  const file = requireFile('check', positionals);
  const { file: f, plan } = await load(ctx, file);
  const diags = checkPlan(f.text, plan);
  if (values.json) {
    const json = {
      version: 1,
      file,
      diagnostics: diags.map((d) => ({ line: d.line + 1, severity: d.severity, code: d.code, message: d.message, fixes: d.fixes.map((x) => x.title) })),
    };
    out(ctx, JSON.stringify(json, null, 2) + '\n');
  } else {
    out(ctx, formatCheck(diags, file));
  }
  return hasErrors(diags) ? EXIT_CHECK_FAILED : EXIT_OK;
}

async function cmdNext(ctx: Ctx, { values, positionals }: ParsedArgs): Promise<number> {
  const file = requireFile('next', positionals);
  const { plan } = await load(ctx, file);
  out(ctx, values.json ? JSON.stringify(nextJson(plan, file), null, 2) + '\n' : formatNext(plan));
  return EXIT_OK;
}

function parseLineArg(value: string, plan: Plan, file: string): number {
  if (!/^\s*\d+\s*$/.test(value)) throw new UsageError(`--line expects a line number (1-based), got "${value}"`);
  const n = Number(value);
  if (n < 1) throw new UsageError(`--line is 1-based; got ${n}`);
  if (n > plan.lineCount) throw new UsageError(`line ${n} is past the end of ${file} (${plan.lineCount} lines)`);
  return n;
}

function targetLabel(plan: Plan, target: Target): string {
  if (target.kind === 'phase') return phaseLabel(plan.phases[target.index]);
  const t = plan.tasks[target.index];
  return t.id ? `Task ${t.id}` : `Task at line ${t.line + 1} ("${t.title.length > 50 ? t.title.slice(0, 47) + '...' : t.title}")`;
}

/** The current status as the file writes it: `In Progress`, `[ ]`, `✅`, or the canonical word. */
function currentStatusText(text: string, plan: Plan, target: Target): string {
  const el = target.kind === 'phase' ? plan.phases[target.index] : plan.tasks[target.index];
  const mark = el.mark;
  if (!mark) return el.status;
  const phrase = text.slice(mark.phraseRange.start, mark.phraseRange.end);
  if (mark.source === 'checkbox') return `[${phrase}]`;
  // `In Progress 🔄` -> `In Progress`; an emoji-only mark stays as written.
  return parseStatusText(phrase).word.trim() || phrase.trim() || el.status;
}

async function cmdSet(ctx: Ctx, { values, positionals }: ParsedArgs): Promise<number> {
  const file = requireFile('set', positionals);
  const selectors = (['phase', 'task', 'line'] as const).filter((k) => values[k] !== undefined);
  if (selectors.length !== 1) {
    throw new UsageError(
      selectors.length
        ? `set: give exactly one of --phase, --task, --line (got ${selectors.map((s) => `--${s}`).join(' and ')})`
        : 'set: missing selector; give one of --phase N, --task ID or --line L',
    );
  }
  // Validate the status before touching the file, so a typo fails fast.
  const statusArg = values.status as string | undefined;
  const status: KnownStatus | undefined = statusArg !== undefined ? parseStatusArg(statusArg) : undefined;
  if (status === undefined && selectors[0] === 'phase') throw new UsageError('set: missing --status S (pending, in-progress, completed, failed, blocked)');
  // One writer at a time per file (as the MCP tools): read, change and write under its lock. A
  // dry run writes nothing and takes none; a path that does not resolve gets load's message.
  const real = values['dry-run'] ? undefined : await fs.realpath(path.resolve(ctx.cwd, file)).catch(() => undefined);
  const change = (): Promise<number> => setUnlocked(ctx, file, values, selectors[0], status);
  return real ? withFileLock(real, file, change) : change();
}

async function setUnlocked(
  ctx: Ctx,
  file: string,
  values: ParsedArgs['values'],
  selector: 'phase' | 'task' | 'line',
  given: KnownStatus | undefined,
): Promise<number> {
  let status = given;
  const { file: f, plan } = await load(ctx, file);
  let target: Target;
  switch (selector) {
    case 'phase':
      target = { kind: 'phase', index: findPhase(plan, values.phase as string) };
      break;
    case 'task':
      target = { kind: 'task', index: findTask(plan, values.task as string) };
      break;
    default:
      target = findAtLine(plan, parseLineArg(values.line as string, plan, file) - 1);
  }
  if (status === undefined) {
    if (target.kind === 'phase') throw new UsageError(`set: line ${values.line} is a phase heading; give --status S`);
    status = plan.tasks[target.index].status === 'completed' ? 'pending' : 'completed';
  }
  const label = targetLabel(plan, target);
  const from = currentStatusText(f.text, plan, target);
  const edits: TextEdit[] = setStatus(f.text, plan, target, status, { now: ctx.now });
  if (edits.length === 0) {
    const now = target.kind === 'phase' ? plan.phases[target.index].status : plan.tasks[target.index].status;
    if (now === status) out(ctx, `${label} is already ${status} ("${from}"); nothing to change.\n`);
    // A box the file never writes (`[-]` where it has only `[ ]` and `[x]`), or a checkbox-driven
    // phase with no such box: the file has no way to say it.
    else
      out(ctx, `${label} is ${now}; this file has no way to write ${status} for it (${inexpressibleReason(plan, target, status)}), so nothing was changed.\n`);
    return EXIT_OK;
  }
  const after = applyEdits(f.text, edits);
  const summary = `${label}: ${from} -> ${status} (${plural(edits.length, 'edit')})`;
  return finishWrite(ctx, f, file, after, summary, !!values['dry-run']);
}

async function cmdRepair(ctx: Ctx, { values, positionals }: ParsedArgs): Promise<number> {
  const file = requireFile('repair', positionals);
  const f = await loadTextFile(file, ctx.cwd);
  const edits = repairEdits(f.text);
  if (!edits.length) {
    out(ctx, `${file}: no damaged characters found; nothing to repair.\n`);
    return EXIT_OK;
  }
  const after = applyEdits(f.text, edits);
  const summary = `${file}: ${plural(edits.length, 'repair')} (${[...new Set(edits.map((e) => `"${e.expected}" -> "${e.text}"`))].slice(0, 5).join(', ')}${new Set(edits.map((e) => e.expected)).size > 5 ? ', ...' : ''})`;
  return finishWrite(ctx, f, file, after, summary, !!values['dry-run']);
}

async function cmdAgents(ctx: Ctx, { values, positionals }: ParsedArgs): Promise<number> {
  if (positionals.length) throw new UsageError(`agents: unexpected argument ${positionals[0]}; use --write FILE`);
  const target = values.write as string | undefined;
  if (target === undefined) {
    out(ctx, agentInstructions());
    return EXIT_OK;
  }
  const abs = path.resolve(ctx.cwd, target);
  const real = await fs.realpath(abs).catch(() => undefined);
  if (!real) {
    await createNewFile(target, ctx.cwd, agentInstructions());
    out(ctx, `Wrote the agent instructions to ${target}\n`);
    return EXIT_OK;
  }
  return withFileLock(real, target, async () => {
    const f = await loadTextFile(target, ctx.cwd);
    const after = withAgentInstructions(f.text);
    if (after === f.text) {
      out(ctx, `${target} already has the current agent instructions; nothing changed\n`);
      return EXIT_OK;
    }
    await writeBack(f, after);
    out(ctx, `${f.text.includes(AGENT_BLOCK_START) ? 'Replaced' : 'Added'} the agent instructions in ${target}\n`);
    return EXIT_OK;
  });
}

async function cmdMcp(ctx: Ctx, { values, positionals }: ParsedArgs): Promise<number> {
  if (positionals.length) throw new UsageError(`mcp: unexpected argument ${positionals[0]}; give folders with --root DIR`);
  const given = (values.root as string[] | undefined) ?? ['.'];
  const roots = given.map((r) => checkRoot(r, ctx.cwd));
  // dist/mcp.js, bundled apart (scripts/build.mjs): the SDK is not loaded by the other commands.
  const load = require as (id: string) => typeof Mcp;
  const { serveMcp } = load(path.join(__dirname, 'mcp.js'));
  await serveMcp(roots, VERSION);
  return EXIT_OK;
}

async function cmdNew(ctx: Ctx, { values, positionals }: ParsedArgs): Promise<number> {
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length ? `new: expected one kind, got ${positionals.length} arguments` : `new: missing kind (${DOC_KINDS.join(', ')})`);
  }
  const kind = positionals[0].toLowerCase();
  if (!(DOC_KINDS as readonly string[]).includes(kind)) throw new UsageError(`new: unknown kind "${positionals[0]}"; allowed: ${DOC_KINDS.join(', ')}`);
  const title = values.title as string | undefined;
  const text = newDocument(kind as DocKind, { ...(title !== undefined ? { title } : {}), now: ctx.now });
  const output = values.output as string | undefined;
  if (output === undefined) {
    out(ctx, text);
    return EXIT_OK;
  }
  await createNewFile(output, ctx.cwd, text);
  out(ctx, `Wrote a new ${kind} to ${output}\n`);
  return EXIT_OK;
}

const JSON_OPTION = (what: string): OptionSpecs => ({ json: { type: 'boolean', help: what } });
const DRY_RUN: OptionSpecs = { 'dry-run': { type: 'boolean', help: 'print a unified diff and do not write the file' } };

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'status',
    usage: 'FILE [--json]',
    summary: 'Title, kind, current phase, progress, phases with their task counts,\nthe tasks of the current phase and the number of diagnostics.',
    details: `Shows the document's title, kind, current phase, progress (3/6 phases (50%)), one line
per phase (status, number or ID, title, done/total tasks, line), the tasks of the current
phase and the number of diagnostics.`,
    options: JSON_OPTION('print the versioned status JSON (version 1) instead'),
    run: cmdStatus,
  },
  {
    name: 'list',
    usage: '[DIR...] [--json]',
    summary: 'The plans, logs, summaries, trackers and task lists under folders.',
    details: `Prints one line per plan, log, summary, tracker or task list found in the Markdown (.md)
files under each DIR (default: the current folder): path, kind, progress (done/total
phases, or tasks when there are no phases), title and current phase, sorted by path.
Folders named ${SKIPPED_DIRS.join(', ')} are skipped inside a DIR (a DIR given by
name is read). Symbolic links to folders are not followed, nor links to files outside DIR.
Files over ${MAX_PLAN_BYTES / 1048576} MB or unreadable are skipped with a note on stderr.`,
    options: JSON_OPTION(
      'print {version, files: [{root, file, kind, title, currentPhase, progress}]};\nfile is relative to its DIR (root), with forward slashes',
    ),
    run: cmdList,
  },
  {
    name: 'check',
    usage: 'FILE [--json]',
    summary: 'Consistency problems (overview table vs. phase status, Current Phase,\nduplicates, damaged emoji...) with the fixes available for each.',
    details: `Prints one line per problem, FILE:LINE: severity code: message, followed by the titles of
the available fixes. Exits with 1 when a problem of severity "error" is found, else 0.`,
    options: JSON_OPTION('print {version, file, diagnostics: [{line, severity, code, message, fixes}]}'),
    run: cmdCheck,
  },
  {
    name: 'next',
    usage: 'FILE [--json]',
    summary: 'The phase to work on and the first open task in it.',
    details: `Prints the phase to work on (in progress, else named by Current Phase, else the first open
one) and its first open task (an in-progress one first).`,
    options: JSON_OPTION('print {version, file, phase: {...} | null, task: {...} | null}'),
    run: cmdNext,
  },
  {
    name: 'set',
    usage: 'FILE (--phase N | --task ID | --line L) [--status S] [--dry-run]',
    summary: "Change the status of a phase or task, in the file's own vocabulary.",
    details: `Changes the status of one phase or task with minimal edits, written the way the file
already writes statuses (the phase's Status field, its overview table row, Current Phase,
a Completed: timestamp). The file keeps its encoding, BOM and line endings.`,
    options: {
      phase: { type: 'string', arg: 'N', help: 'phase number or ID (3, "Phase 3", PH-NEXT-002)', group: 'Selectors (exactly one)' },
      task: { type: 'string', arg: 'ID', help: 'task ID (SEC-002, T012)', group: 'Selectors (exactly one)' },
      line: { type: 'string', arg: 'L', help: '1-based line of a phase heading or task', group: 'Selectors (exactly one)' },
      status: {
        type: 'string',
        arg: 'S',
        help: 'pending, in-progress, completed, failed or blocked; may be omitted for a\ntask, which is then toggled (completed <-> pending)',
      },
      ...DRY_RUN,
    },
    run: cmdSet,
  },
  {
    name: 'repair',
    usage: 'FILE [--dry-run]',
    summary: 'Repair emoji damaged by a wrong encoding (e.g. "‚úÖ" -> "✅").',
    details: 'Repairs emoji and symbols damaged by a wrong encoding ("‚úÖ", "âœ…" -> "✅").',
    options: DRY_RUN,
    run: cmdRepair,
  },
  {
    name: 'agents',
    usage: '[--write FILE]',
    summary: 'Print (or write into AGENTS.md) instructions for coding agents.',
    details: `Prints a short instructions block for coding agents: how to read the plans and keep them
true through the Phasewise tools. With --write FILE, puts it into FILE (created if missing)
between marker comments; a second run replaces the block instead of adding another.`,
    options: { write: { type: 'string', arg: 'FILE', help: 'write the block into FILE (e.g. AGENTS.md) instead of printing it' } },
    run: cmdAgents,
  },
  {
    name: 'mcp',
    usage: '[--root DIR]...',
    summary: 'Serve the plan tools to coding agents (Model Context Protocol, stdio).',
    details: `Runs an MCP server on stdin/stdout with the tools list_plans, read_plan, next_step,
set_status, check_plan and add_section. Files are read and written only inside the roots
(default: the current folder); status changes are the same guarded edits as \`set\`, one writer
at a time per file (a lock file next to it), so agents working at once lose no edit.`,
    options: { root: { type: 'string', arg: 'DIR', multiple: true, help: 'a folder the tools may read and write (repeatable)' } },
    run: cmdMcp,
  },
  {
    name: 'new',
    usage: 'plan|log|summary|tracker [--title T] [--output FILE]',
    summary: 'Print (or write) a new plan, log, summary or tracker document.',
    details: `Prints a new document of the given kind, or writes it to FILE (an existing file is never
overwritten).`,
    options: {
      title: { type: 'string', arg: 'T', help: 'the document title' },
      output: { type: 'string', short: 'o', arg: 'FILE', help: 'write the document to FILE instead of printing it' },
    },
    run: cmdNew,
  },
  ...LOG_COMMANDS,
];
