/** Plan text for display in labels (tree items, progress rows). No `vscode` import: unit-tested. */

/** Inline Markdown read as text, for labels: `**bold**` and `_em_` markers, links shown as their text. */
export function plainLabel(s: string): string {
  return s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

