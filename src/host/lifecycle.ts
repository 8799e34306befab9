/**
 * Lifetimes: what a feature must release when it goes away, and delayed work that a newer
 * event replaces or joins. No `vscode` import (its Disposable fits `DisposableLike`): unit-tested.
 */

export interface DisposableLike {
  dispose(): unknown;
}

export function toDisposable(dispose: () => void): DisposableLike {
  return { dispose };
}

/**
 * Holds disposables and releases them all, once, in the order they were added. A base class
 * for the extension's providers and services; anything added after dispose() is released at once.
 */
export class Disposer implements DisposableLike {
  private readonly held: DisposableLike[] = [];
  private disposed = false;

  /** Adds disposables to release with this one; returns the first. */
  protected track<T extends DisposableLike>(first: T, ...more: DisposableLike[]): T {
    for (const d of [first, ...more]) {
      if (this.disposed) d.dispose();
      else this.held.push(d);
    }
    return first;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.held.splice(0)) d.dispose();
  }
}

/** The timer functions, replaceable in tests. */
export interface Clock {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Delayed runs, one at a time per key (a document, or one key for a whole feature):
 * - `debounce`: runs once the calls for a key pause for `ms` (each call starts the wait again);
 * - `throttle`: runs `ms` after the first call; calls meanwhile join that run (the last
 *   function given is the one that runs).
 * The extension's one way to delay work; dispose() cancels everything pending.
 */
export class Debouncer<K = string> implements DisposableLike {
  private readonly pending = new Map<K, { handle: unknown; run: () => void }>();

  constructor(private readonly clock: Clock = realClock) {}

  debounce(key: K, ms: number, run: () => void): void {
    this.cancel(key);
    this.start(key, ms, run);
  }

  throttle(key: K, ms: number, run: () => void): void {
    const waiting = this.pending.get(key);
    if (waiting) waiting.run = run;
    else this.start(key, ms, run);
  }

  /** True while a run for `key` waits. */
  has(key: K): boolean {
    return this.pending.has(key);
  }

  /** Drops the run waiting for `key`, if any. */
  cancel(key: K): void {
    const waiting = this.pending.get(key);
    if (!waiting) return;
    this.clock.clearTimeout(waiting.handle);
    this.pending.delete(key);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }

  private start(key: K, ms: number, run: () => void): void {
    const entry = { handle: undefined as unknown, run };
    this.pending.set(key, entry);
    entry.handle = this.clock.setTimeout(() => {
      if (this.pending.get(key) !== entry) return;
      this.pending.delete(key);
      entry.run();
    }, ms);
  }
}
