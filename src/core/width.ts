/**
 * Columns a string takes in a monospace editor: the one measure for lining up table pipes.
 * An emoji takes two columns with or without its variation selector (`⏸️`, `⚠️` and `✔️` as
 * much as `✅`), so does an East Asian wide character, and a ZWJ sequence takes two in all;
 * combining marks and joiners take none.
 */
import type StringWidth from 'string-width';

let stringWidth: typeof StringWidth | undefined;

export function displayWidth(s: string): number {
  // Loaded on first use: string-width compiles an emoji regex and a segmenter when it loads,
  // tens of milliseconds that every start (CLI command, extension activation) would pay while
  // only an edit that pads a table needs them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  stringWidth ??= (require('string-width') as { default: typeof StringWidth }).default;
  // string-width gives a tab no width; padding with tabs is counted a column a tab.
  let tabs = 0;
  for (let i = s.indexOf('\t'); i >= 0; i = s.indexOf('\t', i + 1)) tabs++;
  return stringWidth(s) + tabs;
}
