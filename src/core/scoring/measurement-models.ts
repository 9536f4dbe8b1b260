/**
 * The seam between the measurement-quality figures and the model fits (one-factor ML, CFA,
 * parallel analysis, relative weights): each is one call, so a fit that lands later (branch
 * wt-m16, issue 16) is wired here and nowhere else. Until then a fit that is not wired is null.
 */
import { Matrix, solve } from 'ml-matrix';
import type { CoMoments } from '../stats/comoments.js';
import type { CfaFit } from './result.js';

/** McDonald's omega and the AVE of a one-factor ML fit to a dimension's item correlations. */
export function factorReliabilityOf(_correlation: number[][]): { omega: number; ave: number } | null {
  return null;
}

/** The CFA with `factorOf[i]` the factor of item i, fitted by ML to the items' covariance matrix. */
export function fitCfaOf(_cm: CoMoments, _factorOf: readonly number[]): CfaFit | null {
  return null;
}

/** How many factors parallel analysis retains, from the eigenvalues of the item correlations over n respondents. */
export function parallelOf(_eigenvalues: readonly number[], _n: number): number | null {
  return null;
}

/**
 * The regression of the outcome (the last variable of the correlation matrix) on the others:
 * `r` (their correlations with it), standardised `beta = Rxx⁻¹ rxy`, `r2 = rxy · beta`, and
 * Johnson's relative weights (`weight`, summing to r2; null until they are wired). Null when Rxx
 * is singular.
 */
export function driverWeights(
  correlation: number[][],
): { r2: number; r: number[]; beta: number[]; weight: number[] | null } | null {
  const p = correlation.length - 1;
  if (p < 1) return null;
  const rxx = new Matrix(correlation.slice(0, p).map((row) => row.slice(0, p)));
  const r = correlation.slice(0, p).map((row) => row[p] as number);
  let beta: number[];
  try {
    beta = solve(rxx, Matrix.columnVector(r)).getColumn(0);
  } catch {
    return null;
  }
  if (!beta.every(Number.isFinite)) return null;
  const r2 = beta.reduce((sum, b, i) => sum + b * (r[i] as number), 0);
  return { r2, r, beta, weight: null };
}
