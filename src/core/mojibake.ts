// Detection and repair of "mojibake": UTF-8 text (mostly emoji and symbols) whose bytes were
// decoded as Windows-1252 or Mac Roman somewhere on the way, e.g. `‚úÖ` / `âœ…` for ✅.
//
// Pure TypeScript without Node or DOM dependencies, so it runs in the extension host, the CLI and
// a browser. The UTF-8 decoding is done by hand (strict: no overlongs, no surrogates, nothing above
// U+10FFFF), because we need the reverse direction (character -> byte) of the two code pages anyway.
//
// How a damaged run is recognised:
//   1. A lead character (one a code page maps to a UTF-8 lead byte 0xC2–0xF4) is found with a
//      RegExp plus a lookup table; clean ASCII text with real emoji costs a single regex scan.
//   2. From there, for each code page, consecutive characters are mapped back to bytes and decoded
//      as complete UTF-8 sequences, as many as follow one another (a "chain").
//   3. Each decoded code point is classified; a chain is only accepted when it looks like damage
//      rather than ordinary text that happens to form valid UTF-8 (French `l’été` in Mac Roman is
//      D5 8E = U+054E, an Armenian letter; `café”…` in Windows-1252 is a CJK ideograph). See
//      `classify` and `chainAccepted`.
// Sequences whose bytes were partly lost (e.g. `âŒ` after a decoder dropped the undefined 0x9D
// byte of ❌) are not valid UTF-8 and are left alone: nothing is guessed.

import { type TextEdit, applyEdits, editRange } from './edits/text';

export type MojibakeEncoding = 'windows-1252' | 'mac-roman';

export interface MojibakeRun {
  /** UTF-16 offset in the input where the damaged run starts. */
  start: number;
  /** Offset just after the run. */
  end: number;
  /** `text.slice(start, end)`. */
  original: string;
  /** The intended text, e.g. '✅'. */
  replacement: string;
  encoding: MojibakeEncoding;
}

// ---------------------------------------------------------------------------------------------
// Code page tables: bytes 0x80–0xFF -> Unicode code point.

/** Mac OS Roman (Apple's table as used by WHATWG "macintosh": 0xDB is €, 0xF0 the Apple logo). */
export const MAC_ROMAN_HIGH: readonly number[] = [
  // 0x80
  0x00c4, 0x00c5, 0x00c7, 0x00c9, 0x00d1, 0x00d6, 0x00dc, 0x00e1, 0x00e0, 0x00e2, 0x00e4, 0x00e3, 0x00e5, 0x00e7, 0x00e9, 0x00e8,
  // 0x90
  0x00ea, 0x00eb, 0x00ed, 0x00ec, 0x00ee, 0x00ef, 0x00f1, 0x00f3, 0x00f2, 0x00f4, 0x00f6, 0x00f5, 0x00fa, 0x00f9, 0x00fb, 0x00fc,
  // 0xA0
  0x2020, 0x00b0, 0x00a2, 0x00a3, 0x00a7, 0x2022, 0x00b6, 0x00df, 0x00ae, 0x00a9, 0x2122, 0x00b4, 0x00a8, 0x2260, 0x00c6, 0x00d8,
  // 0xB0
  0x221e, 0x00b1, 0x2264, 0x2265, 0x00a5, 0x00b5, 0x2202, 0x2211, 0x220f, 0x03c0, 0x222b, 0x00aa, 0x00ba, 0x03a9, 0x00e6, 0x00f8,
  // 0xC0
  0x00bf, 0x00a1, 0x00ac, 0x221a, 0x0192, 0x2248, 0x2206, 0x00ab, 0x00bb, 0x2026, 0x00a0, 0x00c0, 0x00c3, 0x00d5, 0x0152, 0x0153,
  // 0xD0
  0x2013, 0x2014, 0x201c, 0x201d, 0x2018, 0x2019, 0x00f7, 0x25ca, 0x00ff, 0x0178, 0x2044, 0x20ac, 0x2039, 0x203a, 0xfb01, 0xfb02,
  // 0xE0
  0x2021, 0x00b7, 0x201a, 0x201e, 0x2030, 0x00c2, 0x00ca, 0x00c1, 0x00cb, 0x00c8, 0x00cd, 0x00ce, 0x00cf, 0x00cc, 0x00d3, 0x00d4,
  // 0xF0
  0xf8ff, 0x00d2, 0x00da, 0x00db, 0x00d9, 0x0131, 0x02c6, 0x02dc, 0x00af, 0x02d8, 0x02d9, 0x02da, 0x00b8, 0x02dd, 0x02db, 0x02c7,
];

/**
 * Windows-1252. 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined; like WHATWG and Python we map them
 * to the C1 controls with the same value. 0xA0–0xFF equal Latin-1.
 */
export const WINDOWS_1252_HIGH: readonly number[] = [
  // 0x80
  0x20ac,
  0x0081,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0x0160,
  0x2039,
  0x0152,
  0x008d,
  0x017d,
  0x008f,
  // 0x90
  0x0090,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0x0161,
  0x203a,
  0x0153,
  0x009d,
  0x017e,
  0x0178,
  // 0xA0–0xFF: identical to Latin-1
  ...Array.from({ length: 0x60 }, (_, i) => 0xa0 + i),
];

// Reverse maps: UTF-16 code unit -> byte (0 = not representable as a byte >= 0x80).
const MAC_REV = new Uint8Array(0x10000);
const WIN_REV = new Uint8Array(0x10000);
for (let i = 0; i < 0x80; i++) {
  MAC_REV[MAC_ROMAN_HIGH[i]!] = 0x80 + i;
  WIN_REV[WINDOWS_1252_HIGH[i]!] = 0x80 + i;
}
// A Latin-1 decoder (and Node's TextDecoder('windows-1252')) turns every byte 0x80–0x9F into the C1
// control with the same value; C1 controls never occur in real text, so accept them all.
for (let c = 0x80; c < 0xa0; c++) WIN_REV[c] = c;

interface CodePage {
  readonly encoding: MojibakeEncoding;
  readonly rev: Uint8Array;
}
const WIN: CodePage = { encoding: 'windows-1252', rev: WIN_REV };
const MAC: CodePage = { encoding: 'mac-roman', rev: MAC_REV };
const PAGES: readonly CodePage[] = [MAC, WIN];

/** 1 for the characters that either code page maps to a UTF-8 lead byte (0xC2–0xF4). */
const IS_LEAD = new Uint8Array(0x10000);
/** The lead characters, ascending. */
const LEADS: readonly number[] = (() => {
  const leads = new Set<number>();
  for (let b = 0xc2; b <= 0xf4; b++) {
    for (const c of [MAC_ROMAN_HIGH[b - 0x80]!, WINDOWS_1252_HIGH[b - 0x80]!]) {
      IS_LEAD[c] = 1;
      leads.add(c);
    }
  }
  return [...leads].sort((a, b) => a - b);
})();

/**
 * The ranges (the inside of a RegExp character class) of a superset of the lead characters a
 * damaged run starts with: the lead characters merged into a handful of ranges. V8 scans a class
 * of a few ranges several times faster than the exact class of ~90 characters; IS_LEAD then
 * filters the (rare) extra hits.
 */
export const CANDIDATE_SPANS: ReadonlyArray<readonly [number, number]> = (() => {
  const ranges: Array<[number, number]> = [];
  // From the ~90 lead characters, not by testing all 65,536 code units: the table is built
  // when the module loads, and every command pays for it.
  for (const c of LEADS) {
    const last = ranges[ranges.length - 1];
    if (last && c - last[1] <= 128) last[1] = c;
    else ranges.push([c, c]);
  }
  return ranges;
})();
const hex = (n: number): string => '\\u' + n.toString(16).padStart(4, '0');
/** CANDIDATE_SPANS as the inside of a character class. */
export const CANDIDATE_RANGES: string = CANDIDATE_SPANS.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
const CANDIDATE_SOURCE = `[${CANDIDATE_RANGES}]`;

// ---------------------------------------------------------------------------------------------
// Classification of decoded code points.

const enum Kind {
  /** Not something a damaged run would have meant: controls, private use, unassigned, ... */
  Reject,
  /** Emoji, symbols, punctuation: damage even when alone. */
  Strong,
  /** Latin-1 supplement / Latin Extended-A (é, ±, °): accepted alone (`Ã©` -> é). */
  Latin,
  /** Letters of other scripts (Greek, Cyrillic, CJK, ...): only when at least two decode in a row. */
  Weak,
}

const UNUSUAL_RE = /[\p{Cn}\p{Co}\p{Cc}\p{Cs}]/u;

/** classify() results for BMP code points, stored as kind + 1 (0 = not computed yet). */
const KIND_CACHE = new Uint8Array(0x10000);

function classify(cp: number): Kind {
  if (cp >= 0x10000) return classifyUncached(cp);
  const cached = KIND_CACHE[cp]!;
  if (cached !== 0) return (cached - 1) as Kind;
  const kind = classifyUncached(cp);
  KIND_CACHE[cp] = kind + 1;
  return kind;
}

function classifyUncached(cp: number): Kind {
  if (cp < 0xa0) return Kind.Reject; // C1 controls (ASCII never comes out of a multi-byte sequence)
  if (cp >= 0x10000) {
    // Planes 15–16 are private use; U+xFFFE/U+xFFFF are noncharacters. Everything else (emoji,
    // historic scripts, CJK extensions) is accepted without looking it up, so that emoji newer
    // than the JS engine's Unicode tables are still repaired.
    if (cp >= 0xf0000 || (cp & 0xfffe) === 0xfffe) return Kind.Reject;
    return Kind.Strong;
  }
  if (cp <= 0x17f) return Kind.Latin;
  if (
    (cp >= 0x2000 && cp <= 0x2bff) || // punctuation, arrows, math, box drawing, shapes, dingbats ...
    (cp >= 0x2e00 && cp <= 0x2e7f) || // supplemental punctuation
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors (the U+FE0F of ⏸️)
    cp === 0x3030 ||
    cp === 0x303d ||
    cp === 0x3297 ||
    cp === 0x3299 || // emoji outside those blocks
    cp === 0xfeff ||
    cp === 0xfffd
  ) {
    return Kind.Strong;
  }
  if (cp >= 0xe000 && cp <= 0xf8ff) return Kind.Reject; // private use (also the Apple logo)
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || cp >= 0xfffe) return Kind.Reject;
  return UNUSUAL_RE.test(String.fromCharCode(cp)) ? Kind.Reject : Kind.Weak;
}

// ---------------------------------------------------------------------------------------------
// Scanning.

interface Chain {
  end: number;
  cps: number[];
  strong: number;
  latin: number;
  weak: number;
}

/**
 * Decodes one complete UTF-8 sequence whose bytes are the code-page images of text[pos...].
 * Returns the code point, or -1. The sequence length follows from the lead byte.
 */
function sequenceAt(text: string, pos: number, to: number, rev: Uint8Array): number {
  const b0 = rev[text.charCodeAt(pos)]!;
  let len: number;
  let cp: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    len = 2;
    cp = b0 & 0x1f;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    len = 3;
    cp = b0 & 0x0f;
    if (b0 === 0xe0)
      lo = 0xa0; // no overlongs
    else if (b0 === 0xed) hi = 0x9f; // no surrogates
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    len = 4;
    cp = b0 & 0x07;
    if (b0 === 0xf0)
      lo = 0x90; // no overlongs
    else if (b0 === 0xf4) hi = 0x8f; // nothing above U+10FFFF
  } else {
    return -1;
  }
  if (pos + len > to) return -1;
  for (let k = 1; k < len; k++) {
    const b = rev[text.charCodeAt(pos + k)]!;
    if (b < lo || b > hi) return -1;
    lo = 0x80;
    hi = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
  }
  return cp;
}

function utf8Length(cp: number): number {
  return cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** The longest chain of consecutive acceptable UTF-8 sequences starting at `pos`, or null. */
function chainAt(text: string, pos: number, to: number, rev: Uint8Array): Chain | null {
  let chain: Chain | null = null;
  for (;;) {
    if (pos >= to) break;
    const cp = sequenceAt(text, pos, to, rev);
    if (cp < 0) break;
    const kind = classify(cp);
    if (kind === Kind.Reject) break;
    chain ??= { end: pos, cps: [], strong: 0, latin: 0, weak: 0 };
    chain.cps.push(cp);
    if (kind === Kind.Strong) chain.strong++;
    else if (kind === Kind.Latin) chain.latin++;
    else chain.weak++;
    pos += utf8Length(cp); // one character per byte
    chain.end = pos;
  }
  return chain;
}

function chainAccepted(c: Chain): boolean {
  return c.strong > 0 || c.latin > 0 || c.weak >= 2;
}

/** Better of two accepted chains starting at the same offset (longer, then more symbols, then fewer chars). */
function better(a: Chain, b: Chain): boolean {
  if (a.end !== b.end) return a.end > b.end;
  if (a.strong !== b.strong) return a.strong > b.strong;
  return a.cps.length < b.cps.length;
}

function scan(text: string, from: number, to: number, onRun: (run: MojibakeRun) => boolean): void {
  const re = new RegExp(CANDIDATE_SOURCE, 'g'); // own instance: no shared lastIndex
  re.lastIndex = from;
  // test() instead of exec(): no match array to allocate; every match is one BMP character.
  while (re.test(text)) {
    const start = re.lastIndex - 1;
    if (start >= to) break;
    // Cheap rejections: not a lead character, or followed by ASCII (never a continuation byte).
    if (!IS_LEAD[text.charCodeAt(start)] || !(text.charCodeAt(start + 1) >= 0x80)) continue;
    let best: Chain | null = null;
    let bestPage: CodePage | null = null;
    for (const page of PAGES) {
      const c = chainAt(text, start, to, page.rev);
      if (c !== null && chainAccepted(c) && (best === null || better(c, best))) {
        best = c;
        bestPage = page;
      }
    }
    if (best === null || bestPage === null) continue;
    const run: MojibakeRun = {
      start,
      end: best.end,
      original: text.slice(start, best.end),
      replacement: fromCodePoints(best.cps),
      encoding: bestPage.encoding,
    };
    if (!onRun(run)) return;
    re.lastIndex = best.end;
  }
}

function fromCodePoints(cps: number[]): string {
  if (cps.length <= 1024) return String.fromCodePoint(...cps);
  let out = '';
  for (let i = 0; i < cps.length; i += 1024) out += String.fromCodePoint(...cps.slice(i, i + 1024));
  return out;
}

function clampRange(text: string, from: number | undefined, to: number | undefined): [number, number] {
  const f = Math.max(0, Math.min(text.length, Math.floor(from ?? 0)));
  const t = Math.max(f, Math.min(text.length, Math.floor(to ?? text.length)));
  return [f, t];
}

// ---------------------------------------------------------------------------------------------
// Public API.

/**
 * Finds damaged runs in text[from, to). Runs are sorted and non-overlapping, and lie entirely
 * inside the range (the range is treated as if it were the whole text).
 */
export function findMojibake(text: string, from?: number, to?: number): MojibakeRun[] {
  const [f, t] = clampRange(text, from, to);
  const runs: MojibakeRun[] = [];
  scan(text, f, t, (run) => {
    runs.push(run);
    return true;
  });
  return runs;
}

/** The edit that repairs one damaged run. */
export function repairEdit(text: string, run: MojibakeRun): TextEdit {
  return editRange(text, run.start, run.end, run.replacement);
}

/** Every repair as one edit list (the `repair` command). */
export function repairEdits(text: string): TextEdit[] {
  return findMojibake(text).map((r) => repairEdit(text, r));
}

/** Returns text with every run found by findMojibake replaced. */
export function repairMojibake(text: string): string {
  return applyEdits(text, repairEdits(text));
}

/** True when text contains at least one damaged run (fast path for the common clean case). */
export function hasMojibake(text: string): boolean {
  let found = false;
  scan(text, 0, text.length, () => {
    found = true;
    return false;
  });
  return found;
}
