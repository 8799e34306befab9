/**
 * A parsed document: text, sections and the plan model, updated incrementally after edits.
 */
import type { Plan } from '../model';
import { parseMarkdown, summarize } from './blocks';
import { buildPlan, type Reuse } from './build';
import { annotate } from './facts';
import { lineStarts } from './lines';
import { type Edit, type Section, diffRange, parseSections, updateSections } from './sections';

export interface TextChange {
  /** Offset in the old text. */
  offset: number;
  /** Length of the replaced text in the old text. */
  length: number;
  /** The inserted text. */
  text: string;
}

export class PlanDocument {
  private planCache: Plan | undefined;

  private constructor(
    readonly text: string,
    readonly bom: number,
    readonly sections: readonly Section[],
    /** The previous version's model and where this version's text starts to differ. */
    private previous?: Reuse,
  ) {}

  /** Parses `text` from scratch (sections still come from the cache when their text is known). */
  static parse(text: string): PlanDocument {
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return new PlanDocument(text, bom, parseSections(bom ? text.slice(1) : text));
  }

  /** The plan model, built on first use. */
  get plan(): Plan {
    if (!this.planCache) {
      this.planCache = buildPlan(this.text, this.bom, this.sections, this.lineCount(), this.previous);
      this.previous = undefined;
    }
    return this.planCache;
  }

  /** Lines in the text: the line breaks of all sections, plus one. */
  private lineCount(): number {
    const last = this.sections[this.sections.length - 1];
    return last ? last.line + last.lines + 1 : 1;
  }

  /**
   * The document after a change. Only the sections the change touched are re-parsed. With a
   * single `change` its range is used as given; otherwise the changed range is found by
   * comparing the old and new texts.
   */
  update(newText: string, changes?: readonly TextChange[]): PlanDocument {
    const newBom = newText.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (newBom !== this.bom) return PlanDocument.parse(newText);
    let edit: Edit;
    if (changes && changes.length === 1 && changes[0].offset >= this.bom) {
      const c = changes[0];
      edit = { start: c.offset - this.bom, oldEnd: c.offset + c.length - this.bom, newEnd: c.offset + c.text.length - this.bom };
    } else {
      // Several changes (multi-cursor): one covering range, found by comparing the texts.
      edit = this.diff(newText);
    }
    const body = this.bom ? newText.slice(1) : newText;
    const sections = updateSections(this.sections, body, edit);
    // Sections before the first re-parsed one are shared with this version, text and all.
    let same = 0;
    while (same < sections.length && same < this.sections.length && sections[same] === this.sections[same]) same++;
    const base = this.planCache ?? this.previous?.plan;
    const until = same < sections.length ? sections[same].start + this.bom : newText.length;
    const previous = base && { plan: base, until: Math.min(until, this.previous && !this.planCache ? this.previous.until : until) };
    return new PlanDocument(newText, newBom, sections, previous);
  }

  private diff(newText: string): Edit {
    const e = diffRange(this.text, newText);
    return { start: Math.max(0, e.start - this.bom), oldEnd: Math.max(0, e.oldEnd - this.bom), newEnd: Math.max(0, e.newEnd - this.bom) };
  }
}

/**
 * The reference: remark + GFM over the whole document, summarised by the same code. Slow on
 * large plans (the reason sections exist); used by the differential tests and the benchmark.
 */
export function parseWhole(text: string): Plan {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  const blocks = annotate(body, summarize(parseMarkdown(body), body, lineStarts(body)));
  return buildPlan(text, bom, [{ blocks, start: 0, line: 0 }]);
}

export function parsePlan(text: string): Plan {
  return PlanDocument.parse(text).plan;
}
