import { describe, it, expect } from 'vitest';
import { mulberry32 } from '../../helpers/random.js';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { Moments } from '../../../src/core/stats/moments.js';
import { emptyMoments, addValue, mergeMoments, summarise } from '../../../src/core/stats/moments.js';

function accumulate(xs: readonly number[]): Moments {
  const m = emptyMoments();
  for (const x of xs) addValue(m, x);
  return m;
}

function expectRel(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

// Student t quantiles t(0.975, df), from Python: scipy.stats.t.ppf(0.975, df), confirmed to 30 digits with
// mpmath.findroot on the regularized incomplete beta; df = 1 and 2 also have closed forms
// (tan(0.475*pi) and 0.95 / sqrt(2 * 0.975 * 0.025)).
const Q975: Record<number, number> = {
  1: 12.706204736174705,
  2: 4.302652729749464,
  9: 2.262157162798206,
  29: 2.045229642132704,
};

describe('moments', () => {
  it('starts empty', () => {
    expect(emptyMoments()).toEqual({ n: 0, mean: 0, m2: 0 });
  });

  it('matches simple-statistics on random arrays', () => {
    const rand = mulberry32(42);
    for (let trial = 0; trial < 50; trial++) {
      const len = 2 + Math.floor(rand() * 200);
      const scale = 10 ** Math.floor(rand() * 6 - 2);
      const xs = Array.from({ length: len }, () => (rand() - 0.3) * scale);
      const d = summarise(accumulate(xs));
      expect(d.n).toBe(len);
      expectRel(d.mean as number, mean(xs), 1e-12);
      expectRel(d.sd as number, sampleStandardDeviation(xs), 1e-10);
    }
  });

  it('stays accurate with a large offset (1e9 + small)', () => {
    // Classic catastrophic-cancellation case: sample variance of [4, 7, 13, 16] is 30 whatever the offset.
    const d = summarise(accumulate([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]));
    expect(d.mean).toBe(1e9 + 10);
    expectRel(d.sd as number, Math.sqrt(30), 1e-9);
    const big = summarise(accumulate([1e12 + 4, 1e12 + 7, 1e12 + 13, 1e12 + 16]));
    expectRel(big.sd as number, Math.sqrt(30), 1e-6);
  });

  it('merges random splits to the same result as one pass', () => {
    const rand = mulberry32(7);
    for (let trial = 0; trial < 30; trial++) {
      const xs = Array.from({ length: 1 + Math.floor(rand() * 300) }, () => 1e6 + rand() * 10);
      const whole = accumulate(xs);
      // Cut into random chunks (some empty) and merge them in a random order.
      const chunks: Moments[] = [];
      let start = 0;
      while (start <= xs.length) {
        const end = Math.min(xs.length, start + Math.floor(rand() * 40));
        chunks.push(accumulate(xs.slice(start, end)));
        if (end === xs.length) break;
        start = end;
      }
      while (chunks.length > 1) {
        const i = Math.floor(rand() * (chunks.length - 1));
        const merged = mergeMoments(chunks[i] as Moments, chunks[i + 1] as Moments);
        chunks.splice(i, 2, merged);
      }
      const merged = chunks[0] as Moments;
      expect(merged.n).toBe(whole.n);
      expectRel(merged.mean, whole.mean, 1e-14);
      expectRel(merged.m2, whole.m2, 1e-8);
    }
  });

  it('merges with an empty side exactly and returns a new object', () => {
    const a = accumulate([1, 3]);
    const e = emptyMoments();
    const left = mergeMoments(e, a);
    const right = mergeMoments(a, e);
    expect(left).toEqual(a);
    expect(right).toEqual(a);
    expect(left).not.toBe(a);
    expect(mergeMoments(e, emptyMoments())).toEqual({ n: 0, mean: 0, m2: 0 });
    // [1, 3] + [5] = [1, 3, 5]: mean 3, m2 = 4 + 0 + 4.
    expect(mergeMoments(a, accumulate([5]))).toEqual({ n: 3, mean: 3, m2: 8 });
  });

  it('summarises n = 0, 1, 2 by hand', () => {
    expect(summarise(emptyMoments())).toEqual({ mean: null, sd: null, n: 0, ci95: null });
    expect(summarise(accumulate([4.5]))).toEqual({ mean: 4.5, sd: null, n: 1, ci95: null });
    // [1, 3]: mean 2, sd sqrt(2), half-width t(0.975, 1) * sqrt(2) / sqrt(2) = t(0.975, 1).
    const two = summarise(accumulate([1, 3]));
    expect(two.mean).toBe(2);
    expectRel(two.sd as number, Math.SQRT2, 1e-15);
    const [lo, hi] = two.ci95 as [number, number];
    expectRel(lo, 2 - (Q975[1] as number), 1e-10);
    expectRel(hi, 2 + (Q975[1] as number), 1e-10);
  });

  it('gives [mean, mean] when sd is 0', () => {
    expect(summarise(accumulate([5, 5, 5]))).toEqual({ mean: 5, sd: 0, n: 3, ci95: [5, 5] });
  });

  it('computes ci95 with t(0.975, n - 1)', () => {
    // [1, 2, 3]: mean 2, sd 1, half-width 4.302652729749464 / sqrt(3) = 2.48413771175033107 (mpmath).
    const three = summarise(accumulate([1, 2, 3]));
    expect(three.sd).toBe(1);
    expectRel((three.ci95 as [number, number])[0], 2 - 2.484137711750331, 1e-10);
    expectRel((three.ci95 as [number, number])[1], 2 + 2.484137711750331, 1e-10);
    // 1..10 (df 9) and 1..30 (df 29): sd = sqrt(n (n + 1) / 12).
    for (const n of [10, 30]) {
      const xs = Array.from({ length: n }, (_, i) => i + 1);
      const d = summarise(accumulate(xs));
      const sd = Math.sqrt((n * (n + 1)) / 12);
      const half = ((Q975[n - 1] as number) * sd) / Math.sqrt(n);
      expectRel(d.sd as number, sd, 1e-14);
      expectRel((d.ci95 as [number, number])[0], (n + 1) / 2 - half, 1e-10);
      expectRel((d.ci95 as [number, number])[1], (n + 1) / 2 + half, 1e-10);
    }
  });
});
