// Builds the extension for release (minified, no source maps) and packages it as a .vsix with
// @vscode/vsce. Prints the file's path and size. Used by `npm run package` and `npm start`.
//
//   node scripts/package.mjs [--out <file.vsix>]
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

function run(command, args) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/**
 * Builds and packages; returns the .vsix path and its size in bytes.
 * @param {{ out?: string }} [options]
 */
export function packageExtension({ out } = {}) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const vsix = resolve(ROOT, out ?? `${pkg.name}-${pkg.version}.vsix`);
  run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--production']);
  // The bundle carries its dependencies, so none are packaged (.vscodeignore keeps the rest out).
  run(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix]);
  return { vsix, bytes: statSync(vsix).size };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  try {
    const { vsix, bytes } = packageExtension({ out: i > 0 ? process.argv[i + 1] : undefined });
    console.log(`${vsix}: ${(bytes / 1024).toFixed(1)} KB`);
  } catch (err) {
    console.error(`package: ${err.message}`);
    process.exit(1);
  }
}
