/** The status history in a picker (a pick goes to its phase or task), and the extension's log. */
import * as vscode from 'vscode';
import { parsePlan, STATUS_NAMES } from '../../core';
import { formatDuration, lineOfEvent, type HistorySource } from '../historyModel';
import { statusIconText } from '../icons';
import { Command } from '../ids';
import { revealLine } from '../reveal';
import type { Services } from '../services';
import type { CommandGroup } from './groups';
import { errorText } from '../text';
import { fileName } from './shared';

const SOURCE_WORDS: Record<HistorySource, string> = {
  lens: 'from a CodeLens',
  tree: 'from the Plans view',
  command: 'from a command',
  outside: 'edited outside Phasewise',
  agent: 'by an agent in chat',
};

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
      detail: [new Date(e.time).toLocaleString(), SOURCE_WORDS[e.source], ms ? `${formatDuration(ms)} in progress in all` : undefined]
        .filter(Boolean)
        .join(' · '),
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

export function historyCommands(s: Services): CommandGroup {
  return {
    [Command.showHistory]: () => showHistory(s),
    [Command.showLog]: () => s.log.show(),
  };
}
