import type { SegmentResult } from '../../core/scoring/result.js';

/**
 * How many segments the HTML heatmap draws (issue 15): 400 rows of cells would make a chart no one
 * reads and a page of megabytes. The workbook, the CSV and the JSON keep every segment.
 */
const HEATMAP_SEGMENTS = 30;

/**
 * The segments the heatmap shows: the `cap` largest by respondents (ties by report order), kept in
 * report order; `more` counts the rest. The largest, not the most extreme: the most extreme are
 * mostly the smallest (n = 1 gives the widest scores), whose numbers mean least.
 * @example heatmapSegments(segments, 30) // { shown: [...30 segments in report order], more: 370 }
 */
export function heatmapSegments(
  segments: readonly SegmentResult[],
  cap = HEATMAP_SEGMENTS,
): { shown: SegmentResult[]; more: number } {
  if (segments.length <= cap) return { shown: [...segments], more: 0 };
  const largest = segments
    .map((segment, index) => ({ index, n: segment.respondents.total }))
    .sort((a, b) => b.n - a.n || a.index - b.index)
    .slice(0, cap)
    .map((entry) => entry.index)
    .sort((a, b) => a - b);
  return { shown: largest.map((index) => segments[index] as SegmentResult), more: segments.length - cap };
}
