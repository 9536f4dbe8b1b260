/**
 * `compare` on seeded synthetic waves scored through the real core: a real shift of a known size
 * is flagged, and with no shift the false-alarm rate over many seeded pairs stays near alpha.
 */
import { describe, expect, it } from 'vitest';
import { compareResults, type Comparison, type ComparisonRow } from '../../../src/core/compare/compare.js';
import type { Questionnaire } from '../../../src/core/questionnaire/model.js';
import { validateQuestionnaire } from '../../../src/core/questionnaire/validate.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { scoreTable } from '../../../src/core/scoring/score-table.js';
import { mulberry32 } from '../../helpers/random.js';

const ITEMS: Record<string, string[]> = {
  tangibles: ['T1', 'T2'],
  reliability: ['R1', 'R2', 'R3'],
  responsiveness: ['S1', 'S2'],
  assurance: ['A1', 'A2', 'A3'],
  empathy: ['E1', 'E2'],
};
/** Mean perception per dimension (latent, before rounding to the 1-7 scale); expectations sit near 6. */
const LEVELS: Record<string, number> = {
  tangibles: 5.4,
  reliability: 4.8,
  responsiveness: 5.0,
  assurance: 5.6,
  empathy: 4.6,
};

function questionnaire(): Questionnaire {
  const { questionnaire, problems } = validateQuestionnaire({
    servqual: 1,
    title: 'Synthetic waves',
    format: 'two-column',
    scale: { min: 1, max: 7 },
    weights: {
      source: 'fixed',
      fixed: { tangibles: 10, reliability: 30, responsiveness: 25, assurance: 20, empathy: 15 },
    },
    dimensions: Object.entries(ITEMS).map(([id, items]) => ({
      id,
      items: items.map((item) => ({ id: item, expectation: `E ${item}`, perception: `P ${item}` })),
    })),
    kpis: [
      { id: 'nps', type: 'nps', question: 'Recommend?' },
      { id: 'csat', type: 'csat', question: 'Satisfied?' },
      { id: 'ces', type: 'ces', question: 'Easy?' },
    ],
  });
  expect(problems).toEqual([]);
  return questionnaire as Questionnaire;
}

const q = questionnaire();
const itemIds = Object.values(ITEMS).flat();
const header = ['respondent', ...itemIds.flatMap((id) => [`${id}_E`, `${id}_P`]), 'nps', 'csat', 'ces'];

/**
 * One wave of n respondents: every answer is a latent level plus a respondent effect (sd 0.5) plus
 * answer noise (sd 1), rounded and clamped to the scale. `shift` moves a dimension's perceptions.
 */
function wave(seed: number, n: number, shift: Record<string, number> = {}): Result {
  const rnd = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const answer = (x: number, min: number, max: number) => String(Math.min(max, Math.max(min, Math.round(x))));
  const rows: string[][] = [];
  for (let r = 0; r < n; r++) {
    const person = 0.5 * normal();
    const row = [`r${r}`];
    for (const [dimension, items] of Object.entries(ITEMS)) {
      const level = (LEVELS[dimension] as number) + (shift[dimension] ?? 0);
      for (let i = 0; i < items.length; i++) {
        row.push(answer(6 + 0.3 * person + 0.7 * normal(), 1, 7), answer(level + person + normal(), 1, 7));
      }
    }
    row.push(
      answer(7.5 + 2 * person + 1.8 * normal(), 0, 10),
      answer(3.8 + person + 0.9 * normal(), 1, 5),
      answer(5 + person + normal(), 1, 7),
    );
    rows.push(row);
  }
  // Without the measurement-quality model fits: 2000 results would spend minutes on figures compare never reads.
  const scored = scoreTable(q, header, rows, { measurement: false });
  expect(scored.problems).toEqual([]);
  return scored.result as Result;
}

const row = (c: Comparison, target: string) => c.rows.find((r) => r.target === target) as ComparisonRow;

describe('compare on seeded synthetic waves', () => {
  it('flags a real drop of 0.5 points in reliability (n = 200 per wave) as significant and a regression', () => {
    const changes: number[] = [];
    for (let pair = 0; pair < 20; pair++) {
      const c = compareResults(wave(100 + 2 * pair, 200), wave(101 + 2 * pair, 200, { reliability: -0.5 }), {
        alpha: 0.05,
      });
      const reliability = row(c, 'dimension:reliability');
      expect(reliability, `pair ${pair}`).toMatchObject({
        status: 'both',
        direction: 'down',
        significant: true,
        regression: true,
      });
      expect(reliability.p as number).toBeLessThan(0.001);
      expect(c.regressions).toContain('dimension:reliability');
      changes.push(reliability.change as number);
    }
    // The estimated change recovers the shift (rounding to the scale barely attenuates it at these levels).
    const meanChange = changes.reduce((a, b) => a + b, 0) / changes.length;
    expect(meanChange).toBeGreaterThan(-0.6);
    expect(meanChange).toBeLessThan(-0.4);
  });

  it('flags a real rise as significant but never as a regression', () => {
    const c = compareResults(wave(7, 200), wave(8, 200, { empathy: 0.5 }), { alpha: 0.05 });
    expect(row(c, 'dimension:empathy')).toMatchObject({ direction: 'up', significant: true, regression: false });
    expect(c.regressions).not.toContain('dimension:empathy');
  });

  it('keeps the false-alarm rate near alpha with no shift (1000 seeded pairs, n = 80 per wave)', () => {
    const pairs = 1000;
    const alarms = { weighted: 0, unweighted: 0, reliability: 0, nps: 0, csat: 0, ces: 0, anyItem: 0 };
    for (let pair = 0; pair < pairs; pair++) {
      const c = compareResults(wave(10_000 + 2 * pair, 80), wave(10_001 + 2 * pair, 80), { alpha: 0.05 });
      if (row(c, 'overall:weighted').significant) alarms.weighted++;
      if (row(c, 'overall:unweighted').significant) alarms.unweighted++;
      if (row(c, 'dimension:reliability').significant) alarms.reliability++;
      if (row(c, 'kpi:nps').significant) alarms.nps++;
      if (row(c, 'kpi:csat').significant) alarms.csat++;
      if (row(c, 'kpi:ces').significant) alarms.ces++;
      if (c.rows.some((r) => r.target.startsWith('item:') && r.significant)) alarms.anyItem++;
    }
    // Binomial(1000, 0.05): mean 50, sd 6.9; [0.03, 0.075] is [30, 75] alarms, about -2.9 and +3.6 sd.
    // (At the time of writing: weighted 53, unweighted 47, reliability 56, NPS 55, CSAT 52, CES 47.)
    for (const key of ['weighted', 'unweighted', 'reliability', 'nps', 'csat', 'ces'] as const) {
      expect(alarms[key] / pairs, key).toBeGreaterThanOrEqual(0.03);
      expect(alarms[key] / pairs, key).toBeLessThanOrEqual(0.075);
    }
    // Holm controls the family-wise rate over the 12 items: any item falsely flagged in at most about alpha of the pairs.
    expect(alarms.anyItem / pairs).toBeLessThanOrEqual(0.075);
  });
});
