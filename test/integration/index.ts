// The in-editor test runner: VS Code loads this file (extensionTestsPath) inside the extension
// host and awaits run(). It runs every *.test.js bundled beside it with mocha.
//
// PHASEWISE_TEST_MODE=untrusted|multiroot runs the *.<mode>.test.js files instead of the others.
// Set PHASEWISE_TEST_GREP to run only the tests whose full title matches (a regular
// expression, as mocha's --grep). The extension host inherits the environment of the VS Code
// (server) process that starts it, so the runner scripts pass it through there.
import * as fs from 'node:fs';
import { findSourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type MochaModule from 'mocha';

// mocha 10 (CommonJS) runs the suite: it loads in every extension host, including desktop
// VS Code builds whose Node is older than the unit tests' mocha 12 requires. External in the
// bundle: resolved from the repository's node_modules when this file runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an external CommonJS module, loaded at run time
const Mocha = require('mocha10') as typeof MochaModule;

function findTests(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return findTests(full);
      return entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

// Stack traces should point into the TypeScript sources. The bundles carry inline source maps,
// but the extension host formats stacks itself (Error.prepareStackTrace), which bypasses Node's
// own source-map support; so the formatted frames of this suite's files are rewritten here.
function mapStackTraces(): void {
  process.setSourceMapsEnabled(true); // keeps the maps of files loaded from now on
  const format = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    const text = format ? String(format(error, frames)) : `${error}\n${frames.map((f) => `    at ${f}`).join('\n')}`;
    return text.replace(/(\/[^():\s]+\.js):(\d+):(\d+)/g, (frame, file: string, line: string, column: string) => {
      if (!file.startsWith(__dirname)) return frame;
      const entry = findSourceMap(file)?.findEntry(Number(line) - 1, Number(column) - 1);
      if (!entry || !('originalSource' in entry)) return frame;
      const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : entry.originalSource;
      return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    });
  };
}

export function run(): Promise<void> {
  mapStackTraces();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000 });
  const grep = process.env.PHASEWISE_TEST_GREP;
  if (grep) mocha.grep(grep);
  // Tests for another kind of workspace (`<name>.<mode>.test.js`) run on their own, in that
  // workspace: `untrusted` (Restricted Mode) or `multiroot` (two folders).
  const mode = process.env.PHASEWISE_TEST_MODE;
  for (const file of findTests(__dirname)) {
    const fileMode = /\.(untrusted|multiroot)\.test\.js$/.exec(file)?.[1];
    if (fileMode === mode) mocha.addFile(file);
  }

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} test${failures === 1 ? '' : 's'} failed.`));
        // A wrong --grep or a build without tests must not pass as a success.
        else if (runner.stats && runner.stats.tests === 0) reject(new Error('No test ran (check PHASEWISE_TEST_GREP and the build).'));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}
