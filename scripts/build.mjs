// Bundles the extension, the CLI, and (on request) the unit tests and the benchmark with esbuild.
// The core depends on ESM-only packages (unified, remark); bundling makes them loadable from the
// CommonJS entry points that VS Code and Node's `bin` expect.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // HTML's table of named references (35 KB) only feeds remark's text values, which Phasewise
  // never reads: a stand-in with the common names (see the file).
  alias: { 'decode-named-character-reference': './src/core/parse/namedReference.ts' },
};

function walk(dir, pattern) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), pattern) : pattern.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/**
 * The remark fallback (src/core/parse/remark.ts) as a file of its own beside the Node.js bundles:
 * they require it at run time, on first use, instead of carrying it (see that file).
 * @type {import('esbuild').Plugin}
 */
const remarkApart = {
  name: 'remark-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/remark$/ }, (a) =>
      a.importer.endsWith(join('src', 'core', 'parse', 'blocks.ts')) ? { path: './remark.js', external: true } : undefined,
    );
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [{ ...common, entryPoints: ['src/core/parse/remark.ts'], outfile: 'dist/remark.js' }];
if (existsSync('src/extension.ts')) {
  // The banner marks when the bundle starts to evaluate: the extension reports its load time.
  builds.push({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [remarkApart],
    banner: { js: 'var __phasewiseLoadStart = performance.now();' },
  });
  // The same extension for VS Code for the Web (vscode.dev, github.dev): a web-worker bundle.
  // `worker` picks the packages' web-worker builds over their DOM ones (a worker has no document).
  builds.push({
    ...common,
    platform: 'browser',
    target: 'es2022',
    conditions: ['worker'],
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/web/extension.js',
    external: ['vscode'],
    banner: { js: 'var __phasewiseLoadStart = performance.now();' },
  });
}
// The CLI: a small launcher (npm's bin) that loads the bundle with a V8 code cache (launch.ts).
builds.push({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js', plugins: [remarkApart] });
builds.push({ ...common, entryPoints: ['src/cli/launch.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } });
// The MCP server and its SDK are a bundle of their own, loaded by `phasewise mcp` only, so that
// every other command starts without compiling them.
builds.push({ ...common, entryPoints: ['src/cli/mcp.ts'], outfile: 'dist/mcp.js', plugins: [remarkApart] });

if (args.has('--tests')) {
  rmSync('out/test/unit', { recursive: true, force: true });
  builds.push({
    ...common,
    sourcemap: 'inline',
    entryPoints: walk('test/unit', /\.test\.ts$/),
    outdir: 'out/test/unit',
    outbase: 'test/unit',
    external: ['mocha', 'vscode'],
  });
}
if (args.has('--integration')) {
  // The in-editor suite: a mocha runner (index.ts) and its tests, run inside the extension host.
  rmSync('out/test/integration', { recursive: true, force: true });
  builds.push({
    ...common,
    sourcemap: 'inline',
    entryPoints: walk('test/integration', /\.ts$/),
    outdir: 'out/test/integration',
    outbase: 'test/integration',
    external: ['mocha', 'mocha10', 'vscode'],
  });
}
if (args.has('--bench')) {
  // The baselines are remark and markdown-it as published: no stand-in.
  const bench = { ...common, alias: {} };
  builds.push({ ...bench, entryPoints: ['bench/bench.ts'], outfile: 'out/bench/bench.js' });
  builds.push({ ...bench, entryPoints: ['bench/discovery.ts'], outfile: 'out/bench/discovery.js' });
  builds.push({ ...bench, entryPoints: ['bench/mcp.ts'], outfile: 'out/bench/mcp.js' });
  builds.push({ ...bench, entryPoints: ['bench/activation.ts'], outfile: 'out/bench/activation.js' });
  builds.push({ ...bench, entryPoints: ['bench/shapes.ts'], outfile: 'out/bench/shapes.js' });
}

/** The CLI is run as `phasewise` (npm's bin): keep it executable after every build. */
const executable = {
  name: 'executable-cli',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onEnd((result) => {
      if (!result.errors.length && build.initialOptions.outfile === 'dist/cli.js' && existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
    });
  },
};
const options = builds.map((b) => ({ ...b, plugins: [...(b.plugins ?? []), executable] }));

if (args.has('--watch')) {
  // npm run watch: rebuild on every change (the extension, the CLI, and what the flags add).
  for (const o of options) await (await esbuild.context(o)).watch();
  console.log(`watching ${options.length} bundles; Ctrl-C to stop`);
} else {
  await Promise.all(options.map((o) => esbuild.build(o)));
}
