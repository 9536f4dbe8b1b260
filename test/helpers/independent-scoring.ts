/**
 * A deliberately plain, second implementation of the contract's numbers (docs/contract.md, "The numbers"),
 * used as the oracle in the scoring tests. It works on whole arrays of raw respondent objects,
 * recomputes everything from the raw cells with simple-statistics and @stdlib (no accumulators,
 * no Welford, no co-moments) and shares nothing with `src/` except types.
 *
 * Cells: blank / null / undefined is a missing answer; every other cell must be a number
 * (the tests only feed valid cells here).
 */
import tQuantileLib from '@stdlib/stats-base-dists-t-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { mean, sampleCorrelation, sampleStandardDeviation, sampleVariance, standardDeviation } from 'simple-statistics';
import type { Questionnaire } from '../../src/core/questionnaire/model.js';

export type RawRow = Record<string, string | number | null | undefined>;

export interface Dist {
  mean: number | null;
  sd: number | null;
  n: number;
  ci95: [number, number] | null;
}

interface IndItem {
  id: string;
  dimension: string;
  expectation: number | null;
  perception: number | null;
  minimum: number | null;
  desired: number | null;
  gap: Dist;
  msa: Dist | null;
  t: number | null;
  p: number | null;
  dz: number | null;
  pHolm: number | null;
  zone: string | null;
  alphaIfDeleted: number | null;
  itemTotal: number | null;
}

interface IndDimension {
  id: string;
  label: string;
  importance: number | null;
  expectation: number | null;
  perception: number | null;
  minimum: number | null;
  desired: number | null;
  gap: Dist;
  msa: Dist | null;
  zone: string | null;
  alpha: number | null;
  quadrant: string | null;
}

interface IndKpi {
  id: string;
  type: string;
  n: number;
  score: number | null;
  ci95: [number, number] | null;
  promoters?: number | null;
  passives?: number | null;
  detractors?: number | null;
}

interface IndRecommendation {
  item: string;
  dimension: string;
  gap: number;
  importance: number;
  priority: number;
  actions: string[];
}

export interface IndResult {
  respondents: { total: number; scored: number };
  overall: { unweighted: Dist; weighted: Dist };
  dimensions: IndDimension[];
  items: IndItem[];
  kpis: IndKpi[];
  recommendations: IndRecommendation[];
  weightFallback: { invalid: number; missing: number };
  duplicateIds: number;
}

const ZERO = 1e-12;

/** A cell as a number, or null when blank. */
function cellValue(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  const t = v.trim();
  if (t === '') return null;
  const x = Number(t);
  if (!Number.isFinite(x)) throw new Error(`independent scorer fed a non-number cell: ${JSON.stringify(v)}`);
  return x;
}

function tQuantile(p: number, df: number): number {
  return tQuantileLib(p, df);
}

/** mean, sd (n - 1) and the t-based 95% interval of plain values. */
function dist(values: readonly number[]): Dist {
  const n = values.length;
  if (n === 0) return { mean: null, sd: null, n: 0, ci95: null };
  const m = mean([...values]);
  if (n < 2) return { mean: m, sd: null, n, ci95: null };
  const sd = sampleStandardDeviation([...values]);
  const half = (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { mean: m, sd, n, ci95: [m - half, m + half] };
}

const meanOrNull = (values: readonly number[]): number | null => (values.length === 0 ? null : mean([...values]));
const meanOfPresent = (values: readonly (number | null)[]) => meanOrNull(values.filter((v): v is number => v !== null));

/** Holm's step-down adjustment; nulls stay null. */
function holm(ps: readonly (number | null)[]): (number | null)[] {
  const present = ps.map((p, i) => ({ p, i })).filter((e): e is { p: number; i: number } => e.p !== null);
  present.sort((a, b) => a.p - b.p);
  const m = present.length;
  const out: (number | null)[] = ps.map(() => null);
  let best = 0;
  present.forEach((e, j) => {
    best = Math.max(best, Math.min(1, (m - j) * e.p));
    out[e.i] = best;
  });
  return out;
}

/** Cronbach's alpha of the columns of `rows` (respondents x items); null when k < 2, n < 2 or var(sum) = 0. */
function cronbachAlpha(rows: readonly (readonly number[])[]): number | null {
  const n = rows.length;
  const k = n === 0 ? 0 : (rows[0] as number[]).length;
  if (k < 2 || n < 2) return null;
  let sumVar = 0;
  for (let j = 0; j < k; j++) sumVar += sampleVariance(rows.map((r) => r[j] as number));
  const totalVar = sampleVariance(rows.map((r) => r.reduce((a, b) => a + b, 0)));
  if (Math.abs(totalVar) < ZERO) return null;
  return (k / (k - 1)) * (1 - sumVar / totalVar);
}

const without = (row: readonly number[], j: number) => row.filter((_, l) => l !== j);

/** Corrected item-total r of column j: Pearson r with the sum of the other columns. */
export function itemTotalR(rows: readonly (readonly number[])[], j: number): number | null {
  if (rows.length < 2 || (rows[0] as number[]).length < 2) return null;
  const x = rows.map((r) => r[j] as number);
  const rest = rows.map((r) => without(r, j).reduce((a, b) => a + b, 0));
  if (sampleVariance(x) < ZERO || sampleVariance(rest) < ZERO) return null;
  return sampleCorrelation(x, rest);
}

function zone(p: number | null, min: number | null, des: number | null): string | null {
  if (p === null || min === null || des === null) return null;
  return p < min ? 'below' : p > des ? 'above' : 'within';
}

interface ItemAnswers {
  e: number | null;
  p: number | null;
  min: number | null;
  des: number | null;
  gap: number | null;
  msa: number | null;
}

/** Everything the contract derives per respondent. */
export interface Derived {
  items: ItemAnswers[];
  dimensionGap: (number | null)[];
  dimensionMsa: (number | null)[];
  weights: number[];
  weightSource: 'own' | 'invalid' | 'missing' | 'fixed';
  unweighted: number | null;
  weighted: number | null;
}

function col(pattern: string, item = '', dimension = ''): string {
  return pattern.split('{item}').join(item).split('{dimension}').join(dimension);
}

/** The fixed weights normalised, or equal weights when none are given. */
function fallbackWeights(q: Questionnaire): number[] {
  const fixed = q.weights.fixed;
  if (!fixed) return q.dimensions.map(() => 1 / q.dimensions.length);
  const raw = q.dimensions.map((d) => fixed[d.id] ?? 0);
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

export function derive(q: Questionnaire, row: RawRow): Derived {
  const { min: lo, max: hi } = q.scale;
  const items = q.dimensions.flatMap((d) => d.items);
  const get = (pattern: string, id: string, reverse: boolean): number | null => {
    const x = cellValue(row[col(pattern, id)]);
    if (x === null) return null;
    return reverse ? lo + hi - x : x;
  };
  const answers: ItemAnswers[] = items.map((item) => {
    const p = get(q.columns.perception, item.id, item.reverse);
    const none: ItemAnswers = { e: null, p: null, min: null, des: null, gap: null, msa: null };
    if (q.format === 'two-column') {
      const e = get(q.columns.expectation, item.id, item.reverse);
      return p === null || e === null ? none : { ...none, e, p, gap: p - e };
    }
    if (q.format === 'three-column') {
      const min = get(q.columns.minimum, item.id, item.reverse);
      const des = get(q.columns.desired, item.id, item.reverse);
      return p === null || min === null || des === null ? none : { ...none, p, min, des, gap: p - des, msa: p - min };
    }
    return p === null ? none : { ...none, p, gap: p };
  });

  const dimensionGap: (number | null)[] = [];
  const dimensionMsa: (number | null)[] = [];
  let at = 0;
  for (const d of q.dimensions) {
    const own = answers.slice(at, at + d.items.length);
    at += d.items.length;
    const answered = own.filter((a) => a.gap !== null);
    const enough = answered.length > 0 && answered.length >= Math.ceil(d.items.length / 2);
    dimensionGap.push(enough ? mean(answered.map((a) => a.gap as number)) : null);
    dimensionMsa.push(enough && q.format === 'three-column' ? mean(answered.map((a) => a.msa as number)) : null);
  }

  let weights = fallbackWeights(q);
  let weightSource: Derived['weightSource'] = 'fixed';
  if (q.weights.source === 'respondents') {
    const given = q.dimensions.map((d) => cellValue(row[col(q.columns.weight, '', d.id)]));
    if (given.every((w) => w === null)) weightSource = 'missing';
    else if (given.some((w) => w === null)) weightSource = 'invalid';
    else {
      const ws = given as number[];
      const sum = ws.reduce((a, b) => a + b, 0);
      // 100 ± 1 as decimals: a hair of binary rounding (44.4 + 4 * 14.15 = 101.00000000000001) is still 101.
      if (ws.some((w) => w < 0) || Math.abs(sum - 100) > 1 + 1e-9) weightSource = 'invalid';
      else {
        weightSource = 'own';
        weights = ws.map((w) => w / sum);
      }
    }
  }

  const complete = dimensionGap.every((g) => g !== null);
  const gaps = dimensionGap as number[];
  return {
    items: answers,
    dimensionGap,
    dimensionMsa,
    weights,
    weightSource,
    unweighted: complete ? mean(gaps) : null,
    weighted: complete ? gaps.reduce((s, g, d) => s + (weights[d] as number) * g, 0) : null,
  };
}

/** One-sample t-test of the values against `reference` (0 for gaps; the scale midpoint for perceptions-only: docs/contract.md, "The numbers"). */
function pairedTest(
  gaps: readonly number[],
  reference: number,
): { t: number | null; p: number | null; dz: number | null } {
  if (gaps.length < 2) return { t: null, p: null, dz: null };
  const m = mean([...gaps]);
  const sd = sampleStandardDeviation([...gaps]);
  if (sd < ZERO * Math.max(1, Math.abs(m))) return { t: null, p: null, dz: null };
  const t = (m - reference) / (sd / Math.sqrt(gaps.length));
  return { t, p: Math.min(1, 2 * tCdf(-Math.abs(t), gaps.length - 1)), dz: (m - reference) / sd };
}

function quadrantsOf(dimensions: readonly IndDimension[]): (string | null)[] {
  const complete = dimensions.filter((d) => d.importance !== null && d.perception !== null);
  if (complete.length === 0) return dimensions.map(() => null);
  const mi = mean(complete.map((d) => d.importance as number));
  const mp = mean(complete.map((d) => d.perception as number));
  return dimensions.map((d) => {
    if (d.importance === null || d.perception === null) return null;
    const high = d.importance >= mi - 1e-9;
    const good = d.perception >= mp - 1e-9;
    if (high) return good ? 'keep-up-the-good-work' : 'concentrate-here';
    return good ? 'possible-overkill' : 'low-priority';
  });
}

/** Wilson's score interval (z = 1.96) in percent, as Wilson (1927) writes it: (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n). */
function wilson(successes: number, n: number): [number, number] {
  const z = 1.96;
  const p = successes / n;
  const root = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const scale = 100 / (1 + (z * z) / n);
  return [scale * (p + (z * z) / (2 * n) - root), scale * (p + (z * z) / (2 * n) + root)];
}

function kpisOf(q: Questionnaire, rows: readonly RawRow[]): IndKpi[] {
  return q.kpis.map((k) => {
    const xs = rows.map((r) => cellValue(r[k.id])).filter((x): x is number => x !== null);
    const n = xs.length;
    const pct = (count: number) => (n === 0 ? null : (100 * count) / n);
    if (k.type === 'nps') {
      const promoters = pct(xs.filter((x) => x >= 9).length);
      const passives = pct(xs.filter((x) => x >= 7 && x < 9).length);
      const detractors = pct(xs.filter((x) => x <= 6).length);
      const score = promoters === null || detractors === null ? null : promoters - detractors;
      // Each answer scores +100, 0 or -100; the contract's variance is that score's (divisor n).
      const scores = xs.map((x) => (x >= 9 ? 100 : x <= 6 ? -100 : 0));
      const half = n < 2 ? 0 : (1.96 * standardDeviation(scores)) / Math.sqrt(n);
      const ci95: [number, number] | null = n < 2 ? null : [mean(scores) - half, mean(scores) + half];
      return { id: k.id, type: k.type, n, score, ci95, promoters, passives, detractors };
    }
    if (k.type === 'csat') {
      const top = xs.filter((x) => x >= k.scale.max - 1).length;
      return { id: k.id, type: k.type, n, score: pct(top), ci95: n < 2 ? null : wilson(top, n) };
    }
    return { id: k.id, type: k.type, n, score: meanOrNull(xs), ci95: dist(xs).ci95 };
  });
}

/** Scores raw respondent rows the plain way. */
export function independentScore(q: Questionnaire, rows: readonly RawRow[]): IndResult {
  const derived = rows.map((r) => derive(q, r));
  const scored = derived.filter((d) => d.weighted !== null);
  const items = q.dimensions.flatMap((d) => d.items);
  const three = q.format === 'three-column';
  const two = q.format === 'two-column';

  const itemResults: IndItem[] = items.map((item, i) => {
    const answered = derived.map((d) => d.items[i] as ItemAnswers).filter((a) => a.gap !== null);
    const pick = (f: (a: ItemAnswers) => number | null) => meanOrNull(answered.map((a) => f(a) as number));
    const gaps = answered.map((a) => a.gap as number);
    const perception = pick((a) => a.p);
    const minimum = three ? pick((a) => a.min) : null;
    const desired = three ? pick((a) => a.des) : null;
    return {
      id: item.id,
      dimension: item.dimension,
      expectation: two ? pick((a) => a.e) : null,
      perception,
      minimum,
      desired,
      gap: dist(gaps),
      msa: three ? dist(answered.map((a) => a.msa as number)) : null,
      ...pairedTest(gaps, q.format === 'perceptions-only' ? (q.scale.min + q.scale.max) / 2 : 0),
      pHolm: null,
      zone: three ? zone(perception, minimum, desired) : null,
      alphaIfDeleted: null,
      itemTotal: null,
    };
  });
  holm(itemResults.map((r) => r.p)).forEach((p, i) => {
    (itemResults[i] as IndItem).pHolm = p;
  });

  let at = 0;
  const dimensions: IndDimension[] = q.dimensions.map((d, di) => {
    const first = at;
    at += d.items.length;
    const own = itemResults.slice(first, at);
    // Complete respondents of this dimension: every item has its gap (or P, or MSS).
    const matrix = derived
      .map((r) => r.items.slice(first, at).map((a) => a.gap))
      .filter((row): row is number[] => row.every((g) => g !== null));
    const k = d.items.length;
    own.forEach((item, j) => {
      item.alphaIfDeleted = k - 1 >= 2 ? cronbachAlpha(matrix.map((row) => without(row, j))) : null;
      item.itemTotal = k >= 2 ? itemTotalR(matrix, j) : null;
    });
    const perception = meanOfPresent(own.map((r) => r.perception));
    const minimum = three ? meanOfPresent(own.map((r) => r.minimum)) : null;
    const desired = three ? meanOfPresent(own.map((r) => r.desired)) : null;
    return {
      id: d.id,
      label: d.label,
      importance: scored.length === 0 ? null : mean(scored.map((r) => r.weights[di] as number)),
      expectation: two ? meanOfPresent(own.map((r) => r.expectation)) : null,
      perception,
      minimum,
      desired,
      gap: dist(derived.map((r) => r.dimensionGap[di] ?? null).filter((g): g is number => g !== null)),
      msa: three ? dist(derived.map((r) => r.dimensionMsa[di] ?? null).filter((g): g is number => g !== null)) : null,
      zone: three ? zone(perception, minimum, desired) : null,
      alpha: cronbachAlpha(matrix),
      quadrant: null,
    };
  });
  quadrantsOf(dimensions).forEach((quad, i) => {
    (dimensions[i] as IndDimension).quadrant = quad;
  });

  const fallback = fallbackWeights(q);
  const midpoint = (q.scale.min + q.scale.max) / 2;
  const candidates: (IndRecommendation & { order: number })[] = [];
  itemResults.forEach((r, order) => {
    const di = q.dimensions.findIndex((d) => d.id === r.dimension);
    const gap = r.gap.mean;
    if (gap === null) return;
    const shortfall = q.format === 'perceptions-only' ? midpoint - gap : -gap;
    if (!(shortfall > 0)) return;
    const importance = (dimensions[di] as IndDimension).importance ?? (fallback[di] as number);
    const own = (items[order] as (typeof items)[number]).recommendations;
    const actions = own.length > 0 ? own : (q.dimensions[di] as (typeof q.dimensions)[number]).recommendations;
    candidates.push({
      item: r.id,
      dimension: r.dimension,
      gap,
      importance,
      priority: shortfall * importance,
      actions: [...actions],
      order,
    });
  });
  candidates.sort((a, b) => (Math.abs(a.priority - b.priority) <= 1e-12 ? a.order - b.order : b.priority - a.priority));

  const ids = rows.map((r) => String(r[q.columns.respondent] ?? '').trim()).filter((id) => id !== '');
  return {
    respondents: { total: rows.length, scored: scored.length },
    overall: {
      unweighted: dist(scored.map((r) => r.unweighted as number)),
      weighted: dist(scored.map((r) => r.weighted as number)),
    },
    dimensions,
    items: itemResults,
    kpis: kpisOf(q, rows),
    recommendations: candidates.map(({ order: _order, ...rest }) => rest),
    weightFallback: {
      invalid: derived.filter((d) => d.weightSource === 'invalid').length,
      missing: derived.filter((d) => d.weightSource === 'missing').length,
    },
    duplicateIds: ids.length - new Set(ids).size,
  };
}
