// One table of status → codicon for everything that shows a status.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { STATUSES, type Status } from '../../src/core';
import { STATUS_ICONS, iconText, statusIconText } from '../../src/host/icons';

const ROOT = resolve(__dirname, '../../..');
const ALL_STATUSES: readonly Status[] = [...STATUSES, 'unknown'];

describe('status icons', () => {
  it('have one codicon per status', () => {
    assert.deepEqual(Object.keys(STATUS_ICONS).sort(), [...ALL_STATUSES].sort());
    assert.equal(statusIconText('in-progress'), '$(play-circle)');
    assert.equal(iconText('check'), '$(check)');
  });

  it('are written down once in the host and the page script', () => {
    // A second status → codicon table is what let the pickers and the tree disagree.
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|js)$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const tables = [...files(join(ROOT, 'src/host')), join(ROOT, 'src/extension.ts'), join(ROOT, 'media/progress.js')].filter((f) => {
      const text = readFileSync(f, 'utf8');
      return /['"(]circle-large-outline['")]/.test(text) || /['"(]pass-filled['")]/.test(text);
    });
    assert.deepEqual(
      tables.map((f) => f.slice(ROOT.length + 1)),
      [join('src', 'host', 'icons.ts')],
    );
  });
});
