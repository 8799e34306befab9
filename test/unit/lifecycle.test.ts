// Disposers and the one debouncer the host delays work with.
import assert from 'node:assert/strict';
import { Debouncer, Disposer, type Clock } from '../../src/host/lifecycle';

describe('lifecycle', () => {
  class Probe extends Disposer {
    add(d: { dispose(): unknown }): void {
      this.track(d);
    }
  }

  it('releases what a Disposer holds once, in order, and at once what comes later', () => {
    const log: string[] = [];
    const p = new Probe();
    p.add({ dispose: () => log.push('a') });
    p.add({ dispose: () => log.push('b') });
    p.dispose();
    p.dispose();
    assert.deepEqual(log, ['a', 'b']);
    p.add({ dispose: () => log.push('late') });
    assert.deepEqual(log, ['a', 'b', 'late']);
    assert.equal(p.isDisposed, true);
  });

  /** A clock whose time moves only when told. */
  function fakeClock(): Clock & { advance(ms: number): void } {
    let now = 0;
    let next = 0;
    const timers = new Map<number, { at: number; run: () => void }>();
    return {
      setTimeout: (run, ms) => (timers.set(++next, { at: now + ms, run }), next),
      clearTimeout: (handle) => void timers.delete(handle as number),
      advance(ms) {
        now += ms;
        for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
          if (t.at > now) continue;
          timers.delete(id);
          t.run();
        }
      },
    };
  }

  it('debounces: runs once the calls for a key pause', () => {
    const clock = fakeClock();
    const d = new Debouncer(clock);
    const runs: string[] = [];
    d.debounce('a', 100, () => runs.push('a1'));
    clock.advance(60);
    d.debounce('a', 100, () => runs.push('a2'));
    d.debounce('b', 100, () => runs.push('b'));
    clock.advance(60);
    assert.deepEqual(runs, []);
    assert.ok(d.has('a'));
    clock.advance(40);
    assert.deepEqual(runs, ['a2', 'b']);
    assert.ok(!d.has('a'));
  });

  it('throttles: runs after the first call, with the last function given', () => {
    const clock = fakeClock();
    const d = new Debouncer<'x'>(clock);
    const runs: number[] = [];
    d.throttle('x', 100, () => runs.push(1));
    clock.advance(60);
    d.throttle('x', 100, () => runs.push(2));
    clock.advance(40);
    assert.deepEqual(runs, [2]);
    d.throttle('x', 100, () => runs.push(3));
    clock.advance(100);
    assert.deepEqual(runs, [2, 3]);
  });

  it('cancels one key, or everything on dispose', () => {
    const clock = fakeClock();
    const d = new Debouncer(clock);
    const runs: string[] = [];
    d.debounce('a', 10, () => runs.push('a'));
    d.debounce('b', 10, () => runs.push('b'));
    d.cancel('a');
    clock.advance(10);
    assert.deepEqual(runs, ['b']);
    d.debounce('c', 10, () => runs.push('c'));
    d.dispose();
    clock.advance(10);
    assert.deepEqual(runs, ['b']);
  });

  it('uses real timers by default', async () => {
    const d = new Debouncer();
    const ran = await new Promise<boolean>((done) => d.debounce('k', 1, () => done(true)));
    assert.ok(ran);
  });
});
