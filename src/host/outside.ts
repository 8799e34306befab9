/**
 * Status changes that Phasewise did not make (typed by hand, written by another program or an
 * agent) are found by comparing the model before and after, and recorded in the history as
 * "outside" changes. Typing is compared once it pauses, so half-typed words do not count.
 */
import type * as vscode from 'vscode';
import type { Plan } from '../core';
import { eventsFor } from './apply';
import type { History } from './history';
import { Debouncer, Disposer } from './lifecycle';
import type { PlanChange, PlanStore } from './store';

export class OutsideChanges extends Disposer {
  /** Per file: the model the last recorded statuses came from. */
  private readonly baseline = new Map<string, { uri: vscode.Uri; plan: Plan }>();
  /** Per file: the comparison waiting for typing to pause. */
  private readonly typing = this.track(new Debouncer());

  constructor(
    private readonly store: PlanStore,
    private readonly history: History,
    private readonly typingDelayMs = 1500,
  ) {
    super();
    for (const e of store.all()) this.baseline.set(e.uri.toString(), { uri: e.uri, plan: e.doc.plan });
    this.track(store.onDidChange((e) => this.onChange(e)));
  }

  private onChange(e: PlanChange): void {
    const key = e.uri.toString();
    if (!e.after) {
      this.typing.cancel(key);
      this.baseline.delete(key);
      return;
    }
    const base = this.baseline.get(key);
    if (!base) {
      this.baseline.set(key, { uri: e.uri, plan: e.after });
      return;
    }
    switch (e.source) {
      case 'phasewise':
        // Our own edit: whatever was typed before it is settled first; the edit records itself.
        if (e.before) this.compare(key, e.before);
        this.baseline.set(key, { uri: e.uri, plan: e.after });
        return;
      case 'outside':
      case 'save':
      case 'discovery': // read again, e.g. a document closed without saving: back to the file's statuses
        this.compare(key, e.after);
        return;
      case 'typing':
        this.typing.debounce(key, this.typingDelayMs, () => {
          const now = this.store.get(e.uri);
          if (now) this.compare(key, now.doc.plan);
        });
        return;
    }
  }

  /** Records the transitions from the baseline to `plan` and makes `plan` the baseline. */
  private compare(key: string, plan: Plan): void {
    this.typing.cancel(key);
    const base = this.baseline.get(key);
    if (!base) return;
    this.baseline.set(key, { uri: base.uri, plan });
    if (base.plan === plan) return;
    void this.history.record(eventsFor(base.uri, base.plan, plan, 'outside'));
  }
}
