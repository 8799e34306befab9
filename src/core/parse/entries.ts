/**
 * What opens a phase, a tracker entry or a fix block: a heading (and the decision whether a
 * heading that names a phase is one), the rows of a tracker table, a Backlog.md front matter.
 */
import type { FixBlock, Heading, Phase } from '../model';
import { parseStatusText } from '../status';
import { parseDuration } from '../durations';
import { type Context, innerPhase } from './context';
import type { FrontMatter } from './frontMatter';
import { lineEnd, lineStart } from './lines';
import { MarkNode, TaskNode, absMark } from './nodes';
import type { HeadingFacts, TableEntry } from './types';

/**
 * A Backlog.md task file: `title:` and `status: To Do` in the front matter make the file one
 * tracker entry whose status is the front matter's value (edited in place).
 */
export function frontMatterEntry(ctx: Context, fm: FrontMatter, bom: number): void {
  const status = fm.entries.get('status');
  const title = fm.entries.get('title');
  if (!status || !title) return;
  const p = parseStatusText(status.value);
  const s = status.start + bom;
  const mark = new MarkNode(p.status, status.value, 'field', s, s + status.value.length, s + p.phraseStart, s + p.phraseEnd);
  const id = fm.entries.get('id')?.value || undefined;
  const ls = lineStart(ctx.text, s);
  const le = lineEnd(ctx.text, s);
  const task = new TaskNode('tracker', id, title.value, p.status, mark, status.line, 0, undefined, undefined, ls, le, 0, fm.end + bom);
  task.frontMatter = true;
  ctx.tasks.push(task);
}

/** Tracker rows become entries, except those that repeat an entry kept as a heading. */
function sameTitle(a: string, b: string): boolean {
  return b === '' || a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function addTableEntries(ctx: Context, entries: readonly TableEntry[], off: number, ln: number): void {
  const phase = innerPhase(ctx);
  for (const e of entries) {
    const cell = e.cells[e.statusColumn];
    const base = cell.s + off;
    const mark = new MarkNode(e.status, cell.text, 'table', base, cell.e + off, base + e.phraseStart, base + e.phraseEnd);
    // A row that repeats a heading entry is no second task: its cell follows the entry. So is a
    // row that repeats an earlier table's entry (same ID, same title: a "Recently completed"
    // table above the full list); the same ID with another title is another task.
    const earlier = ctx.tableTitles.get(e.id);
    const again = earlier !== undefined && (earlier === '' || sameTitle(earlier, e.title));
    if (ctx.headingIds.has(e.id) || e.repeat || again) {
      if ((ctx.headingIds.has(e.id) || again) && !ctx.rowMarks.has(e.id)) ctx.rowMarks.set(e.id, mark);
      continue;
    }
    if (earlier === undefined) ctx.tableTitles.set(e.id, e.title);
    const task = new TaskNode(
      'tracker',
      e.id,
      e.title,
      e.status,
      mark,
      e.line + ln,
      0,
      undefined,
      phase,
      e.start + off,
      e.end + off,
      e.start + off,
      e.end + off,
    );
    const estimate = e.effort !== undefined ? parseDuration(e.effort) : undefined;
    if (estimate !== undefined) task.estimate = estimate;
    ctx.tasks.push(task);
  }
}

export function classifyHeading(ctx: Context, heading: Heading, facts: HeadingFacts, entry: Context['open'][number], off: number): void {
  const text = ctx.text;
  if (facts.phase && isPhase(ctx, facts.phase)) {
    const { number, id, title } = facts.phase;
    ctx.phaseKeys.add(number ?? id!);
    const mark = facts.phase.mark && absMark(facts.phase.mark, off);
    const phase: Phase = {
      number,
      id,
      title,
      status: mark?.status ?? 'pending',
      mark,
      derived: false,
      headingRange: heading.range,
      sectionRange: { start: heading.range.start, end: text.length },
      line: heading.line,
      depth: heading.depth,
      parent: innerPhase(ctx),
      fields: [],
      tasks: [],
    };
    if (facts.phase.keyword) phase.keyword = facts.phase.keyword;
    if (facts.phase.lead) phase.leadMark = facts.phase.lead === facts.phase.mark ? mark : absMark(facts.phase.lead, off);
    entry.phase = ctx.phases.length;
    ctx.phases.push(phase);
    return;
  }
  if (facts.tracker) {
    const mark = facts.tracker.mark && absMark(facts.tracker.mark, off);
    const idx = ctx.tasks.length;
    const r = heading.range;
    ctx.tasks.push(
      new TaskNode(
        'tracker',
        facts.tracker.id,
        facts.tracker.title,
        mark?.status ?? 'pending',
        mark,
        heading.line,
        0,
        undefined,
        innerPhase(ctx),
        r.start,
        r.end,
        r.start,
        text.length,
      ),
    );
    entry.tracker = idx;
    return;
  }
  if (facts.fix !== undefined) {
    const block: FixBlock = { title: facts.fix, range: { start: heading.range.start, end: text.length }, line: heading.line };
    ctx.fixes.push(block);
    entry.fix = block;
  }
}

/**
 * A heading that names a phase is one of the plan's phases unless it only mentions one: a span
 * (`Phase 2-4`), a heading in a recap or summary section (unless the document has that phase
 * nowhere else: then the section groups the phases, `## Completed Phases`), words about a phase with no separator
 * (`Phase 1 Exit Criteria`, `Phase 2 Complete ✅`), or a repeat of an earlier phase's number
 * without a name of its own.
 */
function isPhase(ctx: Context, f: NonNullable<HeadingFacts['phase']>): boolean {
  if (f.range) return false;
  const key = f.number ?? f.id!;
  if (!ctx.recapPhases?.has(key) && ctx.open.some((o) => o.recap && o.heading.depth > 1 && o.phase === undefined)) {
    ctx.recapRejected.add(key);
    return false;
  }
  if (f.weak && f.meta) return false;
  if ((f.weak || (!f.title && !f.mark)) && ctx.phaseKeys.has(key)) return false;
  return true;
}
