import { describe, expect, it } from 'vitest';
import { validateQuestionnaire } from '../../../src/core/questionnaire/validate.js';
import { scoreObjects } from '../../../src/core/scoring/score-table.js';
import { seededRandom } from '../../../src/core/stats/random.js';

/** A two-column questionnaire of the given dimensions, two items each, and 200 seeded respondents whose items share a factor per dimension. */
function scored(dimensions: readonly string[], model?: 'custom') {
  const { questionnaire, problems } = validateQuestionnaire({
    servqual: 1,
    title: 'Scope of the three-factor model',
    format: 'two-column',
    ...(model ? { model } : {}),
    scale: { min: 1, max: 7 },
    dimensions: dimensions.map((id, d) => ({
      id,
      items: [1, 2, 3].map((k) => ({ id: `D${d}I${k}`, expectation: 'e', perception: 'p' })),
    })),
  });
  if (!questionnaire) throw new Error(JSON.stringify(problems));
  const random = seededRandom(7);
  const clamp = (v: number) => Math.min(7, Math.max(1, Math.round(v)));
  const rows = Array.from({ length: 200 }, (_, r) => {
    const row: Record<string, number | string> = { respondent: `r${r}` };
    dimensions.forEach((_, d) => {
      const factor = random.normal();
      for (const k of [1, 2, 3]) {
        row[`D${d}I${k}_E`] = 6;
        row[`D${d}I${k}_P`] = clamp(4 + factor + random.normal() * 0.7);
      }
    });
    return row;
  });
  const result = scoreObjects(questionnaire, rows).result;
  if (!result) throw new Error('not scored');
  return result;
}

describe('the three-factor alternative', () => {
  it('is fitted for the five SERVQUAL dimensions', () => {
    const result = scored(['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy']);
    expect(result.validity?.cfa3).not.toBeNull();
  });

  it('is not fitted for a custom model that merely has a tangibles and a reliability dimension', () => {
    const result = scored(['tangibles', 'reliability', 'price', 'speed'], 'custom');
    expect(result.validity?.cfa).not.toBeNull();
    expect(result.validity?.cfa3).toBeNull();
  });
});
