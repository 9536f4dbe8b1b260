import type { Plan, PlanRow } from '../../core/plan/plan.js';
import type { Language } from '../../core/questionnaire/model.js';
import { fixed } from '../format.js';
import { htmlLabelsFor } from '../html-labels.js';
import { fill, labelsFor } from '../labels.js';
import { planLabelsFor } from '../plan-labels.js';

/** Decimals a row's figures are written with: NPS and CSAT are percentages (1), gaps and CES means (2). */
function digitsOf(row: PlanRow): number {
  return row.type === 'nps' || row.type === 'csat' ? 1 : 2;
}

/** A row's name for people: the localised overall names, a KPI's id with its type, else its label. */
function rowName(row: PlanRow, language: Language): string {
  const l = labelsFor(language);
  if (row.target === 'overall:weighted') return l.weighted;
  if (row.target === 'overall:unweighted') return l.unweighted;
  return row.type ? `${row.type.toUpperCase()} (${row.label})` : row.label;
}

/** What a row's last cell says when there is no size: the reason. */
function reasonText(plan: Plan, row: PlanRow): string {
  const t = planLabelsFor(plan.questionnaire.language);
  switch (row.reason) {
    case 'no-goal':
      return plan.goal.kind === 'margin' ? t.noGoalMargin : t.noGoalDetect;
    case 'too-few':
      return t.tooFew;
    case 'no-spread':
      return t.noSpread;
    case 'too-many':
      return t.tooMany;
    default:
      return '–';
  }
}

/** The column headings of a plan's tables. */
export function planHeader(plan: Plan): string[] {
  const t = planLabelsFor(plan.questionnaire.language);
  return plan.goal.kind === 'margin'
    ? [t.measure, t.sd, t.nNow, t.margin, t.needed, t.expected]
    : [t.measure, t.sd, t.nNow, t.change, t.perWave, t.power];
}

/** A row's cells under planHeader (strings from the files as they are: each renderer escapes). */
export function planCells(plan: Plan, row: PlanRow): string[] {
  const digits = digitsOf(row);
  const achieved =
    row.achieved === null ? '' : plan.goal.kind === 'margin' ? fixed(row.achieved, digits + 1) : fixed(row.achieved, 3);
  return [
    rowName(row, plan.questionnaire.language),
    fixed(row.sd, digits),
    String(row.n),
    fixed(row.goal, digits),
    row.respondents === null ? reasonText(plan, row) : String(row.respondents),
    achieved,
  ];
}

/** The notes above the tables: what was asked, and what the sizes rest on. */
export function planNotes(plan: Plan, respondentsText: string): string[] {
  const t = planLabelsFor(plan.questionnaire.language);
  const { goal } = plan;
  const asked =
    goal.kind === 'margin'
      ? fill(t.marginNote, { margin: String(goal.target) })
      : fill(t.detectNote, { detect: String(goal.target), power: String(goal.power), alpha: String(goal.alpha) });
  return [asked, fill(t.basis, { respondents: respondentsText })];
}

/** The heading of a segment's table. */
export function segmentHeading(plan: Plan, segment: Plan['segments'][number]): string {
  const t = planLabelsFor(plan.questionnaire.language);
  const value = segment.value === '' ? htmlLabelsFor(plan.questionnaire.language).blank : segment.value;
  return fill(t.segment, { column: segment.column, value, scored: String(segment.respondents.scored) });
}

/** The report's heading. */
export function planHeading(plan: Plan): string {
  return fill(planLabelsFor(plan.questionnaire.language).heading, { title: plan.questionnaire.title });
}
