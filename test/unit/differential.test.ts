/**
 * The incremental parse must equal a whole-document parse. Thousands of random edits on
 * generated plans (with every odd shape the parser has to survive) check it: after each edit
 * the incrementally updated model is compared with a fresh sectioned parse, and regularly
 * with remark's whole-document parse.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, setStatus } from '../../src/core/edits';
import type { KnownStatus } from '../../src/core/model';
import { STATUSES } from '../../src/core/model';
import { parsePlan, parseWhole, PlanDocument } from '../../src/core/parse/document';
import { onlyRangesChanged } from '../support/edits';
import { generateEdits, generatePlan } from '../support/generate';

function json(x: unknown): string {
  return JSON.stringify(x);
}

describe('differential: incremental parse equals whole-document parse', function () {
  this.timeout(300_000);
  const seeds = [1, 2, 3, 4, 5, 6];
  const editsPerSeed = 600;
  let total = 0;

  for (const seed of seeds) {
    it(`seed ${seed}: ${editsPerSeed} random edits`, () => {
      let text = generatePlan({ phases: 6 + seed * 2, seed, variety: true, eol: seed % 2 ? '\r\n' : '\n', bom: seed % 3 === 0 });
      assert.equal(json(parsePlan(text)), json(parseWhole(text)), 'cold sectioned parse differs from the whole parse');
      let doc = PlanDocument.parse(text);
      const edits = generateEdits(text, editsPerSeed, seed * 7919);
      edits.forEach((e, i) => {
        const next = text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
        // Alternate between the change VS Code reports and a text comparison.
        doc = i % 2 ? doc.update(next, [e]) : doc.update(next);
        text = next;
        const fresh = PlanDocument.parse(text);
        assert.equal(json(doc.plan), json(fresh.plan), `incremental differs from fresh after edit ${i} ${json(e)}`);
        if (i % 15 === 0 || i === edits.length - 1) {
          assert.equal(json(doc.plan), json(parseWhole(text)), `incremental differs from whole parse after edit ${i} ${json(e)}`);
        }
        total++;
      });
    });
  }

  after(() => {
    if (total) console.log(`      (${total} random edits checked)`);
  });
});

describe('property: an edit changes no byte outside its ranges', function () {
  this.timeout(120_000);


  it('keeps CRLF, BOM, tabs and trailing spaces, and lands the status', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(),
        fc.constantFrom(...STATUSES),
        (seed, crlf, bom, pick, status: KnownStatus) => {
          const text = generatePlan({ phases: 5, seed, variety: true, eol: crlf ? '\r\n' : '\n', bom });
          const plan = parsePlan(text);
          const targets = [
            ...plan.phases.map((_p, index) => ({ kind: 'phase' as const, index })),
            ...plan.tasks.map((_t, index) => ({ kind: 'task' as const, index })),
          ];
          const target = targets[pick % targets.length];
          if (target.kind === 'task' && plan.tasks[target.index].kind === 'checkbox' && status === 'failed') return;
          const edits = setStatus(text, plan, target, status, { now: new Date(2026, 4, 6, 7, 8) });
          const after = applyEdits(text, edits);
          assert.ok(onlyRangesChanged(text, after, edits), 'bytes outside the edits changed');
          assert.equal(after.startsWith('\uFEFF'), bom, 'byte-order mark');
          for (const e of edits) {
            if (crlf) assert.ok(!/(^|[^\r])\n/.test(e.text), `bare LF inserted into a CRLF file: ${JSON.stringify(e.text)}`);
            else assert.ok(!e.text.includes('\r'), 'CR inserted into an LF file');
          }
          const re = parsePlan(after);
          if (target.kind === 'phase') {
            const p = plan.phases[target.index];
            const q = re.phases.find((x) => x.line === p.line);
            assert.equal(q?.status, status, `phase at line ${p.line + 1} did not become ${status}`);
          } else {
            const t = plan.tasks[target.index];
            const u = re.tasks.find((x) => x.line === t.line && x.kind === t.kind);
            if (t.kind !== 'tracker' || t.mark) assert.equal(u?.status, status, `task at line ${t.line + 1} did not become ${status}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
