import { describe, expect, it } from 'vitest';
import { welchAnova } from '../../../src/core/stats/welch-anova.js';
import { expectClose, reference } from './validity-reference.js';

// Expected: R `oneway.test(y ~ g, var.equal = FALSE)` on the raw groups (make-fixtures.R, `welchCase`).
describe('Welch one-way ANOVA', () => {
  it.each(Object.entries(reference.welch))('%s equals oneway.test within 1e-10', (_, expected) => {
    const result = welchAnova(expected.groups);
    expect(result).not.toBeNull();
    if (!result) return;
    expectClose(result.f, expected.f, 1e-10, 'F');
    expectClose(result.df1, expected.df1, 1e-10, 'df1');
    expectClose(result.df2, expected.df2, 1e-10, 'df2');
    expectClose(result.p, expected.p, 1e-10, 'p');
  });

  it('is null where R stops or gives NaN', () => {
    const ok = { n: 10, mean: 1, variance: 2 };
    expect(welchAnova([ok])).toBeNull();
    expect(welchAnova([])).toBeNull();
    expect(welchAnova([ok, { n: 1, mean: 2, variance: 0 }])).toBeNull();
    expect(welchAnova([ok, { n: 5, mean: 2, variance: 0 }])).toBeNull();
  });

  it('gives p = 1 when every mean is the same', () => {
    const result = welchAnova([
      { n: 10, mean: 3, variance: 1 },
      { n: 20, mean: 3, variance: 4 },
    ]);
    expect(result?.f).toBe(0);
    expect(result?.p).toBe(1);
  });
});
