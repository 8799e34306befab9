/**
 * The next-phase template: a phase section in the shape of the phases already there, a row in
 * the overview table padded like the others, and one more in the Current Phase total.
 */
import { type OverviewTable, PHASE_WORDS, type Phase, type Plan } from '../model';
import { formatStatus } from '../status';
import { fieldStyleOf } from '../fieldStyle';
import type { Block } from '../parse/blocks';
import { lineEnd } from '../parse/lines';
import { cellTexts, pipeSegments, pipesLineUp } from '../tables';
import { displayWidth } from '../width';
import { vocabularyOf } from '../edits';
import { currentPhaseTotalEdit } from '../edits/currentPhase';
import { type TextEdit, insertAt, nextLineStart } from '../edits/text';
import { type PhaseShape, phaseNodes } from './bodies';
import { type RuleShape, DEFAULT_RULE, markdownWriter, rule, table } from './mdast';
import { documentBlocks, insertNodes, ruleShape, trailingRule } from './layout';

/** A numbered phase heading's word and the separator after its number (`Phase 3:`). */
const NUMBERED_HEADING = new RegExp(String.raw`^\W*(${PHASE_WORDS})\s+\d+(?:\.\d+)*[a-z]?\s*([:.)\-–—])?`, 'i');

/** The shape to copy a pending status from: a pending phrase, else a snake-case one, else the last. */
function shapeFrom(text: string, marks: ReadonlyArray<{ status: string; phraseRange: { start: number; end: number } }>): string {
  const phrase = (m: (typeof marks)[number]): string => text.slice(m.phraseRange.start, m.phraseRange.end);
  const known = marks.filter((m) => m.status !== 'unknown');
  const pending = known.find((m) => m.status === 'pending');
  if (pending) return phrase(pending);
  const snake = known.find((m) => /[A-Z]_[A-Z]/.test(phrase(m)));
  if (snake) return phrase(snake);
  const last = known[known.length - 1];
  return last ? phrase(last) : '';
}

/** Escapes cell texts the way mdast-util-to-markdown writes them inside a GFM table. */
function escapeCells(values: string[]): string[] {
  const { toMarkdown, gfmToMarkdown } = markdownWriter();
  const md = toMarkdown(table(values, []), { extensions: [gfmToMarkdown({ tablePipeAlign: false })] });
  const first = md.slice(0, lineEnd(md, 0));
  const cells = cellTexts(first);
  return values.map((_v, i) => cells[i] ?? '');
}

/** A new row for `ov`, padded to the table's column widths when the table is aligned. */
function overviewRow(text: string, ov: OverviewTable, values: string[]): string {
  const headerLine = text.slice(ov.header.range.start, ov.header.range.end);
  const delimStart = nextLineStart(text, ov.header.range.start);
  const delimLine = text.slice(delimStart, lineEnd(text, delimStart));
  const aligned = pipesLineUp(headerLine, delimLine);
  const segs = pipeSegments(headerLine);
  const lead = /^[ \t]*$/.test(segs[0]) && segs.length > 1;
  const trail = segs.length > 1 && /^[ \t]*$/.test(segs[segs.length - 1]);
  const indent = lead ? segs[0] : '';
  const cellSegs = segs.slice(lead ? 1 : 0, trail ? -1 : undefined);
  const cells = cellSegs.map((seg, i) => {
    const last = i === cellSegs.length - 1 && !trail;
    const before = /^[ \t]/.test(seg) ? ' ' : '';
    const after = /[ \t]$/.test(seg) && !last ? ' ' : '';
    let cell = before + (values[i] ?? '');
    if (aligned && !last) {
      const width = displayWidth(seg);
      const missing = width - displayWidth(cell);
      cell += missing >= after.length ? ' '.repeat(missing) : after;
    } else cell += after;
    return cell;
  });
  return indent + (lead ? '|' : '') + cells.join('|') + (trail ? '|' : '');
}

/** The plan's last overview table whose rows tie to phases. */
function governingOverview(plan: Plan): number | undefined {
  for (let i = plan.overviews.length - 1; i >= 0; i--) if (plan.overviews[i].rows.some((r) => r.phase !== undefined)) return i;
  return undefined;
}

/** The edits that add a phase numbered after the highest one, titled `title`. */
export function nextPhase(text: string, plan: Plan, title: string): TextEdit[] {
  const eol = plan.eol;
  const blocks = documentBlocks(text);
  const edits: TextEdit[] = [];
  let max = 0;
  for (const p of plan.phases) {
    const n = p.number !== undefined ? parseInt(p.number, 10) : NaN;
    if (Number.isFinite(n) && n > max) max = n;
  }
  const n = max + 1;
  const minDepth = plan.phases.length ? Math.min(...plan.phases.map((p) => p.depth)) : 2;
  const top = plan.phases.filter((p) => p.depth === minDepth);
  const last: Phase | undefined = top[top.length - 1];

  // The phase's shape, copied from the phases already there.
  const vocab = vocabularyOf(plan);
  const fieldMarks = plan.phases.map((p) => p.mark).filter((m): m is NonNullable<typeof m> => m?.source === 'field');
  const stepsField = [...plan.phases]
    .reverse()
    .flatMap((p) => p.fields)
    .find((f) => /\bsteps?\b/i.test(f.key));
  const lastNumbered = [...plan.phases].reverse().find((p) => p.number !== undefined);
  const sepMatch = lastNumbered
    ? NUMBERED_HEADING.exec(text.slice(lastNumbered.headingRange.start, lastNumbered.headingRange.end).replace(/^#+\s*/, ''))
    : null;
  const shape: PhaseShape = {
    depth: minDepth,
    style: fieldStyleOf(plan),
    status: formatStatus('pending', shapeFrom(text, fieldMarks), vocab.fields),
    word: sepMatch ? sepMatch[1] : 'Phase',
    separator: sepMatch?.[2] === ')' ? ':' : (sepMatch?.[2] ?? ':'),
    stepsLabel: stepsField?.key ?? 'Steps',
  };

  // The section, keeping the `---` rhythm between phases.
  const nodes = phaseNodes(n, title, shape);
  let at = text.length;
  let ruleOptions: RuleShape = DEFAULT_RULE;
  if (last) {
    at = last.sectionRange.end;
    const own = trailingRule(blocks, last.headingRange.start, last.sectionRange.end);
    const between = top
      .slice(0, -1)
      .map((p) => trailingRule(blocks, p.headingRange.start, p.sectionRange.end))
      .filter((b): b is Block => !!b);
    if (own) {
      ruleOptions = ruleShape(text, own);
      nodes.push(rule());
    } else if (between.length) {
      ruleOptions = ruleShape(text, between[between.length - 1]);
      nodes.unshift(rule());
    }
  }
  edits.push(insertNodes(text, plan, at, nodes, ruleOptions));

  // A row in the governing overview table.
  const ti = governingOverview(plan);
  if (ti !== undefined) {
    const ov = plan.overviews[ti];
    const ncols = ov.header.cells.length;
    const values: string[] = new Array<string>(ncols).fill('');
    const dash = (col: number): boolean => ov.rows.some((r) => r.cells[col]?.text === '-');
    for (let c = 0; c < ncols; c++) if (dash(c)) values[c] = '-';
    if (ov.nameColumn !== undefined) values[ov.nameColumn] = title;
    values[ov.statusColumn] = formatStatus(
      'pending',
      shapeFrom(
        text,
        ov.rows.map((r) => r.mark).filter((m): m is NonNullable<typeof m> => !!m),
      ),
      vocab.table,
    );
    const escaped = escapeCells(values);
    // The phase cell copies the shape of the last tied row (`3`, `Phase 3`, `**3**`).
    const tied = [...ov.rows].reverse().find((r) => r.phase !== undefined && plan.phases[r.phase].number !== undefined);
    let phaseCell = String(n);
    if (tied) {
      const cellText = tied.cells[ov.phaseColumn].text;
      const num = plan.phases[tied.phase!].number!;
      const at2 = cellText.indexOf(num);
      if (at2 >= 0) phaseCell = cellText.slice(0, at2) + String(n) + cellText.slice(at2 + num.length);
    }
    escaped[ov.phaseColumn] = phaseCell;
    edits.push(insertAt(ov.range.end, eol + overviewRow(text, ov, escaped)));
  }

  // `Current Phase: Phase 3 of 6` -> `of 7`.
  const total = currentPhaseTotalEdit(text, plan, at);
  if (total) edits.push(total);
  return edits.sort((a, b) => a.offset - b.offset);
}
