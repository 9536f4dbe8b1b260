import type { Questionnaire } from '../questionnaire/model.js';
import { parseNumber, quoteCell } from './cells.js';
import type { ColumnPlan } from './column-plan.js';
import type { RespondentAnswers } from './respondent.js';

export interface CellProblem {
  /** The file (or other table) the cell is in. */
  source?: string;
  line: number;
  column: string;
  message: string;
}

/** How the cells of one kind are checked. */
interface CellRule {
  min: number;
  max: number;
  what: string;
}

/**
 * Fills `out` from one CSV record: numbers on the scale, NaN for blank cells. A cell that is not a
 * number on its scale is reported through `report`, and becomes missing (the caller decides whether
 * that ends the run or is counted under --skip-invalid). Returns how many cells were invalid.
 */
export function readAnswers(
  q: Questionnaire,
  plan: ColumnPlan,
  record: readonly string[],
  line: number,
  out: RespondentAnswers,
  report: (problem: CellProblem) => void,
): number {
  let invalid = 0;
  const scale: CellRule = { min: q.scale.min, max: q.scale.max, what: `on the ${q.scale.min}-${q.scale.max} scale` };
  const cell = (index: number, rule: CellRule | null): number => {
    if (index < 0) return Number.NaN;
    const text = record[index] ?? '';
    const value = parseNumber(text);
    if (value !== undefined && (Number.isNaN(value) || rule === null || (value >= rule.min && value <= rule.max))) return value;
    invalid++;
    const what = rule === null ? '' : ` ${rule.what}`;
    report({ line, column: plan.header[index] ?? String(index + 1), message: `${quoteCell(text)} is not a number${what}` });
    return Number.NaN;
  };

  for (let i = 0; i < plan.perception.length; i++) {
    out.expectation[i] = cell(plan.expectation[i] as number, scale);
    out.perception[i] = cell(plan.perception[i] as number, scale);
    out.minimum[i] = cell(plan.minimum[i] as number, scale);
    out.desired[i] = cell(plan.desired[i] as number, scale);
  }
  // A weight only needs to be a number: negative or odd allocations fall back to fixed weights.
  for (let d = 0; d < plan.weight.length; d++) out.weight[d] = cell(plan.weight[d] as number, null);
  q.kpis.forEach((kpi, k) => {
    const rule = { ...kpi.scale, what: `on the ${kpi.scale.min}-${kpi.scale.max} scale of ${kpi.id}` };
    out.kpi[k] = cell(plan.kpi[k] as number, rule);
  });
  const id = plan.respondent >= 0 ? (record[plan.respondent] ?? '').trim() : '';
  out.id = id === '' ? null : id;
  plan.groupBy.forEach((index, g) => {
    out.groups[g] = index >= 0 ? (record[index] ?? '').trim() : '';
  });
  return invalid;
}
