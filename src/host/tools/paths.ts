/**
 * How the language-model tools read what a model names: a plan file as a path inside the
 * workspace, and the sentence a confirmation shows before an edit. No `vscode` import:
 * unit-tested.
 */
import { PhasewiseError, STATUS_NAMES, type KnownStatus, type Status } from '../../core';

/** The prefix of every tool's name in VS Code (`phasewise_read_plan`). */
export const LM_TOOL_PREFIX = 'phasewise_';

export class ToolInputError extends PhasewiseError {
  constructor(message: string) {
    super(message, 'usage');
  }
}

/** True for a path given from the file system's root (`/home/x/plan.md`, `C:\plan.md`, `\\server\share`). */
export function isAbsoluteToolPath(file: string): boolean {
  return file.startsWith('/') || file.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(file);
}

/**
 * The segments of a relative path, `.` and `..` resolved; an error when the path is empty,
 * names the folder itself, or climbs out of it.
 */
export function toolPathSegments(file: string): string[] {
  if (!file.trim() || file.includes('\0')) throw new ToolInputError('Give the plan file as a path inside the workspace, e.g. docs/plan.md.');
  const out: string[] = [];
  for (const seg of file.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!out.length) throw new ToolInputError(`${file} is outside the workspace; the tools read only files inside its folders.`);
      out.pop();
    } else out.push(seg);
  }
  if (!out.length) throw new ToolInputError(`${file} names the workspace folder itself; give a Markdown file inside it.`);
  return out;
}

/**
 * The relative paths to try for `segments` in a folder named `folderName`: the path itself and,
 * when it starts with the folder's name (as VS Code names files in a multi-root workspace), the
 * rest of it.
 */
export function candidatePaths(segments: readonly string[], folderName: string, multiRoot: boolean): string[][] {
  const out = [segments.slice()];
  if (multiRoot && segments.length > 1 && segments[0] === folderName) out.unshift(segments.slice(1));
  return out;
}

/** What a confirmation says before a status change. */
export function statusConfirmation(file: string, label: string | undefined, from: Status | undefined, to: KnownStatus): { title: string; message: string } {
  const change = from && from !== 'unknown' ? `${STATUS_NAMES[from]} → ${STATUS_NAMES[to]}` : `to ${STATUS_NAMES[to]}`;
  return { title: 'Phasewise: change a status in the plan?', message: `${file}: ${label ?? 'the phase or task named'} — ${change}` };
}

/** What a confirmation says before a section is inserted. */
export function sectionConfirmation(file: string, template: string, title: string | undefined): { title: string; message: string } {
  return { title: 'Phasewise: add a section to the plan?', message: `${file}: insert ${template}${title ? ` “${title}”` : ''}` };
}

/** `text` as Markdown that shows exactly that text: every character Markdown could read as markup escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');
}
