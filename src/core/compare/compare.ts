import { holmAdjust } from '../stats/holm.js';
import type { KpiResult, Result } from '../scoring/result.js';
import { comparabilityProblems, IncomparableResultsError } from './comparable.js';
import { kpiSummary } from './kpi-spread.js';
import {
  buildRow,
  type CompareOptions,
  type ComparisonRow,
  fromDistribution,
  isRegression,
  type Side,
  unionIds,
} from './rows.js';
import { compareSegments, type SegmentComparison, segmentRegressions } from './segments.js';

export type { CompareOptions, ComparisonRow } from './rows.js';

interface WaveSummary {
  title: string;
  respondents: Result['respondents'];
}

export interface Comparison {
  baseline: WaveSummary;
  current: WaveSummary;
  alpha: number;
  tolerance: number | null;
  rows: ComparisonRow[];
  /** Targets of the rows with `regression`, in row order. */
  regressions: string[];
  /** Only when either result has segments (`--group-by`): each segment compared (see `compareSegments`). */
  segments?: SegmentComparison[];
  /** With `segments`: `column=value target` of each segment row that regressed. */
  segmentRegressions?: string[];
}

function kpiSide(k: KpiResult): Side {
  return { summary: kpiSummary(k), label: `${k.type.toUpperCase()} (${k.id})`, ci95: k.ci95 ?? null };
}

/**
 * What changed between two saved results of the same questionnaire, with significance.
 *
 * Rows, in order: the weighted and unweighted overall score, every dimension, every item (their gap,
 * or mean perception for perceptions-only) and every KPI found in either result; one found in only
 * one result is kept with status `only-in-baseline` or `only-in-current` and no change or test.
 * Each change `current - baseline` gets Welch's t-test from the saved means, sds and ns (KPI sds are
 * derived: see `kpiSummary`). Items are Holm-adjusted together (`pHolm`) and judged on it; the rest on
 * `p`; significant means below `alpha`. Overall, dimension and KPI rows also carry each side's saved 95% interval (`baselineCi95`, `currentCi95`). Overall and dimension rows are regressions when they dropped
 * significantly, or by more than `tolerance` when one is given. A KPI whose type changed has no change.
 * When either result has segments, `segments` compares them too (see `compareSegments`).
 * Throws `IncomparableResultsError` when `comparabilityProblems` finds any.
 *
 * @example compareResults(before, after, { alpha: 0.05 }).regressions // ['dimension:reliability']
 */
export function compareResults(baseline: Result, current: Result, options: CompareOptions): Comparison {
  if (!(options.alpha > 0 && options.alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${options.alpha}`);
  if (options.tolerance !== undefined && !(options.tolerance >= 0 && Number.isFinite(options.tolerance))) {
    throw new RangeError(`tolerance must be a non-negative number, got ${options.tolerance}`);
  }
  const problems = comparabilityProblems(baseline, current);
  if (problems.length > 0) throw new IncomparableResultsError(problems);

  const rows: ComparisonRow[] = [];
  for (const which of ['weighted', 'unweighted'] as const) {
    const side = (r: Result): Side => ({
      summary: fromDistribution(r.overall[which]),
      label: `overall (${which})`,
      ci95: r.overall[which].ci95,
    });
    rows.push(buildRow('overall', `overall:${which}`, side(baseline), side(current), true, options));
  }

  const dimension = (r: Result, id: string): Side | undefined => {
    const d = r.dimensions.find((x) => x.id === id);
    return d && { summary: fromDistribution(d.gap), label: d.label, ci95: d.gap.ci95 };
  };
  for (const id of unionIds(baseline.dimensions, current.dimensions)) {
    rows.push(buildRow('dimension', `dimension:${id}`, dimension(baseline, id), dimension(current, id), true, options));
  }

  const item = (r: Result, id: string): Side | undefined => {
    const x = r.items.find((i) => i.id === id);
    return x && { summary: fromDistribution(x.gap), label: x.id, ...(x.statement ? { statement: x.statement } : {}) };
  };
  const itemRows: ComparisonRow[] = [];
  for (const id of unionIds(baseline.items, current.items)) {
    itemRows.push(buildRow('item', `item:${id}`, item(baseline, id), item(current, id), true, options));
  }
  const adjusted = holmAdjust(itemRows.map((r) => r.p));
  itemRows.forEach((r, i) => {
    r.pHolm = adjusted[i] ?? null;
    r.significant = r.pHolm !== null && r.pHolm < options.alpha;
  });
  rows.push(...itemRows);

  for (const id of unionIds(baseline.kpis, current.kpis)) {
    const a = baseline.kpis.find((k) => k.id === id);
    const b = current.kpis.find((k) => k.id === id);
    const sameType = a === undefined || b === undefined || a.type === b.type;
    rows.push(buildRow('kpi', `kpi:${id}`, a && kpiSide(a), b && kpiSide(b), sameType, options));
  }

  for (const row of rows) {
    if (row.target.startsWith('overall:') || row.target.startsWith('dimension:'))
      row.regression = isRegression(row, options.tolerance);
  }
  const wave = (r: Result): WaveSummary => ({ title: r.questionnaire.title, respondents: { ...r.respondents } });
  const comparison: Comparison = {
    baseline: wave(baseline),
    current: wave(current),
    alpha: options.alpha,
    tolerance: options.tolerance ?? null,
    rows,
    regressions: rows.filter((r) => r.regression).map((r) => r.target),
  };
  if (baseline.segments.length === 0 && current.segments.length === 0) return comparison;
  const segments = compareSegments(baseline, current, options);
  return { ...comparison, segments, segmentRegressions: segmentRegressions(segments) };
}
