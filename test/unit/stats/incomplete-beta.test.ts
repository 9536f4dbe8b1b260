import { describe, expect, it } from 'vitest';
import { logGammaStar } from '../../../src/core/stats/gamma-star.js';
import { betaPowerTerms, incompleteBeta, logBeta } from '../../../src/core/stats/incomplete-beta.js';

function expectRel(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

// An absolute error e in a log is a relative error e in the value it is the log of.
function expectAbs(actual: number, expected: number, abs: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(abs);
}

describe('logGammaStar', () => {
  it('matches the log-gamma function less its Stirling terms', () => {
    // Python (mpmath, dps 40): mp.loggamma(z) - (z - 0.5) * mp.log(z) + z - mp.log(2 * mp.pi) / 2
    const cases: [number, number][] = [
      [0.25, 0.27251040121343206088],
      [0.5, 0.15342640972002734529],
      [1, 0.08106146679532725822],
      [3.7, 0.022468770580143146972],
      [9.99, 0.0083388967977343302689],
      [10, 0.0083305634333628712565],
      [100, 0.00083333055563491468338],
      [1e6, 8.3333333333330555556e-8],
    ];
    for (const [z, expected] of cases) expectAbs(logGammaStar(z), expected, 2e-15);
  });
});

describe('logBeta', () => {
  it('matches ln B(a, b), also for a large a', () => {
    // Python (mpmath, dps 40): mp.log(mp.beta(a, b))
    expectAbs(logBeta(0.5, 0.5), 1.1447298858494001741, 4e-15);
    expectAbs(logBeta(3, 7.5), -5.7131138020850853686, 4e-15);
    expectAbs(logBeta(2.5e6, 0.5), -6.7935356519945144976, 4e-15);
    expectAbs(logBeta(1e-3, 4), 6.9059226258172820789, 4e-15);
  });
});

describe('incompleteBeta', () => {
  it('matches reference values of I_x(a, b) and its complement', () => {
    // Python (mpmath, dps 40): mp.betainc(a, b, 0, x, regularized=True) and mp.betainc(a, b, x, 1, regularized=True)
    const cases: [number, number, number, number, number][] = [
      [2, 3, 0.3, 0.34829999999999998042, 0.65170000000000001958],
      [0.5, 0.5, 0.1, 0.20483276469913345754, 0.79516723530086654246],
      [7.5, 2.25, 0.9, 0.84503600215109311353, 0.15496399784890688647],
      [150, 300, 0.25, 0.000040625270919103117085, 0.99995937472908089688],
      [0.2, 40, 0.001, 0.56730396406772066705, 0.43269603593227933295],
    ];
    for (const [a, b, x, lower, upper] of cases) {
      const ib = incompleteBeta(a, b, x);
      expectRel(ib.lower, lower, 1e-14);
      expectRel(ib.upper, upper, 1e-14);
    }
  });

  it('satisfies the symmetry I_x(a, b) = 1 - I_(1-x)(b, a)', () => {
    for (const [a, b, x] of [
      [2, 3, 0.3],
      [0.25, 0.5, 0.7],
      [40, 0.5, 0.99],
    ] as const) {
      const ib = incompleteBeta(a, b, x, 1 - x);
      const swapped = incompleteBeta(b, a, 1 - x, x);
      expect(ib.lower).toBe(swapped.upper);
      expect(ib.upper).toBe(swapped.lower);
    }
  });

  it('is 0 and 1 at the ends and NaN outside its domain', () => {
    expect(incompleteBeta(2, 3, 0)).toEqual({ lower: 0, upper: 1 });
    expect(incompleteBeta(2, 3, 1)).toEqual({ lower: 1, upper: 0 });
    expect(incompleteBeta(0, 3, 0.5).lower).toBeNaN();
    expect(incompleteBeta(2, -1, 0.5).lower).toBeNaN();
    expect(incompleteBeta(2, 3, Number.NaN).lower).toBeNaN();
    expect(incompleteBeta(2, 3, 1.5).lower).toBeNaN();
  });
});

describe('betaPowerTerms', () => {
  it('is x^a y^b / B(a, b)', () => {
    // B(1/2, 1/2) = π, so at x = y = 1/2 the value is 1/2 / π.
    expectRel(betaPowerTerms(0.5, 0.5, 0.5, 0.5), 0.5 / Math.PI, 4e-15);
    // Python (mpmath, dps 40): y = mpf(2)**-20; x = 1 - y; x**5e5 * y**0.5 / mp.beta(5e5, 0.5)
    // (x and y exact doubles summing to 1, near the mean of x for a large a)
    expectRel(betaPowerTerms(5e5, 0.5, 1 - 2 ** -20, 2 ** -20), 0.24183667063872376216, 4e-15);
  });
});
