import type { Distribution } from '../stats/moments.js';
import { welchTest, type SampleSummary } from './welch.js';

type RowStatus = 'both' | 'only-in-baseline' | 'only-in-current';
type Direction = 'up' | 'down' | 'same';

/** A change between two samples and its Welch test, as a comparison row and a trend's step carry it. */
export interface ChangeTest {
  /** The later value minus the earlier; null unless both exist. */
  change: number | null;
  /** Welch's t of the change, its df and two-sided p; null when there is no test. */
  t: number | null;
  df: number | null;
  p: number | null;
  /** Holm-adjusted within its family (a comparison's items, a trend measure's steps of one kind). */
  pHolm: number | null;
  /** `pHolm < alpha` where there is one (items, trend steps), else `p < alpha`. */
  significant: boolean;
  direction: Direction | null;
}

/** One compared quantity: overall, a dimension, an item or a KPI. */
export interface ComparisonRow extends ChangeTest {
  /** `overall:weighted`, `overall:unweighted`, `dimension:<id>`, `item:<id>` or `kpi:<id>`. */
  target: string;
  label: string;
  /** Items only: the perception statement (the current result's, else the baseline's); absent when neither result carries it. */
  statement?: string;
  baseline: number | null;
  current: number | null;
  /** Overall and dimension rows only: a significant drop, or a drop beyond the tolerance. */
  regression: boolean;
  status: RowStatus;
  /** Each side's 95% interval as the result saved it (the distribution's `ci95`, a KPI's `kpis[].ci95`); null when that side has none. Absent on rows built from sides without one (segment rows). */
  baselineCi95?: [number, number] | null;
  currentCi95?: [number, number] | null;
}

export interface CompareOptions {
  /** Significance level, in (0, 1). */
  alpha: number;
  /** A drop (in score points) larger than this is a regression even when not significant. */
  tolerance?: number;
}

export type Kind = 'overall' | 'dimension' | 'item' | 'kpi';

/** One side of a compared quantity: its mean, sd and n, its label and (KPIs) its saved interval. */
export interface Side {
  summary: SampleSummary;
  label: string;
  statement?: string;
  ci95?: [number, number] | null;
}

// Changes this small relative to the values are floating-point residue, not movement.
const SAME = 1e-12;

export function fromDistribution(d: Distribution): SampleSummary {
  return { mean: d.mean, sd: d.sd, n: d.n };
}

/** Ids of both lists: the baseline's in order, then those only in the current one. */
export function unionIds(a: readonly { id: string }[], b: readonly { id: string }[]): string[] {
  const ids = a.map((x) => x.id);
  const seen = new Set(ids);
  for (const x of b) if (!seen.has(x.id)) ids.push(x.id);
  return ids;
}

function copy(ci: readonly [number, number] | null | undefined): [number, number] | null {
  return ci ? [ci[0], ci[1]] : null;
}

/**
 * One row of a comparison: the change `current - baseline` of a quantity and its Welch test when both
 * sides exist and `testable`; `significant` on `p` except for items (which the caller Holm-adjusts).
 */
export function buildRow(
  kind: Kind,
  target: string,
  a: Side | undefined,
  b: Side | undefined,
  testable: boolean,
  options: CompareOptions,
): ComparisonRow {
  const baseline = a?.summary.mean ?? null;
  const current = b?.summary.mean ?? null;
  const change = a && b && testable && baseline !== null && current !== null ? current - baseline : null;
  const test = a && b && testable ? welchTest(a.summary, b.summary) : null;
  const p = test?.p ?? null;
  const direction: Direction | null =
    change === null
      ? null
      : Math.abs(change) <= SAME * Math.max(1, Math.abs(baseline ?? 0))
        ? 'same'
        : change > 0
          ? 'up'
          : 'down';
  const statement = b?.statement ?? a?.statement;
  return {
    target,
    label: b?.label ?? a?.label ?? target,
    ...(statement ? { statement } : {}),
    baseline,
    current,
    change,
    t: test?.t ?? null,
    df: test?.df ?? null,
    p,
    pHolm: null,
    significant: kind !== 'item' && p !== null && p < options.alpha,
    direction,
    regression: false,
    status: a && b ? 'both' : a ? 'only-in-baseline' : 'only-in-current',
    ...(a?.ci95 !== undefined || b?.ci95 !== undefined
      ? { baselineCi95: copy(a?.ci95), currentCi95: copy(b?.ci95) }
      : {}),
  };
}

/** A drop counts as a regression when significant, or beyond the tolerance (with rounding slack). */
export function isRegression(row: ComparisonRow, tolerance: number | undefined): boolean {
  if (row.change === null || row.direction !== 'down') return false;
  if (row.significant) return true;
  return tolerance !== undefined && -row.change > tolerance + SAME * Math.max(1, tolerance);
}
