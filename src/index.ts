/**
 * servqual as a library: the pure core (questionnaire model, scoring, statistics) and the
 * renderers, plus the file readers for convenience.
 *
 * @example
 *   import { loadQuestionnaire, score, renderTable } from 'servqual';
 *   const q = await loadQuestionnaire('questionnaire.yaml');
 *   const result = score(q, [{ respondent: 'r1', T1_E: 7, T1_P: 5, ... }]);
 */
import { UserError, type Diagnostic } from './errors.js';
import type { Questionnaire } from './core/questionnaire/model.js';
import type { Result } from './core/scoring/result.js';
import { scoreObjects } from './core/scoring/score-table.js';
import type { ScoreOptions } from './core/scoring/scorer.js';

export type * from './core/questionnaire/model.js';
export type * from './core/scoring/result.js';
export type { Distribution, Moments } from './core/stats/moments.js';
export type { ScoreOptions, ScoredRow, ScoringState, TableReading } from './core/scoring/scorer.js';
export { SERVQUAL_DIMENSIONS, allItems } from './core/questionnaire/model.js';
export { startScoring, beginTable, addRecord, finishScoring } from './core/scoring/scorer.js';
export { scoreTable, scoreObjects } from './core/scoring/score-table.js';
export * from './core/stats/index.js';
export { renderJson } from './render/json.js';
export { renderTable } from './render/table.js';
export { renderMarkdown } from './render/markdown.js';
export { renderHtml } from './render/html.js';
export { renderCsv } from './render/csv.js';
export { renderJunit } from './render/junit.js';
export { renderXlsx } from './render/xlsx.js';
export { renderComparison } from './render/compare.js';
// Waves: two compared (`servqual compare`), many over time (`trend`), the next one's size (`plan`), and the gates (`check`).
export { compareResults, type Comparison, type CompareOptions } from './core/compare/compare.js';
export { trendOf, type Trend, type WaveInput } from './core/trend/trend.js';
export { planOf, type Plan, type PlanGoal } from './core/plan/plan.js';
export { evaluateChecks } from './core/check/thresholds.js';
export { regressionChecks, type RegressionOptions } from './core/check/regression.js';
export { renderTrend } from './render/trend.js';
export { renderPlan } from './render/plan.js';
export { loadQuestionnaire, checkQuestionnaireText, checkQuestionnaireFile } from './io/read-questionnaire.js';
// scoreFiles, validateQuestionnaire and questionnaireJsonSchema through library.ts: types without Node or zod.
export {
  scoreFiles,
  type ScoreFilesOptions,
  validateQuestionnaire,
  type QuestionnaireValidation,
  questionnaireJsonSchema,
} from './library.js';
export { UserError, type Diagnostic, formatDiagnostic } from './errors.js';

/**
 * Scores respondents given as objects keyed by CSV column name (numbers or numeric strings; blank,
 * null or undefined is a missing answer). Throws a UserError naming every missing column or bad cell.
 * @example score(q, [{ respondent: 'r1', T1_E: 7, T1_P: 5 }]).overall.weighted.mean
 */
export function score(
  questionnaire: Questionnaire,
  rows: readonly Record<string, string | number | null | undefined>[],
  options: ScoreOptions = {},
): Result {
  const scored = scoreObjects(questionnaire, rows, options);
  if (scored.result) return scored.result;
  const diagnostics: Diagnostic[] = [
    ...scored.missing.map((m) => ({ code: m.code, message: m.message, ...(m.hint ? { hint: m.hint } : {}) })),
    ...scored.problems.map((p) => ({
      code: 'invalid-cell' as const,
      line: p.line,
      column: p.column,
      message: p.message,
    })),
  ];
  throw new UserError(diagnostics);
}
