// Bundles the extension, the CLI, and (on request) the unit tests and the benchmark with esbuild.
// The core depends on ESM-only packages (unified, remark); bundling makes them loadable from the
// CommonJS entry points that VS Code and Node's `bin` expect.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

function walk(dir, pattern) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), pattern) : pattern.test(e.name) ? [join(dir, e.name)] : []);
}

const builds = [];
if (existsSync('src/extension.ts')) {
  builds.push(esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }));
}
builds.push(esbuild.build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node' },
}).then(() => chmodSync('dist/cli.js', 0o755)));

if (args.has('--tests')) {
  rmSync('out/test/unit', { recursive: true, force: true });
  builds.push(esbuild.build({
    ...common,
    sourcemap: 'inline',
    entryPoints: walk('test/unit', /\.test\.ts$/),
    outdir: 'out/test/unit',
    outbase: 'test/unit',
    external: ['mocha', 'vscode'],
  }));
}
if (args.has('--integration')) {
  // The in-editor suite: a mocha runner (index.ts) and its tests, run inside the extension host.
  rmSync('out/test/integration', { recursive: true, force: true });
  builds.push(esbuild.build({
    ...common,
    sourcemap: 'inline',
    entryPoints: walk('test/integration', /\.ts$/),
    outdir: 'out/test/integration',
    outbase: 'test/integration',
    external: ['mocha', 'mocha10', 'vscode'],
  }));
}
if (args.has('--bench')) {
  builds.push(esbuild.build({ ...common, entryPoints: ['bench/bench.ts'], outfile: 'out/bench/bench.js' }));
  builds.push(esbuild.build({ ...common, entryPoints: ['bench/discovery.ts'], outfile: 'out/bench/discovery.js' }));
}
await Promise.all(builds);
