import quantile from '@stdlib/stats-base-dists-t-quantile';
import cdf from '@stdlib/stats-base-dists-t-cdf';

/**
 * Quantile (inverse CDF) of Student's t distribution with `df` degrees of freedom.
 *
 * Returns the t with P(T <= t) = p; NaN when p is outside [0, 1] or df <= 0.
 *
 * @example tQuantile(0.975, 2) // 4.302652729749464  (= 0.95 / sqrt(2 * 0.975 * 0.025))
 */
export function tQuantile(p: number, df: number): number {
  return quantile(p, df);
}

/**
 * Two-sided p-value of a t statistic: `2 * (1 - F(|t|)) = 2 * F(-|t|)` with Student's t, `df` degrees of freedom.
 *
 * Computed from the lower tail so it keeps full relative accuracy for large |t|
 * (`1 - F(|t|)` would round to 0). Capped at 1; NaN when t is NaN or df <= 0.
 *
 * @example tTwoSidedP(-2, 10) // 0.0733880347707404
 */
export function tTwoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * cdf(-Math.abs(t), df));
}
