import { describe, expect, it } from 'vitest';
import type { InferredScale } from '../../../../src/core/sources/infer/scale.js';
import { labelledRating, sharedValueLabels, withValueLabels } from '../../../../src/core/sources/infer/value-labels.js';

const agree = new Map([
  [1, 'Strongly disagree'],
  [2, 'Disagree'],
  [3, 'Neutral'],
  [4, 'Agree'],
  [5, 'Strongly agree'],
]);
const column = (values: Map<number, string>, label = '') => ({ label, values });
const seen: InferredScale = { min: 1, max: 4, labels: {}, best: 'high', note: 'scale 1-4 from the numbers seen' };

describe('value labels', () => {
  it('are shared when every answer column has the same codes and words (case and spaces aside)', () => {
    const shouting = new Map([...agree].map(([c, t]) => [c, ` ${t.toUpperCase()}`]));
    expect(sharedValueLabels([column(agree), column(shouting)])).toEqual(agree);
    expect(sharedValueLabels([column(agree), column(new Map([...agree].slice(0, 4)))])).toBeNull();
    expect(sharedValueLabels([column(agree), undefined])).toBeNull();
    // Codes off a rating scale (a 99 "No answer" that is not user-missing) are not scale points.
    expect(sharedValueLabels([column(new Map([...agree, [99, 'No answer']]))])).toEqual(agree);
  });

  it('widen the scale to the labelled codes and become its labels', () => {
    const scale = withValueLabels(seen, agree);
    expect(scale).toMatchObject({ min: 1, max: 5, best: 'high' });
    expect(scale.labels).toEqual({
      1: 'Strongly disagree',
      2: 'Disagree',
      3: 'Neutral',
      4: 'Agree',
      5: 'Strongly agree',
    });
    expect(scale.note).toBe('scale 1-5 from the SPSS value labels (1 "Strongly disagree" ... 5 "Strongly agree")');
  });

  it('say best: low when the lowest code is the best answer, and not when both ends start alike', () => {
    const quality = new Map([
      [1, 'Excellent'],
      [2, 'Good'],
      [3, 'Fair'],
      [4, 'Poor'],
      [5, 'Very poor'],
    ]);
    expect(withValueLabels(seen, quality).best).toBe('low');
    expect(
      withValueLabels(
        seen,
        new Map([
          [1, 'Very satisfied'],
          [7, 'Very dissatisfied'],
        ]),
      ).best,
    ).toBe('low');
    expect(
      withValueLabels(
        seen,
        new Map([
          [1, 'Extremely dissatisfied'],
          [5, 'Extremely satisfied'],
        ]),
      ).best,
    ).toBe('high');
  });

  it('make a column of few distinct numbers a rating when they are labelled codes', () => {
    const numeric = { kind: 'numeric', range: { min: 1, max: 2 } } as const;
    expect(labelledRating(numeric, column(agree)).kind).toBe('rating');
    expect(labelledRating(numeric, undefined).kind).toBe('numeric');
    expect(labelledRating({ kind: 'numeric', range: { min: 1, max: 9 } }, column(agree)).kind).toBe('numeric');
  });
});
