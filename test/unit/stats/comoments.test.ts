import { describe, it, expect } from 'vitest';
import { mulberry32 } from '../../helpers/random.js';
import { mean, sampleCovariance } from 'simple-statistics';
import type { CoMoments } from '../../../src/core/stats/comoments.js';
import { emptyCoMoments, addVector, mergeCoMoments, covarianceMatrix } from '../../../src/core/stats/comoments.js';

function accumulate(k: number, rows: readonly (readonly number[])[]): CoMoments {
  const cm = emptyCoMoments(k);
  for (const r of rows) addVector(cm, r);
  return cm;
}

function randomRows(rand: () => number, n: number, k: number, offset: number): number[][] {
  return Array.from({ length: n }, () => {
    const common = rand() * 4;
    return Array.from({ length: k }, (_, j) => offset + common * (j % 2 === 0 ? 1 : -0.5) + rand() * 2);
  });
}

function expectRel(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

describe('comoments', () => {
  it('starts empty', () => {
    const cm = emptyCoMoments(3);
    expect(cm.k).toBe(3);
    expect(cm.n).toBe(0);
    expect(Array.from(cm.mean)).toEqual([0, 0, 0]);
    expect(Array.from(cm.c)).toEqual(new Array(9).fill(0));
    expect(emptyCoMoments(0).c.length).toBe(0);
  });

  it('handles a hand example', () => {
    // (1, 2) and (3, 6): means (2, 4), deviations (-1, -2) and (1, 2): c = [2, 4, 4, 8], covariance the same (n - 1 = 1).
    const cm = accumulate(2, [
      [1, 2],
      [3, 6],
    ]);
    expect(Array.from(cm.mean)).toEqual([2, 4]);
    expect(Array.from(cm.c)).toEqual([2, 4, 4, 8]);
    expect(Array.from(covarianceMatrix(cm))).toEqual([2, 4, 4, 8]);
  });

  it('matches simple-statistics sampleCovariance and mean on random data', () => {
    const rand = mulberry32(11);
    for (let trial = 0; trial < 20; trial++) {
      const k = 1 + Math.floor(rand() * 6);
      const n = 2 + Math.floor(rand() * 100);
      const rows = randomRows(rand, n, k, trial % 2 === 0 ? 0 : 1e6);
      const cm = accumulate(k, rows);
      const cols = Array.from({ length: k }, (_, j) => rows.map((r) => r[j] as number));
      const s = covarianceMatrix(cm);
      expect(cm.n).toBe(n);
      for (let i = 0; i < k; i++) {
        expectRel(cm.mean[i] as number, mean(cols[i] as number[]), 1e-14);
        for (let j = 0; j < k; j++) {
          expectRel(s[i * k + j] as number, sampleCovariance(cols[i] as number[], cols[j] as number[]), 1e-8);
          expect(s[i * k + j]).toBe(s[j * k + i]);
        }
      }
    }
  });

  it('merges random splits to the same result as one pass', () => {
    const rand = mulberry32(5);
    for (let trial = 0; trial < 20; trial++) {
      const k = 1 + Math.floor(rand() * 5);
      const rows = randomRows(rand, 1 + Math.floor(rand() * 150), k, 3);
      const whole = accumulate(k, rows);
      const parts: CoMoments[] = [];
      let start = 0;
      while (start <= rows.length) {
        const end = Math.min(rows.length, start + Math.floor(rand() * 30));
        parts.push(accumulate(k, rows.slice(start, end)));
        if (end === rows.length) break;
        start = end;
      }
      while (parts.length > 1) {
        const i = Math.floor(rand() * (parts.length - 1));
        parts.splice(i, 2, mergeCoMoments(parts[i] as CoMoments, parts[i + 1] as CoMoments));
      }
      const merged = parts[0] as CoMoments;
      expect(merged.n).toBe(whole.n);
      for (let i = 0; i < k; i++) expectRel(merged.mean[i] as number, whole.mean[i] as number, 1e-13);
      for (let i = 0; i < k * k; i++) expectRel(merged.c[i] as number, whole.c[i] as number, 1e-10);
    }
  });

  it('merges with an empty side as an exact copy, without aliasing', () => {
    const a = accumulate(2, [
      [1, 2],
      [3, 6],
    ]);
    const m = mergeCoMoments(emptyCoMoments(2), a);
    expect(m).toEqual(a);
    expect(m.c).not.toBe(a.c);
    expect(m.mean).not.toBe(a.mean);
    expect(mergeCoMoments(a, emptyCoMoments(2))).toEqual(a);
  });

  it('rejects mismatched sizes and too few observations', () => {
    expect(() => addVector(emptyCoMoments(2), [1, 2, 3])).toThrow(RangeError);
    expect(() => mergeCoMoments(emptyCoMoments(2), emptyCoMoments(3))).toThrow(RangeError);
    expect(() => covarianceMatrix(emptyCoMoments(2))).toThrow(RangeError);
    expect(() => covarianceMatrix(accumulate(2, [[1, 2]]))).toThrow(RangeError);
    expect(() => emptyCoMoments(-1)).toThrow(RangeError);
  });

  it('accepts typed arrays as observations', () => {
    const cm = emptyCoMoments(2);
    addVector(cm, new Float64Array([1, 2]));
    addVector(cm, Float64Array.of(3, 6));
    expect(Array.from(cm.c)).toEqual([2, 4, 4, 8]);
  });
});
