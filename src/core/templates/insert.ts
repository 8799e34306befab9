/**
 * Section templates inserted into a document. Inserting never re-serialises the document: it
 * returns insertions (and, for a new phase, the `of N` total of the Current Phase line) as
 * guarded `TextEdit`s against the text they were computed from; nothing outside the insertion
 * points changes.
 */
import type { Plan } from '../model';
import { isoDate } from '../dates';
import type { TextEdit } from '../edits/text';
import { fixNodes, metricsTable, updateNodes } from './bodies';
import { bullets, item, numbered, oneLine, para, txt } from './mdast';
import { afterCursorSection, documentBlocks, enclosingHeading, insertNodes } from './layout';
import { listTemplate } from './lists';
import { nextPhase } from './nextPhase';

export type TemplateKind = 'next-phase' | 'fix-block' | 'dated-update' | 'metrics-table' | 'acceptance-criterion' | 'lesson';

export const TEMPLATE_KINDS: readonly TemplateKind[] = ['next-phase', 'fix-block', 'dated-update', 'metrics-table', 'acceptance-criterion', 'lesson'];

export interface TemplateOptions {
  /** Phase title, problem summary, update summary, or the criterion / lesson text. */
  title?: string;
  /** The date written into dated templates; defaults to now. */
  now?: Date;
  /**
   * Cursor offset. fix-block, dated-update and metrics-table go after the section the cursor
   * is in; acceptance-criterion and lesson pick the nearest matching list before it.
   * Ignored by next-phase.
   */
  offset?: number;
}

const DEFAULTS: Record<TemplateKind, string> = {
  'next-phase': 'New phase',
  'fix-block': 'Describe the problem in one line',
  'dated-update': 'What this session changed',
  'metrics-table': '',
  'acceptance-criterion': 'Describe a result anyone can check',
  lesson: 'What this work taught us',
};

/** Edits (insertions, plus the `of N` total for a new phase) that add a template to `text`. */
export function insertTemplate(text: string, plan: Plan, kind: TemplateKind, options: TemplateOptions = {}): TextEdit[] {
  const title = oneLine(options.title) ?? DEFAULTS[kind];
  const now = options.now ?? new Date();
  switch (kind) {
    case 'next-phase':
      return nextPhase(text, plan, title);
    case 'fix-block': {
      const blocks = documentBlocks(text);
      const at = afterCursorSection(text, plan, blocks, options.offset);
      let depth = 4;
      if (options.offset !== undefined) {
        const h = enclosingHeading(plan, options.offset);
        if (h) depth = /^\W*(?:problem|issue)\s*:/i.test(h.text) ? h.depth : h.depth + 1;
      }
      return [insertNodes(text, plan, at, fixNodes(depth, title))];
    }
    case 'dated-update': {
      const at = afterCursorSection(text, plan, documentBlocks(text), options.offset);
      return [insertNodes(text, plan, at, updateNodes(isoDate(now), title))];
    }
    case 'metrics-table': {
      const at = afterCursorSection(text, plan, documentBlocks(text), options.offset);
      return [insertNodes(text, plan, at, [metricsTable()])];
    }
    case 'acceptance-criterion':
      return listTemplate(text, plan, options.offset, /acceptance|criteria/i, 'Acceptance Criteria', false, (ordered, next) => {
        const it = item([para(txt(title))], false);
        return ordered ? numbered(next, it) : bullets(it);
      });
    case 'lesson':
      return listTemplate(text, plan, options.offset, /lesson/i, 'Lessons', true, (ordered, next) => {
        const it = item([para(txt(`${isoDate(now)}: ${title}`))]);
        return ordered ? numbered(next, it) : bullets(it);
      });
    default: {
      const never: never = kind;
      throw new Error(`Unknown template "${String(never)}"; allowed: ${TEMPLATE_KINDS.join(', ')}.`);
    }
  }
}
