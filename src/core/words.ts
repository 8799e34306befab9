/**
 * Words in patterns and names. Pure TypeScript, no `vscode` or Node import.
 *
 * A pattern that is both case-insensitive and Unicode-aware (`iu`) costs a millisecond or more
 * to compile, most of it in closing its letter classes over case: every command compiles the
 * patterns it uses anew. Words written with both cases (`anyCase`) keep such a pattern
 * Unicode-aware (`\p{L}`, emoji) without the `i`; text without a character outside ASCII takes
 * ASCII-only patterns where the two read the same.
 */
import { NON_ASCII } from './status';

/**
 * A word alternation (`steps?|to ?do`) as a pattern source that matches either case of each
 * letter (`[sS][tT][eE][pP][sS]?|...`), for a pattern without the `i` flag. Only letters,
 * blanks, `|`, `?` and non-capturing groups: anything else is a mistake in the caller.
 */
export function anyCase(words: string): string {
  if (!/^(?:[A-Za-z ?|()]|\(\?:)*$/.test(words) || /\((?!\?:)/.test(words)) throw new Error(`anyCase: not a word alternation: ${words}`);
  return words.replace(/[A-Za-z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

const NOT_WORD_UNICODE = /[^\p{L}\p{N} ]+/gu;
const NOT_WORD_ASCII = /[^a-z0-9 ]+/g;

/**
 * The words of a name or title, lower case, each run of other characters one blank, trimmed:
 * `**Gold Nugget:**` → `gold nugget`, `Session_Log` → `session log`.
 */
export function plainWords(s: string): string {
  const lower = s.toLowerCase();
  return lower
    .replace(NON_ASCII.test(lower) ? NOT_WORD_UNICODE : NOT_WORD_ASCII, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
