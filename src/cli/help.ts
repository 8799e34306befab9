/** The CLI's help texts, made from the command table (commands.ts) and its option declarations. */
import type { OptionSpecs } from './args';
import type { CommandSpec } from './commands';

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

/** Lines `label  text`, the texts aligned, continuation lines indented under the text. */
function columns(rows: ReadonlyArray<[string, string]>, indent: number, gap = 3): string {
  const width = Math.max(0, ...rows.map(([label]) => label.length)) + gap;
  return rows
    .map(([label, text]) => {
      const [first, ...more] = text.split('\n');
      return [' '.repeat(indent) + pad(label, width) + first, ...more.map((m) => ' '.repeat(indent + width) + m)].join('\n');
    })
    .join('\n');
}

function optionLabel(name: string, o: OptionSpecs[string]): string {
  const long = `--${name}${o.arg ? ` ${o.arg}` : ''}`;
  return o.short ? `-${o.short}, ${long}` : long;
}

/** `phasewise help COMMAND`: usage line, details, then the options by group. */
export function commandHelp(c: CommandSpec): string {
  const groups = new Map<string, Array<[string, string]>>();
  for (const [name, o] of Object.entries(c.options)) {
    const g = o.group ?? 'Options';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push([optionLabel(name, o), o.help]);
  }
  // Groups of their own (selectors) come before the plain options.
  const ordered = [...groups].sort(([a], [b]) => (a === 'Options' ? 1 : 0) - (b === 'Options' ? 1 : 0));
  const sections = ordered.map(([g, rows]) => `${g}:\n${columns(rows, 2)}\n`);
  return [`Usage: phasewise ${c.name} ${c.usage}\n`, `${c.details}\n`, ...sections].join('\n');
}

/** `phasewise --help`: every usage line, the commands, statuses and exit codes. */
export function mainHelp(version: string, commands: readonly CommandSpec[]): string {
  return `phasewise ${version}: work through Markdown execution plans from the command line.

Usage:
${commands.map((c) => `  phasewise ${c.name} ${c.usage}`).join('\n')}
  phasewise help [COMMAND]
  phasewise --version

Commands:
${columns(
  commands.map((c) => [c.name, c.summary]),
  2,
)}

Statuses: pending, in-progress, completed, failed, blocked
  (also accepted: done, complete, todo, wip, not-started, started...)

Exit codes:
${columns(
  [
    ['0', 'success'],
    ['1', 'check found at least one error; or an internal error (a bug: please report it)'],
    [
      '2',
      'usage or input error (bad arguments, unreadable or binary file, missing\nfolder, unknown phase or task, invalid status); the file is left untouched',
    ],
  ],
  2,
  2,
)}

Set PHASEWISE_DEBUG=1 to print stack traces of unexpected errors.
`;
}
