import * as vscode from 'vscode';
import type { RichText } from './richText';

/** An untrusted MarkdownString of `rich`: plan text in it renders as text. */
export function toMarkdown(rich: RichText): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  for (const s of rich.segments) {
    if ('text' in s) md.appendText(s.text);
    else md.appendMarkdown(s.markdown);
  }
  return md;
}
