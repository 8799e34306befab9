/**
 * The data behind the Progress view, the messages exchanged with its webview, and the static
 * page shell. Pure: no `vscode` import, so it is unit-testable in plain Node.
 *
 * The shell never contains plan text. The plan arrives as a `model` message and the page script
 * (media/progress.js) renders it with DOM APIs and `textContent` only.
 */
import * as z from 'zod/mini';
import { currentPhaseIndex, phaseLabel, percent, plainLabel, STATUS_NAMES } from '../core';
import { type Phase, type Plan, StatusSchema } from '../core';
import { isOverrun, phaseActual, phaseEstimate, phaseTaskCounts, progress, trackerRollup } from '../core';
import { STATUS_GLYPHS } from './icons';

// ---- the model ----

const count = z.int().check(z.nonnegative());

export const ProgressPhaseSchema = z.object({
  /** Index into `Plan.phases`. */
  index: count,
  /** `Phase 3`, or the phase ID, or its title when it has neither. */
  label: z.string(),
  title: z.string(),
  status: StatusSchema,
  /** The status in words (the core's STATUS_NAMES) and as a text glyph (icons.ts), for the page to show. */
  statusName: z.string(),
  glyph: z.string(),
  /** Tasks and steps completed, out of `total`, directly in this phase. */
  done: count,
  total: count,
  /** 0-based line of the phase heading. */
  line: count,
  /** How many phases enclose this one, 0 for top-level phases. */
  depth: count,
  current: z.boolean(),
  /** How long the phase has been in progress, in milliseconds, when known. */
  inProgressMs: z.optional(z.number().check(z.nonnegative())),
  /** Its timer is paused (Pause Timer): the time shown stands still. */
  paused: z.optional(z.boolean()),
  /** The estimate the plan writes for the phase, in milliseconds. */
  estimateMs: z.optional(z.number().check(z.nonnegative())),
  /** The time the phase took: its Actual Duration field once completed, else the measured time. */
  actualMs: z.optional(z.number().check(z.nonnegative())),
  /** The actual time is past OVERRUN_FACTOR times the estimate. */
  overrun: z.optional(z.boolean()),
});
export type ProgressPhase = z.infer<typeof ProgressPhaseSchema>;

export const ProgressModelSchema = z.object({
  file: z.string(),
  title: z.string(),
  /** Phases completed out of all phases (tasks when the document has no phases). */
  completed: count,
  total: count,
  /** `completed / total` as an integer percentage, 0 when there is nothing to count. */
  percent: z.int().check(z.minimum(0), z.maximum(100)),
  /** Index of the current phase, when there is one. */
  current: z.optional(count),
  phases: z.array(ProgressPhaseSchema),
  /** A tracker's rollups: entries by status and by priority, effort estimated against actual. */
  tracker: z.optional(
    z.object({
      byStatus: z.array(z.object({ statusName: z.string(), glyph: z.string(), count })),
      byPriority: z.array(z.object({ priority: z.string(), done: count, total: count })),
      estimateMs: z.optional(z.number().check(z.nonnegative())),
      actualMs: z.optional(z.number().check(z.nonnegative())),
    }),
  ),
});
export type ProgressModel = z.infer<typeof ProgressModelSchema>;

function fileTitle(file: string): string {
  const base = file.split(/[\\/]/).filter(Boolean).pop() ?? file;
  return base.replace(/\.(md|markdown)$/i, '') || file;
}

/** How many phases enclose this one (0 for a top-level phase). */
function nesting(plan: Plan, phase: Phase): number {
  let depth = 0;
  const seen = new Set<number>();
  for (let p = phase.parent; p !== undefined && !seen.has(p); p = plan.phases[p]?.parent) {
    seen.add(p);
    depth++;
  }
  return depth;
}

export function progressModel(
  file: string,
  plan: Plan,
  inProgressMs?: (phase: Phase, index: number) => number | undefined,
  paused?: (phase: Phase, index: number) => boolean,
): ProgressModel {
  const { completed, total } = progress(plan);
  const current = currentPhaseIndex(plan);
  const phases = plan.phases.map((phase, index): ProgressPhase => {
    const { done, total: steps } = phaseTaskCounts(plan, phase);
    const row: ProgressPhase = {
      index,
      label: phaseLabel(phase),
      title: plainLabel(phase.title),
      status: phase.status,
      statusName: STATUS_NAMES[phase.status],
      glyph: STATUS_GLYPHS[phase.status],
      done,
      total: steps,
      line: phase.line,
      depth: nesting(plan, phase),
      current: index === current,
    };
    const ms = inProgressMs?.(phase, index);
    const measured = ms !== undefined && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
    if (measured !== undefined) row.inProgressMs = measured;
    if (measured !== undefined && phase.status === 'in-progress' && paused?.(phase, index)) row.paused = true;
    const estimate = phaseEstimate(plan, phase);
    const actual = (phase.status === 'completed' ? phaseActual(phase) : undefined) ?? measured;
    if (estimate !== undefined) row.estimateMs = estimate;
    if (actual !== undefined) row.actualMs = actual;
    if (isOverrun(actual, estimate)) row.overrun = true;
    return row;
  });
  const title = plainLabel(plan.title ?? '') || fileTitle(file);
  return {
    file,
    title,
    completed,
    total,
    percent: percent(completed, total),
    ...(current !== undefined ? { current } : {}),
    phases,
    ...trackerPart(plan),
  };
}

function trackerPart(plan: Plan): Pick<ProgressModel, 'tracker'> {
  const r = trackerRollup(plan);
  if (!r) return {};
  return {
    tracker: {
      byStatus: r.byStatus.map((s) => ({ statusName: STATUS_NAMES[s.status], glyph: STATUS_GLYPHS[s.status], count: s.count })),
      byPriority: r.byPriority,
      ...(r.estimate !== undefined ? { estimateMs: r.estimate } : {}),
      ...(r.actual !== undefined ? { actualMs: r.actual } : {}),
    },
  };
}

// ---- messages ----

/** Extension → webview. `null` shows the empty state. */
export const HostMessageSchema = z.strictObject({
  type: z.literal('model'),
  model: z.nullable(ProgressModelSchema),
});
export type HostMessage = z.infer<typeof HostMessageSchema>;

/** Webview → extension. */
export const WebviewMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('reveal'), index: count, line: count }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;

export function parseWebviewMessage(x: unknown): WebviewMessage | undefined {
  const result = WebviewMessageSchema.safeParse(x);
  return result.success ? result.data : undefined;
}

// ---- the page shell ----

export interface ProgressHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  /** `webview.asWebviewUri(...)` of media/progress.js, as a string. */
  scriptUri: string;
  /** `webview.asWebviewUri(...)` of media/progress.css, as a string. */
  styleUri: string;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A source list for one directive: no directive separators, single spaces. */
function cspSources(value: string): string {
  return value.replace(/[;,]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A nonce is base64 or hex; anything else is dropped rather than spliced into the policy. */
function cspNonce(value: string): string {
  return value.replace(/[^A-Za-z0-9+/=_-]/g, '');
}

export function progressHtml(opts: ProgressHtmlOptions): string {
  const source = cspSources(opts.cspSource);
  const nonce = cspNonce(opts.nonce);
  const csp = [`default-src 'none'`, `style-src ${source}`, `script-src 'nonce-${nonce}'`, `img-src ${source} data:`, `font-src ${source}`].join('; ') + ';';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(opts.styleUri)}">
<title>Progress</title>
</head>
<body>
<main id="root" class="root"></main>
<div id="announce" class="visually-hidden" role="status" aria-live="polite"></div>
<script nonce="${attr(nonce)}" src="${attr(opts.scriptUri)}"></script>
</body>
</html>
`;
}

/** 32 hex characters from a cryptographic random source. */
export function makeNonce(): string {
  // Web Crypto: available in Node and in a browser extension host alike.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
