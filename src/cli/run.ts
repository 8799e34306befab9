/**
 * What the CLI's command handlers share: the command declaration, the context a handler runs
 * in, reading the FILE argument, printing, and writing a change back (or showing it as a diff).
 */
import { createTwoFilesPatch } from 'diff';
import { type Plan, PlanDocument } from '../core';
import type { OptionSpecs, ParsedArgs } from './args';
import { type CliIo, EXIT_OK } from './exit';
import { UsageError, loadTextFile, writeBack } from './files';

export interface CommandSpec {
  name: string;
  /** The arguments after `phasewise NAME`, as the usage line shows them. */
  usage: string;
  /** What the command does, for the list of commands (one or two short lines). */
  summary: string;
  /** The command's own help, between its usage line and its options. */
  details: string;
  options: OptionSpecs;
  run(ctx: Ctx, args: ParsedArgs): Promise<number>;
}

export interface Ctx {
  io: CliIo;
  cwd: string;
  now: Date;
}

/** The one line of a message: its lines joined, at most 1000 characters. */
export function firstLine(s: string): string {
  return s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ')
    .slice(0, 1000);
}

/** The one FILE argument of `command` (whose usage line is `usage`). */
export function requireFileArg(command: string, positionals: string[], usage: string): string {
  if (positionals.length === 0) throw new UsageError(`${command}: missing FILE; usage: ${usage}`);
  if (positionals.length > 1)
    throw new UsageError(`${command}: expected one FILE, got ${positionals.length} arguments (${positionals.slice(1).join(' ')}); usage: ${usage}`);
  return positionals[0];
}

export function out(ctx: Ctx, s: string): void {
  ctx.io.stdout.write(s);
}

export async function load(ctx: Ctx, file: string): Promise<{ file: Awaited<ReturnType<typeof loadTextFile>>; plan: Plan }> {
  const f = await loadTextFile(file, ctx.cwd);
  return { file: f, plan: PlanDocument.parse(f.text).plan };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function unifiedDiff(file: string, before: string, after: string): string {
  return createTwoFilesPatch(file, file, before, after, 'original', 'phasewise', { context: 3 });
}

/** Writes `after` back (or, on a dry run, prints the diff) and reports `summary`. */
export async function finishWrite(
  ctx: Ctx,
  f: Parameters<typeof writeBack>[0],
  file: string,
  after: string,
  summary: string,
  dryRun: boolean,
): Promise<number> {
  if (dryRun) {
    out(ctx, unifiedDiff(file, f.text, after));
    ctx.io.stderr.write(`${summary}; dry run, ${file} not written\n`);
    return EXIT_OK;
  }
  await writeBack(f, after);
  out(ctx, summary + '\n');
  return EXIT_OK;
}
