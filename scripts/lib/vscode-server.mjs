// A real VS Code for tests on machines without a desktop: the VS Code server shipped inside
// code-server (npm), driven by the system Chromium through playwright-core. The extension runs
// in the real Node extension host; the browser is only the workbench client.
//
// Used by scripts/test-vscode.mjs (the extension-host test suite) and meant for browser UI tests
// and for starting a development instance by hand.
//
// Everything is cached or created under .vscode-test/ (git-ignored):
//   .vscode-test/code-server-<version>/   the installed package (once per machine)
//   .vscode-test/runs/<timestamp-pid>/     one folder per server start (fresh state every time)
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { constants as osConstants, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The VS Code releases the tests run on, picked by PHASEWISE_VSCODE (default `minimum`):
 * - minimum: the engine's lowest version (package.json `engines.vscode` ^1.100.0), code-server
 *   4.100.3, run by the Node.js that runs this script;
 * - current: the newest code-server that installs here (VS Code 1.139). It requires Node 24,
 *   taken from npm's node-<platform>-<arch> package (the official binary, with its headers for
 *   the native modules code-server builds), so nothing is downloaded from outside npm.
 */
export const VSCODE_TARGETS = {
  minimum: { codeServer: '4.100.3', node: undefined, vscode: '1.100.3' },
  current: { codeServer: '4.139.1', node: '24.22.3', vscode: '1.139.1' },
};
const TARGET_NAME = process.env.PHASEWISE_VSCODE || 'minimum';
export const TARGET = VSCODE_TARGETS[TARGET_NAME];
if (!TARGET) throw new Error(`PHASEWISE_VSCODE=${TARGET_NAME}: expected one of ${Object.keys(VSCODE_TARGETS).join(', ')}.`);
export const CODE_SERVER_VERSION = TARGET.codeServer;
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = join(REPO_ROOT, '.vscode-test');
export const CODE_SERVER_DIR = join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;
const NODE_DIR = TARGET.node ? join(CACHE_DIR, `node-${TARGET.node}`) : undefined;
/** The Node.js that runs the server (and builds its native modules at install). */
export const SERVER_NODE = NODE_DIR ? join(NODE_DIR, 'node_modules', NODE_PACKAGE, 'bin', 'node') : process.execPath;
export const CHROMIUM_PATH = '/usr/bin/chromium';

const PACKAGE_DIR = join(CODE_SERVER_DIR, 'node_modules', 'code-server');
const SERVER_MAIN = join(PACKAGE_DIR, 'lib', 'vscode', 'out', 'server-main.js');
const CODE_SERVER_CLI = join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
// Written only after a complete install, so an interrupted install is redone next time.
const INSTALLED_MARKER = join(CODE_SERVER_DIR, '.installed');

// @vscode/ripgrep (inside code-server 4.100.3) downloads rg from GitHub in its postinstall,
// unless it finds this archive in its cache. These names belong to the @vscode/ripgrep version
// that code-server 4.100.3 depends on; newer releases ship rg inside @vscode/ripgrep-universal.
const RIPGREP_CACHE = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

// Flags from the probe that made Chromium work on these machines (no sandbox as root, and no
// background connections, which the closed network refuses).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const log = (message) => process.stderr.write(`[vscode-server] ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Cleanup on exit and on signals
// ---------------------------------------------------------------------------------------------

/** @typedef {{ stop: () => Promise<void>, killNow: () => void }} Resource */
/** @type {Set<Resource>} */
const resources = new Set();
let handlersInstalled = false;
let stopping = false;

/**
 * Registers something to stop when the process exits or receives SIGINT/SIGTERM/SIGHUP.
 * `stop` is the graceful, asynchronous way; `killNow` must be synchronous (it runs in the
 * 'exit' handler, where nothing asynchronous happens any more). Returns an unregister function.
 * @param {Resource} resource
 */
export function registerCleanup(resource) {
  installHandlers();
  resources.add(resource);
  return () => resources.delete(resource);
}

/** Stops every registered resource (the servers and browsers started here), in parallel. */
export async function stopAll() {
  await Promise.allSettled([...resources].map((r) => r.stop()));
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const r of resources) {
      try {
        r.killNow();
      } catch {
        /* already gone */
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      const code = 128 + osConstants.signals[signal];
      if (stopping) {
        // A second signal while stopping: stop waiting. The 'exit' handler kills what is left.
        process.exit(code);
      }
      stopping = true;
      log(`${signal}: stopping the server, browser and installs started here`);
      stopAll().finally(() => process.exit(code));
    });
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// For a Promise.race deadline: does not keep the process alive once the race is decided.
const timeLimit = (ms) => new Promise((r) => setTimeout(r, ms).unref());

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const groupAlive = (pgid) => processAlive(-pgid);

/**
 * Stopping a process group (a child spawned with detached: true leads one, with its pid as id):
 * stop() sends SIGTERM to every member, waits up to graceMs, then SIGKILLs what is left;
 * killNow() SIGKILLs at once (for the 'exit' handler).
 * @param {number} pgid
 * @param {number} [graceMs]
 * @returns {Resource}
 */
function processGroupCleanup(pgid, graceMs = 5000) {
  const killNow = () => {
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  };
  let stopped = null;
  const stop = () => {
    stopped ??= (async () => {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGTERM');
      const until = Date.now() + graceMs;
      while (groupAlive(pgid) && Date.now() < until) await sleep(100);
      if (groupAlive(pgid)) {
        killNow();
        while (groupAlive(pgid)) await sleep(50);
      }
    })();
    return stopped;
  };
  return { stop, killNow };
}

// ---------------------------------------------------------------------------------------------
// Install
// ---------------------------------------------------------------------------------------------

/**
 * Throws a one-line error naming the Debian package to install when a system prerequisite of
 * the code-server install or of the browser is missing.
 * @param {{ forInstall?: boolean }} [options] also check what only the install needs
 */
export function checkPrerequisites({ forInstall = true } = {}) {
  const missing = [];
  if (!existsSync(CHROMIUM_PATH)) missing.push(`${CHROMIUM_PATH} (apt package chromium)`);
  if (forInstall) {
    if (!existsSync('/usr/bin/rg')) missing.push('/usr/bin/rg (apt package ripgrep)');
    if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('/usr/include/gssapi/gssapi.h (apt package libkrb5-dev)');
  }
  if (missing.length) {
    throw new Error(`Missing ${missing.join(', ')}: run \`apt-get update && apt-get install -y chromium libkrb5-dev ripgrep\` as root.`);
  }
}

/** Puts Debian's rg where @vscode/ripgrep's postinstall looks before it tries to download. */
function seedRipgrepCache() {
  const target = RIPGREP_TARGETS[process.arch];
  if (!target) throw new Error(`No ripgrep cache name known for architecture ${process.arch}.`);
  const archive = join(RIPGREP_CACHE, `ripgrep-v13.0.0-10-${target}.tar.gz`);
  if (existsSync(archive)) return;
  mkdirSync(RIPGREP_CACHE, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'rg-staging-'));
  try {
    copyFileSync('/usr/bin/rg', join(staging, 'rg'));
    // Write under a temporary name and rename, so a half-written archive is never picked up.
    const partial = `${archive}.partial`;
    run('tar', ['-czf', partial, '-C', staging, 'rg']);
    run('mv', ['-f', partial, archive]);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  return result;
}

/**
 * Installs code-server into .vscode-test/code-server-<version>/ once (and for a target that
 * needs it, Node.js into .vscode-test/node-<version>/ first); later calls return at once.
 * Returns the paths the other functions use.
 * @param {{ quiet?: boolean }} [options] quiet: hide npm's output unless the install fails
 * @returns {Promise<{ dir: string, serverMain: string, cli: string, node: string }>}
 */
export async function ensureCodeServer({ quiet = false } = {}) {
  const paths = { dir: CODE_SERVER_DIR, serverMain: SERVER_MAIN, cli: CODE_SERVER_CLI, node: SERVER_NODE };
  if (existsSync(INSTALLED_MARKER) && existsSync(SERVER_MAIN) && existsSync(SERVER_NODE)) return paths;

  checkPrerequisites({ forInstall: true });
  const started = Date.now();
  // Settings an enclosing `npm run` passes down (npm_config_*, npm_package_*) must not leak
  // into these separate installs.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  env.npm_config_yes = 'true'; // a nested `npx node-gyp` is cancelled otherwise
  if (NODE_DIR) {
    if (!existsSync(SERVER_NODE)) {
      log(`installing Node.js ${TARGET.node} (${NODE_PACKAGE} from npm) into ${NODE_DIR}`);
      await npmInstall(NODE_DIR, `${NODE_PACKAGE}@${TARGET.node}`, { env, quiet, expect: SERVER_NODE });
    }
    // npm and the package's postinstall (its nested npm install, node-gyp) run on this Node:
    // code-server checks the version, and native modules are built for its ABI and headers.
    env.PATH = `${dirname(SERVER_NODE)}:${env.PATH ?? ''}`;
  } else {
    seedRipgrepCache();
  }
  log(`installing code-server@${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (once, a minute or more)`);
  await npmInstall(CODE_SERVER_DIR, `code-server@${CODE_SERVER_VERSION}`, { env, quiet, expect: SERVER_MAIN });
  writeFileSync(INSTALLED_MARKER, `${new Date().toISOString()}\n`);
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return paths;
}

/**
 * `npm install <spec>` into the folder `prefix` (given its own package.json, so that npm never
 * installs into the project above), in its own process group so that an interrupted install
 * can be stopped with everything it started (node-gyp builds, nested npm installs). Throws
 * unless it succeeds and the file `expect` exists.
 * @param {string} prefix
 * @param {string} spec
 * @param {{ env: NodeJS.ProcessEnv, quiet: boolean, expect: string }} options
 */
async function npmInstall(prefix, spec, { env, quiet, expect }) {
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), JSON.stringify({ name: 'vscode-test-install', private: true }, null, 2) + '\n');
  // --unsafe-perm: code-server 4.100's postinstall refuses to run as root without it (npm 11
  // no longer knows the flag but passes it on as npm_config_unsafe_perm, which is what it reads).
  const args = ['install', '--unsafe-perm', '--no-audit', '--no-fund', '--no-save', '--prefix', prefix, spec];
  const npm = spawn('npm', args, {
    cwd: prefix,
    env,
    detached: true,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
  });
  const unregister = registerCleanup(processGroupCleanup(npm.pid));
  let output = '';
  npm.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  npm.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const status = await new Promise((resolveStatus, reject) => {
    npm.on('error', reject);
    npm.on('close', (code, signal) => resolveStatus(code ?? signal));
  }).finally(unregister);
  if (status !== 0 || !existsSync(expect)) {
    if (quiet) process.stderr.write(output);
    throw new Error(`npm install ${spec} failed (${status}); see its output above.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

/** Finds a free TCP port on 127.0.0.1 (the OS picks one; a tiny race until the server binds). */
export function findFreePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolvePort(port));
    });
  });
}

const RUNS_DIR = join(CACHE_DIR, 'runs');

/**
 * Deletes old run folders, keeping the `keep` newest for a look after a failure. A folder whose
 * creating process (the pid in its name) still runs is never deleted.
 */
export function pruneRuns(keep = 5) {
  if (!existsSync(RUNS_DIR)) return;
  const runs = readdirSync(RUNS_DIR)
    .filter((name) => /^\d{8}T\d{6}Z-\d+/.test(name))
    .sort()
    .reverse();
  for (const name of runs.slice(keep)) {
    const pid = Number(name.split('-')[1]);
    if (pid !== process.pid && processAlive(pid)) continue;
    rmSync(join(RUNS_DIR, name), { recursive: true, force: true });
  }
}

/** A new empty run folder: .vscode-test/runs/<timestamp>-<pid>[-n]/ */
export function createRunDir() {
  pruneRuns();
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const base = join(RUNS_DIR, `${stamp}-${process.pid}`);
  let dir = base;
  for (let i = 2; existsSync(dir); i++) dir = `${base}-${i}`;
  mkdirSync(dir, { recursive: true });
  return dir;
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server output)';
  }
}

/**
 * Settings for every test window: a quiet, predictable workbench. The workspace copy lives
 * inside this repository, so Git would otherwise offer to open the enclosing repository.
 */
export const DEFAULT_SETTINGS = {
  'git.openRepositoryInParentFolders': 'never',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
};

/**
 * Starts the VS Code server on a fresh copy of a workspace folder, with fresh user, server and
 * extension folders, and waits until it answers.
 *
 * The server runs in its own session and process group, and stop() signals the whole group:
 * stopping only the top process leaves the extension host and file watchers running.
 *
 * @typedef {object} StartOptions
 * @property {string} workspaceSource folder copied fresh into the run folder and opened
 * @property {string} [extensionsDir] defaults to <runDir>/exts (empty: only built-in extensions)
 * @property {number} [port] defaults to a free port
 * @property {Record<string, string>} [env] extra environment (the extension host inherits it)
 * @property {string} [runDir] defaults to a new .vscode-test/runs/<timestamp-pid>/
 * @property {boolean} [workspaceTrust] default false: no "Do you trust the authors" prompt,
 *   which cannot be answered in tests and leaves restricted mode
 * @property {object} [settings] settings merged over DEFAULT_SETTINGS (remote machine settings)
 * @property {string[]} [serverArgs] more command-line flags for the server
 * @property {number} [readyTimeoutMs]
 *
 * @param {StartOptions} options
 * @returns {Promise<{ url: string, host: string, port: number, workspacePath: string,
 *   runDir: string, userDataDir: string, extensionsDir: string, logFile: string,
 *   pid: number, stop: () => Promise<void>, logTail: (lines?: number) => string,
 *   removeRunDir: () => void }>}
 */
export async function startServer({
  workspaceSource,
  extensionsDir,
  port,
  env = {},
  runDir,
  workspaceTrust = false,
  settings = {},
  serverArgs = [],
  readyTimeoutMs = 60_000,
}) {
  const { serverMain } = await ensureCodeServer();
  if (!workspaceSource || !statSync(workspaceSource, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`startServer: workspaceSource is not a folder: ${workspaceSource}`);
  }
  runDir ??= createRunDir();
  const userDataDir = join(runDir, 'ud');
  const serverDataDir = join(runDir, 'sd');
  extensionsDir ??= join(runDir, 'exts');
  const xdgConfig = join(runDir, 'xdg-config');
  const xdgData = join(runDir, 'xdg-data');
  for (const dir of [userDataDir, serverDataDir, extensionsDir, xdgConfig, xdgData]) mkdirSync(dir, { recursive: true });

  // Machine settings of the server apply to every window (all but application-scoped settings).
  mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
  writeFileSync(join(userDataDir, 'Machine', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2) + '\n');

  // A fresh copy every run: unsaved edits are backed up per folder and would come back otherwise.
  const workspacePath = join(runDir, 'workspace', basename(resolve(workspaceSource)));
  cpSync(resolve(workspaceSource), workspacePath, { recursive: true });

  const logFile = join(runDir, 'server.log');
  const logTail = (lines) => tail(logFile, lines);
  // For a run that passed: nothing in it is worth keeping. Only after stop().
  const removeRunDir = () => rmSync(runDir, { recursive: true, force: true });

  const host = '127.0.0.1';
  const launch = async (serverPort) => {
    const out = openSync(logFile, 'a');
    const args = [
      serverMain,
      '--host',
      host,
      '--port',
      String(serverPort),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      '--user-data-dir',
      userDataDir,
      '--server-data-dir',
      serverDataDir,
      '--extensions-dir',
      extensionsDir,
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      ...serverArgs,
    ];
    // detached: the child calls setsid(), so it leads a new session and process group whose id
    // is its pid; a Ctrl-C in the terminal reaches only this process, which then stops the group.
    const child = spawn(SERVER_NODE, args, {
      cwd: runDir,
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        EXTENSIONS_GALLERY: '{}', // no marketplace look-ups
        XDG_CONFIG_HOME: xdgConfig,
        XDG_DATA_HOME: xdgData,
        ...env,
      },
    });
    closeSync(out);
    const pgid = child.pid;
    /** @type {{ code: number | null, signal: NodeJS.Signals | null } | null} */
    let exited = null;
    child.on('exit', (code, signal) => {
      exited = { code, signal };
    });

    const { stop: stopGroup, killNow } = processGroupCleanup(pgid);
    const stop = () => stopGroup().finally(() => unregister());
    const unregister = registerCleanup({ stop, killNow });

    // Ready when this server says it listens (not some other process that took the port) and
    // the workbench page answers.
    const url = `http://${host}:${serverPort}`;
    const listening = `listening on ${serverPort}`;
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      const output = readFileSync(logFile, 'utf8');
      // The server does not exit when its port is taken; it logs the error and waits.
      if (exited || output.includes('EADDRINUSE')) {
        const what = exited ? `exited (${exited.code ?? exited.signal})` : `could not listen on port ${serverPort}`;
        await stop();
        /** @type {Error & { code?: string }} */
        const error = new Error(`The VS Code server ${what} before it answered; its last output:\n${logTail()}`);
        if (output.includes('EADDRINUSE')) error.code = 'EADDRINUSE';
        throw error;
      }
      if (output.includes(listening)) {
        try {
          const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
          await response.arrayBuffer();
          break;
        } catch {
          // not answering yet
        }
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`The VS Code server did not answer on ${url} within ${readyTimeoutMs / 1000} s; its last output:\n${logTail()}`);
      }
      await sleep(200);
    }
    return {
      url,
      host,
      port: serverPort,
      workspacePath,
      runDir,
      userDataDir,
      extensionsDir,
      logFile,
      pid: pgid,
      stop,
      logTail,
      removeRunDir,
    };
  };

  // A free port can be taken by someone else before the server binds it: then try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(port ?? (await findFreePort()));
    } catch (error) {
      if (port !== undefined || error.code !== 'EADDRINUSE' || attempt >= 3) throw error;
    }
  }
}

/**
 * The workbench address that opens `folder` (a path on the server) and passes launch arguments
 * such as extensionDevelopmentPath / extensionTestsPath. Paths in `payload` are server paths;
 * they become vscode-remote URIs with exactly the host:port of `serverUrl`, which the workbench
 * requires to match the address it was opened with.
 * @param {string} serverUrl e.g. http://127.0.0.1:8123
 * @param {{ folder?: string, workspace?: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} options
 */
export function workbenchUrl(serverUrl, { folder, workspace, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const base = new URL(serverUrl);
  const remote = (path) => `vscode-remote://${base.host}${encodeURI(path)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const url = new URL('/', base);
  if (folder) url.searchParams.set('folder', folder);
  if (workspace) url.searchParams.set('workspace', workspace); // a .code-workspace file (multi-root)
  if (payload.length) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/**
 * Installs a packaged extension into a run's extensions folder with the code-server CLI (for
 * UI tests of what users install). Call before startServer({ runDir, ... }) or restart after.
 * @param {string} vsixPath
 * @param {string} runDir a run folder (see createRunDir / startServer)
 */
export async function installVsix(vsixPath, runDir) {
  const { cli } = await ensureCodeServer();
  const userDataDir = join(runDir, 'ud');
  const extensionsDir = join(runDir, 'exts');
  const xdgConfig = join(runDir, 'xdg-config'); // code-server's CLI writes a config.yaml there
  const xdgData = join(runDir, 'xdg-data');
  for (const dir of [userDataDir, extensionsDir, xdgConfig, xdgData]) mkdirSync(dir, { recursive: true });
  // On the server's Node.js: the CLI of a newer code-server does not start on an older one.
  run(SERVER_NODE, [cli, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', resolve(vsixPath)], {
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: xdgConfig, XDG_DATA_HOME: xdgData },
  });
  return { userDataDir, extensionsDir };
}

// ---------------------------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------------------------

/**
 * Launches the system Chromium headless. Playwright gives every launch a fresh temporary
 * profile folder and deletes it on close.
 * @param {{ viewport?: { width: number, height: number } }} [options]
 * @returns {Promise<{ browser: import('playwright-core').Browser,
 *   context: import('playwright-core').BrowserContext, page: import('playwright-core').Page,
 *   close: () => Promise<void> }>}
 */
export async function launchBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  checkPrerequisites({ forInstall: false });
  const { chromium } = await import('playwright-core');
  // Signals are handled here (see registerCleanup) so that the server is stopped as well;
  // playwright still kills the browser on process exit by itself.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  let closed = null;
  const close = () => {
    closed ??= (async () => {
      try {
        await Promise.race([browser.close(), timeLimit(10_000)]);
      } catch {
        /* already closed */
      }
      unregister();
    })();
    return closed;
  };
  // Playwright kills its browsers in its own 'exit' handler; nothing more to do synchronously.
  const unregister = registerCleanup({ stop: close, killNow: () => {} });
  return { browser, context, page, close };
}
