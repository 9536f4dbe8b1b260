import type { Plan } from '../core/plan/plan.js';
import { respondentsLine } from './labels.js';
import { markdownText } from './markdown.js';
import { planCells, planHeader, planHeading, planNotes, segmentHeading } from './view/plan.js';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const rule = header.map((_, i) => (i === 0 ? ':---' : '---:'));
  return [header, rule, ...rows].map((row) => `| ${row.map(markdownText).join(' | ')} |`);
}

/** A plan as GitHub-flavoured Markdown: the notes, then a table of sizes (and one per segment). Text from the files is escaped. */
export function renderPlanMarkdown(plan: Plan): string {
  const language = plan.questionnaire.language;
  const header = planHeader(plan);
  const out: string[] = [`## ${markdownText(planHeading(plan))}`, ''];
  for (const note of planNotes(plan, respondentsLine(plan.respondents, language))) out.push(markdownText(note), '');
  out.push(
    ...table(
      header,
      plan.rows.map((r) => planCells(plan, r)),
    ),
    '',
  );
  for (const segment of plan.segments) {
    out.push(`### ${markdownText(segmentHeading(plan, segment))}`, '');
    out.push(
      ...table(
        header,
        segment.rows.map((r) => planCells(plan, r)),
      ),
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
