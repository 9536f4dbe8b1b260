import { describe, expect, it } from 'vitest';
import { compareResults } from '../../../src/core/compare/compare.js';
import { compareSegments, groupByColumns, segmentRegressions } from '../../../src/core/compare/segments.js';
import type { Questionnaire } from '../../../src/core/questionnaire/model.js';
import { validateQuestionnaire } from '../../../src/core/questionnaire/validate.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { scoreTable } from '../../../src/core/scoring/score-table.js';
import { mulberry32 } from '../../helpers/random.js';

const ITEMS: Record<string, string[]> = {
  tangibles: ['T1', 'T2'],
  reliability: ['R1', 'R2'],
  responsiveness: ['S1', 'S2'],
  assurance: ['A1', 'A2'],
  empathy: ['E1', 'E2'],
};

function questionnaire(): Questionnaire {
  const { questionnaire, problems } = validateQuestionnaire({
    servqual: 1,
    title: 'Branches',
    format: 'two-column',
    scale: { min: 1, max: 7 },
    dimensions: Object.entries(ITEMS).map(([id, items]) => ({
      id,
      items: items.map((item) => ({ id: item, expectation: `E ${item}`, perception: `P ${item}` })),
    })),
  });
  expect(problems).toEqual([]);
  return questionnaire as Questionnaire;
}

const q = questionnaire();
const header = [
  'respondent',
  'branch',
  ...Object.values(ITEMS).flatMap((ids) => ids.flatMap((id) => [`${id}_E`, `${id}_P`])),
];

/**
 * A wave scored with `--group-by branch`: n respondents per branch, every answer a level plus a
 * respondent effect (sd 0.5) plus noise (sd 1), rounded to the scale; `shift[branch]` moves that
 * branch's reliability perceptions.
 */
function wave(seed: number, branches: readonly string[], n: number, shift: Record<string, number> = {}): Result {
  const rnd = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const answer = (x: number) => String(Math.min(7, Math.max(1, Math.round(x))));
  const rows: string[][] = [];
  for (const branch of branches) {
    for (let r = 0; r < n; r++) {
      const person = 0.5 * normal();
      const row = [`${branch}-${r}`, branch];
      for (const [dimension, items] of Object.entries(ITEMS)) {
        const level = 5 + (dimension === 'reliability' ? (shift[branch] ?? 0) : 0);
        for (const _ of items) row.push(answer(6 + 0.3 * person + 0.7 * normal()), answer(level + person + normal()));
      }
      rows.push(row);
    }
  }
  const scored = scoreTable(q, header, rows, { measurement: false, groupBy: ['branch'] });
  expect(scored.problems).toEqual([]);
  return scored.result as Result;
}

describe('compareSegments', () => {
  it('compares segments in both results and lists those in one only, in baseline order', () => {
    const segments = compareSegments(wave(1, ['North', 'South'], 40), wave(2, ['South', 'West'], 40), {
      alpha: 0.05,
    });
    expect(segments.map((s) => [s.value, s.status, s.rows.length])).toEqual([
      ['North', 'only-in-baseline', 0],
      ['South', 'both', 7],
      ['West', 'only-in-current', 0],
    ]);
    expect(segments[1]?.rows.map((r) => r.target)).toEqual([
      'overall:weighted',
      'overall:unweighted',
      'dimension:tangibles',
      'dimension:reliability',
      'dimension:responsiveness',
      'dimension:assurance',
      'dimension:empathy',
    ]);
    expect(segments[0]).toMatchObject({ baselineScored: 40, currentScored: null });
  });

  it('Holm-adjusts every row of every segment as one family', () => {
    const segments = compareSegments(wave(3, ['A', 'B', 'C'], 30), wave(4, ['A', 'B', 'C'], 30), { alpha: 0.05 });
    const rows = segments.flatMap((s) => s.rows);
    const ps = rows.map((r) => r.p as number);
    // Holm by hand: the smallest p times the number of tests bounds the smallest adjusted p from below.
    const m = ps.length;
    const smallest = Math.min(...ps);
    expect(m).toBe(21);
    expect(Math.min(...rows.map((r) => r.pHolm as number))).toBeCloseTo(Math.min(1, m * smallest), 12);
    for (const r of rows) expect(r.pHolm as number).toBeGreaterThanOrEqual(r.p as number);
  });

  it('detects a real drop in one branch (seeded, 20 pairs, n = 150 per branch) and not in the others', () => {
    let detected = 0;
    let falseAlarms = 0;
    for (let pair = 0; pair < 20; pair++) {
      const before = wave(100 + 2 * pair, ['North', 'South', 'East'], 150);
      const after = wave(101 + 2 * pair, ['North', 'South', 'East'], 150, { South: -0.6 });
      const regressions = segmentRegressions(compareSegments(before, after, { alpha: 0.05 }));
      if (regressions.includes('branch=South dimension:reliability')) detected++;
      falseAlarms += regressions.filter((r) => !r.startsWith('branch=South')).length;
    }
    expect(detected).toBe(20);
    expect(falseAlarms).toBeLessThanOrEqual(2);
  });

  it('is part of compareResults when a result has segments (absent otherwise: see compare.test.ts)', () => {
    expect(groupByColumns(wave(6, ['A'], 10))).toEqual(['branch']);
    const grouped = compareResults(wave(7, ['A'], 30), wave(8, ['A'], 30), { alpha: 0.05 });
    expect(grouped.segments?.map((s) => s.value)).toEqual(['A']);
    expect(grouped.segmentRegressions).toEqual([]);
  });
});
