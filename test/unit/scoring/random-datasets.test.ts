/**
 * Seeded random datasets for the three formats, scored by `scoreObjects` and, independently, by
 * test/helpers/independent-scoring.ts (plain arrays, simple-statistics and @stdlib, no accumulators).
 * Every field of the result the contract defines must agree within 1e-9 (relative), nulls included.
 */
import { describe, expect, it } from 'vitest';
import type { Format } from '../../../src/core/questionnaire/model.js';
import { scoreObjects } from '../../../src/core/scoring/score-table.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { independentScore } from '../../helpers/independent-scoring.js';
import {
  expectMatches,
  expectOverallAndDimensions,
  expectSameUpToRounding,
  generateRows,
  makeQuestionnaire,
  warning,
  type QOptions,
} from './support.js';

const ITEMS: QOptions['items'] = {
  tangibles: ['T1', 'T2', 'T3', 'T4'],
  reliability: ['R1', 'R2', 'R3', 'R4', 'R5'],
  responsiveness: ['S1', 'S2', 'S3'],
  assurance: ['A1', 'A2', 'A3', 'A4'],
  empathy: ['E1', 'E2'],
};
const KPIS: QOptions['kpis'] = [
  { id: 'nps', type: 'nps' },
  { id: 'csat', type: 'csat' },
  { id: 'ces', type: 'ces' },
  { id: 'csat7', type: 'csat', scale: { min: 1, max: 7 } },
];
const FIXED = { tangibles: 10, reliability: 30, responsiveness: 25, assurance: 20, empathy: 15 };

interface Case {
  name: string;
  format: Format;
  weights?: QOptions['weights'];
  seed: number;
  n: number;
  scale?: { min: number; max: number };
}

const cases: Case[] = [
  {
    name: 'two-column, respondent weights, fixed fallback',
    format: 'two-column',
    weights: { source: 'respondents', fixed: FIXED },
    seed: 1,
    n: 240,
  },
  {
    name: 'two-column, respondent weights, equal fallback',
    format: 'two-column',
    weights: { source: 'respondents' },
    seed: 2,
    n: 180,
  },
  {
    name: 'two-column, fixed weights only',
    format: 'two-column',
    weights: { source: 'fixed', fixed: FIXED },
    seed: 3,
    n: 90,
  },
  {
    name: 'three-column, respondent weights',
    format: 'three-column',
    weights: { source: 'respondents', fixed: FIXED },
    seed: 4,
    n: 220,
  },
  {
    name: 'three-column, 1-9 scale, no weights section',
    format: 'three-column',
    seed: 5,
    n: 60,
    scale: { min: 1, max: 9 },
  },
  {
    name: 'perceptions-only, respondent weights',
    format: 'perceptions-only',
    weights: { source: 'respondents', fixed: FIXED },
    seed: 6,
    n: 200,
  },
  {
    name: 'perceptions-only, 1-5 scale, small n',
    format: 'perceptions-only',
    weights: { source: 'respondents' },
    seed: 7,
    n: 12,
    scale: { min: 1, max: 5 },
  },
];

describe.each(cases)('random dataset: $name', (c) => {
  const q = makeQuestionnaire({
    format: c.format,
    items: ITEMS,
    reverse: ['R3', 'A2'],
    kpis: KPIS,
    ...(c.weights ? { weights: c.weights } : {}),
    ...(c.scale ? { scale: c.scale } : {}),
    itemRecommendations: { T1: ['Refresh the equipment.'], R2: ['Keep promises.', 'Track them.'] },
  });
  const rows = generateRows(q, { n: c.n, seed: c.seed, branches: ['north', 'south', 'east'] });
  const scored = scoreObjects(q, rows);
  const expected = independentScore(q, rows);

  it('scores without problems', () => {
    expect(scored.missing).toEqual([]);
    expect(scored.problems).toEqual([]);
    expect(scored.result).not.toBeNull();
  });

  it('matches the independent implementation in every field', () => {
    const result = scored.result as Result;
    expect(result.schemaVersion).toBe(1);
    expect(result.questionnaire).toEqual({
      title: 'Test audit',
      format: c.format,
      language: 'en',
      scale: c.scale ?? { min: 1, max: 7 },
    });
    expect(result.respondents.skippedCells).toBe(0);
    expectMatches(result, expected);
    // The data are not degenerate: the comparisons above compared numbers, not only nulls.
    expect(result.respondents.scored).toBeGreaterThan(0);
    expect(result.respondents.scored).toBeLessThan(result.respondents.total);
    expect(result.dimensions.every((d) => d.alpha !== null || c.n < 20)).toBe(true);
    expect(result.recommendations.length).toBeGreaterThan(0);
  });

  it('item gap mean equals perception minus expectation (two-column) or desired (three-column)', () => {
    for (const item of (scored.result as Result).items) {
      if (c.format === 'two-column')
        expect(item.gap.mean as number).toBeCloseTo((item.perception as number) - (item.expectation as number), 12);
      if (c.format === 'three-column') {
        expect(item.gap.mean as number).toBeCloseTo((item.perception as number) - (item.desired as number), 12);
        expect(item.msa?.mean as number).toBeCloseTo((item.perception as number) - (item.minimum as number), 12);
      }
      if (c.format === 'perceptions-only') expect(item.gap.mean as number).toBeCloseTo(item.perception as number, 12);
    }
  });

  it('counts weight fallbacks and duplicate ids like the independent implementation', () => {
    const result = scored.result as Result;
    const fallback = warning(result, 'weights-fallback');
    if (c.weights?.source === 'respondents') {
      expect(fallback).toMatchObject({
        invalid: expected.weightFallback.invalid,
        missing: expected.weightFallback.missing,
      });
      expect(expected.weightFallback.invalid).toBeGreaterThan(0);
    } else {
      expect(fallback).toBeUndefined();
    }
    expect(expected.duplicateIds).toBe(3);
    expect(warning(result, 'duplicate-respondents')).toMatchObject({ count: 3 });
  });

  it('segments by branch: each equals scoring that branch alone', () => {
    const grouped = scoreObjects(q, rows, { groupBy: ['branch'] }).result as Result;
    expect(grouped.segments.map((s) => s.value)).toEqual(['east', 'north', 'south']);
    // Grouping leaves the whole-sample numbers alone (they are summed from the segments, so the
    // last bits may differ).
    // Segment differences (issue 16) exist only when grouped; the rest must not move.
    const { segmentDifferences, ...groupedRest } = grouped;
    expect(segmentDifferences).toBeDefined();
    expectSameUpToRounding(
      { ...groupedRest, segments: [], warnings: [] },
      { ...(scored.result as Result), warnings: [] },
    );
    for (const segment of grouped.segments) {
      expect(segment.column).toBe('branch');
      const own = rows.filter((r) => r.branch === segment.value);
      const alone = scoreObjects(q, own).result as Result;
      expect(segment.respondents).toEqual({ total: alone.respondents.total, scored: alone.respondents.scored });
      expect(segment.overall).toEqual(alone.overall);
      // The figures beside alpha (issue 16) are the whole result's, not a segment's.
      expect(segment.dimensions).toEqual(
        alone.dimensions.map(
          ({ alphaStd: _s, alphaCi: _c, omega: _o, ave: _a, differenceReliability: _d, ...rest }) => rest,
        ),
      );
      expectOverallAndDimensions(segment, independentScore(q, own), `segment ${segment.value}: `);
    }
  });

  it('is deterministic: the same rows give byte-identical JSON', () => {
    const again = scoreObjects(q, rows);
    expect(JSON.stringify(again.result)).toBe(JSON.stringify(scored.result));
  });
});

describe('a sample where everyone scores the same', () => {
  it('has sd 0 and the one value as its mean, also for means that are not whole numbers', () => {
    const q = makeQuestionnaire({ format: 'two-column' });
    const [row] = generateRows(q, { n: 1, seed: 4, missingRate: 0 });
    const rows = Array.from({ length: 1000 }, (_, i) => ({ ...row, respondent: `X${i}` }));
    const one = scoreObjects(q, [row as Record<string, string>]).result as Result;
    const all = scoreObjects(q, rows).result as Result;
    const pairs = [
      [all.overall.weighted, one.overall.weighted],
      [all.overall.unweighted, one.overall.unweighted],
      ...all.dimensions.map((d, i) => [d.gap, one.dimensions[i]?.gap]),
    ];
    expect(pairs.some(([, single]) => single?.mean !== null && !Number.isInteger(single?.mean))).toBe(true);
    for (const [many, single] of pairs) {
      if (!many || !single || single.mean === null) continue;
      expect(many.sd).toBe(0);
      expect(many.ci95?.[0]).toBe(many.ci95?.[1]);
      expect(Math.abs((many.mean as number) - single.mean)).toBeLessThanOrEqual(Number.EPSILON * Math.abs(single.mean));
    }
  });
});

describe('the whole sample with --group-by', () => {
  it('counts every row, even those whose segment came after the segment limit', () => {
    const q = makeQuestionnaire({ format: 'two-column' });
    const rows = generateRows(q, { n: 1100, seed: 21 }).map((row, i) => ({ ...row, branch: `b${i}` }));
    const grouped = scoreObjects(q, rows, { groupBy: ['branch'] }).result as Result;
    const plain = scoreObjects(q, rows).result as Result;
    expect(grouped.segments).toHaveLength(1000);
    expect(grouped.respondents).toEqual(plain.respondents);
    expectSameUpToRounding(grouped.overall, plain.overall);
    expectSameUpToRounding(grouped.dimensions, plain.dimensions);
    expectSameUpToRounding(grouped.items, plain.items);
  });
});
