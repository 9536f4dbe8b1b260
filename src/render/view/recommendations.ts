import type { Recommendation, Result } from '../../core/scoring/result.js';
import { type Advice, adviceView } from './advice.js';
import { itemWordings } from './columns.js';

/**
 * One recommendation as every renderer shows it (terminal, Markdown, HTML, workbook): its rank,
 * item and perception statement, its dimension's label, the advice decided once in `advice.ts`,
 * and the result's own numbers. Renderers lay these out; none looks anything up itself.
 */
export interface RecommendationRow {
  /** 1 for the most urgent: the result's order. */
  rank: number;
  rec: Recommendation;
  /** The item's perception statement; null for a result saved without statements. */
  statement: string | null;
  /** The dimension's label (its id when the result lacks the dimension). */
  dimensionLabel: string;
  advice: Advice | null;
}

/** The result's recommendations in priority order, the first `top` when given. */
export function recommendationRows(result: Result, top?: number): RecommendationRow[] {
  const labelOf = new Map(result.dimensions.map((d) => [d.id, d.label]));
  const wordingOf = itemWordings(result.items);
  const advice = adviceView(result);
  const recs = top === undefined ? result.recommendations : result.recommendations.slice(0, top);
  return recs.map((rec, i) => ({
    rank: i + 1,
    rec,
    statement: wordingOf(rec.item).statement,
    dimensionLabel: labelOf.get(rec.dimension) ?? rec.dimension,
    advice: advice.recommendation(rec),
  }));
}
