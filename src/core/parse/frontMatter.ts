/**
 * YAML front matter at the top of a file (`---` … `---`), as Backlog.md task files and some
 * spec-kit files have. Only flat `key: value` lines are read; the block is not Markdown, so the
 * model builder skips the blocks remark made of it (a thematic break and a setext heading).
 */
export interface FrontMatter {
  /** Where the block ends in the body (after its closing `---` line). */
  end: number;
  entries: Map<string, { value: string; start: number; end: number; line: number }>;
}

/** Reads front matter from the start of `body` (the text without its byte-order mark). */
export function readFrontMatter(body: string): FrontMatter | undefined {
  if (!/^---[ \t]*(?:\r\n|\n|\r)/.test(body)) return undefined;
  const entries: FrontMatter['entries'] = new Map();
  const re = /([^\r\n]*)(\r\n|\n|\r|$)/g;
  const first = /\r\n|\n|\r/.exec(body)!; // present: the opening line ends with one
  re.lastIndex = first.index + first[0].length;
  let line = 1;
  for (let m = re.exec(body); m && m[0].length; m = re.exec(body), line++) {
    const text = m[1];
    if (/^(?:---|\.\.\.)[ \t]*$/.test(text)) return { end: m.index + m[0].length, entries };
    if (line > 200) return undefined;
    const kv = /^([A-Za-z_][\w-]*):[ \t]*(.*?)[ \t]*$/.exec(text);
    if (!kv) continue;
    let value = kv[2];
    let start = m.index + text.indexOf(':') + 1;
    while (body[start] === ' ' || body[start] === '\t') start++;
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) {
      value = quoted[2];
      start++;
    }
    if (!entries.has(kv[1].toLowerCase())) entries.set(kv[1].toLowerCase(), { value, start, end: start + value.length, line });
  }
  return undefined;
}
