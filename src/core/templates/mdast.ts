/** mdast builders, and serialising new content with mdast-util-to-markdown (GFM tables and task items). */
import type {
  Code,
  Heading as MdHeading,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableCell as MdTableCell,
  ThematicBreak,
} from 'mdast';
import type * as ToMarkdown from 'mdast-util-to-markdown';
import type { Options as ToMarkdownOptions } from 'mdast-util-to-markdown';
import type * as MdastGfm from 'mdast-util-gfm';
import { lazy } from '../lazy';

/** mdast-util-to-markdown with GFM, loaded on first use. */
export const markdownWriter = lazy(() => ({
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  toMarkdown: (require('mdast-util-to-markdown') as typeof ToMarkdown).toMarkdown,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  gfmToMarkdown: (require('mdast-util-gfm') as typeof MdastGfm).gfmToMarkdown,
}));
import type { FieldStyle } from '../model';

export const txt = (value: string): PhrasingContent => ({ type: 'text', value });
export const bold = (value: string): PhrasingContent => ({ type: 'strong', children: [txt(value)] });
export const para = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
export const heading = (depth: number, value: string): MdHeading => ({ type: 'heading', depth: clampDepth(depth), children: [txt(value)] });
export const item = (children: ListItem['children'], checked?: boolean): ListItem => ({ type: 'listItem', spread: false, checked: checked ?? null, children });
export const bullets = (...items: ListItem[]): List => ({ type: 'list', ordered: false, spread: false, children: items });
export const numbered = (start: number, ...items: ListItem[]): List => ({ type: 'list', ordered: true, start, spread: false, children: items });
export const rule = (): ThematicBreak => ({ type: 'thematicBreak' });
export const emptyCode = (): Code => ({ type: 'code', lang: null, meta: null, value: '' });

function clampDepth(depth: number): 1 | 2 | 3 | 4 | 5 | 6 {
  return Math.min(6, Math.max(1, Math.round(depth))) as 1 | 2 | 3 | 4 | 5 | 6;
}

/** A labelled line in one of the field styles: `**Key:** v`, `**Key**: v`, `Key: v`, `**Key: v**`. */
export function field(style: FieldStyle, key: string, value: string): Paragraph {
  switch (style) {
    case 'colon-outside':
      return para(bold(key), txt(value ? `: ${value}` : ':'));
    case 'plain':
      return para(txt(`${key}: ${value}`));
    case 'all-bold':
      return para(bold(value ? `${key}: ${value}` : `${key}:`));
    default:
      return value ? para(bold(`${key}:`), txt(` ${value}`)) : para(bold(`${key}:`));
  }
}

/** A list item that starts with a bold label: `- **Root Cause:** ...`. */
export function labelledItem(label: string, value: string, ...more: ListItem['children']): ListItem {
  return item([para(bold(`${label}:`), txt(` ${value}`)), ...more]);
}

/** A GFM table: a header row and body rows, no column alignment. */
export function table(header: string[], rows: string[][]): Table {
  const cell = (v: string): MdTableCell => ({ type: 'tableCell', children: v ? [txt(v)] : [] });
  return {
    type: 'table',
    align: header.map(() => null),
    children: [header, ...rows].map((r) => ({ type: 'tableRow' as const, children: r.map(cell) })),
  };
}

/** How a thematic break is written: `---`, `***`, `- - -`. */
export interface RuleShape {
  rule: '-' | '*' | '_';
  ruleRepetition: number;
  ruleSpaces: boolean;
}

export const DEFAULT_RULE: RuleShape = { rule: '-', ruleRepetition: 3, ruleSpaces: false };

/** Serialises nodes as Markdown with `\n` line endings and no final line ending. */
export function serialize(nodes: RootContent[], options: Partial<ToMarkdownOptions> = {}): string {
  const root: Root = { type: 'root', children: nodes };
  const { toMarkdown, gfmToMarkdown } = markdownWriter();
  const out = toMarkdown(root, {
    extensions: [gfmToMarkdown()],
    bullet: '-',
    bulletOrdered: '.',
    listItemIndent: 'one',
    fences: true,
    emphasis: '_',
    strong: '*',
    ...DEFAULT_RULE,
    ...options,
  });
  return out.replace(/\n+$/, '');
}

/** `s`, written with `\n` line endings, in `eol` instead. */
export function withEol(s: string, eol: string): string {
  return eol === '\n' ? s : s.replace(/\n/g, eol);
}

/** One line of user text: no line breaks, no runs of spaces. */
export function oneLine(s: string | undefined): string | undefined {
  const v = s?.replace(/\s+/g, ' ').trim();
  return v ? v : undefined;
}
