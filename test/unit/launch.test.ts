import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFile } from '../../src/cli/launch';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const BUNDLE = path.join(ROOT, 'dist', 'cli-main.js');

const PLAN = '# Chores\n\n## Phase 1: Sweep\n\n**Status:** Complete\n\n## Phase 2: Dust\n\n**Status:** Not started\n';

describe('the launcher (dist/cli.js) and its compile cache', () => {
  let tmp: string;
  let env: NodeJS.ProcessEnv;
  let cacheDir: string;

  before(function () {
    this.timeout(60_000);
    if (!fs.existsSync(CLI) || !fs.existsSync(BUNDLE)) {
      const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(b.status, 0, b.stderr);
    }
  });

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'phasewise-launch-'));
    fs.writeFileSync(path.join(tmp, 'plan.md'), PLAN);
    // The cache folder of every platform, inside the test's own folder.
    const home = path.join(tmp, 'home');
    env = { ...process.env, HOME: home, USERPROFILE: home, XDG_CACHE_HOME: path.join(tmp, 'cache'), LOCALAPPDATA: path.join(tmp, 'cache') };
    delete env.PHASEWISE_NO_COMPILE_CACHE;
    delete env.NODE_DISABLE_COMPILE_CACHE;
    cacheDir = path.dirname(cacheFile(BUNDLE, 'list', env)!);
  });

  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const list = (e: NodeJS.ProcessEnv = env): { code: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [CLI, 'list', '--json', tmp], { env: e, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const cached = (): string[] => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);

  it('names one file per command, bundle and Node.js, in the user cache folder', () => {
    const file = cacheFile(BUNDLE, 'list', env)!;
    assert.ok(file.startsWith(tmp + path.sep), file);
    assert.match(path.basename(file), new RegExp(`^[0-9a-f]{8}-${process.version.replace(/\./g, '\\.')}-${process.arch}-\\d+-\\d+-list\\.bin$`));
    // Another install of the same bundle (a global and a project one) has a name of its own.
    const copy = path.join(tmp, 'other-install', 'cli-main.js');
    fs.mkdirSync(path.dirname(copy));
    fs.copyFileSync(BUNDLE, copy);
    const stamp = (f: string): string => path.basename(f).slice(9);
    const mine = fs.statSync(BUNDLE);
    const ms = (Math.floor(mine.mtimeMs) + 0.5) / 1000; // the same millisecond, safe from rounding
    fs.utimesSync(copy, ms, ms);
    assert.notEqual(path.basename(cacheFile(copy, 'list', env)!), path.basename(file));
    assert.equal(stamp(cacheFile(copy, 'list', env)!), stamp(file), 'the same bundle and Node.js');
    assert.notEqual(cacheFile(BUNDLE, 'status', env), file);
    assert.match(cacheFile(BUNDLE, '../../etc', env)!, /-other\.bin$/);
    assert.match(cacheFile(BUNDLE, 'no-such', env)!, /-other\.bin$/);
    assert.equal(cacheFile(path.join(tmp, 'missing.js'), 'list', env), undefined);
    assert.equal(cacheFile(BUNDLE, 'list', { ...env, PHASEWISE_NO_COMPILE_CACHE: '1' }), undefined);
    assert.equal(cacheFile(BUNDLE, 'list', { ...env, NODE_DISABLE_COMPILE_CACHE: '1' }), undefined);
  });

  it('writes the cache after the first run and runs the same with it', function () {
    this.timeout(30_000);
    const first = list();
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /"file": "plan.md"/);
    assert.deepEqual(cached(), [path.basename(cacheFile(BUNDLE, 'list', env)!)]);
    const file = path.join(cacheDir, cached()[0]);
    const written = fs.readFileSync(file);
    assert.ok(written.length > 10_000, `${written.length} bytes`);
    const second = list();
    assert.deepEqual(second, first);
    assert.deepEqual(fs.readFileSync(file), written, 'an accepted cache is not written again');
  });

  it('replaces a damaged cache, and runs without one it cannot write', function () {
    this.timeout(30_000);
    const good = list();
    const file = path.join(cacheDir, cached()[0]);
    fs.writeFileSync(file, Buffer.from('not a code cache at all'));
    assert.deepEqual(list(), good);
    assert.ok(fs.readFileSync(file).length > 10_000, 'rewritten');
    // A file where the cache folder should be: nothing can be written, the command still runs.
    fs.rmSync(path.dirname(cacheDir), { recursive: true });
    fs.writeFileSync(path.dirname(cacheDir), 'in the way');
    assert.deepEqual(list(), good);
  });

  it('removes the caches of another bundle or Node.js when it writes one', function () {
    this.timeout(30_000);
    fs.mkdirSync(cacheDir, { recursive: true });
    const install = path.basename(cacheFile(BUNDLE, 'list', env)!).slice(0, 9);
    const stale = path.join(cacheDir, `${install}v18.0.0-x64-1000-1-list.bin`);
    fs.writeFileSync(stale, 'old');
    const legacy = path.join(cacheDir, 'v18.0.0-x64-1000-1-list.bin');
    fs.writeFileSync(legacy, 'old');
    // Another install's caches: kept while in use, removed once unused for a month.
    const otherInUse = path.join(cacheDir, `0badcafe-${process.version}-${process.arch}-1000-1-list.bin`);
    fs.writeFileSync(otherInUse, 'theirs');
    const otherGone = path.join(cacheDir, `0badf00d-${process.version}-${process.arch}-1000-1-list.bin`);
    fs.writeFileSync(otherGone, 'theirs');
    const monthAgo = new Date(Date.now() - 31 * 86_400_000);
    fs.utimesSync(otherGone, monthAgo, monthAgo);
    const notes = path.join(cacheDir, 'README.txt');
    fs.writeFileSync(notes, 'not ours');
    assert.equal(list().code, 0);
    assert.equal(fs.existsSync(stale), false);
    assert.equal(fs.existsSync(legacy), false);
    assert.equal(fs.existsSync(otherInUse), true, "another install's cache stays");
    assert.equal(fs.existsSync(otherGone), false);
    assert.equal(fs.existsSync(notes), true, 'only cache files are removed');
    const status = spawnSync(process.execPath, [CLI, 'status', path.join(tmp, 'plan.md')], { env, encoding: 'utf8' });
    assert.equal(status.status, 0, status.stderr);
    assert.equal(cached().filter((f) => f.endsWith('.bin')).length, 3, 'the list cache stays beside the status one');
  });

  it('writes nothing when turned off', function () {
    this.timeout(30_000);
    const r = list({ ...env, PHASEWISE_NO_COMPILE_CACHE: '1' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(cached(), []);
  });
});
