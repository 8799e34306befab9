import assert from 'node:assert/strict';
import { PlanDocument } from '../../src/core/parse/document';
import { applyGenEdits, generateEdits, generatePlan, rng } from '../support/generate';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('test plan generator', () => {
  it('rng is deterministic per seed and stays in [0, 1)', () => {
    const a = rng(7);
    const b = rng(7);
    const c = rng(8);
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(
      Array.from({ length: 1000 }, () => b()),
      xs,
    );
    assert.notDeepEqual(
      Array.from({ length: 1000 }, () => c()),
      xs,
    );
    for (const x of xs) assert.ok(x >= 0 && x < 1);
  });

  it('is deterministic per seed', () => {
    for (const variety of [false, true]) {
      const a = generatePlan({ phases: 50, seed: 3, variety });
      assert.equal(generatePlan({ phases: 50, seed: 3, variety }), a);
      assert.notEqual(generatePlan({ phases: 50, seed: 4, variety }), a);
    }
    const t = generatePlan({ phases: 10, seed: 5 });
    assert.deepEqual(generateEdits(t, 50, 9), generateEdits(t, 50, 9));
    assert.notDeepEqual(generateEdits(t, 50, 9), generateEdits(t, 50, 10));
  });

  it('produces sections that differ from each other', () => {
    const text = generatePlan({ phases: 100, seed: 1 });
    const sections = text.split(/\n(?=## Phase \d+:)/).slice(1);
    assert.equal(sections.length, 100);
    assert.equal(new Set(sections.map((s) => s.replace(/Phase \d+/g, 'Phase N'))).size, 100);
  });

  it('sizes: 1000 phases is about 600 KB', () => {
    const sizes: Record<number, number> = {};
    for (const n of [100, 400, 1000]) sizes[n] = bytes(generatePlan({ phases: n, seed: 1 }));
    const v = bytes(generatePlan({ phases: 1000, seed: 1, variety: true }));
    console.log(
      `      sizes: ${Object.entries(sizes)
        .map(([n, b]) => `${n} phases ${(b / 1024).toFixed(1)} KB`)
        .join(', ')}; 1000 phases with variety ${(v / 1024).toFixed(1)} KB`,
    );
    assert.ok(sizes[1000] >= 600_000 * 0.85 && sizes[1000] <= 600_000 * 1.15, `1000 phases: ${sizes[1000]} bytes`);
    assert.ok(v >= 600_000 * 0.85 && v <= 600_000 * 1.3, `1000 phases with variety: ${v} bytes`);
    assert.ok(sizes[100] < sizes[400] && sizes[400] < sizes[1000]);
  });

  it('eol and bom options', () => {
    const lf = generatePlan({ phases: 5, seed: 2 });
    const crlf = generatePlan({ phases: 5, seed: 2, eol: '\r\n' });
    assert.ok(!lf.includes('\r'));
    assert.equal(crlf, lf.replace(/\n/g, '\r\n'));
    const bom = generatePlan({ phases: 5, seed: 2, bom: true });
    assert.equal(bom, '\ufeff' + lf);
  });

  it('a 20-phase plan parses to 20 phases with the expected statuses and overview rows', () => {
    for (const eol of ['\n', '\r\n'] as const) {
      const text = generatePlan({ phases: 20, seed: 11, eol });
      const k = Number(/\*\*Current Phase:\*\* Phase (\d+) of 20/.exec(text)?.[1]);
      assert.ok(k >= 1 && k <= 20, `current phase ${k}`);
      const plan = PlanDocument.parse(text).plan;
      assert.equal(plan.kind, 'plan');
      assert.equal(plan.eol, eol);
      assert.equal(plan.phases.length, 20);
      assert.equal(plan.overviews.length, 1);
      const ov = plan.overviews[0];
      assert.equal(ov.rows.length, 20);
      plan.phases.forEach((p, i) => {
        const expected = i + 1 < k ? 'completed' : i + 1 === k ? 'in-progress' : 'pending';
        assert.equal(p.number, String(i + 1));
        assert.equal(p.status, expected, `phase ${i + 1}`);
        assert.equal(p.mark?.source, 'field');
        assert.ok(p.overviewRow, `phase ${i + 1} has an overview row`);
        assert.equal(p.overviewRow.table, 0);
        const row = ov.rows[p.overviewRow.row];
        assert.equal(row.key, String(i + 1));
        assert.equal(row.phase, i);
        assert.equal(row.status, expected);
        assert.equal(row.cells[ov.nameColumn ?? 1].text, p.title);
      });
      const steps = plan.tasks.filter((t) => t.kind === 'step');
      assert.ok(steps.length >= 60 && steps.length <= 160, `${steps.length} steps`);
      assert.ok(plan.tasks.some((t) => t.criterion));
    }
  });

  it('variety plans parse without throwing', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const text = generatePlan({ phases: 40, seed, variety: true, eol: seed % 2 ? '\n' : '\r\n', bom: seed % 3 === 0 });
      const plan = PlanDocument.parse(text).plan;
      // Fake `## Phase 99` headings inside code and comments are not phases.
      assert.ok(!plan.phases.some((p) => p.number === '99'));
      assert.ok(plan.phases.length >= 40);
    }
  });

  it('edits apply in sequence and reach offset 0, the end and CRLF pairs', () => {
    const text = generatePlan({ phases: 3, seed: 4, eol: '\r\n' });
    const edits = generateEdits(text, 300, 1);
    let t = text;
    let start = false;
    let end = false;
    let insideCrlf = false;
    for (const e of edits) {
      assert.ok(e.offset >= 0 && e.length >= 0 && e.offset + e.length <= t.length);
      if (e.offset === 0) start = true;
      if (e.offset === t.length) end = true;
      if (t[e.offset - 1] === '\r' && t[e.offset] === '\n') insideCrlf = true;
      t = t.slice(0, e.offset) + e.text + t.slice(e.offset + e.length);
    }
    assert.equal(applyGenEdits(text, edits), t);
    assert.ok(start && end && insideCrlf);
  });
});
