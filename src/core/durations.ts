/**
 * Durations as plans write them (`3 hours`, `2.5h`, `45 min`, `1h 30m`, `~0.5h`, `16-20 hours`):
 * read into milliseconds, and written back in the style a file already uses. Also which fields
 * and table columns hold a phase's estimate and its actual time.
 */
import type { Field, Phase, Plan } from './model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Unit words, longest first so that `hours` is not read as `h` + `ours`. */
const UNITS: ReadonlyArray<[RegExp, number]> = [
  [/^(?:days?|d)$/i, DAY],
  [/^(?:hours?|hrs?|h)$/i, HOUR],
  [/^(?:minutes?|mins?|m)$/i, MINUTE],
];

/** A number (or a range `16-20`) and its unit. */
const AMOUNT = /(\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(\d+(?:\.\d+)?))?\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m)(?![A-Za-z])/gi;

function unitMs(word: string): number {
  for (const [re, ms] of UNITS) if (re.test(word)) return ms;
  return HOUR;
}

/**
 * The duration a text writes, in milliseconds: the sum of its amounts (`1h 30m`), a range read
 * as its upper end (`16-20 hours`: an estimate is overrun only past its most). Undefined when
 * it writes none (`X hours`, `TBD`, `Low`).
 */
export function parseDuration(text: string): number | undefined {
  let total = 0;
  let found = false;
  for (const m of text.matchAll(AMOUNT)) {
    found = true;
    total += Number(m[2] ?? m[1]) * unitMs(m[3]);
  }
  return found ? total : undefined;
}

/** The duration at the start of a value's amounts (`1h 30m`, `1.2h (20% ahead of 1.5h estimate)` is 1.2h). */
function leadingDuration(value: string): number | undefined {
  let total: number | undefined;
  let end = -1;
  for (const m of value.matchAll(AMOUNT)) {
    if (total !== undefined && value.slice(end, m.index).trim() !== '') break;
    total = (total ?? 0) + Number(m[2] ?? m[1]) * unitMs(m[3]);
    end = m.index + m[0].length;
  }
  return total;
}

/** `Effort: 0.2h actual (0.5h estimate)`: the amount written before the word. */
const INLINE = {
  actual: /(\d+(?:\.\d+)?\s*[a-z]+)\s*(?:\(\s*)?actual/i,
  estimate: /(\d+(?:\.\d+)?\s*[a-z]+)\s*(?:\(\s*)?estimate/i,
};

/** Whether a value names an estimate or an actual time at all (most name neither). */
const TIME_WORD = /estimate|actual/i;

function inlineAmount(value: string, word: keyof typeof INLINE): number | undefined {
  const m = INLINE[word].exec(value);
  return m ? parseDuration(m[1]) : undefined;
}

/**
 * The estimate and the actual time a set of fields writes: `Estimated Effort: 2h`, `Actual
 * Duration: 45 min`, `Effort Actual: 1.2h (20% ahead of 1.5h estimate)`, `Effort: 0.2h actual
 * (0.2h estimate)`. The first field that gives one wins.
 */
export function timesOf(fields: ReadonlyArray<{ name: string; value: string }>): { estimate?: number; actual?: number } {
  let estimate: number | undefined;
  let actual: number | undefined;
  for (const f of fields) {
    // One search without a copy of the value (a field's value can be a long line).
    const named = TIME_WORD.test(f.value);
    const inlineEstimate = named ? inlineAmount(f.value, 'estimate') : undefined;
    const inlineActual = named ? inlineAmount(f.value, 'actual') : undefined;
    if (isActualField(f.name)) actual ??= leadingDuration(f.value);
    else if (isEstimateField(f.name) && inlineActual === undefined) estimate ??= leadingDuration(f.value);
    estimate ??= inlineEstimate;
    actual ??= inlineActual;
  }
  return { estimate, actual };
}

interface Style {
  /** `hours`/`minutes` rather than `h`/`min`. */
  long: boolean;
  /** A space between number and unit. */
  spaced: boolean;
  /** The short word for minutes the file uses (`min` or `m`). */
  minute: string;
  /** The file writes spans under an hour in hours (`0.5h`). */
  fractionalHours: boolean;
  /** The file writes `1h 30m`. */
  compound: boolean;
}

/** How a set of values writes durations; the first value that names a unit decides the words. */
function styleOf(samples: readonly string[]): Style {
  const style: Style = { long: true, spaced: true, minute: 'min', fractionalHours: false, compound: false };
  let decided = false;
  for (const s of samples) {
    const unit = /(\d+(?:\.\d+)?|\b[XN?])?(\s*)(?<![A-Za-z])(hours?|hrs?|h|minutes?|mins?|m)(?![A-Za-z])/i.exec(s);
    if (!unit) continue;
    const word = unit[3].toLowerCase();
    if (!decided) {
      style.long = word.length > 3;
      style.spaced = unit[2].length > 0 || !unit[1];
      if (!style.long && !word.startsWith('h')) style.minute = word.startsWith('mi') ? 'min' : 'm';
      decided = true;
    }
    if (/\d\s*h\w*\s+\d+\s*m/i.test(s)) style.compound = true;
    const minute = /\d\s*(mins?|m)(?![A-Za-z])/i.exec(s);
    if (minute && !style.long) style.minute = minute[1].toLowerCase().startsWith('mi') ? 'min' : 'm';
    const ms = parseDuration(s);
    if (ms !== undefined && ms < HOUR && /^h/.test(word)) style.fractionalHours = true;
  }
  return style;
}

function hoursText(ms: number, style: Style): string {
  const h = Math.max(0.1, Math.round((ms / HOUR) * 10) / 10);
  const n = String(h);
  const word = style.long ? (h === 1 ? 'hour' : 'hours') : 'h';
  return style.spaced ? `${n} ${word}` : `${n}${word}`;
}

function minutesText(minutes: number, style: Style): string {
  const word = style.long ? (minutes === 1 ? 'minute' : 'minutes') : style.minute;
  return style.spaced ? `${minutes} ${word}` : `${minutes}${word}`;
}

/**
 * `ms` written the way `samples` (the field's own value first, then the file's other values of
 * the same kind) write durations: `2.5 hours`, `2.5h`, `45 min`, `1h 30m`. Spans under an hour
 * are written in minutes unless the file writes them as fractions of an hour.
 */
export function formatDurationLike(ms: number, samples: readonly string[]): string {
  const style = styleOf(samples);
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  if (minutes < 60 && !style.fractionalHours) return minutesText(minutes, style);
  if (style.compound && minutes >= 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    const hText = style.long ? `${h} ${h === 1 ? 'hour' : 'hours'}` : style.spaced ? `${h} h` : `${h}h`;
    return m ? `${hText} ${minutesText(m, style)}` : hText;
  }
  return hoursText(ms, style);
}

/** A phase's field for the time it took. */
export function isActualField(name: string): boolean {
  return (
    name === 'actual duration' || name === 'actual effort' || name === 'effort actual' || name === 'actual time' || name === 'actual' || name === 'time spent'
  );
}

/** A phase's field for the time it is expected to take (`Estimated Complexity: Low` writes no duration and is skipped). */
export function isEstimateField(name: string): boolean {
  return /^(?:estimated?|est\.?)(?:\s+(?:duration|effort|time|hours))?$|^(?:duration|effort|time)\s+(?:est\.?|estimate)$|^effort$/.test(name);
}

/** A table header naming an estimate column: `Duration Est.`, `Estimate`, `Est. Hours`, `Effort`. */
export function isEstimateHeader(text: string): boolean {
  return isEstimateField(
    text
      .trim()
      .toLowerCase()
      .replace(/\*\*|__/g, ''),
  );
}

/** The Actual Duration field of a phase, when it has one. */
export function actualField(phase: Phase): Field | undefined {
  return phase.fields.find((f) => isActualField(f.name));
}

/** What a phase writes as its estimate: an estimate field, else its overview row's estimate cell. */
export function phaseEstimate(plan: Plan, phase: Phase): number | undefined {
  const own = timesOf(phase.fields).estimate;
  if (own !== undefined) return own;
  const at = phase.overviewRow;
  if (!at) return undefined;
  const table = plan.overviews[at.table];
  const col = table.header.cells.findIndex((c) => isEstimateHeader(c.text));
  const cell = col >= 0 ? table.rows[at.row].cells[col] : undefined;
  return cell ? parseDuration(cell.text) : undefined;
}

/** The time a phase's fields write it took (undefined while its Actual Duration is a placeholder). */
export function phaseActual(phase: Phase): number | undefined {
  return timesOf(phase.fields).actual;
}

/** How far past its estimate a phase may run before it is shown as overrunning. */
export const OVERRUN_FACTOR = 1.5;

export function isOverrun(actualMs: number | undefined, estimateMs: number | undefined): boolean {
  return actualMs !== undefined && estimateMs !== undefined && estimateMs > 0 && actualMs > OVERRUN_FACTOR * estimateMs;
}

/** The values of the file's Actual Duration fields, `first` first: the samples of its style. */
export function actualSamples(plan: Plan, first: Field): string[] {
  const out = [first.value];
  for (const p of plan.phases) for (const f of p.fields) if (f !== first && isActualField(f.name) && parseDuration(f.value) !== undefined) out.push(f.value);
  // Estimates show the file's words for time when no actual value is written yet.
  for (const p of plan.phases) for (const f of p.fields) if (isEstimateField(f.name)) out.push(f.value);
  return out;
}
