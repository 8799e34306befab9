/**
 * The incremental parse must equal a whole-document parse. Thousands of random edits on
 * generated plans (with every odd shape the parser has to survive) check it: after each edit
 * the incrementally updated model is compared with a fresh sectioned parse, and regularly
 * with remark's whole-document parse.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { applyEdits, setStatus, taskStatusesExpressible } from '../../src/core/edits';
import type { KnownStatus } from '../../src/core/model';
import { STATUSES } from '../../src/core/model';
import { parsePlan, parseWhole, PlanDocument } from '../../src/core/parse/document';
import { lineStarts } from '../../src/core/parse/lines';
import { scanBlocks } from '../../src/core/parse/scan';
import { nextBoundary } from '../../src/core/parse/sections';
import { onlyRangesChanged } from '../support/edits';
import { generateEdits, generatePlan, rng } from '../support/generate';
import { sameAsRemark } from '../support/scanCheck';

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
          if (target.kind === 'task' && !taskStatusesExpressible(plan, target.index).includes(status)) {
            // A box the file never writes (`[-]` where it has only `[ ]` and `[x]`): no edit.
            assert.deepEqual(setStatus(text, plan, target, status), [], `a ${status} box was written into a file without one`);
            return;
          }
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

/** The real plans next to the repository (../shared/corpus/docs), or undefined when absent. */
function corpus(): Array<[string, string]> | undefined {
  const candidates = [path.resolve(__dirname, '../../..'), process.cwd()].map((root) => path.resolve(root, '../shared/corpus/docs'));
  const dir = candidates.find((d) => existsSync(d));
  if (!dir) return undefined;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f): [string, string] => [f, readFileSync(path.join(dir, f), 'utf8')]);
}

/** Scanner against remark on `text` when the scanner accepts it; returns whether it did. */
function checkScan(text: string, where: string): boolean {
  const r = scanBlocks(text, lineStarts(text));
  if (!r) return false;
  const problem = sameAsRemark(text, r);
  assert.equal(problem, undefined, `${where}: ${problem}`);
  return true;
}

/** The pieces the section splitter makes of `text`. */
function pieces(text: string): string[] {
  const out: string[] = [];
  for (let pos = 0; pos < text.length;) {
    const end = nextBoundary(text, pos);
    out.push(text.slice(pos, end));
    pos = end;
  }
  return out;
}

describe('differential: real plans (../shared/corpus/docs)', function () {
  this.timeout(120_000);
  const docs = corpus();
  if (!docs) {
    it('corpus folder ../shared/corpus/docs is missing: real-plan checks skipped', function () {
      this.skip();
    });
    return;
  }
  let accepted = 0;
  let refused = 0;

  for (const [name, text] of docs) {
    it(`${name}: sectioned parse equals the whole parse, scanner equals remark`, () => {
      assert.equal(json(parsePlan(text)), json(parseWhole(text)), 'sectioned parse differs from the whole parse');
      const body = text.replace(/^\uFEFF/, '');
      for (const piece of [body, ...pieces(body)]) {
        if (checkScan(piece, name)) accepted++;
        else refused++;
      }
    });
  }

  it('the scanner accepts generated plans (plain, realistic, with odd shapes) and agrees with remark', () => {
    for (let seed = 1; seed <= 4; seed++) {
      for (const opts of [{}, { realistic: true }, { variety: true }, { realistic: true, variety: true, eol: '\r\n' as const }]) {
        const text = generatePlan({ phases: 5, seed, ...opts });
        for (const piece of pieces(text)) checkScan(piece, `generated ${json(opts)} seed ${seed}`);
      }
      const real = generatePlan({ phases: 4, seed, realistic: true });
      assert.ok(checkScan(real, 'realistic plan'), 'the scanner refused a realistic generated plan');
    }
  });

  it('random edits of the real plans: incremental equals fresh and whole parses; scanner equals remark on windows', () => {
    const random = rng(4242);
    let edits = 0;
    let windows = 0;
    for (const [name, original] of docs) {
      let text = original;
      let doc = PlanDocument.parse(text);
      const list = generateEdits(text, 160, docs.indexOf(docs.find((d) => d[0] === name)!) * 131 + 17);
      list.forEach((e, i) => {
        const next = text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
        doc = i % 2 ? doc.update(next, [e]) : doc.update(next);
        text = next;
        assert.equal(json(doc.plan), json(PlanDocument.parse(text).plan), `${name}: incremental differs from fresh after edit ${i} ${json(e)}`);
        if (i % 40 === 39) assert.equal(json(doc.plan), json(parseWhole(text)), `${name}: incremental differs from whole parse after edit ${i} ${json(e)}`);
        // Any run of lines is a text the scanner must get right when it accepts it.
        const starts = lineStarts(text);
        const a = Math.floor(random() * starts.length);
        const b = Math.min(starts.length, a + 1 + Math.floor(random() * 30));
        if (checkScan(text.slice(starts[a], b < starts.length ? starts[b] : text.length), `${name} after edit ${i}`)) windows++;
        edits++;
      });
    }
    console.log(`      (${edits} random edits of real plans, ${windows} windows checked against remark)`);
  });

  after(() => {
    if (accepted + refused) console.log(`      (scanner accepted ${accepted} of ${accepted + refused} corpus texts)`);
  });
});
