/**
 * Seeded synthetic waves of a small two-column questionnaire, scored through the real core: for
 * tests of `compare` and `trend` that need many results with a known truth (a shift, or none).
 */
import { expect } from 'vitest';
import type { Questionnaire } from '../../src/core/questionnaire/model.js';
import { validateQuestionnaire } from '../../src/core/questionnaire/validate.js';
import type { Result } from '../../src/core/scoring/result.js';
import { scoreTable } from '../../src/core/scoring/score-table.js';
import { mulberry32 } from './random.js';

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
const header = [
  'respondent',
  ...Object.values(ITEMS)
    .flat()
    .flatMap((id) => [`${id}_E`, `${id}_P`]),
  'nps',
  'csat',
  'ces',
];

/**
 * One wave of n respondents: every answer is a latent level plus a respondent effect (sd 0.5) plus
 * answer noise (sd 1), rounded and clamped to the scale. `shift` moves a dimension's perceptions.
 */
export function syntheticWave(seed: number, n: number, shift: Record<string, number> = {}): Result {
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
  // Without the measurement-quality model fits: thousands of results would spend minutes on figures no trend reads.
  const scored = scoreTable(q, header, rows, { measurement: false });
  expect(scored.problems).toEqual([]);
  return scored.result as Result;
}
