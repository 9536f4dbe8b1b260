/**
 * Small cases whose expected values are worked out by hand in the comments (t quantiles and
 * p-values of Student's t with 1 df are those of the Cauchy distribution:
 * qt(0.975, 1) = tan(0.475 * pi) = 12.706204736174707, pt(-x, 1) = 1/2 - atan(x)/pi;
 * R: qt(0.975, 1); 2 * pt(-2, 1)).
 */
import { describe, expect, it } from 'vitest';
import { scoreObjects, scoreTable } from '../../../src/core/scoring/score-table.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { makeQuestionnaire } from './support.js';

const T1 = 12.706204736174707; // qt(0.975, 1)
const SQRT2 = Math.SQRT2;

// One item per dimension, two-column, 1-7, no weights section: equal weights 0.2.
const q = makeQuestionnaire({ itemRecommendations: { T1: ['Refresh the equipment.'] } });
// r1 gaps: T1 5-7=-2, R1 6-6=0, S1 6-5=1, A1 4-7=-3, E1 4-4=0 -> overall (-2+0+1-3+0)/5 = -0.8
const r1 = {
  respondent: 'r1',
  T1_E: 7,
  T1_P: 5,
  R1_E: 6,
  R1_P: 6,
  S1_E: 5,
  S1_P: 6,
  A1_E: 7,
  A1_P: 4,
  E1_E: 4,
  E1_P: 4,
};
// r2 gaps: T1 0, R1 1, S1 0, A1 -1, E1 2 -> overall (0+1+0-1+2)/5 = 0.4
const r2 = {
  respondent: 'r2',
  T1_E: 7,
  T1_P: 7,
  R1_E: 5,
  R1_P: 6,
  S1_E: 5,
  S1_P: 5,
  A1_E: 6,
  A1_P: 5,
  E1_E: 3,
  E1_P: 5,
};

const score = (rows: Parameters<typeof scoreObjects>[1], qq = q): Result => {
  const out = scoreObjects(qq, rows);
  expect(out.problems).toEqual([]);
  return out.result as Result;
};
const item = (r: Result, id: string) => r.items.find((i) => i.id === id) as Result['items'][number];
const dim = (r: Result, id: string) => r.dimensions.find((d) => d.id === id) as Result['dimensions'][number];
const empty = { mean: null, sd: null, n: 0, ci95: null };

describe('n = 0 (a header and no rows)', () => {
  // The CLI rejects a header with no rows (docs/contract.md: "a header with no rows, is an error"); the pure
  // scoreTable still returns an all-null result, which is what is checked here.
  const header = ['respondent', ...['T1', 'R1', 'S1', 'A1', 'E1'].flatMap((i) => [`${i}_E`, `${i}_P`])];
  const r = scoreTable(makeQuestionnaire({ kpis: [{ id: 'nps', type: 'nps' }] }), header, []).result as Result;
  it('has every mean null and every n 0', () => {
    expect(r.respondents).toEqual({ total: 0, scored: 0, skippedCells: 0 });
    expect(r.overall).toEqual({ unweighted: empty, weighted: empty });
    for (const d of r.dimensions) {
      expect(d).toMatchObject({
        importance: null,
        expectation: null,
        perception: null,
        gap: empty,
        alpha: null,
        quadrant: null,
      });
    }
    for (const i of r.items)
      expect(i).toMatchObject({
        expectation: null,
        perception: null,
        gap: empty,
        t: null,
        p: null,
        dz: null,
        pHolm: null,
      });
    expect(r.kpis).toEqual([
      expect.objectContaining({ id: 'nps', n: 0, score: null, promoters: null, passives: null, detractors: null }),
    ]);
    expect(r.recommendations).toEqual([]);
  });
});

describe('n = 1', () => {
  const r = score([r1]);
  it('has means but no sd, ci95 or test', () => {
    expect(r.respondents).toEqual({ total: 1, scored: 1, skippedCells: 0 });
    expect(r.overall.unweighted).toEqual({ mean: expect.closeTo(-0.8, 12), sd: null, n: 1, ci95: null });
    expect(r.overall.weighted).toEqual({ mean: expect.closeTo(-0.8, 12), sd: null, n: 1, ci95: null });
    expect(item(r, 'A1')).toMatchObject({
      expectation: 7,
      perception: 4,
      gap: { mean: -3, sd: null, n: 1, ci95: null },
      t: null,
      p: null,
      dz: null,
      pHolm: null,
    });
    expect(dim(r, 'assurance')).toMatchObject({
      expectation: 7,
      perception: 4,
      importance: 0.2,
      gap: { mean: -3, n: 1, sd: null },
    });
  });
  it('recommends A1 (priority 3 * 0.2 = 0.6) before T1 (2 * 0.2 = 0.4)', () => {
    expect(r.recommendations.map((x) => [x.item, x.gap, x.importance])).toEqual([
      ['A1', -3, 0.2],
      ['T1', -2, 0.2],
    ]);
    expect(r.recommendations[0]?.priority).toBeCloseTo(0.6, 12);
    expect(r.recommendations[1]?.priority).toBeCloseTo(0.4, 12);
    // T1 has its own actions; A1 falls back to its dimension's.
    expect(r.recommendations.map((x) => x.actions)).toEqual([
      ['assurance: dimension action'],
      ['Refresh the equipment.'],
    ]);
  });
});

describe('n = 2', () => {
  const r = score([r1, r2]);
  it('overall: mean -0.2, sd sqrt(0.72), ci95 -0.2 ± 12.7062 * 0.6', () => {
    // deviations ±0.6: sd = sqrt(2 * 0.36 / 1) = 0.848528...; half = qt * sd / sqrt(2) = qt * 0.6
    for (const o of [r.overall.unweighted, r.overall.weighted]) {
      expect(o.n).toBe(2);
      expect(o.mean).toBeCloseTo(-0.2, 12);
      expect(o.sd).toBeCloseTo(Math.sqrt(0.72), 12);
      expect(o.ci95?.[0]).toBeCloseTo(-0.2 - T1 * 0.6, 9);
      expect(o.ci95?.[1]).toBeCloseTo(-0.2 + T1 * 0.6, 9);
    }
  });
  it('item tests: T1 gaps (-2, 0): t = -1, p = 0.5, dz = -1/sqrt(2); A1 gaps (-3, -1): t = -2, p = 1 - 2 atan(2)/pi', () => {
    // T1: mean -1, sd sqrt(2), se = sqrt(2)/sqrt(2) = 1 -> t = -1; 2 * pt(-1, 1) = 2 * 0.25 = 0.5
    expect(item(r, 'T1')).toMatchObject({ expectation: 7, perception: 6 });
    expect(item(r, 'T1').gap.sd).toBeCloseTo(SQRT2, 12);
    expect(item(r, 'T1').gap.ci95?.[0]).toBeCloseTo(-1 - T1, 9);
    expect(item(r, 'T1').t).toBeCloseTo(-1, 12);
    expect(item(r, 'T1').p).toBeCloseTo(0.5, 12);
    expect(item(r, 'T1').dz).toBeCloseTo(-1 / SQRT2, 12);
    // A1: mean -2, se 1 -> t = -2; 2 * pt(-2, 1) = 1 - 2 atan(2) / pi = 0.2951672353...
    expect(item(r, 'A1').t).toBeCloseTo(-2, 12);
    expect(item(r, 'A1').p).toBeCloseTo(1 - (2 * Math.atan(2)) / Math.PI, 12);
    expect(item(r, 'A1').dz).toBeCloseTo(-SQRT2, 12);
    // R1 gaps (0, 1): mean 0.5, sd 1/sqrt(2), se 0.5 -> t = 1, p = 0.5, dz = 1/sqrt(2)
    expect(item(r, 'R1').t).toBeCloseTo(1, 12);
    expect(item(r, 'R1').dz).toBeCloseTo(1 / SQRT2, 12);
  });
  it('Holm: smallest p 0.295 * 5 > 1, so every pHolm is 1', () => {
    for (const i of r.items) expect(i.pHolm).toBeCloseTo(1, 12);
  });
  it('one item per dimension: alpha, alphaIfDeleted and itemTotal are null', () => {
    for (const d of r.dimensions) expect(d.alpha).toBeNull();
    for (const i of r.items) expect([i.alphaIfDeleted, i.itemTotal]).toEqual([null, null]);
  });
  it('quadrants: mean P over dimensions (6 + 6 + 5.5 + 4.5 + 4.5) / 5 = 5.3; equal weights are all high importance', () => {
    expect(r.dimensions.map((d) => d.perception)).toEqual([6, 6, 5.5, 4.5, 4.5]);
    expect(r.dimensions.map((d) => d.quadrant)).toEqual([
      'keep-up-the-good-work',
      'keep-up-the-good-work',
      'keep-up-the-good-work',
      'concentrate-here',
      'concentrate-here',
    ]);
  });
  it('recommendations: A1 (gap -2, priority 0.4) then T1 (gap -1, priority 0.2)', () => {
    expect(r.recommendations.map((x) => [x.item, x.gap])).toEqual([
      ['A1', -2],
      ['T1', -1],
    ]);
    expect(r.recommendations.map((x) => x.priority)).toEqual([expect.closeTo(0.4, 12), expect.closeTo(0.2, 12)]);
  });
});

describe('an item whose gaps do not vary', () => {
  // T1 gaps: 6-7, 4-5, 2-3 = -1, -1, -1: sd 0 -> t, p, dz null; ci95 collapses to [-1, -1]
  const rows = [7, 5, 3].map((e, k) => ({ ...r1, respondent: `s${k}`, T1_E: e, T1_P: e - 1, R1_P: 3 + k }));
  const r = score(rows);
  it('has sd 0 and no test', () => {
    expect(item(r, 'T1')).toMatchObject({
      gap: { mean: -1, sd: 0, n: 3, ci95: [-1, -1] },
      t: null,
      p: null,
      dz: null,
      pHolm: null,
    });
    expect(item(r, 'R1').p).not.toBeNull();
  });
});

describe('the half-of-items rule', () => {
  const pq = makeQuestionnaire({
    format: 'perceptions-only',
    items: { tangibles: ['T1', 'T2', 'T3', 'T4'], responsiveness: ['S1', 'S2', 'S3'] },
  });
  const base = { R1_P: 5, A1_P: 2, E1_P: 7 };
  it('scores 2 of 4 and 2 of 3 items: (6 + 4)/2 = 5, (3 + 6)/2 = 4.5; overall (5 + 5 + 4.5 + 2 + 7)/5 = 4.7', () => {
    const r = score([{ ...base, T1_P: 6, T2_P: 4, T3_P: '', T4_P: '', S1_P: 3, S2_P: 6, S3_P: '' }], pq);
    expect(dim(r, 'tangibles').gap.mean).toBe(5);
    expect(dim(r, 'responsiveness').gap.mean).toBe(4.5);
    expect(r.overall.unweighted.mean).toBeCloseTo(4.7, 12);
    expect(r.respondents.scored).toBe(1);
  });
  it('leaves 1 of 3 and 1 of 4 missing, and the respondent unscored', () => {
    const r = score([{ ...base, T1_P: 6, T2_P: '', T3_P: '', T4_P: '', S1_P: 3, S2_P: '', S3_P: '' }], pq);
    expect(dim(r, 'tangibles').gap).toEqual(empty);
    expect(dim(r, 'responsiveness').gap).toEqual(empty);
    expect(r.respondents).toMatchObject({ total: 1, scored: 0 });
    expect(r.overall.weighted).toEqual(empty);
    expect(dim(r, 'tangibles').importance).toBeNull();
    // The items still count: T1's perception is 6 over n = 1.
    expect(item(r, 'T1')).toMatchObject({ perception: 6, gap: { mean: 6, n: 1 } });
  });
  it('treats a two-column item with its expectation blank as missing', () => {
    const r = score([{ ...r1, T1_E: '' }, r2]);
    expect(item(r, 'T1')).toMatchObject({ expectation: 7, perception: 7, gap: { mean: 0, n: 1 } });
    expect(r.respondents.scored).toBe(1);
  });
});

describe('reverse items', () => {
  it('scores x as 8 - x on 1-7: E 7 -> 1, P 2 -> 6, gap 6 - 1 = 5', () => {
    const r = score([{ ...r1, R1_E: 7, R1_P: 2 }], makeQuestionnaire({ reverse: ['R1'] }));
    expect(item(r, 'R1')).toMatchObject({ expectation: 1, perception: 6, gap: { mean: 5 } });
    // overall (-2 + 5 + 1 - 3 + 0)/5 = 0.2
    expect(r.overall.unweighted.mean).toBeCloseTo(0.2, 12);
  });
  it('scores x as 6 - x on 1-5 perceptions-only: P 1 -> 5', () => {
    const r = score(
      [{ T1_P: 1, R1_P: 1, S1_P: 1, A1_P: 1, E1_P: 1 }],
      makeQuestionnaire({ format: 'perceptions-only', scale: { min: 1, max: 5 }, reverse: ['T1'] }),
    );
    expect(item(r, 'T1').perception).toBe(5);
    expect(item(r, 'R1').perception).toBe(1);
  });
});

describe('three-column: MSS, MSA and the zone of tolerance', () => {
  const tq = makeQuestionnaire({ format: 'three-column' });
  // (MIN, DES, P): T1 (4, 6, 4) within (P = MIN); R1 (4, 6, 3) below; S1 (4, 6, 7) above; A1 (2, 6, 6) within (P = DES); E1 (1, 7, 4) within
  const row = {
    T1_MIN: 4,
    T1_DES: 6,
    T1_P: 4,
    R1_MIN: 4,
    R1_DES: 6,
    R1_P: 3,
    S1_MIN: 4,
    S1_DES: 6,
    S1_P: 7,
    A1_MIN: 2,
    A1_DES: 6,
    A1_P: 6,
    E1_MIN: 1,
    E1_DES: 7,
    E1_P: 4,
  };
  const r = score([row], tq);
  it('gap = P - DES, msa = P - MIN', () => {
    expect(r.items.map((i) => [i.gap.mean, i.msa?.mean])).toEqual([
      [-2, 0],
      [-3, -1],
      [1, 3],
      [0, 4],
      [-3, 3],
    ]);
    expect(r.items.map((i) => i.expectation)).toEqual([null, null, null, null, null]);
    // MSS overall (-2 - 3 + 1 + 0 - 3)/5 = -1.4
    expect(r.overall.unweighted.mean).toBeCloseTo(-1.4, 12);
  });
  it('zones: below when P < MIN, above when P > DES, else within', () => {
    expect(r.items.map((i) => i.zone)).toEqual(['within', 'below', 'above', 'within', 'within']);
    expect(r.dimensions.map((d) => d.zone)).toEqual(['within', 'below', 'above', 'within', 'within']);
    expect(dim(r, 'empathy')).toMatchObject({ minimum: 1, desired: 7, perception: 4, msa: { mean: 3, n: 1 } });
  });
});
