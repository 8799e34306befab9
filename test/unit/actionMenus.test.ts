// The Plans view's menus in package.json offer exactly the status actions of the host's action
// table, limited as the lenses are to what the node's file can write.
import assert from 'node:assert/strict';
import { STATUSES, type KnownStatus, type Status } from '../../src/core';
import { STATUS_ACTIONS, actionsFor, viewActions, type ActionPlace, type TargetKind } from '../../src/host/actions';
import { Command, ViewItem } from '../../src/host/ids';
import { ALL_STATUSES, manifest, menus, sorted, viewItemPattern } from './manifest';

/** Every set of statuses a file may be able to write, from none to all. */
const LIMITS: Readonly<KnownStatus[] | undefined>[] = [
  undefined,
  ...Array.from({ length: 2 ** STATUSES.length }, (_, bits) => STATUSES.filter((_s, i) => bits & (1 << i))),
];

/** The commands package.json shows on a node with `contextValue` in menu groups starting with `group`. */
function shown(contextValue: string, group: string): string[] {
  const out = menus
    .filter((m) => m.menu === 'view/item/context' && m.group?.startsWith(group) && STATUS_ACTIONS.some((a) => a.command === m.command))
    .filter((m) => viewItemPattern(m.when ?? '')!.test(contextValue))
    .map((m) => m.command ?? '');
  return sorted(out);
}

function offered(kind: TargetKind, status: Status, place: ActionPlace, can: readonly KnownStatus[] | undefined): string[] {
  return sorted(actionsFor(kind, status, place, can).map((a) => a.command));
}

describe('status actions in the Plans view menus', () => {
  for (const kind of ['phase', 'task'] as const) {
    it(`${kind} nodes: the context menu and the inline buttons show the actions of the table, for every status and every limit`, () => {
      for (const status of ALL_STATUSES) {
        for (const can of LIMITS) {
          const value = kind === 'phase' ? ViewItem.phase(status, viewActions(kind, status, can)) : ViewItem.task(status, viewActions(kind, status, can));
          const where = `${value} (can write ${can ? can.join(', ') || 'nothing' : 'everything'})`;
          assert.deepEqual(shown(value, '1_status'), offered(kind, status, 'menu', can), `context menu of ${where}`);
          assert.deepEqual(shown(value, 'inline'), offered(kind, status, 'inline', can), `inline buttons of ${where}`);
        }
      }
    });
  }

  it('offers a checkbox-driven phase only what its boxes can say: no Fail, and Complete as the button', () => {
    const can: KnownStatus[] = ['completed'];
    const value = ViewItem.phase('pending', viewActions('phase', 'pending', can));
    assert.deepEqual(shown(value, '1_status'), [Command.completePhase]);
    assert.deepEqual(shown(value, 'inline'), [Command.completePhase]);
    assert.deepEqual(shown(value, '1_status'), offered('phase', 'pending', 'lens', can), 'the same as its lens');
  });

  it('gives each status command the icon of its action', () => {
    for (const action of STATUS_ACTIONS) {
      const c = manifest.contributes.commands.find((x) => x.command === action.command);
      assert.equal(c?.icon, `$(${action.icon})`, action.command);
    }
  });

  it('has one action per status command', () => {
    assert.deepEqual(
      sorted(STATUS_ACTIONS.map((a) => a.command)),
      sorted([Command.startPhase, Command.completePhase, Command.failPhase, Command.reopenPhase, Command.startTask, Command.completeTask, Command.reopenTask]),
    );
  });
});
