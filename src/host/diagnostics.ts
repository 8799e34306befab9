/**
 * The core's consistency rules in the Problems panel, each with its fix as a quick fix.
 * Checked on every model change of an open plan (debounced while typing) and for plans read
 * from disk.
 */
import * as vscode from 'vscode';
import { checkPlan, repairEdits, type Diagnostic as CoreDiagnostic } from '../core';
import { lineIndex, lineStarts } from '../core';
import { applyToDocument, eventsFor } from './apply';
import type { CommandGroup } from './commands/groups';
import { Command } from './ids';
import { Debouncer } from './lifecycle';
import type { Services } from './services';

/** How long typing pauses before an open plan is checked again. */
const TYPING_DELAY_MS = 300;

const SEVERITY: Record<CoreDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Core diagnostics of the last check, per document URI and version, for the quick fixes. */
interface Checked {
  version: number | undefined;
  text: string;
  diagnostics: CoreDiagnostic[];
}

export interface Diagnostics {
  collection: vscode.DiagnosticCollection;
  /** The quick fixes' command, for the command manager to register. */
  commands: CommandGroup;
}

export function registerDiagnostics(s: Services): Diagnostics {
  const collection = vscode.languages.createDiagnosticCollection('phasewise');
  const checked = new Map<string, Checked>();
  const checks = new Debouncer();

  const positionAt = (offset: number, starts: readonly number[]): vscode.Position => {
    const line = lineIndex(starts, offset);
    return new vscode.Position(line, offset - starts[line]);
  };

  const check = (uri: vscode.Uri): void => {
    const key = uri.toString();
    const entry = s.store.get(uri);
    if (!entry) {
      checked.delete(key);
      collection.delete(uri);
      return;
    }
    const text = entry.doc.text;
    let found: CoreDiagnostic[];
    try {
      found = checkPlan(text, entry.doc.plan);
    } catch (err) {
      s.log.error(`Checking ${vscode.workspace.asRelativePath(uri)} failed: ${String(err)}`);
      return;
    }
    checked.set(key, { version: entry.version, text, diagnostics: found });
    // Line starts of the text the check ran on (an open document may have moved on since).
    const starts = lineStarts(text);
    collection.set(
      uri,
      found.map((d) => {
        const range = new vscode.Range(positionAt(d.range.start, starts), positionAt(d.range.end, starts));
        const diag = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
        diag.source = 'Phasewise';
        diag.code = d.code;
        return diag;
      }),
    );
  };

  s.context.subscriptions.push(
    collection,
    checks,
    s.store.onDidChange((e) => checks.debounce(e.uri.toString(), e.source === 'typing' ? TYPING_DELAY_MS : 0, () => check(e.uri))),
    vscode.languages.registerCodeActionsProvider(
      { language: 'markdown' },
      {
        provideCodeActions(document, range, context) {
          let last = checked.get(document.uri.toString());
          if (!last || last.text !== document.getText()) {
            // The check is a step behind the document: run it on the text as it is now.
            const entry = s.store.sync(document);
            if (!entry) return [];
            last = { version: entry.version, text: entry.doc.text, diagnostics: checkPlan(entry.doc.text, entry.doc.plan) };
          }
          const actions: vscode.CodeAction[] = [];
          for (const diag of context.diagnostics) {
            if (diag.source !== 'Phasewise') continue;
            const core = last.diagnostics.find((d) => d.code === diag.code && document.positionAt(d.range.start).isEqual(diag.range.start));
            for (const fix of core?.fixes ?? []) {
              const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
              action.diagnostics = [diag];
              action.isPreferred = core!.fixes.length === 1;
              action.command = { command: Command.applyFix, title: fix.title, arguments: [document.uri.toString(), document.version, fix.edits] };
              actions.push(action);
            }
          }
          // Damaged characters rarely come alone: one action repairs them all.
          const damaged = last.diagnostics.filter((d) => d.code === 'mojibake').length;
          const here = context.diagnostics.find((d) => d.source === 'Phasewise' && d.code === 'mojibake');
          if (here && damaged > 1) {
            const edits = repairEdits(last.text);
            const all = new vscode.CodeAction(`Repair all ${damaged} damaged characters in this file`, vscode.CodeActionKind.QuickFix);
            all.diagnostics = [here];
            all.command = { command: Command.applyFix, title: all.title, arguments: [document.uri.toString(), document.version, edits] };
            actions.push(all);
          }
          void range;
          return actions;
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
  for (const e of s.store.all()) check(e.uri);

  const commands: CommandGroup = {
    // Fixes go through the guarded path: the expected text is checked before anything changes.
    [Command.applyFix]: async (uri: string, version: number, edits: Parameters<typeof applyToDocument>[2]) => {
      try {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
        if (document.version !== version) {
          void vscode.window.showWarningMessage('Phasewise: the document changed since the problem was found; check again.');
          return;
        }
        const result = await applyToDocument(s.store, document, edits);
        if (!result.applied && result.message) void vscode.window.showWarningMessage(`Phasewise: ${result.message}`);
        // A fix that changes statuses is a status change made with Phasewise.
        if (result.before && result.after) await s.history.record(eventsFor(document.uri, result.before, result.after, 'command'));
      } catch (err) {
        s.log.error(`Applying a fix failed: ${String(err)}`);
        void vscode.window.showErrorMessage(`Phasewise: the fix could not be applied: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
  return { collection, commands };
}
