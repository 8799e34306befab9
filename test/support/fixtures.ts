/**
 * Fixture folders: test/fixtures/<group>/<case>/ with `input.md`, the operation (`op.json`) and
 * what it must give (`expected.md`, `expected.json`, `fixed.md`). One path helper for every
 * group; PHASEWISE_UPDATE_FIXTURES=1 writes the actual outputs over the expected files instead
 * of comparing (then review the diff before committing it).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's test/fixtures folder (tests run from the bundled out/ folder). */
export const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

export const UPDATE_FIXTURES = process.env.PHASEWISE_UPDATE_FIXTURES === '1';

export function fixtureDirs(group: string): string[] {
  return readdirSync(join(FIXTURES, group), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(FIXTURES, group, e.name));
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** The operation of a fixture case (`op.json`). */
export function readOp<T>(dir: string): T {
  return JSON.parse(read(join(dir, 'op.json'))) as T;
}

/** Asserts that `actual` is the text of the expected file `name` in `dir`, byte for byte (or, in update mode, writes it). */
export function expectFile(dir: string, name: string, actual: string): void {
  const path = join(dir, name);
  if (UPDATE_FIXTURES) writeFileSync(path, actual);
  else assert.equal(actual, read(path), `${path} differs`);
}

/** Asserts that `actual` equals the JSON of the expected file `name` in `dir` (or, in update mode, writes it). */
export function expectJson(dir: string, name: string, actual: unknown): void {
  const path = join(dir, name);
  if (UPDATE_FIXTURES) writeFileSync(path, JSON.stringify(actual, null, 2) + '\n');
  else assert.deepEqual(actual, JSON.parse(read(path)), `${path} differs`);
}
