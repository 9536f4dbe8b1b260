import { describe, expect, it } from 'vitest';
import { chiSquareCdf } from '../../../src/core/stats/chi-square.js';
import { noncentralChiSquareCdf } from '../../../src/core/stats/noncentral-chi-square.js';

// Expected values from R 4.2.2:
//   Rscript -e 'cat(sprintf("%.17g", pchisq(x, df, ncp = ncp)))'
const CASES: [x: number, df: number, ncp: number, cdf: number][] = [
  [268.31, 199, 40, 0.88994266347621964],
  [5, 3, 0.5, 0.76735385612602913],
  [10, 4, 8, 0.43001736544548469],
  [472.46, 206, 266.46, 0.50941578384537811],
  [50000, 200, 49000, 0.96408008031850001],
  [100, 10, 150, 0.0039768160618850381],
  [0.5, 1, 2, 0.22280263433113209],
  [3000, 2000, 1200, 0.015174302080060886],
];

describe('noncentral chi-square distribution', () => {
  it.each(CASES)('x=%s df=%s ncp=%s matches R pchisq', (x, df, ncp, cdf) => {
    // 1e-10: at ncp = 49000 the two sums of ~9000 terms differ by 2.4e-11 in rounding; the RMSEA
    // interval needs far less (lavaan's uniroot stops at 1.2e-4 in ncp).
    expect(Math.abs(noncentralChiSquareCdf(x, df, ncp) - cdf)).toBeLessThan(1e-10);
  });

  it('is the central distribution at ncp = 0 and has the edges of a distribution', () => {
    expect(noncentralChiSquareCdf(7, 3, 0)).toBe(chiSquareCdf(7, 3));
    expect(noncentralChiSquareCdf(0, 3, 5)).toBe(0);
    expect(noncentralChiSquareCdf(Number.POSITIVE_INFINITY, 3, 5)).toBe(1);
    expect(() => noncentralChiSquareCdf(1, 0, 1)).toThrow(RangeError);
    expect(() => noncentralChiSquareCdf(1, 2, -1)).toThrow(RangeError);
  });

  it('falls as the noncentrality grows', () => {
    const values = [0, 1, 10, 100].map((ncp) => noncentralChiSquareCdf(50, 40, ncp));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1] as number);
  });
});
