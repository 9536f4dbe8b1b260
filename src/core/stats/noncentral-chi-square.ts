import { chiSquareCdf, logGamma, regularisedGamma } from './chi-square.js';

// Poisson weights below this (relative to the sum) no longer change a probability in double precision.
const NEGLIGIBLE = 1e-17;

/**
 * The distribution function `P(X <= x)` of a noncentral chi-square with `df` degrees of freedom and
 * noncentrality `ncp`: the Poisson(ncp / 2) mixture `Σ_j w_j P(df / 2 + j, x / 2)` of central ones,
 * as R `pchisq(x, df, ncp)`.
 *
 * Summed outward from the Poisson mode, so a large ncp (a big sample's misfit) costs about
 * 40·√ncp terms; the incomplete gammas of neighbouring terms follow by the recurrence
 * `P(a + 1, y) = P(a, y) - y^a e^-y / Γ(a + 1)` instead of one evaluation each.
 *
 * @example noncentralChiSquareCdf(268.31, 199, 40) // 0.7355… (R: pchisq(268.31, 199, ncp = 40))
 */
export function noncentralChiSquareCdf(x: number, df: number, ncp: number): number {
  if (!(df > 0) || !(ncp >= 0))
    throw new RangeError(`noncentral chi-square needs df > 0 and ncp >= 0, got ${df}, ${ncp}`);
  if (!(x > 0)) return 0;
  if (ncp === 0) return chiSquareCdf(x, df);
  if (x === Number.POSITIVE_INFINITY) return 1;
  const mu = ncp / 2;
  const y = x / 2;
  const a = df / 2;
  const mode = Math.floor(mu);
  const modeWeight = Math.exp(-mu + mode * Math.log(mu) - logGamma(mode + 1));
  const modeP = regularisedGamma(a + mode, y).lower;
  // y^s e^-y / Γ(s + 1) at s = a + mode: the step between P(s, y) and P(s + 1, y).
  const modeTerm = Math.exp((a + mode) * Math.log(y) - y - logGamma(a + mode + 1));

  let total = modeWeight * modeP;
  let weight = modeWeight;
  let p = modeP;
  let term = modeTerm;
  for (let j = mode + 1; ; j++) {
    weight *= mu / j;
    p = Math.max(p - term, 0);
    term *= y / (a + j);
    total += weight * p;
    // NaN (a term beyond the range of a double) or a weight underflowed to 0 would never meet the
    // test above: stop rather than loop for ever (found scoring a 26-respondent three-column sample).
    if (weight < NEGLIGIBLE * total || (p === 0 && j > mode + 1) || !(weight > 0) || Number.isNaN(total)) break;
  }
  weight = modeWeight;
  p = modeP;
  term = modeTerm;
  for (let j = mode - 1; j >= 0; j--) {
    // Going down: the step from P(a + j + 1) to P(a + j) is y^(a+j) e^-y / Γ(a + j + 1).
    term *= (a + j + 1) / y;
    weight *= (j + 1) / mu;
    p = Math.min(p + term, 1);
    total += weight * p;
    if (weight < NEGLIGIBLE * total || !(weight > 0) || Number.isNaN(total)) break;
  }
  return Math.min(total, 1);
}
