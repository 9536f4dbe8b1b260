import { CholeskyDecomposition, inverse, Matrix } from 'ml-matrix';
import { chiSquareUpper } from './chi-square.js';

export interface Kmo {
  overall: number;
  /** Per variable, in the matrix's order: its measure of sampling adequacy. */
  items: number[];
}

/**
 * Kaiser-Meyer-Olkin's measure of sampling adequacy, as R `psych::KMO(R)`: with Q the inverse of
 * the correlation matrix R and the partial correlations `q_ij = -Q_ij / sqrt(Q_ii Q_jj)`,
 * `overall = Σ r² / (Σ r² + Σ q²)` over i != j, and per variable j the same sums over column j.
 * Null when R is singular (psych then falls back to R itself and prints a message; a report should
 * rather say the figure does not exist).
 *
 * @example kmo([[1, 0.5], [0.5, 1]]) // { overall: 0.5, items: [0.5, 0.5] }
 */
export function kmo(r: readonly (readonly number[])[]): Kmo | null {
  const k = r.length;
  if (k < 2 || !positiveDefinite(r)) return null;
  let q: Matrix;
  try {
    q = inverse(new Matrix(r as number[][]));
  } catch {
    return null;
  }
  const r2 = new Float64Array(k);
  const q2 = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      const rij = (r[i] as readonly number[])[j] as number;
      const qij = q.get(i, j) / Math.sqrt(q.get(i, i) * q.get(j, j));
      r2[j] = (r2[j] as number) + rij * rij;
      q2[j] = (q2[j] as number) + qij * qij;
    }
  }
  const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
  const totalR = sum(r2);
  const totalQ = sum(q2);
  if (!(totalR + totalQ > 0)) return null;
  const items = Array.from(r2, (x, j) => (x + (q2[j] as number) > 0 ? x / (x + (q2[j] as number)) : Number.NaN));
  if (items.some(Number.isNaN)) return null;
  return { overall: totalR / (totalR + totalQ), items };
}

export interface Bartlett {
  chisq: number;
  df: number;
  p: number;
}

/**
 * Bartlett's test that the correlation matrix R of k variables over n respondents is the identity,
 * as R `psych::cortest.bartlett(R, n)`: `chisq = -ln det(R) · (n - 1 - (2k + 5) / 6)`,
 * `df = k(k - 1)/2`, p from the upper chi-square tail. ln det R is taken from a Cholesky factor
 * (2 Σ ln L_ii), which keeps its digits when det R is tiny. Null when R is not positive definite,
 * k < 2 or the factor n - 1 - (2k + 5)/6 is not positive.
 *
 * @example bartlett([[1, 0.5], [0.5, 1]], 100) // { chisq: 28.0045..., df: 1, p: 1.2e-7 }
 */
export function bartlett(r: readonly (readonly number[])[], n: number): Bartlett | null {
  const k = r.length;
  const factor = n - 1 - (2 * k + 5) / 6;
  if (k < 2 || !(factor > 0)) return null;
  const logDet = logDeterminant(r);
  if (logDet === null) return null;
  const chisq = -logDet * factor;
  const df = (k * (k - 1)) / 2;
  return { chisq, df, p: chiSquareUpper(chisq, df) };
}

/** ln det of a symmetric positive definite matrix, or null when it is not one. */
function logDeterminant(m: readonly (readonly number[])[]): number | null {
  const cholesky = new CholeskyDecomposition(new Matrix(m as number[][]));
  if (!cholesky.isPositiveDefinite()) return null;
  const l = cholesky.lowerTriangularMatrix;
  let sum = 0;
  for (let i = 0; i < m.length; i++) sum += Math.log(l.get(i, i));
  return Number.isFinite(sum) ? 2 * sum : null;
}

const positiveDefinite = (m: readonly (readonly number[])[]): boolean => logDeterminant(m) !== null;
