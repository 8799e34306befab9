import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's test/fixtures folder (tests run from the bundled out/ folder). */
export const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

export function fixtureDirs(group: string): string[] {
  return readdirSync(join(FIXTURES, group), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(FIXTURES, group, e.name));
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}
