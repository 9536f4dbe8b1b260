import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tQuantile, tTwoSidedP } from '../../../src/core/stats/t-distribution.js';

// Exact values for double inputs over df 0.5 .. 5e6, t 1e-8 .. 40 and p-values down to 1e-300:
// python3 test/unit/stats/reference/t-values.py > test/unit/stats/reference/t-values.json (mpmath).
interface Reference {
  twoSidedP: { df: number; t: number; p: string }[];
  quantile: { df: number; p: number; q: string }[];
}
const reference: Reference = JSON.parse(readFileSync(new URL('reference/t-values.json', import.meta.url), 'utf8'));

// 2e-14 relative, plus a few ulps of ln p far in the tail: there p = exp(E) with |E| up to 690, and
// E is rounded like any double (t's own last bit moves such a p by more).
function tolerance(tail: number): number {
  return 2e-14 + 4 * Number.EPSILON * Math.abs(Math.log(tail));
}

function relativeError(actual: number, expected: number): number {
  return actual === expected ? 0 : Math.abs(actual - expected) / Math.abs(expected);
}

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

describe('tQuantile against the mpmath grid', () => {
  it('has the reference quantiles to 2e-14 (more far in the tail, by the p-value conditioning)', () => {
    expect(reference.quantile.length).toBeGreaterThan(150);
    for (const { df, p, q } of reference.quantile) {
      // |d ln q / d ln p| is up to 1 / df in the tail, so p's tolerance grows by that much.
      const allowed = tolerance(Math.min(p, 1 - p)) / Math.min(1, df);
      expect({ df, p, error: relativeError(tQuantile(p, df), Number(q)) }).toEqual({
        df,
        p,
        error: expect.toSatisfy((e: number) => e <= allowed),
      });
    }
  });
});

describe('tTwoSidedP against the mpmath grid', () => {
  it('has the reference p-values to 2e-14 (more far in the tail)', () => {
    expect(reference.twoSidedP.length).toBeGreaterThan(300);
    for (const { df, t, p } of reference.twoSidedP) {
      const expected = Number(p);
      const allowed = tolerance(expected);
      expect({ df, t, error: relativeError(tTwoSidedP(t, df), expected) }).toEqual({
        df,
        t,
        error: expect.toSatisfy((e: number) => e <= allowed),
      });
    }
  });

  it('is NaN for NaN t or a df that is not positive and finite, 0 at infinite t', () => {
    expect(tTwoSidedP(Number.NaN, 5)).toBeNaN();
    expect(tTwoSidedP(2, 0)).toBeNaN();
    expect(tTwoSidedP(2, Number.POSITIVE_INFINITY)).toBeNaN();
    expect(tTwoSidedP(Number.NEGATIVE_INFINITY, 3)).toBe(0);
    expect(tQuantile(0.975, 0)).toBeNaN();
    expect(tQuantile(1.5, 3)).toBeNaN();
    expect(tQuantile(0, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(tQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
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
