import { describe, it, expect } from 'vitest';
import { tQuantile, tTwoSidedP } from '../../../src/core/stats/t-distribution.js';

// Independent route: Abramowitz & Stegun 26.7.3 / 26.7.4, the exact finite series for
// A(t | v) = P(|T| < t) with integer v, so the two-sided p is 1 - A.
function twoSidedExact(t: number, v: number): number {
  const th = Math.atan(Math.abs(t) / Math.sqrt(v));
  const s = Math.sin(th);
  const c2 = Math.cos(th) ** 2;
  let term = 1;
  let sum = 1;
  if (v % 2 === 0) {
    for (let j = 2; j <= v - 2; j += 2) {
      term *= ((j - 1) / j) * c2;
      sum += term;
    }
    return 1 - s * sum;
  }
  if (v === 1) return 1 - (2 * th) / Math.PI;
  for (let j = 3; j <= v - 2; j += 2) {
    term *= ((j - 1) / j) * c2;
    sum += term;
  }
  return 1 - (2 / Math.PI) * (th + s * Math.cos(th) * sum);
}

function expectRel(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('tQuantile', () => {
  it('matches reference quantiles', () => {
    // Python: scipy.stats.t.ppf(0.975, df); mpmath (dps 30) findroot on betainc agrees to all digits shown.
    expectRel(tQuantile(0.975, 1), 12.706204736174705, 1e-10);
    expectRel(tQuantile(0.975, 2), 4.302652729749464, 1e-10);
    expectRel(tQuantile(0.975, 3), 3.18244630528371, 1e-10);
    expectRel(tQuantile(0.975, 9), 2.262157162798206, 1e-10);
    expectRel(tQuantile(0.975, 29), 2.045229642132704, 1e-10);
  });

  it('matches the closed forms for df = 1 and 2', () => {
    for (const p of [0.6, 0.9, 0.975, 0.995]) {
      expectRel(tQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)), 1e-10);
      expectRel(tQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-10);
    }
  });

  it('is antisymmetric and inverts the p-value', () => {
    expect(tQuantile(0.5, 7)).toBe(0);
    expectRel(tQuantile(0.025, 9), -2.262157162798206, 1e-10);
    for (const df of [1, 4, 15, 60]) {
      const q = tQuantile(0.975, df);
      expectRel(tTwoSidedP(q, df), 0.05, 1e-9);
    }
  });
});

describe('tTwoSidedP', () => {
  it('matches reference p-values', () => {
    // Python: 2 * scipy.stats.t.cdf(-t, df); mpmath betainc(df/2, 1/2, 0, df/(df+t^2)) agrees:
    // (-2, 10) -> 0.0733880347707403656; (-3.5, 5) -> 0.0172844317852933547; (sqrt(15), 3) -> 0.0304662916621709913
    expectRel(tTwoSidedP(-2, 10), 0.07338803477074037, 1e-10);
    expectRel(tTwoSidedP(2, 10), 0.07338803477074037, 1e-10);
    expectRel(tTwoSidedP(-3.5, 5), 0.017284431785293355, 1e-10);
    expectRel(tTwoSidedP(Math.sqrt(15), 3), 0.03046629166217099, 1e-10);
  });

  it('agrees with the exact series for integer df', () => {
    for (const df of [1, 2, 3, 4, 5, 8, 11, 20, 29]) {
      for (const t of [0.1, 0.7, 1.5, 2.2, 3.1, 5]) {
        expectRel(tTwoSidedP(t, df), twoSidedExact(t, df), 1e-9);
      }
    }
  });

  it('is 1 at t = 0 and never above 1', () => {
    expect(tTwoSidedP(0, 5)).toBe(1);
    expect(tTwoSidedP(-0, 5)).toBe(1);
    expect(tTwoSidedP(1e-300, 1)).toBeLessThanOrEqual(1);
  });

  it('keeps relative accuracy far in the tail', () => {
    const p = tTwoSidedP(40, 100);
    expect(p).toBeGreaterThan(0);
    expect(Number.isFinite(p)).toBe(true);
    // Python: 2 * scipy.stats.t.cdf(-40, 100) = 2.462107602140071e-63 (mpmath: 2.46210760214007082e-63).
    expectRel(p, 2.462107602140071e-63, 1e-8);
  });
});
