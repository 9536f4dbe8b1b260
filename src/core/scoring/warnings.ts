import { itemScale, type Questionnaire } from '../questionnaire/model.js';
import { plural } from '../text/plural.js';
import type { FinalisedSample } from './finalise.js';
import { EXACT_LIMIT } from './id-tracker.js';
import type { Flagged } from './flagged.js';
import { DEFAULT_SPEEDER_SECONDS } from '../questionnaire/validate.js';
import type { SegmentResult, Warning } from './result.js';
import type { ScoringState } from './scorer.js';

/** Below this many respondents a mean, an alpha or a segment comparison is too unstable to act on. */
const SMALL_SAMPLE = 30;

/** How many names (segments, dimensions, respondent ids) a warning lists; the count says how many there are. */
const LISTED = 10;

/** The first LISTED names, then "..." when there are more. */
function listed(names: readonly string[]): string {
  return names.length > LISTED ? `${names.slice(0, LISTED).join(', ')}, ...` : names.join(', ');
}

/**
 * A flagged group's first ids in brackets, then "..." when the count says there are more; nothing
 * when no id is known (a partial from `servqual sql`: the engine counts, the ids stay in the warehouse).
 */
function listedOf(flagged: Flagged): string {
  if (flagged.ids.length === 0) return '';
  return ` (${flagged.ids.join(', ')}${flagged.count > flagged.ids.length ? ', ...' : ''})`;
}

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
      respondents: [...ids.examples],
    });
  }

  const { straightLiners, speeders } = state;
  if (straightLiners.count > 0) {
    warnings.push({
      code: 'straight-lining',
      message: `${plural(straightLiners.count, 'respondent')} gave the same answer to every item${listedOf(straightLiners)}`,
      count: straightLiners.count,
      respondents: [...straightLiners.ids],
    });
  }
  if (speeders.count > 0) {
    const seconds = q.source?.speederSeconds ?? DEFAULT_SPEEDER_SECONDS;
    warnings.push({
      code: 'speeders',
      message: `${plural(speeders.count, 'respondent')} answered in under ${seconds} s per answer${listedOf(speeders)}: likely speeders`,
      count: speeders.count,
      respondents: [...speeders.ids],
      seconds,
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

  // One warning per cause, not one per dimension or segment: 398 small segments are one fact.
  const smallDimensions = main.dimensions.filter((d) => d.gap.n < SMALL_SAMPLE);
  if (smallDimensions.length > 0) {
    const names = smallDimensions.map((d) => d.id);
    const smallest = Math.min(...smallDimensions.map((d) => d.gap.n));
    warnings.push({
      code: 'small-sample',
      message: `${smallDimensions.length} of ${plural(main.dimensions.length, 'dimension')} have n < ${SMALL_SAMPLE}; smallest n = ${smallest} (${listed(names)}): treat their numbers as indicative`,
      count: smallDimensions.length,
      of: main.dimensions.length,
      smallest,
      dimensions: names.slice(0, LISTED),
    });
  }
  const smallSegments = segments.filter((s) => s.respondents.total < SMALL_SAMPLE);
  if (smallSegments.length > 0) {
    const names = smallSegments.map((s) => `${s.column}=${s.value === '' ? '(blank)' : s.value}`);
    const smallest = Math.min(...smallSegments.map((s) => s.respondents.total));
    warnings.push({
      code: 'small-segment',
      message: `${smallSegments.length} of ${plural(segments.length, 'segment')} have n < ${SMALL_SAMPLE}; smallest n = ${smallest} (${listed(names)})`,
      count: smallSegments.length,
      of: segments.length,
      smallest,
      segments: smallSegments
        .slice(0, LISTED)
        .map((s) => ({ column: s.column, value: s.value, n: s.respondents.total })),
    });
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
