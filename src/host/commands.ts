/**
 * The commands of the extension (all but the Plans view's own, which tree.ts registers).
 *
 * Argument conventions of the status commands (start/complete/fail/reopen phase, start/
 * complete/reopen task, set status):
 * - `(ref: TargetRef, 'lens')`: from a CodeLens; recorded in the history as 'lens';
 * - `(node: { ref: TargetRef })`: from the Plans view; recorded as 'tree';
 * - `(ref: TargetRef)`: from another caller; recorded as 'command';
 * - nothing: the element at the cursor of the active Markdown editor, else one picked from
 *   the active plan; recorded as 'command'.
 * `phasewise.setStatus` also takes the status as its second argument (skipping the picker).
 * Template and new-document commands take an optional `{ title: string }` that skips the prompt.
 *
 * Every edit goes through setStatusAt / applyToDocument: checked against the document as it is
 * now, applied as one WorkspaceEdit (one undo step).
 */
import * as vscode from 'vscode';
import {
  STATUSES,
  PhasewiseError,
  currentPhaseIndex,
  isKnownStatus,
  nextWork,
  parsePlan,
  phaseTaskCounts,
  repairEdits,
  type KnownStatus,
  type Phase,
  type Plan,
  type Status,
  type Task,
  type TextEdit,
} from '../core';
import { insertTemplate, newDocument, type DocumentTemplate, type TemplateKind } from '../core';
import { applyToDocument, phaseRef, resolveRef, setStatusAt, taskRef, type TargetRef } from './apply';
import { phaseAt, taskAt } from './cursor';
import { invocationOf } from './targets';
import { formatDuration, type HistoryEvent, type HistorySource } from './history';
import { statusIconText } from './icons';
import { revealLine } from './reveal';
import { STATUS_NAMES, phaseName, taskName } from './text';
import type { PlanEntry } from './store';
import type { Services } from './services';

// ---- words and icons ----



const SOURCE_WORDS: Record<HistorySource, string> = {
  lens: 'from a CodeLens',
  tree: 'from the Plans view',
  command: 'from a command',
  outside: 'edited outside Phasewise',
};



function fileName(uri: vscode.Uri): string {
  return uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// ---- arguments and targets ----

function activeMarkdownEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && editor.document.languageId === 'markdown' ? editor : undefined;
}

type Want = 'phase' | 'task' | 'any';

interface PickItem extends vscode.QuickPickItem {
  ref: TargetRef;
}

/**
 * The element a command without an argument works on: at the cursor of the active Markdown
 * editor, else chosen from the active plan. Undefined when there is none or the user cancelled.
 */
async function targetFromEditor(s: Services, want: Want, placeHolder: string): Promise<TargetRef | undefined> {
  const editor = activeMarkdownEditor();
  let entry: PlanEntry | undefined;
  if (editor) {
    entry = s.store.sync(editor.document);
    if (entry) {
      const plan = entry.doc.plan;
      const position = editor.selection.active;
      const offset = editor.document.offsetAt(position);
      const version = editor.document.version;
      if (want === 'any') {
        const heading = plan.phases.findIndex((p) => p.line === position.line);
        if (heading >= 0) return phaseRef(entry.uri, plan, heading, version);
        const task = plan.tasks.findIndex((t) => t.line === position.line);
        if (task >= 0) return taskRef(entry.uri, plan, task, version);
      }
      if (want === 'task') {
        const task = taskAt(plan, position.line, offset);
        if (task !== undefined) return taskRef(entry.uri, plan, task, version);
      } else {
        const phase = phaseAt(plan, offset);
        if (phase !== undefined) return phaseRef(entry.uri, plan, phase, version);
      }
    }
  }
  entry ??= s.activePlan();
  if (!entry) {
    void vscode.window.showInformationMessage('Phasewise: open an execution plan (a Markdown file with phases or tasks) first.');
    return undefined;
  }
  const plan = entry.doc.plan;
  const items: PickItem[] = [];
  if (want !== 'task') {
    plan.phases.forEach((p, i) => {
      const { done, total } = phaseTaskCounts(plan, p);
      items.push({
        label: `${statusIconText(p.status)} ${'\u00a0\u00a0'.repeat(p.depth)}${phaseName(p)}`,
        description: STATUS_NAMES[p.status],
        detail: total ? `${done}/${total} steps done` : undefined,
        ref: phaseRef(entry.uri, plan, i, entry.version),
      });
    });
  }
  if (want === 'task' || (want === 'any' && !plan.phases.length)) {
    plan.tasks.forEach((t, i) => {
      const phase = t.phase !== undefined ? plan.phases[t.phase] : undefined;
      items.push({
        label: `${statusIconText(t.status)} ${'\u00a0\u00a0'.repeat(t.depth)}${taskName(t)}`,
        description: [STATUS_NAMES[t.status], phase && phaseName(phase)].filter(Boolean).join(' · '),
        ref: taskRef(entry.uri, plan, i, entry.version),
      });
    });
  }
  if (!items.length) {
    const what = want === 'task' ? 'tasks' : 'phases';
    void vscode.window.showInformationMessage(`Phasewise: ${fileName(entry.uri)} has no ${what}.`);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return pick?.ref;
}

interface Current {
  status: Status;
  name: string;
  checkbox: boolean;
}

/** The element `ref` points at in the document as it is now, when it can be found. */
async function currentOf(s: Services, ref: TargetRef): Promise<Current | undefined> {
  try {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
    const entry = s.store.sync(document);
    if (!entry) return undefined;
    const plan = entry.doc.plan;
    const target = resolveRef(plan, ref, document.version);
    if (!target) return undefined;
    if (target.kind === 'phase') {
      const p = plan.phases[target.index];
      return { status: p.status, name: phaseName(p), checkbox: false };
    }
    const t = plan.tasks[target.index];
    return { status: t.status, name: taskName(t), checkbox: t.kind === 'checkbox' };
  } catch {
    return undefined; // setStatusAt reports why
  }
}

async function changeStatus(s: Services, kind: 'phase' | 'task', status: KnownStatus, args: readonly unknown[], placeHolder: string): Promise<boolean> {
  const invocation = invocationOf(args);
  let ref = invocation.ref;
  if (ref && ref.kind !== kind) {
    void vscode.window.showWarningMessage(`Phasewise: "${ref.title}" is a ${ref.kind}; this command changes ${kind}s.`);
    return false;
  }
  ref ??= await targetFromEditor(s, kind, placeHolder);
  if (!ref) return false;
  const current = await currentOf(s, ref);
  if (current && current.status === status) {
    void vscode.window.showInformationMessage(`Phasewise: ${current.name} is already ${STATUS_NAMES[status].toLowerCase()}.`);
    return false;
  }
  return setStatusAt(s.store, s.history, ref, status, invocation.source);
}

async function setStatusCommand(s: Services, args: readonly unknown[]): Promise<boolean> {
  const invocation = invocationOf(args);
  const given = typeof args[1] === 'string' && isKnownStatus(args[1]) ? args[1] : undefined;
  const ref = invocation.ref ?? (await targetFromEditor(s, 'any', 'Choose the phase whose status to set'));
  if (!ref) return false;
  const current = await currentOf(s, ref);
  let status = given;
  if (!status) {
    const items = STATUSES.filter((st) => !(current?.checkbox && st === 'failed')).map((st) => ({
      label: `${statusIconText(st)} ${STATUS_NAMES[st]}`,
      description: current?.status === st ? 'current' : undefined,
      status: st,
    }));
    const pick = await vscode.window.showQuickPick(items, {
      title: `Phasewise: Set Status of ${current?.name ?? ref.title}`,
      placeHolder: 'Choose the new status',
    });
    if (!pick) return false;
    status = pick.status;
  }
  if (current && current.status === status) {
    void vscode.window.showInformationMessage(`Phasewise: ${current.name} is already ${STATUS_NAMES[status].toLowerCase()}.`);
    return false;
  }
  return setStatusAt(s.store, s.history, ref, status, invocation.source);
}

// ---- navigation ----

/** The active plan, opened and brought up to date, or a message saying there is none. */
async function openActivePlan(s: Services): Promise<{ document: vscode.TextDocument; entry: PlanEntry } | undefined> {
  const active = s.activePlan();
  if (!active) {
    void vscode.window.showInformationMessage('Phasewise: no execution plan is active. Open a plan (a Markdown file with phases or tasks) first.');
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(active.uri);
  const entry = s.store.sync(document);
  if (!entry) {
    void vscode.window.showInformationMessage(`Phasewise: ${fileName(active.uri)} is no longer a plan.`);
    return undefined;
  }
  return { document, entry };
}

async function goToCurrentPhase(s: Services): Promise<boolean> {
  const opened = await openActivePlan(s);
  if (!opened) return false;
  const plan = opened.entry.doc.plan;
  if (!plan.phases.length) {
    void vscode.window.showInformationMessage(`Phasewise: ${fileName(opened.document.uri)} has no phases.`);
    return false;
  }
  const index = currentPhaseIndex(plan);
  if (index === undefined) {
    void vscode.window.showInformationMessage(`Phasewise: every phase of ${fileName(opened.document.uri)} is completed.`);
    return false;
  }
  await revealLine(opened.document.uri, plan.phases[index].line);
  return true;
}

async function resume(s: Services): Promise<boolean> {
  const opened = await openActivePlan(s);
  if (!opened) return false;
  const { document } = opened;
  const plan = opened.entry.doc.plan;
  const work = nextWork(plan);
  if (work.task !== undefined) {
    const line = plan.tasks[work.task].line;
    const editor = await revealLine(document.uri, line);
    const end = new vscode.Position(line, editor.document.lineAt(line).text.trimEnd().length);
    editor.selection = new vscode.Selection(end, end);
    return true;
  }
  if (work.phase !== undefined) {
    await revealLine(document.uri, plan.phases[work.phase].line);
    void vscode.window.setStatusBarMessage(`Phasewise: ${phaseName(plan.phases[work.phase])} has no open steps.`, 5000);
    return true;
  }
  void vscode.window.showInformationMessage(`Phasewise: nothing is left open in ${fileName(document.uri)}.`);
  return false;
}

async function revealLineCommand(uri: unknown, line: unknown): Promise<boolean> {
  const target = uri instanceof vscode.Uri ? uri : typeof uri === 'string' && uri ? vscode.Uri.parse(uri) : undefined;
  if (!target || typeof line !== 'number' || !Number.isFinite(line)) {
    throw new PhasewiseError('Reveal Line needs a document and a line number.');
  }
  await revealLine(target, Math.max(0, Math.floor(line)));
  return true;
}

// ---- templates ----

interface Prompt {
  prompt: string;
  value: string;
}

/** What each template asks for; the values are the core's own defaults. */
const TEMPLATE_PROMPTS: Record<TemplateKind, Prompt | undefined> = {
  'next-phase': { prompt: 'Title of the new phase', value: 'New phase' },
  'fix-block': { prompt: 'The problem, in one line', value: 'Describe the problem in one line' },
  'dated-update': { prompt: 'What this session changed, in a few words', value: 'What this session changed' },
  'metrics-table': undefined,
  'acceptance-criterion': { prompt: 'A result anyone can check', value: 'Describe a result anyone can check' },
  lesson: { prompt: 'What this work taught (the date is added)', value: 'What this work taught us' },
};

/** The text the cursor selects after an insertion, when the template has no title. */
const TEMPLATE_FOCUS: Partial<Record<TemplateKind, string>> = { 'metrics-table': 'First measure' };

function titleArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && 'title' in arg && typeof (arg as { title: unknown }).title === 'string') return (arg as { title: string }).title;
  return undefined;
}

async function insertTemplateCommand(s: Services, kind: TemplateKind, title: string, arg: unknown): Promise<boolean> {
  const editor = activeMarkdownEditor();
  if (!editor) {
    void vscode.window.showInformationMessage('Phasewise: open a Markdown document to insert into.');
    return false;
  }
  const document = editor.document;
  const prompt = TEMPLATE_PROMPTS[kind];
  let value = titleArgument(arg);
  if (value === undefined && prompt) {
    value = await vscode.window.showInputBox({
      title: `Phasewise: ${title}`,
      prompt: prompt.prompt,
      value: prompt.value,
      valueSelection: [0, prompt.value.length],
      ignoreFocusOut: true,
    });
    if (value === undefined) return false; // cancelled
  }
  if (document.isClosed) return false;
  // Read the text and the cursor after the prompt: the user may have moved on meanwhile.
  const text = document.getText();
  const offset = document.offsetAt(editor.selection.active);
  const plan = s.store.sync(document)?.doc.plan ?? parsePlan(text);
  const edits = insertTemplate(text, plan, kind, { title: value, offset });
  const result = await applyToDocument(s.store, document, edits);
  if (!result.applied) {
    void vscode.window.showWarningMessage(`Phasewise: ${result.message ?? 'the template could not be inserted.'}`);
    return false;
  }
  const needle = value?.replace(/\s+/g, ' ').trim() || prompt?.value || TEMPLATE_FOCUS[kind] || '';
  selectInserted(editor, edits, needle);
  return true;
}

/** Selects `needle` inside the main insertion (else puts the cursor at its first line). */
function selectInserted(editor: vscode.TextEditor, edits: readonly TextEdit[], needle: string): void {
  if (!edits.length) return;
  const main = edits.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  let start = main.offset;
  for (const e of edits) if (e.offset < main.offset) start += e.text.length - e.length;
  const document = editor.document;
  const inserted = document.getText().slice(start, start + main.text.length);
  let from = needle ? inserted.indexOf(needle) : -1;
  let to = from + needle.length;
  if (from < 0) {
    // The first line with words on it (not a blank line or a thematic break).
    const m = /^[ \t]*(?![-*_ \t]*(?:\r?\n|$))\S/m.exec(inserted);
    from = to = m ? m.index + m[0].length - 1 : 0;
  }
  const selection = new vscode.Selection(document.positionAt(start + from), document.positionAt(start + to));
  editor.selection = selection;
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

// ---- new documents ----

const DOCUMENT_NOUNS: Record<DocumentTemplate, { noun: string; example: string }> = {
  plan: { noun: 'execution plan', example: 'Offline sync for the notes app' },
  log: { noun: 'execution log', example: 'Offline sync, first week' },
  summary: { noun: 'session summary', example: 'Merge conflicts, afternoon session' },
  tracker: { noun: 'task tracker', example: 'Offline sync tasks' },
};

async function newDocumentCommand(kind: DocumentTemplate, arg: unknown): Promise<vscode.Uri | undefined> {
  const { noun, example } = DOCUMENT_NOUNS[kind];
  let title = titleArgument(arg);
  if (title === undefined) {
    title = await vscode.window.showInputBox({
      title: `Phasewise: New ${noun.replace(/\b\w/g, (c) => c.toUpperCase())}`,
      prompt: `Title of the ${noun} (leave empty for a placeholder)`,
      placeHolder: `e.g. ${example}`,
      ignoreFocusOut: true,
    });
    if (title === undefined) return undefined; // cancelled
  }
  const eol = vscode.workspace.getConfiguration('files').get<string>('eol') === '\r\n' ? '\r\n' : '\n';
  const content = newDocument(kind, { title: title.trim() || undefined, eol });
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  const editor = await vscode.window.showTextDocument(document);
  const end = document.lineAt(0).range.end;
  editor.selection = new vscode.Selection(end, end);
  return document.uri;
}

// ---- repair, history, log ----

async function repairEmoji(s: Services): Promise<number> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Phasewise: open a document to repair first.');
    return 0;
  }
  const edits = repairEdits(editor.document.getText());
  if (!edits.length) {
    void vscode.window.showInformationMessage('No damaged emoji found.');
    return 0;
  }
  const result = await applyToDocument(s.store, editor.document, edits);
  if (!result.applied) {
    void vscode.window.showWarningMessage(`Phasewise: ${result.message ?? 'the repair could not be applied.'}`);
    return 0;
  }
  void vscode.window.showInformationMessage(`Phasewise: repaired ${edits.length} damaged emoji in ${fileName(editor.document.uri)}.`);
  return edits.length;
}

/** The line of the element a history event is about (same keys as statusKeys), else by its label. */
export function lineOfEvent(plan: Plan, event: Pick<HistoryEvent, 'target' | 'key' | 'label'>): number | undefined {
  const phaseKey = (p: Phase): string => `phase:${p.number ?? p.id ?? p.title}`;
  if (event.target === 'phase') {
    const byKey = plan.phases.find((p) => phaseKey(p) === event.key);
    if (byKey) return byKey.line;
    return plan.phases.find((p) => event.label === p.title || event.label.endsWith(`: ${p.title}`))?.line;
  }
  const taskKey = (t: Task): string => (t.id ? `task:${t.id}` : `task:${t.phase !== undefined ? phaseKey(plan.phases[t.phase]) + '/' : ''}${t.title}`);
  const byKey = plan.tasks.find((t) => taskKey(t) === event.key);
  if (byKey) return byKey.line;
  return plan.tasks.find((t) => event.label === taskName(t) || event.label === t.title)?.line;
}

async function showHistory(s: Services): Promise<void> {
  const active = s.activePlan();
  const file = active?.uri.toString();
  const events = (file ? s.history.forFile(file) : [...s.history.all()]).map((e, i) => ({ e, i }));
  if (!events.length) {
    void vscode.window.showInformationMessage(
      active ? `Phasewise: no status changes recorded for ${fileName(active.uri)} yet.` : 'Phasewise: no status changes recorded in this workspace yet.',
    );
    return;
  }
  events.sort((a, b) => b.e.time - a.e.time || b.i - a.i); // newest first
  const now = Date.now();
  const durations = new Map<string, number | undefined>();
  const items = events.map(({ e }) => {
    const id = `${e.file}\u0000${e.key}`;
    if (!durations.has(id)) durations.set(id, s.history.timeInProgress(e.file, e.key, now));
    const ms = durations.get(id);
    const uri = vscode.Uri.parse(e.file);
    return {
      label: `${statusIconText(e.from)} ${STATUS_NAMES[e.from]} → ${statusIconText(e.to)} ${STATUS_NAMES[e.to]}`,
      description: file ? e.label : `${e.label} · ${fileName(uri)}`,
      detail: [new Date(e.time).toLocaleString(), SOURCE_WORDS[e.source], ms ? `${formatDuration(ms)} in progress in all` : undefined].filter(Boolean).join(' · '),
      event: e,
    };
  });
  const pick = await vscode.window.showQuickPick(items, {
    title: active ? `Phasewise: Status History of ${fileName(active.uri)}` : 'Phasewise: Status History',
    placeHolder: 'Pick a change to go to its phase or task',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick) return;
  const uri = vscode.Uri.parse(pick.event.file);
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch (err) {
    void vscode.window.showWarningMessage(`Phasewise: cannot open ${fileName(uri)}: ${errorText(err)}`);
    return;
  }
  const plan = s.store.sync(document)?.doc.plan ?? parsePlan(document.getText());
  const line = lineOfEvent(plan, pick.event);
  if (line === undefined) {
    await revealLine(uri, 0);
    void vscode.window.showInformationMessage(`Phasewise: "${pick.event.label}" is no longer in ${fileName(uri)}.`);
    return;
  }
  await revealLine(uri, line);
}

// ---- registration ----

export function registerCommands(s: Services): void {
  const titles = new Map<string, string>();
  const contributed = (s.context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string; title: string }> } }).contributes?.commands ?? [];
  for (const c of contributed) titles.set(c.command, c.title);

  /** Runs a command with one clear message for anything that goes wrong. */
  const guard =
    <A extends unknown[], R>(id: string, run: (...args: A) => Promise<R> | R) =>
    async (...args: A): Promise<R | undefined> => {
      try {
        return await run(...args);
      } catch (err) {
        if (err instanceof PhasewiseError) {
          void vscode.window.showWarningMessage(`Phasewise: ${err.message}`);
        } else {
          s.log.error(`${id} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          void vscode.window.showErrorMessage(`Phasewise: ${titles.get(id) ?? id} failed: ${errorText(err)}`);
        }
        return undefined;
      }
    };

  const status = (kind: 'phase' | 'task', value: KnownStatus, placeHolder: string) =>
    (...args: unknown[]): Promise<boolean> => changeStatus(s, kind, value, args, placeHolder);

  const template = (id: string, kind: TemplateKind) => guard(id, (arg?: unknown) => insertTemplateCommand(s, kind, titles.get(id) ?? id, arg));
  const newDoc = (id: string, kind: DocumentTemplate) => guard(id, (arg?: unknown) => newDocumentCommand(kind, arg));

  s.context.subscriptions.push(
    vscode.commands.registerCommand('phasewise.startPhase', guard('phasewise.startPhase', status('phase', 'in-progress', 'Choose the phase to start'))),
    vscode.commands.registerCommand('phasewise.completePhase', guard('phasewise.completePhase', status('phase', 'completed', 'Choose the phase to mark complete'))),
    vscode.commands.registerCommand('phasewise.failPhase', guard('phasewise.failPhase', status('phase', 'failed', 'Choose the phase to mark failed'))),
    vscode.commands.registerCommand('phasewise.reopenPhase', guard('phasewise.reopenPhase', status('phase', 'pending', 'Choose the phase to reopen'))),
    vscode.commands.registerCommand('phasewise.startTask', guard('phasewise.startTask', status('task', 'in-progress', 'Choose the task to start'))),
    vscode.commands.registerCommand('phasewise.completeTask', guard('phasewise.completeTask', status('task', 'completed', 'Choose the task to complete'))),
    vscode.commands.registerCommand('phasewise.reopenTask', guard('phasewise.reopenTask', status('task', 'pending', 'Choose the task to reopen'))),
    vscode.commands.registerCommand('phasewise.setStatus', guard('phasewise.setStatus', (...args: unknown[]) => setStatusCommand(s, args))),
    vscode.commands.registerCommand('phasewise.goToCurrentPhase', guard('phasewise.goToCurrentPhase', () => goToCurrentPhase(s))),
    vscode.commands.registerCommand('phasewise.resume', guard('phasewise.resume', () => resume(s))),
    vscode.commands.registerCommand('phasewise.revealLine', guard('phasewise.revealLine', (uri?: unknown, line?: unknown) => revealLineCommand(uri, line))),
    vscode.commands.registerCommand('phasewise.insertNextPhase', template('phasewise.insertNextPhase', 'next-phase')),
    vscode.commands.registerCommand('phasewise.insertFixBlock', template('phasewise.insertFixBlock', 'fix-block')),
    vscode.commands.registerCommand('phasewise.insertDatedUpdate', template('phasewise.insertDatedUpdate', 'dated-update')),
    vscode.commands.registerCommand('phasewise.insertMetricsTable', template('phasewise.insertMetricsTable', 'metrics-table')),
    vscode.commands.registerCommand('phasewise.insertAcceptanceCriterion', template('phasewise.insertAcceptanceCriterion', 'acceptance-criterion')),
    vscode.commands.registerCommand('phasewise.insertLesson', template('phasewise.insertLesson', 'lesson')),
    vscode.commands.registerCommand('phasewise.newPlan', newDoc('phasewise.newPlan', 'plan')),
    vscode.commands.registerCommand('phasewise.newLog', newDoc('phasewise.newLog', 'log')),
    vscode.commands.registerCommand('phasewise.newSummary', newDoc('phasewise.newSummary', 'summary')),
    vscode.commands.registerCommand('phasewise.newTracker', newDoc('phasewise.newTracker', 'tracker')),
    vscode.commands.registerCommand('phasewise.repairEmoji', guard('phasewise.repairEmoji', () => repairEmoji(s))),
    vscode.commands.registerCommand('phasewise.showHistory', guard('phasewise.showHistory', () => showHistory(s))),
    vscode.commands.registerCommand('phasewise.showLog', guard('phasewise.showLog', () => s.log.show())),
  );
}
