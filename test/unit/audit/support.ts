import type { Questionnaire } from '../../../src/core/questionnaire/model.js';
import { validateQuestionnaire } from '../../../src/core/questionnaire/validate.js';

export const dims = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'];

/** The audit tests' questionnaire (one item per dimension, a branch segment, NPS), through the real validator. */
export function questionnaire(overrides: Record<string, unknown> = {}): Questionnaire {
  const { questionnaire: q, problems } = validateQuestionnaire({
    servqual: 1,
    title: 'T',
    format: 'two-column',
    scale: { min: 1, max: 7 },
    weights: { source: 'respondents' },
    segments: ['branch'],
    dimensions: dims.map((id, d) => ({ id, items: [{ id: `I${d}`, expectation: `e${d}`, perception: `p${d}` }] })),
    kpis: [{ id: 'nps', type: 'nps', question: 'recommend?' }],
    ...overrides,
  });
  if (!q) throw new Error(JSON.stringify(problems));
  return q;
}
