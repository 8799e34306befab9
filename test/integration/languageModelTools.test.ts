// The chat tools in a real VS Code, called the way chat calls them: vscode.lm.invokeTool. Outside
// a chat VS Code asks for an edit's confirmation in a modal dialog, except in an extension test
// run, where its dialog service confirms without showing anything; so what a confirmation says
// is read from the registered tool's prepareInvocation, the same call VS Code makes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AGENT_TOOLS, AGENT_TOOL_NAMES, parsePlan, withToolNames } from '../../src/core';
import type { PhasewiseApi } from '../../src/extension';
import { cleanUp, getApi, openPlanCopy, waitFor, workspaceFolder, writePlanCopy } from './support';

interface Answer {
  text: string;
  json: Record<string, unknown>;
}

async function invoke(name: string, input: object): Promise<Answer> {
  const result = await vscode.lm.invokeTool(`phasewise_${name}`, { input, toolInvocationToken: undefined });
  const parts = result.content.filter((p): p is vscode.LanguageModelTextPart => p instanceof vscode.LanguageModelTextPart).map((p) => p.value);
  assert.equal(parts.length, 2, 'a line for the model and the JSON');
  return { text: parts[0], json: JSON.parse(parts[1]) as Record<string, unknown> };
}

/** What VS Code shows before running `name` with `input`. */
async function prepared(api: PhasewiseApi, name: string, input: object): Promise<vscode.PreparedToolInvocation | null | undefined> {
  const tool = api.languageModelTools.tools.get(`phasewise_${name}`);
  assert.ok(tool?.prepareInvocation);
  return tool.prepareInvocation({ input }, new vscode.CancellationTokenSource().token);
}

function messageText(m: string | vscode.MarkdownString | undefined): string {
  return typeof m === 'string' ? m : (m?.value ?? '').replace(/\\(.)/g, '$1');
}

describe('Phasewise chat tools (vscode.lm)', function () {
  this.timeout(30000);
  let api: PhasewiseApi;

  before(async () => {
    api = await getApi();
  });

  afterEach(cleanUp);

  it('contributes and registers the six tools', () => {
    const names = vscode.lm.tools.map((t) => t.name).filter((n) => n.startsWith('phasewise_'));
    assert.deepEqual(names.sort(), AGENT_TOOL_NAMES.map((n) => `phasewise_${n}`).sort());
    const set = vscode.lm.tools.find((t) => t.name === 'phasewise_set_status');
    assert.ok(set?.inputSchema && JSON.stringify(set.inputSchema).includes('"status"'));
    assert.equal(set.description, withToolNames(AGENT_TOOLS.set_status.modelDescription, 'phasewise_'));
  });

  it('lists the plans, reads one as the editor holds it (unsaved change included), and names the next step', async () => {
    const listed = await invoke('list_plans', {});
    const files = (listed.json.files as Array<{ file: string; kind: string }>).map((f) => f.file);
    assert.ok(files.includes('execution-plan.md'), files.join(', '));

    const { uri, document, editor } = await openPlanCopy('it-lm-read');
    const file = vscode.workspace.asRelativePath(uri);
    const p3 = parsePlan(document.getText()).phases.find((p) => p.number === '3')!;
    await editor.edit((b) =>
      b.replace(new vscode.Range(p3.line, 0, p3.line, document.lineAt(p3.line).text.length), '## Phase 3: Conflict merge (typed, unsaved)'),
    );
    assert.ok(document.isDirty);
    const read = await invoke('read_plan', { file });
    const phases = read.json.phases as Array<{ number: string; title: string }>;
    assert.equal(phases.find((p) => p.number === '3')?.title, 'Conflict merge (typed, unsaved)');
    assert.match(String(read.json.revision), /^[0-9a-f]{14}$/);
    assert.match(read.text, /revision/);

    const next = await invoke('next_step', { file });
    assert.equal((next.json.phase as { number: string }).number, '3');
    const check = await invoke('check_plan', { file });
    assert.ok(Array.isArray(check.json.diagnostics));
  });

  it('set_status asks first, naming the file, the phase and the change; then edits in one undo, recorded as the agent', async () => {
    const { uri, document } = await openPlanCopy('it-lm-set');
    const file = vscode.workspace.asRelativePath(uri);
    const before = document.getText();
    const { json } = await invoke('read_plan', { file });
    const confirm = (await prepared(api, 'set_status', { file, phase: '3', status: 'completed' }))?.confirmationMessages;
    assert.match(confirm?.title ?? '', /^Phasewise: change a status/);
    assert.equal(messageText(confirm?.message), `${file}: Phase 3: Conflict merge — In progress → Completed`);
    assert.equal((await prepared(api, 'read_plan', { file }))?.confirmationMessages, undefined, 'reads need no confirmation');
    const eventsBefore = api.services.history.all().length;

    const answer = await invoke('set_status', { file, phase: '3', status: 'completed', revision: json.revision });
    assert.equal(answer.json.changed, true);
    assert.match(answer.text, /Phase 3: Conflict merge: in-progress -> completed/);

    const plan = parsePlan(document.getText());
    assert.equal(plan.phases.find((p) => p.number === '3')?.status, 'completed');
    assert.ok(!document.isDirty, 'saved, as a lens saves an unmodified document');
    const events = api.services.history.all().slice(eventsBefore);
    assert.ok(events.some((e) => e.file === uri.toString() && e.source === 'agent' && e.to === 'completed'));
    const entry = await waitFor(
      'the store to hold the new status',
      () => api.services.store.get(uri)?.doc.plan.phases.find((p) => p.number === '3')?.status === 'completed',
    );
    assert.ok(entry);

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before, 'one undo takes the whole change back');
  });

  it('calls on one file at once run one after another: none of their edits is lost', async () => {
    const { uri, document } = await openPlanCopy('it-lm-concurrent');
    const file = vscode.workspace.asRelativePath(uri);
    // Status lines and overview cells change length: each edit moves the text after it.
    const phases = ['4', '5', '6'];
    // Through the implementation VS Code calls, so that the calls really overlap.
    const answers = await Promise.all(phases.map((phase) => api.languageModelTools.workspace.setStatus(file, { phase }, 'blocked')));
    assert.ok(answers.every((a) => a.json.changed === true));
    const after = parsePlan(document.getText());
    for (const n of phases) assert.equal(after.phases.find((p) => p.number === n)?.status, 'blocked', `phase ${n}`);
    const rows = document
      .getText()
      .split('\n')
      .filter((l) => /^\|\s*[456]\s*\|/.test(l));
    assert.ok(rows.length === 3 && rows.every((r) => /Blocked/i.test(r)), rows.join('\n'));
  });

  it('refuses bad input with one sentence and leaves the file untouched', async () => {
    const uri = await writePlanCopy('it-lm-refuse');
    const file = vscode.workspace.asRelativePath(uri);
    const disk = (): Promise<string> => Promise.resolve(vscode.workspace.fs.readFile(uri)).then((b) => new TextDecoder().decode(b));
    const before = await disk();

    await assert.rejects(invoke('set_status', { file, phase: '42', status: 'completed' }), /No phase "42"/);
    await assert.rejects(invoke('set_status', { file, phase: '4', status: 'finished' }), /Invalid status "finished"/);
    await assert.rejects(invoke('read_plan', { file: '../outside.md' }), /outside the workspace/);
    await assert.rejects(invoke('read_plan', { file: 'no-such-plan.md' }), /no such file/);
    await assert.rejects(invoke('read_plan', {}), /Invalid input for read_plan: file is missing/);
    await assert.rejects(invoke('set_status', { file, phase: 4, status: 'completed' }), /phase must be a string/);
    // A symbolic link inside the workspace to a plan outside it.
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'phasewise-out-')), 'secret-plan.md');
    fs.writeFileSync(outside, before);
    const link = path.join(workspaceFolder().fsPath, `it-lm-link-${process.pid}.md`);
    fs.symlinkSync(outside, link);
    try {
      await assert.rejects(invoke('read_plan', { file: path.basename(link) }), /symbolic link/);
      await assert.rejects(invoke('set_status', { file: path.basename(link), phase: '4', status: 'completed' }), /symbolic link/);
      assert.equal(fs.readFileSync(outside, 'utf8'), before);
    } finally {
      fs.rmSync(link);
      fs.rmSync(path.dirname(outside), { recursive: true });
    }
    assert.equal(await disk(), before);
  });

  it('add_section inserts the next phase after confirmation, with its overview row', async () => {
    const { uri, document } = await openPlanCopy('it-lm-add');
    const file = vscode.workspace.asRelativePath(uri);
    const confirm = (await prepared(api, 'add_section', { file, template: 'next-phase', title: 'Offline search' }))?.confirmationMessages;
    assert.equal(messageText(confirm?.message), `${file}: insert next-phase “Offline search”`);
    const answer = await invoke('add_section', { file, template: 'next-phase', title: 'Offline search' });
    assert.equal(answer.json.template, 'next-phase');
    const plan = parsePlan(document.getText());
    assert.equal(plan.phases.at(-1)?.title, 'Offline search');
    assert.match(document.getText(), /\|\s*7\s*\|\s*Offline search/);
  });
});
