import { noncentralChiSquareCdf } from './noncentral-chi-square.js';

const LEVEL = 0.9;
const ITERATIONS = 200;

/**
 * The 90% confidence interval of RMSEA by lavaan's method (`lav_fit_rmsea_ci`): the noncentralities
 * λ at which `pchisq(chisq, df, ncp = λ)` is 0.95 (lower) and 0.05 (upper), each as `√(λ / (n df))`;
 * a bound is 0 where no such λ >= 0 exists (lavaan searches the upper one within max(n, 4 chisq)).
 * lavaan's uniroot stops at a tolerance of 1.2e-4 in λ; bisection here goes to full precision.
 *
 * @example rmseaInterval(268.31, 199, 300) // [0.02263, 0.04411] (lavaan 0.6.14)
 */
export function rmseaInterval(chisq: number, df: number, n: number): [number, number] {
  if (!(df >= 1) || !(n > 0) || !Number.isFinite(chisq)) return [0, 0];
  const cdf = (lambda: number): number => noncentralChiSquareCdf(chisq, df, lambda);
  const upperPercent = 1 - (1 - LEVEL) / 2;
  const lowerPercent = (1 - LEVEL) / 2;
  const toRmsea = (lambda: number): number => Math.sqrt(lambda / (n * df));
  const lower = cdf(0) < upperPercent ? 0 : toRmsea(root(cdf, upperPercent, chisq));
  const limit = Math.max(n, 4 * chisq);
  const upper = cdf(limit) > lowerPercent || cdf(0) < lowerPercent ? 0 : toRmsea(root(cdf, lowerPercent, limit));
  return [lower, upper];
}

/** λ in [0, high] with cdf(λ) = target, cdf falling in λ (bisection to the last bit). */
function root(cdf: (lambda: number) => number, target: number, high: number): number {
  let lo = 0;
  let hi = high;
  for (let i = 0; i < ITERATIONS && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
