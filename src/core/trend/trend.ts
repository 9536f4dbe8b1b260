import { compareResults, type Comparison, type ComparisonRow } from '../compare/compare.js';
import type { ChangeTest } from '../compare/rows.js';
import type { Format, KpiType, Language } from '../questionnaire/model.js';
import type { Result, ResultScale } from '../scoring/result.js';
import { holmAdjust } from '../stats/holm.js';
import { trendComparabilityProblems, type WaveProblem } from './waves-comparable.js';

/** One saved result in a trend, with the name reports give it. */
export interface WaveInput {
  label: string;
  result: Result;
}

/** A wave as the trend reports it. */
interface TrendWave {
  label: string;
  respondents: Result['respondents'];
  /** The result's `run.date` (score --date), else null. */
  date: string | null;
}

/** One measure in one wave: its value, 95% interval and n (the result's own figures). */
interface TrendPoint {
  value: number | null;
  ci95: [number, number] | null;
  n: number;
}

/** Welch's test of the change from wave `from` to wave `to` (0-based indices into `waves`). */
export interface TrendStep extends ChangeTest {
  /** `change` is `value(to) - value(from)` (for a KPI, only when its type is the same); `pHolm` is over this measure's steps of the same kind (consecutive, or against the first). */
  from: number;
  to: number;
}

type SeriesKind = 'overall' | 'dimension' | 'kpi';

/** One measure across the waves. */
export interface TrendSeries {
  /** As in `compare`: `overall:weighted`, `overall:unweighted`, `dimension:<id>`, `kpi:<id>`. */
  target: string;
  kind: SeriesKind;
  label: string;
  /** KPIs only: nps, csat or ces (the last wave's that has it). */
  type?: KpiType;
  /** One per wave, in the waves' order. */
  points: TrendPoint[];
  /** Wave i-1 to wave i, for i = 1..k-1. */
  consecutive: TrendStep[];
  /** The first wave to wave i, for i = 1..k-1 (the first of them is the same test as `consecutive[0]`). */
  versusFirst: TrendStep[];
  /** Overall and dimensions only: the last wave's drop from the one before is `compare`'s regression. */
  regression: boolean;
}

/** The JSON `servqual trend --format json` writes (docs/contract.md, "servqual trend"). */
export interface Trend {
  kind: 'trend';
  trendVersion: 1;
  questionnaire: { title: string; format: Format; language: Language; scale: ResultScale };
  alpha: number;
  waves: TrendWave[];
  series: TrendSeries[];
  /** Targets of the series with `regression`, in series order: what `--fail-on-regression` gates on. */
  regressions: string[];
}

/** Thrown by `trendOf` for waves that `trendComparabilityProblems` refuses, or fewer than two. */
export class TrendInputError extends Error {
  readonly problems: WaveProblem[];
  constructor(message: string, problems: WaveProblem[] = []) {
    super(message);
    this.name = 'TrendInputError';
    this.problems = problems;
  }
}

interface Measure {
  target: string;
  kind: SeriesKind;
  label: string;
  type?: KpiType;
  point: (r: Result) => TrendPoint;
}

const NONE: TrendPoint = { value: null, ci95: null, n: 0 };

/** The measures in report order: the overall scores, the dimensions (the first wave's order), every KPI any wave has. */
function measures(waves: readonly Result[]): Measure[] {
  const last = waves[waves.length - 1] as Result;
  const out: Measure[] = (['weighted', 'unweighted'] as const).map((which) => ({
    target: `overall:${which}`,
    kind: 'overall',
    label: `overall (${which})`,
    point: (r) => {
      const d = r.overall[which];
      return { value: d.mean, ci95: d.ci95, n: d.n };
    },
  }));
  for (const d of (waves[0] as Result).dimensions) {
    out.push({
      target: `dimension:${d.id}`,
      kind: 'dimension',
      label: last.dimensions.find((x) => x.id === d.id)?.label ?? d.label,
      point: (r) => {
        const x = r.dimensions.find((y) => y.id === d.id);
        return x ? { value: x.gap.mean, ci95: x.gap.ci95, n: x.gap.n } : NONE;
      },
    });
  }
  const seen = new Set<string>();
  for (const wave of waves) {
    for (const k of wave.kpis) {
      if (seen.has(k.id)) continue;
      seen.add(k.id);
      const latest = [...waves].reverse().flatMap((r) => r.kpis.filter((x) => x.id === k.id))[0] ?? k;
      out.push({
        target: `kpi:${k.id}`,
        kind: 'kpi',
        label: `${latest.type.toUpperCase()} (${k.id})`,
        type: latest.type,
        point: (r) => {
          const x = r.kpis.find((y) => y.id === k.id);
          return x ? { value: x.score, ci95: x.ci95 ?? null, n: x.n } : NONE;
        },
      });
    }
  }
  return out;
}

function stepOf(row: ComparisonRow | undefined, from: number, to: number): TrendStep {
  return {
    from,
    to,
    change: row?.change ?? null,
    t: row?.t ?? null,
    df: row?.df ?? null,
    p: row?.p ?? null,
    pHolm: null,
    significant: false,
    direction: row?.direction ?? null,
  };
}

/** Holm within the family, then significance on the adjusted p. */
function adjust(steps: TrendStep[], alpha: number): void {
  const adjusted = holmAdjust(steps.map((s) => s.p));
  steps.forEach((s, i) => {
    s.pHolm = adjusted[i] ?? null;
    s.significant = s.pHolm !== null && s.pHolm < alpha;
  });
}

const rowIn = (c: Comparison, target: string) => c.rows.find((r) => r.target === target);

/**
 * Overall, dimension and KPI values of saved results over time (waves in the order given), with
 * Welch's test of every change between consecutive waves and of every wave against the first.
 *
 * Each test is `compareResults`' for that pair of waves (Welch from the saved means, sds and ns; KPI
 * sds from their shares, see `kpiSummary`). Holm's adjustment runs within one measure and one kind of
 * comparison (its k - 1 consecutive steps; its k - 1 steps from the first wave), and a step is
 * significant when its `pHolm < alpha`. The gate is `compare`'s, unchanged: a series has `regression`
 * when `compareResults(previous, last)` calls its row a regression (an overall or dimension drop
 * with p < alpha, unadjusted), so `trend ... --fail-on-regression` fails exactly when
 * `compare PREVIOUS LAST --fail-on-regression` does.
 * Throws `TrendInputError` for fewer than two waves or waves that are not comparable.
 *
 * @example trendOf([{ label: 'q1', result: q1 }, { label: 'q2', result: q2 }], { alpha: 0.05 }).regressions
 *   // ['dimension:responsiveness']
 */
export function trendOf(inputs: readonly WaveInput[], options: { alpha: number }): Trend {
  if (!(options.alpha > 0 && options.alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${options.alpha}`);
  if (inputs.length < 2) throw new TrendInputError(`a trend needs at least two waves, got ${inputs.length}`);
  const results = inputs.map((w) => w.result);
  const problems = trendComparabilityProblems(results);
  if (problems.length > 0) throw new TrendInputError(problems.map((p) => p.message).join('; '), problems);

  const first = results[0] as Result;
  const compare = (a: number, b: number) =>
    compareResults(results[a] as Result, results[b] as Result, { alpha: options.alpha });
  const consecutive = results.slice(1).map((_, i) => compare(i, i + 1));
  // The first step against the first wave is the first consecutive step: compared once.
  const versusFirst = results.slice(1).map((_, i) => (i === 0 ? (consecutive[0] as Comparison) : compare(0, i + 1)));
  const gate = consecutive[consecutive.length - 1] as Comparison;

  const series = measures(results).map((m): TrendSeries => {
    const steps = consecutive.map((c, i) => stepOf(rowIn(c, m.target), i, i + 1));
    const fromFirst = versusFirst.map((c, i) => stepOf(rowIn(c, m.target), 0, i + 1));
    adjust(steps, options.alpha);
    adjust(fromFirst, options.alpha);
    return {
      target: m.target,
      kind: m.kind,
      label: m.label,
      ...(m.type ? { type: m.type } : {}),
      points: results.map(m.point),
      consecutive: steps,
      versusFirst: fromFirst,
      regression: gate.regressions.includes(m.target),
    };
  });
  const { title, format, scale } = first.questionnaire;
  // Labels in the latest wave's language, as `compare` uses the current result's.
  const language = (results[results.length - 1] as Result).questionnaire.language;
  return {
    kind: 'trend',
    trendVersion: 1,
    questionnaire: { title, format, language, scale: { ...scale } },
    alpha: options.alpha,
    waves: inputs.map((w) => ({
      label: w.label,
      respondents: { ...w.result.respondents },
      date: w.result.run?.date ?? null,
    })),
    series,
    regressions: series.filter((s) => s.regression).map((s) => s.target),
  };
}
