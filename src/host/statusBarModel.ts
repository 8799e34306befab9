/**
 * What the status bar item says about a plan: `Phase 3/6 · 33%`, or `4/9 tasks done` for a
 * tracker or task list, with its tooltip, spoken text and click. No `vscode` import: unit-tested.
 */
import { currentPhaseIndex, progress, type Plan, STATUS_NAMES, percent, phaseName } from '../core';
import { Command, type CommandId } from './ids';
import { Icon, iconText } from './icons';
import { RichText } from './richText';

export interface StatusBarView {
  text: string;
  /** Plain text for screen readers. */
  accessibility: string;
  tooltip: RichText;
  command: CommandId;
  /** The click's title. */
  commandTitle: string;
}

/** The top-level phase that holds phase `index` (itself when it is top-level). */
function topLevel(plan: Plan, index: number): number {
  let i = index;
  for (let guard = 0; plan.phases[i]?.parent !== undefined && guard < 64; guard++) i = plan.phases[i].parent!;
  return i;
}

/** What the item shows for a plan; undefined when there is nothing to show (no phases, no tasks). */
export function statusBarView(plan: Plan, path: string): StatusBarView | undefined {
  const md = new RichText();
  const title = plan.title?.trim() || path;
  md.bold(title).markdown('\n\n').text(path);
  const icon = iconText(Icon.progress);

  const count = progress(plan);
  if (plan.phases.length) {
    const top = plan.phases.map((p, i) => ({ p, i })).filter(({ p }) => p.parent === undefined);
    // The progress view's rounding: 100% only when all is done, 0% only when nothing is.
    const pct = percent(count.completed, count.total);
    const cur = currentPhaseIndex(plan);
    let text: string;
    let spoken: string;
    if (cur === undefined) {
      text = `${icon} ${count.completed}/${count.total} phases · ${pct}%`;
      spoken = `${count.completed} of ${count.total} phases completed, ${pct} percent`;
    } else {
      const p = plan.phases[cur];
      const position = top.findIndex(({ i }) => i === topLevel(plan, cur)) + 1;
      const n = p.number ?? String(position || cur + 1);
      text = `${icon} Phase ${n}/${top.length} · ${pct}%`;
      spoken = `Phase ${n} of ${top.length}, ${pct} percent of phases completed`;
      md.markdown('\n\n').markdown('Current phase: **').text(phaseName(p)).markdown('**\n\n');
      md.text(`Status: ${p.mark ? p.mark.text : STATUS_NAMES[p.status]}`);
    }
    md.markdown('\n\n').text(`${count.completed} of ${count.total} phases completed (${pct}%)`);
    md.markdown('\n\n*Click to go to the current phase.*');
    return { text, accessibility: `Phasewise: ${spoken}`, tooltip: md, command: Command.goToCurrentPhase, commandTitle: 'Go to Current Phase' };
  }
  if (plan.tasks.length) {
    const text = `${icon} ${count.completed}/${count.total} tasks done`;
    md.markdown('\n\n').text(`${count.completed} of ${count.total} tasks done (${percent(count.completed, count.total)}%)`);
    md.markdown('\n\n*Click to go to the next open task.*');
    return {
      text,
      accessibility: `Phasewise: ${count.completed} of ${count.total} tasks done`,
      tooltip: md,
      command: Command.resume,
      commandTitle: 'Go to the Next Open Task',
    };
  }
  return undefined;
}
