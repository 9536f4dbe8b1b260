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
