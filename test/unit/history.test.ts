import assert from 'node:assert/strict';
import { isPaused, readHistory, timeInProgress, type HistoryEvent, type TimerEvent } from '../../src/host/historyModel';

const FILE = 'file:///plan.md';
const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 2, 9, 0);

function status(key: string, from: HistoryEvent['from'], to: HistoryEvent['to'], minutes: number): HistoryEvent {
  return { file: FILE, target: 'phase', key, label: `Phase ${key}`, from, to, time: T0 + minutes * MIN, source: 'command' };
}
function timer(key: string, t: TimerEvent['timer'], minutes: number): TimerEvent {
  return { file: FILE, key, label: `Phase ${key}`, timer: t, time: T0 + minutes * MIN };
}
const silent = { warn: () => undefined, info: () => undefined };

describe('history: time in progress, with Pause timer and Resume timer', () => {
  const started = [status('2', 'pending', 'in-progress', 0)];

  it('counts from the start until now, and nothing for an element never started', () => {
    assert.equal(timeInProgress(started, FILE, '2', T0 + 90 * MIN), 90 * MIN);
    assert.equal(timeInProgress(started, FILE, '3', T0 + 90 * MIN), undefined);
  });

  it('leaves paused time out, and a paused clock stands still', () => {
    const timers = [timer('2', 'pause', 30), timer('2', 'resume', 50)];
    assert.equal(timeInProgress(started, FILE, '2', T0 + 90 * MIN, timers), 70 * MIN);
    const stillPaused = [timer('2', 'pause', 30)];
    assert.equal(timeInProgress(started, FILE, '2', T0 + 90 * MIN, stillPaused), 30 * MIN);
    assert.equal(timeInProgress(started, FILE, '2', T0 + 300 * MIN, stillPaused), 30 * MIN);
    assert.equal(isPaused(started, stillPaused, FILE, '2'), true);
    assert.equal(isPaused(started, timers, FILE, '2'), false);
  });

  it('ends a pause at a status change: completing a paused phase stops at the pause', () => {
    const events = [...started, status('2', 'in-progress', 'completed', 60)];
    assert.equal(timeInProgress(events, FILE, '2', T0 + 500 * MIN, [timer('2', 'pause', 20)]), 20 * MIN);
    // Restarted after completion: the clock runs again, unpaused.
    const again = [...events, status('2', 'completed', 'in-progress', 100)];
    assert.equal(timeInProgress(again, FILE, '2', T0 + 110 * MIN, [timer('2', 'pause', 20)]), 30 * MIN);
    assert.equal(isPaused(again, [timer('2', 'pause', 20)], FILE, '2'), false);
  });

  it('counts a pause only while in progress', () => {
    const events = [...started, status('2', 'in-progress', 'blocked', 10), status('2', 'blocked', 'in-progress', 40)];
    assert.equal(timeInProgress(events, FILE, '2', T0 + 60 * MIN, [timer('2', 'pause', 20), timer('2', 'resume', 30)]), 30 * MIN);
  });
});

describe('history: stored timers', () => {
  it('keeps timers beside the status events, and reads a value without them', () => {
    const stored = { version: 2, events: [status('1', 'pending', 'in-progress', 0)], timers: [timer('1', 'pause', 5)] };
    const read = readHistory(stored, silent);
    assert.equal(read.repaired, false);
    assert.deepEqual(read.timers, stored.timers);
    assert.deepEqual(readHistory({ version: 2, events: [] }, silent).timers, []);
  });

  it('keeps the readable timers of a damaged value', () => {
    const read = readHistory({ version: 2, events: [{ nonsense: true }], timers: [timer('1', 'pause', 5), { timer: 'stop' }] }, silent);
    assert.equal(read.repaired, true);
    assert.deepEqual(read.timers, [timer('1', 'pause', 5)]);
  });
});
