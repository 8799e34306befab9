import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { findStatusEmoji, parseStatusText } from '../../src/core/status';

// The Phasewise injection grammar is tokenized on top of a Markdown base grammar, the way VS Code
// runs it: the base grammar is the root, the injection is offered for `text.html.markdown`.
// Two bases: a small stand-in kept with the tests (always), and VS Code's own markdown-basics
// grammar from the VS Code / code-server that the in-editor suite downloads under .vscode-test/.

const INJECTION_FILE = 'phasewise.injection.tmLanguage.json';
const INJECTION_SCOPE = 'markdown.phasewise.injection';
const MARKDOWN_SCOPE = 'text.html.markdown';

const ROOT = [resolve(__dirname, '../../..'), process.cwd()].find((dir) => existsSync(join(dir, 'syntaxes', INJECTION_FILE))) ?? process.cwd();
const INJECTION_PATH = join(ROOT, 'syntaxes', INJECTION_FILE);
const STAND_IN_PATH = join(ROOT, 'test', 'fixtures', 'grammar', 'markdown-min.tmLanguage.json');

function findBuiltinMarkdownGrammar(): string | undefined {
  const base = join(ROOT, '.vscode-test');
  if (!existsSync(base)) return undefined;
  const tail = join('extensions', 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json');
  const layouts = [
    join('node_modules', 'code-server', 'lib', 'vscode'),
    join('lib', 'vscode'),
    join('resources', 'app'),
    join('VSCode-linux-x64', 'resources', 'app'),
    join('Visual Studio Code.app', 'Contents', 'Resources', 'app'),
  ];
  for (const entry of readdirSync(base).sort()) {
    for (const layout of layouts) {
      const candidate = join(base, entry, layout, tail);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

let onigLib: Promise<vsctm.IOnigLib> | undefined;
function loadOnigLib(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasmPath = createRequire(join(ROOT, 'package.json')).resolve('vscode-oniguruma/release/onig.wasm');
    const bytes = readFileSync(wasmPath);
    await oniguruma.loadWASM(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

async function loadMarkdownWithInjection(basePath: string): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: loadOnigLib(),
    loadGrammar: async (scopeName) => {
      if (scopeName === MARKDOWN_SCOPE) return vsctm.parseRawGrammar(readFileSync(basePath, 'utf8'), basePath);
      if (scopeName === INJECTION_SCOPE) return vsctm.parseRawGrammar(readFileSync(INJECTION_PATH, 'utf8'), INJECTION_PATH);
      return null; // embedded languages (YAML, HTML, code in fences) are not needed here
    },
    getInjections: (scopeName) => (scopeName === MARKDOWN_SCOPE ? [INJECTION_SCOPE] : undefined),
  });
  const grammar = await registry.loadGrammar(MARKDOWN_SCOPE);
  assert.ok(grammar, `could not load ${basePath}`);
  return grammar;
}

interface TokenizedLine {
  text: string;
  tokens: vsctm.IToken[];
}

function tokenize(grammar: vsctm.IGrammar, text: string): TokenizedLine[] {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return { text: line, tokens: result.tokens };
  });
}

/** The Phasewise scope on a token, shortened: `status.completed`, `task-id`, `label`. */
function phasewiseKind(scopes: string[]): string | undefined {
  const scope = [...scopes].reverse().find((s) => /\.phasewise\./.test(s));
  if (!scope) return undefined;
  if (scope.startsWith('markup.phasewise.status.')) return scope.slice('markup.phasewise.'.length);
  if (scope === 'constant.other.phasewise.task-id') return 'task-id';
  if (scope === 'keyword.other.phasewise.label') return 'label';
  return scope;
}

/** Maximal runs of text carrying the same Phasewise scope, as `kind:text`. */
function marks(line: TokenizedLine): string[] {
  const out: string[] = [];
  let last: { kind: string; end: number } | undefined;
  for (const token of line.tokens) {
    const kind = phasewiseKind(token.scopes);
    const text = line.text.slice(token.startIndex, token.endIndex);
    if (kind && last && last.kind === kind && last.end === token.startIndex) {
      out[out.length - 1] += text;
    } else if (kind) {
      out.push(`${kind}:${text}`);
    }
    last = kind ? { kind, end: token.endIndex } : undefined;
  }
  return out;
}

/** Scopes of the first token that starts exactly where `needle` starts on the line. */
function scopesOf(line: TokenizedLine, needle: string): string[] {
  const at = line.text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not on the line`);
  const token = line.tokens.find((t) => t.startIndex === at);
  assert.ok(token, `no token starts at "${needle}" in: ${line.text}`);
  return token.scopes;
}

// The unit run tokenizes on the stand-in; `npm run test:grammar` (which `npm test` runs after
// the in-editor suite has installed a VS Code) runs the same tests on VS Code's own grammar,
// and fails when that VS Code is missing.
const ON_VSCODE = process.env.PHASEWISE_GRAMMAR_BASE === 'vscode';
const bases: Array<{ name: string; path: string | undefined }> = ON_VSCODE
  ? [{ name: "VS Code's built-in Markdown grammar", path: findBuiltinMarkdownGrammar() }]
  : [{ name: 'stand-in Markdown grammar', path: STAND_IN_PATH }];

describe('injection grammar: file', () => {
  it('is a Markdown injection that stays out of code, embedded blocks and comments', () => {
    const raw = JSON.parse(readFileSync(INJECTION_PATH, 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(raw.scopeName, INJECTION_SCOPE);
    const terms = raw.injectionSelector.split(/\s+/);
    assert.equal(terms[0], 'L:text.html.markdown');
    for (const excluded of ['-markup.fenced_code', '-markup.inline.raw', '-markup.raw', '-meta.embedded', '-comment']) {
      assert.ok(terms.includes(excluded), `selector lacks ${excluded}`);
    }
  });

  it('is what scripts/grammar.mjs generates (edit the word lists there, not the JSON)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'phasewise-grammar-')), INJECTION_FILE);
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'grammar.mjs'), out]);
    assert.equal(readFileSync(INJECTION_PATH, 'utf8'), readFileSync(out, 'utf8'));
  });
});

for (const base of bases) {
  if (!base.path) {
    describe(`injection grammar on the ${base.name}`, () => {
      it('has the grammar to test with', () => assert.fail('no VS Code under .vscode-test/: run npm run test:vscode first'));
    });
    continue;
  }
  describe(`injection grammar on the ${base.name}`, function () {
    this.timeout(20000);
    let grammar: vsctm.IGrammar;
    before(async () => {
      grammar = await loadMarkdownWithInjection(base.path!);
    });
    const lines = (text: string): TokenizedLine[] => tokenize(grammar, text);
    const line = (text: string): TokenizedLine => lines(text)[0]!;
    const marksOf = (text: string): string[] => marks(line(text));

    describe('status fields', () => {
      it('colours the value after each field style, one scope per status family', () => {
        assert.deepEqual(marksOf('**Status:** Completed'), ['status.completed:Completed']);
        assert.deepEqual(marksOf('**Status**: IN_PROGRESS'), ['status.in-progress:IN_PROGRESS']);
        assert.deepEqual(marksOf('Status: Not Started'), ['status.pending:Not Started']);
        assert.deepEqual(marksOf('**Status:** Failed'), ['status.failed:Failed']);
        assert.deepEqual(marksOf('**Status**: blocked'), ['status.blocked:blocked']);
        // The grammar colours the statuses the parser reads, and no others.
        assert.deepEqual(marksOf('**Status:** Skipped'), []);
      });

      it('reads field labels in list items, longer labels and bold values', () => {
        assert.deepEqual(marksOf('- **Status**: Done'), ['status.completed:Done']);
        assert.deepEqual(marksOf('**Review Status:** In Progress'), ['status.in-progress:In Progress']);
        assert.deepEqual(marksOf('**Status**: **COMPLETE**'), ['status.completed:COMPLETE']);
        assert.deepEqual(marksOf('**Status:** Pending (waiting on the schema)'), ['status.pending:Pending']);
      });

      it('leaves values that do not start with a status word alone', () => {
        assert.deepEqual(marksOf('**Status**: Ready for review'), []);
        assert.deepEqual(marksOf('**Status:** Donezo'), []);
        assert.deepEqual(marksOf('The status of the build is done.'), []);
      });

      it('pairs every status scope with a standard scope that themes colour', () => {
        const expected: Array<[string, string, string]> = [
          ['**Status:** Done', 'Done', 'markup.inserted'],
          ['**Status:** In Progress', 'In Progress', 'markup.changed'],
          ['**Status:** Pending', 'Pending', 'comment'],
          ['**Status:** Failed', 'Failed', 'markup.deleted'],
          ['**Status:** Blocked', 'Blocked', 'invalid.illegal'],
        ];
        for (const [text, word, standard] of expected) {
          const scopes = scopesOf(line(text), word);
          const specific = scopes.findIndex((s) => s.startsWith('markup.phasewise.status.'));
          assert.ok(specific > 0, `${word}: ${scopes.join(' ')}`);
          // The standard scope comes first so that a rule for the Phasewise scope, being deeper, wins.
          assert.equal(scopes[specific - 1], standard, `${word}: ${scopes.join(' ')}`);
        }
      });
    });

    describe('status emoji', () => {
      it('colours emoji and the status word beside them, before or after', () => {
        assert.deepEqual(marksOf('✅ Completed'), ['status.completed:✅', 'status.completed:Completed']);
        assert.deepEqual(marksOf('The importer is Finished ✅'), ['status.completed:Finished', 'status.completed:✅']);
        assert.deepEqual(marksOf('🔄 In Progress'), ['status.in-progress:🔄', 'status.in-progress:In Progress']);
        assert.deepEqual(marksOf('⏳ pending'), ['status.pending:⏳', 'status.pending:pending']);
        assert.deepEqual(marksOf('❌ FAILED'), ['status.failed:❌', 'status.failed:FAILED']);
        assert.deepEqual(marksOf('⛔ Blocked'), ['status.blocked:⛔', 'status.blocked:Blocked']);
        assert.deepEqual(marksOf('2. **Bug:** Slow export ✅ **FIXED**'), ['status.completed:✅', 'status.completed:FIXED']);
      });

      it('keeps a variation selector with its emoji and knows the decorations', () => {
        assert.deepEqual(marksOf('Paused here ⏸️ for now'), ['status.pending:⏸️']);
        assert.deepEqual(marksOf('🚧 work on the exporter'), ['status.in-progress:🚧']);
        assert.deepEqual(marksOf('⚠️ Check the totals'), ['status.warning:⚠️']);
        assert.deepEqual(marksOf('- ⬜ Not yet'), ['status.pending:⬜']);
      });

      it('keeps a bold status word after an emoji bold', () => {
        const l = line('Export ✅ **DONE**');
        assert.ok(scopesOf(l, 'DONE').includes('markup.bold.markdown'));
        assert.ok(scopesOf(l, 'DONE').includes('markup.phasewise.status.completed'));
        assert.ok(scopesOf(l, '**').includes('punctuation.definition.bold.markdown'));
      });

      it('does not colour a word whose status differs from the emoji', () => {
        assert.deepEqual(marksOf('⏳ Complete the migration'), ['status.pending:⏳']);
      });

      it('reads emoji damaged by a wrong decoding', () => {
        assert.deepEqual(marksOf('**Status:** Completed ‚úÖ'), ['status.completed:Completed', 'status.completed:‚úÖ']);
        // 🔄 read as Mac Roman starts with U+F8FF (the Apple logo), invisible in most fonts.
        assert.deepEqual(marksOf('**Status:** In Progress \uF8FFüîÑ'), ['status.in-progress:In Progress', 'status.in-progress:\uF8FFüîÑ']);
        assert.deepEqual(marksOf('**Status:** Pending ‚è∏Ô∏è'), ['status.pending:Pending', 'status.pending:‚è∏Ô∏è']);
        assert.deepEqual(marksOf('### Exporter âœ…'), ['status.completed:âœ…']);
      });
    });

    describe('headings', () => {
      it('colours a trailing status after an emoji, a dash or in parentheses', () => {
        assert.deepEqual(marksOf('## Phase 3: Wire the parser ✅ COMPLETED'), ['status.completed:✅', 'status.completed:COMPLETED']);
        assert.deepEqual(marksOf('### Phase 2 — In Progress'), ['status.in-progress:In Progress']);
        assert.deepEqual(marksOf('## Phase 4 - Export - done'), ['status.completed:done']);
        assert.deepEqual(marksOf('#### Phase 5: Packaging (Blocked)'), ['status.blocked:Blocked']);
        assert.deepEqual(marksOf('## Phase 6: Release — Pending ##'), ['status.pending:Pending']);
      });

      it('colours a trailing status written in capitals', () => {
        assert.deepEqual(marksOf('### Phase PH-NEXT-004 COMPLETE'), ['task-id:PH-NEXT-004', 'status.completed:COMPLETE']);
      });

      it('keeps the heading scopes around the status', () => {
        const scopes = scopesOf(line('## Phase 7: Audit — Failed'), 'Failed');
        assert.ok(scopes.includes('markup.heading.markdown'), scopes.join(' '));
        assert.ok(scopes.includes('entity.name.section.markdown'), scopes.join(' '));
        assert.ok(scopes.includes('markup.phasewise.status.failed'), scopes.join(' '));
      });

      it('leaves status words inside a heading title or without a separator alone', () => {
        assert.deepEqual(marksOf('## Phase 8: Done criteria'), []);
        assert.deepEqual(marksOf('## What counts as done'), []);
        assert.deepEqual(marksOf('## Phase 9: Cleanup done'), []);
        assert.deepEqual(marksOf('Wrapping up the day — done'), []);
        assert.deepEqual(marksOf('The plan is DONE'), []);
      });
    });

    describe('table cells', () => {
      it('colours a status word that fills a cell', () => {
        assert.deepEqual(marksOf('| 1     | Lexer        | Completed   | 1 hour  |'), ['status.completed:Completed']);
        assert.deepEqual(marksOf('| 2 | Importer | In Progress |'), ['status.in-progress:In Progress']);
        assert.deepEqual(marksOf('| Exporter | **NOT_STARTED** | 0 |'), ['status.pending:NOT_STARTED']);
        assert.deepEqual(marksOf('| Coverage | 81% | 80% | ✅ |'), ['status.completed:✅']);
        assert.deepEqual(marksOf('| Linting | Failed'), ['status.failed:Failed']);
      });

      it('leaves cells where the status word is only part of the text alone', () => {
        assert.deepEqual(marksOf('| Exporter | Done by Friday | 2h |'), []);
        assert.deepEqual(marksOf('| Notes | Was blocked last week |'), []);
      });
    });

    describe('task IDs', () => {
      it('colours an ID that opens a list item, after a checkbox, an emoji or in bold', () => {
        assert.deepEqual(marksOf('- [ ] T012 [P] [US1] Add the invoice model'), ['task-id:T012']);
        assert.deepEqual(marksOf('- [x] SEC-002: Guard the balance update'), ['task-id:SEC-002']);
        assert.deepEqual(marksOf('1. PH-NEXT-001 Run the whole suite'), ['task-id:PH-NEXT-001']);
        assert.deepEqual(marksOf('- ⏳ WS-3 Hook up the events'), ['status.pending:⏳', 'task-id:WS-3']);
        assert.deepEqual(marksOf('* **BACK-004**: Tidy the repository layer'), ['task-id:BACK-004']);
        assert.deepEqual(marksOf('  - [ ] WS-NEXT-002-001 Nested task'), ['task-id:WS-NEXT-002-001']);
      });

      it('colours an ID that opens a heading or a table row', () => {
        assert.deepEqual(marksOf('### SEC-004: Escape the export file names ✅'), ['task-id:SEC-004', 'status.completed:✅']);
        assert.deepEqual(marksOf('## Phase PH-NEXT-002: Components'), ['task-id:PH-NEXT-002']);
        assert.deepEqual(marksOf('| **PH-NEXT-007** | 3h | 12 |'), ['task-id:PH-NEXT-007']);
      });

      it('gives IDs a standard scope as well', () => {
        const scopes = scopesOf(line('- [ ] SEC-010 Rotate keys'), 'SEC-010');
        assert.ok(scopes.includes('entity.name.tag'), scopes.join(' '));
        assert.equal(scopes.at(-1), 'constant.other.phasewise.task-id');
      });

      it('leaves IDs in running text alone', () => {
        assert.deepEqual(marksOf('Continue with SEC-002 after lunch.'), []);
        assert.deepEqual(marksOf('- Revert the SEC-002 change'), []);
        assert.deepEqual(marksOf('- [ ] Write T0123 tests'), []);
      });
    });

    describe('fix-block labels', () => {
      it('colours the labels as bold labels and as headings', () => {
        assert.deepEqual(marksOf('**Root Cause:** the cache key ignored the locale'), ['label:Root Cause']);
        assert.deepEqual(marksOf('  * **💡 Gold Nugget:** key caches by every input'), ['label:Gold Nugget']);
        assert.deepEqual(marksOf('#### **Problem: Login loops forever**'), ['label:Problem']);
        assert.deepEqual(marksOf('**Solution**: key by locale too'), ['label:Solution']);
        assert.deepEqual(marksOf('### Lessons Learned'), ['label:Lessons Learned']);
        assert.deepEqual(marksOf('## Lesson: measure first'), ['label:Lesson']);
      });

      it('leaves the same words in prose and in other bold text alone', () => {
        assert.deepEqual(marksOf('The root cause was a stale cache.'), []);
        assert.deepEqual(marksOf('**Problem area** notes'), []);
        assert.deepEqual(marksOf('## Problem statement'), []);
      });
    });

    describe('code, comments and prose', () => {
      const sample = [
        '**Status:** Done',
        '## Phase 2: Import — In Progress',
        '- [ ] T012 Add the model',
        '**Root Cause:** the cache',
        '✅ Completed',
        '| Parser | Completed |',
      ];

      it('colours nothing inside fenced code blocks, with or without a language', () => {
        for (const fence of [
          ['```', '```'],
          ['```markdown', '```'],
          ['~~~md', '~~~'],
          ['````text', '````'],
        ]) {
          const doc = lines([fence[0]!, ...sample, fence[1]!, '**Status:** Failed'].join('\n'));
          for (const l of doc.slice(0, -1)) assert.deepEqual(marks(l), [], `${fence[0]} / ${l.text}`);
          // After the fence closes, highlighting resumes.
          assert.deepEqual(marks(doc.at(-1)!), ['status.failed:Failed']);
        }
      });

      it('colours nothing inside a fenced block in a list item', () => {
        const doc = lines(['- Example:', '  ```', '  **Status:** Done', '  ```'].join('\n'));
        assert.deepEqual(marks(doc[2]!), []);
      });

      it('colours nothing inside inline code', () => {
        assert.deepEqual(marksOf('Write `**Status:** Done` or `✅ Completed` or `- [ ] SEC-001`.'), []);
        assert.deepEqual(marksOf('Set `status: done` in the header'), []);
        assert.deepEqual(marksOf('**Status:** `Done`'), []);
        assert.deepEqual(marksOf('## Phase 3 — `Done`'), []);
      });

      it('colours nothing in indented code or HTML comments', () => {
        const doc = lines(['Intro paragraph.', '', '    **Status:** Done', '', '<!-- **Status:** Done -->'].join('\n'));
        assert.deepEqual(marks(doc[2]!), []);
        assert.deepEqual(marks(doc[4]!), []);
      });

      it('colours nothing in ordinary prose', () => {
        assert.deepEqual(marksOf('When we are done, nothing else runs.'), []);
        assert.deepEqual(marksOf('Last week she completed the refactor of the importer.'), []);
        assert.deepEqual(marksOf('Pending review, the branch stays open.'), []);
        assert.deepEqual(marksOf('Status updates are done every Friday.'), []);
        assert.deepEqual(marksOf('- Done is better than perfect'), []);
      });
    });

    describe('agreement with the status parser', () => {
      it('gives each status word the family the parser reads', () => {
        const words = [
          'Completed',
          'Complete',
          'COMPLETE',
          'Done',
          'Finished',
          'Fixed',
          'Resolved',
          'In Progress',
          'IN_PROGRESS',
          'in-progress',
          'Started',
          'WIP',
          'Ongoing',
          'In Flight',
          'Working',
          'Pending',
          'Not Started',
          'NOT_STARTED',
          'To Do',
          'TODO',
          'Planned',
          'Queued',
          'Open',
          'Not Begun',
          'Failed',
          'FAILING',
          'Fail',
          'Failure',
          'Blocked',
          'On Hold',
          'ON_HOLD',
        ];
        for (const word of words) {
          const expected = parseStatusText(word).status;
          assert.deepEqual(marksOf(`**Status:** ${word}`), [`status.${expected}:${word}`], word);
        }
      });

      it('gives each status emoji the family the parser reads', () => {
        const emoji = ['✅', '✔️', '☑️', '🔄', '🚧', '⏳', '⏸️', '❌', '⛔', '🚫', '‚úÖ', 'âœ…', '\uF8FFüîÑ', '‚è≥', '‚ùå'];
        for (const e of emoji) {
          const found = findStatusEmoji(`x ${e} y`);
          assert.equal(found.length, 1, e);
          assert.deepEqual(marksOf(`x ${e} y`), [`status.${found[0]!.status}:${e}`], e);
        }
      });
    });
  });
}
