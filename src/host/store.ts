/**
 * The plans of the workspace: found by content in every workspace folder, parsed with the core's
 * incremental parser, and kept current on typing, on save, and when another program writes a
 * file (file-system watchers, no polling). Files are read through `workspace.fs` and open
 * documents through `TextDocument`, so remote and virtual workspaces work too.
 */
import * as vscode from 'vscode';
import { PlanDocument, type Plan, type TextChange } from '../core';
import { DEFAULT_EXCLUDE, MAX_PLAN_BYTES, isPlanLike, mayBePlan } from '../core';
import { globMatcher, isPlanFile, relativePath } from './globs';
import { SETTINGS, Setting, settingKey } from './ids';
import { Debouncer, Disposer } from './lifecycle';

export type ChangeSource = 'typing' | 'outside' | 'save' | 'discovery' | 'phasewise';

export interface PlanEntry {
  readonly uri: vscode.Uri;
  /** The parsed document; replaced (never mutated) on every change. */
  readonly doc: PlanDocument;
  /** The version of the open TextDocument this was parsed from; undefined when read from disk. */
  readonly version: number | undefined;
}

export interface PlanChange {
  readonly uri: vscode.Uri;
  readonly before: Plan | undefined;
  readonly after: Plan | undefined;
  readonly source: ChangeSource;
}

const decoder = new TextDecoder('utf-8');

/** Events closer together than this for one file are one read (a write can cause several). */
const READ_DELAY_MS = 50;

/** The plan-file globs of the folder that holds `uri`. */
function globsOf(folder: vscode.WorkspaceFolder): { planFiles: string; exclude: string | undefined } {
  const config = vscode.workspace.getConfiguration(SETTINGS, folder.uri);
  return { planFiles: config.get<string>(Setting.planFiles) || '**/*.md', exclude: config.get<string>(Setting.exclude, DEFAULT_EXCLUDE) || undefined };
}

function toChanges(e: vscode.TextDocumentChangeEvent): TextChange[] | undefined {
  if (e.contentChanges.length !== 1) return undefined; // several ranges: the parser finds the changed span itself
  const c = e.contentChanges[0];
  return [{ offset: c.rangeOffset, length: c.rangeLength, text: c.text }];
}

export class PlanStore extends Disposer {
  private readonly entries = new Map<string, PlanEntry>();
  /**
   * Markdown documents read that are not plans, kept parsed like plans so that typing in them
   * is parsed incrementally too (a big README is re-read on every keystroke otherwise).
   */
  private readonly others = new Map<string, PlanEntry>();
  private sorted: PlanEntry[] | undefined;
  private generation = 0;
  private readonly emitter = this.track(new vscode.EventEmitter<PlanChange>());
  private watchers: vscode.Disposable[] = [];
  private scanning: Promise<void> | undefined;
  private readonly pendingReads = this.track(new Debouncer());

  /** Fires after a plan was added, changed or removed. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this.track(
      { dispose: () => this.watchers.splice(0).forEach((w) => w.dispose()) },
      vscode.workspace.onDidChangeTextDocument((e) => this.onTyped(e)),
      vscode.workspace.onDidOpenTextDocument((d) => this.onOpened(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onClosed(d)),
      vscode.workspace.onDidSaveTextDocument((d) => this.onSaved(d)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(settingKey(Setting.planFiles)) || e.affectsConfiguration(settingKey(Setting.exclude))) void this.refresh();
      }),
    );
  }

  /** All known plans, ordered by path. */
  all(): readonly PlanEntry[] {
    this.sorted ??= [...this.entries.values()].sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
    return this.sorted;
  }

  /** How many plans are known (without sorting them). */
  get size(): number {
    return this.entries.size;
  }

  get(uri: vscode.Uri): PlanEntry | undefined {
    return this.entries.get(uri.toString());
  }

  /** Waits for the discovery in progress, if any. */
  ready(): Promise<void> {
    return this.scanning ?? Promise.resolve();
  }

  /** Rediscovers the plans of every workspace folder and restarts the file watchers. */
  refresh(): Promise<void> {
    // A newer refresh supersedes one in progress: the older scan stops at its next step.
    const generation = ++this.generation;
    const scan = (this.scanning ?? Promise.resolve()).then(() => this.scan(generation));
    const done: Promise<void> = scan
      .catch((err) => this.log.error(`Discovery failed: ${String(err)}`))
      .finally(() => {
        if (this.scanning === done) this.scanning = undefined;
      });
    this.scanning = done;
    return done;
  }

  private async scan(generation: number): Promise<void> {
    if (generation !== this.generation) return;
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const found = new Set<string>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const globs = globsOf(folder);
      const pattern = new vscode.RelativePattern(folder, globs.planFiles);
      this.watch(folder, pattern, globs.exclude);
      let uris: vscode.Uri[] = [];
      try {
        // No exclude argument: then `files.exclude` applies; our own exclude is matched below.
        uris = await vscode.workspace.findFiles(pattern);
      } catch (err) {
        this.log.warn(`Could not list files in ${folder.name}: ${String(err)}`);
      }
      for (const uri of uris) {
        if (generation !== this.generation) return;
        if (!this.matches(uri)) continue;
        found.add(uri.toString());
        await this.load(uri, 'discovery');
      }
    }
    if (generation !== this.generation) return;
    // Open documents that are already known stay (untitled plans, plans opened from elsewhere).
    for (const d of vscode.workspace.textDocuments)
      if (!d.isClosed && d.languageId === 'markdown' && this.entries.has(d.uri.toString())) found.add(d.uri.toString());
    for (const key of [...this.entries.keys()]) {
      if (!found.has(key)) this.remove(this.entries.get(key)!.uri, 'discovery');
    }
    this.log.info(`Found ${this.entries.size} plan${this.entries.size === 1 ? '' : 's'} in ${found.size} Markdown file${found.size === 1 ? '' : 's'}.`);
  }

  private watch(folder: vscode.WorkspaceFolder, pattern: vscode.RelativePattern, exclude: string | undefined): void {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const excluded = (uri: vscode.Uri): boolean => {
      const relative = relativePath(folder.uri.path, uri.path);
      return !!exclude && relative !== undefined && globMatcher(exclude)(relative);
    };
    const onDisk = (uri: vscode.Uri): void => {
      if (excluded(uri) || this.openDocument(uri)) return; // open documents report their own changes
      this.scheduleRead(uri);
    };
    this.watchers.push(
      watcher,
      watcher.onDidChange(onDisk),
      watcher.onDidCreate(onDisk),
      watcher.onDidDelete((uri) => {
        // A loaded document with unsaved changes can still be saved back: keep its plan until then.
        if (!this.openDocument(uri)?.isDirty) this.remove(uri, 'outside');
      }),
    );
  }

  /** Coalesces the bursts of events one write can cause. */
  private scheduleRead(uri: vscode.Uri): void {
    this.pendingReads.debounce(uri.toString(), READ_DELAY_MS, () => void this.load(uri, 'outside'));
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
  }

  /** True when `uri` is in a workspace folder and matches the plan-file globs. */
  matches(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const relative = relativePath(folder.uri.path, uri.path);
    if (relative === undefined) return false;
    const { planFiles, exclude } = globsOf(folder);
    return isPlanFile(relative, planFiles, exclude);
  }

  /** Reads a file (from its open document when there is one) and adds, updates or drops its plan. */
  private async load(uri: vscode.Uri, source: ChangeSource): Promise<void> {
    const open = this.openDocument(uri);
    if (open) {
      this.setText(uri, open.getText(), open.version, source, undefined);
      return;
    }
    let bytes: Uint8Array;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_PLAN_BYTES) {
        this.log.warn(
          `Skipped ${vscode.workspace.asRelativePath(uri)}: ${(stat.size / 1048576).toFixed(1)} MB is more than Phasewise reads (${MAX_PLAN_BYTES / 1048576} MB).`,
        );
        this.remove(uri, source);
        return;
      }
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (err) {
      this.log.warn(`Could not read ${vscode.workspace.asRelativePath(uri)}: ${String(err)}`);
      this.remove(uri, source);
      return;
    }
    if (bytes.includes(0)) {
      this.remove(uri, source); // binary
      return;
    }
    // The file may have been opened while it was read: the open document is the truth then.
    const openNow = this.openDocument(uri);
    if (openNow) this.setText(uri, openNow.getText(), openNow.version, source, undefined);
    else this.setText(uri, decoder.decode(bytes), undefined, source, undefined);
  }

  private setText(uri: vscode.Uri, text: string, version: number | undefined, source: ChangeSource, changes: TextChange[] | undefined): void {
    const key = uri.toString();
    const old = this.entries.get(key) ?? this.others.get(key);
    if (old && old.doc.text === text) {
      if (old.version !== version) (this.entries.has(key) ? this.entries : this.others).set(key, { uri, doc: old.doc, version });
      return;
    }
    if (text.length > MAX_PLAN_BYTES) {
      if (old || !this.tooBig.has(key))
        this.log.warn(`Not reading ${vscode.workspace.asRelativePath(uri)} as a plan: it is larger than ${MAX_PLAN_BYTES / 1048576} MB.`);
      this.tooBig.add(key);
      this.others.delete(key);
      this.remove(uri, source);
      return;
    }
    this.tooBig.delete(key);
    if (!mayBePlan(text)) {
      // Certainly no plan (a quick look, no parse): nothing is kept but the version seen.
      this.others.delete(key);
      this.skipped.set(key, version);
      this.remove(uri, source);
      return;
    }
    this.skipped.delete(key);
    const doc = this.parse(uri, text, old?.doc, changes);
    if (!doc) return; // logged; the previous model stays
    const plan = doc.plan;
    if (!isPlanLike(plan)) {
      this.others.set(key, { uri, doc, version });
      if (this.entries.has(key)) this.remove(uri, source);
      return;
    }
    const wasPlan = this.entries.get(key);
    this.others.delete(key);
    this.entries.set(key, { uri, doc, version });
    this.sorted = undefined;
    this.emitter.fire({ uri, before: wasPlan?.doc.plan, after: plan, source });
  }

  /** The new model: incremental from `base` when there is one; never lost to a parser failure. */
  private parse(uri: vscode.Uri, text: string, base: PlanDocument | undefined, changes: TextChange[] | undefined): PlanDocument | undefined {
    if (base) {
      try {
        const doc = base.update(text, changes);
        void doc.plan; // built here, so a failure is caught here
        return doc;
      } catch (err) {
        this.log.error(`Incremental update of ${vscode.workspace.asRelativePath(uri)} failed (${String(err)}); parsing it again.`);
      }
    }
    try {
      const doc = PlanDocument.parse(text);
      void doc.plan;
      return doc;
    } catch (err) {
      this.log.error(`Could not read ${vscode.workspace.asRelativePath(uri)}: ${String(err)}`);
      return undefined;
    }
  }

  private remove(uri: vscode.Uri, source: ChangeSource): void {
    const key = uri.toString();
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.sorted = undefined;
    this.emitter.fire({ uri, before: old.doc.plan, after: undefined, source });
  }

  private onTyped(e: vscode.TextDocumentChangeEvent): void {
    if (e.document.languageId !== 'markdown' || e.contentChanges.length === 0) return;
    const key = e.document.uri.toString();
    if (!this.entries.has(key) && !this.others.has(key) && !this.matches(e.document.uri)) return;
    if (!this.readable(e.document.uri)) return;
    // A reload from disk of an open, unmodified document is another program's write.
    const source: ChangeSource = this.expectedEdits.has(key) ? 'phasewise' : e.reason === undefined && !e.document.isDirty ? 'outside' : 'typing';
    // The change's offsets are relative to the previous version: only usable when the model is of
    // exactly that version (a model read from disk, or one that missed an event, is diffed instead).
    const old = this.entries.get(key) ?? this.others.get(key);
    const changes = old && old.version === e.document.version - 1 ? toChanges(e) : undefined;
    this.setText(e.document.uri, e.document.getText(), e.document.version, source, changes);
  }

  private onOpened(d: vscode.TextDocument): void {
    if (d.languageId !== 'markdown' || !this.matches(d.uri)) return;
    this.setText(d.uri, d.getText(), d.version, 'discovery', undefined);
  }

  private onClosed(d: vscode.TextDocument): void {
    if (d.languageId !== 'markdown') return;
    const key = d.uri.toString();
    if (!this.entries.has(key) && !this.others.has(key) && !this.skipped.has(key)) return;
    this.others.delete(key);
    this.skipped.delete(key);
    if (d.uri.scheme === 'untitled' || !this.matches(d.uri)) {
      this.remove(d.uri, 'discovery');
      return;
    }
    // Unsaved changes are gone with the document: the file on disk is the plan again.
    void this.load(d.uri, 'discovery');
  }

  private onSaved(d: vscode.TextDocument): void {
    const entry = this.entries.get(d.uri.toString());
    if (entry) this.emitter.fire({ uri: d.uri, before: entry.doc.plan, after: entry.doc.plan, source: 'save' });
  }

  // ---- edits made by Phasewise itself ----

  private readonly expectedEdits = new Set<string>();
  /** Documents over MAX_PLAN_BYTES (logged once each). */
  private readonly tooBig = new Set<string>();
  /** Documents the quick look ruled out, with the version it looked at (undefined: read from disk). */
  private readonly skipped = new Map<string, number | undefined>();

  /** Runs `apply` (which edits `uri`) with changes to that document attributed to Phasewise. */
  async asPhasewise<T>(uri: vscode.Uri, apply: () => Thenable<T>): Promise<T> {
    const key = uri.toString();
    this.expectedEdits.add(key);
    try {
      return await apply();
    } finally {
      this.expectedEdits.delete(key);
    }
  }

  /** The entry for a document, brought up to date with its text (parsing it if it is new). */
  sync(document: vscode.TextDocument): PlanEntry | undefined {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (entry && entry.version === document.version) return entry;
    if (this.others.get(key)?.version === document.version || (this.skipped.has(key) && this.skipped.get(key) === document.version)) return undefined;
    if (!this.readable(document.uri)) return undefined;
    this.setText(document.uri, document.getText(), document.version, 'typing', undefined);
    return this.entries.get(key);
  }

  /**
   * True for documents Phasewise may treat as plans: in the workspace's plan files, untitled,
   * or on a writable file system (not a past revision from source control, not an output).
   */
  private readable(uri: vscode.Uri): boolean {
    if (uri.scheme === 'untitled' || this.matches(uri)) return true;
    return vscode.workspace.fs.isWritableFileSystem(uri.scheme) === true;
  }
}
