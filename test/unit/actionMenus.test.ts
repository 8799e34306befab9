// The Plans view's menus in package.json offer exactly the status actions of the host's action table.
import assert from 'node:assert/strict';
import { STATUS_ACTIONS, actionsFor, type TargetKind } from '../../src/host/actions';
import { Command, ViewItem } from '../../src/host/ids';
import { ALL_STATUSES, manifest, menus, sorted, viewItemPattern } from './manifest';

describe('status actions in the Plans view menus', () => {
  /** The statuses for which package.json shows `command` on a `kind` node in menu groups starting with `group`. */
  function menuStatuses(kind: TargetKind, command: string, group: string): string[] {
    const out = new Set<string>();
    for (const e of menus.filter((m) => m.menu === 'view/item/context' && m.command === command && m.group?.startsWith(group))) {
      const re = viewItemPattern(e.when ?? '')!;
      for (const s of ALL_STATUSES) if (re.test(kind === 'phase' ? ViewItem.phase(s) : ViewItem.task(s))) out.add(s);
    }
    return sorted(out);
  }

  function tableStatuses(kind: TargetKind, command: string, place: 'inline' | 'menu'): string[] {
    return sorted(ALL_STATUSES.filter((s) => actionsFor(kind, s, place).some((a) => a.command === command)));
  }

  for (const action of STATUS_ACTIONS) {
    it(`${action.command}: the context menu and the inline buttons follow the action table`, () => {
      assert.deepEqual(menuStatuses(action.kind, action.command, '1_status'), tableStatuses(action.kind, action.command, 'menu'), 'context menu');
      assert.deepEqual(menuStatuses(action.kind, action.command, 'inline'), tableStatuses(action.kind, action.command, 'inline'), 'inline');
    });
  }

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
