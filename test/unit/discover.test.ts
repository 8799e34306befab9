import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlan } from '../../src/core';
import { DEFAULT_EXCLUDE, SKIPPED_DIRS, isPlanLike, mayBePlan, mayBePlanBytes, mayBePlanEverywhere, toListEntry } from '../../src/core/discover';
import { toStatusJson } from '../../src/core/report';
import pkg from '../../package.json';

function findRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (let i = 0; i < 6; i++) {
      if (fs.existsSync(path.join(dir, 'samples')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
      dir = path.dirname(dir);
    }
  }
  throw new Error('repository root not found');
}
const ROOT = findRoot();
const CORPUS = path.resolve(ROOT, '../shared/corpus/docs');

/** Every `.md` file under `dir`, skipping nothing (symbolic links are not followed). */
function allMarkdown(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...allMarkdown(p));
    else if (e.isFile() && e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** A repeatable random number below `n`, from a seed. */
function seeded(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
}

/** `n` lines drawn from `lines`. */
function pick(rand: (n: number) => number, lines: readonly string[], n: number): string[] {
  return Array.from({ length: n }, () => lines[rand(lines.length)]);
}

/** The look at a text's UTF-8 bytes, as `phasewise list` takes it for a file outside ASCII. */
function mayBePlanInBytes(text: string): boolean {
  const b = Buffer.from(text, 'utf8');
  return mayBePlanBytes(b.toString('latin1'), (from, to) => b.toString('utf8', from, to));
}

/** Files the quick look (at the text, or at its bytes) rejects although the full rule shows them. */
function falseNegatives(files: readonly string[]): string[] {
  return files.filter((f) => {
    const text = fs.readFileSync(f, 'utf8');
    return (!mayBePlan(text) || !mayBePlanInBytes(text)) && isPlanLike(parsePlan(text));
  });
}

describe('discover', () => {
  describe('mayBePlan', () => {
    const yes: Array<[string, string]> = [
      ['a checkbox list', '# Chores\n\n- [ ] water the plants\n- [x] sweep\n'],
      ['a checkbox in a nested item on one line', '# Notes\n\n- - [ ] one\n'],
      ['a numbered phase heading', '# Rollout\n\n## Phase 1: Pilot\n\nSome words.\n'],
      ['a stage heading', 'Stage 2 - Wider audience\n-----\n'],
      ['an iteration heading', '## Iteration 4: Polish\n'],
      ['a phase ID heading', '## PH-LAUNCH-001 Prepare\n'],
      ['a phase heading with an ID of its own', '### Phase ING-1: Seed\n\n**Status:** Done\n'],
      ['a tracker heading', '# Work\n\n### BUG-12: Crash on start\n\n**Status:** Open\n'],
      ['a bold tracker heading with a BOM', '\uFEFF## **OPS-7** Rotate keys\n'],
      ['a setext tracker heading', 'API-3 Rate limits\n===\n'],
      ['a fix block heading', '## Problem: the build hangs\n\n**Root Cause:** a lock\n'],
      ['an issue field in a list', '- **Issue**: slow start\n'],
      ['a numbered problem line', 'Notes\n12) Problem: slow start\n'],
      ['a phase heading after an emoji', '### 🚀 Phase 3: Launch\n'],
      ['a gold nugget', 'Gold-Nugget: cache the index\n'],
      ['an overview table', '| Phase | Status |\n|---|---|\n| 1 | Done |\n'],
      ['a tracker table', 'Key | State\n--- | ---\nOPS-1 | open\n'],
      ['marked steps in a plan', '# Move plan\n\n1. Pack the boxes ✅\n2. Call the van 🔄\n'],
      ['marked steps in a report titled with an underscore', '# weekly_report\n\n- 🚧 Draft\n'],
      ['damaged emoji on a step of a log', '# Build log\n\n- Compile step \u201a\u00fa\u00d6\n'],
      ['marked steps in a document with a goal', '# Widget\n\n**Goal:** ship it\n\n## Steps\n\n- Write docs ✅\n- Test 🔄\n'],
      ['a Kiro optional task', '# Tasks\n\n- [ ]* 2.1 Write the tests\n'],
      ['a Backlog.md task file', '---\nid: task-4\ntitle: Write the docs\nstatus: In Progress\n---\n\nSome words.\n'],
      ['a task file whose front matter says Status', '---\ntitle: Write the docs\nStatus: To Do\n---\n'],
      ['a task file with old Mac line endings', '---\rtitle: Write the docs\rstatus: Done\r---\r'],
      ['a task file with a BOM', '\uFEFF---\r\ntitle: Écrire ✅\r\nstatus: Done\r\n---\r\n'],
      ['a phase heading with a no-break space', '## Phase\u00a02: Ship ✅\n'],
      ['a tracker heading after a BOM in the middle', 'Notes\n\uFEFF### OPS-2: Rotate keys\n'],
      ['checkboxes after a closed fence', '# Chores\n\n```md\n* [ ] example\n```\n\n- [ ] water\n- [x] sweep\n'],
      ['checkboxes after a comment that holds a fence', '<!--\n```\n-->\n- [ ] water\n- [ ] sweep\n'],
      // What makes the fences uncertain: then every checkbox counts.
      ['checkboxes after a fence that their list item ends', '- notes\n  ```\n- [ ] water\n- [ ] sweep\n'],
      ['checkboxes after an HTML block that holds a fence', '<div>\n```\n\n- [ ] water\n- [ ] sweep\n\n```\n'],
    ];
    for (const [name, text] of yes) {
      it(`says maybe for ${name}`, () => {
        assert.equal(mayBePlan(text), true);
        assert.equal(mayBePlanInBytes(text), true, 'and at its bytes');
      });
    }

    const no: Array<[string, string]> = [
      ['an empty text', ''],
      ['a plain README', '# widget\n\nA small library.\n\n## Install\n\n```\nnpm i widget\n```\n\n- fast\n- tiny\n'],
      ['a README with emoji but no kind', '# widget ✨\n\n- fast ✅\n- tiny ✅\n'],
      ['a table without a status column', '| Option | Default |\n|---|---|\n| a | 1 |\n'],
      ['a link that looks like a checkbox', 'See [x](http://example.com) and [ ] alone.\n'],
      ['phase and issue words inside sentences', 'We ship the next phase 2 weeks out.\nThe issue: none.\n3. Phase 2 of it\n'],
      ['checkboxes quoted in a sentence', 'Task lists (`* [x]`) and `- [ ] item` work.\n'],
      ['checkboxes only in fenced examples', '# gfm\n\n```markdown\n* [ ] to do\n* [x] done\n```\n\n~~~\n- [ ] also\n- [ ] this\n~~~\n'],
      ['checkboxes in a fence left open', '# gfm\n\n````\n- [ ] a\n```\n- [ ] b\n'],
    ];
    for (const [name, text] of no) {
      it(`says no for ${name}`, () => {
        assert.equal(mayBePlan(text), false);
        assert.equal(mayBePlanInBytes(text), false, 'and at its bytes');
        assert.equal(isPlanLike(parsePlan(text)), false, 'and the full rule agrees');
      });
    }

    it('accepts every plan, log, summary and tracker sample and fixture', () => {
      const files = [...allMarkdown(path.join(ROOT, 'samples')), ...allMarkdown(path.join(ROOT, 'test', 'fixtures'))];
      assert.ok(files.length >= 10, `found ${files.length} files`);
      assert.deepEqual(falseNegatives(files), []);
    });

    it('accepts every document of the shared corpus', function () {
      const files = allMarkdown(CORPUS);
      if (!files.length) this.skip();
      for (const f of files) assert.equal(mayBePlan(fs.readFileSync(f, 'utf8')), true, path.basename(f));
      assert.deepEqual(falseNegatives(files), []);
    });

    it('never rejects a Markdown file under node_modules that the full rule shows', function () {
      this.timeout(120_000);
      const files = allMarkdown(path.join(ROOT, 'node_modules'));
      assert.ok(files.length > 100, `found ${files.length} files`);
      assert.deepEqual(falseNegatives(files), []);
      // And it is worth having: most of them are rejected without a parse.
      const rejected = files.filter((f) => !mayBePlan(fs.readFileSync(f, 'utf8'))).length;
      assert.ok(rejected > files.length / 2, `rejected ${rejected} of ${files.length}`);
    });
  });

  describe('the look and the full rule', () => {
    it('never rejects a text the parser shows, built from the shapes of every kind', () => {
      const lines = [
        '# Widget',
        '# Build log',
        '# Weekly summary',
        '# Move plan',
        '## Steps',
        '## Tasks',
        '## Notes',
        '**Goal:** ship it',
        'Objective: speed',
        '**Architecture:** one file',
        '- **Approach:** small steps',
        '**Current Phase:** 2',
        '## Current Phase',
        '- Write docs ✅',
        '1. Test the build 🔄',
        '- Pack ‚úÖ',
        '- plain item',
        '- [ ] water',
        '- [x] sweep',
        '| Phase | Status |',
        '|---|---|',
        '| 1 | Done |',
        '| ID | State |',
        '| OPS-1 | open |',
        '### SEC-1: Leak',
        '**Status:** Open',
        '- **Status:** complete',
        '## Problem: slow start',
        '**Root Cause:** a lock',
        'Gold Nugget: cache it',
        '## Phase 1: Setup ✅',
        '## Stage 2',
        '### Milestone 3 - Launch',
        '## Iteration 4 — Polish',
        '## Step 3: Deploy',
        '## Part 2',
        '### 1. Parser',
        'T001 Write the scanner',
        '- **T002** Write the reader',
        '```',
        '<!-- note -->',
        '---',
        '',
        'Some words.',
        'API-7 and OPS-9',
      ];
      const rand = seeded(3);
      let shown = 0;
      for (let i = 0; i < 5000; i++) {
        const text = pick(rand, lines, 2 + rand(10)).join('\n') + '\n';
        if (!isPlanLike(parsePlan(text))) continue;
        shown++;
        assert.equal(mayBePlan(text), true, JSON.stringify(text));
        assert.equal(mayBePlanInBytes(text), true, `at its bytes: ${JSON.stringify(text)}`);
      }
      assert.ok(shown > 1000, `${shown} of 5000 texts shown`);
    });
  });

  describe('checkboxes in fenced code', () => {
    it('are passed over only where the parser reads no task', () => {
      // Lines that open, close or hide fences in every way the look weighs, and checkbox lines.
      const lines = [
        '```',
        '~~~',
        '````',
        '```js',
        '``` `x`',
        '  ```',
        '   ~~~',
        '\t```',
        '    ```',
        '> ```',
        '- ```',
        '<!--',
        '-->',
        '<!-- note -->',
        '<!-->',
        '<div>',
        '  <p>',
        '---',
        '',
        'Some text',
        '- item',
        '  - [ ] nested',
        '- [ ] water',
        '* [x] sweep',
        '1. [ ] dust',
        '> - [ ] quoted',
        '    - [ ] indented',
      ];
      const rand = seeded(5);
      let passedOver = 0;
      for (let i = 0; i < 4000; i++) {
        const picked = pick(rand, lines, 2 + rand(9));
        const text = picked.join(rand(4) ? '\n' : '\r\n') + (rand(2) ? '\n' : '');
        const maybe = mayBePlan(text);
        assert.equal(maybe, mayBePlanEverywhere(text), JSON.stringify(text));
        if (!maybe) {
          // Not one of its tasks is a checkbox the look passed over.
          const boxes = parsePlan(text).tasks.filter((t) => t.kind === 'checkbox');
          assert.deepEqual(boxes, [], JSON.stringify(text));
          if (/\[[ x]\]/.test(text)) passedOver++;
        }
      }
      // And the rule is worth having: it passes over many texts whose boxes are all in code.
      assert.ok(passedOver > 100, `${passedOver} texts with boxes passed over`);
    });
  });

  describe('the word-first look', () => {
    it('agrees with the patterns run over the whole text, on every Markdown file at hand', function () {
      this.timeout(120_000);
      const files = [
        ...allMarkdown(path.join(ROOT, 'node_modules')),
        ...allMarkdown(CORPUS),
        ...allMarkdown(path.join(ROOT, 'samples')),
        ...allMarkdown(path.join(ROOT, 'test', 'fixtures')),
      ];
      assert.ok(files.length > 100, `found ${files.length} files`);
      const differ = files.filter((f) => {
        const text = fs.readFileSync(f, 'utf8');
        const expected = mayBePlanEverywhere(text);
        // Told whether the text is ASCII, as \`phasewise list\` tells it, the look says the same.
        // And so does the look at its bytes, as `phasewise list` takes a file outside ASCII.
        return mayBePlan(text) !== expected || mayBePlan(text, !/[^\0-\x7f]/.test(text)) !== expected || mayBePlanInBytes(text) !== expected;
      });
      assert.deepEqual(differ, []);
    });

    it('says yes wherever they do on texts built from the shapes it looks for, line endings and odd characters', () => {
      // Fragments that start or end lines in every way, so a shape lands at a line start, in
      // the middle of a line or across a line break; plus characters that fold or break lines.
      const parts = [
        '## Phase 2: Build',
        'phase',
        ' 3',
        'Stage',
        '\tMilestone 1',
        'PH-NEXT-1',
        'Phase PH-2',
        'WS-3',
        '### SEC-002: Leak',
        '**API-7**',
        'OPS-',
        '9',
        'Problem',
        ': slow',
        '- **Issue:** it hangs',
        '1. 🐛 Issue: x',
        'Gold',
        ' Nugget',
        'gold-nugget',
        '| Status |',
        '| state',
        '|',
        'Status',
        '**State**',
        '# Weekly report',
        'plan',
        '- step ✅',
        '2. done 🔄',
        'A-1',
        'Current Phase',
        '\n',
        '\r\n',
        '\r',
        '\n\n',
        ' ',
        '  ',
        '\u2028',
        '\u017f',
        'ſtatus',
        'İ',
        '\u212a',
        '---\nstatus: To Do\n---\n',
        '---\rStatus: Done\r---\r',
        'Phase\u00a03',
        'Stage\u30002 ',
        'text',
        '- ',
        '> ',
        // A letter or digit outside ASCII first, and decoration outside ASCII before a shape.
        'Été ',
        '٣. Issue: x',
        '\uFEFF',
        '🚀 ',
        '__',
        '12) ',
        // Words the search finds inside others, capitals, and IDs without a line of their own.
        'stage 4',
        'Phase A',
        ' B: ',
        'Phase AB',
        'STATE',
        'problemilestone 2',
        'ISSUE:',
        'UTF-8',
        '--1',
        'é',
        '\u00a0- ',
        // Status emoji and their damaged forms, and characters outside ASCII that are neither.
        '- âœ… done',
        '‚úÖ',
        '⬜',
        '✔',
        '🚧',
        '—',
        'Doneé',
        '日本',
        // Checkbox pieces: markers, boxes, brackets that are no box.
        '- [ ]',
        '[x]',
        '[X] ',
        '* ',
        '+\t',
        '7)',
        '3.',
        '[',
        ']',
        '[~',
        '/]',
        '[-]',
        '[link](u)',
        '\t',
      ];
      const rand = seeded(7);
      let looser = 0;
      for (let i = 0; i < 10000; i++) {
        let text = '';
        const n = 1 + rand(12);
        for (let k = 0; k < n; k++) text += parts[rand(parts.length)];
        const look = mayBePlan(text);
        const reference = mayBePlanEverywhere(text);
        if (look) assert.ok(mayBePlanInBytes(text), `the look at the bytes passed over ${JSON.stringify(text)}`);
        if (reference) assert.ok(look, `the look passed over ${JSON.stringify(text)}`);
        else if (look) {
          // Only where a letter outside ASCII comes before the word: the line patterns take
          // every such character for decoration.
          looser++;
          assert.equal(mayBePlan(text.replace(/[^\0-\x7f]/g, 'x')), false, JSON.stringify(text));
        }
      }
      assert.ok(looser < 500, `${looser} of 10000 texts taken for a candidate only by the looser line patterns`);
    });

    it('finds a checkbox exactly where the pattern does', () => {
      // Only checkbox pieces (a marker, blanks, a box, around other characters), so nothing
      // else can make a text a candidate.
      const pieces = [
        ['', 'x', '\n', ' ', '9', '-', '['],
        ['- ', '*', '+', '1.', '12)', '10.', 'a.', '9', '', '-'],
        ['', ' ', '\t', '  ', ' \t'],
        ['[ ]', '[x]', '[X]', '[-]', '[/]', '[~]', '[y]', '[', '[]', ' ]', '[x'],
      ];
      const rand = seeded(11);
      let found = 0;
      for (let i = 0; i < 20000; i++) {
        let text = '';
        const n = 1 + rand(3);
        for (let k = 0; k < n; k++) for (const p of pieces) text += p[rand(p.length)];
        const expected = mayBePlanEverywhere(text);
        if (expected) found++;
        assert.equal(mayBePlan(text), expected, JSON.stringify(text));
      }
      assert.ok(found > 1000 && found < 19000, `${found} of 20000 texts had a checkbox`);
    });
  });

  describe('the list entry', () => {
    it('says what status --json says of kind, title, current phase and progress, for every real plan', function () {
      const files = [...allMarkdown(CORPUS), ...allMarkdown(path.join(ROOT, 'samples'))];
      assert.ok(files.length >= 10, `found ${files.length} files`);
      for (const f of files) {
        const plan = parsePlan(fs.readFileSync(f, 'utf8'));
        const s = toStatusJson(plan, []);
        const entry = toListEntry(plan, 'docs', 'a/plan.md');
        assert.deepEqual(entry, { root: 'docs', file: 'a/plan.md', kind: s.kind, title: s.title, currentPhase: s.currentPhase, progress: s.progress }, f);
      }
    });
  });

  describe('skipped folders', () => {
    it('are the default of the phasewise.exclude setting', () => {
      const props = pkg.contributes.configuration.properties as Record<string, { default?: unknown }>;
      assert.equal(props['phasewise.exclude'].default, DEFAULT_EXCLUDE);
      assert.deepEqual([...SKIPPED_DIRS].sort(), ['.git', '.vscode-test', 'dist', 'node_modules', 'out']);
    });
  });
});
