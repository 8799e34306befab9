/**
 * Parser benchmark: remark + GFM whole-document parse (the baseline) against the sectioned,
 * cached parser (cold parse, incremental update, status edit) and its retained memory, on
 * generated plans of 100, 400 and 1000 phases that read like real ones (inline markup, loose
 * lists, a fenced code block per phase, a 1000-row overview table); and the cold parse of the
 * real plans in ../shared/corpus/docs against remark and markdown-it.
 *
 *   node scripts/build.mjs --bench && node --expose-gc out/bench/bench.js [--json] [--quick] [--check]
 *
 * --json   print one JSON object instead of the table
 * --quick  fewer repetitions
 * --check  exit 1 when a target on the 1000-phase plan fails (otherwise always exit 0)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { parseMarkdown } from '../src/core/parse/blocks';
import { PlanDocument, type TextChange } from '../src/core/parse/document';
import { lineStarts } from '../src/core/parse/lines';
import { scanBlocks } from '../src/core/parse/scan';
import { clearSectionCache, parseSections } from '../src/core/parse/sections';
import { applyEdits, findPhase, setPhaseStatus } from '../src/core/edits';
import { generatePlan } from '../test/support/generate';

const args = new Set(process.argv.slice(2));
const JSON_OUT = args.has('--json');
const QUICK = args.has('--quick');
const CHECK = args.has('--check');
/** Only the corpus row (a quick look while working on the parser). */
const CORPUS_ONLY = args.has('--corpus');
const SEED = 20260115;
const SIZES = [100, 400, 1000];

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

function log(msg: string): void {
  if (!JSON_OUT) process.stderr.write(msg + '\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs `fn` to warm up (once, or for at least `warmup` ms when a number: what the JIT needs to
 * reach its steady state on a larger code path), then `reps` timed times; returns the median
 * in ms and the time of the first, JIT-cold run.
 */
function measure(reps: number, fn: (rep: number) => void, warmup: boolean | number = true): { median: number; min: number; reps: number; first: number } {
  let first = NaN;
  if (warmup !== false) {
    const t0 = performance.now();
    fn(-1);
    first = performance.now() - t0;
    const until = t0 + (typeof warmup === 'number' ? warmup : 0);
    while (performance.now() < until) fn(-1);
  }
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn(r);
    times.push(performance.now() - t0);
  }
  return { median: median(times), min: Math.min(...times), reps, first };
}

function baselineReps(phases: number): number {
  if (QUICK) return phases >= 1000 ? 1 : phases >= 400 ? 2 : 3;
  return phases >= 1000 ? 3 : phases >= 400 ? 5 : 9;
}
const REPS = QUICK ? 15 : 51;

let sink: unknown;

interface Row {
  phases: number;
  bytes: number;
  baselineMs: number;
  coldMs: number;
  baselineOverCold: number;
  updateMs: number;
  baselineOverUpdate: number;
  updateNoChangeInfoMs: number;
  baselineOverUpdateNoChangeInfo: number;
  setMs: number;
  setEdits: number;
  heapBytes: number | null;
  heapOverFile: number | null;
  reps: { baseline: number; others: number };
}

/** Offset of a character inside the Goal value of the middle phase. */
function goalOffset(doc: PlanDocument, mid: number): number {
  const p = doc.plan.phases[mid];
  const goal = p.fields.find((f) => f.name === 'goal');
  if (!goal) throw new Error(`phase ${p.number} has no Goal field`);
  return goal.valueRange.start + Math.min(3, goal.valueRange.end - goal.valueRange.start);
}

/** The edit sequence the update benchmark uses: insert 'x', then delete it, alternating. */
function toggle(text: string, at: number, inserted: boolean): { text: string; change: TextChange } {
  return inserted
    ? { text: text.slice(0, at) + text.slice(at + 1), change: { offset: at, length: 1, text: '' } }
    : { text: text.slice(0, at) + 'x' + text.slice(at), change: { offset: at, length: 0, text: 'x' } };
}

function correctnessGuard(text: string): void {
  // Cold parse against update-then-revert (with and without change info): the fast path must
  // give exactly the model a fresh parse gives.
  clearSectionCache();
  const cold = JSON.stringify(PlanDocument.parse(text).plan);
  const doc = PlanDocument.parse(text);
  const mid = Math.floor(doc.plan.phases.length / 2);
  const at = goalOffset(doc, mid);
  const a = toggle(text, at, false);
  const inserted = doc.update(a.text, [a.change]);
  sink = inserted.plan;
  clearSectionCache();
  if (JSON.stringify(inserted.plan) !== JSON.stringify(PlanDocument.parse(a.text).plan))
    throw new Error('bench guard: updated plan differs from a cold parse of the same text');
  const b = toggle(a.text, at, true);
  if (b.text !== text) throw new Error('bench guard: toggle did not restore the text');
  const reverted = inserted.update(b.text, [b.change]);
  if (JSON.stringify(reverted.plan) !== cold) throw new Error('bench guard: updated-then-reverted plan differs from the cold parse');
  const reverted2 = doc.update(a.text).update(b.text);
  if (JSON.stringify(reverted2.plan) !== cold) throw new Error('bench guard: updated-then-reverted plan (no change info) differs from the cold parse');
  log('guard: cold parse == updated-then-reverted plan (100 phases) OK');
}

function benchSize(phases: number): Row {
  const text = generatePlan({ phases, seed: SEED, realistic: true });
  const bytes = Buffer.byteLength(text, 'utf8');
  log(`${phases} phases, ${(bytes / 1024).toFixed(1)} KB`);
  if (phases === 100) correctnessGuard(text);

  // baseline: remark + GFM over the whole document
  const bReps = baselineReps(phases);
  const baseline = measure(
    bReps,
    () => {
      sink = parseMarkdown(text);
    },
    phases < 1000,
  );
  log(`  baseline ${baseline.median.toFixed(1)} ms (${bReps} reps)`);

  // cold parse, model built
  const cold = measure(REPS, () => {
    clearSectionCache();
    sink = PlanDocument.parse(text).plan;
  });

  // update with change info: one character in the middle phase's Goal line, alternating insert/delete
  clearSectionCache();
  let doc = PlanDocument.parse(text);
  sink = doc.plan;
  const mid = Math.floor(phases / 2);
  const at = goalOffset(doc, mid);
  let cur = text;
  let inserted = false;
  // Both versions of the text are made (and flattened) before timing: an editor hands over
  // flat strings, and copying a megabyte-sized concatenation is not the parser's work.
  const versions = [toggle(text, at, false)];
  versions.push(toggle(versions[0].text, at, true));
  for (const v of versions) sink = v.text.charCodeAt(v.text.length >> 1);
  const next = (): { text: string; change: TextChange } => versions[inserted ? 1 : 0];
  const update = measure(REPS * 2, () => {
    const t = next();
    doc = doc.update(t.text, [t.change]);
    sink = doc.plan;
    cur = t.text;
    inserted = !inserted;
  });
  // update without change info (diff-based)
  const updateNoInfo = measure(REPS * 2, () => {
    const t = next();
    doc = doc.update(t.text);
    sink = doc.plan;
    cur = t.text;
    inserted = !inserted;
  });
  if (inserted) {
    const t = next();
    doc = doc.update(t.text, [t.change]);
    cur = t.text;
  }
  if (cur !== text) throw new Error('update benchmark did not restore the text');

  // set: a middle phase -> completed (edits computed and applied)
  const plan = PlanDocument.parse(text).plan;
  const idx = findPhase(plan, String(mid + 1));
  let nEdits = 0;
  const set = measure(REPS, () => {
    const edits = setPhaseStatus(text, plan, idx, 'completed', { now: new Date(2026, 0, 15, 11, 30) });
    nEdits = edits.length;
    sink = applyEdits(text, edits);
  });
  if (nEdits < 2) throw new Error(`setPhaseStatus returned ${nEdits} edits for phase ${mid + 1}`);

  // memory
  let heapBytes: number | null = null;
  if (gc) {
    sink = undefined;
    doc = undefined as unknown as PlanDocument;
    clearSectionCache();
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const held = PlanDocument.parse(text);
    sink = held.plan;
    gc();
    gc();
    const after = process.memoryUsage().heapUsed;
    heapBytes = after - before;
    if (held.plan.phases.length !== phases) throw new Error('memory: wrong phase count');
    sink = undefined;
  }

  const row: Row = {
    phases,
    bytes,
    baselineMs: baseline.median,
    coldMs: cold.median,
    baselineOverCold: baseline.median / cold.median,
    updateMs: update.median,
    baselineOverUpdate: baseline.median / update.median,
    updateNoChangeInfoMs: updateNoInfo.median,
    baselineOverUpdateNoChangeInfo: baseline.median / updateNoInfo.median,
    setMs: set.median,
    setEdits: nEdits,
    heapBytes,
    heapOverFile: heapBytes === null ? null : heapBytes / bytes,
    reps: { baseline: bReps, others: REPS },
  };
  log(
    `  cold ${row.coldMs.toFixed(2)} ms, update ${row.updateMs.toFixed(3)} ms, update (diff) ${row.updateNoChangeInfoMs.toFixed(3)} ms, set ${row.setMs.toFixed(3)} ms`,
  );
  return row;
}

interface CorpusRow {
  docs: number;
  bytes: number;
  remarkMs: number;
  markdownItMs: number;
  oursMs: number;
  remarkOverOurs: number;
  markdownItOverOurs: number;
  /** The block scanner alone over each whole document (no sections, facts or model). */
  scannerMs: number;
  /** Sections with their block facts, no model. */
  sectionsMs: number;
  /** The first, JIT-cold pass over the corpus (markdown-it and ours), for reference. */
  markdownItFirstMs: number;
  oursFirstMs: number;
}

/** Warm-up time for each contender of the corpus row, so the medians compare steady states. */
const CORPUS_WARMUP_MS = QUICK ? 300 : 1000;
const CORPUS_REPS = QUICK ? 31 : 101;

/**
 * Times two contenders in alternation (a, b, a, b, ...) after warming each up, so that a
 * slow phase of a shared machine weighs on both alike; returns each one's timings.
 */
function measurePair(reps: number, a: () => void, b: () => void): [ReturnType<typeof measure>, ReturnType<typeof measure>] {
  const wa = measure(0, a, CORPUS_WARMUP_MS);
  const wb = measure(0, b, CORPUS_WARMUP_MS);
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < reps; r++) {
    let t0 = performance.now();
    a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    b();
    tb.push(performance.now() - t0);
  }
  const result = (times: number[], first: number) => ({ median: median(times), min: Math.min(...times), reps, first });
  return [result(ta, wa.first), result(tb, wb.first)];
}

/** The real plans next to the repository (../shared/corpus/docs), or undefined when absent. */
function corpusDir(): string | undefined {
  const repoRoot = path.resolve(__dirname, '../..');
  const dir = path.resolve(repoRoot, '../shared/corpus/docs');
  return existsSync(dir) ? dir : undefined;
}

/** Cold parse of every corpus document: remark whole-document, markdown-it, ours (model built). */
function benchCorpus(): CorpusRow | undefined {
  const dir = corpusDir();
  if (!dir) {
    log('corpus: ../shared/corpus/docs not found, row skipped');
    return undefined;
  }
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  log(`corpus: ${texts.length} documents, ${(bytes / 1024).toFixed(1)} KB`);
  const md = new MarkdownIt();
  const remark = measure(QUICK ? 1 : 3, () => {
    for (const t of texts) sink = parseMarkdown(t);
  });
  const [mdit, ours] = measurePair(
    CORPUS_REPS,
    () => {
      for (const t of texts) sink = md.parse(t, {});
    },
    () => {
      for (const t of texts) {
        clearSectionCache();
        sink = PlanDocument.parse(t).plan;
      }
    },
  );
  // Where our time goes: the block scanner alone, and sections (blocks plus their facts) without the model.
  const bodies = texts.map((t) => t.replace(/^\uFEFF/, ''));
  const scanOnly = measure(REPS, () => {
    for (const t of bodies) sink = scanBlocks(t, lineStarts(t));
  });
  const sectionsOnly = measure(REPS, () => {
    for (const t of bodies) {
      clearSectionCache();
      sink = parseSections(t);
    }
  });
  const row: CorpusRow = {
    docs: texts.length,
    bytes,
    remarkMs: remark.median,
    markdownItMs: mdit.median,
    oursMs: ours.median,
    remarkOverOurs: remark.median / ours.median,
    markdownItOverOurs: mdit.median / ours.median,
    scannerMs: scanOnly.median,
    sectionsMs: sectionsOnly.median,
    markdownItFirstMs: mdit.first,
    oursFirstMs: ours.first,
  };
  log(
    `  remark ${row.remarkMs.toFixed(0)} ms, markdown-it ${row.markdownItMs.toFixed(2)} ms, ours ${row.oursMs.toFixed(2)} ms (${row.markdownItOverOurs.toFixed(2)}x markdown-it)`,
  );
  return row;
}

function fmt(x: number | null, digits: number): string {
  return x === null ? 'n/a' : x.toFixed(digits);
}

/** A ratio target: `value` must reach `min`. */
function atLeast(name: string, value: number, min: number, digits: number): { name: string; value: number; pass: boolean; shown: string } {
  return { name, value, pass: value >= min, shown: `${value.toFixed(digits)}x` };
}

function main(): void {
  if (!gc) log('note: run with --expose-gc to measure memory');
  const corpus = benchCorpus();
  if (CORPUS_ONLY) return;
  const rows = SIZES.map(benchSize);
  const big = rows[rows.length - 1];
  const corpusTargets = corpus
    ? [
        atLeast('corpus cold parse >= 20x faster than remark', corpus.remarkOverOurs, 20, 1),
        atLeast('corpus cold parse >= 2x faster than markdown-it', corpus.markdownItOverOurs, 2, 2),
      ]
    : [];
  const targets = [
    ...corpusTargets,
    atLeast('update >= 1000x faster than baseline', big.baselineOverUpdate, 1000, 0),
    { name: 'update < 5 ms', value: big.updateMs, pass: big.updateMs < 5, shown: `${big.updateMs.toFixed(3)} ms` },
    atLeast('cold parse >= 20x faster than baseline', big.baselineOverCold, 20, 1),
    {
      name: 'heap < 20x file size',
      value: big.heapOverFile,
      pass: big.heapOverFile !== null && big.heapOverFile < 20,
      shown: big.heapOverFile === null ? 'not measured (no --expose-gc)' : `${big.heapOverFile.toFixed(1)}x`,
    },
  ];
  const allPass = targets.every((t) => t.pass);

  if (JSON_OUT) {
    process.stdout.write(
      JSON.stringify({
        node: process.version,
        quick: QUICK,
        seed: SEED,
        corpus: corpus ?? null,
        rows,
        targets: targets.map(({ name, value, pass }) => ({ name, value, pass })),
        pass: allPass,
      }) + '\n',
    );
  } else {
    const header = ['phases', 'size KB', 'baseline ms', 'cold ms', 'base/cold', 'update ms', 'base/update', 'upd(diff) ms', 'set ms', 'heap MB', 'heap/file'];
    const table = rows.map((r) => [
      String(r.phases),
      (r.bytes / 1024).toFixed(1),
      r.baselineMs.toFixed(0),
      r.coldMs.toFixed(2),
      r.baselineOverCold.toFixed(1),
      r.updateMs.toFixed(3),
      r.baselineOverUpdate.toFixed(0),
      r.updateNoChangeInfoMs.toFixed(3),
      r.setMs.toFixed(3),
      fmt(r.heapBytes === null ? null : r.heapBytes / (1024 * 1024), 2),
      fmt(r.heapOverFile, 1),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
    const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i])).join('  ');
    console.log(
      `\nPhasewise parser benchmark (node ${process.version}${QUICK ? ', --quick' : ''}; medians; baseline reps ${rows.map((r) => r.reps.baseline).join('/')}, others ${REPS})\n`,
    );
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const t of table) console.log(line(t));
    if (corpus) {
      console.log(`\nCorpus cold parse (${corpus.docs} real plans, ${(corpus.bytes / 1024).toFixed(0)} KB, model built, cache cleared per document):`);
      console.log(`  remark ${corpus.remarkMs.toFixed(0)} ms, markdown-it ${corpus.markdownItMs.toFixed(2)} ms, ours ${corpus.oursMs.toFixed(2)} ms`);
      console.log(`  remark/ours ${corpus.remarkOverOurs.toFixed(1)}x, markdown-it/ours ${corpus.markdownItOverOurs.toFixed(2)}x`);
      console.log(`  first (JIT-cold) pass: markdown-it ${corpus.markdownItFirstMs.toFixed(1)} ms, ours ${corpus.oursFirstMs.toFixed(1)} ms`);
      console.log(
        `  of ours: block scanner alone ${corpus.scannerMs.toFixed(2)} ms, sections with block facts ${corpus.sectionsMs.toFixed(2)} ms, the rest is the model`,
      );
    } else {
      console.log('\nCorpus row skipped: ../shared/corpus/docs not found');
    }
    console.log(`\nTargets (corpus, and the ${big.phases}-phase plan of ${(big.bytes / 1024).toFixed(0)} KB):`);
    for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.shown}`);
  }
  void sink;
  process.exitCode = CHECK && !allPass ? 1 : 0;
}

main();
