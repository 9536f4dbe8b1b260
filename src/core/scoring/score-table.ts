import type { Questionnaire } from '../questionnaire/model.js';
import type { MissingColumn } from './column-plan.js';
import type { CellProblem } from './read-answers.js';
import type { Result } from './result.js';
import type { Problem } from '../problem.js';
import {
  addRecord,
  beginTable,
  endSelection,
  endTable,
  finishScoring,
  startScoring,
  type ScoreOptions,
} from './scorer.js';

export interface TableScore {
  /** Null when a needed column is missing or a cell is invalid (without skipInvalid). */
  result: Result | null;
  missing: MissingColumn[];
  /** An exclude list that does not fit the table (row numbers that are not numbers): no result. */
  selectProblems: Problem[];
  problems: CellProblem[];
  invalidCells: number;
}

/**
 * Scores an in-memory table: a header and rows of cell texts (row i is reported as line i + 2,
 * as if the header were line 1 of a CSV). The pure counterpart of scoring files; `options.selection`
 * drops rows as `--where` and `--exclude` do.
 * @example scoreTable(q, ['respondent', 'T1_E', 'T1_P'], [['r1', '7', '5']])
 */
export function scoreTable(
  q: Questionnaire,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: ScoreOptions = {},
): TableScore {
  const state = startScoring(q, options);
  const { table, missing, selectProblems } = beginTable(state, header);
  if (missing.length > 0 || selectProblems.length > 0)
    return { result: null, missing, selectProblems, problems: [], invalidCells: 0 };
  rows.forEach((row, i) => {
    addRecord(state, table, row, i + 2);
  });
  endTable(state, table, '');
  endSelection(state);
  const failed = state.invalidCells > 0;
  return {
    result: failed ? null : finishScoring(state),
    missing: [],
    selectProblems: [],
    problems: state.problems,
    invalidCells: state.invalidCells,
  };
}

/** Rows given as objects keyed by column name (as csv-parse's `columns: true` gives them). */
export function scoreObjects(
  q: Questionnaire,
  rows: readonly Record<string, string | number | null | undefined>[],
  options: ScoreOptions = {},
): TableScore {
  const header = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) =>
    header.map((column) => {
      const value = row[column];
      return value === null || value === undefined ? '' : String(value);
    }),
  );
  return scoreTable(q, header, cells, options);
}
