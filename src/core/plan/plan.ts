import { kpiSummary } from '../compare/kpi-spread.js';
import type { Format, KpiType, Language } from '../questionnaire/model.js';
import type { DimensionResult, KpiResult, OverallResult, Result, ResultScale } from '../scoring/result.js';
import type { Distribution } from '../stats/moments.js';
import {
  csatMarginSize,
  detectSize,
  meanMarginSize,
  npsHalfWidth,
  npsMarginSize,
  tHalfWidth,
  twoWavePower,
  wilsonHalfWidth,
} from './sample-size.js';

/**
 * What the next wave should achieve: a 95% interval no wider than `target` either side (`margin`), or
 * a change of `target` between this wave and the next detected with `power` at two-sided `alpha`
 * (`detect`). Gaps in scale points; each KPI in its own units, by its id (a KPI without one is not planned).
 */
export interface PlanGoal {
  kind: 'margin' | 'detect';
  target: number;
  kpiTargets: Readonly<Record<string, number>>;
  /** detect only (null for a margin, whose level is always 95%). */
  power: number | null;
  alpha: number | null;
}

type PlanKind = 'overall' | 'dimension' | 'kpi';

/** One measure's plan. */
export interface PlanRow {
  /** As in `compare` and `trend`: `overall:weighted`, `overall:unweighted`, `dimension:<id>`, `kpi:<id>`. */
  target: string;
  kind: PlanKind;
  /** The dimension's label, the KPI's id, or `weighted` / `unweighted`. */
  label: string;
  /** KPIs only. */
  type?: KpiType;
  /** The half-width or change asked for, in this measure's units; null for a KPI given none. */
  goal: number | null;
  /** The sample sd of one respondent's value in the result (NPS and CSAT from their shares); null when n < 2. */
  sd: number | null;
  /** How many respondents the result had for this measure. */
  n: number;
  /** Respondents needed: in the next wave (margin), or in each of two waves (detect); null when it cannot be planned (see `reason`). */
  respondents: number | null;
  /** At that size: the expected 95% half-width (margin) or the exact power (detect). */
  achieved: number | null;
  /** Why `respondents` is null: `no-goal`, `too-few` (n < 2 or no sd), `no-spread` (sd 0), `too-many` (over 100,000,000). */
  reason: 'no-goal' | 'too-few' | 'no-spread' | 'too-many' | null;
}

interface PlanSegment {
  column: string;
  value: string;
  respondents: { total: number; scored: number };
  rows: PlanRow[];
}

/** `servqual plan`'s report and JSON (docs/contract.md, "plan"). */
export interface Plan {
  kind: 'plan';
  /** Bumped only when a field changes meaning or goes away; new fields may be added. */
  planVersion: 1;
  questionnaire: { title: string; format: Format; language: Language; scale: ResultScale };
  respondents: Result['respondents'];
  goal: PlanGoal;
  rows: PlanRow[];
  /** Per segment of `groupBy` (empty without it). */
  groupBy: string | null;
  segments: PlanSegment[];
}

function unplanned(reason: PlanRow['reason']): Pick<PlanRow, 'respondents' | 'achieved' | 'reason'> {
  return { respondents: null, achieved: null, reason };
}

/** The size, what it achieves, or why there is none; `size` is null only past MAX_RESPONDENTS (sd > 0 checked before). */
function sized(
  size: number | null,
  achieved: (n: number) => number,
): Pick<PlanRow, 'respondents' | 'achieved' | 'reason'> {
  return size === null ? unplanned('too-many') : { respondents: size, achieved: achieved(size), reason: null };
}

/** A mean's plan from its sd (gaps and CES). */
function meanPlan(
  sd: number | null,
  n: number,
  goal: PlanGoal,
  target: number,
): Pick<PlanRow, 'respondents' | 'achieved' | 'reason'> {
  if (sd === null || n < 2) return unplanned('too-few');
  if (sd === 0) return unplanned('no-spread');
  if (goal.kind === 'margin') return sized(meanMarginSize(sd, target), (m) => tHalfWidth(sd, m));
  const power = goal.power as number;
  const alpha = goal.alpha as number;
  return sized(detectSize(sd, target, power, alpha), (m) => twoWavePower(sd, target, m, alpha));
}

function distributionRow(target: string, kind: PlanKind, label: string, d: Distribution, goal: PlanGoal): PlanRow {
  return { target, kind, label, goal: goal.target, sd: d.sd, n: d.n, ...meanPlan(d.sd, d.n, goal, goal.target) };
}

/** A KPI's plan: margins by the contract's own intervals (NPS by its variance, CSAT by Wilson, CES by t); changes by the t-test on the per-answer scores. */
function kpiRow(kpi: KpiResult, goal: PlanGoal): PlanRow {
  const target = Object.hasOwn(goal.kpiTargets, kpi.id) ? (goal.kpiTargets[kpi.id] as number) : null;
  const { sd } = kpiSummary(kpi);
  const base = {
    target: `kpi:${kpi.id}`,
    kind: 'kpi' as const,
    label: kpi.id,
    type: kpi.type,
    goal: target,
    sd,
    n: kpi.n,
  };
  if (target === null) return { ...base, ...unplanned('no-goal') };
  if (sd === null || kpi.n < 2 || kpi.score === null) return { ...base, ...unplanned('too-few') };
  if (goal.kind === 'detect' || kpi.type === 'ces') return { ...base, ...meanPlan(sd, kpi.n, goal, target) };
  if (kpi.type === 'csat') {
    const share = kpi.score / 100;
    return { ...base, ...sized(csatMarginSize(share, target), (m) => wilsonHalfWidth(share, m)) };
  }
  const promoters = (kpi.promoters ?? 0) / 100;
  const detractors = (kpi.detractors ?? 0) / 100;
  if (sd === 0) return { ...base, ...unplanned('no-spread') };
  return {
    ...base,
    ...sized(npsMarginSize(promoters, detractors, target), (m) => npsHalfWidth(promoters, detractors, m)),
  };
}

function rowsOf(
  overall: OverallResult,
  dimensions: readonly DimensionResult[],
  kpis: readonly KpiResult[],
  goal: PlanGoal,
): PlanRow[] {
  return [
    distributionRow('overall:weighted', 'overall', 'weighted', overall.weighted, goal),
    distributionRow('overall:unweighted', 'overall', 'unweighted', overall.unweighted, goal),
    ...dimensions.map((d) => distributionRow(`dimension:${d.id}`, 'dimension', d.label, d.gap, goal)),
    ...kpis.map((k) => kpiRow(k, goal)),
  ];
}

/** The `--group-by` columns a result has segments for, in the result's order. */
export function segmentColumns(result: Result): string[] {
  return [...new Set(result.segments.map((s) => s.column))];
}

/**
 * The respondents the next wave needs, from a saved result's spreads: per overall score, dimension
 * and KPI (and per segment of `groupBy`, which must be one of `segmentColumns(result)`). See
 * docs/methods.md ("Planning the next wave") for the formulas.
 */
export function planOf(result: Result, goal: PlanGoal, groupBy: string | null = null): Plan {
  const { title, format, language, scale } = result.questionnaire;
  return {
    kind: 'plan',
    planVersion: 1,
    questionnaire: { title, format, language, scale },
    respondents: result.respondents,
    goal,
    rows: rowsOf(result.overall, result.dimensions, result.kpis, goal),
    groupBy,
    segments:
      groupBy === null
        ? []
        : result.segments
            .filter((s) => s.column === groupBy)
            .map((s) => ({
              column: s.column,
              value: s.value,
              respondents: s.respondents,
              rows: rowsOf(s.overall, s.dimensions, s.kpis, goal),
            })),
  };
}
