/** The contract's data-quality warnings: never silent, each with its count. */
import { describe, expect, it } from 'vitest';
import { scoreObjects, scoreTable } from '../../../src/core/scoring/score-table.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { itemTotalR } from '../../helpers/independent-scoring.js';
import { generateRows, makeQuestionnaire, warning } from './support.js';

const score = (
  q: ReturnType<typeof makeQuestionnaire>,
  rows: Parameters<typeof scoreObjects>[1],
  groupBy?: string[],
): Result => {
  const out = scoreObjects(q, rows, groupBy ? { groupBy } : {});
  expect(out.problems).toEqual([]);
  return out.result as Result;
};
const pq = makeQuestionnaire({ format: 'perceptions-only' });
const varied = (k: number) => ({
  T1_P: 1 + (k % 7),
  R1_P: 1 + ((k + 2) % 7),
  S1_P: 1 + ((k + 4) % 7),
  A1_P: 1 + ((k + 1) % 7),
  E1_P: 1 + ((k + 5) % 7),
});

describe('duplicate respondent ids', () => {
  it('counts the rows that repeat an earlier id; blank ids are not ids', () => {
    const ids = ['a', 'b', 'a', 'a', 'c', '', ''];
    const r = score(
      pq,
      ids.map((respondent, k) => ({ respondent, ...varied(k) })),
    );
    expect(warning(r, 'duplicate-respondents')).toMatchObject({ count: 2, examples: ['a'] });
  });
  it('is absent without duplicates', () => {
    const r = score(
      pq,
      ['a', 'b', 'c'].map((respondent, k) => ({ respondent, ...varied(k) })),
    );
    expect(warning(r, 'duplicate-respondents')).toBeUndefined();
  });
  // docs/contract.md: "Warnings (... never silent): ... duplicate respondent ids". (Past the exact limit the
  // Bloom filter is tested in id-set.test.ts.)
  it('counts every repeat after 200,000 distinct ids, exactly', () => {
    const q = makeQuestionnaire({ format: 'perceptions-only', items: { tangibles: ['T1'] } });
    const header = ['respondent', 'T1_P', 'R1_P', 'S1_P', 'A1_P', 'E1_P'];
    const rows: string[][] = [];
    for (let i = 0; i < 200_001; i++) rows.push([`id${i}`, '4', '4', '', '', '']);
    for (let i = 0; i < 100; i++) rows.push([`id${i}`, '4', '4', '', '', '']);
    const r = scoreTable(q, header, rows).result as Result;
    expect(warning(r, 'duplicate-respondents')).toMatchObject({
      count: 100,
      // The first ten repeated ids in input order, in the fields scripts read (issue 15).
      examples: Array.from({ length: 10 }, (_, i) => `id${i}`),
      respondents: Array.from({ length: 10 }, (_, i) => `id${i}`),
    });
    expect(warning(r, 'duplicate-respondents')?.message).not.toContain('approximately');
  });
});

describe('straight-lining', () => {
  it('counts respondents who gave the same answer to every item', () => {
    const q = makeQuestionnaire();
    const same = { T1_E: 4, T1_P: 4, R1_E: 4, R1_P: 4, S1_E: 4, S1_P: 4, A1_E: 4, A1_P: 4, E1_E: 4, E1_P: 4 };
    const r = score(q, [same, { ...same, respondent: 'x' }, { ...same, S1_P: 5 }]);
    expect(warning(r, 'straight-lining')).toMatchObject({ count: 2 });
  });
  it('is absent when answers vary', () => {
    const r = score(pq, [0, 1, 2].map(varied));
    expect(warning(r, 'straight-lining')).toBeUndefined();
  });
});

describe('weight fallbacks', () => {
  it('reports how many allocations were invalid and how many blank', () => {
    const q = makeQuestionnaire({ format: 'perceptions-only', weights: { source: 'respondents' } });
    const w = (t: number | string, rest: number | string) => ({
      W_tangibles: t,
      W_reliability: rest,
      W_responsiveness: rest,
      W_assurance: rest,
      W_empathy: rest,
    });
    const r = score(q, [
      { ...varied(0), ...w(20, 20) },
      { ...varied(1), ...w(60, 20) }, // 140: invalid
      { ...varied(2), ...w(-20, 30) }, // negative: invalid
      { ...varied(3), ...w('', '') }, // blank
      { ...varied(4), ...w('', '') }, // blank
    ]);
    expect(warning(r, 'weights-fallback')).toMatchObject({ invalid: 2, missing: 2 });
    expect(warning(r, 'weights-fallback')?.message).toContain('4 respondents');
  });
});

describe('negative corrected item-total correlation', () => {
  // Perceptions-only, tangibles T1..T3; T3 runs against the others (negatively worded, not reversed).
  const q = makeQuestionnaire({ format: 'perceptions-only', items: { tangibles: ['T1', 'T2', 'T3'] } });
  const T1 = [1, 2, 3, 5, 6, 7];
  const T2 = [1, 3, 3, 5, 6, 7];
  const T3 = [5, 5, 4, 4, 3, 3];
  const r = score(
    q,
    T1.map((t1, k) => ({ ...varied(k), T1_P: t1, T2_P: T2[k], T3_P: T3[k] })),
  );
  it('warns about T3 only, with r = -19 / sqrt(4 * 629/6)', () => {
    // T1 + T2 = 2, 5, 6, 10, 12, 14 (SS = 505 - 49^2/6 = 629/6); T3 - mean = 1, 1, 0, 0, -1, -1 (SS 4);
    // cross-products: 2 + 5 - 12 - 14 = -19 -> r = -19 / sqrt(629/6 * 4) = -0.92784...
    const t3 = r.items.find((i) => i.id === 'T3');
    expect(t3?.itemTotal).toBeCloseTo(-19 / Math.sqrt((4 * 629) / 6), 12);
    expect(t3?.itemTotal).toBeCloseTo(
      itemTotalR(
        T1.map((x, k) => [x, T2[k] as number, T3[k] as number]),
        2,
      ) as number,
      12,
    );
    const negative = r.warnings.filter((w) => w.code === 'negative-item-total');
    expect(negative.map((w) => w.item)).toEqual(['T3']);
    expect(negative[0]).toMatchObject({ dimension: 'tangibles', itemTotal: t3?.itemTotal });
  });
  it('marking T3 reverse removes the warning', () => {
    const fixed = makeQuestionnaire({
      format: 'perceptions-only',
      items: { tangibles: ['T1', 'T2', 'T3'] },
      reverse: ['T3'],
    });
    const again = score(
      fixed,
      T1.map((t1, k) => ({ ...varied(k), T1_P: t1, T2_P: T2[k], T3_P: T3[k] })),
    );
    expect(warning(again, 'negative-item-total')).toBeUndefined();
    expect(again.items.find((i) => i.id === 'T3')?.itemTotal).toBeCloseTo(19 / Math.sqrt((4 * 629) / 6), 12);
  });
});

describe('small samples', () => {
  const q = makeQuestionnaire({ format: 'perceptions-only' });
  it('warns once for all the dimensions with n < 30, with their count, the smallest n and their names', () => {
    const r = score(q, generateRows(q, { n: 29, seed: 11, missingRate: 0 }));
    const small = r.warnings.filter((w) => w.code === 'small-sample');
    expect(small).toHaveLength(1);
    expect(small[0]).toMatchObject({
      count: r.dimensions.length,
      of: r.dimensions.length,
      smallest: 29,
      dimensions: r.dimensions.map((d) => d.id),
    });
    expect(small[0]?.message).toContain(
      `${r.dimensions.length} of ${r.dimensions.length} dimensions have n < 30; smallest n = 29`,
    );
  });
  it('does not warn at n = 30', () => {
    const r = score(q, generateRows(q, { n: 30, seed: 11, missingRate: 0 }));
    expect(warning(r, 'small-sample')).toBeUndefined();
  });
  it('warns for a dimension whose n is below 30 even when there are 30 respondents', () => {
    const rows = generateRows(q, { n: 30, seed: 12, missingRate: 0 });
    rows[0] = { ...rows[0], E1_P: '' };
    const r = score(q, rows);
    expect(r.warnings.filter((w) => w.code === 'small-sample').map((w) => [w.dimensions, w.smallest])).toEqual([
      [['empathy'], 29],
    ]);
  });
  it('warns for segments with fewer than 30 respondents', () => {
    const rows = generateRows(q, { n: 40, seed: 13, missingRate: 0 }).map((row, k) => ({
      ...row,
      branch: k < 32 ? 'big' : 'small',
    }));
    const r = score(q, rows, ['branch']);
    expect(r.warnings.filter((w) => w.code === 'small-segment').map((w) => [w.segments, w.count, w.of])).toEqual([
      [[{ column: 'branch', value: 'small', n: 8 }], 1, 2],
    ]);
  });
  it('aggregates many small segments into one warning naming the first ten in segment order', () => {
    const rows = generateRows(q, { n: 400, seed: 14, missingRate: 0 }).map((row, k) => ({
      ...row,
      // 398 segments: s000 holds 3 respondents, the rest one or more.
      branch: `s${String(Math.max(0, k - 2) % 398).padStart(3, '0')}`,
    }));
    const r = score(q, rows, ['branch']);
    const small = r.warnings.filter((w) => w.code === 'small-segment');
    expect(small).toHaveLength(1);
    const w = small[0] as Record<string, unknown>;
    expect(w.count).toBe(r.segments.length);
    expect(w.of).toBe(r.segments.length);
    expect(w.smallest).toBe(Math.min(...r.segments.map((s) => s.respondents.total)));
    expect(w.segments).toEqual(
      r.segments.slice(0, 10).map((s) => ({ column: s.column, value: s.value, n: s.respondents.total })),
    );
    expect(w.message).toMatch(/^398 of 398 segments have n < 30; smallest n = 1 \(branch=s000, .*, \.\.\.\)$/);
  });
});
