/**
 * The Plans view's Lessons node: the Gold Nuggets of every log in the workspace, grouped under
 * one node after the plans, each opening its line. No `vscode` import: unit-tested.
 */
import { nuggetEntries, type NuggetEntry, type Plan } from '../../core';
import { Icon, type Codicon } from '../icons';
import { ViewItem } from '../ids';
import { RichText } from '../richText';
import type { UriLike } from './model';

export const LESSONS_ID = 'phasewise:lessons';

export interface LessonsNode {
  readonly type: 'lessons';
  readonly id: typeof LESSONS_ID;
}

export interface NuggetNode<U extends UriLike = UriLike> {
  readonly type: 'nugget';
  /** `<uri>#nugget@<line>`. */
  readonly id: string;
  readonly uri: U;
  readonly entry: NuggetEntry;
  /** The log's name as the view shows it (its workspace-relative path). */
  readonly file: string;
}

export const LESSONS_NODE: LessonsNode = { type: 'lessons', id: LESSONS_ID };

/** The nuggets of the documents, in the order given (then by line). */
export function nuggetNodes<U extends UriLike>(docs: ReadonlyArray<{ uri: U; file: string; text: string; plan: Plan }>): NuggetNode<U>[] {
  return docs.flatMap((d) =>
    d.plan.nuggets.length
      ? nuggetEntries(d.text, d.plan).map((entry) => ({
          type: 'nugget' as const,
          id: `${d.uri.toString()}#nugget@${entry.line}`,
          uri: d.uri,
          entry,
          file: d.file,
        }))
      : [],
  );
}

export interface LessonView {
  label: string;
  description: string;
  icon: Codicon;
  contextValue: string;
  tooltip: RichText;
  line?: number;
}

export function lessonsView(count: number, logs: number): LessonView {
  return {
    label: 'Lessons',
    description: `${count} gold nugget${count === 1 ? '' : 's'}${logs > 1 ? ` in ${logs} logs` : ''}`,
    icon: { id: Icon.nugget },
    contextValue: ViewItem.lessons,
    tooltip: new RichText().bold('Lessons').markdown(' — the Gold Nuggets of the execution logs in this workspace'),
  };
}

export function nuggetView(node: NuggetNode): LessonView {
  const { entry } = node;
  const md = new RichText().bold(entry.text);
  if (entry.problem) md.line('From:', entry.problem);
  md.line('Domain:', entry.domain);
  md.line('Log:', `${node.file}, line ${entry.line + 1}`);
  const label = entry.text.length > 120 ? entry.text.slice(0, 119) + '…' : entry.text;
  return { label, description: `${entry.domain} · ${node.file}`, icon: { id: Icon.nugget }, contextValue: ViewItem.nugget, tooltip: md, line: entry.line };
}
