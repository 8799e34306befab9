import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import {
  applyEdits,
  findAtLine,
  findPhase,
  findTask,
  setStatus,
  parseStatusArg,
  StaleEditError,
  type Target,
  type TextEdit,
  verifyEdits,
} from '../../src/core/edits';
import { parsePlan } from '../../src/core/parse/document';
import { onlyRangesChanged } from '../support/edits';
import { expectFile, fixtureDirs, read, readOp } from '../support/fixtures';

interface Op {
  op: 'phase' | 'task' | 'line';
  target: string | number;
  status: string;
  now?: string;
  /** Time measured in progress, for the Actual Duration field. */
  actualMinutes?: number;
}

function run(input: string, op: Op): { edits: TextEdit[]; output: string } {
  const plan = parsePlan(input);
  let target: Target;
  if (op.op === 'phase') target = { kind: 'phase', index: findPhase(plan, String(op.target)) };
  else if (op.op === 'task') target = { kind: 'task', index: findTask(plan, String(op.target)) };
  else target = findAtLine(plan, Number(op.target) - 1);
  const edits = setStatus(input, plan, target, parseStatusArg(op.status), {
    now: op.now ? new Date(op.now) : new Date(2026, 0, 1),
    actualMs: op.actualMinutes !== undefined ? op.actualMinutes * 60_000 : undefined,
  });
  return { edits, output: applyEdits(input, edits) };
}

describe('edits: fixtures (input, operation, expected output, byte for byte)', () => {
  for (const dir of fixtureDirs('edits')) {
    it(basename(dir), () => {
      const input = read(join(dir, 'input.md'));
      const op = readOp<Op>(dir);
      const { edits, output } = run(input, op);
      expectFile(dir, 'expected.md', output);
      assert.ok(onlyRangesChanged(input, output, edits), 'bytes outside the edit ranges changed');
      // Idempotent: the same operation on the result changes nothing more.
      assert.deepEqual(
        run(output, op).edits.filter((e) => e.text !== e.expected),
        [],
      );
    });
  }
});

describe('edits: guarded application', () => {
  const input = read(
    join(
      fixtureDirs('edits').find((d) => basename(d) === 'phase-complete')!,
      'input.md',
    ),
  );

  it('refuses edits whose expected text is gone, and changes nothing', () => {
    const { edits } = run(input, { op: 'phase', target: '2', status: 'completed' });
    const changed = input.replace('**Status:** In Progress 🔄', '**Status:** Blocked ⛔');
    assert.throws(
      () => applyEdits(changed, edits),
      (e: unknown) => e instanceof StaleEditError && /expected "In Progress 🔄" at line \d+/.test((e as Error).message),
    );
  });

  it('refuses edits shifted by text inserted above them', () => {
    const { edits } = run(input, { op: 'phase', target: '3', status: 'in-progress' });
    assert.throws(() => verifyEdits('x' + input, edits), StaleEditError);
  });

  it('refuses overlapping edits', () => {
    assert.throws(
      () =>
        applyEdits('abcdef', [
          { offset: 1, length: 3, text: 'X', expected: 'bcd' },
          { offset: 2, length: 1, text: 'Y', expected: 'c' },
        ]),
      /overlap/,
    );
  });

  it('names the allowed statuses for an invalid one', () => {
    assert.throws(() => parseStatusArg('finished-ish'), /Invalid status "finished-ish"; allowed: pending, in-progress, completed, failed, blocked/);
    assert.equal(parseStatusArg('Done'), 'completed');
    assert.equal(parseStatusArg('IN_PROGRESS'), 'in-progress');
  });

  it('names the phases that exist when one is missing, and asks for a line when one repeats', () => {
    const plan = parsePlan(input);
    assert.throws(() => findPhase(plan, '9'), /No phase "9" in this document; phases: Phase 1, Phase 2, Phase 3, Phase 4\./);
    const twice = parsePlan(input + '\n## Phase 2: Again\n\n**Status:** Pending\n');
    assert.throws(() => findPhase(twice, '2'), /appears 2 times \(lines \d+, \d+\); choose one with --line/);
  });

  it('will not mark a checkbox failed', () => {
    const text = '- [ ] ABC-1 one\n';
    const plan = parsePlan(text);
    assert.throws(() => setStatus(text, plan, { kind: 'task', index: 0 }, 'failed'), /cannot be marked failed/);
  });
});

describe("edits: statuses in the file's own words", () => {
  const cases: Array<[string, string, string, string]> = [
    // [document, target phase, status, expected status line]
    ['## Phase 1: A\n\n**Status:** Pending\n\n## Phase 2: B\n\n**Status:** Done\n', '1', 'completed', '**Status:** Done'],
    ['## Phase 1: A\n\n**Status:** pending\n', '1', 'in-progress', '**Status:** in progress'],
    ['## Phase 1: A\n\n**Status**: NOT_STARTED\n', '1', 'completed', '**Status**: COMPLETE'],
    ['## Phase 1: A\n\nStatus: ⏳ Waiting on review\n', '1', 'completed', 'Status: ✅ Waiting on review'],
    ['## Phase 1: A\n\n**Status:** In Progress (since Monday)\n', '1', 'failed', '**Status:** Failed (since Monday)'],
    ['## Phase 1: A\n\n**Status:** Pending ‚è∏Ô∏è\n', '1', 'completed', '**Status:** Completed ✅'],
    ['## Phase 1: A\n\n**Status:** Parked for now\n', '1', 'blocked', '**Status:** Blocked'],
  ];
  for (const [doc, phase, status, line] of cases) {
    it(`${JSON.stringify(doc.split('\n').find((l) => /Status/.test(l)))} -> ${status}`, () => {
      const { output } = run(doc, { op: 'phase', target: phase, status });
      assert.ok(output.split('\n').includes(line), output);
    });
  }
});

describe('edits: overview cells', () => {
  it('keeps an aligned column aligned, counting wide emoji as two columns', () => {
    const doc = [
      '| Phase | Status         |',
      '|-------|----------------|',
      '| 1     | In Progress 🔄 |',
      '',
      '## Phase 1: A',
      '',
      '**Status:** In Progress 🔄',
      '',
    ].join('\n');
    const { output } = run(doc, { op: 'phase', target: '1', status: 'completed' });
    assert.equal(output.split('\n')[2], '| 1     | Completed ✅   |');
  });

  it('does not pad cells of a table whose pipes do not line up', () => {
    const doc = '| Phase | Status |\n|---|---|\n| 1 | In Progress |\n\n## Phase 1: A\n\n**Status:** In Progress\n';
    const { output } = run(doc, { op: 'phase', target: '1', status: 'completed' });
    assert.equal(output.split('\n')[2], '| 1 | Completed |');
  });

  it('leaves a task that already has the status alone', () => {
    const doc = '# Launch\n\nSteps:\n- ⏳ Draft the announcement\n- ✅ Book the room\n';
    const plan = parsePlan(doc);
    assert.deepEqual(setStatus(doc, plan, { kind: 'task', index: 0 }, 'pending'), []);
    const after = applyEdits(doc, setStatus(doc, plan, { kind: 'task', index: 1 }, 'pending'));
    assert.equal(after, '# Launch\n\nSteps:\n- ⏳ Draft the announcement\n- ⏳ Book the room\n');
    assert.equal(parsePlan(after).tasks.length, 2, 'a marker-only task stays a task');
  });
});
