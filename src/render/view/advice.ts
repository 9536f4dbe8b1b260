import type { DimensionResult, ItemResult, Quadrant, Result } from '../../core/scoring/result.js';
import { fill } from '../../core/text/fill.js';
import type { Labels } from '../labels.js';
import { itemBaseline, readingOf, recommendationScore } from './reading.js';

/**
 * The advice a report words for a dimension or a recommended item, decided once here for every
 * renderer. The JSON keeps the SPEC's IPA `quadrant`; this is what the reader is told, and it never
 * calls a significant shortfall fine or overkill:
 * - `concentrate-here`, `low-priority`: the quadrant's own wording (neither says "fine").
 * - `keep-up-the-good-work`, `possible-overkill`: only when the score does not fall short of its
 *   baseline (0 for a gap, the scale midpoint for a perception).
 * - `shortfall-important` / `shortfall-minor`: a significant shortfall (the dimension's CI lies below
 *   the baseline; an item's pHolm < 0.05 and its mean below) outside `concentrate-here`, with
 *   importance at or above / below the mean over dimensions.
 * - `shortfall-unclear`: the mean falls short, not significantly, where the quadrant would say
 *   keep it up or overkill.
 * - `equal-*`: every dimension has the same importance, so the importance axis carries nothing and
 *   the advice follows the score alone.
 */
export type Advice =
  | Quadrant
  | 'shortfall-important'
  | 'shortfall-minor'
  | 'shortfall-unclear'
  | 'equal-shortfall'
  | 'equal-unclear'
  | 'equal-fine';

/** How a score stands against its baseline: significantly short, short but not significantly, or not short. */
export type Standing = 'shortfall' | 'unclear' | 'fine';

/** Importances closer than this are equal (fixed equal weights, or every respondent allocating alike). */
const EQUAL = 1e-9;

/** Whether every dimension with an importance has the same one (at least two of them). */
export function equalImportance(dimensions: readonly DimensionResult[]): boolean {
  const values = dimensions.map((d) => d.importance).filter((v): v is number => v !== null);
  if (values.length < 2) return false;
  return Math.max(...values) - Math.min(...values) <= EQUAL;
}

/** A dimension's standing: significant when its 95% CI lies wholly below the baseline. */
export function dimensionStanding(d: DimensionResult, baseline: number): Standing {
  const mean = d.gap.mean;
  if (mean === null || !(mean < baseline)) return 'fine';
  return d.gap.ci95 !== null && d.gap.ci95[1] < baseline ? 'shortfall' : 'unclear';
}

/** An item's standing: significant when its Holm-adjusted p is below 0.05 and its mean falls short. */
export function itemStanding(item: ItemResult, baseline: number): Standing {
  const mean = item.gap.mean;
  if (mean === null || !(mean < baseline)) return 'fine';
  return item.pHolm !== null && item.pHolm < 0.05 ? 'shortfall' : 'unclear';
}

const RANK: Record<Standing, number> = { fine: 0, unclear: 1, shortfall: 2 };

/** The worse of two standings. */
function worse(a: Standing, b: Standing): Standing {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * The advice for a quadrant and a standing.
 * @example adviceFor('possible-overkill', 'shortfall', false) // 'shortfall-minor'
 */
export function adviceFor(quadrant: Quadrant | null, standing: Standing, equal: boolean): Advice | null {
  if (quadrant === null) return null;
  if (equal)
    return standing === 'shortfall' ? 'equal-shortfall' : standing === 'unclear' ? 'equal-unclear' : 'equal-fine';
  if (quadrant === 'concentrate-here') return quadrant;
  const high = quadrant === 'keep-up-the-good-work';
  if (standing === 'shortfall') return high ? 'shortfall-important' : 'shortfall-minor';
  if (quadrant === 'low-priority') return quadrant;
  return standing === 'unclear' ? 'shortfall-unclear' : quadrant;
}

/** The advice for each dimension and each recommendation of a result, decided once. */
export interface AdviceView {
  /** Whether importance is equal for every dimension (the importance axis carries nothing). */
  equal: boolean;
  dimension: (id: string) => Advice | null;
  /** A recommendation's advice: its dimension's quadrant with the worse of the item's and the dimension's standing. */
  recommendation: (rec: Result['recommendations'][number]) => Advice | null;
}

export function adviceView(result: Result): AdviceView {
  const reading = readingOf(result);
  const equal = equalImportance(result.dimensions);
  const dims = new Map(result.dimensions.map((d) => [d.id, d]));
  const items = new Map(result.items.map((i) => [i.id, i]));
  const standingOf = (d: DimensionResult) => dimensionStanding(d, reading.baseline);
  return {
    equal,
    dimension: (id) => {
      const d = dims.get(id);
      return d ? adviceFor(d.quadrant, standingOf(d), equal) : null;
    },
    recommendation: (rec) => {
      const d = dims.get(rec.dimension);
      const item = items.get(rec.item);
      const own = item ? itemStanding(item, itemBaseline(reading, item)) : 'unclear';
      return adviceFor(rec.quadrant ?? d?.quadrant ?? null, d ? worse(own, standingOf(d)) : own, equal);
    },
  };
}

/**
 * Perceptions only, when no item falls below its midpoint (so there are no recommendations): the
 * lowest-rated items (by mean P less its scale's midpoint), lowest first (ties in questionnaire order), so a report still names what to
 * look at. Empty for gap formats or when there are recommendations.
 */
export function lowestRated(result: Result, count = 3): ItemResult[] {
  if (result.questionnaire.format !== 'perceptions-only' || result.recommendations.length > 0) return [];
  const reading = readingOf(result);
  // Against each item's own midpoint, so an item on 0-1 beside 1-5 items is compared fairly.
  const above = (item: ItemResult) => (item.gap.mean as number) - itemBaseline(reading, item);
  return result.items
    .map((item, order) => ({ item, order }))
    .filter(({ item }) => item.gap.mean !== null)
    .sort((a, b) => above(a.item) - above(b.item) || a.order - b.order)
    .slice(0, count)
    .map(({ item }) => item);
}

/**
 * What a report says where there are no recommendations: perceptions only, the lowest-rated items
 * with their scores ("No item falls below the scale midpoint; the lowest-rated: R4 (P 3.12), ...");
 * otherwise that nothing falls short.
 */
export function noRecommendationsText(result: Result, l: Labels): string {
  const lowest = lowestRated(result);
  if (lowest.length === 0) return l.noRecommendations;
  const items = lowest.map((item) => `${item.id} (${recommendationScore(result, l, item.gap.mean)})`).join(', ');
  return fill(l.noneBelowMidpoint, { items });
}
