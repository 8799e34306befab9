/**
 * `phasewise mcp` as an agent meets it: the SDK's real Client over stdio, spawning the built
 * CLI (dist/cli.js, which `npm run test:unit` builds). Every tool, bad input, confinement to
 * the roots, stale revisions, and concurrent writers in one server and across servers.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { parsePlan } from '../../src/core';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

const PLAN = `# Plan: Search

**Current Phase:** Phase 1 of 2

## Phase Overview

| Phase | Name | Status |
|-------|------|--------|
| 1 | Index | In Progress |
| 2 | Query | Pending |

## Phase 1: Index

**Status:** In Progress

- [x] Pick the tokenizer
- [ ] Store the postings

## Phase 2: Query

**Status:** Pending

- [ ] Parse the query
`;

/** A tracker with `n` entries, each with a Status field. */
function tracker(n: number): string {
  const entries = Array.from({ length: n }, (_, i) => `### OPS-${String(i + 1).padStart(3, '0')}: Item ${i + 1}\n\n**Status**: NOT_STARTED\n`);
  return `# Ops Tracker\n\n${entries.join('\n')}`;
}

interface Result {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

async function connect(roots: string[]): Promise<Client> {
  const client = new Client({ name: 'phasewise-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', ...roots.flatMap((r) => ['--root', r])], stderr: 'pipe' }));
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<Result> {
  return (await client.callTool({ name, arguments: args })) as Result;
}

const text = (r: Result): string => r.content.map((c) => c.text ?? '').join('');

describe('phasewise mcp (stdio, the SDK client)', function () {
  this.timeout(60_000);
  let dir: string;
  let client: Client;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phasewise-mcp-'));
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs', 'plan.md'), PLAN);
    fs.writeFileSync(path.join(dir, 'ops.md'), tracker(12));
    client = await connect([dir]);
  });

  afterEach(async () => {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('offers the six tools, each described for a model with an input schema', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['add_section', 'check_plan', 'list_plans', 'next_step', 'read_plan', 'set_status']);
    for (const t of tools) {
      assert.ok((t.description ?? '').length > 40, `${t.name} has a description`);
      assert.equal(t.inputSchema.type, 'object');
    }
    const set = tools.find((t) => t.name === 'set_status')!;
    assert.deepEqual(Object.keys(set.inputSchema.properties ?? {}).sort(), ['file', 'line', 'phase', 'revision', 'status', 'task']);
  });

  it('lists the plans and reads one with its revision', async () => {
    const list = await call(client, 'list_plans');
    assert.ok(!list.isError, text(list));
    const files = (list.structuredContent!.files as Array<{ file: string; kind: string }>).map((f) => f.file).sort();
    assert.deepEqual(files, ['docs/plan.md', 'ops.md']);

    const read = await call(client, 'read_plan', { file: 'docs/plan.md' });
    assert.ok(!read.isError, text(read));
    const json = read.structuredContent!;
    assert.equal(json.version, 1);
    assert.equal((json.phases as unknown[]).length, 2);
    assert.match(String(json.revision), /^[0-9a-f]{14}$/);
    assert.match(text(read), /revision [0-9a-f]{14}/);
  });

  it('names the next step, in a plan or across the plans', async () => {
    const next = await call(client, 'next_step', { file: 'docs/plan.md' });
    assert.deepEqual((next.structuredContent!.task as { title: string }).title, 'Store the postings');
    const any = await call(client, 'next_step');
    assert.ok(!any.isError, text(any));
    assert.ok(any.structuredContent!.phase || any.structuredContent!.task);
  });

  it("sets a status in the file's own convention, with the overview row and Current Phase in step", async () => {
    const read = await call(client, 'read_plan', { file: 'docs/plan.md' });
    const r = await call(client, 'set_status', { file: 'docs/plan.md', phase: '1', status: 'completed', revision: read.structuredContent!.revision });
    assert.ok(!r.isError, text(r));
    assert.equal(r.structuredContent!.changed, true);
    const after = fs.readFileSync(path.join(dir, 'docs', 'plan.md'), 'utf8');
    assert.match(after, /## Phase 1: Index\n\n\*\*Status:\*\* Completed/);
    assert.match(after, /\| 1 +\| Index +\| Completed +\|/);
    assert.match(after, /\*\*Current Phase:\*\* Phase 2 of 2/);
    assert.deepEqual(
      parsePlan(after).phases.map((p) => p.status),
      ['completed', 'pending'],
    );
  });

  it('applies a stale revision when its target is unchanged, and refuses when the target changed', async () => {
    const file = path.join(dir, 'docs', 'plan.md');
    const read = await call(client, 'read_plan', { file: 'docs/plan.md' });
    const revision = read.structuredContent!.revision;
    // Someone else checks a box in phase 2: phase 1 is untouched.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('- [ ] Parse the query', '- [x] Parse the query'));
    const phase = await call(client, 'set_status', { file: 'docs/plan.md', phase: '1', status: 'failed', revision });
    assert.ok(!phase.isError, text(phase));
    // Now phase 1's status text differs from what that revision saw.
    const refused = await call(client, 'set_status', { file: 'docs/plan.md', phase: '1', status: 'completed', revision });
    assert.equal(refused.isError, true);
    assert.match(text(refused), /changed since revision .*status is now/);
    assert.match(fs.readFileSync(file, 'utf8'), /\*\*Status:\*\* Failed/);
  });

  it('answers bad input with one sentence and leaves the file untouched', async () => {
    const file = path.join(dir, 'docs', 'plan.md');
    const before = fs.readFileSync(file, 'utf8');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ file: 'docs/missing.md', phase: '1', status: 'completed' }, /no such file/],
      [{ file: 'docs/plan.md', phase: '9', status: 'completed' }, /[Pp]hase.*9|no phase/],
      [{ file: 'docs/plan.md', phase: '1', status: 'finished-ish' }, /status/i],
      [{ file: 'docs/plan.md', status: 'completed' }, /exactly one of phase, task or line/],
      [{ file: 'docs/plan.md', phase: '1', task: 'x', status: 'completed' }, /exactly one/],
    ];
    for (const [args, message] of cases) {
      const r = await call(client, 'set_status', args);
      assert.equal(r.isError, true, JSON.stringify(args));
      assert.match(text(r), message);
      assert.equal(text(r).split('\n').length, 1);
    }
    fs.writeFileSync(path.join(dir, 'bin.md'), Buffer.from([0x23, 0x20, 0x00, 0x01]));
    const bin = await call(client, 'read_plan', { file: 'bin.md' });
    assert.equal(bin.isError, true);
    assert.match(text(bin), /binary/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });

  it('never reads or writes outside its roots: .., absolute paths, symbolic links that lead out', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'phasewise-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.md'), PLAN);
      fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'link.md'));
      const rel = path.relative(dir, path.join(outside, 'secret.md'));
      for (const file of [rel, path.join(outside, 'secret.md'), 'link.md', '../secret.md']) {
        for (const tool of ['read_plan', 'check_plan']) {
          const r = await call(client, tool, { file });
          assert.equal(r.isError, true, `${tool} ${file}`);
          assert.match(text(r), /outside the folders|no such file/, `${tool} ${file}`);
        }
        const w = await call(client, 'set_status', { file, phase: '1', status: 'completed' });
        assert.equal(w.isError, true, `set_status ${file}`);
      }
      assert.equal(fs.readFileSync(path.join(outside, 'secret.md'), 'utf8'), PLAN);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('checks a plan and adds a section from a template', async () => {
    const file = path.join(dir, 'docs', 'plan.md');
    fs.writeFileSync(file, PLAN.replace('| 1 | Index | In Progress |', '| 1 | Index | Pending |'));
    const check = await call(client, 'check_plan', { file: 'docs/plan.md' });
    const codes = (check.structuredContent!.diagnostics as Array<{ code: string }>).map((d) => d.code);
    assert.ok(codes.includes('overview-mismatch'), codes.join(', '));
    const add = await call(client, 'add_section', { file: 'docs/plan.md', template: 'next-phase', title: 'Ranking' });
    assert.ok(!add.isError, text(add));
    const plan = parsePlan(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(
      plan.phases.map((p) => p.title),
      ['Index', 'Query', 'Ranking'],
    );
    const bad = await call(client, 'add_section', { file: 'docs/plan.md', template: 'poem' });
    assert.equal(bad.isError, true);
  });

  it('twelve agents setting twelve tasks of one file at once lose no edit: one server, and three servers', async () => {
    const file = path.join(dir, 'ops.md');
    const ids = Array.from({ length: 12 }, (_, i) => `OPS-${String(i + 1).padStart(3, '0')}`);
    const t0 = Date.now();
    const results = await Promise.all(ids.map((task) => call(client, 'set_status', { file: 'ops.md', task, status: 'completed' })));
    const oneServerMs = Date.now() - t0;
    for (const r of results) assert.ok(!r.isError, text(r));
    assert.deepEqual(
      parsePlan(fs.readFileSync(file, 'utf8')).tasks.map((t) => t.status),
      ids.map(() => 'completed'),
    );

    const others = [client, await connect([dir]), await connect([dir])];
    try {
      const t1 = Date.now();
      const back = await Promise.all(ids.map((task, i) => call(others[i % 3], 'set_status', { file: 'ops.md', task, status: 'in-progress' })));
      const threeServersMs = Date.now() - t1;
      for (const r of back) assert.ok(!r.isError, text(r));
      assert.deepEqual(
        parsePlan(fs.readFileSync(file, 'utf8')).tasks.map((t) => t.status),
        ids.map(() => 'in-progress'),
      );
      assert.deepEqual(
        fs.readdirSync(dir).filter((f) => f.includes('phasewise')),
        [],
        'no lock or temporary file left behind',
      );
      process.stdout.write(`      (12 concurrent set_status: ${oneServerMs} ms in one server, ${threeServersMs} ms across three)\n`);
    } finally {
      await others[1].close();
      await others[2].close();
    }
  });

  it('phasewise set processes and the server writing the same file at once lose no edit', async () => {
    const file = path.join(dir, 'ops.md');
    const ids = Array.from({ length: 12 }, (_, i) => `OPS-${String(i + 1).padStart(3, '0')}`);
    const run = promisify(execFile);
    await Promise.all(
      ids.map((task, i) =>
        i % 2
          ? run(process.execPath, [CLI, 'set', file, '--task', task, '--status', 'blocked'])
          : call(client, 'set_status', { file: 'ops.md', task, status: 'blocked' }),
      ),
    );
    assert.deepEqual(
      parsePlan(fs.readFileSync(file, 'utf8')).tasks.map((t) => t.status),
      ids.map(() => 'blocked'),
    );
  });
});
