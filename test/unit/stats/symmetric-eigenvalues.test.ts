import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/stats/random.js';
import { symmetricEigenvalues } from '../../../src/core/stats/symmetric-eigenvalues.js';

// The reference is ml-matrix's EigenvalueDecomposition (JAMA's tred2/tql2, with eigenvectors), which
// parallel analysis used before; the values-only routine must agree to rounding.
const reference = (rows: number[][]): number[] =>
  new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues.sort((x, y) => y - x);

const lowerOf = (rows: number[][]): Float64Array[] => rows.map((row, j) => Float64Array.from(row.slice(0, j + 1)));

function randomSymmetric(p: number, seed: number): number[][] {
  const random = seededRandom(seed);
  const rows = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      const v = random.normal();
      (rows[j] as number[])[k] = v;
      (rows[k] as number[])[j] = v;
    }
  }
  return rows;
}

describe('symmetricEigenvalues', () => {
  it('agrees with ml-matrix on random symmetric matrices of 1 to 30 rows', () => {
    for (let p = 1; p <= 30; p++) {
      const rows = randomSymmetric(p, 1000 + p);
      const ours = symmetricEigenvalues(lowerOf(rows));
      const theirs = reference(rows);
      const size = Math.max(...theirs.map(Math.abs));
      expect(ours).toHaveLength(p);
      for (const [i, v] of ours.entries()) expect(Math.abs(v - (theirs[i] as number))).toBeLessThan(1e-12 * size);
    }
  });

  it('handles diagonal, repeated and zero eigenvalues (deflation)', () => {
    const diagonal = [
      [3, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 2, 0],
      [0, 0, 0, 0],
    ];
    expect(symmetricEigenvalues(lowerOf(diagonal))).toEqual([3, 2, 1, 0]);
    // All ones: eigenvalues p and p - 1 zeros.
    const ones = Array.from({ length: 5 }, () => new Array<number>(5).fill(1));
    const values = symmetricEigenvalues(lowerOf(ones));
    expect(values[0]).toBeCloseTo(5, 12);
    for (const v of values.slice(1)) expect(Math.abs(v)).toBeLessThan(1e-12);
  });
});
