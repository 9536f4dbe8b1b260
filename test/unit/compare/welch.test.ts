import { gammaln, mean, sampleStandardDeviation, sampleVariance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { welchTest } from '../../../src/core/compare/welch.js';
import { mulberry32 } from '../../helpers/random.js';

const summary = (xs: number[]) => ({ mean: mean(xs), sd: sampleStandardDeviation(xs), n: xs.length });

// Independent route to a two-sided p for a fractional df: Simpson's rule on Student's t density
// f(x) = exp(lgamma((v+1)/2) - lgamma(v/2)) / sqrt(v pi) * (1 + x^2/v)^(-(v+1)/2) over [0, |t|].
function twoSidedPSimpson(t: number, v: number, steps = 4000): number {
  const c = Math.exp(gammaln((v + 1) / 2) - gammaln(v / 2)) / Math.sqrt(v * Math.PI);
  const f = (x: number) => c * (1 + (x * x) / v) ** (-(v + 1) / 2);
  const h = Math.abs(t) / steps;
  let s = f(0) + f(Math.abs(t));
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return 1 - 2 * ((s * h) / 3);
}

// Welch's statistic recomputed plainly from raw arrays (simple-statistics for mean and variance).
function plainWelch(a: number[], b: number[]): { t: number; df: number } {
  const va = sampleVariance(a) / a.length;
  const vb = sampleVariance(b) / b.length;
  const t = (mean(b) - mean(a)) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { t, df };
}

describe('welchTest', () => {
  it('reproduces a hand example: a = [1, 2, 3, 4], b = [2, 4, 6, 8, 10]', () => {
    // By hand: mean_a 2.5, var_a 5/3, mean_b 6, var_b 10; se^2 = 5/12 + 2 = 29/12;
    // t = 3.5 / sqrt(29/12) = 2.2514363231593695; df = (29/12)^2 / ((5/12)^2/3 + 2^2/4) = 2523/457.
    // scipy 1.17: stats.ttest_ind([2,4,6,8,10], [1,2,3,4], equal_var=False)
    //   -> statistic 2.2514363231593695, pvalue 0.06913359319239237, df 5.520787746170677
    // (R: t.test(c(2,4,6,8,10), c(1,2,3,4)) is Welch by default and gives the same.)
    const r = welchTest(summary([1, 2, 3, 4]), summary([2, 4, 6, 8, 10]));
    expect(r).not.toBeNull();
    expect(r?.t).toBeCloseTo(3.5 / Math.sqrt(29 / 12), 13);
    expect(r?.t).toBeCloseTo(2.2514363231593695, 13);
    expect(r?.df).toBeCloseTo(2523 / 457, 12);
    expect(r?.p).toBeCloseTo(0.06913359319239237, 12);
    expect(r?.p).toBeCloseTo(twoSidedPSimpson(r?.t as number, 2523 / 457), 9);
  });

  it('works from saved summaries alone', () => {
    // scipy: stats.ttest_ind_from_stats(2.7, 0.9, 25, 3.2, 1.1, 30, equal_var=False)
    //   -> statistic -1.8539723745342604, pvalue 0.06931281864989151; df by the formula 52.98839243293777
    const r = welchTest({ mean: 3.2, sd: 1.1, n: 30 }, { mean: 2.7, sd: 0.9, n: 25 });
    expect(r?.t).toBeCloseTo(-1.8539723745342604, 12);
    expect(r?.df).toBeCloseTo(52.98839243293777, 10);
    expect(r?.p).toBeCloseTo(0.06931281864989151, 12);
  });

  it('allows one sample without spread: df is the other n - 1', () => {
    // scipy: stats.ttest_ind([5,5,5], [4,6,7,9], equal_var=False) -> -1.4411533842457842, p 0.24519388179494778, df 3.0
    const r = welchTest(summary([4, 6, 7, 9]), summary([5, 5, 5]));
    expect(r?.t).toBeCloseTo(-1.4411533842457842, 12);
    expect(r?.df).toBeCloseTo(3, 12);
    expect(r?.p).toBeCloseTo(0.24519388179494778, 12);
  });

  it('is antisymmetric: swapping the samples flips t and keeps df and p', () => {
    const a = { mean: 1.2, sd: 0.7, n: 12 };
    const b = { mean: 0.4, sd: 1.9, n: 40 };
    const ab = welchTest(a, b);
    const ba = welchTest(b, a);
    expect(ba?.t).toBeCloseTo(-(ab?.t as number), 14);
    expect(ba?.df).toBeCloseTo(ab?.df as number, 12);
    expect(ba?.p).toBeCloseTo(ab?.p as number, 14);
  });

  it('gives p = 1 for equal means', () => {
    expect(welchTest({ mean: 2, sd: 1, n: 10 }, { mean: 2, sd: 3, n: 20 })).toMatchObject({ t: 0, p: 1 });
  });

  it('is null without a test: n < 2, a missing mean or sd, or no spread on either side', () => {
    const ok = { mean: 1, sd: 1, n: 10 };
    expect(welchTest({ mean: 1, sd: null, n: 1 }, ok)).toBeNull();
    expect(welchTest(ok, { mean: 1, sd: 1, n: 1 })).toBeNull();
    expect(welchTest({ mean: null, sd: null, n: 0 }, ok)).toBeNull();
    expect(welchTest(ok, { mean: 2, sd: null, n: 5 })).toBeNull();
    expect(welchTest({ mean: 3, sd: 0, n: 5 }, { mean: 4, sd: 0, n: 8 })).toBeNull();
    // Rounding residue of identical values counts as no spread.
    expect(welchTest({ mean: 3, sd: 1e-15, n: 5 }, { mean: 4, sd: 0, n: 8 })).toBeNull();
  });

  it('agrees with a plain implementation on seeded raw samples', () => {
    const rnd = mulberry32(20240611);
    for (let trial = 0; trial < 25; trial++) {
      const na = 2 + Math.floor(rnd() * 60);
      const nb = 2 + Math.floor(rnd() * 60);
      const a = Array.from({ length: na }, () => Math.round(rnd() * 6) + 1 + rnd());
      const b = Array.from({ length: nb }, () => (rnd() * 8) ** 1.3);
      const expected = plainWelch(a, b);
      const r = welchTest(summary(a), summary(b));
      expect(r?.t).toBeCloseTo(expected.t, 10);
      expect(r?.df).toBeCloseTo(expected.df, 9);
      expect(r?.p).toBeCloseTo(twoSidedPSimpson(expected.t, expected.df), 7);
    }
  });
});
