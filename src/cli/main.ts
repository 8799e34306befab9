/**
 * `phasewise`: the command-line interface to Markdown execution plans.
 *
 * Exit codes: 0 ok, 1 `check` found errors, 2 usage or input error.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import pkg from '../../package.json';
import {
  type KnownStatus,
  type Plan,
  type Target,
  type TextEdit,
  PhasewiseError,
  PlanDocument,
  StatusJsonSchema,
  applyEdits,
  checkPlan,
  findAtLine,
  findPhase,
  findTask,
  hasErrors,
  parseStatusText,
  parseStatusArg,
  phaseLabel,
  repairEdits,
  setStatus,
  toStatusJson,
} from '../core';
import { newDocument } from '../core';
import { ListJsonSchema, MAX_PLAN_BYTES, SKIPPED_DIRS } from '../core';
import { UsageError, createNewFile, loadTextFile, writeBack } from './files';
import { formatCheck, formatNext, formatStatus, nextJson } from './format';
import { formatList, listPlans } from './list';

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Directory that relative paths are resolved against; defaults to `process.cwd()`. */
  cwd?: string;
  /** Environment (for `PHASEWISE_DEBUG`); defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** The time written into `Completed:` fields and new documents; defaults to now. */
  now?: Date;
}

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USAGE = 2;

const VERSION: string = pkg.version;

const DOC_KINDS = ['plan', 'log', 'summary', 'tracker'] as const;
type DocKind = (typeof DOC_KINDS)[number];

// ---------------------------------------------------------------------------------------------
// Help

const HELP = `phasewise ${VERSION}: work through Markdown execution plans from the command line.

Usage:
  phasewise status FILE [--json]
  phasewise list [DIR...] [--json]
  phasewise check FILE [--json]
  phasewise next FILE [--json]
  phasewise set FILE (--phase N | --task ID | --line L) [--status S] [--dry-run]
  phasewise repair FILE [--dry-run]
  phasewise new plan|log|summary|tracker [--title T] [--output FILE]
  phasewise help [COMMAND]
  phasewise --version

Commands:
  status   Title, kind, current phase, progress, phases with their task counts,
           the tasks of the current phase and the number of diagnostics.
  list     The plans, logs, summaries, trackers and task lists under folders.
  check    Consistency problems (overview table vs. phase status, Current Phase,
           duplicates, damaged emoji...) with the fixes available for each.
  next     The phase to work on and the first open task in it.
  set      Change the status of a phase or task, in the file's own vocabulary.
  repair   Repair emoji damaged by a wrong encoding (e.g. "‚úÖ" -> "✅").
  new      Print (or write) a new plan, log, summary or tracker document.

Statuses: pending, in-progress, completed, failed, blocked
  (also accepted: done, complete, todo, wip, not-started, started...)

Exit codes:
  0  success
  1  check found at least one error
  2  usage or input error (bad arguments, unreadable or binary file, missing
     folder, unknown phase or task, invalid status); the file is left untouched

Set PHASEWISE_DEBUG=1 to print stack traces of unexpected errors.
`;

const COMMAND_HELP: Record<string, string> = {
  status: `Usage: phasewise status FILE [--json]

Shows the document's title, kind, current phase, progress (3/6 phases (50%)), one line
per phase (status, number or ID, title, done/total tasks, line), the tasks of the current
phase and the number of diagnostics.

Options:
  --json   print the versioned status JSON (version 1) instead
`,
  list: `Usage: phasewise list [DIR...] [--json]

Prints one line per plan, log, summary, tracker or task list found in the Markdown (.md)
files under each DIR (default: the current folder): path, kind, progress (done/total
phases, or tasks when there are no phases), title and current phase, sorted by path.
Folders named ${SKIPPED_DIRS.join(', ')} are skipped inside a DIR (a DIR given by
name is read). Symbolic links to folders are not followed, nor links to files outside DIR.
Files over ${MAX_PLAN_BYTES / 1048576} MB or unreadable are skipped with a note on stderr.

Options:
  --json   print {version, files: [{root, file, kind, title, currentPhase, progress}]};
           file is relative to its DIR (root), with forward slashes
`,
  check: `Usage: phasewise check FILE [--json]

Prints one line per problem, FILE:LINE: severity code: message, followed by the titles of
the available fixes. Exits with 1 when a problem of severity "error" is found, else 0.

Options:
  --json   print {version, file, diagnostics: [{line, severity, code, message, fixes}]}
`,
  next: `Usage: phasewise next FILE [--json]

Prints the phase to work on (in progress, else named by Current Phase, else the first open
one) and its first open task (an in-progress one first).

Options:
  --json   print {version, file, phase: {...} | null, task: {...} | null}
`,
  set: `Usage: phasewise set FILE (--phase N | --task ID | --line L) [--status S] [--dry-run]

Changes the status of one phase or task with minimal edits, written the way the file
already writes statuses (the phase's Status field, its overview table row, Current Phase,
a Completed: timestamp). The file keeps its encoding, BOM and line endings.

Selectors (exactly one):
  --phase N     phase number or ID (3, "Phase 3", PH-NEXT-002)
  --task ID     task ID (SEC-002, T012)
  --line L      1-based line of a phase heading or task

Options:
  --status S    pending, in-progress, completed, failed or blocked; may be omitted for a
                task, which is then toggled (completed <-> pending)
  --dry-run     print a unified diff and do not write the file
`,
  repair: `Usage: phasewise repair FILE [--dry-run]

Repairs emoji and symbols damaged by a wrong encoding ("‚úÖ", "âœ…" -> "✅").

Options:
  --dry-run     print a unified diff and do not write the file
`,
  new: `Usage: phasewise new plan|log|summary|tracker [--title T] [--output FILE]

Prints a new document of the given kind, or writes it to FILE (an existing file is never
overwritten).

Options:
  --title T         the document title
  -o, --output FILE write the document to FILE instead of printing it
`,
  help: `Usage: phasewise help [COMMAND]
`,
};

// ---------------------------------------------------------------------------------------------
// Argument parsing

type Options = NonNullable<ParseArgsConfig['options']>;

const HELP_OPTION: Options = { help: { type: 'boolean', short: 'h' } };

interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

function parseCommandArgs(command: string, args: string[], options: Options): Parsed {
  let result;
  try {
    result = parseArgs({ args, options: { ...options, ...HELP_OPTION }, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    throw new UsageError(argErrorMessage(command, e));
  }
  const seen = new Set<string>();
  for (const t of result.tokens ?? []) {
    if (t.kind !== 'option') continue;
    if (seen.has(t.name)) throw new UsageError(`option --${t.name} was given more than once`);
    seen.add(t.name);
  }
  return { values: result.values as Parsed['values'], positionals: result.positionals };
}

function argErrorMessage(command: string, e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: string }).code : '';
  const msg = e instanceof Error ? e.message : String(e);
  const hint = `; see: phasewise help ${command}`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const m = /Unknown option '([^']+)'/.exec(msg);
    return `unknown option ${m ? m[1] : ''} for "${command}"${hint}`.replace(/ {2,}/g, ' ');
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const missing = /Option '(-[^' ]+)(?:, (--[^' ]+))?[^']*' argument missing/.exec(msg);
    if (missing) return `option ${missing[2] ?? missing[1]} needs a value${hint}`;
    const ambiguous = /Option '(-[^' ]+)(?:, (--[^' ]+))?[^']*' argument is ambiguous/.exec(msg);
    if (ambiguous) return `option ${ambiguous[2] ?? ambiguous[1]} needs a value (got something that looks like an option; use --opt=VALUE)${hint}`;
    const noValue = /Option '(-[^' ]+)(?:, (--[^' ]+))?[^']*' does not take an argument/.exec(msg);
    if (noValue) return `option ${noValue[2] ?? noValue[1]} does not take a value${hint}`;
  }
  return firstLine(msg) + hint;
}

function firstLine(s: string): string {
  return s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).join(' ').slice(0, 1000);
}

function requireFile(command: string, positionals: string[]): string {
  if (positionals.length === 0) throw new UsageError(`${command}: missing FILE; usage: ${usageLine(command)}`);
  if (positionals.length > 1) throw new UsageError(`${command}: expected one FILE, got ${positionals.length} arguments (${positionals.slice(1).join(' ')}); usage: ${usageLine(command)}`);
  return positionals[0];
}

function usageLine(command: string): string {
  return (COMMAND_HELP[command] ?? '').split('\n')[0].replace(/^Usage: /, '');
}

// ---------------------------------------------------------------------------------------------
// Commands

interface Ctx {
  io: CliIo;
  cwd: string;
  now: Date;
}

function out(ctx: Ctx, s: string): void {
  ctx.io.stdout.write(s);
}

async function load(ctx: Ctx, file: string): Promise<{ file: Awaited<ReturnType<typeof loadTextFile>>; plan: Plan }> {
  const f = await loadTextFile(file, ctx.cwd);
  return { file: f, plan: PlanDocument.parse(f.text).plan };
}

async function cmdStatus(ctx: Ctx, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('status', args, { json: { type: 'boolean' } });
  if (values.help) return help(ctx, 'status');
  const file = requireFile('status', positionals);
  const { file: f, plan } = await load(ctx, file);
  const diags = checkPlan(f.text, plan);
  if (values.json) {
    const json = StatusJsonSchema.parse(toStatusJson(plan, diags, file));
    out(ctx, JSON.stringify(json, null, 2) + '\n');
  } else {
    out(ctx, formatStatus(plan, diags, file));
  }
  return EXIT_OK;
}

async function cmdList(ctx: Ctx, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('list', args, { json: { type: 'boolean' } });
  if (values.help) return help(ctx, 'list');
  const roots = positionals.length ? positionals : ['.'];
  const listed = listPlans(roots, ctx.cwd, (note) => ctx.io.stderr.write(`phasewise: ${firstLine(note)}\n`));
  if (values.json) {
    const json = ListJsonSchema.parse({ version: 1, files: listed.map((l) => l.entry) });
    out(ctx, JSON.stringify(json, null, 2) + '\n');
  } else {
    out(ctx, formatList(listed, roots));
  }
  return EXIT_OK;
}

async function cmdCheck(ctx: Ctx, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, { json: { type: 'boolean' } });
  if (values.help) return help(ctx, 'check');
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

async function cmdNext(ctx: Ctx, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('next', args, { json: { type: 'boolean' } });
  if (values.help) return help(ctx, 'next');
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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function unifiedDiff(file: string, before: string, after: string): string {
  return createTwoFilesPatch(file, file, before, after, 'original', 'phasewise', { context: 3 });
}

async function cmdSet(ctx: Ctx, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('set', args, {
    phase: { type: 'string' },
    task: { type: 'string' },
    line: { type: 'string' },
    status: { type: 'string' },
    'dry-run': { type: 'boolean' },
  });
  if (values.help) return help(ctx, 'set');
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
  let status: KnownStatus | undefined = statusArg !== undefined ? parseStatusArg(statusArg) : undefined;
  if (status === undefined && selectors[0] === 'phase') throw new UsageError('set: missing --status S (pending, in-progress, completed, failed, blocked)');

  const { file: f, plan } = await load(ctx, file);
  let target: Target;
  switch (selectors[0]) {
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
    // A checkbox-driven phase with no in-progress box: the file has no way to say "started".
    else out(ctx, `${label} is ${now}; this file has no way to write ${status} for it (its status follows its checkboxes), so nothing was changed.\n`);
    return EXIT_OK;
  }
  const after = applyEdits(f.text, edits);
  const summary = `${label}: ${from} -> ${status} (${plural(edits.length, 'edit')})`;
  return finishWrite(ctx, f, file, after, summary, !!values['dry-run']);
}

/** Writes `after` back (or, on a dry run, prints the diff) and reports `summary`. */
async function finishWrite(ctx: Ctx, f: Parameters<typeof writeBack>[0], file: string, after: string, summary: string, dryRun: boolean): Promise<number> {
  if (dryRun) {
    out(ctx, unifiedDiff(file, f.text, after));
    ctx.io.stderr.write(`${summary}; dry run, ${file} not written\n`);
    return EXIT_OK;
  }
  await writeBack(f, after);
  out(ctx, summary + '\n');
  return EXIT_OK;
}

async function cmdRepair(ctx: Ctx, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('repair', args, { 'dry-run': { type: 'boolean' } });
  if (values.help) return help(ctx, 'repair');
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

async function cmdNew(ctx: Ctx, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('new', args, {
    title: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  if (values.help) return help(ctx, 'new');
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

function help(ctx: Ctx, command?: string): number {
  if (command === undefined) {
    out(ctx, HELP);
    return EXIT_OK;
  }
  const text = COMMAND_HELP[command];
  if (!text) throw new UsageError(`unknown command "${command}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
  out(ctx, text);
  return EXIT_OK;
}

const COMMANDS: Record<string, (ctx: Ctx, args: string[]) => Promise<number>> = {
  status: cmdStatus,
  list: cmdList,
  check: cmdCheck,
  next: cmdNext,
  set: cmdSet,
  repair: cmdRepair,
  new: cmdNew,
  help: async (ctx, args) => {
    if (args.length > 1) throw new UsageError('help: expected at most one COMMAND');
    return help(ctx, args[0]);
  },
};

// ---------------------------------------------------------------------------------------------
// Entry

export async function main(argv: string[], io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  const ctx: Ctx = { io, cwd: io.cwd ?? process.cwd(), now: io.now ?? new Date() };
  try {
    const [first, ...rest] = argv;
    if (first === undefined) throw new UsageError(`missing command (${Object.keys(COMMANDS).join(', ')}); see: phasewise --help`);
    if (first === '--help' || first === '-h') return help(ctx);
    if (first === '--version' || first === '-V' || first === '-v') {
      if (rest.length) throw new UsageError(`${first} takes no arguments`);
      out(ctx, `${VERSION}\n`);
      return EXIT_OK;
    }
    if (first.startsWith('-')) throw new UsageError(`unknown option ${first}; expected a command first (see: phasewise --help)`);
    const cmd = COMMANDS[first];
    if (!cmd) throw new UsageError(`unknown command "${first}"; commands: ${Object.keys(COMMANDS).join(', ')} (see: phasewise --help)`);
    return await cmd(ctx, rest);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(`phasewise: ${firstLine(message)}\n`);
    if (!(e instanceof UsageError) && !(e instanceof PhasewiseError) && env.PHASEWISE_DEBUG === '1' && e instanceof Error && e.stack) {
      io.stderr.write(e.stack + '\n');
    }
    return EXIT_USAGE;
  }
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code;
  });
}
