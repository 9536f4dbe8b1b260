import { EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import { symmetricMatrix } from './symmetric.js';

/** Key-driver figures of k predictors for one outcome. */
export interface RelativeWeights {
  /** R² of the outcome's regression on all predictors; the weights sum to it. */
  r2: number;
  /** Zero-order correlation of each predictor with the outcome. */
  r: number[];
  /** Standardised regression coefficients. */
  beta: number[];
  /** Johnson's relative weight: each predictor's share of r2, in r2's units. */
  weight: number[];
}

// Eigenvalues of the predictors' correlation matrix below this (relative to k) make it singular:
// the betas would be arbitrary and the weights meaningless.
const SINGULAR = 1e-10;

/**
 * Johnson's (2000) relative weights of the predictors (every row but the last of `correlation`) for
 * the outcome (the last row and column), with the standardised betas and zero-order r.
 *
 * With `Rxx = V D V'` and `Λ = V D^½ V'` (the orthonormal approximation's loadings, symmetric),
 * `β* = Λ⁻¹ r_xy` and `weight_j = Σ_k Λ_jk² β*_k²`; `β = Rxx⁻¹ r_xy` and `r2 = r_xy' β`. In R:
 * `e <- eigen(Rxx); L <- e$vectors %*% diag(sqrt(e$values)) %*% t(e$vectors);
 *  weight <- (L^2) %*% solve(L, rxy)^2`.
 *
 * Null with no predictor, a matrix that is not square and symmetric, or predictors whose correlation
 * matrix is singular (a predictor that is a combination of the others).
 *
 * @example relativeWeights([[1, 0.5, 0.4], [0.5, 1, 0.3], [0.4, 0.3, 1]]) // { r2: 0.1733..., ... }
 */
export function relativeWeights(correlation: number[][]): RelativeWeights | null {
  const k = correlation.length - 1;
  const full = k < 1 ? null : symmetricMatrix(correlation);
  if (!full) return null;
  const rxx = full.subMatrix(0, k - 1, 0, k - 1);
  const rxy = full.getColumn(k).slice(0, k);
  const eigen = new EigenvalueDecomposition(rxx, { assumeSymmetric: true });
  const values = eigen.realEigenvalues;
  if (Math.min(...values) <= SINGULAR * k) return null;
  const vectors = eigen.eigenvectorMatrix;
  const lambda = vectors.mmul(Matrix.diag(values.map(Math.sqrt))).mmul(vectors.transpose());
  const target = Matrix.columnVector(rxy);
  const betaStar = solve(lambda, target).getColumn(0);
  const beta = solve(rxx, target).getColumn(0);
  const weight = rxy.map((_, j) => betaStar.reduce((sum, b, c) => sum + lambda.get(j, c) ** 2 * b * b, 0));
  const r2 = rxy.reduce((sum, r, j) => sum + r * (beta[j] as number), 0);
  return { r2, r: rxy, beta, weight };
}
