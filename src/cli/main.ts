/**
 * `phasewise`: the command-line interface to Markdown execution plans.
 *
 * Exit codes: 0 ok, 1 `check` found errors (or an internal error, which asks to be reported),
 * 2 usage or input error.
 */
import { REPORT_URL, VERSION } from './version';
import { PhasewiseError } from '../core';
import { parseCommandArgs } from './args';
import { COMMANDS, type Ctx, firstLine } from './commands';
import { type CliIo, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from './exit';
import { UsageError } from './files';
import { commandHelp, mainHelp } from './help';

export { EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from './exit';

const names = (): string => [...COMMANDS.map((c) => c.name), 'help'].join(', ');

function help(ctx: Ctx, command?: string): number {
  if (command === undefined) {
    ctx.io.stdout.write(mainHelp(VERSION, COMMANDS));
    return EXIT_OK;
  }
  if (command === 'help') {
    ctx.io.stdout.write('Usage: phasewise help [COMMAND]\n');
    return EXIT_OK;
  }
  const spec = COMMANDS.find((c) => c.name === command);
  if (!spec) throw new UsageError(`unknown command "${command}"; commands: ${names()}`);
  ctx.io.stdout.write(commandHelp(spec));
  return EXIT_OK;
}

async function dispatch(ctx: Ctx, argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(`missing command (${names()}); see: phasewise --help`);
  if (first === '--help' || first === '-h') return help(ctx);
  if (first === '--version' || first === '-V' || first === '-v') {
    if (rest.length) throw new UsageError(`${first} takes no arguments`);
    ctx.io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first}; expected a command first (see: phasewise --help)`);
  if (first === 'help') {
    if (rest.length > 1) throw new UsageError('help: expected at most one COMMAND');
    return help(ctx, rest[0]);
  }
  const spec = COMMANDS.find((c) => c.name === first);
  if (!spec) throw new UsageError(`unknown command "${first}"; commands: ${names()} (see: phasewise --help)`);
  const args = parseCommandArgs(spec.name, rest, spec.options);
  if (args.values.help) return help(ctx, spec.name);
  return spec.run(ctx, args);
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  const ctx: Ctx = { io, cwd: io.cwd ?? process.cwd(), now: io.now ?? new Date() };
  try {
    return await dispatch(ctx, argv);
  } catch (e) {
    const message = firstLine(e instanceof Error ? e.message : String(e));
    // The user's input, the file or the file system: one line, exit 2. Anything else is a bug.
    if (e instanceof UsageError || e instanceof PhasewiseError) {
      io.stderr.write(`phasewise: ${message}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`phasewise: internal error: ${message}\n`);
    io.stderr.write(
      `phasewise: this is a bug; please report it at ${REPORT_URL} with the command you ran${env.PHASEWISE_DEBUG === '1' ? '' : ' (PHASEWISE_DEBUG=1 prints the stack trace)'}\n`,
    );
    if (env.PHASEWISE_DEBUG === '1' && e instanceof Error && e.stack) io.stderr.write(e.stack + '\n');
    return EXIT_INTERNAL;
  }
}

/** Runs the command line of this process (dist/cli.js, the launcher, calls it). */
export function run(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code;
  });
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) run();
