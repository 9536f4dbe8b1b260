import { describe, it, expect } from 'vitest';
import type { Moments } from '../../../src/core/stats/moments.js';
import { emptyMoments, addValue } from '../../../src/core/stats/moments.js';
import { pairedTest } from '../../../src/core/stats/paired-test.js';

function accumulate(xs: readonly number[]): Moments {
  const m = emptyMoments();
  for (const x of xs) addValue(m, x);
  return m;
}

// Independent route for the p-value: Simpson's rule on the Student t density with 3 df,
// f(x) = 2 / (pi * sqrt(3) * (1 + x^2 / 3)^2), over [0, t]; two-sided p = 1 - 2 * integral.
function twoSidedPSimpsonDf3(t: number, steps = 2000): number {
  const f = (x: number): number => 2 / (Math.PI * Math.sqrt(3) * (1 + (x * x) / 3) ** 2);
  const h = t / steps;
  let s = f(0) + f(t);
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return 1 - 2 * ((s * h) / 3);
}

describe('pairedTest', () => {
  it('reproduces a hand example: differences [1, 2, 3, 4]', () => {
    // mean 2.5, sd = sqrt(5/3) = 1.2909944487358056, t = 2.5 / (sd / 2) = sqrt(15) = 3.872983346207417,
    // dz = 2.5 / sd = sqrt(15) / 2 = 1.9364916731037085, df 3.
    // p: mpmath (dps 30) betainc(3/2, 1/2, 0, 3/(3+15)) = 0.0304662916621709913; scipy 2*t.cdf(-sqrt(15), 3) agrees.
    const r = pairedTest(accumulate([1, 2, 3, 4]));
    expect(r.t).toBeCloseTo(Math.sqrt(15), 13);
    expect(r.dz).toBeCloseTo(Math.sqrt(15) / 2, 13);
    expect(r.p).toBeCloseTo(0.03046629166217099, 13);
    // A&S 26.7.3 closed form for df 3: p = 1 - (2/pi) (theta + sin(theta) cos(theta)), theta = atan(t / sqrt(3)).
    const th = Math.atan(Math.sqrt(15) / Math.sqrt(3));
    expect(r.p).toBeCloseTo(1 - (2 / Math.PI) * (th + Math.sin(th) * Math.cos(th)), 12);
    expect(r.p).toBeCloseTo(twoSidedPSimpsonDf3(Math.sqrt(15)), 10);
  });

  it('tests against a reference value: perceptions-only answers against the scale midpoint (docs/contract.md, "The numbers")', () => {
    // scipy: stats.ttest_1samp([5, 6, 7, 4, 6], 4) -> statistic 3.1378581622109443, pvalue 0.03491970667453904;
    // dz = (mean - 4) / sd(ddof=1) = 1.4032928308912467 (numpy).
    const r = pairedTest(accumulate([5, 6, 7, 4, 6]), 4);
    expect(r.t).toBeCloseTo(3.1378581622109443, 13);
    expect(r.p).toBeCloseTo(0.03491970667453904, 13);
    expect(r.dz).toBeCloseTo(1.4032928308912467, 13);
    // Answers all at the midpoint have no spread: no test.
    expect(pairedTest(accumulate([4, 4, 4]), 4)).toEqual({ t: null, p: null, dz: null });
  });

  it('is antisymmetric in the sign of the mean', () => {
    const pos = pairedTest(accumulate([1, 2, 3, 4]));
    const neg = pairedTest(accumulate([-1, -2, -3, -4]));
    expect(neg.t).toBeCloseTo(-(pos.t as number), 13);
    expect(neg.dz).toBeCloseTo(-(pos.dz as number), 13);
    expect(neg.p).toBeCloseTo(pos.p as number, 14);
  });

  it('gives t = 0 and p = 1 for a zero mean', () => {
    const r = pairedTest(accumulate([-1, 1, -2, 2]));
    expect(r.t).toBe(0);
    expect(r.p).toBe(1);
    expect(r.dz).toBe(0);
  });

  it('is null when n < 2', () => {
    expect(pairedTest(emptyMoments())).toEqual({ t: null, p: null, dz: null });
    expect(pairedTest(accumulate([3]))).toEqual({ t: null, p: null, dz: null });
  });

  it('is null when sd is 0, including rounding residue', () => {
    expect(pairedTest(accumulate([2, 2, 2]))).toEqual({ t: null, p: null, dz: null });
    // 0.1 + 0.2 !== 0.3 in binary: the sd is ~3e-17, not a real difference.
    expect(pairedTest(accumulate([0.1 + 0.2, 0.3, 0.3]))).toEqual({ t: null, p: null, dz: null });
    expect(pairedTest(accumulate([1e6 + 0.1 + 0.2, 1e6 + 0.3]))).toEqual({ t: null, p: null, dz: null });
    expect(pairedTest({ n: 5, mean: 1, m2: 0 })).toEqual({ t: null, p: null, dz: null });
  });
});
