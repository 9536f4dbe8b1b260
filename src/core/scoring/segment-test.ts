import { welchTest } from '../compare/welch.js';
import { holmAdjust } from '../stats/holm.js';
import { summarise } from '../stats/moments.js';
import { momentsOfSums } from '../stats/power-sums.js';
import type { DimensionVersusRest, SegmentTest, VersusRest } from './result.js';
import type { CompensatedSums, SampleAccumulator } from './sample.js';

/**
 * Each segment against the rest of the respondents (everyone scored who is not in it): Welch's
 * t-test of the segment's mean minus the rest's, for the overall score (the unweighted mean gap per
 * respondent, the perception mean for perceptions-only) and each dimension's gap.
 *
 * Why from sums: the rest's count, Σx and Σx² are the total's minus the segment's, exactly, so the
 * test needs no second pass and gives the same numbers on merged partials as in one pass. A
 * dimension uses its own n (respondents scored on it), the overall the respondents with an overall
 * score. Holm's adjustment runs over all segments of the result, one family per measure (the
 * overall; each dimension on its own): see docs/methods.md.
 */
export function testSegments(
  dimensionIds: readonly string[],
  total: SampleAccumulator,
  segments: readonly SampleAccumulator[],
): SegmentTest[] {
  const dimensionCount = dimensionIds.length;
  const raw = segments.map(
    (segment): SegmentTest => ({
      overall: versusRest(
        total.scored[0] as number,
        total.overall,
        'unweighted',
        0,
        segment.scored[0] as number,
        segment.overall,
      ),
      dimensions: dimensionIds.map(
        (id, d): DimensionVersusRest => ({
          id,
          ...versusRest(
            total.dimension.n[d] as number,
            total.dimension,
            'gap',
            d,
            segment.dimension.n[d] as number,
            segment.dimension,
          ),
        }),
      ),
    }),
  );
  adjust(raw.map((s) => s.overall));
  for (let d = 0; d < dimensionCount; d++) adjust(raw.map((s) => s.dimensions[d] as VersusRest));
  return raw;
}

type Sums<K extends string> = Omit<CompensatedSums<K>, 'n'>;

/** Σx (with its compensation) and Σx² of one quantity. */
export function sumsOf<K extends string>(sums: Sums<K>, kind: K, i: number): [number, number] {
  return [(sums.sum[kind][i] as number) + (sums.carry[kind][i] as number), sums.squares[kind][i] as number];
}

function versusRest<K extends string>(
  totalN: number,
  totalSums: Sums<K>,
  kind: K,
  i: number,
  n: number,
  sums: Sums<K>,
): VersusRest {
  const [sum, squares] = sumsOf(sums, kind, i);
  const [totalSum, totalSquares] = sumsOf(totalSums, kind, i);
  const own = summarise(momentsOfSums(n, sum, squares, 0));
  const rest = summarise(momentsOfSums(totalN - n, totalSum - sum, totalSquares - squares, 0));
  const difference = own.mean !== null && rest.mean !== null ? own.mean - rest.mean : null;
  const test = welchTest(rest, own);
  return { difference, t: test?.t ?? null, df: test?.df ?? null, p: test?.p ?? null, pHolm: null };
}

/** Holm over one measure's tests across the segments, in place; untested entries stay null. */
function adjust(family: VersusRest[]): void {
  const adjusted = holmAdjust(family.map((entry) => entry.p));
  family.forEach((entry, i) => {
    entry.pHolm = adjusted[i] ?? null;
  });
}
