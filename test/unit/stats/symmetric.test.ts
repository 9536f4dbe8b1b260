import { describe, expect, it } from 'vitest';
import { fitCfa } from '../../../src/core/stats/cfa.js';
import { oneFactorMl } from '../../../src/core/stats/factor-ml.js';
import { relativeWeights } from '../../../src/core/stats/relative-weights.js';
import { symmetricMatrix } from '../../../src/core/stats/symmetric.js';
import { reference } from './validity-reference.js';

/** The matrix with its upper triangle nudged by a relative 1e-14, as sums merged in another order leave it. */
function nudged(m: number[][]): number[][] {
  return m.map((row, i) => row.map((v, j) => (j > i ? v * (1 + 1e-14) : v)));
}

describe('inputs asymmetric in the last bits', () => {
  it('are averaged with their transpose; a real asymmetry or a ragged matrix is refused', () => {
    expect(
      symmetricMatrix([
        [1, 0.5 + 1e-13],
        [0.5, 1],
      ])?.to2DArray(),
    ).toEqual([
      [1, 0.50000000000005],
      [0.50000000000005, 1],
    ]);
    expect(
      symmetricMatrix([
        [1, 0.5 + 1e-6],
        [0.5, 1],
      ]),
    ).toBeNull();
    expect(symmetricMatrix([[1, 0.5], [0.5]])).toBeNull();
    expect(symmetricMatrix([[Number.POSITIVE_INFINITY]])).toBeNull();
  });

  it('give the same fits as the symmetric matrix (ml-matrix would throw on them)', () => {
    const { covariance, n, factorOf } = reference.cfa;
    expect(fitCfa(nudged(covariance), n, factorOf)?.chisq).toBeCloseTo(fitCfa(covariance, n, factorOf)?.chisq ?? 0, 6);
    const correlation = reference.factorMl.reliability?.correlation ?? [];
    expect(oneFactorMl(nudged(correlation))?.loadings[0]).toBeCloseTo(oneFactorMl(correlation)?.loadings[0] ?? 0, 9);
    const drivers = reference.drivers.correlation;
    expect(relativeWeights(nudged(drivers))?.r2).toBeCloseTo(relativeWeights(drivers)?.r2 ?? 0, 12);
  });
});
