// package.json as the host tests read it: its contributes, and the menus' clauses.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { STATUSES, type Status } from '../../src/core';

export const ROOT = resolve(__dirname, '../../..');

export interface MenuEntry {
  menu: string;
  command?: string;
  when?: string;
  group?: string;
}

export interface Manifest {
  contributes: {
    commands: Array<{ command: string; icon?: string }>;
    menus: Record<string, Array<Omit<MenuEntry, 'menu'>>>;
    views: Record<string, Array<{ id: string }>>;
    viewsContainers: Record<string, Array<{ id: string }>>;
    viewsWelcome: Array<{ view: string }>;
    configuration: { properties: Record<string, unknown> };
  };
}

export const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** Every menu entry, with the menu it is in. */
export const menus: MenuEntry[] = Object.entries(manifest.contributes.menus).flatMap(([menu, entries]) => entries.map((e) => ({ menu, ...e })));

export const ALL_STATUSES: readonly Status[] = [...STATUSES, 'unknown'];

export const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

/** The `viewItem =~ /.../` regular expression of a `when` clause, if it has one. */
export function viewItemPattern(when: string): RegExp | undefined {
  const m = /\bviewItem\s*=~\s*\/((?:\\.|[^/])+)\/([a-z]*)/.exec(when);
  return m ? new RegExp(m[1], m[2]) : undefined;
}
