/** Dates as plans write them: `2026-11-21`, and `2026-11-21 14:05` where a time is kept. Local time. */

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD`. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** `YYYY-MM-DD HH:MM`, or the date alone when the value it replaces has a date and no time. */
export function formatTimestamp(now: Date, existing: string): string {
  const hasTime = /\d{1,2}:\d{2}|HH:MM/i.test(existing) || !/\d{4}-\d{2}-\d{2}|YYYY-MM-DD/i.test(existing);
  return hasTime ? `${isoDate(now)} ${pad2(now.getHours())}:${pad2(now.getMinutes())}` : isoDate(now);
}
