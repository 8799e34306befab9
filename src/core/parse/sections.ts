/**
 * Sectioned, cached, incremental parsing.
 *
 * A line scanner splits the text at lines it can prove start a new top-level block: an ATX
 * heading at column 0, or a column-0 line after a blank line that is not a list item (which
 * could continue a list). A chunk of pieces is summarised by the block scanner (scan.ts) in one
 * go when it accepts the whole chunk (the common case); otherwise each piece on its own, by the
 * scanner or, where it refuses, by remark + GFM.
 * A piece that ends inside an unclosed fenced code block or HTML block would swallow the
 * following lines in the whole document, so it is merged with the next pieces until it ends
 * closed. Pieces are grouped into sections from one heading to the next (or about
 * CHUNK_CHARS of text): a section is the unit that is cached by its text, holds the blocks'
 * facts for the model builder, and is re-parsed after an edit. The result equals a
 * whole-document parse; the differential tests check that on fixtures and on thousands of
 * random edits.
 */
import { type OpenEnd, openAtEnd, parseMarkdown, shiftBlocks, summarize } from './blocks';
import { annotate } from './facts';
import { isBlank, lineEnd, lineStarts, nextLine } from './lines';
import { type ScanResult, scanBlocks } from './scan';
import type { Block } from './types';

export interface Section {
  /** Offset of the section in the body (the text without its byte-order mark). */
  start: number;
  length: number;
  /** Line index of the section's first line. */
  line: number;
  /** Number of line breaks in the section. */
  lines: number;
  /** Block summaries relative to the section start and line. Shared with the cache: never mutate. */
  blocks: readonly Block[];
}

interface Parsed {
  blocks: readonly Block[];
  lines: number;
  open?: OpenEnd;
}

// ---- the section cache: text -> summary, least recently used first out ----

const cache = new Map<string, Parsed>();
let cachedChars = 0;
let cacheLimit = 4_000_000;

/** Empties the section cache (benchmarks use it to measure cold parses). */
export function clearSectionCache(): void {
  cache.clear();
  cachedChars = 0;
}

/** Sets the cache's capacity in characters of section text. */
export function setSectionCacheLimit(chars: number): number {
  const previous = cacheLimit;
  cacheLimit = chars;
  evict();
  return previous;
}

function evict(): void {
  for (const [k] of cache) {
    if (cachedChars <= cacheLimit) break;
    cache.delete(k);
    cachedChars -= k.length;
  }
}

/** A copy of `s` that does not keep the whole document alive (a slice would). */
function detach(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

function parseSection(slice: string, last: boolean): Parsed {
  const hit = cache.get(slice);
  if (hit) {
    cache.delete(slice);
    cache.set(slice, hit);
    return hit;
  }
  const starts = lineStarts(slice);
  const scanned = scanBlocks(slice, starts);
  // A chunk the scanner sees ending inside an open fence or HTML block is about to be
  // extended: its blocks would be thrown away, so skip their facts and the cache.
  if (scanned?.open && !last) return { blocks: [], lines: starts.length - 1, open: scanned.open };
  // Parse a copy: the facts keep substrings of it, which must not keep the whole document
  // alive in the cache. Without a cache (a command that parses each file once) nothing keeps it.
  const keep = slice.length <= cacheLimit / 4;
  const text = keep ? detach(slice) : slice;
  const parsed = scanned ? scannedChunk(text, scanned, starts.length - 1) : parseChunk(text);
  if (keep) {
    cache.set(text, parsed);
    cachedChars += text.length;
    evict();
  }
  return parsed;
}

/** Block summaries of one piece the splitter proved independent, by the block scanner or remark. */
function summarizePiece(text: string): { blocks: Block[]; lines: number; open?: OpenEnd } {
  const starts = lineStarts(text);
  const lines = starts.length - 1;
  const fast = scanBlocks(text, starts);
  if (fast) return { blocks: fast.blocks, lines, open: fast.open };
  const root = parseMarkdown(text);
  return { blocks: summarize(root, text, starts), lines, open: openAtEnd(root, text) };
}

/** The common case: the scanner accepted the whole chunk, so it need not be split at all. */
function scannedChunk(text: string, scanned: ScanResult, lines: number): Parsed {
  return { blocks: annotate(text, scanned.blocks), lines, open: scanned.open };
}

/**
 * Parses a chunk: the scanner splits it into pieces, each is summarised on its own (merged
 * with the next while it ends inside an open block), and the facts are read once for all.
 */
function parseChunk(text: string): Parsed {
  let blocks: Block[] = [];
  let pos = 0;
  let line = 0;
  let open: OpenEnd | undefined;
  while (pos < text.length) {
    let end = nextBoundary(text, pos);
    let piece = summarizePiece(pos === 0 && end === text.length ? text : text.slice(pos, end));
    while (piece.open && end < text.length) {
      const closed = closeAfter(text, end, piece.open);
      end = closed >= text.length ? text.length : nextBoundaryAtOrAfter(text, closed, end);
      piece = summarizePiece(text.slice(pos, end));
    }
    blocks = blocks.concat(pos === 0 && line === 0 ? piece.blocks : shiftBlocks(piece.blocks, pos, line));
    open = piece.open;
    line += piece.lines;
    pos = end;
  }
  return { blocks: annotate(text, blocks), lines: line, open };
}

// ---- the scanner ----

const ATX = /^#{1,6}(?:[ \t]|$)/;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/** Start of the first line after the line at `from` that can start a section, or text.length. */
export function nextBoundary(text: string, from: number): number {
  const len = text.length;
  let e = lineEnd(text, from);
  let prevBlank = isBlank(text, from, e);
  let s = nextLine(text, e);
  while (s < len) {
    e = lineEnd(text, s);
    const c = text.charCodeAt(s);
    if (c === 35 && ATX.test(text.slice(s, Math.min(e, s + 8)))) return s;
    const blank = isBlank(text, s, e);
    // U+FEFF: remark drops it at the start of its input, so a section must not begin with one.
    if (prevBlank && !blank && c !== 32 && c !== 9 && c !== 0xfeff && !LIST_MARKER.test(text.slice(s, Math.min(e, s + 12)))) return s;
    prevBlank = blank;
    s = nextLine(text, e);
  }
  return len;
}

/**
 * Chunks: runs of pieces from one heading to the next (at most about CHUNK_CHARS long when
 * headings are far apart). A chunk is what is parsed, cached and kept per document: fewer,
 * larger units than the pieces keep the cache and the incremental update cheap.
 */
const CHUNK_CHARS = 2048;

function isHeadingLine(text: string, s: number): boolean {
  return text.charCodeAt(s) === 35 && ATX.test(text.slice(s, s + 8));
}

/** Extends a chunk that starts at `from` from the piece boundary `b` to the next chunk boundary. */
function chunkEnd(text: string, from: number, b: number): number {
  while (b < text.length && !isHeadingLine(text, b) && b - from < CHUNK_CHARS) b = nextBoundary(text, b);
  return b;
}

/** Start of the line after the one that closes `open`, scanning from `from`; text.length if none. */
function closeAfter(text: string, from: number, open: OpenEnd): number {
  let s = from;
  const len = text.length;
  while (s < len) {
    const e = lineEnd(text, s);
    const line = text.slice(s, e);
    if (open.kind === 'fence') {
      const m = /^[ \t>]*(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (m && m[1][0] === open.char && m[1].length >= open.length) return nextLine(text, e);
    } else if (open.marker === 'blank') {
      if (isBlank(text, s, e)) return nextLine(text, e);
    } else if (open.marker.test(line)) {
      return nextLine(text, e);
    }
    s = nextLine(text, e);
  }
  return len;
}

/**
 * Parses body[from, to) into sections, where `from` is a section start and `to` bounds the
 * scan: sections are produced until one ends at or after `to` (it may end later, at the next
 * boundary, or after an open block closes). `stopAt` is called with each section end and
 * returns true to stop early (resynchronisation with old sections).
 */
function scan(body: string, from: number, line: number, stopAt: (end: number) => boolean, out: Section[]): number {
  let pos = from;
  while (pos < body.length) {
    let end = chunkEnd(body, pos, nextBoundary(body, pos));
    let parsed = parseSection(body.slice(pos, end), end >= body.length);
    while (parsed.open && end < body.length) {
      const closed = closeAfter(body, end, parsed.open);
      end = closed >= body.length ? body.length : chunkEnd(body, pos, nextBoundaryAtOrAfter(body, closed, end));
      parsed = parseSection(body.slice(pos, end), end >= body.length);
    }
    out.push({ start: pos, length: end - pos, line, lines: parsed.lines, blocks: parsed.blocks });
    line += parsed.lines;
    pos = end;
    if (stopAt(end)) break;
  }
  return pos;
}

/** The first boundary at or after `at` (a line start), never before `min`. */
function nextBoundaryAtOrAfter(body: string, at: number, min: number): number {
  if (at <= min) return nextBoundary(body, min);
  // `at` itself may be a boundary: check from the line before it.
  let prev = at - 1;
  if (prev > 0 && body.charCodeAt(prev) === 10 && body.charCodeAt(prev - 1) === 13) prev--;
  let ls = prev;
  while (ls > 0 && body.charCodeAt(ls - 1) !== 10 && body.charCodeAt(ls - 1) !== 13) ls--;
  return nextBoundary(body, Math.max(ls, min));
}

/** Parses a whole body (text without byte-order mark) into sections. */
export function parseSections(body: string): Section[] {
  const out: Section[] = [];
  scan(body, 0, 0, () => false, out);
  return out;
}

export interface Edit {
  /** Offset in the old body where the change starts. */
  start: number;
  /** End of the replaced range in the old body. */
  oldEnd: number;
  /** End of the inserted text in the new body. */
  newEnd: number;
}

/** Finds the changed range between two texts by common prefix and suffix. */
export function diffRange(oldText: string, newText: string): Edit {
  const max = Math.min(oldText.length, newText.length);
  let p = 0;
  while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  let q = 0;
  while (q < max - p && oldText.charCodeAt(oldText.length - 1 - q) === newText.charCodeAt(newText.length - 1 - q)) q++;
  return { start: p, oldEnd: oldText.length - q, newEnd: newText.length - q };
}

function findSection(sections: readonly Section[], offset: number): number {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sections[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Re-parses only what an edit touched: from the section before the edit until a new
 * section boundary lines up with an old one past the edit; later sections are reused
 * with shifted offsets and lines.
 */
export function updateSections(old: readonly Section[], newBody: string, edit: Edit): Section[] {
  if (old.length === 0) return parseSections(newBody);
  const delta = edit.newEnd - edit.oldEnd;
  let i = findSection(old, edit.start);
  if (i > 0) i--;
  const head = old.slice(0, i);
  const from = old[i].start;
  const fresh: Section[] = [];
  let k = i;
  let resync = -1;
  scan(
    newBody,
    from,
    old[i].line,
    (end) => {
      if (end < edit.newEnd) return false;
      const oldPos = end - delta;
      while (k < old.length && old[k].start < oldPos) k++;
      if (k < old.length && old[k].start === oldPos && oldPos >= edit.oldEnd) {
        resync = k;
        return true;
      }
      return false;
    },
    fresh,
  );
  if (resync < 0) return head.concat(fresh);
  const last = fresh[fresh.length - 1];
  const lineDelta = last.line + last.lines - old[resync].line;
  const tail = old
    .slice(resync)
    .map((s): Section => ({ start: s.start + delta, length: s.length, line: s.line + lineDelta, lines: s.lines, blocks: s.blocks }));
  return head.concat(fresh, tail);
}
