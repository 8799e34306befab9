import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { type CliResult, runCli } from '../support/cliRun';
import { findMarkdown } from '../../src/cli/list';
import { ListJsonSchema, MAX_PLAN_BYTES } from '../../src/core/discover';
import { PlanDocument, StatusJsonSchema } from '../../src/core';
import { newDocument } from '../../src/core/templates';
import pkg from '../../package.json';

// The bundled test lives in out/test/unit; the sources and fixtures three levels up.
function findRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (let i = 0; i < 6; i++) {
      if (fs.existsSync(path.join(dir, 'test', 'fixtures', 'cli')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
      dir = path.dirname(dir);
    }
  }
  throw new Error('repository root not found');
}
const ROOT = findRoot();
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');
const NOW = new Date(2026, 10, 21, 14, 5);

type Result = CliResult;

function run(args: string[], cwd: string): Promise<Result> {
  return runCli(args, cwd, NOW);
}

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Asserts a usage/input error: exit 2, nothing on stdout, one `phasewise: ` line on stderr. */
function assertUsageError(r: Result, pattern?: RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^phasewise: [^\n]+\n$/);
  if (pattern) assert.match(r.stderr, pattern);
}

describe('cli', () => {
  let tmp: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'phasewise-cli-'));
    for (const f of fs.readdirSync(FIXTURES)) fs.copyFileSync(path.join(FIXTURES, f), path.join(tmp, f));
  });

  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const read = (name: string): string => fs.readFileSync(path.join(tmp, name), 'utf8');
  const bytes = (name: string): Buffer => fs.readFileSync(path.join(tmp, name));

  describe('status', () => {
    it('prints valid status JSON with phases, statuses, lines, progress and the current phase', async () => {
      const r = await run(['status', 'plan.md', '--json'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.ok(r.stdout.startsWith('{\n  "version": 1,'), 'two-space indentation');
      const json = StatusJsonSchema.parse(JSON.parse(r.stdout));
      assert.equal(json.file, 'plan.md');
      assert.equal(json.kind, 'plan');
      assert.equal(json.title, 'Rollout Plan: Offline Sync');
      assert.deepEqual(
        json.phases.map((p) => [p.number, p.title, p.status, p.line, p.tasks.done, p.tasks.total]),
        [
          ['1', 'Storage layer', 'completed', 15, 2, 2],
          ['2', 'Sync engine', 'in-progress', 23, 2, 5],
          ['3', 'Conflict UI', 'pending', 36, 0, 2],
        ],
      );
      assert.deepEqual(json.progress, { completed: 1, total: 3 });
      assert.deepEqual(json.currentPhase, { number: '2', id: null, title: 'Sync engine', line: 23 });
      assert.deepEqual(json.diagnostics, []);
    });

    it('reads the same structure from a CRLF file with a BOM', async () => {
      const r = await run(['status', 'plan-crlf-bom.md', '--json'], tmp);
      assert.equal(r.code, 0, r.stderr);
      const json = StatusJsonSchema.parse(JSON.parse(r.stdout));
      assert.equal(json.title, 'Rollout Plan: Offline Sync');
      assert.deepEqual(
        json.phases.map((p) => p.line),
        [15, 23, 36],
      );
      assert.deepEqual(json.currentPhase?.line, 23);
    });

    it('prints a human summary', async () => {
      const r = await run(['status', 'plan.md'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Rollout Plan: Offline Sync\n/);
      assert.match(r.stdout, /Kind: plan/);
      assert.match(r.stdout, /Current phase: Phase 2: Sync engine \(line 23\)/);
      assert.match(r.stdout, /Progress: 1\/3 phases \(33%\)/);
      assert.match(r.stdout, /\[x\] completed +Phase 1: Storage layer +2\/2 tasks +line 15/);
      assert.match(r.stdout, /\[>\] in-progress +Phase 2: Sync engine +2\/5 tasks +line 23/);
      assert.match(r.stdout, /\[ \] pending +Phase 3: Conflict UI +0\/2 tasks +line 36/);
      assert.match(r.stdout, /Tasks in Phase 2:\n(?:.*\n){5}\n/);
      assert.match(r.stdout, /Replay the queue on reconnect +\(line 29\)/);
      assert.match(r.stdout, /Diagnostics: none/);
    });

    it('lists the tasks of a document without phases', async () => {
      const r = await run(['status', 'tracker.md'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Kind: tracker/);
      assert.match(r.stdout, /Progress: 1\/3 tasks \(33%\)/);
      assert.match(r.stdout, /\[ \] pending +ABC-002 Rate-limit the login endpoint +\(line 11\)/);
    });
  });

  describe('set', () => {
    it('--phase 2 --status completed changes the status word, the overview cell and Current Phase only', async () => {
      const r = await run(['set', 'plan.md', '--phase', '2', '--status', 'completed'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'Phase 2: In Progress -> completed (3 edits)\n');
      assert.equal(read('plan.md'), fixture('plan.phase2-completed.md'));
    });

    it('keeps the BOM and CRLF line endings', async () => {
      const r = await run(['set', 'plan-crlf-bom.md', '--phase', '2', '--status', 'completed'], tmp);
      assert.equal(r.code, 0, r.stderr);
      const expected = '\uFEFF' + fixture('plan.phase2-completed.md').replace(/\n/g, '\r\n');
      const out = bytes('plan-crlf-bom.md');
      assert.deepEqual([...out.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(out.toString('utf8'), expected);
      assert.ok(!/[^\r]\n/.test(out.toString('utf8')), 'every LF is preceded by CR');
    });

    it('--dry-run prints a unified diff and leaves the file byte-identical', async () => {
      const before = bytes('plan.md');
      const mtime = fs.statSync(path.join(tmp, 'plan.md')).mtimeMs;
      const r = await run(['set', 'plan.md', '--phase', '2', '--status', 'completed', '--dry-run'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^--- plan\.md\toriginal$/m);
      assert.match(r.stdout, /^\+\+\+ plan\.md\tphasewise$/m);
      assert.match(r.stdout, /^-\*\*Current Phase:\*\* Phase 2 of 3$/m);
      assert.match(r.stdout, /^\+\*\*Current Phase:\*\* Phase 3 of 3$/m);
      assert.match(r.stdout, /^-\| 2 {5}\| Sync engine {3}\| In Progress \|$/m);
      assert.match(r.stdout, /^\+\| 2 {5}\| Sync engine {3}\| Completed {3}\|$/m);
      assert.match(r.stdout, /^\+\*\*Status:\*\* Completed ✅$/m);
      assert.match(r.stderr, /dry run/);
      assert.ok(bytes('plan.md').equals(before));
      assert.equal(fs.statSync(path.join(tmp, 'plan.md')).mtimeMs, mtime);
    });

    it('--task ABC-002 --status in-progress writes IN_PROGRESS in a tracker', async () => {
      const before = read('tracker.md');
      const r = await run(['set', 'tracker.md', '--task', 'ABC-002', '--status', 'in-progress'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'Task ABC-002: NOT_STARTED -> in-progress (1 edit)\n');
      const expected = before.replace(
        '### ABC-002: Rate-limit the login endpoint\n\n**Status**: NOT_STARTED',
        '### ABC-002: Rate-limit the login endpoint\n\n**Status**: IN_PROGRESS',
      );
      assert.notEqual(expected, before);
      assert.equal(read('tracker.md'), expected);
    });

    it('--line on a checkbox line toggles it, or sets the given status', async () => {
      const before = read('tasks.md');
      let r = await run(['set', 'tasks.md', '--line', '4'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'Task T002: [ ] -> completed (1 edit)\n');
      assert.equal(read('tasks.md'), before.replace('- [ ] T002', '- [x] T002'));
      r = await run(['set', 'tasks.md', '--line', '4'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(read('tasks.md'), before);
      r = await run(['set', 'tasks.md', '--line', '5', '--status', 'done'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(read('tasks.md'), before.replace('- [ ] T003', '- [x] T003'));
    });

    it('reports "nothing to change" when the status is already set', async () => {
      const before = bytes('plan.md');
      const r = await run(['set', 'plan.md', '--phase', '1', '--status', 'completed'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Phase 1 is already completed .*nothing to change\.\n$/);
      assert.ok(bytes('plan.md').equals(before));
    });

    it('keeps the file mode and writes through a symbolic link', async function () {
      if (process.platform === 'win32') this.skip();
      const file = path.join(tmp, 'plan.md');
      fs.chmodSync(file, 0o640);
      fs.symlinkSync(file, path.join(tmp, 'link.md'));
      const r = await run(['set', 'link.md', '--phase', '2', '--status', 'completed'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(fs.statSync(file).mode & 0o777, 0o640);
      assert.ok(fs.lstatSync(path.join(tmp, 'link.md')).isSymbolicLink());
      assert.equal(read('plan.md'), fixture('plan.phase2-completed.md'));
      assert.deepEqual(
        fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp')),
        [],
      );
    });
  });

  describe('check', () => {
    it('exits 1 on an overview mismatch and names the fix', async () => {
      const r = await run(['check', 'mismatch.md'], tmp);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /^mismatch\.md:9: error overview-mismatch: Phase 1 is Completed/m);
      assert.match(r.stdout, /^ {4}fix: Set the overview row to Completed$/m);
    });

    it('prints JSON diagnostics with fix titles', async () => {
      const r = await run(['check', 'mismatch.md', '--json'], tmp);
      assert.equal(r.code, 1, r.stderr);
      const json = JSON.parse(r.stdout);
      assert.equal(json.version, 1);
      assert.equal(json.file, 'mismatch.md');
      assert.equal(json.diagnostics.length, 1);
      assert.deepEqual(
        { ...json.diagnostics[0], message: undefined },
        { line: 9, severity: 'error', code: 'overview-mismatch', message: undefined, fixes: ['Set the overview row to Completed'] },
      );
    });

    it('exits 0 on a clean plan', async () => {
      const r = await run(['check', 'plan.md'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'plan.md: no problems found\n');
      const j = await run(['check', 'plan.md', '--json'], tmp);
      assert.equal(j.code, 0);
      assert.deepEqual(JSON.parse(j.stdout), { version: 1, file: 'plan.md', diagnostics: [] });
    });

    it('exits 0 when there are only warnings', async () => {
      const r = await run(['check', 'mojibake.md'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^mojibake\.md:3: warning mojibake: /m);
    });
  });

  describe('next', () => {
    it('picks the in-progress phase and its first open step', async () => {
      const r = await run(['next', 'plan.md'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'Phase: Phase 2: Sync engine (in-progress, line 23)\nNext task: Replay the queue on reconnect (in-progress, line 29)\n');
      const j = await run(['next', 'plan.md', '--json'], tmp);
      assert.deepEqual(JSON.parse(j.stdout), {
        version: 1,
        file: 'plan.md',
        phase: { number: '2', id: null, title: 'Sync engine', status: 'in-progress', line: 23 },
        task: { id: null, title: 'Replay the queue on reconnect', status: 'in-progress', line: 29 },
      });
    });

    it('picks the first open task of a document without phases', async () => {
      const j = await run(['next', 'tracker.md', '--json'], tmp);
      assert.equal(j.code, 0, j.stderr);
      const json = JSON.parse(j.stdout);
      assert.equal(json.phase, null);
      assert.deepEqual(json.task, { id: 'ABC-002', title: 'Rate-limit the login endpoint', status: 'pending', line: 11 });
    });
  });

  describe('new', () => {
    it('prints a plan that parses back as a plan', async () => {
      const r = await run(['new', 'plan', '--title', 'Dark Mode'], tmp);
      assert.equal(r.code, 0, r.stderr);
      const plan = PlanDocument.parse(r.stdout).plan;
      assert.equal(plan.kind, 'plan');
      assert.match(r.stdout, /Dark Mode/);
    });

    for (const kind of ['log', 'summary', 'tracker']) {
      it(`prints the ${kind} template`, async () => {
        const r = await run(['new', kind, '--title', 'Sprint 4'], tmp);
        assert.equal(r.code, 0, r.stderr);
        // Whether each template parses back as its kind is covered by the templates tests.
        assert.equal(r.stdout, newDocument(kind as 'log' | 'summary' | 'tracker', { title: 'Sprint 4', now: NOW }));
      });
    }

    it('writes --output and refuses to overwrite it', async () => {
      const r = await run(['new', 'tracker', '--output', 'new-tracker.md'], tmp);
      assert.equal(r.code, 0, r.stderr);
      const written = read('new-tracker.md');
      assert.ok(written.length > 0);
      const again = await run(['new', 'plan', '-o', 'new-tracker.md'], tmp);
      assertUsageError(again, /already exists/);
      assert.equal(read('new-tracker.md'), written);
    });

    it('rejects an unknown kind', async () => {
      assertUsageError(await run(['new', 'novel'], tmp), /unknown kind "novel"/);
    });
  });

  describe('repair', () => {
    it('repairs damaged emoji', async () => {
      const before = read('mojibake.md');
      const r = await run(['repair', 'mojibake.md'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^mojibake\.md: 2 repairs/);
      assert.equal(read('mojibake.md'), before.replaceAll('‚úÖ', '✅'));
      const again = await run(['repair', 'mojibake.md'], tmp);
      assert.equal(again.code, 0);
      assert.match(again.stdout, /nothing to repair/);
    });

    it('--dry-run prints a diff and writes nothing', async () => {
      const before = bytes('mojibake.md');
      const r = await run(['repair', 'mojibake.md', '--dry-run'], tmp);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^-\*\*Status:\*\* Completed ‚úÖ$/m);
      assert.match(r.stdout, /^\+\*\*Status:\*\* Completed ✅$/m);
      assert.ok(bytes('mojibake.md').equals(before));
    });
  });

  describe('help and version', () => {
    it('--help and help document the commands and exit codes', async () => {
      for (const args of [['--help'], ['help'], ['-h']]) {
        const r = await run(args, tmp);
        assert.equal(r.code, 0);
        assert.match(r.stdout, /Usage:/);
        assert.match(r.stdout, /phasewise set FILE/);
        assert.match(r.stdout, /Exit codes:\n\s+0 +success\n\s+1 +check found/);
        assert.match(r.stdout, /2 +usage or input error/);
      }
      const s = await run(['help', 'set'], tmp);
      assert.equal(s.code, 0);
      assert.match(s.stdout, /--dry-run/);
      const h = await run(['status', '--help'], tmp);
      assert.equal(h.code, 0);
      assert.match(h.stdout, /Usage: phasewise status FILE/);
    });

    it('--version prints the package version', async () => {
      const r = await run(['--version'], tmp);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `${pkg.version}\n`);
    });

    it('no arguments: a one-line error pointing at --help, exit 2', async () => {
      assertUsageError(await run([], tmp), /missing command .*phasewise --help/);
    });
  });

  describe('bad input', () => {
    function snapshot(name: string): { content: Buffer; mtime: number } {
      const p = path.join(tmp, name);
      return { content: fs.readFileSync(p), mtime: fs.statSync(p).mtimeMs };
    }
    function assertUntouched(name: string, before: { content: Buffer; mtime: number }): void {
      const after = snapshot(name);
      assert.ok(after.content.equals(before.content), `${name} content changed`);
      assert.equal(after.mtime, before.mtime, `${name} mtime changed`);
    }

    const editCases: Array<[string, string[], string, RegExp]> = [
      ['unknown phase', ['set', 'plan.md', '--phase', '9', '--status', 'completed'], 'plan.md', /No phase "9".*phases: Phase 1, Phase 2, Phase 3/],
      ['unknown task', ['set', 'tracker.md', '--task', 'ABC-999', '--status', 'completed'], 'tracker.md', /No task with ID "ABC-999"/],
      ['invalid status', ['set', 'plan.md', '--phase', '2', '--status', 'sideways'], 'plan.md', /Invalid status "sideways"; allowed: pending, in-progress/],
      ['ambiguous phase', ['set', 'duplicate.md', '--phase', '2', '--status', 'completed'], 'duplicate.md', /appears 2 times \(lines 7, 11\)/],
      ['two selectors', ['set', 'plan.md', '--phase', '2', '--line', '23', '--status', 'completed'], 'plan.md', /exactly one of --phase, --task, --line/],
      ['no selector', ['set', 'plan.md', '--status', 'completed'], 'plan.md', /missing selector/],
      ['missing --status for a phase', ['set', 'plan.md', '--phase', '2'], 'plan.md', /missing --status/],
      ['--status without a value', ['set', 'plan.md', '--phase', '2', '--status'], 'plan.md', /option --status needs a value/],
      ['unknown flag', ['set', 'plan.md', '--phase', '2', '--status', 'completed', '--force'], 'plan.md', /unknown option --force for "set"/],
      ['repeated flag', ['set', 'plan.md', '--phase', '2', '--phase', '3', '--status', 'completed'], 'plan.md', /--phase was given more than once/],
      ['--line past the end', ['set', 'plan.md', '--line', '999', '--status', 'completed'], 'plan.md', /line 999 is past the end/],
      ['--line not a number', ['set', 'plan.md', '--line', 'ten', '--status', 'completed'], 'plan.md', /--line expects a line number/],
      ['--line 0', ['set', 'plan.md', '--line', '0', '--status', 'completed'], 'plan.md', /1-based/],
      ['--line on plain text', ['set', 'plan.md', '--line', '1', '--status', 'completed'], 'plan.md', /Line 1 is not a phase heading or a task/],
      ['checkbox marked failed', ['set', 'tasks.md', '--task', 'T002', '--status', 'failed'], 'tasks.md', /checkbox task cannot be marked failed/],
      ['extra argument', ['set', 'plan.md', 'other.md', '--phase', '2', '--status', 'completed'], 'plan.md', /expected one FILE/],
      ['repair with an unknown flag', ['repair', 'mojibake.md', '--all'], 'mojibake.md', /unknown option --all for "repair"/],
    ];
    for (const [name, args, file, pattern] of editCases) {
      it(`${name}: exits 2 with one line and leaves the file untouched`, async () => {
        const before = snapshot(file);
        assertUsageError(await run(args, tmp), pattern);
        assertUntouched(file, before);
      });
    }

    it('missing file', async () => {
      assertUsageError(await run(['status', 'nope.md'], tmp), /^phasewise: nope\.md: no such file\n$/);
      assertUsageError(await run(['set', 'nope.md', '--phase', '1', '--status', 'completed'], tmp), /no such file/);
      assert.ok(!fs.existsSync(path.join(tmp, 'nope.md')));
    });

    it('a directory', async () => {
      fs.mkdirSync(path.join(tmp, 'plans'));
      for (const cmd of ['status', 'check', 'next', 'repair']) assertUsageError(await run([cmd, 'plans'], tmp), /plans is a directory/);
    });

    it('a binary file (NUL bytes)', async () => {
      const p = path.join(tmp, 'image.md');
      fs.writeFileSync(p, Buffer.concat([Buffer.from('# Phase 1: x\n\n**Status:** Pending\n'), Buffer.from([0, 1, 2, 0xff])]));
      const before = snapshot('image.md');
      assertUsageError(await run(['status', 'image.md'], tmp), /binary/);
      assertUsageError(await run(['set', 'image.md', '--phase', '1', '--status', 'completed'], tmp), /binary/);
      assertUsageError(await run(['repair', 'image.md'], tmp), /binary/);
      assertUntouched('image.md', before);
    });

    it('invalid UTF-8', async () => {
      const p = path.join(tmp, 'latin1.md');
      fs.writeFileSync(p, Buffer.from('# Plan\n\n## Phase 1: Caf\xe9\n\n**Status:** Pending\n', 'latin1'));
      const before = snapshot('latin1.md');
      assertUsageError(await run(['check', 'latin1.md'], tmp), /not valid UTF-8/);
      assertUsageError(await run(['set', 'latin1.md', '--phase', '1', '--status', 'completed'], tmp), /not valid UTF-8/);
      assertUntouched('latin1.md', before);
    });

    it('a file over 50 MB', async () => {
      const p = path.join(tmp, 'huge.md');
      fs.writeFileSync(p, '# Plan\n');
      fs.truncateSync(p, 50 * 1024 * 1024 + 1);
      const before = fs.statSync(p).mtimeMs;
      assertUsageError(await run(['status', 'huge.md'], tmp), /too large/);
      assertUsageError(await run(['set', 'huge.md', '--phase', '1', '--status', 'completed'], tmp), /too large/);
      assert.equal(fs.statSync(p).mtimeMs, before);
      assert.equal(fs.statSync(p).size, 50 * 1024 * 1024 + 1);
    });

    it('unknown command and options', async () => {
      assertUsageError(await run(['frobnicate', 'plan.md'], tmp), /unknown command "frobnicate"/);
      assertUsageError(await run(['--frobnicate'], tmp), /unknown option --frobnicate/);
      assertUsageError(await run(['status', 'plan.md', '--yaml'], tmp), /unknown option --yaml for "status"/);
      assertUsageError(await run(['status', '--json=yes', 'plan.md'], tmp), /--json does not take a value/);
      assertUsageError(await run(['status'], tmp), /status: missing FILE/);
      assertUsageError(await run(['help', 'frobnicate'], tmp), /unknown command "frobnicate"/);
    });

    it('reports an unexpected error as a bug (exit 1), with a stack trace only with PHASEWISE_DEBUG=1', async () => {
      const attempt = async (env: Record<string, string>, args: string[]): Promise<{ code: number; stderr: string }> => {
        let stderr = '';
        const io = {
          stdout: {
            write: (): boolean => {
              throw new TypeError('stdout is gone');
            },
          },
          stderr: { write: (s: string) => (stderr += s) },
          cwd: tmp,
          env,
        };
        return { code: await main(args, io), stderr };
      };
      // An unexpected error is a bug: exit 1 (not the usage code 2) and a line asking to report it.
      const quiet = await attempt({}, ['status', 'plan.md']);
      assert.equal(quiet.code, 1);
      assert.match(
        quiet.stderr,
        /^phasewise: internal error: stdout is gone\nphasewise: this is a bug; please report it at https:\/\/\S+ with the command you ran \(PHASEWISE_DEBUG=1 prints the stack trace\)\n$/,
      );
      const debug = await attempt({ PHASEWISE_DEBUG: '1' }, ['status', 'plan.md']);
      assert.equal(debug.code, 1);
      assert.match(
        debug.stderr,
        /^phasewise: internal error: stdout is gone\nphasewise: this is a bug; please report it at \S+ with the command you ran\nTypeError: stdout is gone\n\s+at /,
      );
      // A usage error never gets a stack, even in debug mode.
      const usage = await attempt({ PHASEWISE_DEBUG: '1' }, ['status', 'nope.md']);
      assert.equal(usage.stderr, 'phasewise: nope.md: no such file\n');
    });
  });

  describe('the bundle', () => {
    const cli = path.join(ROOT, 'dist', 'cli.js');

    before(function () {
      this.timeout(60000);
      if (!fs.existsSync(cli) || !fs.existsSync(path.join(ROOT, 'dist', 'cli-main.js'))) {
        const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
        assert.equal(b.status, 0, b.stderr);
      }
    });

    it('dist/cli.js runs with node, has a shebang and is executable', function () {
      this.timeout(30000);
      const source = fs.readFileSync(cli, 'utf8');
      assert.ok(source.startsWith('#!/usr/bin/env node\n'));
      const file = path.join(tmp, 'plan.md');
      const r = spawnSync(process.execPath, [cli, 'status', file, '--json'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const json = StatusJsonSchema.parse(JSON.parse(r.stdout));
      assert.equal(json.currentPhase?.number, '2');
      const v = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
      assert.equal(v.stdout, `${pkg.version}\n`);
      const bad = spawnSync(process.execPath, [cli, 'status', path.join(tmp, 'missing.md')], { encoding: 'utf8' });
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /^phasewise: .*no such file\n$/);
      if (process.platform !== 'win32') {
        const direct = spawnSync(cli, ['check', path.join(tmp, 'mismatch.md')], { encoding: 'utf8' });
        assert.equal(direct.status, 1, direct.stderr);
        assert.match(direct.stdout, /overview-mismatch/);
      }
    });
  });
});

// ---- list: a folder tree of its own ----

const GARDEN_PLAN = `# Garden Plan

**Current Phase:** Phase 2

## Phase 1: Clear the beds
**Status:** Completed ✅

- [x] Pull the weeds
- [x] Turn the soil

## Phase 2: Sow
**Status:** In Progress

- [x] Buy seeds
- [ ] Sow the carrots

## Phase 3: Harvest
**Status:** Pending
`;

const CHORES = `# Chores

- [x] Fix the gate
- [ ] Paint the shed
- [ ] Oil the hinges
`;

const TRACKER = `# Kitchen Tracker

### KIT-001: Replace the tap
**Status:** Done

### KIT-002: Tile the wall
**Status:** Open
`;

const README = `# Recipes

A collection of family recipes.

## Soup

Boil water, add vegetables.
`;

function write(root: string, rel: string, text: string): void {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

describe('cli list', () => {
  let tmp: string;
  let tree: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'phasewise-list-'));
    tree = path.join(tmp, 'tree');
    write(tree, 'plan.md', GARDEN_PLAN);
    write(tree, 'notes/chores.md', CHORES);
    write(tree, 'notes/deep/kitchen.md', TRACKER);
    write(tree, 'README.md', README);
    write(tree, 'notes/chores.txt', CHORES); // not Markdown
    for (const skipped of ['node_modules/pkg', '.git', 'dist', 'out', '.vscode-test']) write(tree, `${skipped}/hidden.md`, CHORES);
  });

  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('--json lists the plans relative to the folder, sorted by path, valid against the schema', async () => {
    const r = await run(['list', 'tree', '--json'], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const json = ListJsonSchema.parse(JSON.parse(r.stdout));
    assert.equal(json.version, 1);
    assert.deepEqual(
      json.files.map((f) => f.file),
      ['notes/chores.md', 'notes/deep/kitchen.md', 'plan.md'],
    );
    const plan = json.files.find((f) => f.file === 'plan.md')!;
    assert.equal(plan.root, 'tree');
    assert.equal(plan.kind, 'plan');
    assert.equal(plan.title, 'Garden Plan');
    assert.deepEqual(plan.progress, { completed: 1, total: 3 });
    assert.equal(plan.currentPhase?.number, '2');
    assert.equal(plan.currentPhase?.title, 'Sow');
    assert.equal(plan.currentPhase?.line, 11);
    const chores = json.files.find((f) => f.file === 'notes/chores.md')!;
    assert.equal(chores.kind, 'tasks');
    assert.equal(chores.currentPhase, null);
    assert.deepEqual(chores.progress, { completed: 1, total: 3 });
    assert.equal(json.files.find((f) => f.file === 'notes/deep/kitchen.md')!.kind, 'tracker');
  });

  it('prints one line per plan with kind, progress, title and current phase', async () => {
    const r = await run(['list'], tree);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^notes\/chores\.md\s+tasks\s+1\/3 tasks\s+Chores$/);
    assert.match(lines[1], /^notes\/deep\/kitchen\.md\s+tracker\s+1\/2 tasks\s+Kitchen Tracker$/);
    assert.match(lines[2], /^plan\.md\s+plan\s+1\/3 phases\s+Garden Plan\s+current: Phase 2: Sow$/);
  });

  it('prefixes paths with the folders when several are given, in the order given', async () => {
    write(tmp, 'other/more.md', CHORES);
    const r = await run(['list', 'other', 'tree/notes'], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]),
      ['other/more.md', 'tree/notes/chores.md', 'tree/notes/deep/kitchen.md'],
    );
    const json = ListJsonSchema.parse(JSON.parse((await run(['list', '--json', 'other', 'tree/notes'], tmp)).stdout));
    assert.deepEqual(
      json.files.map((f) => [f.root, f.file]),
      [
        ['other', 'more.md'],
        ['tree/notes', 'chores.md'],
        ['tree/notes', 'deep/kitchen.md'],
      ],
    );
  });

  it('skips node_modules, .git, dist, out and .vscode-test inside the tree, but reads one given by name', async () => {
    const all = (await run(['list', '--json', '.'], tree)).stdout;
    assert.doesNotMatch(all, /hidden\.md/);
    const json = ListJsonSchema.parse(JSON.parse((await run(['list', '--json', 'node_modules'], tree)).stdout));
    assert.deepEqual(
      json.files.map((f) => f.file),
      ['pkg/hidden.md'],
    );
  });

  it('exits 2 with one line for a folder that does not exist or is a file, before printing anything', async () => {
    for (const [arg, pattern] of [
      ['missing', /^phasewise: missing: no such directory\n$/],
      ['plan.md', /^phasewise: plan\.md is a file, not a directory\n$/],
    ] as const) {
      const r = await run(['list', '.', arg], tree);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, pattern);
    }
  });

  it('does not follow a symbolic link out of the tree, nor a link to a folder', async function () {
    const outside = path.join(tmp, 'outside');
    write(outside, 'secret-plan.md', GARDEN_PLAN);
    try {
      fs.symlinkSync(outside, path.join(tree, 'linked-dir'), 'dir');
      fs.symlinkSync(path.join(outside, 'secret-plan.md'), path.join(tree, 'linked-out.md'));
      fs.symlinkSync(path.join(tree, 'plan.md'), path.join(tree, 'linked-in.md'));
      fs.symlinkSync(path.join(tree, 'notes'), path.join(tree, 'notes-again'), 'dir'); // inside, but a folder: not followed either
    } catch {
      this.skip(); // no symbolic links on this file system
    }
    const json = ListJsonSchema.parse(JSON.parse((await run(['list', '--json'], tree)).stdout));
    assert.deepEqual(
      json.files.map((f) => f.file),
      ['linked-in.md', 'notes/chores.md', 'notes/deep/kitchen.md', 'plan.md'],
    );
  });

  it('reads a large file to its end, and a small one read after it whole', async function () {
    this.timeout(30_000); // two megabytes through the unbundled test build
    // Two megabytes of notes, then the tasks: more than one read's worth before them.
    const filler = 'Notes on the garden, kept for later.\n'.repeat(56_000);
    write(tree, 'long.md', `# Long chores\n\n${filler}\n- [x] water\n- [ ] sweep\n- [ ] dust\n`);
    const json = ListJsonSchema.parse(JSON.parse((await run(['list', '--json'], tree)).stdout));
    const long = json.files.find((f) => f.file === 'long.md');
    assert.deepEqual(long?.progress, { completed: 1, total: 3 });
    const chores = json.files.find((f) => f.file === 'notes/chores.md');
    assert.ok(chores && chores.progress.total > 0);
  });

  it('skips a file over the size limit and an unreadable one with a note, and goes on', async function () {
    const big = path.join(tree, 'big.md');
    fs.writeFileSync(big, CHORES);
    fs.truncateSync(big, MAX_PLAN_BYTES + 1);
    const locked = path.join(tree, 'locked.md');
    fs.writeFileSync(locked, CHORES);
    fs.chmodSync(locked, 0o000);
    let readable = true;
    try {
      fs.readFileSync(locked);
    } catch {
      readable = false;
    }
    const r = await run(['list', '--json'], tree);
    fs.chmodSync(locked, 0o644);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^phasewise: skipped big\.md: 8\.0 MB is more than Phasewise reads \(8 MB\)$/m);
    if (!readable) assert.match(r.stderr, /^phasewise: skipped locked\.md: permission denied$/m);
    const files = ListJsonSchema.parse(JSON.parse(r.stdout)).files.map((f) => f.file);
    assert.ok(!files.includes('big.md'));
    assert.ok(files.includes('plan.md'));
  });

  it('prints an empty list for a folder without plans', async () => {
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    write(empty, 'readme.md', README);
    const e = await run(['list', '--json'], empty);
    assert.deepEqual(JSON.parse(e.stdout), { version: 1, files: [] });
    assert.equal((await run(['list'], empty)).stdout, '');
  });

  it('finds Markdown files with forward-slash relative paths', () => {
    const found = findMarkdown(tree).map((f) => f.rel);
    assert.deepEqual(found, ['README.md', 'notes/chores.md', 'notes/deep/kitchen.md', 'plan.md']);
  });

  it('rejects an unknown option', async () => {
    const r = await run(['list', '--depth', '2'], tree);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^phasewise: unknown option --depth for "list"/);
  });
});
