// Runs the in-editor test suite in a desktop VS Code that @vscode/test-electron downloads (needs
// internet access; where there is none, use `npm run test:vscode`, which runs the same suite).
// `npm run test:electron` builds first; this script builds nothing.
//
//   node scripts/test-electron.mjs [--grep <regexp>]
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { CACHE_DIR, REPO_ROOT, createRunDir } from './lib/vscode-server.mjs';

const { values: options } = parseArgs({ options: { grep: { type: 'string' } } });
const grep = options.grep ?? process.env.PHASEWISE_TEST_GREP;
const extensionTestsPath = join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');

const fail = (message) => {
  process.stderr.write(`[test:electron] ${message}\n`);
  process.exit(1);
};

if (!existsSync(extensionTestsPath)) fail(`${extensionTestsPath} is missing: build first (npm run test:electron does).`);

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ cachePath: CACHE_DIR, timeout: 20_000 });
} catch (error) {
  const reason = String(error?.message ?? error).split('\n')[0];
  fail(`could not download VS Code (${reason}); without internet access run \`npm run test:vscode\` instead.`);
}

// A fresh copy of the sample workspace, and fresh user data, for every run.
const runDir = createRunDir();
const workspace = join(runDir, 'workspace', 'samples');
mkdirSync(workspace, { recursive: true });
cpSync(join(REPO_ROOT, 'samples'), workspace, { recursive: true });

try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath,
    extensionTestsEnv: grep ? { PHASEWISE_TEST_GREP: grep } : {},
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(runDir, 'ud')],
  });
} catch (error) {
  // runTests rejects when the suite fails (the details are in VS Code's output above).
  fail(String(error?.message ?? error));
}
