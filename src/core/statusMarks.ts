/**
 * Status values that are not words: a box at the start of a value (`[x] Complete`) and a count
 * of done work (`3/3 tasks complete`). status.ts reads and writes them.
 */
import type { KnownStatus } from './model';

/** A task box (`[ ]`, `[x]`, `[-]`) written at the start of a status value. */
export const BOX = /^\[([ xX\-/~])\](?=[ \t]|$)/;
export const BOX_STATUS: Record<string, KnownStatus> = {
  x: 'completed',
  X: 'completed',
  '-': 'in-progress',
  '/': 'in-progress',
  '~': 'blocked',
  ' ': 'pending',
};

/** True when a status phrase's decoration is a box. */
export function isBox(decoration: string): boolean {
  return BOX.test(decoration);
}

/** The box for `status` in the shape of `like`: checked when completed, else open (as the document writes it). */
export function boxFor(like: string, status: KnownStatus): string {
  if (status === 'completed') return like[1] === 'X' ? '[X]' : '[x]';
  return '[ ]';
}

/** A count of done work at the start of a status value: `3/3 tasks complete (100%)`, `0/24`. */
const COUNT = /^(\d{1,3})[ \t]*\/[ \t]*(\d{1,3})(?![\d/])/;
/** The same after leading blanks (a field value as written), without a trimmed copy on every build. */
const LEADING_COUNT = new RegExp('^\\s*' + COUNT.source.slice(1));

/** True when a status value starts with a count of done work (`3/3 tasks complete`). */
export function isCountStatus(text: string): boolean {
  return LEADING_COUNT.test(text);
}

/** `3/3 tasks complete`: all done is completed, none pending, some in progress. The phrase is the count. */
export function countAt(text: string, i: number): { status: KnownStatus; phraseStart: number; phraseEnd: number; word: string } | undefined {
  const m = COUNT.exec(text.slice(i, i + 12));
  if (!m) return undefined;
  const done = Number(m[1]);
  const total = Number(m[2]);
  if (total === 0 || done > total) return undefined;
  const status: KnownStatus = done === total ? 'completed' : done === 0 ? 'pending' : 'in-progress';
  return { status, phraseStart: i, phraseEnd: i + m[0].length, word: '' };
}
