import { describe, expect, it } from 'vitest';
import { factorReliability, oneFactorMl } from '../../../src/core/stats/factor-ml.js';
import { expectClose, reference } from './validity-reference.js';

// Expected: psych 2.2.9 `fa(R, nfactors = 1, fm = "ml")` loadings and uniquenesses, omega and AVE
// from them (make-fixtures.R, `oneFactor`): the five SERVQUAL dimensions of the 22-item sample, two
// and three items, and a Heywood case that psych holds at its bound.
describe('one-factor maximum likelihood', () => {
  it.each(Object.entries(reference.factorMl))('%s equals psych::fa within 1e-6', (_, expected) => {
    const fit = oneFactorMl(expected.correlation);
    expect(fit).not.toBeNull();
    if (!fit) return;
    for (const [i, l] of expected.loadings.entries()) expectClose(fit.loadings[i] as number, l, 1e-6, `loading ${i}`);
    for (const [i, u] of expected.uniquenesses.entries()) {
      expectClose(fit.uniquenesses[i] as number, u, 1e-6, `uniqueness ${i}`);
    }
    const { omega, ave } = factorReliability(fit.loadings, fit.uniquenesses);
    expectClose(omega, expected.omega, 1e-6, 'omega');
    expectClose(ave, expected.ave, 1e-6, 'ave');
  });

  it('signs the loadings so that they sum to a positive number', () => {
    const expected = reference.factorMl.tangibles;
    if (!expected) throw new Error('fixture lacks tangibles');
    const flipped = expected.correlation.map((row, i) => row.map((v, j) => ((i === 0) !== (j === 0) ? -v : v)));
    const fit = oneFactorMl(flipped);
    expect(fit?.loadings[0]).toBeCloseTo(-(expected.loadings[0] as number), 6);
    expect(fit?.loadings.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('is null for one item, a singular or a non-correlation matrix', () => {
    expect(oneFactorMl([[1]])).toBeNull();
    expect(oneFactorMl([])).toBeNull();
    expect(
      oneFactorMl([
        [1, 1, 0.5],
        [1, 1, 0.5],
        [0.5, 0.5, 1],
      ]),
    ).toBeNull();
    expect(
      oneFactorMl([
        [1, 0.5, 0.2],
        [0.4, 1, 0.3],
        [0.2, 0.3, 1],
      ]),
    ).toBeNull();
    expect(
      oneFactorMl([
        [1, Number.NaN],
        [Number.NaN, 1],
      ]),
    ).toBeNull();
  });

  it('computes omega and AVE by their formulas', () => {
    // (0.8 + 0.7)² / ((0.8 + 0.7)² + 0.36 + 0.51) and (0.64 + 0.49) / 2.
    const { omega, ave } = factorReliability([0.8, 0.7], [0.36, 0.51]);
    expect(omega).toBeCloseTo(2.25 / 3.12, 15);
    expect(ave).toBeCloseTo(0.565, 15);
  });
});
