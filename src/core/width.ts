/**
 * Columns a string takes in a monospace editor: the one measure for lining up table pipes.
 * An emoji takes two columns with or without its variation selector (`⏸️`, `⚠️` and `✔️` as
 * much as `✅`), so does an East Asian wide character, and a ZWJ sequence takes two in all;
 * combining marks and joiners take none.
 */
import type StringWidth from 'string-width';
import { lazy } from './lazy';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const stringWidth = lazy(() => (require('string-width') as { default: typeof StringWidth }).default);

export function displayWidth(s: string): number {
  // string-width gives a tab no width; padding with tabs is counted a column a tab.
  let tabs = 0;
  for (let i = s.indexOf('\t'); i >= 0; i = s.indexOf('\t', i + 1)) tabs++;
  return stringWidth()(s) + tabs;
}
