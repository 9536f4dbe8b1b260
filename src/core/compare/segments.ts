import type { Result, SegmentResult } from '../scoring/result.js';
import { holmAdjust } from '../stats/holm.js';
import { buildRow, type CompareOptions, type ComparisonRow, fromDistribution, type Side, unionIds } from './rows.js';

type SegmentStatus = 'both' | 'only-in-baseline' | 'only-in-current';

/** One segment (a value of a `--group-by` column) compared between two results. */
export interface SegmentComparison {
  column: string;
  value: string;
  status: SegmentStatus;
  /** Scored respondents of the segment on each side; null on a side that lacks the segment. */
  baselineScored: number | null;
  currentScored: number | null;
  /** Overall (weighted, unweighted) and dimension rows; empty unless the segment is in both results. */
  rows: ComparisonRow[];
}

/** The group-by columns of a result, in the order their segments appear. */
export function groupByColumns(result: Result): string[] {
  return [...new Set(result.segments.map((s) => s.column))];
}

const key = (s: SegmentResult) => JSON.stringify([s.column, s.value]);

function segmentRows(a: SegmentResult, b: SegmentResult, options: CompareOptions): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const which of ['weighted', 'unweighted'] as const) {
    const side = (s: SegmentResult): Side => ({
      summary: fromDistribution(s.overall[which]),
      label: `overall (${which})`,
    });
    rows.push(buildRow('overall', `overall:${which}`, side(a), side(b), true, options));
  }
  const dimension = (s: SegmentResult, id: string): Side | undefined => {
    const d = s.dimensions.find((x) => x.id === id);
    return d && { summary: fromDistribution(d.gap), label: d.label };
  };
  const ids = unionIds(a.dimensions, b.dimensions);
  for (const id of ids) {
    rows.push(buildRow('dimension', `dimension:${id}`, dimension(a, id), dimension(b, id), true, options));
  }
  return rows;
}

/**
 * Every segment of either result compared with the same segment (same column and value) of the other.
 *
 * A segment in both gets rows for the weighted and unweighted overall score and every dimension, each
 * with Welch's t-test of `current - baseline` from the saved means, sds and ns. The p of every row of
 * every segment are Holm-adjusted together, as one family (`pHolm`): with many segments, some would
 * otherwise drop by chance. A row is significant when `pHolm < alpha`, and a regression when it is a
 * significant drop (the tolerance does not apply: a segment's mean is too noisy to gate on its size
 * alone). Segments in one result only are listed with that status and no rows. Baseline order first,
 * then segments only in the current result.
 *
 * @example compareSegments(q1, q2, { alpha: 0.05 })[0] // { column: 'branch', value: 'North', status: 'both', rows: [...] }
 */
export function compareSegments(baseline: Result, current: Result, options: CompareOptions): SegmentComparison[] {
  const later = new Map(current.segments.map((s) => [key(s), s]));
  const earlier = new Map(baseline.segments.map((s) => [key(s), s]));
  const out: SegmentComparison[] = [];
  for (const a of baseline.segments) {
    const b = later.get(key(a));
    out.push({
      column: a.column,
      value: a.value,
      status: b ? 'both' : 'only-in-baseline',
      baselineScored: a.respondents.scored,
      currentScored: b ? b.respondents.scored : null,
      rows: b ? segmentRows(a, b, options) : [],
    });
  }
  for (const b of current.segments) {
    if (earlier.has(key(b))) continue;
    out.push({
      column: b.column,
      value: b.value,
      status: 'only-in-current',
      baselineScored: null,
      currentScored: b.respondents.scored,
      rows: [],
    });
  }
  const rows = out.flatMap((s) => s.rows);
  const adjusted = holmAdjust(rows.map((r) => r.p));
  rows.forEach((r, i) => {
    r.pHolm = adjusted[i] ?? null;
    r.significant = r.pHolm !== null && r.pHolm < options.alpha;
    r.regression = r.significant && r.direction === 'down';
  });
  return out;
}

/** `column=value target` of every segment row that regressed, in order. */
export function segmentRegressions(segments: readonly SegmentComparison[]): string[] {
  return segments.flatMap((s) => s.rows.filter((r) => r.regression).map((r) => `${s.column}=${s.value} ${r.target}`));
}
