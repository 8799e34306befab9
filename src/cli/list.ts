/**
 * `phasewise list`: the plans under one or more folders. Walks each folder (skipping the
 * folders the extension skips, never leaving the tree through a symbolic link), takes a quick
 * look at every Markdown file, and parses only the candidates.
 */
import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Plan, currentPhaseIndex, parsePlan, phaseName } from '../core';
import { type ListEntry, MAX_PLAN_BYTES, SKIPPED_DIRS, isPlanLike, mayBePlan, mayBePlanBytes, toListEntry } from '../core';
import { UsageError, errnoCode } from './files';

export interface FoundFile {
  /** Absolute path (through the tree, not resolved). */
  abs: string;
  /** Relative to the root, with forward slashes. */
  rel: string;
}

function reason(e: unknown): string {
  switch (errnoCode(e)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'it disappeared while being read';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** True when `real` is `rootReal` or below it (both resolved). */
export function inside(real: string, rootReal: string): boolean {
  const rel = path.relative(rootReal, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const SKIPPED = new Set(SKIPPED_DIRS);

/** Checks that `dir` (as given) is a directory; returns its absolute path. */
export function checkRoot(dir: string, cwd: string): string {
  if (dir === '') throw new UsageError('the folder name is empty');
  const abs = path.resolve(cwd, dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`${dir}: no such directory`);
    throw new UsageError(`${dir}: ${reason(e)}`);
  }
  if (!st.isDirectory()) throw new UsageError(`${dir} is a file, not a directory`);
  return abs;
}

/**
 * Every `.md` file under `root`, sorted by relative path. Folders named in `SKIPPED_DIRS` are
 * skipped below the root (the root itself is read whatever its name). Symbolic links to folders
 * are not followed; a symbolic link to a file is followed only when the file is inside the root.
 */
export function findMarkdown(root: string, note: (message: string) => void = () => undefined): FoundFile[] {
  const rootReal = fs.realpathSync(root);
  const out: FoundFile[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      note(`skipped the folder ${rel || '.'}: ${reason(e)}`);
      return;
    }
    // Paths are built only for folders and Markdown files: a tree such as node_modules holds
    // tens of thousands of other entries.
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const e of entries) {
      const name = e.name;
      if (e.isDirectory()) {
        if (!SKIPPED.has(name)) walk(prefix + name, rel ? `${rel}/${name}` : name);
      } else if (name.endsWith('.md')) {
        const abs = prefix + name;
        const r = rel ? `${rel}/${name}` : name;
        if (e.isFile()) out.push({ abs, rel: r });
        else if (e.isSymbolicLink() && linkedFileInside(abs, rootReal)) out.push({ abs, rel: r });
      }
    }
  };
  walk(root, '');
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

function linkedFileInside(abs: string, rootReal: string): boolean {
  try {
    const real = fs.realpathSync(abs);
    return inside(real, rootReal) && fs.statSync(real).isFile();
  } catch {
    return false; // a dangling link
  }
}

/** Where files are read into: most Markdown files fit, so most are read with no stat. */
let scratch: Buffer | undefined;
const SCRATCH_BYTES = 1024 * 1024;

/**
 * The bytes of a file, or its size when it is larger than `max` (then no more is read): one
 * open, no second look-up of the path (a tree of thousands of files notices). A file that fits
 * the scratch buffer is read to its end and returned as a view of that buffer, valid until the
 * next call; a larger one is measured and read into a buffer of its own, never past `max`.
 */
function readAtMost(abs: string, max: number): Buffer | number {
  const fd = fs.openSync(abs, 'r');
  try {
    const s = (scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES));
    const cap = Math.min(s.length, max + 1);
    let got = 0;
    while (got < cap) {
      const n = fs.readSync(fd, s, got, cap - got, null);
      if (n === 0) return s.subarray(0, got);
      got += n;
    }
    const size = fs.fstatSync(fd).size;
    if (size > max) return size;
    const buf = Buffer.allocUnsafe(Math.max(size, got));
    s.copy(buf, 0, 0, got);
    while (got < buf.length) {
      const n = fs.readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break; // shrank meanwhile
      got += n;
    }
    // A file that grows meanwhile is read as it was measured.
    return got === buf.length ? buf : buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a found file as a plan; undefined (with a note when it could not be read) when it is none. */
export function readPlan(f: FoundFile, display: string, note: (message: string) => void): Plan | undefined {
  let bytes: Buffer;
  try {
    const got = readAtMost(f.abs, MAX_PLAN_BYTES);
    if (typeof got === 'number') {
      note(`skipped ${display}: ${(got / 1048576).toFixed(1)} MB is more than Phasewise reads (${MAX_PLAN_BYTES / 1048576} MB)`);
      return undefined;
    }
    bytes = got;
  } catch (e) {
    note(`skipped ${display}: ${reason(e)}`);
    return undefined;
  }
  if (bytes.includes(0)) return undefined; // binary
  let text: string;
  if (isAscii(bytes)) {
    text = bytes.toString('latin1');
    if (!mayBePlan(text, true)) return undefined;
  } else {
    // Looked at as bytes first: most such files are no candidate, and decoding costs more.
    const b = bytes;
    if (!mayBePlanBytes(b.toString('latin1'), (from, to) => b.toString('utf8', from, to))) return undefined;
    text = b.toString('utf8');
  }
  let plan: Plan;
  try {
    plan = parsePlan(text);
  } catch (e) {
    note(`skipped ${display}: it could not be parsed (${reason(e)})`);
    return undefined;
  }
  return isPlanLike(plan) ? plan : undefined;
}

export interface Listed {
  entry: ListEntry;
  plan: Plan;
}

/** The plans under each root (as given), in root order, then by path. */
export function listPlans(roots: readonly string[], cwd: string, note: (message: string) => void): Listed[] {
  const abs = roots.map((r) => checkRoot(r, cwd)); // every folder is checked before anything is read
  const out: Listed[] = [];
  roots.forEach((root, i) => {
    for (const f of findMarkdown(abs[i], (m) => note(`${root}: ${m}`))) {
      const plan = readPlan(f, displayPath(root, f.rel, roots), note);
      if (plan) out.push({ entry: toListEntry(plan, root, f.rel), plan });
    }
  });
  return out;
}

/** `docs/plan.md` as the user would type it: relative to the current folder when that is the only root. */
function displayPath(root: string, rel: string, roots: readonly string[]): string {
  return roots.length === 1 && root === '.' ? rel : `${root.replace(/[\\/]+$/, '')}/${rel}`;
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

/** One line per plan: path, kind, progress (done/total phases, or tasks), title and current phase. */
export function formatList(listed: readonly Listed[], roots: readonly string[]): string {
  const rows = listed.map(({ entry: e, plan }) => {
    const cur = currentPhaseIndex(plan);
    const unit = plan.phases.length ? 'phases' : 'tasks';
    return [
      displayPath(e.root, e.file, roots),
      e.kind,
      `${e.progress.completed}/${e.progress.total} ${unit}`,
      e.title ?? '(untitled)',
      cur !== undefined ? `current: ${phaseName(plan.phases[cur])}` : '',
    ];
  });
  const widths = [0, 1, 2].map((c) => Math.max(0, ...rows.map((r) => r[c].length)));
  return rows
    .map(
      (r) =>
        r
          .map((cell, c) => (c < 3 ? pad(cell, widths[c]) : cell))
          .join('  ')
          .trimEnd() + '\n',
    )
    .join('');
}
