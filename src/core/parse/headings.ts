/**
 * What a heading says about phases: `Phase 3: Name`, `Iteration 2 — Name`, `📋 PHASE 4: NAME`,
 * `## ~~Phase 17~~`, `PH-NEXT-002: Name`, and where the heading writes its status
 * (`Phase 3 ✅ — Name`, `Phase 2: 🔄 **30% COMPLETE**`, `Name (✅ COMPLETE)`, `Name - ⏳ Pending`).
 *
 * A heading that only mentions a phase ("Phase 1 Exit Criteria", "Phase 2 Completion (14
 * tasks)", "Phase 2-4 ...") is read here as `weak` or `range`; whether it is a phase is decided
 * with its context (earlier phases, the headings around it) by the model builder (entries.ts).
 */
import { findStatusEmoji, parseStatusText } from '../status';
import { PHASE_ID_SOURCE, PHASE_WORDS, type PhaseKeyword, type Status } from '../model';
import { anyCase } from '../words';

interface HeadingStatus {
  status: Status;
  /** The status phrase (emoji and words) in the source, absolute offsets. */
  start: number;
  end: number;
}

interface PhaseHeading {
  number?: string;
  id?: string;
  /** The word before the number where it is not "Phase". */
  keyword?: PhaseKeyword;
  title: string;
  status?: HeadingStatus;
  /**
   * A status emoji before the phase's keyword when the heading also writes its status after it
   * (`### ✅ Milestone 1: Storage - COMPLETED`): kept in step with it.
   */
  lead?: HeadingStatus;
  /** No separator (`:`, `.`, `—`, `-`) between the number and the words: `Phase 1 Exit Criteria`. */
  weak: boolean;
  /** Words that describe a phase rather than name one: exit criteria, completion, summary... */
  meta: boolean;
  /** `Phase 2-4`, `Phase 2 & 3`: a span of phases. */
  range: boolean;
}

/** How a phase word other than Phase is named (`Milestone 2: Sync`). */
const KEYWORDS: Readonly<Record<string, PhaseKeyword>> = { stage: 'Stage', milestone: 'Milestone', iteration: 'Iteration', epic: 'Epic' };
const KEYWORD = new RegExp(`^(${anyCase(PHASE_WORDS)})\\s+(\\d+(?:\\.\\d+)*[a-zA-Z]?|[A-Za-z])(?=$|[\\s:.)\\-–—,(*~]|\\p{Extended_Pictographic})`, 'u');
const ID = new RegExp(`^${PHASE_ID_SOURCE}(?=$|[\\s:.\\-–—])`);
/** Leading decoration: emoji, strike-through, emphasis. */
const LEAD = /^(?:(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F|\u200D)+\s*|~~|\*\*|__|\*|_)+/u;
const SEPARATOR = /^\s*(?:[:.)]|[-–—|]|\*\*\s*[:.\-–—])/;
const META =
  /^(?:exit|complete[ds]?\b|completion|done\b|criteria|summary|overview|recap|results?\b|review|retro|checklist|deliverables|tasks?\b|status|notes|goals?\b|success|acceptance|validation|verification|wrap|progress|report|details|when\b|estimate|breakdown|dependencies|timeline|plan\b|scope)/i;

/** Reads a phase from a heading's text `clean` at `src`[start, end). Undefined when it names none. */
export function readPhaseHeading(text: string, start: number, end: number, clean: string): PhaseHeading | undefined {
  const decoration = LEAD.exec(clean);
  const c = decoration ? clean.slice(decoration[0].length) : clean;
  let number: string | undefined;
  let id: string | undefined;
  let after: string;
  let keyword: PhaseHeading['keyword'];
  let m = KEYWORD.exec(c);
  if (m) {
    number = m[2];
    const kw = m[1].toLowerCase();
    if (kw !== 'phase') keyword = KEYWORDS[kw];
    after = c.slice(m[0].length);
  } else if ((m = ID.exec(c))) {
    id = m[1];
    after = c.slice(m[0].length);
  } else return undefined;
  after = after.replace(/^(?:~~|\*\*|__)+/, '');
  const range = /^\s*(?:[-–—]|&|and\b|to\b|through\b)\s*(?:phase\s+)?\d/i.test(after);
  // Where the number ends in the source, so a status is looked for after it.
  const src = text.slice(start, end);
  const key = number ?? id!;
  const at = src.indexOf(key);
  const from = at >= 0 ? start + at + key.length : start;
  let status = headingStatus(text, from, end);
  // A status emoji before the keyword: the status where the heading writes none after it.
  const leading = at > 0 ? findStatusEmoji(src.slice(0, at)) : [];
  const le = leading.length ? { status: leading[0].status, start: start + leading[0].start, end: start + leading[0].end } : undefined;
  let lead: HeadingStatus | undefined;
  if (le && status) lead = le;
  else if (le) status = lead = le; // the same object: the heading's only status
  let title: string;
  let weak: boolean;
  const p = status ? after.indexOf(text.slice(status.start, status.end)) : -1;
  if (status && p >= 0 && !cleanTitle(after.slice(0, p))) {
    // The status comes first (`Phase 3 ✅ — Name`, `Phase 2: 🔄 ...`): the name follows it.
    const before = after.slice(0, p);
    const behind = after.slice(p + status.end - status.start).replace(/^[\s)\]]*/, '');
    title = cleanTitle(behind.replace(/^(?:\*\*|__)?\s*\(?\d{1,3}%[^)*_]*\)?(?:\*\*|__)?/, ''));
    weak = !SEPARATOR.test(before) && !SEPARATOR.test(behind) && title !== '';
  } else {
    const before = status && p >= 0 ? after.slice(0, p) : after;
    title = cleanTitle(before);
    weak = !SEPARATOR.test(before) && title !== '';
  }
  return { number, id, keyword, title, status, lead, weak, meta: weak && META.test(title), range };
}

/** Removes separators, emphasis and brackets left around a title. */
function cleanTitle(s: string): string {
  return s
    .replace(/^[\s:.)\-–—|*_~]+/, '')
    .replace(/[\s:\-–—|([*_~]+$/, '')
    .replace(/^\*\*(.*)\*\*$/, '$1')
    .trim();
}

/**
 * The status a heading writes after `from`: the first status emoji with the words that follow
 * it (`✅ Complete`, `🚧 In Progress`), else status words after a separator or in brackets at
 * the end (` - Complete`, `(DONE)`), else a trailing upper-case status word (`COMPLETE`).
 */
function headingStatus(text: string, from: number, end: number): HeadingStatus | undefined {
  const slice = text.slice(from, end);
  const emoji = findStatusEmoji(slice);
  if (emoji.length) {
    const e = emoji[0];
    const p = parseStatusText(slice.slice(e.start));
    const s = from + e.start + p.phraseStart;
    return { status: p.status === 'unknown' ? e.status : p.status, start: s, end: from + e.start + Math.max(p.phraseEnd, e.end - e.start) };
  }
  const re = /(?:\s[-–—|]\s*|\(|\[|:\s*)(?:\*\*|__)?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(slice))) {
    const at = m.index + m[0].length;
    const p = parseStatusText(slice.slice(at));
    if (p.status === 'unknown') continue;
    const tail = slice.slice(at + p.phraseEnd);
    if (/^(?:\*\*|__)?\s*[)\]]?\s*(?:\([^)]*\)|[-–—,:]?\s*\d{4}-\d{2}-\d{2}[^|]*)?\s*$/.test(tail)) {
      return { status: p.status, start: from + at + p.phraseStart, end: from + at + p.phraseEnd };
    }
  }
  const caps = /\s(?:\*\*)?([A-Z][A-Z_]+(?: [A-Z_]+)?)(?:\*\*)?\s*$/.exec(slice);
  if (caps) {
    const p = parseStatusText(caps[1]);
    if (p.status !== 'unknown' && p.phraseEnd === caps[1].length) {
      const s = from + caps.index + caps[0].indexOf(caps[1]);
      return { status: p.status, start: s, end: s + caps[1].length };
    }
  }
  return undefined;
}
