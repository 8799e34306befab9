/**
 * The companion documents: `phasewise nuggets` and `phasewise guidelines` (the Gold Nuggets of
 * execution logs, and the log's Future Development Guidelines written from them), and
 * `phasewise summary` (a session summary from plans and logs).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { GUIDELINES_START, applyEdits, guidelinesEdit, nuggetEntries, sessionSummary, type SummaryDocument } from '../core';
import type { ParsedArgs } from './args';
import { EXIT_OK } from './exit';
import { UsageError } from './files';
import { withFileLock } from './lock';
import { type CommandSpec, type Ctx, finishWrite, load, out, plural, requireFileArg } from './run';

const NUGGETS_USAGE = 'FILE... [--json]';
const GUIDELINES_USAGE = 'LOG [--dry-run]';
const SUMMARY_USAGE = 'FILE... [--title TEXT] [--output FILE]';

async function cmdNuggets(ctx: Ctx, { values, positionals }: ParsedArgs): Promise<number> {
  if (!positionals.length) throw new UsageError(`nuggets: missing FILE; usage: phasewise nuggets ${NUGGETS_USAGE}`);
  const all: Array<{ file: string; line: number; domain: string; problem: string | null; text: string }> = [];
  for (const file of positionals) {
    const { file: f, plan } = await load(ctx, file);
    for (const n of nuggetEntries(f.text, plan)) all.push({ file, line: n.line + 1, domain: n.domain, problem: n.problem ?? null, text: n.text });
  }
  if (values.json) {
    out(ctx, JSON.stringify({ version: 1, nuggets: all }, null, 2) + '\n');
    return EXIT_OK;
  }
  if (!all.length) {
    out(ctx, `No Gold Nuggets in ${positionals.join(', ')}.\n`);
    return EXIT_OK;
  }
  for (const n of all) out(ctx, `${n.file}:${n.line}  [${n.domain}]  ${n.text}${n.problem ? `  (from: ${n.problem})` : ''}\n`);
  return EXIT_OK;
}

async function cmdGuidelines(ctx: Ctx, { values, positionals }: ParsedArgs): Promise<number> {
  const file = requireFileArg('guidelines', positionals, `phasewise guidelines ${GUIDELINES_USAGE}`);
  const real = await fs.realpath(path.resolve(ctx.cwd, file)).catch(() => path.resolve(ctx.cwd, file));
  return withFileLock(real, file, async () => {
    const { file: f, plan } = await load(ctx, file);
    const count = nuggetEntries(f.text, plan).length;
    if (!count) throw new UsageError(`${file} has no Gold Nuggets to collect (a log writes them as **Gold Nugget:** fields)`);
    const edits = guidelinesEdit(f.text, plan);
    if (!edits.length) {
      out(ctx, `${file}: the guidelines already hold its ${plural(count, 'Gold Nugget')}; nothing changed\n`);
      return EXIT_OK;
    }
    const verb = f.text.includes(GUIDELINES_START) ? 'Replaced' : 'Wrote';
    return finishWrite(
      ctx,
      f,
      file,
      applyEdits(f.text, edits),
      `${file}: ${verb} the Future Development Guidelines from ${plural(count, 'Gold Nugget')}`,
      !!values['dry-run'],
    );
  });
}

async function cmdSummary(ctx: Ctx, { values, positionals }: ParsedArgs): Promise<number> {
  if (!positionals.length) throw new UsageError(`summary: missing FILE; usage: phasewise summary ${SUMMARY_USAGE}`);
  const docs: SummaryDocument[] = [];
  let eol: '\n' | '\r\n' = '\n';
  for (const file of positionals) {
    const { plan } = await load(ctx, file);
    if (!docs.length) eol = plan.eol;
    docs.push({ file, plan });
  }
  const title = typeof values.title === 'string' ? values.title : undefined;
  const text = sessionSummary(docs, { now: ctx.now, title, eol });
  const output = typeof values.output === 'string' ? values.output : undefined;
  if (!output) {
    out(ctx, text);
    return EXIT_OK;
  }
  const target = path.resolve(ctx.cwd, output);
  try {
    await fs.writeFile(target, text, { flag: 'wx' }); // never over an existing file
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${output} already exists; name a new file`);
    throw new UsageError(`${output}: ${(e as Error).message}`);
  }
  out(ctx, `Wrote the session summary to ${output}\n`);
  return EXIT_OK;
}

export const LOG_COMMANDS: readonly CommandSpec[] = [
  {
    name: 'nuggets',
    usage: NUGGETS_USAGE,
    summary: 'The Gold Nuggets of execution logs, with their problem and domain.',
    details: `Lists every Gold Nugget of the logs: file and line, the domain its fixes are grouped under,
its text without the label, and the problem of its fix block. Examples in fenced code are not
nuggets.`,
    options: { json: { type: 'boolean', help: 'print the versioned JSON (version 1) instead' } },
    run: cmdNuggets,
  },
  {
    name: 'guidelines',
    usage: GUIDELINES_USAGE,
    summary: "Write a log's Future Development Guidelines from its Gold Nuggets.",
    details: `Collects the log's Gold Nuggets, grouped by domain, into its Future Development Guidelines
section (added at the end when the log has none), between marker comments: a second run
replaces that block, and nothing outside it changes.`,
    options: { 'dry-run': { type: 'boolean', help: 'print a unified diff and do not write the file' } },
    run: cmdGuidelines,
  },
  {
    name: 'summary',
    usage: SUMMARY_USAGE,
    summary: 'A session summary from plans and logs: completed, planned against actual, in progress, next.',
    details: `Builds a session summary from the files alone: the phases they show completed (with their
Actual Duration where written), estimates against actual time, what is in progress, what is
next (as \`next\` says), and the fixes and Gold Nuggets of the logs given. The editor's New
Session Summary does the same from the status history, for a window of time, with measured
durations. Printed, or written to a new file with --output (an existing file is never replaced).`,
    options: {
      title: { type: 'string', help: "the summary's title (default: the first plan's title)" },
      output: { type: 'string', help: 'write to this new file instead of printing' },
    },
    run: cmdSummary,
  },
];
