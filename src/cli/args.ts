/**
 * Command-line arguments: each command's options are declared once (`OptionSpec`), and the
 * same declaration gives node:util parseArgs its configuration, the help its option lines,
 * and the checks below their names. Problems are found from parseArgs' tokens, not from the
 * text of its error messages.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './files';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's name in the help (`--status S`). */
  arg?: string;
  /** One or more lines of help. */
  help: string;
  /** May be given several times (the value is then a list). */
  multiple?: boolean;
  /** A heading of its own in the help, for options that are chosen among (`Selectors (exactly one)`). */
  group?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** Every command takes -h / --help. */
export const HELP_OPTION: OptionSpecs = { help: { type: 'boolean', short: 'h', help: 'print this help' } };

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

type Options = NonNullable<ParseArgsConfig['options']>;

function parseArgsOptions(specs: OptionSpecs): Options {
  const out: Options = {};
  for (const [name, s] of Object.entries(specs))
    out[name] = { type: s.type, ...(s.short ? { short: s.short } : {}), ...(s.multiple ? { multiple: true } : {}) };
  return out;
}

/** `--name`, as the user wrote it when the token says (`-o` stays `-o`). */
function spelled(raw: string, name: string): string {
  return raw.startsWith('--') ? `--${name}` : raw.split('=')[0];
}

/**
 * Parses `args` for `command` against its options (plus --help). Unknown options, options
 * given twice, string options without a value and boolean options with one are usage errors
 * that say which option and point at the command's help.
 */
export function parseCommandArgs(command: string, args: readonly string[], specs: OptionSpecs): ParsedArgs {
  const all = { ...specs, ...HELP_OPTION };
  const hint = `; see: phasewise help ${command}`;
  const { values, positionals, tokens } = parseArgs({ args: [...args], options: parseArgsOptions(all), strict: false, allowPositionals: true, tokens: true });
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'option') continue;
    const spec = Object.hasOwn(all, t.name) ? all[t.name] : undefined;
    if (!spec) throw new UsageError(`unknown option ${t.rawName.split('=')[0]} for "${command}"${hint}`);
    if (seen.has(t.name) && !spec.multiple) throw new UsageError(`option --${t.name} was given more than once`);
    seen.add(t.name);
    const name = spelled(t.rawName, t.name);
    if (spec.type === 'boolean' && t.inlineValue) throw new UsageError(`option ${name} does not take a value${hint}`);
    if (spec.type === 'string') {
      if (t.value === undefined) throw new UsageError(`option ${name} needs a value${hint}`);
      // `--status --dry-run`: the value looks like an option; parseArgs takes it, a person did not mean it.
      if (!t.inlineValue && t.value.startsWith('-') && t.value.length > 1) {
        throw new UsageError(`option ${name} needs a value (got something that looks like an option; use ${name}=VALUE)${hint}`);
      }
    }
  }
  return { values: values as ParsedArgs['values'], positionals };
}
