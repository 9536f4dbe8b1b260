import { holmAdjust } from '../stats/holm.js';
import type { Distribution } from '../stats/moments.js';
import type { KpiResult, Result } from '../scoring/result.js';
import { comparabilityProblems, IncomparableResultsError } from './comparable.js';
import { kpiSummary } from './kpi-spread.js';
import { welchTest, type SampleSummary } from './welch.js';

type RowStatus = 'both' | 'only-in-baseline' | 'only-in-current';
type Direction = 'up' | 'down' | 'same';

/** One compared quantity: overall, a dimension, an item or a KPI. */
export interface ComparisonRow {
  /** `overall:weighted`, `overall:unweighted`, `dimension:<id>`, `item:<id>` or `kpi:<id>`. */
  target: string;
  label: string;
  /** Items only: the perception statement (the current result's, else the baseline's); absent when neither result carries it. */
  statement?: string;
  baseline: number | null;
  current: number | null;
  /** `current - baseline`; null unless both exist. */
  change: number | null;
  /** Welch's t of the change, its df and two-sided p; null when there is no test. */
  t: number | null;
  df: number | null;
  p: number | null;
  /** Items only: Holm-adjusted over every item row that has a p. */
  pHolm: number | null;
  /** `pHolm < alpha` for items, `p < alpha` for the rest. */
  significant: boolean;
  direction: Direction | null;
  /** Overall and dimension rows only: a significant drop, or a drop beyond the tolerance. */
  regression: boolean;
  status: RowStatus;
  /** KPI rows only: each side's 95% interval of the score as the result saved it (`kpis[].ci95`); null when that side has none. */
  baselineCi95?: [number, number] | null;
  currentCi95?: [number, number] | null;
}

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
}

export interface CompareOptions {
  /** Significance level, in (0, 1). */
  alpha: number;
  /** A drop (in score points) larger than this is a regression even when not significant. */
  tolerance?: number;
}

type Kind = 'overall' | 'dimension' | 'item' | 'kpi';

interface Side {
  summary: SampleSummary;
  label: string;
  statement?: string;
  ci95?: [number, number] | null;
}

// Changes this small relative to the values are floating-point residue, not movement.
const SAME = 1e-12;

function fromDistribution(d: Distribution): SampleSummary {
  return { mean: d.mean, sd: d.sd, n: d.n };
}

/** Ids of both lists: the baseline's in order, then those only in the current one. */
function unionIds(a: readonly { id: string }[], b: readonly { id: string }[]): string[] {
  const ids = a.map((x) => x.id);
  const seen = new Set(ids);
  for (const x of b) if (!seen.has(x.id)) ids.push(x.id);
  return ids;
}

function copy(ci: readonly [number, number] | null | undefined): [number, number] | null {
  return ci ? [ci[0], ci[1]] : null;
}

function buildRow(
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
    ...(kind === 'kpi' ? { baselineCi95: copy(a?.ci95), currentCi95: copy(b?.ci95) } : {}),
  };
}

/** A drop counts as a regression when significant, or beyond the tolerance (with rounding slack). */
function isRegression(row: ComparisonRow, tolerance: number | undefined): boolean {
  if (row.change === null || row.direction !== 'down') return false;
  if (row.significant) return true;
  return tolerance !== undefined && -row.change > tolerance + SAME * Math.max(1, tolerance);
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
 * `p`; significant means below `alpha`. KPI rows also carry each side's saved interval (`baselineCi95`, `currentCi95`). Overall and dimension rows are regressions when they dropped
 * significantly, or by more than `tolerance` when one is given. A KPI whose type changed has no change.
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
    const side = (r: Result): Side => ({ summary: fromDistribution(r.overall[which]), label: `overall (${which})` });
    rows.push(buildRow('overall', `overall:${which}`, side(baseline), side(current), true, options));
  }

  const dimension = (r: Result, id: string): Side | undefined => {
    const d = r.dimensions.find((x) => x.id === id);
    return d && { summary: fromDistribution(d.gap), label: d.label };
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
  return {
    baseline: wave(baseline),
    current: wave(current),
    alpha: options.alpha,
    tolerance: options.tolerance ?? null,
    rows,
    regressions: rows.filter((r) => r.regression).map((r) => r.target),
  };
}
