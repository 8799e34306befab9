/**
 * Template inserts: the next phase, a fix block, a dated update, a metrics table, an acceptance
 * criterion, a lesson. A command takes an optional `{ title: string }` that skips the prompt.
 */
import * as vscode from 'vscode';
import { insertTemplate, parsePlan, type TemplateKind, type TextEdit } from '../../core';
import { applyToDocument } from '../apply';
import { Command, type CommandId } from '../ids';
import type { Services } from '../services';
import type { CommandGroup } from './groups';
import { commandTitle } from './manager';
import { activeMarkdownEditor, titleArgument } from './shared';

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

/** The template each insert command writes. */
const TEMPLATE_COMMANDS: ReadonlyArray<readonly [CommandId, TemplateKind]> = [
  [Command.insertNextPhase, 'next-phase'],
  [Command.insertFixBlock, 'fix-block'],
  [Command.insertDatedUpdate, 'dated-update'],
  [Command.insertMetricsTable, 'metrics-table'],
  [Command.insertAcceptanceCriterion, 'acceptance-criterion'],
  [Command.insertLesson, 'lesson'],
];

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

export function templateCommands(s: Services): CommandGroup {
  return Object.fromEntries(TEMPLATE_COMMANDS.map(([id, kind]) => [id, (arg?: unknown) => insertTemplateCommand(s, kind, commandTitle(s, id), arg)]));
}
