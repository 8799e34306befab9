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

/** The cache file for this bundle, Node.js and command; undefined when caching is off. */
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
  return path.join(root, 'phasewise', 'compile-cache', `${process.version}-${process.arch}-${stamp}-${name}.bin`);
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Writes the cache beside its final name and renames it there: two commands at once each write
 * a whole file. The caches of other bundles or Node.js versions (an upgrade) are removed.
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
  const current = path.basename(file).replace(/[^-]+\.bin$/, '');
  try {
    for (const name of fs.readdirSync(dir)) {
      if (name.endsWith('.bin') && !name.startsWith(current)) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // Another command removing them at the same time.
  }
}

/** Loads the bundle at `bundle` as a CommonJS module, with the code cache for `command`. */
export function load(bundle: string, command: string): CliModule {
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
