import { allItems, itemScale, type Questionnaire } from '../questionnaire/model.js';
import type { DimensionResult, ItemResult, Recommendation } from '../scoring/result.js';

/** Priorities closer than this are ties and keep questionnaire order. */
const TIE = 1e-12;
/** Floating-point noise in a mean of answers on a scale of a few points. */
const ROUNDING = 1e-12;

/**
 * Prioritised recommendations. Gap formats: every item whose mean gap is below 0, with
 * `priority = -gap * importance(d)`. Perceptions-only: items whose mean P is below the midpoint of
 * the item's scale (its own, else the questionnaire's), with `priority = (midpoint - P) * importance(d)`. Sorted by priority, descending.
 * Where no respondent was scored, importance falls back to the questionnaire's fixed weights.
 * @example an item with gap -1.5 in a dimension of importance 0.3 gets priority 0.45
 */
export function recommend(
  q: Questionnaire,
  items: readonly ItemResult[],
  dimensions: readonly DimensionResult[],
  fallbackImportance: ArrayLike<number>,
): Recommendation[] {
  const definitions = new Map(allItems(q).map((item) => [item.id, item]));
  const candidates: (Recommendation & { order: number })[] = [];
  items.forEach((item, order) => {
    const dimensionIndex = q.dimensions.findIndex((d) => d.id === item.dimension);
    const dimension = dimensions[dimensionIndex];
    const gap = item.gap.mean;
    if (gap === null || !dimension) return;
    const definition = definitions.get(item.id);
    const scale = definition ? itemScale(q, definition) : q.scale;
    const shortfall = q.format === 'perceptions-only' ? (scale.min + scale.max) / 2 - gap : -gap;
    // A mean that is 0 in exact arithmetic can come out as -3e-17: that is no shortfall.
    if (!(shortfall > ROUNDING)) return;
    const importance = dimension.importance ?? (fallbackImportance[dimensionIndex] as number);
    const own = definition?.recommendations ?? [];
    candidates.push({
      item: item.id,
      dimension: item.dimension,
      gap,
      importance,
      priority: shortfall * importance,
      quadrant: dimension.quadrant,
      actions: own.length > 0 ? [...own] : [...(q.dimensions[dimensionIndex]?.recommendations ?? [])],
      order,
    });
  });
  candidates.sort((a, b) => (Math.abs(a.priority - b.priority) <= TIE ? a.order - b.order : b.priority - a.priority));
  return candidates.map(({ order: _order, ...rest }) => rest);
}
