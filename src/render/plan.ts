import type { Plan } from '../core/plan/plan.js';
import { type PlanFormat, unreachable } from './formats.js';
import { renderPlanHtml } from './plan-html.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import { renderPlanTable } from './plan-table.js';

/** A plan as the text of one `plan` format; JSON keeps every number unrounded, in the plan's own key order. */
export function renderPlan(plan: Plan, format: PlanFormat, options: { color: boolean; generatedBy?: string }): string {
  switch (format) {
    case 'table':
      return renderPlanTable(plan, { color: options.color });
    case 'json':
      return `${JSON.stringify(plan, null, 2)}\n`;
    case 'markdown':
      return renderPlanMarkdown(plan);
    case 'html':
      return renderPlanHtml(plan, options.generatedBy !== undefined ? { generatedBy: options.generatedBy } : {});
    default:
      return unreachable(format);
  }
}
