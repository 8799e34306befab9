import assert from 'node:assert/strict';
import { percent } from '../../src/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { parsePlan } from '../../src/core/parse/document';
import {
  HostMessageSchema,
  makeNonce,
  parseWebviewMessage,
  progressHtml,
  progressModel,
  ProgressModelSchema,
  WebviewMessageSchema,
} from '../../src/host/progressModel';

const PLAN = `# Execution Plan: Demo <b>bold</b>

**Current Phase:** Phase 2 of 3

## Phase 1: Setup

**Status:** Completed ✅

**Implementation Steps:**
1. Pick the tools ✅
2. Write the config ✅

## Phase 2: Build <img src=x onerror=alert(1)>

**Status:** In Progress

- [x] one
- [ ] two
- [ ] three

### Phase 2.1: Nested part

**Status:** Pending

## PH-SHIP: Ship it

**Status:** Failed
`;

const NO_PHASES = `# Tasks

- [x] one
- [ ] two
- [ ] three
`;

const shell = () =>
  progressHtml({
    cspSource: 'https://*.vscode-cdn.net',
    nonce: 'abc123DEF456abc123DEF456abc123DE',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/progress.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/progress.css',
  });

describe('progress view: model', () => {
  const plan = parsePlan(PLAN);
  const model = progressModel('/work/plans/demo.md', plan, (phase, index) => (phase.status === 'in-progress' ? 1000 * (index + 1) : undefined));

  it('counts completed phases and rounds the percentage', () => {
    assert.equal(model.file, '/work/plans/demo.md');
    assert.equal(model.title, 'Execution Plan: Demo <b>bold</b>');
    assert.equal(model.total, 4);
    assert.equal(model.completed, 1);
    assert.equal(model.percent, 25);
  });

  it('lists every phase with its label, status, heading line and step counts', () => {
    assert.deepEqual(
      model.phases.map((p) => [p.index, p.label, p.title, p.status, p.done, p.total, p.line, p.depth]),
      [
        [0, 'Phase 1', 'Setup', 'completed', 2, 2, 4, 0],
        [1, 'Phase 2', 'Build <img src=x onerror=alert(1)>', 'in-progress', 1, 3, 12, 0],
        [2, 'Phase 2.1', 'Nested part', 'pending', 0, 0, 20, 1],
        [3, 'PH-SHIP', 'Ship it', 'failed', 0, 0, 24, 0],
      ],
    );
    for (const p of model.phases) assert.ok(PLAN.split('\n')[p.line].startsWith('#'), `line ${p.line} is not a heading`);
  });

  it("gives the page each status's words and glyph, so the page keeps no table of its own", () => {
    assert.deepEqual(
      model.phases.map((p) => [p.statusName, p.glyph]),
      [
        ['Completed', '\u2713'],
        ['In progress', '\u25D0'],
        ['Pending', '\u25CB'],
        ['Failed', '\u2715'],
      ],
    );
    const page = readFileSync(join(__dirname, '..', '..', '..', 'media', 'progress.js'), 'utf8');
    assert.doesNotMatch(page, /'In progress'|\\u25D0/, 'the page spells a status itself');
  });

  it('marks the current phase (the one in progress)', () => {
    assert.equal(model.current, 1);
    assert.deepEqual(
      model.phases.map((p) => p.current),
      [false, true, false, false],
    );
  });

  it('falls back to the Current Phase field, and has no current phase when all are done', () => {
    const pending = PLAN.replace('**Status:** In Progress', '**Status:** Pending');
    assert.equal(progressModel('p.md', parsePlan(pending)).current, 1);
    const byField = progressModel('p.md', parsePlan(pending.replace('Phase 2 of 3', 'Phase 2.1 of 3')));
    assert.equal(byField.current, 2);
    assert.deepEqual(
      byField.phases.map((p) => p.current),
      [false, false, true, false],
    );
    const done = progressModel('p.md', parsePlan(`# Plan\n\n## Phase 1: A\n\n**Status:** Completed\n\n## Phase 2: B\n\n**Status:** Completed\n`));
    assert.equal(done.current, undefined);
    assert.ok(!('current' in done));
    assert.equal(done.percent, 100);
    assert.ok(done.phases.every((p) => !p.current));
  });

  it('takes the time in progress from the callback, only when given', () => {
    assert.deepEqual(
      model.phases.map((p) => p.inProgressMs),
      [undefined, 2000, undefined, undefined],
    );
    assert.ok(!('inProgressMs' in model.phases[0]));
    const bad = progressModel('p.md', plan, () => Number.NaN);
    assert.ok(bad.phases.every((p) => p.inProgressMs === undefined));
  });

  it('counts tasks for a document without phases, and titles it after the file', () => {
    const tasks = progressModel('C:\\plans\\todo.md', parsePlan(NO_PHASES.replace('# Tasks\n\n', '')));
    assert.deepEqual([tasks.completed, tasks.total, tasks.percent, tasks.phases.length], [1, 3, 33, 0]);
    assert.equal(tasks.title, 'todo');
    assert.equal(tasks.current, undefined);
  });

  it('handles an empty document', () => {
    const empty = progressModel('empty.md', parsePlan(''));
    assert.deepEqual([empty.completed, empty.total, empty.percent, empty.phases], [0, 0, 0, []]);
  });

  it('produces models that satisfy the message schema', () => {
    assert.ok(ProgressModelSchema.safeParse(model).success);
    assert.ok(HostMessageSchema.safeParse({ type: 'model', model }).success);
    assert.ok(HostMessageSchema.safeParse({ type: 'model', model: null }).success);
    // Survives the trip through postMessage (structured clone of plain JSON).
    assert.deepEqual(JSON.parse(JSON.stringify(model)), model);
  });

  it('rounds percentages without claiming 0 % or 100 % too early', () => {
    assert.equal(percent(0, 0), 0);
    assert.equal(percent(0, 7), 0);
    assert.equal(percent(1, 3), 33);
    assert.equal(percent(2, 3), 67);
    assert.equal(percent(1, 2), 50);
    assert.equal(percent(199, 200), 99);
    assert.equal(percent(1, 300), 1);
    assert.equal(percent(5, 5), 100);
  });
});

describe('progress view: messages', () => {
  it('accepts the messages the page sends', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', index: 2, line: 17 }), { type: 'reveal', index: 2, line: 17 });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', index: 0, line: 0 }), { type: 'reveal', index: 0, line: 0 });
  });

  it('rejects anything else', () => {
    const bad: unknown[] = [
      undefined,
      null,
      0,
      'ready',
      [],
      {},
      { type: 'model', model: null },
      { type: 'setStatus', index: 1, status: 'completed' },
      { type: 'READY' },
      { type: 'reveal' },
      { type: 'reveal', index: 1 },
      { type: 'reveal', index: '1', line: 2 },
      { type: 'reveal', index: 1.5, line: 2 },
      { type: 'reveal', index: -1, line: 2 },
      { type: 'reveal', index: 1, line: Number.NaN },
      { type: 'reveal', index: 1, line: Number.POSITIVE_INFINITY },
      { type: 'reveal', index: 1, line: 2, command: 'workbench.action.terminal.new' },
      { type: 'ready', extra: true },
    ];
    for (const message of bad) {
      assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message) ?? String(message));
      assert.equal(WebviewMessageSchema.safeParse(message).success, false);
    }
  });

  it('checks the model message shape', () => {
    assert.equal(HostMessageSchema.safeParse({ type: 'model' }).success, false);
    assert.equal(HostMessageSchema.safeParse({ type: 'model', model: { title: 'x' } }).success, false);
    assert.equal(HostMessageSchema.safeParse({ type: 'reveal', model: null }).success, false);
  });
});

describe('progress view: page shell', () => {
  const html = shell();
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];

  it('has a strict content security policy keyed to the nonce', () => {
    assert.ok(csp, 'no CSP meta tag');
    assert.equal(
      csp,
      "default-src 'none'; style-src https://*.vscode-cdn.net; script-src 'nonce-abc123DEF456abc123DEF456abc123DE'; " +
        'img-src https://*.vscode-cdn.net data:; font-src https://*.vscode-cdn.net;',
    );
    assert.ok(!html.includes('unsafe-inline'));
    assert.ok(!html.includes('unsafe-eval'));
  });

  it('loads the script with the nonce and the stylesheet by URI, with nothing inline', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], /\bnonce="abc123DEF456abc123DEF456abc123DE"/);
    assert.match(scripts[0][1], /\bsrc="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/media\/progress\.js"/);
    assert.equal(scripts[0][2].trim(), '', 'inline script body');
    assert.match(html, /<link rel="stylesheet" href="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/media\/progress\.css">/);
    assert.ok(!/<style\b/i.test(html), 'inline <style>');
    assert.ok(!/\sstyle=/i.test(html), 'style attribute');
    assert.ok(!/\son[a-z]+=/i.test(html), 'inline event handler');
    assert.match(html, /id="root"/);
  });

  it("links one stylesheet, the page's own (status glyphs are text, no icon font)", () => {
    assert.ok(!html.includes('codicon'));
    assert.equal([...html.matchAll(/<link rel="stylesheet"/g)].length, 1);
  });

  it('escapes attribute values and cannot be talked out of its policy', () => {
    const hostile = progressHtml({
      cspSource: "https://x; script-src 'unsafe-inline'",
      nonce: "n' 'unsafe-inline",
      scriptUri: 'a.js"><script>alert(1)</script>',
      styleUri: 'b.css" onload="alert(1)',
    });
    assert.equal([...hostile.matchAll(/<script\b/g)].length, 1);
    assert.ok(!/\sonload="/.test(hostile));
    const policy = /content="([^"]*)"/.exec(hostile)?.[1] ?? '';
    assert.equal(policy.split(';').filter((d) => d.trim().startsWith('script-src')).length, 1, policy);
    assert.match(policy, /script-src 'nonce-nunsafe-inline';/);
  });
});

describe('progress view: nonce', () => {
  it('is 32 hex characters and fresh every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const nonce = makeNonce();
      assert.match(nonce, /^[0-9a-f]{32}$/);
      seen.add(nonce);
    }
    assert.equal(seen.size, 100);
  });
});

describe('progress view: page script', () => {
  const source = readFileSync(join(process.cwd(), 'media', 'progress.js'), 'utf8');
  // Comments may mention what the script avoids; only code counts.
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\s\/\/ .*$/gm, '');

  it('never parses strings as HTML or code', () => {
    for (const pattern of [
      /innerHTML/,
      /outerHTML/,
      /insertAdjacentHTML/,
      /document\.write/,
      /\beval\s*\(/,
      /new\s+Function\b/,
      /\bsetTimeout\s*\(\s*['"`]/,
      /\bsetInterval\s*\(\s*['"`]/,
      /createContextualFragment/,
      /DOMParser/,
    ]) {
      assert.ok(!pattern.test(code), `media/progress.js uses ${pattern}`);
    }
  });

  it('is plain script the webview can load as is', () => {
    assert.ok(!/^\s*(import|export)\s/m.test(code), 'module syntax');
    assert.doesNotThrow(() => new Script(source, { filename: 'media/progress.js' }), 'syntax error');
  });
});
