/**
 * The six plan tools over the workspace as VS Code holds it: files are found inside the
 * workspace folders only (no `..` out, no symbolic link on the way), read from their open
 * documents when they are open (unsaved changes included), and changed through the same
 * WorkspaceEdit path as lenses and commands (one undo, saved as they save, recorded in the
 * history as the agent's). Calls on one file run one after another.
 */
import * as vscode from 'vscode';
import {
  MAX_PLAN_BYTES,
  NOTHING_LEFT,
  type Plan,
  type Selector,
  type TemplateKind,
  type ToolOutcome,
  SeenTexts,
  checkPlanOutcome,
  nextStepOutcome,
  parsePlan,
  planSection,
  planStatusChange,
  readPlanOutcome,
  resolveSelector,
  sectionOutcome,
  statusOutcome,
  toListEntry,
  describeTarget,
  type Status,
} from '../../core';
import { applyToDocument, eventsFor, measuredTime } from '../apply';
import { relativePath } from '../globs';
import type { Services } from '../services';
import { ToolInputError, candidatePaths, isAbsoluteToolPath, toolPathSegments } from './paths';

interface Opened {
  uri: vscode.Uri;
  /** The file as the tools name it: relative to its folder (with the folder's name in a multi-root workspace). */
  file: string;
  document: vscode.TextDocument;
  plan: Plan;
}

export class WorkspaceTools {
  private readonly seen = new SeenTexts();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly s: Services,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The workspace file `file` names; an error sentence when it is outside every folder or missing. */
  async locate(file: string): Promise<vscode.Uri> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) throw new ToolInputError('No folder is open in VS Code; open the workspace that holds the plan.');
    const outside = `${file} is outside the workspace; the tools read only files inside its folders.`;
    let tries: Array<{ folder: vscode.WorkspaceFolder; segments: string[] }>;
    if (isAbsoluteToolPath(file)) {
      const path = file.replace(/\\/g, '/').replace(/^([A-Za-z]):/, (_, d: string) => `/${d.toLowerCase()}:`);
      tries = folders.flatMap((folder) => {
        const rel = relativePath(
          folder.uri.path.replace(/^\/([A-Z]):/, (_, d: string) => `/${d.toLowerCase()}:`),
          path,
        );
        return rel === undefined ? [] : [{ folder, segments: toolPathSegments(rel) }];
      });
      if (!tries.length) throw new ToolInputError(outside);
    } else {
      const segments = toolPathSegments(file);
      tries = folders.flatMap((folder) => candidatePaths(segments, folder.name, folders.length > 1).map((segs) => ({ folder, segments: segs })));
    }
    for (const { folder, segments } of tries) {
      const uri = await this.existing(folder.uri, segments, file);
      if (uri) return uri;
    }
    throw new ToolInputError(`${file}: no such file in the workspace.`);
  }

  /** The file at `segments` below `root` when it exists, checking that no part of the way is a symbolic link. */
  private async existing(root: vscode.Uri, segments: readonly string[], file: string): Promise<vscode.Uri | undefined> {
    for (let i = 1; i <= segments.length; i++) {
      const uri = vscode.Uri.joinPath(root, ...segments.slice(0, i));
      let stat: vscode.FileStat;
      try {
        stat = await vscode.workspace.fs.stat(uri);
      } catch {
        return undefined;
      }
      if (stat.type & vscode.FileType.SymbolicLink)
        throw new ToolInputError(`${file} leads through a symbolic link; the tools read only files inside the workspace.`);
      if (i < segments.length && !(stat.type & vscode.FileType.Directory)) return undefined;
      if (i === segments.length) {
        if (stat.type & vscode.FileType.Directory) throw new ToolInputError(`${file} is a folder; give a Markdown file inside it.`);
        if (stat.size > MAX_PLAN_BYTES) throw new ToolInputError(`${file} is ${(stat.size / 1048576).toFixed(1)} MB, more than Phasewise reads as a plan.`);
        return uri;
      }
    }
    return undefined;
  }

  /** The document of `file` (at `located`, when the caller found it already) as it is now, its open editor's text when it is open, and its plan. */
  private async open(file: string, located?: vscode.Uri): Promise<Opened> {
    const uri = located ?? (await this.locate(file));
    const key = uri.toString();
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.includes(0)) throw new ToolInputError(`${file} is a binary file, not a Markdown plan.`);
    }
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch (err) {
      throw new ToolInputError(`${file} cannot be opened as text: ${err instanceof Error ? err.message : String(err)}.`);
    }
    const plan = this.s.store.sync(document)?.doc.plan ?? parsePlan(document.getText());
    return { uri, file: vscode.workspace.asRelativePath(uri), document, plan };
  }

  /** Runs `work` on the file after the calls already queued for it. */
  private async serial<T>(file: string, work: (uri: vscode.Uri) => Promise<T>): Promise<T> {
    const uri = await this.locate(file);
    const key = uri.toString();
    const before = this.queues.get(key) ?? Promise.resolve();
    const go = (): Promise<T> => work(uri);
    const run = before.then(go, go);
    const tail = run.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => this.queues.get(key) === tail && this.queues.delete(key));
    return run;
  }

  async listPlans(): Promise<ToolOutcome> {
    await this.s.store.ready();
    const files = this.s.store.all().flatMap((e) => {
      const folder = vscode.workspace.getWorkspaceFolder(e.uri);
      return folder ? [toListEntry(e.doc.plan, folder.name, vscode.workspace.asRelativePath(e.uri))] : [];
    });
    const lines = files.map((e) => `${e.file} (${e.kind}, ${e.progress.completed}/${e.progress.total})`);
    return { text: files.length ? `${files.length} plans: ${lines.join('; ')}` : 'No plans found in the workspace.', json: { version: 1, files } };
  }

  async readPlan(file: string): Promise<ToolOutcome> {
    const o = await this.open(file);
    const text = o.document.getText();
    return readPlanOutcome(o.file, text, o.plan, this.seen.remember(text));
  }

  async nextStep(file?: string): Promise<ToolOutcome> {
    if (file) {
      const o = await this.open(file);
      return nextStepOutcome(o.file, o.plan)!;
    }
    await this.s.store.ready();
    for (const e of this.s.store.all()) {
      if (!vscode.workspace.getWorkspaceFolder(e.uri)) continue;
      const outcome = nextStepOutcome(vscode.workspace.asRelativePath(e.uri), e.doc.plan, true);
      if (outcome) return outcome;
    }
    return NOTHING_LEFT;
  }

  async checkPlan(file: string): Promise<ToolOutcome> {
    const o = await this.open(file);
    return checkPlanOutcome(o.file, o.document.getText(), o.plan);
  }

  /** The phase or task a status change would touch, for its confirmation; undefined when it cannot be found (the call then says why). */
  async describeTarget(file: string, sel: Selector): Promise<{ file: string; label: string; status: Status } | undefined> {
    try {
      const o = await this.open(file);
      return { file: o.file, ...describeTarget(o.plan, resolveSelector(o.plan, sel)) };
    } catch {
      return undefined;
    }
  }

  setStatus(file: string, sel: Selector, status: string, revision?: string): Promise<ToolOutcome> {
    return this.serial(file, async (uri) => {
      const o = await this.open(file, uri);
      const text = o.document.getText();
      const now = this.now();
      const change = planStatusChange(o.file, text, o.plan, sel, status, revision, this.seen, now, (t) =>
        measuredTime(this.s.history, o.uri, o.plan, t, now.getTime()),
      );
      if (change.edits.length) {
        const result = await applyToDocument(this.s.store, o.document, change.edits);
        if (!result.applied) throw new ToolInputError(`${o.file}: ${result.message ?? 'the edit was refused'}`);
        if (result.after) await this.s.history.record(eventsFor(o.uri, result.before ?? o.plan, result.after, 'agent'));
      }
      return statusOutcome(o.file, change, this.seen.remember(o.document.getText()));
    });
  }

  addSection(file: string, template: TemplateKind, title: string | undefined, revision?: string): Promise<ToolOutcome> {
    return this.serial(file, async (uri) => {
      const o = await this.open(file, uri);
      const edits = planSection(o.file, o.document.getText(), o.plan, template, title, revision, this.now());
      const result = await applyToDocument(this.s.store, o.document, edits);
      if (!result.applied) throw new ToolInputError(`${o.file}: ${result.message ?? 'the section could not be inserted'}`);
      return sectionOutcome(o.file, template, title, edits, this.seen.remember(o.document.getText()));
    });
  }
}
