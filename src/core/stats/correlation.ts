import type { CoMoments } from './comoments.js';

/** Variances below this count as zero (rounding residue of constant columns), as in cronbach.ts. */
const ZERO_VARIANCE = 1e-12;

/**
 * The covariance matrix of co-moments, `c / divisor` as nested rows: `n - 1` for the sample
 * covariance, `n` for the maximum likelihood one (lavaan's default). Null when n < 2.
 *
 * @example covarianceRows(cm, cm.n - 1) // [[2, 4], [4, 8]] for observations [1, 2] and [3, 6]
 */
export function covarianceRows(cm: CoMoments, divisor: number): number[][] | null {
  if (cm.n < 2) return null;
  const k = cm.k;
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => (cm.c[i * k + j] as number) / divisor),
  );
}

/**
 * The Pearson correlation matrix of co-moments: `c_ij / sqrt(c_ii c_jj)`, 1 on the diagonal.
 * Null when n < 2 or any variable has no variance (its correlations do not exist).
 *
 * @example correlationRows(cm) // [[1, 1], [1, 1]] for observations [1, 2] and [3, 6]
 */
export function correlationRows(cm: CoMoments): number[][] | null {
  const k = cm.k;
  if (cm.n < 2 || k === 0) return null;
  const sd = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const v = (cm.c[i * k + i] as number) / (cm.n - 1);
    if (!(v >= ZERO_VARIANCE)) return null;
    sd[i] = Math.sqrt(cm.c[i * k + i] as number);
  }
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) =>
      // Rounding can push |r| a hair past 1 for perfectly correlated variables.
      i === j ? 1 : Math.max(-1, Math.min(1, (cm.c[i * k + j] as number) / ((sd[i] as number) * (sd[j] as number)))),
    ),
  );
}

/** The rows and columns `indices` of a square matrix, in that order. */
export const subMatrix = (m: readonly (readonly number[])[], indices: readonly number[]): number[][] =>
  indices.map((i) => indices.map((j) => (m[i] as readonly number[])[j] as number));
