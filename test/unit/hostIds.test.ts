// package.json's contributes and the host's ids module name the same things.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeGroups, type CommandGroup } from '../../src/host/commands/groups';
import { viewActions } from '../../src/host/actions';
import { COMMAND_IDS, Command, ContextKey, SETTINGS, Setting, View, ViewContainer, ViewItem, isCommandId } from '../../src/host/ids';
import { ALL_STATUSES, ROOT, manifest, menus, sorted, viewItemPattern } from './manifest';

describe('host ids and package.json contributes', () => {
  it('contributes exactly the commands of the ids module', () => {
    assert.deepEqual(sorted(manifest.contributes.commands.map((c) => c.command)), sorted(COMMAND_IDS));
    assert.equal(new Set(COMMAND_IDS).size, COMMAND_IDS.length, 'each id once');
    assert.ok(isCommandId(Command.startPhase) && !isCommandId('phasewise.nothing'));
  });

  it('contributes exactly the views and the container of the ids module', () => {
    assert.deepEqual(sorted(Object.values(manifest.contributes.views).flatMap((vs) => vs.map((v) => v.id))), sorted(Object.values(View)));
    assert.deepEqual(sorted(Object.keys(manifest.contributes.views)), sorted(Object.values(ViewContainer)));
    assert.deepEqual(sorted(Object.values(manifest.contributes.viewsContainers).flatMap((cs) => cs.map((c) => c.id))), sorted(Object.values(ViewContainer)));
    for (const w of manifest.contributes.viewsWelcome) assert.ok((Object.values(View) as string[]).includes(w.view), w.view);
  });

  it('contributes exactly the settings of the ids module', () => {
    assert.deepEqual(sorted(Object.keys(manifest.contributes.configuration.properties)), sorted(Object.values(Setting).map((s) => `${SETTINGS}.${s}`)));
  });

  it('names in menu clauses only views and context keys of the ids module', () => {
    const views = new Set<string>(Object.values(View));
    const keys = new Set<string>(Object.values(ContextKey));
    const unknown: string[] = [];
    for (const e of menus) {
      const when = e.when ?? '';
      for (const m of when.matchAll(/\bview\s*==\s*([\w.-]+)/g)) if (!views.has(m[1])) unknown.push(`${e.menu}: view ${m[1]}`);
      // Our own context keys: `phasewise.` names that are not views.
      for (const m of when.matchAll(/!?\b(phasewise\.[\w.-]+)/g)) if (!views.has(m[1]) && !keys.has(m[1])) unknown.push(`${e.menu}: context key ${m[1]}`);
    }
    assert.deepEqual(unknown, []);
    assert.ok(
      menus.some((e) => e.when?.includes(ContextKey.hideCompleted)),
      'the scan finds the context key at all',
    );
  });

  it('matches viewItem clauses against the context values nodes have', () => {
    const values = [
      ...ALL_STATUSES.flatMap((s) => [ViewItem.phase(s, viewActions('phase', s)), ViewItem.task(s, viewActions('task', s))]),
      ViewItem.fix,
      ViewItem.plan('plan'),
      ViewItem.plan('log'),
    ];
    for (const e of menus.filter((m) => m.menu === 'view/item/context')) {
      const re = viewItemPattern(e.when ?? '');
      assert.ok(re, `${e.command} (${e.group}) tests viewItem`);
      assert.ok(
        values.some((v) => re.test(v)),
        `${e.command} (${e.group}): ${re} matches no node's context value`,
      );
    }
  });
});

describe('host sources', () => {
  function files(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  }
  const hostFiles = [...files(join(ROOT, 'src/host')), join(ROOT, 'src/extension.ts')];
  const ids = new Set<string>([...COMMAND_IDS, ...Object.values(View), ...Object.values(ContextKey)]);

  it('write command ids, view ids and context keys only in the ids module', () => {
    const literal: string[] = [];
    for (const file of hostFiles) {
      if (file.endsWith(join('src', 'host', 'ids.ts'))) continue;
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      for (const m of text.matchAll(/['"`](phasewise\.[\w.-]+)['"`]/g)) if (ids.has(m[1])) literal.push(`${file.slice(ROOT.length + 1)}: ${m[1]}`);
    }
    assert.deepEqual(literal, []);
  });

  it('register commands in one place, the command manager', () => {
    const registering = hostFiles.filter((f) => /registerCommand\(/.test(readFileSync(f, 'utf8'))).map((f) => f.slice(ROOT.length + 1));
    assert.deepEqual(registering, [join('src', 'host', 'commands', 'manager.ts')]);
  });

  it('keep every file under 500 lines', () => {
    const long = hostFiles.map((f) => ({ f, n: readFileSync(f, 'utf8').split('\n').length })).filter(({ n }) => n > 500);
    assert.deepEqual(
      long.map(({ f, n }) => `${f.slice(ROOT.length + 1)}: ${n}`),
      [],
    );
  });
});

describe('command groups', () => {
  const all = (): CommandGroup => Object.fromEntries(COMMAND_IDS.map((id) => [id, () => id]));

  it('merges groups into one handler per command', () => {
    const { [Command.refresh]: refresh, ...rest } = all();
    const merged = mergeGroups([rest, { [Command.refresh]: refresh }]);
    assert.equal(merged.size, COMMAND_IDS.length);
    assert.equal(merged.get(Command.refresh)?.(), Command.refresh);
  });

  it('refuses a command without a handler, with two, or one that does not exist', () => {
    const { [Command.refresh]: _refresh, ...rest } = all();
    void _refresh;
    assert.throws(() => mergeGroups([rest]), /phasewise\.refresh has no handler/);
    assert.throws(() => mergeGroups([all(), { [Command.showLog]: () => 0 }]), /phasewise\.showLog has two handlers/);
    assert.throws(() => mergeGroups([all(), { 'phasewise.nothing': () => 0 } as CommandGroup]), /phasewise\.nothing is no command/);
  });
});
