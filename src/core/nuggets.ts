/**
 * The Gold Nuggets of an execution log, and the log's "Future Development Guidelines" made
 * from them: every nugget with its fix block's problem and its domain (the heading the fixes
 * are grouped under), and the edit that writes them, grouped by domain, into a marked block of
 * the guidelines section. A second run replaces the block; nothing outside it changes.
 */
import { type TextEdit } from './edits';
import { plainLabel } from './labels';
import { replaceMarkedBlock } from './markedBlock';
import type { Heading, Plan } from './model';
import { lineEnd } from './parse/lines';

export const GUIDELINES_START = '<!-- phasewise:guidelines:start -->';
export const GUIDELINES_END = '<!-- phasewise:guidelines:end -->';

/** The domain of nuggets whose fixes are not grouped under a heading of their own. */
export const GENERAL_DOMAIN = 'General';

export interface NuggetEntry {
  /** 0-based line of the nugget's label. */
  line: number;
  /** The nugget without its label, its lines joined. */
  text: string;
  /** The problem of the fix block it belongs to. */
  problem?: string;
  domain: string;
}

/** A heading that holds fixes of every kind, not one domain: `Fixes and Gold Nuggets`, `🔧 Major Fixes`. */
const GENERIC_SECTION = /^(?:major\s+|final\s+)?fix(?:es)?(?:\s+(?:and|&)\s+(?:gold\s+)?nuggets?)?\b|gold\s+nuggets?|lessons|^problems?\b/i;
/** What a continuation line of a nugget must not start with: a new list item, heading, quote, fence, table or field. */
const NEW_BLOCK = /^[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#|>|```|~~~|\||\*\*[^*]+:\*\*|\*\*[^*]+\*\*:)/;

/** `1. Authentication Fixes ✅` → `Authentication`. */
function domainName(heading: string): string {
  const plain = plainLabel(heading)
    .replace(/^[^\p{L}\p{N}[]+/u, '')
    .replace(/^\d+(?:\.\d+)*[.)]?\s+/, '')
    .replace(/[^\p{L}\p{N})\]]+$/u, '')
    .replace(/\s+(?:fixes|fix)$/i, '')
    .trim();
  return plain || GENERAL_DOMAIN;
}

/** The nugget's text from its value to the end of its paragraph, on one line. */
function fullText(text: string, first: string, labelAt: number): string {
  const parts = [first.trim()];
  let s = lineEnd(text, labelAt);
  while (s < text.length) {
    const next = s + (text.startsWith('\r\n', s) ? 2 : 1);
    const e = lineEnd(text, next);
    const line = text.slice(next, e);
    if (!line.trim() || NEW_BLOCK.test(line)) break;
    parts.push(line.trim());
    s = e;
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The heading a fix block at `line` is grouped under: the nearest one above it that is shallower than the fix's own heading. */
function groupHeading(headings: readonly Heading[], line: number): Heading | undefined {
  let own: Heading | undefined;
  for (let i = headings.length - 1; i >= 0; i--) {
    const h = headings[i];
    if (h.line > line) continue;
    if (h.line === line) {
      own = h;
      continue;
    }
    if (!own || h.depth < own.depth) return h;
  }
  return undefined;
}

/** Every Gold Nugget of `plan`, in document order. */
export function nuggetEntries(text: string, plan: Plan): NuggetEntry[] {
  return plan.nuggets.map((n) => {
    const fix = plan.fixes.find((f) => f.range.start <= n.range.start && n.range.start < f.range.end);
    const group = groupHeading(plan.headings, fix ? fix.line : n.line);
    // The document's title, or a section for fixes of every kind, is no domain.
    const domain =
      group && group.depth > 1 && !GENERIC_SECTION.test(plainLabel(group.text).replace(/^[^\p{L}\p{N}]+/u, '')) ? domainName(group.text) : GENERAL_DOMAIN;
    return {
      line: n.line,
      text: fullText(text, n.text, n.range.start),
      ...(fix ? { problem: plainLabel(fix.title) } : {}),
      domain,
    };
  });
}

/** The guidelines as Markdown: one numbered list, or one per domain under its name. */
export function guidelinesMarkdown(entries: readonly NuggetEntry[], eol: string): string {
  const domains = new Map<string, string[]>();
  for (const e of entries) {
    if (!e.text || /^\.{3}$|^…$/.test(e.text)) continue; // a template's placeholder
    const list = domains.get(e.domain) ?? [];
    if (!list.includes(e.text)) list.push(e.text);
    domains.set(e.domain, list);
  }
  const lines = [GUIDELINES_START];
  if (!domains.size) lines.push('_No Gold Nuggets are logged yet._');
  else if (domains.size === 1 && domains.has(GENERAL_DOMAIN)) domains.get(GENERAL_DOMAIN)!.forEach((t, i) => lines.push(`${i + 1}. ${t}`));
  else {
    for (const [domain, texts] of domains) {
      lines.push(`- **${domain}:**`);
      texts.forEach((t, i) => lines.push(`  ${i + 1}. ${t}`));
    }
  }
  lines.push(GUIDELINES_END);
  return lines.join(eol) + eol;
}

/** A `Future Development Guidelines` (or `Guidelines`) heading. */
const GUIDELINES_HEADING = /^(?:future\s+development\s+)?guidelines\b/i;

/**
 * The edit that writes the guidelines into the log: the marked block replaced where it is,
 * else added at the end of the guidelines section, else a new section at the end of the log,
 * at the depth of the section that holds the fixes.
 */
export function guidelinesEdit(text: string, plan: Plan): TextEdit[] {
  const eol = plan.eol;
  const block = guidelinesMarkdown(nuggetEntries(text, plan), eol);
  const replaced = replaceMarkedBlock(text, GUIDELINES_START, GUIDELINES_END, block, eol);
  if (replaced) return replaced.expected === replaced.text ? [] : [replaced];
  const section = plan.headings.find((h) => GUIDELINES_HEADING.test(plainLabel(h.text).replace(/^[^\p{L}\p{N}]+/u, '')));
  if (section) {
    // At the end of the section, after its own text and before the blank lines that end it.
    let at = section.sectionEnd;
    while (at > section.range.end && /\s/.test(text[at - 1])) at--;
    return [{ offset: at, length: 0, text: eol + eol + block.slice(0, -eol.length), expected: '' }];
  }
  const fixesAt = plan.fixes[0] ? groupHeading(plan.headings, plan.fixes[0].line) : undefined;
  const depth = Math.max(2, fixesAt?.depth ?? 2);
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const tail = text.slice(end);
  const lead = end === 0 ? '' : eol + eol;
  // A file that ends without a line break still does.
  const body = tail ? block : block.slice(0, -eol.length);
  return [{ offset: end, length: tail.length, text: `${lead}${'#'.repeat(depth)} Future Development Guidelines${eol}${eol}${body}`, expected: tail }];
}
