/**
 * A value made on first use. The Markdown libraries (remark for the blocks the scanner leaves to
 * it, mdast-util-to-markdown for templates, string-width for table padding) build tables and
 * regular expressions when they load: required through `lazy`, a command or an activation
 * that does not need them does not pay for them.
 */
export function lazy<T>(load: () => T): () => T {
  let made = false;
  let value: T | undefined;
  return () => {
    if (!made) {
      value = load();
      made = true;
    }
    return value as T;
  };
}
