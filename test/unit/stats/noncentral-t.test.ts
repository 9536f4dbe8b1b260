import { describe, expect, it } from 'vitest';
import { noncentralTCdf, twoSidedTPower } from '../../../src/core/stats/noncentral-t.js';

// Expected values from scipy 1.x:
// python3 -c "from scipy import stats; print(repr(stats.nct.cdf(t, df, nc)))" for each row.
const CASES: readonly [t: number, df: number, delta: number, expected: number][] = [
  [2, 10, 1, 0.8076115625303752],
  [-1.5, 7, 0.5, 0.03453464830899221],
  [0.3, 3, -2, 0.9881383178903734],
  [2.1, 98, 2.8, 0.242718021131332],
  [1.97, 398, 5, 0.001247847537575806],
  [-2, 30, -1, 0.17044732714457886],
  [1, 5, 0, 0.8183912661754386],
  [4, 20, 12, 1.4495169169514249e-11],
];

describe('noncentralTCdf', () => {
  it.each(CASES)('P(T <= %d; df %d, ncp %d) as scipy.stats.nct.cdf', (t, df, delta, expected) => {
    const value = noncentralTCdf(t, df, delta);
    expect(Math.abs(value - expected)).toBeLessThan(1e-13 + 1e-11 * expected);
  });

  it('is 0 and 1 at the infinities, and refuses df <= 0', () => {
    expect(noncentralTCdf(Number.NEGATIVE_INFINITY, 5, 1)).toBe(0);
    expect(noncentralTCdf(Number.POSITIVE_INFINITY, 5, 1)).toBe(1);
    expect(() => noncentralTCdf(1, 0, 1)).toThrow(RangeError);
  });
});

describe('twoSidedTPower', () => {
  it('matches scipy for df 18, ncp 2.236', () => {
    // python3 -c "from scipy import stats; tc=stats.t.ppf(0.975,18);
    //   print(repr(1-stats.nct.cdf(tc,18,2.236)+stats.nct.cdf(-tc,18,2.236)))"
    expect(twoSidedTPower(18, 2.236, 0.05)).toBeCloseTo(0.5619813551872722, 12);
  });

  it('is alpha when there is no effect', () => {
    expect(twoSidedTPower(40, 0, 0.05)).toBeCloseTo(0.05, 12);
  });
});
