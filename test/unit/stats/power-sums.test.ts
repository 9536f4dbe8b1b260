import { describe, it, expect } from 'vitest';
import { mean, sampleCovariance, sampleVariance } from 'simple-statistics';
import { mulberry32 } from '../../helpers/random.js';
import { coMomentsOfProducts, momentsOfSums, packedLength } from '../../../src/core/stats/power-sums.js';

/** Power sums of xs about c, the way the scorer adds them. */
function sums(xs: readonly number[], c: number): { n: number; sum: number; squares: number } {
  let sum = 0;
  let squares = 0;
  for (const x of xs) {
    sum += x - c;
    squares += (x - c) * (x - c);
  }
  return { n: xs.length, sum, squares };
}

describe('momentsOfSums', () => {
  it('gives count, mean and m2 of a hand case, about any shift', () => {
    // 1, 2, 3: mean 2, m2 = 1 + 0 + 1 = 2.
    for (const c of [0, 2, 4, -7.5]) {
      const s = sums([1, 2, 3], c);
      expect(momentsOfSums(s.n, s.sum, s.squares, c)).toEqual({ n: 3, mean: 2, m2: 2 });
    }
  });

  it('is empty for n = 0, and gives m2 = 0 for a constant that is not a whole number', () => {
    expect(momentsOfSums(0, 0, 0, 4)).toEqual({ n: 0, mean: 0, m2: 0 });
    // 0.1 or -0.2 over and over: squares - sum^2 / n is rounding noise, above or below 0.
    for (const [x, n] of [
      [0.1, 3],
      [-0.2, 1000],
      [0.7, 12345],
      [-1.4, 5_000_000],
    ] as const) {
      const s = { n, sum: x * n, squares: x * x * n };
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < Math.min(n, 20_000); i++) {
        sum += x;
        squares += x * x;
      }
      if (n <= 20_000) Object.assign(s, { sum, squares });
      expect(momentsOfSums(s.n, s.sum, s.squares, 0).m2, `${x} x ${n}`).toBe(0);
    }
    // ...but keeps the smallest spread whole-number answers can have, one answer off among millions.
    const n = 10_000_000;
    expect(momentsOfSums(n, 6 * n - 1, 36 * n - 11, 0).m2).toBeCloseTo(1 - 1 / n, 6);
  });

  it('agrees with simple-statistics on random scale answers, and integer data sums exactly in any order', () => {
    const random = mulberry32(11);
    for (let round = 0; round < 20; round++) {
      const xs = Array.from({ length: 1 + Math.floor(random() * 500) }, () => 1 + Math.floor(random() * 7));
      const whole = sums(xs, 4);
      const m = momentsOfSums(whole.n, whole.sum, whole.squares, 4);
      expect(m.mean).toBeCloseTo(mean(xs), 12);
      if (xs.length > 1) expect(m.m2 / (xs.length - 1)).toBeCloseTo(sampleVariance(xs), 12);
      // Split anywhere and add the halves: the same bits, because every partial sum is an integer.
      const cut = Math.floor(random() * xs.length);
      const left = sums(xs.slice(0, cut), 4);
      const right = sums(xs.slice(cut), 4);
      expect(momentsOfSums(left.n + right.n, right.sum + left.sum, right.squares + left.squares, 4)).toEqual(m);
    }
  });
});

describe('coMomentsOfProducts', () => {
  it('rebuilds the full symmetric co-moment matrix from the packed upper triangle', () => {
    // Observations [1, 2] and [3, 6]: sums 4, 8; products 1+9, 2+18, 4+36.
    expect(packedLength(2)).toBe(3);
    const cm = coMomentsOfProducts(2, Float64Array.of(4, 8), Float64Array.of(10, 20, 40), 2);
    expect(Array.from(cm.mean)).toEqual([2, 4]);
    expect(Array.from(cm.c)).toEqual([2, 4, 4, 8]);
  });

  it('agrees with simple-statistics covariances on random gaps', () => {
    const random = mulberry32(5);
    const k = 4;
    const n = 300;
    const rows = Array.from({ length: n }, () => Array.from({ length: k }, () => Math.floor(random() * 13) - 6));
    const sum = new Float64Array(k);
    const products = new Float64Array(packedLength(k));
    for (const row of rows) {
      let p = 0;
      for (let i = 0; i < k; i++) {
        sum[i] = (sum[i] as number) + (row[i] as number);
        for (let j = i; j < k; j++) products[p] = (products[p++] as number) + (row[i] as number) * (row[j] as number);
      }
    }
    const cm = coMomentsOfProducts(n, sum, products, k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const expected = sampleCovariance(
          rows.map((r) => r[i] as number),
          rows.map((r) => r[j] as number),
        );
        expect((cm.c[i * k + j] as number) / (n - 1)).toBeCloseTo(expected, 10);
      }
    }
  });

  it('is all zeros with no observation', () => {
    const cm = coMomentsOfProducts(0, new Float64Array(3), new Float64Array(6), 3);
    expect(cm.n).toBe(0);
    expect(Array.from(cm.c)).toEqual(new Array(9).fill(0));
  });
});
