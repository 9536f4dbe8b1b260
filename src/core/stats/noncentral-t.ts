import { logGamma, regularisedGamma } from './chi-square.js';
import { incompleteBeta } from './incomplete-beta.js';
import { tQuantile } from './t-distribution.js';

// Poisson weights below this (relative to the sum) no longer change a probability in double precision.
const NEGLIGIBLE = 1e-17;

/** `Φ(-δ)`, the standard normal's upper tail at δ, from `P(χ²₁ > δ²) = 2 Φ(-|δ|)`. */
function normalUpper(delta: number): number {
  const tail = 0.5 * regularisedGamma(0.5, (delta * delta) / 2).upper;
  return delta >= 0 ? tail : 1 - tail;
}

/**
 * `P(T <= t)` for t >= 0: Lenth's series (Applied Statistics AS 243, 1989), as R `pt(t, df, ncp)`:
 * `Φ(-δ) + ½ Σ_j [p_j I_x(j + ½, ν/2) + q_j I_x(j + 1, ν/2)]`, `x = t² / (t² + ν)`, with the
 * Poisson(δ²/2) weights `p_j` and their half-integer companions `q_j = δ e^(-δ²/2) (δ²/2)^j / (√2 Γ(j + 3/2))`.
 * Summed outward from the Poisson mode, so a large δ costs about 40·√(δ²/2) terms.
 */
function cdfAtNonNegative(t: number, df: number, delta: number): number {
  const x = (t * t) / (t * t + df);
  const y = df / (t * t + df);
  const mu = (delta * delta) / 2;
  const b = df / 2;
  const term = (j: number): number => {
    if (mu === 0) return j === 0 ? incompleteBeta(0.5, b, x, y).lower : 0;
    const p = Math.exp(-mu + j * Math.log(mu) - logGamma(j + 1));
    const q = Math.sign(delta) * Math.exp(-mu + j * Math.log(mu) - logGamma(j + 1.5)) * (Math.abs(delta) / Math.SQRT2);
    return p * incompleteBeta(j + 0.5, b, x, y).lower + q * incompleteBeta(j + 1, b, x, y).lower;
  };
  if (x === 0) return normalUpper(delta);
  const mode = Math.floor(mu);
  let sum = term(mode);
  // Upward, then downward from the mode; each side stops once its terms no longer count.
  for (let j = mode + 1; ; j++) {
    const next = term(j);
    sum += next;
    if (Math.abs(next) <= NEGLIGIBLE * Math.abs(sum) || j > mode + 1000) break;
  }
  for (let j = mode - 1; j >= 0; j--) {
    const next = term(j);
    sum += next;
    if (Math.abs(next) <= NEGLIGIBLE * Math.abs(sum)) break;
  }
  return Math.min(1, Math.max(0, normalUpper(delta) + sum / 2));
}

/**
 * The distribution function `P(T <= t)` of a noncentral t with `df` > 0 degrees of freedom and
 * noncentrality `delta` (any real), as scipy `stats.nct.cdf(t, df, delta)` and R `pt(t, df, delta)`.
 * Negative t through the reflection `F(t; ν, δ) = 1 - F(-t; ν, -δ)`.
 *
 * Accurate to about 1e-15 absolute (not relative: a far left tail is a difference of sums).
 *
 * @example noncentralTCdf(2, 10, 1) // 0.80761156253037... (scipy: stats.nct.cdf(2, 10, 1))
 */
export function noncentralTCdf(t: number, df: number, delta: number): number {
  if (!(df > 0) || !Number.isFinite(delta) || Number.isNaN(t))
    throw new RangeError(`noncentral t needs df > 0 and a finite noncentrality, got ${df}, ${delta}`);
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  return t >= 0 ? cdfAtNonNegative(t, df, delta) : 1 - cdfAtNonNegative(-t, df, -delta);
}

/**
 * The power of the two-sided t-test at level `alpha` when the statistic is noncentral t with `df`
 * degrees of freedom and noncentrality `delta`: `P(T > t_c) + P(T < -t_c)`, `t_c = t(1 - α/2, df)`.
 *
 * @example twoSidedTPower(18, 2.236, 0.05) // 0.5620... (scipy: 1 - nct.cdf(tc, 18, 2.236) + nct.cdf(-tc, 18, 2.236))
 */
export function twoSidedTPower(df: number, delta: number, alpha: number): number {
  const critical = tQuantile(1 - alpha / 2, df);
  return 1 - noncentralTCdf(critical, df, delta) + noncentralTCdf(-critical, df, delta);
}
