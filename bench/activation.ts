/**
 * Activation benchmark: the extension bundle (dist/extension.js) loaded and activated in a
 * fresh Node.js process, nine times: module evaluation, then `activate()`. Target: both
 * together under 50 ms. The in-editor smoke test reports the same two numbers from a real
 * extension host, where they also carry whatever else the host and the workbench do at that
 * moment on the machine; this row measures Phasewise's own part, repeatably.
 *
 * VS Code's API is a stand-in that answers every call (nothing in it does work), so the time is
 * that of the bundle's code. Run on the production bundle (`npm run bench` builds it).
 *
 *   node scripts/build.mjs --production --bench && node out/bench/activation.js [--json]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const TARGET_MS = 50;
const RUNS = 9;

interface Probe {
  loadMs: number;
  activateMs: number;
  /** What the extension itself reports (PhasewiseApi.activation). */
  reported: { loadMs?: number; activateMs: number };
}

/**
 * Any property of it is itself, calling it returns itself, `new` makes a plain instance: enough
 * for the calls activate() makes (register, create, subscribe) without doing anything.
 */
function standIn(): object {
  const handler: ProxyHandler<() => void> = {
    get(_target, key) {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return function* () {};
      return proxy;
    },
    apply: () => proxy,
    construct: (_target, _args, newTarget) => Object.create((newTarget as { prototype: object }).prototype) as object,
  };
  const proxy: object = new Proxy(function () {}, handler);
  return proxy;
}

function probe(bundle: string): void {
  const api = standIn();
  // The bundle requires 'vscode': an object whose prototype is the stand-in (esbuild's ES module
  // wrapper reads the module's properties through its prototype).
  const vscodeModule = Object.create(api) as object;
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscodeModule : load.call(this, request, ...rest);
  };
  const memento = { get: (_key: string, fallback?: unknown) => fallback, update: () => Promise.resolve(), keys: () => [] };
  const context = Object.assign(Object.create(api) as object, {
    subscriptions: [] as unknown[],
    workspaceState: memento,
    globalState: memento,
    extension: { packageJSON: { version: 'bench' } },
  });
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(bundle) as { activate: (c: unknown) => { activation: Probe['reported'] } };
  const t1 = performance.now();
  const result = extension.activate(context);
  const t2 = performance.now();
  const out: Probe = { loadMs: t1 - t0, activateMs: t2 - t1, reported: result.activation };
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0); // the work activate() leaves for later (discovery) is not measured
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function main(): void {
  const root = path.resolve(__dirname, '../..');
  const bundle = path.join(root, 'dist', 'extension.js');
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} not found; run node scripts/build.mjs --production first`);
  const minified = !fs.readFileSync(bundle, 'utf8').includes('\n  ');
  const probes: Probe[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [__filename, '--probe', bundle], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`activation probe exited ${r.status}: ${r.stderr}`);
    probes.push(JSON.parse(r.stdout) as Probe);
  }
  const load = median(probes.map((p) => p.loadMs));
  const activate = median(probes.map((p) => p.activateMs));
  const total = median(probes.map((p) => p.loadMs + p.activateMs));
  const kb = (fs.statSync(bundle).size / 1024).toFixed(0);
  const row = { bundleKB: Number(kb), minified, loadMs: load, activateMs: activate, totalMs: total, targetMs: TARGET_MS, pass: total < TARGET_MS };
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(row) + '\n');
  process.stderr.write(
    `\nActivation: dist/extension.js (${kb} KB${minified ? ', minified' : ', NOT minified: build with --production'}), fresh process, median of ${RUNS}\n` +
      `  module load ${load.toFixed(1)} ms + activate ${activate.toFixed(1)} ms = ${total.toFixed(1)} ms; target under ${TARGET_MS} ms: ${row.pass ? 'PASS' : 'FAIL'}\n`,
  );
}

if (process.argv[2] === '--probe') probe(process.argv[3]);
else main();
