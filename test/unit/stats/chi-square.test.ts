import { describe, expect, it } from 'vitest';
import { chiSquareCdf, chiSquareUpper, logGamma, regularisedGamma } from '../../../src/core/stats/chi-square.js';

// Expected values from scipy 1.17.1:
//   python3 -c "from scipy.stats import chi2; print(repr(chi2.sf(x, df)), repr(chi2.cdf(x, df)))"
const CASES: [x: number, df: number, sf: number, cdf: number][] = [
  [0.5, 1, 0.47950012218695337, 0.5204998778130466],
  [3.84, 1, 0.05004352124870519, 0.9499564787512949],
  [10, 5, 0.07523524614651217, 0.9247647538534878],
  [100, 80, 0.064570368921133, 0.935429631078867],
  [250.3, 199, 0.007944102245285611, 0.9920558977547144],
  [1e-3, 3, 0.9999915920809419, 8.40791905804616e-6],
  [50, 2, 1.3887943864964e-11, 0.9999999999861121],
  [1200, 1000, 1.2255942330622893e-5, 0.9999877440576694],
  [5, 30, 0.9999999308468613, 6.915313866992873e-8],
];

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tolerance);
}

describe('chi-square distribution', () => {
  it.each(CASES)('x=%s df=%s matches scipy in both tails', (x, df, sf, cdf) => {
    expectRelative(chiSquareUpper(x, df), sf, 1e-10);
    expectRelative(chiSquareCdf(x, df), cdf, 1e-10);
  });

  it('has the edges of a distribution', () => {
    expect(chiSquareUpper(0, 4)).toBe(1);
    expect(chiSquareCdf(0, 4)).toBe(0);
    expect(chiSquareUpper(Number.POSITIVE_INFINITY, 4)).toBe(0);
    expect(() => chiSquareUpper(1, 0)).toThrow(RangeError);
  });

  it('keeps P + Q = 1 on both branches', () => {
    for (const [a, x] of [
      [2, 1],
      [2, 10],
      [50, 49],
      [50, 60],
    ] as const) {
      const { lower, upper } = regularisedGamma(a, x);
      expect(lower + upper).toBeCloseTo(1, 14);
    }
  });

  it('computes ln Γ exactly at known points', () => {
    // ln Γ(5) = ln 24; ln Γ(1/2) = ln √π.
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });
});
