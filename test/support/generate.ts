/**
 * Deterministic generator of execution plans in the shape of the seed plan (title, intro,
 * Current Feature fields, a Phase Overview table, N phase sections with Status / Goal / Scope /
 * Steps / Tests / Checkpoint fields, then a rollback plan, acceptance criteria and lessons).
 *
 * All prose is random words from a small built-in list, so no two sections are alike (a
 * benchmark over identical sections would be flattered by the section cache).
 *
 * `variety: true` sprinkles the odd shapes the parser has to survive: colon-outside fields,
 * setext headings, fake phase headings inside fenced code and HTML comments, loose lists,
 * checkbox dialects, spec-kit and Kiro task lines, tabs, trailing spaces, blockquotes, HTML
 * blocks, tables directly followed by headings, mojibake emoji, lazy continuation lines,
 * `1)` ordered lists and nested phases.
 */

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenOptions {
  phases: number;
  seed?: number;
  eol?: '\n' | '\r\n';
  bom?: boolean;
  variety?: boolean;
  /**
   * Text that reads like a real plan rather than a form: inline emphasis, code spans and links
   * in the prose, a paragraph under each goal, blank-line-separated lists with multi-line
   * items, and one fenced code block per phase.
   */
  realistic?: boolean;
}

const WORDS = (
  'amber anvil arc atlas badge basin beacon birch bolt bramble bridge cable canal cedar chalk ' +
  'cinder cobalt comet copper coral crane crest dawn delta dune ember falcon fern field flint ' +
  'forge frost garnet glacier granite grove harbor hazel heron hollow indigo iris ivory jasper ' +
  'juniper kestrel lagoon lantern larch ledger linen lotus maple marble meadow mesa millet ' +
  'nectar nickel oak onyx orbit otter pebble pepper pine plume prairie quartz quill raven reed ' +
  'ridge river saffron sage sparrow spruce summit talon thistle timber topaz tundra umber ' +
  'valley velvet vertex walnut willow yarrow zephyr zinc'
).split(' ');

const VERBS = (
  'add adjust build cache check clean collect convert define document extract fetch fix ' +
  'guard index load log merge migrate move parse patch probe rename render replace route ' +
  'scan seed sort split store sync trace trim update validate verify wire wrap'
).split(' ');

const EXTS = ['ts', 'js', 'md', 'json', 'sql', 'yaml', 'css'];
const DURATIONS = ['30 minutes', '1 hour', '1-2 hours', '2 hours', '2-3 hours', '3-4 hours', '4 hours', 'half a day'];
const ACTUAL = ['20 minutes', '45 minutes', '1 hour', '1.5 hours', '2 hours', '2.5 hours', '3 hours', '5 hours'];
const COMPLEXITY = ['Low', 'Medium', 'High', 'Low', 'Medium'];

type St = 'completed' | 'in-progress' | 'pending';

class Gen {
  readonly r: () => number;
  constructor(seed: number) {
    this.r = rng(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.r() * a.length)];
  }
  word(): string {
    return this.pick(WORDS);
  }
  words(lo: number, hi: number): string {
    const n = this.int(lo, hi);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.word());
    return out.join(' ');
  }
  cap(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  title(lo: number, hi: number): string {
    return this.words(lo, hi)
      .split(' ')
      .map((w) => this.cap(w))
      .join(' ');
  }
  /** A sentence with inline markup (bold, emphasis, a code span, a link), ending in a period. */
  prose(): string {
    const parts: string[] = [this.cap(this.word())];
    for (let j = this.int(6, 12); j > 0; j--) {
      const x = this.r();
      const w = this.word();
      if (x < 0.08) parts.push(`**${w} ${this.word()}**`);
      else if (x < 0.14) parts.push(`_${w}_`);
      else if (x < 0.22) parts.push(`\`${this.word()}.${this.pick(EXTS)}\``);
      else if (x < 0.27) parts.push(`[${w} notes](https://example.com/${this.word()}/${this.word()})`);
      else parts.push(w);
    }
    return parts.join(' ') + '.';
  }
  /** A sentence-like phrase: a verb and some words, no final period. */
  phrase(lo: number, hi: number): string {
    return `${this.cap(this.pick(VERBS))} ${this.words(lo, hi)}`;
  }
  path(): string {
    return this.chance(0.5) ? `src/${this.word()}.${this.pick(EXTS)}` : `src/${this.word()}/${this.word()}.${this.pick(EXTS)}`;
  }
  date(day: number): string {
    const d = new Date(Date.UTC(2026, 0, 5) + day * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  stamp(day: number): string {
    return `${this.date(day)} ${String(this.int(8, 18)).padStart(2, '0')}:${this.pick(['00', '15', '30', '45'])}`;
  }
}

const STATUS_WORD: Record<St, string> = { completed: 'Completed', 'in-progress': 'In Progress', pending: 'Pending' };
const STATUS_EMOJI: Record<St, string> = { completed: '✅', 'in-progress': '🔄', pending: '⏸️' };
// ✅ / 🔄 / ⏸️ as their UTF-8 bytes read back as Mac Roman and as Windows-1252.
const MOJIBAKE: Record<St, [string, string]> = {
  completed: ['‚úÖ', 'âœ…'],
  'in-progress': ['üîÑ', 'ðŸ”„'],
  pending: ['‚è∏Ô∏è', 'â¸ï¸'],
};
const UPPER: Record<St, string> = { completed: 'COMPLETE', 'in-progress': 'IN_PROGRESS', pending: 'NOT_STARTED' };

/** Generates a plan; same options, same text. */
export function generatePlan(opts: GenOptions): string {
  const n = Math.max(0, Math.floor(opts.phases));
  const g = new Gen(opts.seed ?? 1);
  const v = !!opts.variety;
  const eol = opts.eol ?? '\n';
  const L: string[] = [];
  const blank = (): void => {
    L.push('');
  };
  const sep = (): void => {
    L.push('---', '');
  };
  const emoji = (s: St): string => (v && g.chance(0.15) ? g.pick(MOJIBAKE[s]) : STATUS_EMOJI[s]);

  // Current phase K (1-based); phases before K are completed.
  const k = n === 0 ? 0 : Math.max(1, Math.min(n, Math.round(n * (0.2 + g.r() * 0.2))));
  const statusOf = (i: number): St => (i < k ? 'completed' : i === k ? 'in-progress' : 'pending');
  const feature = g.title(2, 3);

  // ---- header ----
  L.push(`# Execution Plan: ${feature}`, '');
  L.push(`${g.cap(g.words(8, 14))}. ${g.cap(g.words(6, 12))}.`);
  L.push(`${g.cap(g.words(5, 10))} and ${g.words(3, 6)}.`, '');
  sep();
  L.push(`## Current Feature: ${feature}`, '');
  L.push(`**Feature ID:** FEAT-${String(g.int(1, 999)).padStart(3, '0')}`, '');
  L.push('**Status:** In Progress', '');
  L.push(`**Started:** ${g.date(g.int(0, 20))}`, '');
  L.push(`**Target Completion:** ${g.date(g.int(40, 90))}`, '');
  L.push(`**Current Phase:** Phase ${k} of ${n}`, '');
  sep();

  // ---- overview table ----
  const names: string[] = [];
  const durations: string[] = [];
  for (let i = 1; i <= n; i++) {
    names.push(g.title(2, 3));
    durations.push(g.pick(DURATIONS));
  }
  L.push('## Phase Overview', '');
  const cols = [
    Math.max(5, String(n).length),
    Math.max(4, ...names.map((x) => x.length)),
    'In Progress'.length,
    Math.max('Duration Est.'.length, ...durations.map((x) => x.length)),
  ];
  const row = (cells: string[]): string => `| ${cells.map((c, j) => c.padEnd(cols[j])).join(' | ')} |`;
  L.push(row(['Phase', 'Name', 'Status', 'Duration Est.']));
  L.push(`|${cols.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (let i = 1; i <= n; i++) L.push(row([String(i), names[i - 1], STATUS_WORD[statusOf(i)], durations[i - 1]]));
  blank();
  sep();

  // ---- phases ----
  for (let i = 1; i <= n; i++) phase(g, L, i, names[i - 1], statusOf(i), v, emoji, n, !!opts.realistic);

  // ---- trailer ----
  L.push('## Rollback Plan', '');
  L.push(`**If ${g.words(2, 4)} goes wrong:**`, '');
  for (let j = 1; j <= 4; j++) L.push(`${j}. ${g.phrase(2, 5)}`);
  blank();
  L.push('**Rollback commands:**');
  L.push('```bash');
  L.push(`# ${g.words(3, 6)}`);
  L.push('git revert HEAD');
  L.push(`npm run ${g.word()}:rollback`);
  L.push('```', '');
  sep();
  L.push('## Acceptance Criteria Tracking', '');
  L.push(`**From FEAT ${g.word()}:**`, '');
  for (let j = 0; j < 6; j++) L.push(`- [${g.chance(0.4) ? 'x' : ' '}] ${g.phrase(3, 7)}`);
  blank();
  L.push(`**${g.cap(g.words(4, 7))}.**`, '');
  sep();
  L.push('## Lessons Captured (During Execution)', '');
  L.push(`${g.cap(g.words(6, 10))}.`, '');
  L.push('**Lesson Candidates:**');
  for (let j = 1; j <= 3; j++) L.push(`${j}. ${g.date(j * 3)}: ${g.cap(g.words(5, 10))}`);
  blank();

  let lines = L;
  if (v) {
    // Trailing spaces and tabs on a few lines (never on lines inside the overview table's
    // delimiter row, which would still be fine, but keep the table readable).
    lines = L.map((line) => (line && g.chance(0.03) ? line + g.pick([' ', '  ', '\t', '   ']) : line));
  }
  return (opts.bom ? '\ufeff' : '') + lines.join(eol);
}

function phase(g: Gen, L: string[], i: number, name: string, st: St, v: boolean, emoji: (s: St) => string, total: number, real: boolean): void {
  const odd = (p: number): boolean => v && g.chance(p);
  const blank = (): void => {
    L.push('');
  };

  // Heading
  if (odd(0.04)) {
    L.push(`Phase ${i}: ${name}`, '-'.repeat(g.int(3, 20)), '');
  } else {
    L.push(`## Phase ${i}: ${name}`, '');
  }

  // Status
  if (odd(0.12)) L.push(`**Status**: ${UPPER[st]}`, '');
  else if (odd(0.03)) L.push(`Status: ${STATUS_WORD[st]}`, '');
  else L.push(`**Status:** ${STATUS_WORD[st]} ${emoji(st)}`, '');

  L.push(`**Goal:** ${g.phrase(2, 4)}`, '');
  if (real) L.push(g.prose(), `${g.prose()} ${g.prose()}`, '');

  // Scope
  L.push('**Scope:**');
  const loose = real || odd(0.08);
  const scope: string[] = [];
  if (g.chance(0.3)) {
    scope.push('- Files to be created:');
    for (let j = g.int(1, 2); j > 0; j--) scope.push(`  - \`${g.path()}\``);
  } else {
    scope.push(`- Files to be created: \`${g.path()}\``);
  }
  if (g.chance(0.4)) scope.push(`- Files to be modified: \`${g.path()}\``);
  if (g.chance(0.3)) scope.push(`- Components affected: ${g.word()}, ${g.word()}`);
  if (odd(0.05)) scope.push(`\t- ${g.words(2, 4)} (tab indented)`);
  if (real) scope.push(`- ${g.prose()}`, `  ${g.prose()}`);
  if (loose) {
    for (let j = 0; j < scope.length; j++) {
      if (j > 0 && !scope[j].startsWith(' ') && !scope[j].startsWith('\t')) L.push('');
      L.push(scope[j]);
    }
  } else {
    L.push(...scope);
  }
  blank();

  // Dependencies
  if (g.chance(0.7)) {
    L.push(`**Dependencies:** ${i === 1 ? 'None' : `Phase ${i - 1} complete`}`, '');
  } else {
    L.push('**Dependencies:**');
    L.push(i === 1 ? `- None (first phase)` : `- Phase ${i - 1} must be complete`);
    if (g.chance(0.3)) L.push(`- ${g.cap(g.words(2, 4))}`);
    blank();
  }

  // Steps
  L.push('**Implementation Steps:**');
  const nSteps = g.int(3, 8);
  const done = st === 'completed' ? nSteps : st === 'in-progress' ? g.int(0, nSteps - 1) : 0;
  const delim = odd(0.08) ? ')' : '.';
  for (let j = 1; j <= nSteps; j++) {
    let s = `${j}${delim} ${g.phrase(1, 2)}`;
    if (j <= done) s += ` ${emoji('completed')}`;
    else if (st === 'in-progress' && j === done + 1) s += ` ${emoji('in-progress')} (${g.words(2, 3)})`;
    if (real && j > 1) L.push('');
    L.push(s);
    if (real && g.chance(0.4)) L.push('', `   ${g.prose()}`, `   ${g.prose()}`);
    if (odd(0.02)) L.push(`${g.words(2, 5)} lazy continuation`);
  }
  blank();

  // Checkbox tasks (variety)
  if (odd(0.12)) {
    L.push('**Tasks:**');
    for (let j = g.int(2, 5); j > 0; j--) L.push(`- [${g.pick([' ', 'x', 'X', '-', '~', '/'])}] ${g.phrase(2, 5)}`);
    blank();
  }
  if (odd(0.06)) {
    L.push(`### Tasks for ${g.word()}`, '');
    for (let j = g.int(2, 4); j > 0; j--) {
      const id = `T${String(g.int(1, 999)).padStart(3, '0')}`;
      const flags = `${g.chance(0.5) ? ' [P]' : ''}${g.chance(0.7) ? ` [US${g.int(1, 5)}]` : ''}`;
      L.push(`- [${g.pick([' ', 'x'])}] ${id}${flags} ${g.cap(g.pick(VERBS))} ${g.word()} in ${g.path()}`);
    }
    blank();
  }
  if (odd(0.06)) {
    L.push('**Kiro Tasks:**', '');
    for (let j = 1; j <= g.int(1, 3); j++) {
      L.push(`- [${g.pick([' ', 'x', '-'])}] ${i}.${j} ${g.phrase(2, 4)}`);
      L.push(`  - ${g.words(3, 6)}`);
      L.push(`  - _Requirements: ${g.int(1, 5)}.${g.int(1, 4)}, ${g.int(1, 5)}.${g.int(1, 4)}_`);
    }
    blank();
  }

  // Tests
  L.push('**Tests:**');
  L.push('- Unit tests:');
  for (let j = g.int(1, 2); j > 0; j--) L.push(`  - Check ${g.words(1, 3)}`);
  if (g.chance(0.3)) {
    L.push('- Integration tests:');
    for (let j = g.int(1, 2); j > 0; j--) L.push(`  - ${g.phrase(1, 3)}`);
  }
  blank();

  if (real) {
    L.push(`Run it with \`npm run ${g.word()}\` and check the ${g.word()} output:`, '');
    L.push(
      '```ts',
      `export function ${g.word()}${g.cap(g.word())}(input: string): string {`,
      `  // ${g.words(3, 7)}`,
      `  return input.trim();`,
      '}',
      '```',
      '',
    );
  }

  // Odd blocks between fields
  if (odd(0.05)) {
    L.push('```text', `## Phase 99: ${g.title(1, 3)}`, `**Status:** Pending`, g.words(3, 6), '```', '');
  }
  if (odd(0.05)) {
    L.push('<!--', `## Phase 99: ${g.title(1, 3)}`, `${g.words(3, 6)}`, '-->', '');
  }
  if (odd(0.05)) {
    L.push(`> **Note:** ${g.words(4, 9)}`, `> ${g.words(3, 8)}`, '');
  }
  if (odd(0.04)) {
    L.push('<details>', `<summary>${g.title(1, 3)}</summary>`, '', g.words(4, 8), '', '</details>', '');
  }
  if (odd(0.04)) {
    L.push(`| Metric | Before | After |`, '|---|---|---|', `| ${g.word()} | ${g.int(1, 99)} | ${g.int(1, 99)} |`);
    L.push(`### ${g.title(1, 3)}`, '');
  }

  // Checkpoint
  L.push('**Checkpoint:**');
  for (let j = g.int(1, 2); j > 0; j--) L.push(`- ${g.cap(g.words(2, 3))}`);
  blank();

  L.push(`**Estimated Complexity:** ${g.pick(COMPLEXITY)}`, '');

  if (st === 'completed') {
    L.push(`**Actual Duration:** ${g.pick(ACTUAL)}`, '');
    L.push(`**Completed:** ${g.stamp(i)}`, '');
    L.push('**Notes:**');
    for (let j = g.int(1, 2); j > 0; j--) L.push(`- ${g.cap(g.words(3, 7))}`);
    if (odd(0.03)) L.push(`continued ${g.words(2, 5)}`);
    blank();
  } else if (st === 'in-progress') {
    L.push('**Progress Notes:**');
    for (let j = 0; j < g.int(1, 3); j++) L.push(`- [${g.stamp(i)}]: ${g.cap(g.words(3, 7))}`);
    blank();
  }

  // Nested phase
  if (odd(0.05)) {
    const sub = `${i}.1`;
    const sst = st === 'in-progress' ? 'completed' : st;
    L.push(`### Phase ${sub}: ${g.title(1, 3)}`, '');
    L.push(`**Status:** ${STATUS_WORD[sst]} ${emoji(sst)}`, '');
    L.push(`**Goal:** ${g.phrase(3, 6)}`, '');
  }

  void total;
  L.push('---', '');
}

export interface GenEdit {
  offset: number;
  length: number;
  text: string;
}

const SNIPPETS = ['```\n', '\n## Phase 7: X\n', '<!--', '-->', '- [ ] x\n', '\n\n', '| a | b |\n|---|---|\n', '    ', '---\n', '1. ', '> '];
const CHARS = 'abcxyz #*-_|`>[]()0123456789\t\n\r:.~<!';

/**
 * Random small edits, applied in sequence: each edit's offset is relative to the text after
 * the previous edits.
 */
export function generateEdits(text: string, count: number, seed: number): GenEdit[] {
  const g = new Gen(seed);
  const out: GenEdit[] = [];
  let t = text;
  const offset = (): number => {
    const x = g.r();
    if (x < 0.05) return 0;
    if (x < 0.1) return t.length;
    if (x < 0.2) {
      // inside a CRLF pair, if any
      const from = g.int(0, t.length);
      let at = t.indexOf('\r\n', from);
      if (at < 0) at = t.indexOf('\r\n');
      if (at >= 0) return at + 1;
    }
    return g.int(0, t.length);
  };
  const lineAt = (o: number): [number, number] => {
    let s = o;
    while (s > 0 && t[s - 1] !== '\n' && t[s - 1] !== '\r') s--;
    let e = o;
    while (e < t.length && t[e] !== '\n' && t[e] !== '\r') e++;
    if (t[e] === '\r' && t[e + 1] === '\n') e += 2;
    else if (e < t.length) e += 1;
    return [s, e];
  };
  for (let c = 0; c < count; c++) {
    let e: GenEdit;
    const kind = g.int(0, 7);
    switch (kind) {
      case 0: {
        let s = '';
        for (let j = g.int(1, 3); j > 0; j--) s += g.pick(CHARS.split(''));
        e = { offset: offset(), length: 0, text: s };
        break;
      }
      case 1: {
        const o = offset();
        e = { offset: o, length: Math.min(g.int(1, 3), t.length - o), text: '' };
        break;
      }
      case 2:
        e = { offset: offset(), length: 0, text: g.pick(['\n', '\r\n', '\n\n']) };
        break;
      case 3: {
        // delete a line break near a random offset
        const from = offset();
        let at = t.indexOf('\n', from);
        if (at < 0) at = t.lastIndexOf('\n');
        if (at < 0) {
          e = { offset: from, length: 0, text: '' };
        } else {
          const crlf = at > 0 && t[at - 1] === '\r' && g.chance(0.7);
          e = { offset: crlf ? at - 1 : at, length: crlf ? 2 : 1, text: '' };
        }
        break;
      }
      case 4:
      case 5:
        e = { offset: offset(), length: 0, text: g.pick(SNIPPETS) };
        break;
      case 6: {
        const [s, end] = lineAt(offset());
        e = { offset: s, length: end - s, text: '' };
        break;
      }
      default: {
        const [s, end] = lineAt(offset());
        let line = t.slice(s, end);
        if (!/[\r\n]$/.test(line)) line = '\n' + line;
        e = { offset: end, length: 0, text: line };
        break;
      }
    }
    t = t.slice(0, e.offset) + e.text + t.slice(e.offset + e.length);
    out.push(e);
  }
  return out;
}

/** Applies edits from `generateEdits` in order. */
export function applyGenEdits(text: string, edits: readonly GenEdit[]): string {
  let t = text;
  for (const e of edits) t = t.slice(0, e.offset) + e.text + t.slice(e.offset + e.length);
  return t;
}
