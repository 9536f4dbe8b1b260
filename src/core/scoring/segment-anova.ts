import { holmAdjust } from '../stats/holm.js';
import { summarise } from '../stats/moments.js';
import { momentsOfSums } from '../stats/power-sums.js';
import { welchAnova } from '../stats/welch-anova.js';
import type { SegmentDifference } from './result.js';
import type { SampleAccumulator } from './sample.js';
import { sumsOf } from './segment-test.js';

/** The segments of one --group-by flag (a crossed flag `a,b` is one column: its combined segments). */
export interface SegmentColumn {
  column: string;
  samples: readonly SampleAccumulator[];
}

/**
 * Do the segments of a --group-by column differ? Welch's one-way ANOVA (issue 16) of the segments'
 * mean gaps, per dimension and for the overall unweighted score, from each segment's n, Σx and Σx²,
 * so merged partials give the numbers of one pass (the same sums segment-test.ts reads).
 *
 * A segment with n < 2 or no spread on a measure is left out of that measure's test (`excluded`
 * says how many): Welch weights by n / s², which is undefined there. Fewer than two segments left:
 * every figure null. Holm's adjustment runs over the measures of one column (the overall and each
 * dimension), one family per --group-by flag: see docs/decisions.md.
 */
export function segmentDifferences(
  dimensionIds: readonly string[],
  columns: readonly SegmentColumn[],
): SegmentDifference[] {
  return columns.flatMap(({ column, samples }) => {
    const family: SegmentDifference[] = [
      testOne(
        column,
        null,
        samples.map((s) => [s.scored[0] as number, ...sumsOf(s.overall, 'unweighted', 0)]),
      ),
      ...dimensionIds.map((id, d) =>
        testOne(
          column,
          id,
          samples.map((s) => [s.dimension.n[d] as number, ...sumsOf(s.dimension, 'gap', d)]),
        ),
      ),
    ];
    const adjusted = holmAdjust(family.map((entry) => entry.p));
    family.forEach((entry, i) => {
      entry.pHolm = adjusted[i] ?? null;
    });
    return family;
  });
}

function testOne(column: string, dimension: string | null, sums: readonly number[][]): SegmentDifference {
  const groups = sums.flatMap(([n, sum, squares]) => {
    const d = summarise(momentsOfSums(n as number, sum as number, squares as number, 0));
    return d.mean !== null && d.sd !== null && d.sd > 0 ? [{ n: d.n, mean: d.mean, variance: d.sd * d.sd }] : [];
  });
  const test = welchAnova(groups);
  return {
    column,
    dimension,
    segments: groups.length,
    excluded: sums.length - groups.length,
    f: test?.f ?? null,
    df1: test?.df1 ?? null,
    df2: test?.df2 ?? null,
    p: test?.p ?? null,
    pHolm: null,
  };
}
