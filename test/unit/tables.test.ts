// One width for table cells: an edit that pads a status cell and a template that pads a new
// row must line the pipes up the same way, emoji with a variation selector included.
import assert from 'node:assert/strict';
import { applyEdits, insertTemplate, parsePlan, setPhaseStatus } from '../../src/core';
import { cellTexts, pipeColumns, pipeOffsets, pipeSegments, pipesLineUp } from '../../src/core/tables';
import { displayWidth } from '../../src/core/width';

describe('display width', () => {
  it('gives an emoji two columns with or without its variation selector', () => {
    for (const e of ['⏸️', '⚠️', '✔️', '✅', '🔄', '❌', '⛔', '⏳', '🚧', '🟢']) assert.equal(displayWidth(e), 2, e);
  });

  it('gives ASCII one column a character, wide CJK two, marks and joiners none', () => {
    assert.equal(displayWidth('In Progress'), 11);
    assert.equal(displayWidth('计划'), 4);
    assert.equal(displayWidth('e\u0301'), 1);
    assert.equal(displayWidth('👨‍👩‍👧'), 2);
    assert.equal(displayWidth(''), 0);
  });

  it('counts a tab as one column', () => {
    assert.equal(displayWidth('a\tb'), 3);
  });
});

describe('table pipes', () => {
  it('finds the unescaped pipes, leading and trailing ones included', () => {
    assert.deepEqual(pipeOffsets('| a | b |'), [0, 4, 8]);
    assert.deepEqual(pipeOffsets('  | a |'), [2, 6]);
    assert.deepEqual(pipeOffsets('a | b'), [2]);
    assert.deepEqual(pipeOffsets('no pipes'), []);
  });

  it('keeps an escaped pipe inside its cell', () => {
    assert.deepEqual(cellTexts('| a \\| b | c |'), ['a \\| b', 'c']);
    assert.deepEqual(pipeSegments('| a \\| b | c |'), ['', ' a \\| b ', ' c ', '']);
    assert.deepEqual(pipeSegments('|  |x|'), ['', '  ', 'x', '']);
  });

  it('measures pipe columns in display width', () => {
    assert.deepEqual(pipeColumns('| ⏸️ | x |'), [0, 5, 9]);
    assert.ok(pipesLineUp('| ⏸️ |', '| ab |'));
    assert.ok(!pipesLineUp('| ⏸️ |', '| a |'));
  });
});

describe('padding a table: an edit and a template agree', () => {
  const text = [
    '# Plan',
    '',
    '| Phase | Name  | Status      |',
    '|-------|-------|-------------|',
    '| 1     | Setup | ✅ Done     |',
    '| 2     | Build | ⏸️ Pending  |',
    '',
    '## Phase 1: Setup',
    '',
    '**Status:** ✅ Done',
    '',
    '## Phase 2: Build',
    '',
    '**Status:** ⏸️ Pending',
    '',
  ].join('\n');
  const tableLines = (s: string): string[] => s.split('\n').filter((l) => l.startsWith('|'));

  it('the fixture table is aligned to begin with', () => {
    const [header, ...rest] = tableLines(text);
    for (const l of rest) assert.ok(pipesLineUp(header, l), l);
  });

  it('a status edit that writes ⏸️ keeps the row aligned', () => {
    const out = applyEdits(text, setPhaseStatus(text, parsePlan(text), 0, 'pending'));
    assert.ok(out.includes('| 1     | Setup | ⏸️ Pending  |'), out);
    const [header, ...rest] = tableLines(out);
    for (const l of rest) assert.ok(pipesLineUp(header, l), l);
  });

  it('a status edit that takes ⏸️ away keeps the row aligned', () => {
    const out = applyEdits(text, setPhaseStatus(text, parsePlan(text), 1, 'completed'));
    assert.ok(out.includes('| 2     | Build | ✅ Done     |'), out);
  });

  it('a new phase row from the template lines up with the rows the edits wrote', () => {
    const edited = applyEdits(text, setPhaseStatus(text, parsePlan(text), 0, 'pending'));
    const out = applyEdits(edited, insertTemplate(edited, parsePlan(edited), 'next-phase', { title: 'Ship' }));
    const lines = tableLines(out);
    assert.equal(lines.length, 5);
    assert.equal(lines[4], '| 3     | Ship  | ⏸️ Pending  |');
    for (const l of lines.slice(1)) assert.ok(pipesLineUp(lines[0], l), l);
  });
});
