import assert from 'node:assert/strict';
import { parsePlan } from '../../src/core';
import { anyCase, plainWords } from '../../src/core/words';

describe('words in patterns and names', () => {
  it('anyCase matches each word in any mix of cases, and nothing more', () => {
    const re = new RegExp(`^(?:${anyCase('steps?|to ?do')})$`, 'u');
    for (const w of ['steps', 'Step', 'STEPS', 'sTeP', 'todo', 'To Do', 'TO DO']) assert.ok(re.test(w), w);
    for (const w of ['stepss', 'tasks', 'to  do', 'ſteps']) assert.equal(re.test(w), false, w);
  });

  it('anyCase refuses what is not a word alternation', () => {
    for (const bad of ['\\d+', 'a[bc]', '(step)', 'steps.', 'a*']) assert.throws(() => anyCase(bad), /not a word alternation/, bad);
    assert.equal(anyCase('(?:a|b) c'), '(?:[aA]|[bB]) [cC]');
  });

  it('plainWords lowers a name and keeps only its words', () => {
    assert.equal(plainWords('**Gold Nugget:**'), 'gold nugget');
    assert.equal(plainWords('  Session_Log -- 2024 '), 'session log 2024');
    assert.equal(plainWords('Étape ✅ Terminée'), 'étape terminée');
    assert.equal(plainWords('検証　ステップ'), '検証 ステップ');
    assert.equal(plainWords('✅ 🔄'), '');
  });

  it('plainWords reads ASCII the way the Unicode-aware pattern does', () => {
    let ascii = '';
    for (let c = 0; c < 128; c++) ascii += String.fromCharCode(c);
    const unicode = (s: string): string =>
      s
        .toLowerCase()
        .replace(/[^\p{L}\p{N} ]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    for (let i = 0; i < 128; i += 7) {
      const s = ascii.slice(i) + ' Key ' + ascii.slice(0, i);
      assert.equal(plainWords(s), unicode(s), JSON.stringify(s));
    }
  });

  it('headings read with the case-free patterns: phases and step sections in any case', () => {
    const plan = parsePlan(
      [
        '# Plan',
        '',
        '## PHASE 1: Set up',
        '',
        '### Remaining TASKS (2)',
        '',
        '1. Write the config ✅',
        '2. Check the build',
        '',
        '## milestone 2: ship',
        '',
        '**Status:** Pending',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      plan.phases.map((p) => [p.number, p.title]),
      [
        ['1', 'Set up'],
        ['2', 'ship'],
      ],
    );
    assert.deepEqual(
      plan.tasks.map((t) => [t.title, t.status]),
      [
        ['Write the config', 'completed'],
        ['Check the build', 'pending'],
      ],
    );
  });
});
