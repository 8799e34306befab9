/** How a plan writes its labelled lines: `**Status:** x`, `**Status**: x`, `Status: x` or `**Status: x**`. */
import type { FieldStyle, Plan } from './model';

/**
 * The style a new field of a phase or task is written in: that of the last phase's Status
 * line, else the style most of the phases' fields use (the document's own fields when no
 * phase has any), `**Key:**` when nothing decides.
 */
export function fieldStyleOf(plan: Plan): FieldStyle {
  for (let i = plan.phases.length - 1; i >= 0; i--) {
    const f = plan.phases[i].fields.find((x) => x.name === 'status');
    if (f) return f.style;
  }
  const counts: Record<FieldStyle, number> = { 'colon-inside': 0, 'colon-outside': 0, plain: 0, 'all-bold': 0 };
  for (const p of plan.phases) for (const f of p.fields) counts[f.style]++;
  if (!plan.phases.some((p) => p.fields.length)) for (const f of plan.fields) counts[f.style]++;
  if (counts['colon-outside'] > counts['colon-inside'] && counts['colon-outside'] >= counts.plain) return 'colon-outside';
  if (counts.plain > counts['colon-inside'] && counts.plain > counts['colon-outside']) return 'plain';
  if (counts['all-bold'] > counts['colon-inside'] && counts['all-bold'] > counts['colon-outside'] && counts['all-bold'] > counts.plain) return 'all-bold';
  return 'colon-inside';
}

/** One field line in `style`. */
export function formatField(style: FieldStyle, key: string, value: string): string {
  switch (style) {
    case 'colon-outside':
      return `**${key}**: ${value}`;
    case 'plain':
      return `${key}: ${value}`;
    case 'all-bold':
      return `**${key}: ${value}**`;
    default:
      return `**${key}:** ${value}`;
  }
}
