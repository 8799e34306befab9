/**
 * The instructions block for coding agents (AGENTS.md and the like): how to read a plan and
 * keep it true through the Phasewise tools. Kept between two marker comments, so that writing
 * it again replaces the block instead of adding a second one.
 */
import { applyEdits } from './edits';
import { replaceMarkedBlock } from './markedBlock';

export const AGENT_BLOCK_START = '<!-- phasewise:agents:start -->';
export const AGENT_BLOCK_END = '<!-- phasewise:agents:end -->';

/** The block's text in our own words, between its markers, with `eol` line endings. */
export function agentInstructions(eol: '\n' | '\r\n' = '\n'): string {
  const lines = [
    AGENT_BLOCK_START,
    '## Working with the execution plans',
    '',
    'The plans in this repository are Markdown files with phases, statuses, tasks and a Phase',
    'Overview table. Phasewise keeps them consistent; use its tools (MCP server `phasewise mcp`,',
    'or the `phasewise_*` tools in VS Code) rather than editing statuses by hand.',
    '',
    '- Before starting, call `next_step` (or `read_plan`) to see the current phase and the first',
    '  open task; work on that phase.',
    '- When a task or phase changes state, call `set_status` with the `revision` you read. It edits',
    '  the status where the file keeps it and updates the overview table and Current Phase line.',
    '  Never change those by hand, and do not mark work completed before it is done and tested.',
    '- If `set_status` says the file changed, call `read_plan` again and retry.',
    '- Run `check_plan` before you finish; fix what it reports.',
    '- Add sections with `add_section` (next-phase, fix-block, dated-update, lesson, ...).',
    AGENT_BLOCK_END,
  ];
  return lines.join(eol) + eol;
}

/**
 * `text` with the instructions block: the existing block (between the markers) replaced, or
 * the block appended after a blank line. Line endings follow the text.
 */
export function withAgentInstructions(text: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const block = agentInstructions(eol);
  const replaced = replaceMarkedBlock(text, AGENT_BLOCK_START, AGENT_BLOCK_END, block, eol);
  if (replaced) return applyEdits(text, [replaced]);
  if (!text.length) return block;
  const sep = text.endsWith(eol + eol) ? '' : text.endsWith(eol) ? eol : eol + eol;
  return text + sep + block;
}
