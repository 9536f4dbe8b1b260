import type { Plan, PlanRow } from '../core/plan/plan.js';
import { htmlHead } from './html-style.js';
import { htmlLabelsFor } from './html-labels.js';
import { fill, respondentsLine } from './labels.js';
import { esc } from './svg/common.js';
import { planCells, planHeader, planHeading, planNotes, segmentHeading } from './view/plan.js';

function table(plan: Plan, rows: readonly PlanRow[], name: string): string {
  const header = planHeader(plan);
  return [
    `<div class="table-wrap"><table data-table="${esc(name)}"><thead><tr>${header.map((h, i) => `<th${i === 0 ? '' : ' class="num"'}>${esc(h)}</th>`).join('')}</tr></thead><tbody>`,
    ...rows.map((r) => {
      const [name0, ...rest] = planCells(plan, r);
      return `<tr data-target="${esc(r.target)}"><th>${esc(name0 ?? '')}</th>${rest.map((c) => `<td class="num">${esc(c)}</td>`).join('')}</tr>`;
    }),
    '</tbody></table></div>',
  ].join('\n');
}

/**
 * A plan as one self-contained HTML page (no scripts, no requests; the report's stylesheet): the
 * notes, the table of sizes, and one table per segment. Every string from the files is escaped.
 */
export function renderPlanHtml(plan: Plan, options: { generatedBy?: string } = {}): string {
  const language = plan.questionnaire.language === 'ru' ? 'ru' : 'en';
  const h = htmlLabelsFor(language);
  const title = planHeading(plan);
  const by = options.generatedBy;
  const parts = [
    ...htmlHead({ language, title, generatedBy: by }),
    '<body>',
    '<main>',
    `<header>\n<h1>${esc(title)}</h1>`,
    ...planNotes(plan, respondentsLine(plan.respondents, language)).map((n) => `<p class="note">${esc(n)}</p>`),
    '</header>',
    `<section data-section="plan">\n${table(plan, plan.rows, 'plan')}\n</section>`,
    ...plan.segments.map(
      (s) =>
        `<section data-section="segment">\n<h2>${esc(segmentHeading(plan, s))}</h2>\n${table(plan, s.rows, 'plan-segment')}\n</section>`,
    ),
    ...(by ? [`<footer><p>${esc(fill(h.generatedBy, { by }))}</p></footer>`] : []),
    '</main>',
    '</body>',
    '</html>',
  ];
  return `${parts.join('\n')}\n`;
}
