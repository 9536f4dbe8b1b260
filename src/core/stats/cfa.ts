import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { logDeterminant, Model, objective } from './cfa-model.js';
import { chiSquareUpper } from './chi-square.js';
import { symmetricMatrix } from './symmetric.js';
import { rmseaInterval } from './rmsea.js';

/** Fit of a confirmatory factor model, as lavaan's `fitMeasures` names them. */
export interface CfaFit {
  chisq: number;
  df: number;
  p: number;
  cfi: number;
  tli: number;
  rmsea: number;
  /** The 90% interval of RMSEA. */
  rmseaCi: [number, number];
  srmr: number;
  /**
   * The latent factors' correlations (m x m, 1 on the diagonal), standardised from the fitted
   * factor covariances, as `lavInspect(fit, "cor.lv")`: Fornell-Larcker compares them with √AVE.
   */
  factorCorrelations: number[][];
}

const MAX_ITERATIONS = 300;
// Proper solutions converge in 6 to 65 scoring steps (22 items: 12). A search still improper after
// this many is heading for a Heywood case or drifting along an unidentified direction (a factor's
// variance to 0 as its loadings grow), which can take hundreds of steps to end in null anyway.
const IMPROPER_AFTER = 60;
// Converged when the scoring step's predicted decrease of F (g' H⁻¹ g) is below this: F then holds
// ~14 digits, chisq = N F far more than the 1e-6 its consumers need.
const DECREMENT = 1e-15;
const MAX_HALVINGS = 40;

/**
 * Maximum-likelihood fit of a simple-structure CFA to the unbiased covariance matrix `covariance`
 * (divisor n - 1) of `n` respondents, item i loading on factor `factorOf[i]` only, as
 * `lavaan::cfa(model, sample.cov = S, sample.nobs = n)` by default: the first item of each factor is
 * its marker (loading 1), factor variances and covariances, residual variances free; S rescaled
 * by (n - 1) / n; `chisq = n F`, `F = log|Σ| + tr(S Σ⁻¹) - log|S| - p`.
 *
 * CFI, TLI against the independence model (`n (Σ log s_ii - log|S|)` on p(p-1)/2 df), RMSEA =
 * `√max((chisq - df) / (n df), 0)` with lavaan's 90% interval, and SRMR (Bentler: residuals over
 * √(s_ii s_jj), i <= j) as lavaan's `fitMeasures` gives them.
 *
 * Fitted by Fisher scoring (the expected Hessian `tr(Σ⁻¹ Σ_k Σ⁻¹ Σ_l)`, the analytic gradient
 * `tr((Σ⁻¹ - Σ⁻¹ S Σ⁻¹) Σ_k)`) with step halving, from start values of factor-wise principal
 * components. Null, rather than a misleading fit, when: n < 2 or the shape is wrong; a factor has
 * fewer than two items (not identified); df < 1; S is not positive definite (fewer respondents
 * than items, or an item that is a combination of others); the search does not converge; or the
 * solution is improper (a Heywood case: a residual variance <= 0 or a factor covariance matrix that
 * is not positive definite, which lavaan only warns about).
 *
 * @example fitCfa(cov, 300, [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4])
 */
export function fitCfa(covariance: number[][], n: number, factorOf: readonly number[]): CfaFit | null {
  const outcome = fitCfaOrWhyNot(covariance, n, factorOf);
  return 'unavailable' in outcome ? null : outcome;
}

/**
 * Why a CFA has no fit, for the reader (a report, a failing `check --min-cfi`):
 * - `too-few-respondents`: n < 2, or fewer respondents than needed for a positive definite S;
 * - `one-item-factor`: a factor with fewer than two items is not identified;
 * - `no-degrees-of-freedom`: as many parameters as moments (df < 1);
 * - `singular-covariance`: S is not positive definite (fewer respondents than items, or an item
 *   that is a combination of others);
 * - `no-convergence`: the search did not converge;
 * - `improper-solution`: a Heywood case (a residual variance <= 0, or factor covariances that are
 *   not positive definite: two dimensions the data cannot tell apart).
 */
export type CfaUnavailable =
  | 'too-few-respondents'
  | 'one-item-factor'
  | 'no-degrees-of-freedom'
  | 'singular-covariance'
  | 'no-convergence'
  | 'improper-solution';

/** `fitCfa`'s fit, or why there is none. */
export function fitCfaOrWhyNot(
  covariance: number[][],
  n: number,
  factorOf: readonly number[],
): CfaFit | { unavailable: CfaUnavailable } {
  const no = (unavailable: CfaUnavailable) => ({ unavailable });
  const p = covariance.length;
  if (!(n >= 2)) return no('too-few-respondents');
  if (factorOf.length !== p || p < 3) return no('one-item-factor');
  const m = Math.max(...factorOf) + 1;
  const counts = Array.from({ length: m }, (_, f) => factorOf.filter((g) => g === f).length);
  if (factorOf.some((f) => !Number.isInteger(f) || f < 0) || counts.some((c) => c < 2)) return no('one-item-factor');
  const model = new Model(factorOf, m);
  const df = (p * (p + 1)) / 2 - model.count;
  if (df < 1) return no('no-degrees-of-freedom');

  const symmetric = symmetricMatrix(covariance);
  if (!symmetric) return no('singular-covariance');
  const s = symmetric.mul((n - 1) / n);
  const sCholesky = new CholeskyDecomposition(s);
  if (!sCholesky.isPositiveDefinite()) return no(n <= p ? 'too-few-respondents' : 'singular-covariance');
  const logDetS = logDeterminant(sCholesky);

  const theta = model.start(s);
  if (!theta) return no('no-convergence');
  const fitted = minimise(model, s, theta);
  if ('failed' in fitted) return no(fitted.failed);
  if (!model.proper(fitted.theta)) return no('improper-solution');

  const fmin = fitted.value - logDetS - p;
  const chisq = n * Math.max(fmin, 0);
  const baseline = n * (diagonal(s).reduce((sum, v) => sum + Math.log(v), 0) - logDetS);
  const baselineDf = (p * (p - 1)) / 2;
  return {
    chisq,
    df,
    p: chiSquareUpper(chisq, df),
    cfi: comparativeFit(chisq, df, baseline, baselineDf),
    tli: tuckerLewis(chisq, df, baseline, baselineDf),
    rmsea: Math.sqrt(Math.max((chisq - df) / (n * df), 0)),
    rmseaCi: rmseaInterval(chisq, df, n),
    srmr: standardisedResidual(s, model.sigma(fitted.theta)),
    factorCorrelations: Array.from({ length: m }, (_, f) =>
      Array.from({ length: m }, (_, g) =>
        f === g
          ? 1
          : model.phi(fitted.theta, f, g) / Math.sqrt(model.phi(fitted.theta, f, f) * model.phi(fitted.theta, g, g)),
      ),
    ),
  };
}

/** lavaan's CFI: `1 - max(χ² - df, 0) / max(χ² - df, χ²_b - df_b, 0)`, 1 when both are 0. */
function comparativeFit(chisq: number, df: number, baseline: number, baselineDf: number): number {
  const t1 = Math.max(chisq - df, 0);
  const t2 = Math.max(chisq - df, baseline - baselineDf, 0);
  return t1 === 0 && t2 === 0 ? 1 : 1 - t1 / t2;
}

/** lavaan's TLI: `1 - (χ² - df) df_b / ((χ²_b - df_b) df)`, not truncated; 1 when the baseline fits exactly. */
function tuckerLewis(chisq: number, df: number, baseline: number, baselineDf: number): number {
  const t2 = (baseline - baselineDf) * df;
  return t2 === 0 ? 1 : 1 - ((chisq - df) * baselineDf) / t2;
}

function standardisedResidual(s: Matrix, sigma: Matrix): number {
  const p = s.rows;
  let sum = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      sum += (s.get(i, j) - sigma.get(i, j)) ** 2 / (s.get(i, i) * s.get(j, j));
    }
  }
  return Math.sqrt(sum / ((p * (p + 1)) / 2));
}

function diagonal(m: Matrix): number[] {
  return Array.from({ length: m.rows }, (_, i) => m.get(i, i));
}

/** Fisher scoring with step halving; why not when it does not converge or runs into an improper solution. */
function minimise(
  model: Model,
  s: Matrix,
  start: number[],
): { theta: number[]; value: number } | { failed: 'no-convergence' | 'improper-solution' } {
  const failed = (why: 'no-convergence' | 'improper-solution' = 'no-convergence') => ({ failed: why });
  let theta = start;
  let current = objective(s, model.sigma(theta));
  if (!current) return failed();
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const { gradient, information } = model.derivatives(theta, s, current.inverse);
    const cholesky = new CholeskyDecomposition(information);
    // A singular information matrix: the model is not identified at this point.
    if (!cholesky.isPositiveDefinite()) return failed(model.proper(theta) ? 'no-convergence' : 'improper-solution');
    const step = cholesky.solve(Matrix.columnVector(gradient)).getColumn(0);
    const decrement = step.reduce((sum, v, k) => sum + v * (gradient[k] as number), 0);
    if (decrement < DECREMENT) return { theta, value: current.value };
    if (iteration >= IMPROPER_AFTER && !model.proper(theta)) return failed('improper-solution');
    let scale = 1;
    let accepted = false;
    for (let halving = 0; halving < MAX_HALVINGS; halving++) {
      const trial = theta.map((t, k) => t - scale * (step[k] as number));
      const next = objective(s, model.sigma(trial));
      if (next && next.value <= current.value + 1e-12 * Math.abs(current.value)) {
        theta = trial;
        current = next;
        accepted = true;
        break;
      }
      scale /= 2;
    }
    // No step lowers F although the predicted decrease is not negligible: rounding at the optimum
    // if that decrease is tiny, else a search that has stalled.
    if (!accepted) return decrement < 1e-9 ? { theta, value: current.value } : failed();
  }
  return failed();
}
