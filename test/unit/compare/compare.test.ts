import { sampleVariance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { compareResults, type ComparisonRow } from '../../../src/core/compare/compare.js';
import { comparabilityProblems, IncomparableResultsError } from '../../../src/core/compare/comparable.js';
import { kpiSummary } from '../../../src/core/compare/kpi-spread.js';
import { welchTest } from '../../../src/core/compare/welch.js';
import type { DimensionResult, ItemResult, KpiResult, Result } from '../../../src/core/scoring/result.js';
import { holmAdjust } from '../../../src/core/stats/holm.js';

type Spec = [mean: number, sd: number, n: number];

const dist = ([mean, sd, n]: Spec) => ({ mean, sd, n, ci95: null });

function dimension(id: string, gap: Spec): DimensionResult {
  const label = id.charAt(0).toUpperCase() + id.slice(1);
  return {
    id,
    label,
    importance: 0.2,
    expectation: null,
    perception: null,
    minimum: null,
    desired: null,
    gap: dist(gap),
    msa: null,
    zone: null,
    alpha: null,
    quadrant: null,
  };
}

function item(id: string, dim: string, gap: Spec): ItemResult {
  return {
    id,
    dimension: dim,
    expectation: null,
    perception: null,
    minimum: null,
    desired: null,
    gap: dist(gap),
    msa: null,
    zone: null,
    t: null,
    p: null,
    dz: null,
    pHolm: null,
    alphaIfDeleted: null,
    itemTotal: null,
  };
}

interface Wave {
  title?: string;
  format?: Result['questionnaire']['format'];
  language?: Result['questionnaire']['language'];
  scale?: { min: number; max: number };
  weighted?: Spec;
  unweighted?: Spec;
  dimensions?: Record<string, Spec>;
  items?: Record<string, Spec>;
  kpis?: KpiResult[];
}

function result(w: Wave = {}): Result {
  const dims = w.dimensions ?? { tangibles: [-0.5, 1, 100], reliability: [-0.8, 1, 100] };
  const items = w.items ?? { T1: [-0.5, 1.2, 100], R1: [-0.8, 1.1, 100] };
  return {
    schemaVersion: 1,
    questionnaire: {
      title: w.title ?? 'Audit',
      format: w.format ?? 'two-column',
      language: w.language ?? 'en',
      scale: w.scale ?? { min: 1, max: 7 },
    },
    respondents: { total: 100, scored: 100, skippedCells: 0 },
    overall: { weighted: dist(w.weighted ?? [-0.6, 0.8, 100]), unweighted: dist(w.unweighted ?? [-0.65, 0.8, 100]) },
    dimensions: Object.entries(dims).map(([id, s]) => dimension(id, s)),
    items: Object.entries(items).map(([id, s]) => item(id, id.startsWith('T') ? 'tangibles' : 'reliability', s)),
    segments: [],
    kpis: w.kpis ?? [],
    recommendations: [],
    warnings: [],
    checks: [],
  };
}

const rowOf = (rows: ComparisonRow[], target: string): ComparisonRow => {
  const row = rows.find((r) => r.target === target);
  expect(row, target).toBeDefined();
  return row as ComparisonRow;
};

function kpi(k: Partial<KpiResult> & Pick<KpiResult, 'id' | 'type' | 'n' | 'score'>): KpiResult {
  return { question: 'Q', scale: { min: 0, max: 10 }, ...k };
}

describe('comparabilityProblems', () => {
  it('accepts two results of one questionnaire, whatever their language', () => {
    expect(comparabilityProblems(result(), result({ language: 'ru' }))).toEqual([]);
  });

  it('names every field that differs with both values', () => {
    const problems = comparabilityProblems(
      result(),
      result({ title: 'Other audit', format: 'three-column', scale: { min: 1, max: 5 } }),
    );
    expect(problems.map((p) => [p.field, p.baseline, p.current])).toEqual([
      ['title', 'Audit', 'Other audit'],
      ['format', 'two-column', 'three-column'],
      ['scale', '1-7', '1-5'],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'the questionnaire title differs: baseline "Audit", current "Other audit"',
      'the questionnaire format differs: baseline "two-column", current "three-column"',
      'the questionnaire answer scale differs: baseline 1-7, current 1-5',
    ]);
  });

  it('refuses an item that both results have on different scales (its own in one of them)', () => {
    const own = (r: Result, scale: { min: number; max: number }) => {
      const [t1, ...rest] = r.items;
      return { ...r, items: [{ ...(t1 as Result['items'][number]), scale }, ...rest] };
    };
    expect(comparabilityProblems(result(), own(result(), { min: 1, max: 7 }))).toEqual([]);
    expect(comparabilityProblems(result(), own(result(), { min: 0, max: 1 })).map((p) => p.message)).toEqual([
      'the answer scale of item T1 differs: baseline 1-7, current 0-1',
    ]);
    expect(
      comparabilityProblems(own(result(), { min: 1, max: 4 }), own(result(), { min: 0, max: 1 })).map((p) => p.field),
    ).toEqual(['scale']);
  });

  it('makes compareResults refuse with a typed error', () => {
    expect(() => compareResults(result(), result({ format: 'perceptions-only' }), { alpha: 0.05 })).toThrow(
      IncomparableResultsError,
    );
    try {
      compareResults(result(), result({ format: 'perceptions-only' }), { alpha: 0.05 });
    } catch (error) {
      expect((error as IncomparableResultsError).problems.map((p) => p.field)).toEqual(['format']);
    }
  });
});

describe('compareResults', () => {
  it('rejects an alpha outside (0, 1) and a negative tolerance', () => {
    for (const alpha of [0, 1, -0.1, Number.NaN])
      expect(() => compareResults(result(), result(), { alpha })).toThrow(RangeError);
    expect(() => compareResults(result(), result(), { alpha: 0.05, tolerance: -0.1 })).toThrow(RangeError);
  });

  it('lists overall, dimensions, items and KPIs in order, with the wave summaries', () => {
    const c = compareResults(
      result(),
      result({
        kpis: [kpi({ id: 'nps', type: 'nps', n: 50, score: 10, promoters: 40, passives: 30, detractors: 30 })],
      }),
      { alpha: 0.05 },
    );
    expect(c.rows.map((r) => r.target)).toEqual([
      'overall:weighted',
      'overall:unweighted',
      'dimension:tangibles',
      'dimension:reliability',
      'item:T1',
      'item:R1',
      'kpi:nps',
    ]);
    expect(c.rows.map((r) => r.label)).toEqual([
      'overall (weighted)',
      'overall (unweighted)',
      'Tangibles',
      'Reliability',
      'T1',
      'R1',
      'NPS (nps)',
    ]);
    expect(c.baseline).toEqual({ title: 'Audit', respondents: { total: 100, scored: 100, skippedCells: 0 } });
    expect(c.alpha).toBe(0.05);
    expect(c.tolerance).toBeNull();
    expect(c.regressions).toEqual([]);
  });

  it('tests each change with Welch from the saved means, sds and ns', () => {
    const c = compareResults(result({ weighted: [-0.6, 0.8, 100] }), result({ weighted: [-0.9, 0.7, 120] }), {
      alpha: 0.05,
    });
    const row = rowOf(c.rows, 'overall:weighted');
    const expected = welchTest({ mean: -0.6, sd: 0.8, n: 100 }, { mean: -0.9, sd: 0.7, n: 120 });
    // By hand: se^2 = 0.64/100 + 0.49/120 = 0.0104833; t = -0.3 / 0.1023881 = -2.9300
    expect(row.t).toBeCloseTo(-0.3 / Math.sqrt(0.64 / 100 + 0.49 / 120), 12);
    expect(row).toMatchObject({
      baseline: -0.6,
      current: -0.9,
      t: expected?.t,
      df: expected?.df,
      p: expected?.p,
      pHolm: null,
      status: 'both',
      direction: 'down',
      significant: true,
      regression: true,
    });
    expect(row.change).toBeCloseTo(-0.3, 14);
    expect(c.regressions).toEqual(['overall:weighted']);
  });

  it('reports a dimension found in only one result, never dropping it', () => {
    const before = result({ dimensions: { tangibles: [-0.5, 1, 100], courtesy: [-0.2, 1, 100] } });
    const after = result({ dimensions: { tangibles: [-0.5, 1, 100], access: [-1.9, 1, 100] } });
    const c = compareResults(before, after, { alpha: 0.05, tolerance: 0 });
    expect(c.rows.filter((r) => r.target.startsWith('dimension:')).map((r) => [r.target, r.status])).toEqual([
      ['dimension:tangibles', 'both'],
      ['dimension:courtesy', 'only-in-baseline'],
      ['dimension:access', 'only-in-current'],
    ]);
    expect(rowOf(c.rows, 'dimension:courtesy')).toEqual({
      target: 'dimension:courtesy',
      label: 'Courtesy',
      baseline: -0.2,
      current: null,
      change: null,
      t: null,
      df: null,
      p: null,
      pHolm: null,
      significant: false,
      direction: null,
      regression: false,
      status: 'only-in-baseline',
      baselineCi95: null,
      currentCi95: null,
    });
    expect(rowOf(c.rows, 'dimension:access')).toMatchObject({
      baseline: null,
      current: -1.9,
      change: null,
      p: null,
      regression: false,
      status: 'only-in-current',
    });
    expect(rowOf(c.rows, 'dimension:tangibles')).toMatchObject({
      change: 0,
      direction: 'same',
      t: 0,
      p: 1,
      significant: false,
      regression: false,
    });
  });

  it('reports items found in only one result and adjusts the others with Holm', () => {
    const before = result({
      items: { T1: [0, 1, 100], T2: [0, 1, 100], R1: [0, 1, 100], R2: [0, 1, 100], R9: [0, 1, 100] },
    });
    // T1's p is about 0.03: significant alone, not after Holm over four tests.
    const after = result({
      items: { T1: [0.31, 1, 100], T2: [0.6, 1, 100], R1: [-0.05, 1, 100], R2: [0.1, 1, 1], N1: [0, 1, 10] },
    });
    const c = compareResults(before, after, { alpha: 0.05 });
    const items = c.rows.filter((r) => r.target.startsWith('item:'));
    expect(items.map((r) => [r.target, r.status])).toEqual([
      ['item:T1', 'both'],
      ['item:T2', 'both'],
      ['item:R1', 'both'],
      ['item:R2', 'both'],
      ['item:R9', 'only-in-baseline'],
      ['item:N1', 'only-in-current'],
    ]);
    // R2 has n = 1 in the current wave: no test, so no Holm p either.
    expect(rowOf(c.rows, 'item:R2')).toMatchObject({ p: null, pHolm: null, significant: false, change: 0.1 });
    const ps = items.map((r) => r.p);
    expect(items.map((r) => r.pHolm)).toEqual(holmAdjust(ps));
    const t1 = rowOf(c.rows, 'item:T1');
    expect(t1.p).toBeGreaterThan(0.02);
    expect(t1.p).toBeLessThan(0.05);
    // Holm, three tests with a p: T2 (smallest) x3, then T1 x2, then R1 x1, each at least the previous.
    const t2 = rowOf(c.rows, 'item:T2');
    expect(t2.pHolm).toBeCloseTo(3 * (t2.p as number), 14);
    expect(t1.pHolm).toBeCloseTo(Math.max(3 * (t2.p as number), 2 * (t1.p as number)), 14);
    expect(t1.significant).toBe(false);
    expect(t2.significant).toBe(true);
    // Items are never regressions, even a significant drop.
    const drop = compareResults(before, result({ items: { T1: [-1, 1, 100] } }), { alpha: 0.05, tolerance: 0 });
    expect(rowOf(drop.rows, 'item:T1')).toMatchObject({ significant: true, direction: 'down', regression: false });
  });

  it('judges overall and dimension rows on the unadjusted p', () => {
    const c = compareResults(
      result({ dimensions: { tangibles: [0, 1, 100] } }),
      result({ dimensions: { tangibles: [0.31, 1, 100] } }),
      { alpha: 0.05 },
    );
    const row = rowOf(c.rows, 'dimension:tangibles');
    expect(row.p).toBeLessThan(0.05);
    expect(row.pHolm).toBeNull();
    expect(row.significant).toBe(true);
    expect(row.direction).toBe('up');
    expect(row.regression).toBe(false);
  });

  describe('regressions', () => {
    const before = result({ dimensions: { tangibles: [0, 1, 100], reliability: [0, 1, 100], empathy: [0, 1, 100] } });
    // tangibles: a large significant drop; reliability: a small drop (p about 0.48); empathy: a significant rise.
    const after = result({
      dimensions: { tangibles: [-0.5, 1, 100], reliability: [-0.1, 1, 100], empathy: [0.5, 1, 100] },
    });

    it('without a tolerance: only significant drops', () => {
      const c = compareResults(before, after, { alpha: 0.05 });
      expect(rowOf(c.rows, 'dimension:reliability').significant).toBe(false);
      expect(c.regressions).toEqual(['dimension:tangibles']);
    });

    it('with a tolerance: also drops beyond it, significant or not', () => {
      expect(compareResults(before, after, { alpha: 0.05, tolerance: 0.05 }).regressions).toEqual([
        'dimension:tangibles',
        'dimension:reliability',
      ]);
      // A drop within the tolerance that is significant still counts.
      expect(compareResults(before, after, { alpha: 0.05, tolerance: 0.6 }).regressions).toEqual([
        'dimension:tangibles',
      ]);
      const c = compareResults(before, after, { alpha: 0.05, tolerance: 0.2 });
      expect(c.tolerance).toBe(0.2);
      expect(c.regressions).toEqual(['dimension:tangibles']);
    });

    it('a drop of exactly the tolerance is not beyond it, despite rounding', () => {
      const a = result({ weighted: [0.4, 1, 10], dimensions: {} });
      const b = result({ weighted: [0.1, 1, 10], dimensions: {} });
      // 0.1 - 0.4 = -0.30000000000000004 in binary floating point: the residue must not decide.
      expect(-(0.1 - 0.4)).toBeGreaterThan(0.3);
      expect(compareResults(a, b, { alpha: 0.05, tolerance: 0.3 }).regressions).toEqual([]);
      expect(compareResults(a, b, { alpha: 0.05, tolerance: 0.29 }).regressions).toEqual(['overall:weighted']);
    });

    it('covers both overall rows', () => {
      const c = compareResults(
        result({ weighted: [0, 0.5, 200], unweighted: [0, 0.5, 200] }),
        result({ weighted: [-0.3, 0.5, 200], unweighted: [-0.3, 0.5, 200] }),
        { alpha: 0.05 },
      );
      expect(c.regressions).toEqual(['overall:weighted', 'overall:unweighted']);
    });

    it('a larger alpha flags more', () => {
      expect(compareResults(before, after, { alpha: 0.5 }).regressions).toEqual([
        'dimension:tangibles',
        'dimension:reliability',
      ]);
    });
  });

  describe('KPIs', () => {
    it('derives the NPS sd from the shares: scores +100, 0, -100', () => {
      // 50 promoters, 30 passives, 20 detractors: mean 30; variance by hand
      // 100^2 * ((50 + 20)/100 - (30/100)^2) * 100/99 = 6100 * 100/99 = 6161.6161...
      const s = kpiSummary(
        kpi({ id: 'nps', type: 'nps', n: 100, score: 30, promoters: 50, passives: 30, detractors: 20 }),
      );
      const raw = [...Array(50).fill(100), ...Array(30).fill(0), ...Array(20).fill(-100)] as number[];
      expect(s.mean).toBe(30);
      expect(s.n).toBe(100);
      expect((s.sd as number) ** 2).toBeCloseTo(610000 / 99, 9);
      expect((s.sd as number) ** 2).toBeCloseTo(sampleVariance(raw), 9);
    });

    it('derives the CSAT sd from the top-two share: a proportion', () => {
      // 30 of 40 in the top two: p = 0.75; variance 100^2 * 0.75 * 0.25 * 40/39 = 75000/39.
      const s = kpiSummary(kpi({ id: 'csat', type: 'csat', n: 40, score: 75, scale: { min: 1, max: 5 } }));
      const raw = [...Array(30).fill(100), ...Array(10).fill(0)] as number[];
      expect((s.sd as number) ** 2).toBeCloseTo(75000 / 39, 9);
      expect((s.sd as number) ** 2).toBeCloseTo(sampleVariance(raw), 9);
    });

    it('uses the saved CES sd, and has no test without one', () => {
      expect(
        kpiSummary(kpi({ id: 'ces', type: 'ces', n: 30, score: 5.1, sd: 1.3, scale: { min: 1, max: 7 } })),
      ).toEqual({ mean: 5.1, sd: 1.3, n: 30 });
      expect(kpiSummary(kpi({ id: 'ces', type: 'ces', n: 30, score: 5.1, scale: { min: 1, max: 7 } })).sd).toBeNull();
    });

    it('has no sd with fewer than two answers or no score', () => {
      expect(
        kpiSummary(kpi({ id: 'nps', type: 'nps', n: 1, score: 100, promoters: 100, passives: 0, detractors: 0 })).sd,
      ).toBeNull();
      expect(kpiSummary(kpi({ id: 'csat', type: 'csat', n: 0, score: null })).sd).toBeNull();
    });

    it('compares KPIs with Welch on the derived sds', () => {
      const before = result({
        kpis: [
          kpi({ id: 'nps', type: 'nps', n: 100, score: 30, promoters: 50, passives: 30, detractors: 20 }),
          kpi({ id: 'csat', type: 'csat', n: 40, score: 75 }),
          kpi({ id: 'ces', type: 'ces', n: 30, score: 5.1, sd: 1.3 }),
          kpi({ id: 'old', type: 'csat', n: 40, score: 60 }),
          kpi({ id: 'switched', type: 'csat', n: 40, score: 60 }),
        ],
      });
      const after = result({
        kpis: [
          kpi({ id: 'nps', type: 'nps', n: 120, score: 5, promoters: 35, passives: 35, detractors: 30 }),
          kpi({ id: 'csat', type: 'csat', n: 50, score: 80 }),
          kpi({ id: 'ces', type: 'ces', n: 30, score: 4.6 }),
          kpi({ id: 'switched', type: 'nps', n: 40, score: 10, promoters: 30, passives: 50, detractors: 20 }),
        ],
      });
      const c = compareResults(before, after, { alpha: 0.05, tolerance: 0 });
      const nps = rowOf(c.rows, 'kpi:nps');
      const expected = welchTest(
        { mean: 30, sd: Math.sqrt(610000 / 99), n: 100 },
        { mean: 5, sd: Math.sqrt(1e4 * (0.65 - 0.05 ** 2) * (120 / 119)), n: 120 },
      );
      expect(nps.t).toBeCloseTo(expected?.t as number, 12);
      expect(nps.p).toBeCloseTo(expected?.p as number, 12);
      expect(nps).toMatchObject({ change: -25, direction: 'down', significant: true, regression: false, pHolm: null });
      expect(rowOf(c.rows, 'kpi:csat')).toMatchObject({ change: 5, direction: 'up', significant: false });
      // CES without a saved sd in one wave: the change, but no test.
      const ces = rowOf(c.rows, 'kpi:ces');
      expect(ces.change).toBeCloseTo(-0.5, 12);
      expect(ces).toMatchObject({ t: null, df: null, p: null, significant: false, direction: 'down' });
      expect(rowOf(c.rows, 'kpi:old')).toMatchObject({
        status: 'only-in-baseline',
        baseline: 60,
        current: null,
        change: null,
      });
      // A KPI whose type changed shows both values, but no change or test.
      expect(rowOf(c.rows, 'kpi:switched')).toMatchObject({
        status: 'both',
        label: 'NPS (switched)',
        baseline: 60,
        current: 10,
        change: null,
        p: null,
        direction: null,
      });
      expect(c.regressions).toEqual([]);
    });
  });

  it("carries each side's saved interval on KPI, overall and dimension rows (null when a side has none)", () => {
    const before = kpi({ id: 'nps', type: 'nps', n: 50, score: 10, ci95: [-5.5, 25.5] });
    const after = kpi({ id: 'nps', type: 'nps', n: 2, score: 12 });
    const c = compareResults(result({ kpis: [before] }), result({ kpis: [after] }), { alpha: 0.05 });
    expect(rowOf(c.rows, 'kpi:nps')).toMatchObject({ baselineCi95: [-5.5, 25.5], currentCi95: null });
    // Overall and dimension rows carry the distributions' own ci95 (null in these results); items none.
    expect(rowOf(c.rows, 'overall:weighted')).toMatchObject({ baselineCi95: null, currentCi95: null });
    expect(rowOf(c.rows, 'item:T1')).not.toHaveProperty('baselineCi95');
  });

  it('is deterministic and JSON-safe', () => {
    const a = compareResults(result(), result({ weighted: [-0.8, 0.9, 90] }), { alpha: 0.05, tolerance: 0.1 });
    const b = compareResults(result(), result({ weighted: [-0.8, 0.9, 90] }), { alpha: 0.05, tolerance: 0.1 });
    const text = JSON.stringify(a, null, 2);
    expect(text).toBe(JSON.stringify(b, null, 2));
    expect(JSON.parse(text)).toEqual(a);
    expect(Object.keys(a)).toEqual(['baseline', 'current', 'alpha', 'tolerance', 'rows', 'regressions']);
  });
});
