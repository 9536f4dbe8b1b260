import type { Quadrant } from '../scoring/result.js';

/** Values within this distance of the mean count as at the mean, which counts as high. */
const AT_MEAN = 1e-9;

/**
 * Importance-performance analysis: each dimension placed against the means over dimensions of
 * importance and of performance (mean perception). At the mean counts as high, so with equal
 * weights every dimension is of high importance. Null where a dimension lacks either number.
 * @example quadrants([{importance: 0.3, performance: 4}, {importance: 0.1, performance: 6}])
 *   // ['concentrate-here', 'possible-overkill']
 */
export function quadrants(
  points: readonly { importance: number | null; performance: number | null }[],
): (Quadrant | null)[] {
  const complete = points.filter((p) => p.importance !== null && p.performance !== null) as {
    importance: number;
    performance: number;
  }[];
  if (complete.length === 0) return points.map(() => null);
  const meanImportance = complete.reduce((s, p) => s + p.importance, 0) / complete.length;
  const meanPerformance = complete.reduce((s, p) => s + p.performance, 0) / complete.length;
  return points.map((p) => {
    if (p.importance === null || p.performance === null) return null;
    const high = p.importance >= meanImportance - AT_MEAN;
    const performing = p.performance >= meanPerformance - AT_MEAN;
    if (high) return performing ? 'keep-up-the-good-work' : 'concentrate-here';
    return performing ? 'possible-overkill' : 'low-priority';
  });
}
