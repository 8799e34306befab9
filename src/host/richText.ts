/**
 * Tooltips as data: Markdown written by the extension and plan text that must stay text (no
 * HTML, no command links, no theme icons). The host turns it into an untrusted
 * `MarkdownString` (markdown.ts). No `vscode` import: unit-tested.
 */
export type Segment = { readonly markdown: string } | { readonly text: string };

export class RichText {
  readonly segments: Segment[] = [];

  /** Markdown written by the extension. */
  markdown(value: string): this {
    this.segments.push({ markdown: value });
    return this;
  }

  /** Text to show as it is (plan text, paths). */
  text(value: string): this {
    this.segments.push({ text: value });
    return this;
  }

  bold(value: string): this {
    return this.markdown('**').text(value).markdown('**');
  }

  /** `value` after `label`, as its own paragraph. */
  line(label: string, value: string): this {
    return this.markdown(`\n\n${label} `).text(value);
  }

  /** What a reader sees, without Markdown markers (for tests and logs). */
  plain(): string {
    return this.segments.map((s) => ('text' in s ? s.text : s.markdown.replace(/\*+/g, ''))).join('');
  }
}
