/**
 * Discovery benchmark: `phasewise list --json` as a whole process (start-up included) over
 * node_modules/ and the shared corpus of real plans, against markdown-it parsing the same
 * Markdown files in process (read + parse of every file, no start-up). Target: list at least
 * 2x faster. Also checks that every corpus document is listed.
 *
 * Node parses the certificate bundle named by NODE_EXTRA_CA_CERTS when it starts, before any
 * of Phasewise runs (on some machines that is most of Node's start-up). `list` opens no
 * connection, so the target is measured without that variable; where it is set, the run with
 * it is measured and printed too, with Node's bare start-up in both environments.
 *
 * The CLI keeps a V8 code cache per command in the user's cache folder (src/cli/launch.ts),
 * as it does for every user: the benchmark gives it an empty folder of its own, so the first
 * run compiles and writes it and the timed runs use it. The first run is printed apart.
 *
 *   node scripts/build.mjs --bench && node out/bench/discovery.js [--json]
 *
 * The report goes to stderr (so `npm run bench -- --json` keeps one JSON object on stdout);
 * --json prints the numbers as JSON on stdout. Always exits 0.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { findMarkdown } from '../src/cli/list';
import { ListJsonSchema } from '../src/core/discover';

const JSON_OUT = process.argv.includes('--json');
const REPS = 5;
const TARGET = 2;

function findRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'dist', 'cli.js'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('repository root (with dist/cli.js) not found; run node scripts/build.mjs first');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function log(msg: string): void {
  process.stderr.write(msg + '\n');
}

const root = findRoot();
const cli = path.join(root, 'dist', 'cli.js');
const corpus = path.resolve(root, '../shared/corpus/docs');
const dirs = [path.join(root, 'node_modules')];
if (fs.existsSync(corpus)) dirs.push(corpus);
else log(`discovery bench: ${corpus} not found; measuring node_modules only`);

// The same files both ways: node_modules given by name (nested node_modules, .git, dist, out
// and .vscode-test skipped inside it), then the corpus.
const files = dirs.flatMap((d) => findMarkdown(d).map((f) => f.abs));
const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);

/** The environment without NODE_EXTRA_CA_CERTS (see the top of this file). */
const extraCa = process.env.NODE_EXTRA_CA_CERTS;
const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'phasewise-bench-cache-'));
process.on('exit', () => fs.rmSync(cacheHome, { recursive: true, force: true }));
const benchEnv: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cacheHome, LOCALAPPDATA: cacheHome, HOME: cacheHome };
delete benchEnv.PHASEWISE_NO_COMPILE_CACHE;
const cleanEnv: NodeJS.ProcessEnv = { ...benchEnv };
delete cleanEnv.NODE_EXTRA_CA_CERTS;

function runList(env: NodeJS.ProcessEnv = cleanEnv): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'list', '--json', ...dirs], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`phasewise list exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/** Node's own start-up: `node -e 0`. */
function runBare(env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { env });
  return performance.now() - t0;
}

let sink = 0;
function runMarkdownIt(): number {
  const t0 = performance.now();
  for (const f of files) sink += new MarkdownIt().parse(fs.readFileSync(f, 'utf8'), {}).length;
  return performance.now() - t0;
}

// One run of each first (file cache, and markdown-it's first, cold-code run, reported apart).
const first = runList();
const mdFirst = runMarkdownIt();
const listTimes: number[] = [];
const mdTimes: number[] = [];
const caTimes: number[] = [];
const bareTimes: number[] = [];
const bareCaTimes: number[] = [];
for (let i = 0; i < REPS; i++) {
  listTimes.push(runList().ms);
  mdTimes.push(runMarkdownIt());
  bareTimes.push(runBare(cleanEnv));
  if (extraCa !== undefined) {
    caTimes.push(runList(benchEnv).ms);
    bareCaTimes.push(runBare(benchEnv));
  }
}
const list = median(listTimes);
const md = median(mdTimes);
const ratio = md / list;
const pass = ratio >= TARGET;

const listed = ListJsonSchema.parse(JSON.parse(first.stdout));
const corpusFiles = dirs.includes(corpus) ? findMarkdown(corpus).map((f) => f.rel) : [];
const found = new Set(listed.files.filter((f) => f.root === corpus).map((f) => f.file));
const missing = corpusFiles.filter((f) => !found.has(f));

const result = {
  files: files.length,
  bytes,
  plansListed: listed.files.length,
  listMs: Math.round(list * 10) / 10,
  listFirstRunMs: Math.round(first.ms * 10) / 10,
  nodeStartMs: Math.round(median(bareTimes) * 10) / 10,
  withExtraCaCerts:
    extraCa === undefined
      ? undefined
      : {
          listMs: Math.round(median(caTimes) * 10) / 10,
          nodeStartMs: Math.round(median(bareCaTimes) * 10) / 10,
          ratio: Math.round((md / median(caTimes)) * 100) / 100,
        },
  markdownItMs: Math.round(md * 10) / 10,
  markdownItFirstRunMs: Math.round(mdFirst * 10) / 10,
  ratio: Math.round(ratio * 100) / 100,
  target: TARGET,
  pass,
  corpus: { present: corpusFiles.length > 0, documents: corpusFiles.length, found: corpusFiles.length - missing.length, missing },
  sink: sink > 0,
};

log('');
log(
  `Discovery: ${files.length} Markdown files, ${(bytes / 1048576).toFixed(1)} MB (node_modules${corpusFiles.length ? ' + corpus' : ''}); ${listed.files.length} plans listed`,
);
log(`  phasewise list --json (whole process, median of ${REPS}): ${result.listMs} ms (Node's own start-up: ${result.nodeStartMs} ms)`);
log(`    its first run, which compiles the CLI and writes its code cache: ${result.listFirstRunMs} ms`);
if (result.withExtraCaCerts)
  log(
    `    with this machine's NODE_EXTRA_CA_CERTS, which Node parses at start-up: ${result.withExtraCaCerts.listMs} ms (start-up ${result.withExtraCaCerts.nodeStartMs} ms), ${result.withExtraCaCerts.ratio}x`,
  );
log(`  markdown-it read + parse in process (median of ${REPS}):  ${result.markdownItMs} ms (first run ${result.markdownItFirstRunMs} ms)`);
log(`  ratio ${result.ratio}x; target: list at least ${TARGET}x faster than markdown-it: ${pass ? 'PASS' : 'FAIL'}`);
if (corpusFiles.length)
  log(`  corpus: ${result.corpus.found}/${corpusFiles.length} documents listed${missing.length ? `; MISSING: ${missing.join(', ')}` : ' (all found)'}`);
if (JSON_OUT) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
