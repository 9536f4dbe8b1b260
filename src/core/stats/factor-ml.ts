import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { symmetricMatrix } from './symmetric.js';

/** A one-factor solution on the correlation metric. */
export interface OneFactor {
  /** λ_i, signed so that their sum is positive. */
  loadings: number[];
  /** 1 - λ_i², as psych reports them (the fitted ψ_i except at a bound). */
  uniquenesses: number[];
}

// psych::fa(fm = "ml") searches uniquenesses in [0.005, max(smc, 1)] (factanal the same from 0.005):
// the lower bound is what a Heywood case ends at, so it must be the same here to give psych's loadings.
const LOWER = 0.005;
const UPPER = 1;
const MAX_ITERATIONS = 200;
// Converged when no free uniqueness can move the discrepancy more than this per unit (gradient).
const GRADIENT_TOLERANCE = 1e-11;
const STEP = 1e-7;

/**
 * One-factor maximum-likelihood factor analysis of a correlation matrix, as
 * `psych::fa(R, nfactors = 1, fm = "ml")` (and `factanal`): the uniquenesses ψ minimise
 * `F(ψ) = Σ_{j ≥ 2} (e_j - log e_j) - (k - 1)`, e the eigenvalues of `Ψ^-½ R Ψ^-½`, within
 * [0.005, 1]; the loadings are `λ = Ψ^½ v₁ √max(e₁ - 1, 0)`. psych's L-BFGS-B is replaced by a
 * projected Newton search (Hessian by differences of the analytic gradient `(λλ' + Ψ - R)_ii / ψ_i²`),
 * which ends at the same optimum with a gradient below 1e-11.
 *
 * k = 2 is not identified (any λ₁λ₂ = r fits): psych starts from equal uniquenesses and its search
 * keeps them equal by symmetry, ending at ψ = 1 - |r| and λ = ±√|r|; that solution is returned (so
 * omega equals standardized alpha). Null when k < 2, the matrix is not a symmetric positive-definite
 * correlation matrix, or the search does not converge.
 *
 * @example oneFactorMl([[1, .56, .48], [.56, 1, .42], [.48, .42, 1]]) // loadings [.8, .7, .6], uniquenesses [.36, .51, .64]
 */
export function oneFactorMl(correlation: number[][]): OneFactor | null {
  const k = correlation.length;
  const r = k < 2 ? null : symmetricMatrix(correlation);
  if (!r || r.to1DArray().some((v) => Math.abs(v) > 1 + 1e-12)) return null;
  if (!new CholeskyDecomposition(r).isPositiveDefinite()) return null;
  if (k === 2) {
    const rho = Math.abs(r.get(0, 1));
    return finish(r, [clamp(1 - rho), clamp(1 - rho)]);
  }
  const inverse = solveSpd(r);
  // psych's start: 1 - smc = 1 / diag(R⁻¹).
  let psi = Array.from({ length: k }, (_, i) => clamp(1 / inverse.get(i, i)));
  let value = discrepancy(r, psi);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const gradient = gradientOf(r, psi);
    const free = psi
      .map((_, i) => i)
      .filter((i) => {
        const g = gradient[i] as number;
        const p = psi[i] as number;
        return !((p <= LOWER && g > 0) || (p >= UPPER && g < 0));
      });
    if (free.every((i) => Math.abs(gradient[i] as number) < GRADIENT_TOLERANCE)) return finish(r, psi);
    const direction = newtonDirection(r, psi, gradient, free);
    const accepted = lineSearch(r, psi, value, gradient, direction);
    const moved = accepted?.psi.some((t, i) => t !== psi[i]) ?? false;
    if (accepted) {
      psi = accepted.psi;
      value = accepted.value;
    }
    // No step lowers F any more: the optimum up to rounding; accept it only if the gradient agrees.
    if (!moved) {
      const g = gradientOf(r, psi);
      return free.every((i) => Math.abs(g[i] as number) < 1e-6) ? finish(r, psi) : null;
    }
  }
  return null;
}

/**
 * McDonald's omega (here equal to composite reliability) and the average variance extracted of a
 * one-factor solution: `omega = (Σλ)² / ((Σλ)² + Σψ)`, `ave = mean(λ²)`.
 *
 * @example factorReliability([0.8, 0.7], [0.36, 0.51]) // { omega: 0.7218…, ave: 0.565 }
 */
export function factorReliability(
  loadings: readonly number[],
  uniquenesses: readonly number[],
): { omega: number; ave: number } {
  const sum = loadings.reduce((a, b) => a + b, 0);
  const residual = uniquenesses.reduce((a, b) => a + b, 0);
  const ave = loadings.reduce((a, b) => a + b * b, 0) / loadings.length;
  return { omega: (sum * sum) / (sum * sum + residual), ave };
}

function clamp(p: number): number {
  return Math.min(UPPER, Math.max(LOWER, p));
}

function solveSpd(m: Matrix): Matrix {
  return new CholeskyDecomposition(m).solve(Matrix.eye(m.rows));
}

/** The largest eigenvalue and its vector of Ψ^-½ R Ψ^-½, and the sum over the others of e - log e. */
function scaledEigen(r: Matrix, psi: readonly number[]): { first: number; vector: number[]; rest: number } {
  const k = psi.length;
  const scale = psi.map((p) => 1 / Math.sqrt(p));
  const scaled = new Matrix(k, k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) scaled.set(i, j, r.get(i, j) * (scale[i] as number) * (scale[j] as number));
  }
  const eigen = new EigenvalueDecomposition(scaled, { assumeSymmetric: true });
  const values = eigen.realEigenvalues;
  let top = 0;
  for (let j = 1; j < k; j++) if ((values[j] as number) > (values[top] as number)) top = j;
  let rest = 0;
  for (let j = 0; j < k; j++) if (j !== top) rest += (values[j] as number) - Math.log(values[j] as number);
  return { first: values[top] as number, vector: eigen.eigenvectorMatrix.getColumn(top), rest };
}

function discrepancy(r: Matrix, psi: readonly number[]): number {
  return scaledEigen(r, psi).rest - (psi.length - 1);
}

function loadingsOf(r: Matrix, psi: readonly number[]): number[] {
  const { first, vector } = scaledEigen(r, psi);
  const size = Math.sqrt(Math.max(first - 1, 0));
  return vector.map((v, i) => Math.sqrt(psi[i] as number) * v * size);
}

function gradientOf(r: Matrix, psi: readonly number[]): number[] {
  const loadings = loadingsOf(r, psi);
  return psi.map((p, i) => ((loadings[i] as number) ** 2 + p - r.get(i, i)) / (p * p));
}

/**
 * Armijo backtracking along the projected Newton direction (clamped to the bounds); when the full
 * step is accepted, doubling it while F keeps falling. The optimum of a Heywood case lies on the
 * bound, toward which Newton creeps by a few percent a step; the doubled, clamped step lands there.
 */
function lineSearch(
  r: Matrix,
  psi: readonly number[],
  value: number,
  gradient: readonly number[],
  direction: readonly number[],
): { psi: number[]; value: number } | null {
  const trialAt = (step: number): { psi: number[]; value: number; decrease: number } => {
    const trial = psi.map((p, i) => clamp(p + step * (direction[i] as number)));
    const decrease = trial.reduce((sum, t, i) => sum + (gradient[i] as number) * (t - (psi[i] as number)), 0);
    return { psi: trial, value: discrepancy(r, trial), decrease };
  };
  for (let halving = 0; halving < 60; halving++) {
    let accepted = trialAt(2 ** -halving);
    if (!(accepted.value <= value + 1e-4 * accepted.decrease)) continue;
    for (let doubling = 1; halving === 0 && doubling <= 30; doubling++) {
      const trial = trialAt(2 ** doubling);
      if (!(trial.value < accepted.value)) break;
      accepted = trial;
    }
    return accepted;
  }
  return null;
}

/** Newton's step on the free uniquenesses (zero on the others); steepest descent if the Hessian is not positive definite. */
function newtonDirection(
  r: Matrix,
  psi: readonly number[],
  gradient: readonly number[],
  free: readonly number[],
): number[] {
  const m = free.length;
  const hessian = new Matrix(m, m);
  free.forEach((i, a) => {
    const up = psi.map((p, j) => (j === i ? p + STEP : p));
    const down = psi.map((p, j) => (j === i ? p - STEP : p));
    const gUp = gradientOf(r, up);
    const gDown = gradientOf(r, down);
    for (const [b, j] of free.entries()) hessian.set(a, b, ((gUp[j] as number) - (gDown[j] as number)) / (2 * STEP));
  });
  const symmetric = hessian.add(hessian.transpose()).div(2);
  const direction = psi.map(() => 0);
  const cholesky = new CholeskyDecomposition(symmetric);
  if (cholesky.isPositiveDefinite()) {
    const step = cholesky.solve(Matrix.columnVector(free.map((i) => -(gradient[i] as number)))).getColumn(0);
    free.forEach((i, a) => {
      direction[i] = step[a] as number;
    });
  } else {
    for (const i of free) direction[i] = -(gradient[i] as number) * (psi[i] as number) ** 2;
  }
  return direction;
}

function finish(r: Matrix, psi: readonly number[]): OneFactor {
  const loadings = loadingsOf(r, psi);
  const sign = loadings.reduce((a, b) => a + b, 0) < 0 ? -1 : 1;
  const signed = loadings.map((l) => sign * l + 0);
  return { loadings: signed, uniquenesses: signed.map((l) => 1 - l * l) };
}
