import type { Problem } from '../problem.js';
import type { Result } from '../scoring/result.js';

/** Why two results cannot be compared: a questionnaire field that differs, with both values. */
export interface ComparabilityProblem extends Problem {
  code: 'incomparable';
  field: 'title' | 'format' | 'scale';
  baseline: string;
  current: string;
  message: string;
}

/** Thrown by `compareResults` when given results that `comparabilityProblems` refuses. */
export class IncomparableResultsError extends Error {
  readonly problems: ComparabilityProblem[];
  constructor(problems: ComparabilityProblem[]) {
    super(problems.map((p) => p.message).join('; '));
    this.name = 'IncomparableResultsError';
    this.problems = problems;
  }
}

const NAMES = { title: 'title', format: 'format', scale: 'answer scale' } as const;

/**
 * Every reason two saved results cannot be compared: their questionnaires differ in title, format
 * (two-column, three-column, perceptions-only) or answer scale (the questionnaire's, or the scale
 * of an item both have), since then the scores measure different things. Empty when they are comparable. Language is not checked: it only changes labels.
 *
 * @example comparabilityProblems(a, b)
 *   // [{ field: 'format', baseline: 'two-column', current: 'three-column',
 *   //    message: 'the questionnaire format differs: baseline "two-column", current "three-column"' }]
 */
export function comparabilityProblems(baseline: Result, current: Result): ComparabilityProblem[] {
  const a = baseline.questionnaire;
  const b = current.questionnaire;
  const problems: ComparabilityProblem[] = [];
  const differ = (field: ComparabilityProblem['field'], x: string, y: string, quote: boolean) => {
    if (x === y) return;
    const show = (v: string) => (quote ? JSON.stringify(v) : v);
    problems.push({
      code: 'incomparable',
      field,
      baseline: x,
      current: y,
      message: `the questionnaire ${NAMES[field]} differs: baseline ${show(x)}, current ${show(y)}`,
    });
  };
  differ('title', a.title, b.title, true);
  differ('format', a.format, b.format, true);
  differ('scale', `${a.scale.min}-${a.scale.max}`, `${b.scale.min}-${b.scale.max}`, false);
  // An item in both results on another scale (its own in one, or a different own scale) measures something else.
  const range = (r: Result, item: Result['items'][number]) => {
    const scale = item.scale ?? r.questionnaire.scale;
    return `${scale.min}-${scale.max}`;
  };
  const before = new Map(baseline.items.map((item) => [item.id, item]));
  for (const item of current.items) {
    const earlier = before.get(item.id);
    // Items on the questionnaire's scale in both are covered by the questionnaire's scale above.
    if (earlier === undefined || (earlier.scale === undefined && item.scale === undefined)) continue;
    const x = range(baseline, earlier);
    const y = range(current, item);
    if (x === y) continue;
    problems.push({
      code: 'incomparable',
      field: 'scale',
      baseline: x,
      current: y,
      message: `the answer scale of item ${item.id} differs: baseline ${x}, current ${y}`,
    });
  }
  return problems;
}
