import { describe, it, expect } from 'vitest';
import { mulberry32 } from '../../helpers/random.js';
import { sampleVariance, sampleCorrelation } from 'simple-statistics';
import type { CoMoments } from '../../../src/core/stats/comoments.js';
import { emptyCoMoments, addVector, mergeCoMoments } from '../../../src/core/stats/comoments.js';
import type { Reliability } from '../../../src/core/stats/cronbach.js';
import { reliability } from '../../../src/core/stats/cronbach.js';

function accumulate(k: number, rows: readonly (readonly number[])[]): CoMoments {
  const cm = emptyCoMoments(k);
  for (const r of rows) addVector(cm, r);
  return cm;
}

// Plain reference implementation on raw columns (rows = respondents, columns = items).
function column(rows: readonly (readonly number[])[], j: number): number[] {
  return rows.map((r) => r[j] as number);
}
function rowSums(rows: readonly (readonly number[])[], skip = -1): number[] {
  return rows.map((r) => r.reduce((s, x, j) => (j === skip ? s : s + x), 0));
}
function naiveAlpha(rows: readonly (readonly number[])[], skip = -1): number | null {
  const k = (rows[0] as number[]).length - (skip < 0 ? 0 : 1);
  if (k < 2 || rows.length < 2) return null;
  let sumVar = 0;
  for (let j = 0; j < (rows[0] as number[]).length; j++) if (j !== skip) sumVar += sampleVariance(column(rows, j));
  const varTotal = sampleVariance(rowSums(rows, skip));
  if (Math.abs(varTotal) < 1e-12) return null;
  return (k / (k - 1)) * (1 - sumVar / varTotal);
}
function naiveReliability(rows: readonly (readonly number[])[]): Reliability {
  const k = (rows[0] as number[]).length;
  const idx = Array.from({ length: k }, (_, i) => i);
  return {
    alpha: naiveAlpha(rows),
    alphaIfDeleted: idx.map((i) => naiveAlpha(rows, i)),
    itemTotal: idx.map((i) => {
      const x = column(rows, i);
      const rest = rowSums(rows, i);
      if (sampleVariance(x) < 1e-12 || sampleVariance(rest) < 1e-12) return null;
      return sampleCorrelation(x, rest);
    }),
  };
}

function expectReliability(actual: Reliability, expected: Reliability, digits = 10): void {
  const near = (a: number | null | undefined, e: number | null | undefined): void => {
    if (e === null || e === undefined) expect(a).toBeNull();
    else expect(a).toBeCloseTo(e, digits);
  };
  near(actual.alpha, expected.alpha);
  expect(actual.alphaIfDeleted.length).toBe(expected.alphaIfDeleted.length);
  expect(actual.itemTotal.length).toBe(expected.itemTotal.length);
  expected.alphaIfDeleted.forEach((e, i) => {
    near(actual.alphaIfDeleted[i], e);
  });
  expected.itemTotal.forEach((e, i) => {
    near(actual.itemTotal[i], e);
  });
}

// Likert-like gaps: a shared latent trait per respondent plus item noise, rounded; optionally one reversed item.
function likertRows(rand: () => number, n: number, k: number, reversed = -1): number[][] {
  return Array.from({ length: n }, () => {
    const latent = rand() * 4 - 2;
    return Array.from({ length: k }, (_, j) => {
      const v = Math.round(latent * (j === reversed ? -1 : 1) + (rand() - 0.5) * 3);
      return Math.max(-6, Math.min(6, v));
    });
  });
}

describe('reliability', () => {
  it('matches a hand example', () => {
    // Respondents (1,2,3), (2,3,4), (3,3,5); items var 1, 1/3, 1; covariances 1/2, 1, 1/2; var(sum) = 19/3.
    // alpha = 3/2 * (1 - (7/3)/(19/3)) = 18/19. Without item 1 or 3: var(sum) 7/3, alpha 2 * (1 - (4/3)/(7/3)) = 6/7;
    // without item 2: var(sum) 4, alpha 2 * (1 - 2/4) = 1. itemTotal: 1.5 / sqrt(7/3) = sqrt(27/28) for items 1 and 3,
    // 1 / sqrt(4/3) = sqrt(3)/2 for item 2. Python numpy (ddof=1, corrcoef) gives the same to 1e-15.
    const r = reliability(
      accumulate(3, [
        [1, 2, 3],
        [2, 3, 4],
        [3, 3, 5],
      ]),
    );
    expectReliability(
      r,
      {
        alpha: 18 / 19,
        alphaIfDeleted: [6 / 7, 1, 6 / 7],
        itemTotal: [Math.sqrt(27 / 28), Math.sqrt(3) / 2, Math.sqrt(27 / 28)],
      },
      13,
    );
  });

  it('matches a plain implementation on random correlated items', () => {
    const rand = mulberry32(2024);
    for (let trial = 0; trial < 40; trial++) {
      const k = 2 + Math.floor(rand() * 6);
      const n = 3 + Math.floor(rand() * 120);
      const rows = likertRows(rand, n, k, trial % 3 === 0 ? Math.floor(rand() * k) : -1);
      expectReliability(reliability(accumulate(k, rows)), naiveReliability(rows));
    }
  });

  it('flags a reversed item with a negative item-total correlation', () => {
    const rows = likertRows(mulberry32(9), 200, 4, 2);
    const r = reliability(accumulate(4, rows));
    expect(r.itemTotal[2] as number).toBeLessThan(0);
    expect(r.alphaIfDeleted[2] as number).toBeGreaterThan(r.alpha as number);
  });

  it('gives the same result from merged random splits', () => {
    const rand = mulberry32(77);
    for (let trial = 0; trial < 20; trial++) {
      const k = 2 + Math.floor(rand() * 5);
      const rows = likertRows(rand, 5 + Math.floor(rand() * 200), k);
      const parts: CoMoments[] = [];
      for (let start = 0; start < rows.length; ) {
        const end = Math.min(rows.length, start + 1 + Math.floor(rand() * 40));
        parts.push(accumulate(k, rows.slice(start, end)));
        start = end;
      }
      const merged = parts.reduce((a, b) => mergeCoMoments(a, b), emptyCoMoments(k));
      expectReliability(reliability(merged), reliability(accumulate(k, rows)), 12);
    }
  });

  it('is all null when k < 2 or n < 2', () => {
    expect(reliability(emptyCoMoments(0))).toEqual({ alpha: null, alphaIfDeleted: [], itemTotal: [] });
    expect(reliability(accumulate(1, [[1], [2], [4]]))).toEqual({
      alpha: null,
      alphaIfDeleted: [null],
      itemTotal: [null],
    });
    expect(reliability(emptyCoMoments(3))).toEqual({
      alpha: null,
      alphaIfDeleted: [null, null, null],
      itemTotal: [null, null, null],
    });
    expect(reliability(accumulate(3, [[1, 2, 3]]))).toEqual({
      alpha: null,
      alphaIfDeleted: [null, null, null],
      itemTotal: [null, null, null],
    });
  });

  it('has no alpha-if-deleted for two items, but an item-total correlation', () => {
    // Two items: alpha-if-deleted would be a single item; itemTotal is r(x1, x2) = 1 here.
    const r = reliability(
      accumulate(2, [
        [1, 2],
        [2, 4],
        [3, 6],
      ]),
    );
    // var 1 and 4, cov 2, var(sum) 9: alpha = 2 * (1 - 5/9) = 8/9.
    expect(r.alpha).toBeCloseTo(8 / 9, 14);
    expect(r.alphaIfDeleted).toEqual([null, null]);
    expect(r.itemTotal[0]).toBeCloseTo(1, 14);
    expect(r.itemTotal[1]).toBeCloseTo(1, 14);
  });

  it('handles zero variances', () => {
    // Every item constant: nothing is defined.
    expect(
      reliability(
        accumulate(3, [
          [2, 5, 1],
          [2, 5, 1],
          [2, 5, 1],
        ]),
      ),
    ).toEqual({ alpha: null, alphaIfDeleted: [null, null, null], itemTotal: [null, null, null] });

    // Item 2 constant: alpha defined; its own item-total is null; the others' rest-sums still vary.
    // Items 1 and 3 are (1,2,3) and (2,2,5): var 1 and 3, cov 1.5; var(sum) = 1 + 3 + 3 = 7.
    // alpha = 3/2 * (1 - 4/7) = 9/14; without item 2: 2 * (1 - 4/7) = 6/7; without item 1: var(sum) 3,
    // 2 * (1 - 3/3) = 0; without item 3: 2 * (1 - 1/1) = 0.
    // itemTotal[0] = r(x1, x3) = 1.5 / sqrt(3) = sqrt(3)/2; itemTotal[2] the same.
    const r = reliability(
      accumulate(3, [
        [1, 4, 2],
        [2, 4, 2],
        [3, 4, 5],
      ]),
    );
    expectReliability(
      r,
      { alpha: 9 / 14, alphaIfDeleted: [0, 6 / 7, 0], itemTotal: [Math.sqrt(3) / 2, null, Math.sqrt(3) / 2] },
      13,
    );

    // Two items that cancel exactly (x2 = 6 - x1): var(sum) = 0, so alpha is null, but r(x1, x2) = -1 is reported.
    const cancel = reliability(
      accumulate(2, [
        [1, 5],
        [2, 4],
        [4, 2],
      ]),
    );
    expect(cancel.alpha).toBeNull();
    expect(cancel.alphaIfDeleted).toEqual([null, null]);
    expect(cancel.itemTotal[0]).toBeCloseTo(-1, 14);
    expect(cancel.itemTotal[1]).toBeCloseTo(-1, 14);
  });
});
