/**
 * Large documents of one shape each (about 1.5 MB: a paragraph of 40,000 lines, a list, a
 * checklist, a table, a block quote, one long line, Status fields, CRLF line endings): a
 * cold parse with the model built, against markdown-it on the same text. A parser that is
 * linear stays within a small factor of markdown-it on every shape; one that rescans the text
 * per line (a search without an end, a cache that compares whole texts) falls far behind on
 * the shape that hits it. Target: no shape more than 10 times markdown-it's time.
 *
 *   node scripts/build.mjs --bench && node out/bench/shapes.js
 */
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { parsePlan } from '../src/core';

const LINES = 40_000;
const LIMIT = 10;

const shapes: Array<[string, string]> = [
  ['paragraph', 'Notes on the garden, kept for later.\n'.repeat(LINES)],
  ['list', '- Notes on the garden, kept for later.\n'.repeat(LINES)],
  ['checklist', '- [ ] Water the garden before noon.\n'.repeat(LINES)],
  ['table', '| Phase | Status |\n|---|---|\n' + '| 1 | Done, with notes |\n'.repeat(LINES)],
  ['block quote', '> Notes on the garden, kept for later.\n'.repeat(LINES)],
  ['one line', 'Notes on the garden, kept for later. '.repeat(LINES) + '\n'],
  ['fields', '**Status:** Done, with notes\n'.repeat(LINES)],
  ['CRLF paragraph', 'Notes on the garden, kept for later.\r\n'.repeat(LINES)],
];

function time(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

function main(): void {
  const md = new MarkdownIt();
  // Both parsers warm, on a small text of every shape: the row is about growth, not JIT.
  for (const [, body] of shapes) {
    const small = '# Garden\n\n' + body.slice(0, 4000);
    for (let i = 0; i < 5; i++) {
      parsePlan(small);
      md.parse(small, {});
    }
  }
  const log = (s: string): void => void process.stderr.write(s + '\n');
  log('');
  log(`Large shapes (${LINES.toLocaleString('en')} lines each), cold parse with the model, against markdown-it:`);
  let worst = 0;
  for (const [name, body] of shapes) {
    const text = '# Garden\n\n' + body;
    const ours = time(() => parsePlan(text));
    const theirs = time(() => md.parse(text, {}));
    const ratio = ours / theirs;
    worst = Math.max(worst, ratio);
    log(
      `  ${name.padEnd(15)} ${(text.length / 1048576).toFixed(1)} MB  ours ${ours.toFixed(0).padStart(5)} ms  markdown-it ${theirs.toFixed(0).padStart(4)} ms  ${ratio.toFixed(1)}x`,
    );
  }
  log(`  target: no shape more than ${LIMIT}x markdown-it: ${worst <= LIMIT ? 'PASS' : 'FAIL'} (worst ${worst.toFixed(1)}x)`);
}

main();
