// Runs the in-editor test suite (out/test/integration/index.js, mocha inside the real extension
// host) in the VS Code server from code-server, with headless Chromium as the workbench.
// `npm run test:vscode` builds first; this script builds nothing.
//
//   node scripts/test-vscode.mjs [--grep <regexp>] [--untrusted | --multi-root]
//
// --untrusted runs the *.untrusted.test.ts files instead, in a workspace that is not trusted
// (Restricted Mode), which Phasewise declares it supports. --multi-root runs the
// *.multiroot.test.ts files in a workspace of two folders: the samples and one more plan.
//
// Environment: PHASEWISE_VSCODE (minimum, the default: VS Code 1.100; current: the newest
// release that installs here; see VSCODE_TARGETS in lib/vscode-server.mjs), PHASEWISE_TEST_TIMEOUT (seconds for the whole run, default 300),
// PHASEWISE_TEST_GREP (same as --grep), PHASEWISE_TEST_VERBOSE=1 (also print the workbench's
// routine log lines). Exits with the suite's exit code. The run folder under .vscode-test/runs/
// (server log, settings, workspace copy) is kept when the suite fails.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, parseArgs } from 'node:util';
import { REPO_ROOT, TARGET, ensureCodeServer, launchBrowser, startServer, stopAll, workbenchUrl } from './lib/vscode-server.mjs';

const { values: options } = parseArgs({
  options: { grep: { type: 'string' }, untrusted: { type: 'boolean', default: false }, 'multi-root': { type: 'boolean', default: false } },
});
const mode = options.untrusted ? 'untrusted' : options['multi-root'] ? 'multiroot' : undefined;
const grep = options.grep ?? process.env.PHASEWISE_TEST_GREP;
const timeoutSeconds = Number(process.env.PHASEWISE_TEST_TIMEOUT ?? 300);
const verbose = process.env.PHASEWISE_TEST_VERBOSE === '1';

const testsPath = join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
const extensionMain = join(REPO_ROOT, 'dist', 'extension.js');
const workspaceSource = join(REPO_ROOT, 'samples');

const say = (message) => process.stderr.write(`[test:vscode] ${message}\n`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function main() {
  for (const file of [testsPath, extensionMain]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run test:vscode does).`);
  }
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new Error(`PHASEWISE_TEST_TIMEOUT must be a positive number of seconds, not "${process.env.PHASEWISE_TEST_TIMEOUT}".`);
  }
  await ensureCodeServer();
  const started = Date.now();

  // The extension host inherits the server's environment: that is how the pattern reaches
  // test/integration/index.ts (the workbench's payload has no room for it).
  const env = {
    PHASEWISE_EXPECT_VSCODE: TARGET.vscode,
    ...(grep ? { PHASEWISE_TEST_GREP: grep } : {}),
    ...(mode ? { PHASEWISE_TEST_MODE: mode } : {}),
  };
  // Workspace trust is off for the main suite (its prompt cannot be answered in a test); for
  // --untrusted it is on, and the folder, never trusted, opens in Restricted Mode.
  const server = await startServer({ workspaceSource, env, workspaceTrust: options.untrusted });
  say(`server ready on ${server.url} in ${seconds(started)} (run folder ${server.runDir})`);

  const { context, page } = await launchBrowser();

  let finish;
  const finished = new Promise((resolve) => {
    finish = resolve;
  });

  // The workbench forwards the extension host's console output here while it runs tests...
  await context.exposeFunction('codeAutomationLog', (type, args) => {
    // console.log's arguments, format string first (mocha's reporter uses %s and %d).
    const text = format(...(Array.isArray(args) ? args : [args]));
    printLog(type, text);
  });
  // ...and calls this with the suite's exit code when the extension host exits.
  await context.exposeFunction('codeAutomationExit', (code) => finish({ code: Number(code) }));

  page.on('crash', () => finish({ error: 'the workbench page crashed' }));
  page.on('pageerror', (error) => say(`page error: ${error.message}`));

  const timer = setTimeout(
    () =>
      finish({
        error: `timed out after ${timeoutSeconds} s (PHASEWISE_TEST_TIMEOUT) waiting for the suite to finish; server log: ${server.logFile}`,
      }),
    timeoutSeconds * 1000,
  );

  const url = workbenchUrl(server.url, {
    ...(mode === 'multiroot' ? { workspace: multiRootWorkspace(server) } : { folder: server.workspacePath }),
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: testsPath,
  });
  let result;
  try {
    await page.goto(url);
    result = await finished;
  } finally {
    clearTimeout(timer);
  }

  await stopAll();
  if (result.error) throw new Error(result.error);
  say(`suite exited with code ${result.code} after ${seconds(started)}`);
  if ('passing' in counts || 'failing' in counts) {
    // The plain summary line that CI logs are read for.
    const skipped = counts.pending ? `, ${counts.pending} skipped` : '';
    process.stdout.write(
      `integration${mode ? ` (${mode})` : ''} on VS Code ${TARGET.vscode}: ${counts.passing ?? 0} passed, ${counts.failing ?? 0} failed${skipped}\n`,
    );
  }
  if (result.code === 0) server.removeRunDir();
  return result.code;
}

/** A .code-workspace with the samples copy and a second folder holding one more plan. */
function multiRootWorkspace(server) {
  const second = join(server.runDir, 'workspace', 'second');
  mkdirSync(second, { recursive: true });
  writeFileSync(
    join(second, 'roadmap.md'),
    [
      '# Roadmap: Search',
      '',
      '## Phase 1: Index',
      '',
      '**Status:** Completed',
      '',
      '## Phase 2: Query',
      '',
      '**Status:** In Progress',
      '',
      '- [x] Parse the query',
      '- [ ] Rank results',
      '',
    ].join('\n'),
  );
  const file = join(server.runDir, 'workspace', 'two-folders.code-workspace');
  writeFileSync(file, JSON.stringify({ folders: [{ path: server.workspacePath }, { path: second }] }, null, 2));
  return file;
}

// The extension host's console output and the workbench's own log arrive alike (type 'info',
// 'warn', 'error'). Everything is printed except the workbench's routine start-up chatter.
const WORKBENCH_CHATTER = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^ChatSessionStore:/,
  /^\[Service Worker\] registration/, // service workers need https or localhost, not 127.0.0.1
  /^\[ChatModelSelection\]/, // newer releases: the chat view looking for a model
  /^\[reconnection-grace-time\]/,
  /^\[(AgentHost|AccountPolicyGate)\]/, // newer releases: signed-in features with no account
];
/** @type {Record<string, number>} */
const counts = {};

function printLog(type, text) {
  const summary = /^\s*(\d+) (passing|failing|pending)\b/.exec(text);
  if (summary) counts[summary[2]] = Number(summary[1]);
  if (!verbose && WORKBENCH_CHATTER.some((re) => re.test(text))) return;
  const prefix = type === 'info' || type === 'log' ? '' : `[${type}] `;
  process.stdout.write(`${prefix}${text}\n`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error) => {
    process.stderr.write(`[test:vscode] ${error.message}\n`);
    await stopAll();
    process.exitCode = 1;
  },
);
