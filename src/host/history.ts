/**
 * The history of status changes, kept in workspace state: what the Markdown file cannot say
 * (when a phase was started, by which action, how long it has been in progress). The Markdown
 * stays the only truth for the statuses themselves; this is a log beside it.
 *
 * The stored value is validated on every read (historyModel.ts). An older layout is migrated;
 * anything unreadable is set aside and the history starts again, with a warning in the log.
 */
import * as vscode from 'vscode';
import { HISTORY_VERSION, isPaused, readHistory, timeInProgress, type HistoryEvent, type Logger, type TimerEvent } from './historyModel';

export const HISTORY_KEY = 'phasewise.history';

export class History implements vscode.Disposable {
  private events: HistoryEvent[];
  /** Pause timer / Resume timer, in order. */
  private timers: TimerEvent[];
  /** file -> key -> that element's events, in order: time in progress without a scan of everything. */
  private index = new Map<string, Map<string, HistoryEvent[]>>();
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires after events were recorded or the history was cleared. */
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Logger,
    private readonly maxEvents: () => number,
  ) {
    const read = readHistory(state.get(HISTORY_KEY), log);
    this.events = read.events;
    this.timers = read.timers;
    this.reindex();
    if (read.repaired) void this.save();
  }

  all(): readonly HistoryEvent[] {
    return this.events;
  }

  forFile(file: string): HistoryEvent[] {
    return [...(this.index.get(file)?.values() ?? [])].flat().sort((a, b) => a.time - b.time);
  }

  /** Adds events (not for untitled documents, whose names VS Code reuses) and trims the oldest. */
  async record(events: readonly HistoryEvent[]): Promise<void> {
    const kept = events.filter((e) => !e.file.startsWith('untitled:'));
    if (!kept.length) return;
    this.events.push(...kept);
    const max = this.limit();
    if (this.events.length > max) {
      this.events.splice(0, this.events.length - max);
      this.reindex();
    } else for (const e of kept) this.add(e);
    await this.save();
    this.emitter.fire();
  }

  timeInProgress(file: string, key: string, now = Date.now()): number | undefined {
    const list = this.index.get(file)?.get(key);
    return list ? timeInProgress(list, file, key, now, this.timersOf(file, key)) : undefined;
  }

  /** True when the element's timer is paused (it is still in progress in the file). */
  isPaused(file: string, key: string): boolean {
    return isPaused(this.index.get(file)?.get(key) ?? [], this.timersOf(file, key), file, key);
  }

  /** Stops or restarts the clock of an element without a status change. */
  async setTimer(file: string, key: string, label: string, timer: TimerEvent['timer'], time = Date.now()): Promise<void> {
    this.timers.push({ file, key, label, timer, time });
    // Timer events of elements the status history no longer holds have nothing to pause.
    if (this.timers.length > this.limit()) this.timers = this.timers.filter((t) => this.index.get(t.file)?.has(t.key));
    await this.save();
    this.emitter.fire();
  }

  private timersOf(file: string, key: string): TimerEvent[] {
    return this.timers.filter((t) => t.key === key && t.file === file);
  }

  async clear(): Promise<void> {
    this.events = [];
    this.timers = [];
    this.reindex();
    await this.save();
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private limit(): number {
    const n = Number(this.maxEvents());
    return Number.isFinite(n) ? Math.min(20000, Math.max(100, Math.floor(n))) : 2000;
  }

  private add(e: HistoryEvent): void {
    let byKey = this.index.get(e.file);
    if (!byKey) this.index.set(e.file, (byKey = new Map()));
    const list = byKey.get(e.key);
    if (list) list.push(e);
    else byKey.set(e.key, [e]);
  }

  private reindex(): void {
    this.index = new Map();
    for (const e of this.events) this.add(e);
  }

  private async save(): Promise<void> {
    try {
      // Timers only when there are some: the stored layout stays what it was without them.
      await this.state.update(HISTORY_KEY, { version: HISTORY_VERSION, events: this.events, ...(this.timers.length ? { timers: this.timers } : {}) });
    } catch (err) {
      this.log.warn(`Could not store the status history: ${String(err)}`);
    }
  }
}
