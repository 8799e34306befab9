// Gold Nuggets and the guidelines made from them: fixtures in our own words (test/fixtures/
// guidelines/<case>/: input.md, the nuggets it holds, and the log after `guidelines`), the
// rules they show, and the CLI commands.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { basename, join } from 'node:path';
import { GUIDELINES_END, GUIDELINES_START, applyEdits, guidelinesEdit, nuggetEntries, parsePlan } from '../../src/core';
import { type CliResult, runCli } from '../support/cliRun';
import { expectFile, expectJson, fixtureDirs, read } from '../support/fixtures';

function collect(text: string): string {
  return applyEdits(text, guidelinesEdit(text, parsePlan(text)));
}

function cli(args: string[], cwd: string): Promise<CliResult> {
  return runCli(args, cwd, new Date(2026, 10, 2));
}

describe('gold nuggets and guidelines', () => {
  for (const dir of fixtureDirs('guidelines')) {
    it(`${basename(dir)}: the nuggets, and the log with its guidelines written`, () => {
      const input = read(join(dir, 'input.md'));
      expectJson(dir, 'nuggets.json', nuggetEntries(input, parsePlan(input)));
      const once = collect(input);
      expectFile(dir, 'expected.md', once);
      assert.equal(collect(once), once, 'a second run changes nothing');
      // One edit, which replaces nothing but trailing blank space or the old block.
      const edits = guidelinesEdit(input, parsePlan(input));
      assert.equal(edits.length, 1);
      assert.ok(/^\s*$/.test(edits[0].expected) || edits[0].expected.startsWith(GUIDELINES_START), JSON.stringify(edits[0].expected));
      assert.ok(edits[0].text.includes(GUIDELINES_START) && edits[0].text.includes(GUIDELINES_END));
    });
  }

  it('reads a nugget to the end of its paragraph, without its label, and leaves fenced examples out', () => {
    const input = read(
      join(
        fixtureDirs('guidelines').find((d) => d.endsWith('domains'))!,
        'input.md',
      ),
    );
    const entries = nuggetEntries(input, parsePlan(input));
    assert.deepEqual(
      entries.map((e) => e.domain),
      ['Storage', 'Storage', 'Networking'],
    );
    assert.equal(entries[0].text, 'Make every retried write idempotent, and key it by what it writes rather than by when it was attempted.');
    assert.equal(entries[0].problem, 'Thumbnails were written twice on slow disks');
    assert.ok(!entries.some((e) => e.text.includes('inside a fence')));
  });

  it('takes neither the document title nor a section of all fixes for a domain', () => {
    const text = '# Execution Log: Sync\n\n### Problem: Lost edits\n\n**Gold Nugget:** Merge, never replace.\n';
    assert.deepEqual(
      nuggetEntries(text, parsePlan(text)).map((e) => [e.domain, e.problem, e.text]),
      [['General', 'Lost edits', 'Merge, never replace.']],
    );
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    const crlf = read(
      join(
        fixtureDirs('guidelines').find((d) => d.endsWith('replace-block-crlf'))!,
        'input.md',
      ),
    );
    const out = collect(crlf);
    assert.ok(!/[^\r]\n/.test(out), 'only CRLF');
    assert.ok(!out.includes('An old guideline'), 'the old block is replaced');
    assert.ok(out.endsWith('Text after the block stays as it is.\r\n'));
    const bare = read(
      join(
        fixtureDirs('guidelines').find((d) => d.endsWith('no-section'))!,
        'input.md',
      ),
    );
    assert.ok(!collect(bare).endsWith('\n'));
  });

  describe('CLI', () => {
    let tmp: string;
    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'phasewise-nuggets-'));
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('nuggets lists every nugget of the files, as lines and as versioned JSON', async () => {
      const dir = fixtureDirs('guidelines').find((d) => d.endsWith('domains'))!;
      fs.copyFileSync(join(dir, 'input.md'), join(tmp, 'log.md'));
      fs.copyFileSync(
        join(
          fixtureDirs('guidelines').find((d) => d.endsWith('bullet-nuggets'))!,
          'input.md',
        ),
        join(tmp, 'billing.md'),
      );
      const text = await cli(['nuggets', 'log.md', 'billing.md'], tmp);
      assert.equal(text.code, 0, text.stderr);
      assert.equal(text.stdout.split('\n').filter(Boolean).length, 5);
      assert.match(text.stdout, /^log\.md:16 {2}\[Storage\] {2}Make every retried write idempotent/m);
      const json = await cli(['nuggets', 'log.md', '--json'], tmp);
      const parsed = JSON.parse(json.stdout) as { version: number; nuggets: Array<{ file: string; line: number; domain: string; problem: string | null }> };
      assert.equal(parsed.version, 1);
      assert.deepEqual(parsed.nuggets[2], { ...parsed.nuggets[2], file: 'log.md', domain: 'Networking', problem: 'Uploads stalled behind one large file' });
      const missing = await cli(['nuggets'], tmp);
      assert.equal(missing.code, 2);
    });

    it('guidelines writes the section once, a second run changes nothing, --dry-run writes nothing', async () => {
      const dir = fixtureDirs('guidelines').find((d) => d.endsWith('domains'))!;
      const file = join(tmp, 'log.md');
      fs.copyFileSync(join(dir, 'input.md'), file);
      const dry = await cli(['guidelines', 'log.md', '--dry-run'], tmp);
      assert.equal(dry.code, 0);
      assert.match(dry.stdout, /^\+<!-- phasewise:guidelines:start -->$/m);
      assert.equal(fs.readFileSync(file, 'utf8'), read(join(dir, 'input.md')));
      const first = await cli(['guidelines', 'log.md'], tmp);
      assert.match(first.stdout, /Wrote the Future Development Guidelines from 3 Gold Nuggets/);
      assert.equal(fs.readFileSync(file, 'utf8'), read(join(dir, 'expected.md')));
      const second = await cli(['guidelines', 'log.md'], tmp);
      assert.match(second.stdout, /nothing changed/);
      fs.writeFileSync(join(tmp, 'plan.md'), '# Plan\n\n## Phase 1: Start\n\n**Status:** Pending\n');
      const none = await cli(['guidelines', 'plan.md'], tmp);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /no Gold Nuggets/);
    });
  });
});
