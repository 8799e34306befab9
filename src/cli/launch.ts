/**
 * `phasewise` as npm's bin runs it: loads the CLI bundle (dist/cli-main.js) with a V8 code cache,
 * so that a command does not compile the bundle again each time it runs.
 *
 * Compiling the ~230 KB bundle, and the functions a command calls on first use, is a good part
 * of a short command's time. The cache is what V8 produced after a run of the same command
 * with the same bundle and the same Node.js (one file per command: each calls other
 * functions), kept in the user's cache folder. V8 checks it against the source and its own
 * version and flags, and rejects it otherwise; then the command compiles as usual and the file
 * is written again. Any failure to read or write it only costs the compile.
 * `PHASEWISE_NO_COMPILE_CACHE=1` (or Node's own `NODE_DISABLE_COMPILE_CACHE=1`) turns it off.
 *
 * Kept small and free of imports beyond Node's own: this file is compiled on every run.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

interface CliModule {
  run(): void;
}

/** The per-user cache folder of this platform, or undefined when there is no home to put it in. */
function cacheRoot(env: NodeJS.ProcessEnv): string | undefined {
  if (process.platform === 'win32') return env.LOCALAPPDATA || undefined;
  let home: string;
  try {
    home = os.homedir();
  } catch {
    return undefined; // no home directory for this user
  }
  if (process.platform === 'darwin') return home ? path.join(home, 'Library', 'Caches') : undefined;
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return env.XDG_CACHE_HOME;
  return home ? path.join(home, '.cache') : undefined;
}

/** A short name for the bundle's folder (FNV-1a), so that two installs keep a cache each. */
function installKey(bundle: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bundle.length; i++) h = Math.imul(h ^ bundle.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The cache file for this bundle, Node.js and command; undefined when caching is off. Its name
 * starts with the install (the bundle's path), then the Node.js and the bundle's version, then
 * the command: `<install>-<node>-<arch>-<size>-<mtime>-<command>.bin`.
 */
export function cacheFile(bundle: string, command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PHASEWISE_NO_COMPILE_CACHE === '1' || env.NODE_DISABLE_COMPILE_CACHE === '1') return undefined;
  const root = cacheRoot(env);
  if (!root) return undefined;
  let stamp: string;
  try {
    const st = fs.statSync(bundle);
    stamp = `${st.size}-${Math.floor(st.mtimeMs)}`;
  } catch {
    return undefined;
  }
  const name = /^[a-z]{1,30}$/.test(command) ? command : 'other'; // no `-`: the name ends at the last one
  return path.join(root, 'phasewise', 'compile-cache', `${installKey(path.resolve(bundle))}-${process.version}-${process.arch}-${stamp}-${name}.bin`);
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Caches of another install not used for this long are removed (an install that is gone). */
const UNUSED_DAYS = 30;

/**
 * Writes the cache beside its final name and renames it there: two commands at once each write
 * a whole file. The same install's caches for another bundle or Node.js (an upgrade) are
 * removed, and those of other installs when unused for UNUSED_DAYS. Another install's current
 * caches stay: a global and a project install used in turn would otherwise each remove the
 * other's, and every command would compile again.
 */
function writeCache(file: string, data: Buffer): void {
  const dir = path.dirname(file);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    return; // a read-only or full disk: the next run compiles again
  }
  const base = path.basename(file);
  const install = base.slice(0, base.indexOf('-') + 1);
  const current = base.replace(/[^-]+\.bin$/, '');
  const unusedSince = Date.now() - UNUSED_DAYS * 86_400_000;
  try {
    for (const name of fs.readdirSync(dir)) {
      if (!name.endsWith('.bin') || name.startsWith(current)) continue;
      const old = path.join(dir, name);
      const legacy = !/^[0-9a-f]{8}-/.test(name); // named before installs had a key
      if (legacy || name.startsWith(install) || fs.statSync(old).atimeMs < unusedSince) fs.rmSync(old, { force: true });
    }
  } catch {
    // Another command removing them at the same time.
  }
}

/**
 * How much a function runs before V8 considers optimizing it: four times V8's default. A
 * command lives a fraction of a second, and with the default the optimizing compiler takes
 * more processor time than the command itself, on the second core the command's own garbage
 * collection needs, for functions that run a few more times before the process ends.
 * Functions that stay hot (a large workspace, the MCP server) are still optimized, a little
 * later: `phasewise list` over ~720 Markdown files takes about 7% less time, over 1,200 files
 * with 360 plans 8% less, and a 1.7 MB plan is read as fast as before. Set before the bundle is
 * compiled, so that the code cache is made and used under the same flags.
 */
const INTERRUPT_BUDGET = 4 * 67_584;

/** Loads the bundle at `bundle` as a CommonJS module, with the code cache for `command`. */
export function load(bundle: string, command: string): CliModule {
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  const file = cacheFile(bundle, command);
  const cached = readCache(file);
  const source = fs.readFileSync(bundle, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData: cached });
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(bundle));
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  // `require.main` stays this launcher: the bundle runs its command when `run` is called.
  const req = Object.assign((id: string) => mod.require(id), {
    main: require.main,
    resolve: (id: string) => require.resolve(id, { paths: [path.dirname(bundle)] }),
  });
  wrapper.call(mod.exports, mod.exports, req, mod, bundle, path.dirname(bundle));
  mod.loaded = true;
  if (file && (!cached || script.cachedDataRejected)) {
    // After the command: the cache then holds the functions it compiled on first use too.
    process.once('exit', () => writeCache(file, script.createCachedData()));
  }
  return mod.exports as CliModule;
}

if (require.main === module) {
  const command = process.argv[2] ?? '';
  load(path.join(__dirname, 'cli-main.js'), command.startsWith('-') ? 'options' : command).run();
}
