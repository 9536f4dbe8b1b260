import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/**
 * The eigenvalues of a symmetric matrix (a correlation matrix), largest first, by ml-matrix's
 * symmetric QL decomposition (no hand-written solver). They sum to the trace (k for a correlation matrix).
 *
 * @example eigenvaluesDescending([[1, 0.5], [0.5, 1]]) // [1.5, 0.5]
 */
export function eigenvaluesDescending(m: readonly (readonly number[])[]): number[] {
  if (m.length === 0) return [];
  const decomposition = new EigenvalueDecomposition(new Matrix(m as number[][]), { assumeSymmetric: true });
  return [...decomposition.realEigenvalues].sort((a, b) => b - a);
}
