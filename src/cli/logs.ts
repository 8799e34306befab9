/**
 * `phasewise nuggets` and `phasewise guidelines`: the Gold Nuggets of execution logs, and the
 * log's Future Development Guidelines written from them.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { GUIDELINES_START, applyEdits, guidelinesEdit, nuggetEntries } from '../core';
import type { ParsedArgs } from './args';
import { EXIT_OK } from './exit';
import { UsageError } from './files';
import { withFileLock } from './lock';
import { type CommandSpec, type Ctx, finishWrite, load, out, plural, requireFileArg } from './run';

const NUGGETS_USAGE = 'FILE... [--json]';
const GUIDELINES_USAGE = 'LOG [--dry-run]';

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
];
