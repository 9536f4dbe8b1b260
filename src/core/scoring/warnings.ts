import { itemScale, type Questionnaire } from '../questionnaire/model.js';
import { plural } from '../text/plural.js';
import type { FinalisedSample } from './finalise.js';
import { EXACT_LIMIT } from './id-tracker.js';
import type { SegmentResult, Warning } from './result.js';
import type { ScoringState } from './scorer.js';

/** Below this many respondents a mean, an alpha or a segment comparison is too unstable to act on. */
const SMALL_SAMPLE = 30;

/** Every data-quality warning of the contract; never silent, always in the result and on stderr. */
export function collectWarnings(
  state: ScoringState,
  main: FinalisedSample,
  segments: readonly SegmentResult[],
): Warning[] {
  const warnings: Warning[] = [];
  const q = state.questionnaire;
  const mixed = mixedScales(q);
  if (mixed) warnings.push(mixed);

  for (const item of main.items) {
    if (item.itemTotal !== null && item.itemTotal < 0) {
      warnings.push({
        code: 'negative-item-total',
        message: `item ${item.id} correlates negatively with the rest of ${item.dimension} (r = ${item.itemTotal.toFixed(2)}): is it negatively worded and not marked reverse?`,
        item: item.id,
        dimension: item.dimension,
        itemTotal: item.itemTotal,
      });
    }
  }

  const { ids } = state;
  if (ids.duplicates > 0) {
    warnings.push({
      code: 'duplicate-respondents',
      message: `${plural(ids.duplicates, 'row')} repeat an earlier respondent id${ids.examples.length > 0 ? ` (${ids.examples.join(', ')}${ids.duplicates > ids.examples.length ? ', ...' : ''})` : ''}${ids.approximate ? `; counted approximately beyond ${EXACT_LIMIT.toLocaleString('en-US')} distinct ids` : ''}`,
      count: ids.duplicates,
      examples: [...ids.examples],
    });
  }

  const straightLined = state.overall.straightLined[0] as number;
  if (straightLined > 0) {
    warnings.push({
      code: 'straight-lining',
      message: `${plural(straightLined, 'respondent')} gave the same answer to every item`,
      count: straightLined,
    });
  }

  const missing = state.overall.fallbackMissing[0] as number;
  const invalid = state.overall.fallbackInvalid[0] as number;
  if (missing + invalid > 0) {
    const fallback = q.weights.fixed ? 'the fixed weights' : 'equal weights';
    warnings.push({
      code: 'weights-fallback',
      message: `${plural(invalid + missing, 'respondent')} used ${fallback} instead of their own allocation (${invalid} invalid, ${missing} blank)`,
      invalid,
      missing,
    });
  }

  if (state.skippedCells > 0) {
    warnings.push({
      code: 'skipped-cells',
      message: `${plural(state.skippedCells, 'cell')} that were not numbers on the scale were treated as missing (--skip-invalid)`,
      count: state.skippedCells,
    });
  }

  for (const dimension of main.dimensions) {
    if (dimension.gap.n < SMALL_SAMPLE) {
      warnings.push({
        code: 'small-sample',
        message: `dimension ${dimension.id} has n = ${dimension.gap.n} (< ${SMALL_SAMPLE}): treat its numbers as indicative`,
        dimension: dimension.id,
        n: dimension.gap.n,
      });
    }
  }
  for (const segment of segments) {
    if (segment.respondents.total < SMALL_SAMPLE) {
      warnings.push({
        code: 'small-segment',
        message: `segment ${segment.column}=${segment.value === '' ? '(blank)' : segment.value} has ${plural(segment.respondents.total, 'respondent')} (< ${SMALL_SAMPLE})`,
        column: segment.column,
        value: segment.value,
        n: segment.respondents.total,
      });
    }
  }
  return warnings;
}

/**
 * `mixed-scales`, when the items are on more than one scale (an item's own scale beside the
 * questionnaire's): each gap is a raw difference on its item's scale (decisions.md), so a dimension
 * or overall score that averages gaps of a 1-5 and a 0-1 item mixes units. Null when all share one.
 * @example mixedScales(q)?.message // 'items are on 2 scales (1-5: 21 items; 0-1: Y1): ...'
 */
function mixedScales(q: Questionnaire): Warning | null {
  const byScale = new Map<string, { min: number; max: number; items: string[] }>();
  const dimensions: string[] = [];
  for (const d of q.dimensions) {
    const own = new Set<string>();
    for (const item of d.items) {
      const { min, max } = itemScale(q, item);
      const key = `${min}-${max}`;
      own.add(key);
      const entry = byScale.get(key);
      if (entry) entry.items.push(item.id);
      else byScale.set(key, { min, max, items: [item.id] });
    }
    if (own.size > 1) dimensions.push(d.id);
  }
  if (byScale.size < 2) return null;
  const scales = [...byScale.values()];
  const listed = scales
    .map(
      ({ min, max, items }) => `${min}-${max}: ${items.length > 3 ? plural(items.length, 'item') : items.join(', ')}`,
    )
    .join('; ');
  const where =
    dimensions.length > 0
      ? `dimensions ${dimensions.join(', ')} and the overall score average gaps on different scales`
      : 'the overall score averages dimensions on different scales';
  return {
    code: 'mixed-scales',
    message: `items are on ${scales.length} scales (${listed}): each gap is a raw difference on its item's own scale, so ${where}`,
    scales: scales.map(({ min, max, items }) => ({ min, max, items })),
    dimensions,
  };
}
