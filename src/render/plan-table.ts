import { Chalk } from 'chalk';
import type { Plan } from '../core/plan/plan.js';
import { mapStrings, terminalText } from '../core/text/safe-text.js';
import { wrap } from './format.js';
import { respondentsLine } from './labels.js';
import { renderPlainTable } from './plain-table.js';
import { planCells, planHeader, planHeading, planNotes, segmentHeading } from './view/plan.js';

/**
 * The terminal report of a plan: the notes (what was asked, what it rests on), then one table of
 * every measure's size (and one per segment with --group-by), readable at 80 columns.
 */
export function renderPlanTable(input: Plan, options: { color: boolean; width?: number }): string {
  // Every string of the plan (titles, labels, segment values) comes from the files: escaped once here.
  const plan = mapStrings(input, terminalText);
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const width = options.width ?? 80;
  const language = plan.questionnaire.language;
  const out: string[] = [paint.bold(planHeading(plan))];
  for (const note of planNotes(plan, respondentsLine(plan.respondents, language))) {
    out.push(...wrap(note, width).map((line) => paint.dim(line)));
  }
  const header = planHeader(plan);
  out.push(
    '',
    renderPlainTable(
      header,
      plan.rows.map((r) => planCells(plan, r)),
    ).trimEnd(),
  );
  for (const segment of plan.segments) {
    out.push(
      '',
      paint.bold.underline(segmentHeading(plan, segment)),
      renderPlainTable(
        header,
        segment.rows.map((r) => planCells(plan, r)),
      ).trimEnd(),
    );
  }
  return `${out.join('\n')}\n`;
}
