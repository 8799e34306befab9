/**
 * Reading and writing plan files for the CLI: refuses directories, binary files, invalid UTF-8
 * and very large files with a one-line message; writes atomically (temp file + rename) and keeps
 * the file's mode, BOM and line endings (the text is written back exactly as edited).
 */
// `fs.promises` is loaded on first use: a command that reads nothing asynchronously (list) does not load it.
import { type Stats, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** An error caused by the user's input or arguments: one line on stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8 * 1024;

export interface LoadedFile {
  /** The path as the user gave it, for messages and output. */
  display: string;
  /** The real path (symlinks resolved): the file that is read and written. */
  real: string;
  /** The text exactly as read, including a leading U+FEFF when the file has a BOM. */
  text: string;
  mode: number;
  mtimeMs: number;
  size: number;
}

/** The `code` of a Node system error (`ENOENT`), if it has one. */
export function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

function describeFsError(e: unknown, display: string): UsageError {
  switch (errnoCode(e)) {
    case 'ENOENT':
      return new UsageError(`${display}: no such file`);
    case 'EACCES':
    case 'EPERM':
      return new UsageError(`${display}: permission denied`);
    case 'EISDIR':
      return new UsageError(`${display} is a directory, not a file`);
    case 'ENOTDIR':
      return new UsageError(`${display}: a part of the path is not a directory`);
    case 'ELOOP':
      return new UsageError(`${display}: too many levels of symbolic links`);
    default:
      return new UsageError(`${display}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function loadTextFile(file: string, cwd: string): Promise<LoadedFile> {
  if (file === '') throw new UsageError('the file name is empty');
  const abs = path.resolve(cwd, file);
  let real: string;
  let st: Stats;
  try {
    real = await fs.realpath(abs);
    st = await fs.stat(real);
  } catch (e) {
    throw describeFsError(e, file);
  }
  if (st.isDirectory()) throw new UsageError(`${file} is a directory, not a file`);
  if (!st.isFile()) throw new UsageError(`${file} is not a regular file`);
  if (st.size > MAX_FILE_BYTES) {
    throw new UsageError(`${file} is too large (${(st.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB)`);
  }
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(real);
  } catch (e) {
    throw describeFsError(e, file);
  }
  if (bytes.length > MAX_FILE_BYTES) throw new UsageError(`${file} is too large (the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB)`);
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) throw new UsageError(`${file} looks like a binary file (it contains NUL bytes); expected a Markdown text file`);
  let text: string;
  try {
    // ignoreBOM: keep a leading U+FEFF in the string, so that it is written back unchanged.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UsageError(`${file} is not valid UTF-8 text; expected a Markdown text file`);
  }
  return { display: file, real, text, mode: st.mode & 0o7777, mtimeMs: st.mtimeMs, size: st.size };
}

/**
 * Replaces the file's content with `text`: writes a temporary file next to it, gives it the
 * original mode, and renames it over the original. Refuses when the file changed since it was read.
 */
export async function writeBack(file: LoadedFile, text: string): Promise<void> {
  const dir = path.dirname(file.real);
  // pid, time and a random part make the name unique enough; 'wx' refuses to reuse one anyway.
  // (node:crypto is not loaded for this: it costs every command's start-up.)
  const unique = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const tmp = path.join(dir, `.${path.basename(file.real)}.phasewise-${unique}.tmp`);
  let created = false;
  try {
    const st = await fs.stat(file.real);
    if (st.mtimeMs !== file.mtimeMs || st.size !== file.size) {
      throw new UsageError(`${file.display} changed while it was being edited; nothing was written`);
    }
    await fs.writeFile(tmp, text, { encoding: 'utf8', flag: 'wx', mode: file.mode });
    created = true;
    await fs.chmod(tmp, file.mode); // the umask may have narrowed the mode given at creation
    await fs.rename(tmp, file.real);
    created = false;
  } catch (e) {
    if (created) await fs.rm(tmp, { force: true }).catch(() => undefined);
    if (e instanceof UsageError) throw e;
    throw new UsageError(`could not write ${file.display}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Creates a new file; refuses to overwrite an existing one. */
export async function createNewFile(file: string, cwd: string, text: string): Promise<void> {
  if (file === '') throw new UsageError('the output file name is empty');
  const abs = path.resolve(cwd, file);
  try {
    await fs.writeFile(abs, text, { encoding: 'utf8', flag: 'wx' });
  } catch (e) {
    if (errnoCode(e) === 'EEXIST') throw new UsageError(`${file} already exists; not overwritten (choose another --output)`);
    if (errnoCode(e) === 'ENOENT') throw new UsageError(`${file}: the directory does not exist`);
    throw describeFsError(e, file);
  }
}
