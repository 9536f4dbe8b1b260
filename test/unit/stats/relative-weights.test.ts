import { describe, expect, it } from 'vitest';
import { relativeWeights } from '../../../src/core/stats/relative-weights.js';
import { expectClose, reference } from './validity-reference.js';

// Expected: Johnson's algorithm written in R (relaimpo is not packaged for Debian) and R² from
// `summary(lm(y ~ scores))$r.squared` on the raw rows (make-fixtures.R, `drivers`).
describe("Johnson's relative weights", () => {
  const expected = reference.drivers;

  it('equals the R computation within 1e-10, and r2 equals lm()', () => {
    const result = relativeWeights(expected.correlation);
    expect(result).not.toBeNull();
    if (!result) return;
    expectClose(result.r2, expected.r2, 1e-10, 'r2');
    for (const [j, r] of expected.r.entries()) expectClose(result.r[j] as number, r, 1e-12, `r${j}`);
    for (const [j, b] of expected.beta.entries()) expectClose(result.beta[j] as number, b, 1e-10, `beta${j}`);
    for (const [j, w] of expected.weight.entries()) expectClose(result.weight[j] as number, w, 1e-10, `weight${j}`);
    expectClose(
      result.weight.reduce((a, b) => a + b, 0),
      result.r2,
      1e-12,
      'sum of weights',
    );
  });

  it('gives an uncorrelated predictor set its squared correlations', () => {
    // With Rxx = I the weights are r_j² exactly (Johnson 2000, eq. 4 reduces to it).
    const result = relativeWeights([
      [1, 0, 0.3],
      [0, 1, -0.4],
      [0.3, -0.4, 1],
    ]);
    expect(result?.weight[0]).toBeCloseTo(0.09, 14);
    expect(result?.weight[1]).toBeCloseTo(0.16, 14);
    expect(result?.beta[1]).toBeCloseTo(-0.4, 14);
  });

  it('is null for a singular predictor set, no predictor, or a ragged matrix', () => {
    expect(
      relativeWeights([
        [1, 1, 0.5],
        [1, 1, 0.5],
        [0.5, 0.5, 1],
      ]),
    ).toBeNull();
    expect(relativeWeights([[1]])).toBeNull();
    expect(relativeWeights([[1, 0.2], [0.2]])).toBeNull();
  });
});
