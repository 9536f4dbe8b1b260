import type { Problem } from '../problem.js';
import { allItems, itemScale, type Questionnaire } from '../questionnaire/model.js';
import { isBuiltInMissing } from '../sources/labels.js';
import { quoteCell, type RecordCells } from './cells.js';
import type { ColumnPlan } from './column-plan.js';
import type { RespondentAnswers } from './respondent.js';
import { crossValue } from './segment-key.js';

export interface CellProblem extends Problem {
  code: 'invalid-cell';
  /** The file (or other table) the cell is in. */
  source?: string;
  line: number;
  /** The column's header name, and its position in the record (0-based). */
  column: string;
  index: number;
  message: string;
}

/**
 * The value of one cell: NaN when blank or when the header lacks the column (index -1), undefined
 * when it is not a number in [min, max]. A module-level function, not a closure, because it runs
 * for every cell of every row.
 */
function cellValue(record: RecordCells, index: number, min: number, max: number): number | undefined {
  if (index < 0) return Number.NaN;
  const value = record.number(index);
  if (value === undefined || Number.isNaN(value) || (value >= min && value <= max)) return value;
  return undefined;
}

/**
 * Why a cell is not an answer: its text, and the scale it is not on (`item` >= 0: an answer of
 * that item, on its scale; `kpi` >= 0: that KPI's answer; else a weight, any number).
 */
function invalidCellMessage(q: Questionnaire, record: RecordCells, index: number, kpi: number, item: number): string {
  const rule = q.kpis[kpi];
  const answered = allItems(q)[item];
  const scale = answered ? itemScale(q, answered) : undefined;
  const what = rule
    ? ` on the ${rule.scale.min}-${rule.scale.max} scale of ${rule.id}`
    : scale
      ? ` on the ${scale.min}-${scale.max} scale${answered?.scale ? ` of item ${answered.id}` : ''}`
      : '';
  return `${quoteCell(record.text(index))} is not a number${what}`;
}

/** Where `readAnswers` lists invalid cells: the first `max` of them, each tagged with the table's name. */
export interface ProblemList {
  problems: CellProblem[];
  max: number;
  source: string;
}

/**
 * Fills `out` from one CSV record: numbers on the scale, NaN for blank cells and built-in missing
 * codes. A cell that is not a number on its scale is listed in `found` and becomes missing (the
 * caller decides whether that ends the run or is counted under --skip-invalid). Returns how many
 * cells were invalid.
 */
export function readAnswers(
  q: Questionnaire,
  plan: ColumnPlan,
  record: RecordCells,
  line: number,
  out: RespondentAnswers,
  found: ProblemList,
): number {
  let invalid = 0;
  const { itemMin, itemMax } = plan;
  // Only on the rare invalid cell: count it, report it, read it as missing (`kpi` -1: an answer of `item`, -2: a weight).
  // A built-in missing code (NA, N/A, "Don't know", -99...) is a missing answer, not an invalid one.
  const reject = (index: number, kpi: number, item = -1): number => {
    if (isBuiltInMissing(record.text(index))) return Number.NaN;
    invalid++;
    if (found.problems.length < found.max)
      found.problems.push({
        code: 'invalid-cell',
        line,
        column: plan.header[index] ?? String(index + 1),
        index,
        message: invalidCellMessage(q, record, index, kpi, item),
        source: found.source,
      });
    return Number.NaN;
  };
  // Item by item, in the order the problems are listed.
  // Only the format's answers: the others have no column and stay NaN (as `emptyAnswers` made them).
  const twoColumn = q.format === 'two-column';
  const threeColumn = q.format === 'three-column';
  for (let i = 0; i < plan.perception.length; i++) {
    const min = itemMin[i] as number;
    const max = itemMax[i] as number;
    let index: number;
    if (twoColumn) {
      index = plan.expectation[i] as number;
      out.expectation[i] = cellValue(record, index, min, max) ?? reject(index, -1, i);
    }
    index = plan.perception[i] as number;
    out.perception[i] = cellValue(record, index, min, max) ?? reject(index, -1, i);
    if (threeColumn) {
      index = plan.minimum[i] as number;
      out.minimum[i] = cellValue(record, index, min, max) ?? reject(index, -1, i);
      index = plan.desired[i] as number;
      out.desired[i] = cellValue(record, index, min, max) ?? reject(index, -1, i);
    }
  }
  // A weight only needs to be a number: negative or odd allocations fall back to fixed weights.
  for (let d = 0; d < plan.weight.length; d++) {
    const index = plan.weight[d] as number;
    const weight = cellValue(record, index, -Infinity, Infinity) ?? reject(index, -2);
    // -99 and -98 are missing codes, not a negative allocation (checked only on the rare negative cell).
    out.weight[d] = weight < 0 && isBuiltInMissing(record.text(index)) ? Number.NaN : weight;
  }
  for (let k = 0; k < q.kpis.length; k++) {
    const scale = (q.kpis[k] as Questionnaire['kpis'][number]).scale;
    const index = plan.kpi[k] as number;
    out.kpi[k] = cellValue(record, index, scale.min, scale.max) ?? reject(index, k);
  }
  out.id = plan.respondent >= 0 ? record.text(plan.respondent).trim() : '';
  for (let g = 0; g < plan.groupBy.length; g++) {
    const indexes = plan.groupBy[g] as number[];
    if (indexes.length === 1) {
      const index = indexes[0] as number;
      out.groups[g] = index >= 0 ? record.text(index).trim() : '';
    } else out.groups[g] = crossValue(indexes.map((index) => (index >= 0 ? record.text(index).trim() : '')));
  }
  return invalid;
}
