/**
 * Weights (respondent allocations, fixed and equal fallbacks), importance, IPA quadrants,
 * recommendation priorities and the KPIs, on small hand-computed cases.
 */
import { describe, expect, it } from 'vitest';
import { scoreObjects } from '../../../src/core/scoring/score-table.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { makeQuestionnaire, warning } from './support.js';

const FIXED = { tangibles: 40, reliability: 15, responsiveness: 15, assurance: 15, empathy: 15 };
// Dimension scores of every row below: T -2, R 0, S 1, A -3, E 0.
//   equal weights:  (-2 + 0 + 1 - 3 + 0)/5 = -0.8
//   fixed 40/15/15/15/15: 0.4 * -2 + 0.15 * (0 + 1 - 3 + 0) = -0.8 - 0.3 = -1.1
const answers = { T1_E: 7, T1_P: 5, R1_E: 6, R1_P: 6, S1_E: 5, S1_P: 6, A1_E: 7, A1_P: 4, E1_E: 4, E1_P: 4 };
const alloc = (w: (number | string)[]) => ({
  ...answers,
  W_tangibles: w[0],
  W_reliability: w[1],
  W_responsiveness: w[2],
  W_assurance: w[3],
  W_empathy: w[4],
});

const score = (q: ReturnType<typeof makeQuestionnaire>, rows: Parameters<typeof scoreObjects>[1]): Result => {
  const out = scoreObjects(q, rows);
  expect(out.problems).toEqual([]);
  return out.result as Result;
};

describe('respondent allocations with fixed fallback', () => {
  const q = makeQuestionnaire({ weights: { source: 'respondents', fixed: FIXED } });
  const one = (w: (number | string)[]) => score(q, [alloc(w)]);
  it.each([
    // sum 101 is within 100 ± 1: (41 * -2 + 15 * (0 + 1 - 3 + 0)) / 101 = -112/101
    ['sums to 101 (valid)', [41, 15, 15, 15, 15], -112 / 101, 41 / 101, null],
    // sum 99.5: (39.5 * -2 - 30) / 99.5 = -109/99.5
    ['sums to 99.5 (valid)', [39.5, 15, 15, 15, 15], -109 / 99.5, 39.5 / 99.5, null],
    ['sums to 102 (invalid: fixed)', [42, 15, 15, 15, 15], -1.1, 0.4, { invalid: 1, missing: 0 }],
    ['sums to 98 (invalid: fixed)', [38, 15, 15, 15, 15], -1.1, 0.4, { invalid: 1, missing: 0 }],
    ['has a negative value (invalid)', [-10, 50, 20, 20, 20], -1.1, 0.4, { invalid: 1, missing: 0 }],
    ['is incomplete (invalid)', [40, 15, 15, 15, ''], -1.1, 0.4, { invalid: 1, missing: 0 }],
    ['is all blank (fallback, counted blank)', ['', '', '', '', ''], -1.1, 0.4, { invalid: 0, missing: 1 }],
    ['is equal (valid)', [20, 20, 20, 20, 20], -0.8, 0.2, null],
    // Missing codes are blank cells, not a negative or invalid allocation.
    [
      'is all -99 (missing codes: counted blank)',
      [-99, '-99', -98, ' -99 ', -99],
      -1.1,
      0.4,
      { invalid: 0, missing: 1 },
    ],
    ['is all NA (counted blank)', ['NA', 'N/A', '-', 'NA', 'na'], -1.1, 0.4, { invalid: 0, missing: 1 }],
    ['has -99 beside numbers (incomplete: invalid)', [40, 15, 15, 15, -99], -1.1, 0.4, { invalid: 1, missing: 0 }],
  ] as const)('an allocation that %s', (_name, w, weighted, tangibles, fallback) => {
    const r = one([...w]);
    expect(r.overall.weighted.mean).toBeCloseTo(weighted, 12);
    expect(r.overall.unweighted.mean).toBeCloseTo(-0.8, 12);
    expect(r.dimensions[0]?.importance).toBeCloseTo(tangibles, 12);
    if (fallback === null) expect(warning(r, 'weights-fallback')).toBeUndefined();
    else expect(warning(r, 'weights-fallback')).toMatchObject(fallback);
  });

  it('counts every fallback, and importance is the mean of the weights used', () => {
    const r = score(
      q,
      [
        [41, 15, 15, 15, 15],
        [42, 15, 15, 15, 15],
        [-10, 50, 20, 20, 20],
        ['', '', '', '', ''],
        [20, 20, 20, 20, 20],
      ].map(alloc),
    );
    expect(warning(r, 'weights-fallback')).toMatchObject({ invalid: 2, missing: 1 });
    expect(warning(r, 'weights-fallback')?.message).toMatch(/fixed weights/);
    // tangibles: (41/101 + 0.4 + 0.4 + 0.4 + 0.2) / 5; reliability: (15/101 + 0.15 * 3 + 0.2) / 5
    expect(r.dimensions[0]?.importance).toBeCloseTo((41 / 101 + 1.4) / 5, 12);
    expect(r.dimensions[1]?.importance).toBeCloseTo((15 / 101 + 0.65) / 5, 12);
    // weighted: (-112/101 - 1.1 * 3 - 0.8) / 5
    expect(r.overall.weighted.mean).toBeCloseTo((-112 / 101 - 3.3 - 0.8) / 5, 12);
  });

  // BUG: 44.4 + 4 * 14.15 = 101 exactly, but the binary sum is 101.00000000000001, and
  // respondent.ts `allocation` compares `Math.abs(sum - 100) > 1` without any rounding slack.
  // Expected (44.4 * -2 + 14.15 * (0 + 1 - 3 + 0)) / 101 = -117.1/101; actual -1.1 (the fixed fallback).
  it('accepts a decimal allocation whose sum is 101 (docs/contract.md: "sums to 100 (±1)")', () => {
    const r = one([44.4, 14.15, 14.15, 14.15, 14.15]);
    expect(warning(r, 'weights-fallback')).toBeUndefined();
    expect(r.overall.weighted.mean).toBeCloseTo(-117.1 / 101, 12);
  });
});

describe('fixed weights given vs none', () => {
  it('fixed source uses the fixed weights and ignores allocation columns, without a warning', () => {
    const r = score(makeQuestionnaire({ weights: { source: 'fixed', fixed: FIXED } }), [alloc([20, 20, 20, 20, 20])]);
    expect(r.overall.weighted.mean).toBeCloseTo(-1.1, 12);
    expect(r.dimensions.map((d) => d.importance)).toEqual([0.4, 0.15, 0.15, 0.15, 0.15]);
    expect(warning(r, 'weights-fallback')).toBeUndefined();
  });
  it('no weights section: equal weights', () => {
    const r = score(makeQuestionnaire(), [alloc([40, 15, 15, 15, 15])]);
    expect(r.overall.weighted.mean).toBeCloseTo(-0.8, 12);
    expect(r.dimensions.map((d) => d.importance)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
  });
  it('respondent source without fixed weights falls back to equal weights', () => {
    const r = score(makeQuestionnaire({ weights: { source: 'respondents' } }), [
      alloc(['', '', '', '', '']),
      alloc([50, 50, 0, 0, 0]),
    ]);
    // row 1: -0.8 (equal); row 2: 0.5 * -2 + 0.5 * 0 = -1 -> mean -0.9
    expect(r.overall.weighted.mean).toBeCloseTo(-0.9, 12);
    expect(warning(r, 'weights-fallback')).toMatchObject({ invalid: 0, missing: 1 });
    expect(warning(r, 'weights-fallback')?.message).toMatch(/equal weights/);
  });
  it('respondent source with no weight columns at all: every respondent falls back (blank)', () => {
    const r = score(makeQuestionnaire({ weights: { source: 'respondents', fixed: FIXED } }), [answers, answers]);
    expect(r.overall.weighted.mean).toBeCloseTo(-1.1, 12);
    expect(warning(r, 'weights-fallback')).toMatchObject({ invalid: 0, missing: 2 });
  });
});

describe('IPA quadrants', () => {
  it('places dimensions against mean importance 0.2 and mean P 4; at the mean counts as high', () => {
    // importance T 0.4, others 0.15 (mean 0.2); P: T 3, R 6, S 5, A 2, E 4 (mean 20/5 = 4)
    const q = makeQuestionnaire({ format: 'perceptions-only', weights: { source: 'respondents' } });
    const r = score(q, [
      {
        T1_P: 3,
        R1_P: 6,
        S1_P: 5,
        A1_P: 2,
        E1_P: 4,
        W_tangibles: 40,
        W_reliability: 15,
        W_responsiveness: 15,
        W_assurance: 15,
        W_empathy: 15,
      },
    ]);
    expect(r.dimensions.map((d) => d.quadrant)).toEqual([
      'concentrate-here',
      'possible-overkill',
      'possible-overkill',
      'low-priority',
      'possible-overkill',
    ]);
  });
});

describe('recommendation priorities', () => {
  it('perceptions-only: items below the midpoint 4, priority (4 - P) * importance', () => {
    // T1 3 -> 1 * 0.2 = 0.2; R1 2 -> 0.4; S1 4 -> none (not below); A1 5 -> none; E1 3.5 -> 0.1
    const q = makeQuestionnaire({ format: 'perceptions-only' });
    const r = score(q, [
      { T1_P: 3, R1_P: 2, S1_P: 4, A1_P: 5, E1_P: 3 },
      { T1_P: 3, R1_P: 2, S1_P: 4, A1_P: 5, E1_P: 4 },
    ]);
    expect(r.recommendations.map((x) => [x.item, x.gap])).toEqual([
      ['R1', 2],
      ['T1', 3],
      ['E1', 3.5],
    ]);
    expect(r.recommendations.map((x) => x.priority)).toEqual([
      expect.closeTo(0.4, 12),
      expect.closeTo(0.2, 12),
      expect.closeTo(0.1, 12),
    ]);
  });
  it('ties keep questionnaire order; items with gap 0 or above are not recommended', () => {
    // gaps: T1 -1, R1 0, S1 +1, A1 -1, E1 -1 with equal weights: three ties at 0.2
    const row = { T1_E: 5, T1_P: 4, R1_E: 5, R1_P: 5, S1_E: 4, S1_P: 5, A1_E: 5, A1_P: 4, E1_E: 6, E1_P: 5 };
    const r = score(makeQuestionnaire(), [row]);
    expect(r.recommendations.map((x) => x.item)).toEqual(['T1', 'A1', 'E1']);
  });
  it('weights change the order: importance from respondents', () => {
    // gaps T1 -1, A1 -2; importance T 0.6, A 0.1: priorities 0.6 and 0.2
    const row = {
      T1_E: 5,
      T1_P: 4,
      R1_E: 5,
      R1_P: 5,
      S1_E: 5,
      S1_P: 5,
      A1_E: 6,
      A1_P: 4,
      E1_E: 5,
      E1_P: 5,
      W_tangibles: 60,
      W_reliability: 10,
      W_responsiveness: 10,
      W_assurance: 10,
      W_empathy: 10,
    };
    const r = score(makeQuestionnaire({ weights: { source: 'respondents' } }), [row]);
    expect(r.recommendations.map((x) => [x.item, x.importance])).toEqual([
      ['T1', 0.6],
      ['A1', 0.1],
    ]);
    expect(r.recommendations.map((x) => x.priority)).toEqual([expect.closeTo(0.6, 12), expect.closeTo(0.2, 12)]);
  });
});

describe('KPIs', () => {
  const q = makeQuestionnaire({
    format: 'perceptions-only',
    kpis: [
      { id: 'nps', type: 'nps' },
      { id: 'csat', type: 'csat' },
      { id: 'ces', type: 'ces' },
      { id: 'csat7', type: 'csat', scale: { min: 1, max: 7 } },
      { id: 'quiet', type: 'nps' },
      { id: 'quietCsat', type: 'csat' },
    ],
  });
  const p = { T1_P: 4, R1_P: 4, S1_P: 5, A1_P: 4, E1_P: 4 };
  const kpiRows: [number, number, number, number | string][] = [
    [10, 5, 2, 7],
    [9, 4, 3, 6],
    [8, 3, 7, 5],
    [7, 2, 4, 4],
    [6, 1, 5, 1],
    [0, 4, 6, ''],
  ];
  const r = score(q, [
    ...kpiRows.map(([nps, csat, ces, csat7]) => ({ ...p, nps, csat, ces, csat7, quiet: '', quietCsat: '' })),
    { ...p, nps: '', csat: '', ces: '' },
  ]);
  const kpi = (id: string) => r.kpis.find((k) => k.id === id);
  it('NPS of 10, 9, 8, 7, 6, 0: 2/6 promoters, 2/6 passives, 2/6 detractors, score 0', () => {
    expect(kpi('nps')).toMatchObject({ type: 'nps', n: 6 });
    expect(kpi('nps')?.promoters).toBeCloseTo(100 / 3, 12);
    expect(kpi('nps')?.passives).toBeCloseTo(100 / 3, 12);
    expect(kpi('nps')?.detractors).toBeCloseTo(100 / 3, 12);
    expect(kpi('nps')?.score).toBeCloseTo(0, 12);
  });
  it('CSAT on 1-5 counts 4 and 5: answers 5, 4, 3, 2, 1, 4 -> 3/6 = 50%', () => {
    expect(kpi('csat')).toMatchObject({ n: 6, score: 50 });
  });
  it('CSAT on 1-7 counts 6 and 7: answers 7, 6, 5, 4, 1 -> 2/5 = 40%', () => {
    expect(kpi('csat7')).toMatchObject({ n: 5, score: 40 });
  });
  it('CES is the mean: (2 + 3 + 7 + 4 + 5 + 6)/6 = 4.5', () => {
    expect(kpi('ces')).toMatchObject({ n: 6, score: 4.5 });
  });
  it('a KPI nobody answered has n 0 and score null', () => {
    expect(kpi('quiet')).toMatchObject({ n: 0, score: null, promoters: null, passives: null, detractors: null });
    expect(kpi('quietCsat')).toMatchObject({ n: 0, score: null });
  });
});
