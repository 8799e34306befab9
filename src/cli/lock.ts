/**
 * One writer at a time per plan file, across processes: a lock file next to the plan
 * (`.<name>.phasewise-lock`, created exclusively), held while the file is read, changed and
 * written back. Within one process, callers queue on a promise per file before they take it.
 * A lock older than STALE_MS is left over from a process that died and is taken over.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError, errnoCode } from './files';

const STALE_MS = 10_000;
const WAIT_MS = 15_000;

const queues = new Map<string, Promise<unknown>>();

function lockPath(real: string): string {
  return path.join(path.dirname(real), `.${path.basename(real)}.phasewise-lock`);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function acquire(lock: string, display: string): Promise<fs.FileHandle> {
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await fs.open(lock, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      return handle;
    } catch (e) {
      if (errnoCode(e) !== 'EEXIST') throw new UsageError(`cannot lock ${display} for writing: ${e instanceof Error ? e.message : String(e)}`);
    }
    const st = await fs.stat(lock).catch(() => undefined);
    if (st && Date.now() - st.mtimeMs > STALE_MS) {
      await fs.rm(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new UsageError(`${display} is being changed by another writer (lock ${path.basename(lock)}); nothing was written`);
    await sleep(Math.min(5 + attempt * 5, 50) + Math.random() * 10);
  }
}

/** Runs `fn` while holding the write lock of the file at `real` (its resolved path). */
export async function withFileLock<T>(real: string, display: string, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(real) ?? Promise.resolve();
  const run = before
    .catch(() => undefined)
    .then(async () => {
      const lock = lockPath(real);
      const handle = await acquire(lock, display);
      try {
        return await fn();
      } finally {
        await handle.close().catch(() => undefined);
        await fs.rm(lock, { force: true }).catch(() => undefined);
      }
    });
  queues.set(real, run);
  try {
    return await run;
  } finally {
    if (queues.get(real) === run) queues.delete(real);
  }
}
