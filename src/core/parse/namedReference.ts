/**
 * The extension's and CLI's stand-in for `decode-named-character-reference` (wired in
 * scripts/build.mjs). The package carries HTML's whole table of 2,125 named references (35 KB,
 * a twelfth of the extension bundle) so that micromark can turn `&copy;` into `©` in text
 * values. Phasewise never reads remark's text values: the block summaries take only node types
 * and positions (blocks.ts), and a character reference is inline content that cannot change
 * either (CommonMark: references never stand for structural characters). So the common names
 * decode, and any other name is left as the literal text it is written as.
 */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** `value` is a reference without its `&` and `;`, such as `amp`. */
export function decodeNamedCharacterReference(value: string): string | false {
  return Object.hasOwn(NAMED, value) ? NAMED[value] : false;
}
