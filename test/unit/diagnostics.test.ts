// One fixture at least per diagnostic code (test/fixtures/diagnostics/<case>/): the input, every
// finding it must give (expected.json), and the text after the first fix (fixed.md).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DIAGNOSTIC_CODES, RULES, type DiagnosticCode } from '../../src/core/diagnostics';
import { applyEdits, checkPlan, hasErrors, parsePlan } from '../../src/core';
import { onlyRangesChanged } from '../support/edits';
import { FIXTURES, expectFile, fixtureDirs, read } from '../support/fixtures';

interface Expected {
  findings: Array<{ code: DiagnosticCode; line: number; message: string; fixes: string[] }>;
}

const CODES = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];
const cases = fixtureDirs('diagnostics').map((dir) => ({ dir, name: basename(dir), expected: JSON.parse(read(join(dir, 'expected.json'))) as Expected }));

describe('diagnostics: one fixture per code', () => {
  for (const { dir, name, expected } of cases) {
    describe(name, () => {
      const text = read(join(dir, 'input.md'));
      const found = checkPlan(text, parsePlan(text));

      it('gives exactly the expected findings, with the severity of the code table', () => {
        assert.deepEqual(
          found.map((d) => ({ code: d.code, line: d.line + 1, message: d.message, fixes: d.fixes.map((f) => f.title) })),
          expected.findings,
        );
        for (const d of found) assert.equal(d.severity, DIAGNOSTIC_CODES[d.code].severity, d.code);
        assert.equal(
          hasErrors(found),
          found.some((d) => DIAGNOSTIC_CODES[d.code].severity === 'error'),
        );
      });

      const fixedPath = join(dir, 'fixed.md');
      if (existsSync(fixedPath)) {
        it('its first fix writes the expected text, and the finding is gone', () => {
          const edits = found[0].fixes[0].edits;
          const out = applyEdits(text, edits);
          expectFile(dir, 'fixed.md', out);
          assert.ok(onlyRangesChanged(text, out, edits), 'bytes outside the edit ranges changed');
          assert.deepEqual(
            checkPlan(out, parsePlan(out)).filter((d) => d.code === found[0].code),
            [],
          );
        });
      } else {
        it('offers no fix, as the code table says', () => {
          for (const d of found) assert.deepEqual(d.fixes, []);
          for (const d of found) assert.equal(DIAGNOSTIC_CODES[d.code].hasFix, false, d.code);
        });
      }
    });
  }

  it('every code has a fixture, a rule and an entry in the table', () => {
    const covered = new Set(cases.flatMap((c) => c.expected.findings.map((f) => f.code)));
    for (const code of CODES) assert.ok(covered.has(code), `no fixture finds ${code}`);
    assert.deepEqual(Object.keys(RULES).sort(), [...CODES].sort());
    for (const code of CODES) {
      const info = DIAGNOSTIC_CODES[code];
      assert.ok(info.meaning && info.fix, code);
    }
  });

  it('a code with a fix offers one in its fixtures', () => {
    for (const { expected } of cases) {
      for (const f of expected.findings) assert.equal(f.fixes.length > 0, DIAGNOSTIC_CODES[f.code].hasFix, f.code);
    }
  });

  it('the README lists every code with the severity of the code table', () => {
    const readme = readFileSync(join(FIXTURES, '..', '..', 'README.md'), 'utf8');
    for (const code of CODES) assert.match(readme, new RegExp(`^\\| \`${code}\` \\| ${DIAGNOSTIC_CODES[code].severity} \\|`, 'm'), code);
  });

  it('a clean plan gives no findings', () => {
    const text = '# Plan\n\n**Current Phase:** Phase 2 of 2\n\n## Phase 1: Start\n\n**Status:** Completed\n\n## Phase 2: Finish\n\n**Status:** In Progress\n';
    assert.deepEqual(checkPlan(text, parsePlan(text)), []);
  });
});
