import { twoSidedTPower } from '../stats/noncentral-t.js';
import { tQuantile } from '../stats/t-distribution.js';

/** The z of the contract's KPI intervals (NPS and CSAT): 1.96, as SPEC writes it, not qnorm(0.975). */
const Z95 = 1.96;

/** A plan's sizes stop here: beyond it the search is pointless and the number is not a plan. */
const MAX_RESPONDENTS = 100_000_000;

/** The expected 95% half-width of a mean of n answers with sample sd `sd`: `t(0.975, n - 1) · sd / √n`. */
export function tHalfWidth(sd: number, n: number): number {
  return (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
}

/** The smallest n >= 1 with `decreasing(n) <= target` (a function that falls with n), from a first guess. */
function smallestBelow(decreasing: (n: number) => number, target: number, guess: number, least: number): number | null {
  let n = Math.max(least, Math.ceil(guess));
  if (n > MAX_RESPONDENTS) return null;
  while (decreasing(n) > target) {
    n += 1;
    if (n > MAX_RESPONDENTS) return null;
  }
  while (n > least && decreasing(n - 1) <= target) n -= 1;
  return n;
}

/**
 * Respondents for a 95% CI of the mean with half-width at most `margin`, when the answers have sample
 * sd `sd`: the smallest n >= 2 with `t(0.975, n - 1) · sd / √n <= margin` (as the contract's ci95),
 * searched upward from the normal approximation `(1.96 · sd / margin)²`, which t never undercuts.
 * Null when sd is 0 (nothing to plan from) or the answer passes MAX_RESPONDENTS.
 *
 * @example meanMarginSize(1, 0.1) // 387 (t(0.975, 386) / √387 = 0.09993)
 */
export function meanMarginSize(sd: number, margin: number): number | null {
  if (!(sd > 0)) return null;
  return smallestBelow((n) => tHalfWidth(sd, n), margin, ((Z95 * sd) / margin) ** 2, 2);
}

/**
 * The contract's NPS half-width: `1.96 · 100 · √((p₊ + p₋ − (p₊ − p₋)²) / n)`, shares as proportions.
 */
export function npsHalfWidth(promoters: number, detractors: number, n: number): number {
  const variance = Math.max(0, promoters + detractors - (promoters - detractors) ** 2);
  return Z95 * 100 * Math.sqrt(variance / n);
}

/** Respondents for an NPS interval of half-width at most `margin` points: the smallest n >= 2 with npsHalfWidth <= margin. */
export function npsMarginSize(promoters: number, detractors: number, margin: number): number | null {
  const variance = Math.max(0, promoters + detractors - (promoters - detractors) ** 2);
  if (!(variance > 0)) return null;
  return smallestBelow(
    (n) => npsHalfWidth(promoters, detractors, n),
    margin,
    ((Z95 * 100) / margin) ** 2 * variance,
    2,
  );
}

/**
 * Half the width of the Wilson score interval (z = 1.96) of a proportion p over n answers, in percent:
 * `100 · z √(p(1 − p)/n + z²/(4n²)) / (1 + z²/n)`; it falls with n for every p, 0 and 1 included.
 */
export function wilsonHalfWidth(p: number, n: number): number {
  const z2 = Z95 * Z95;
  return (100 * Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

/** Respondents for a CSAT Wilson interval of half-width at most `margin` percentage points. */
export function csatMarginSize(p: number, margin: number): number | null {
  const guess = ((Z95 * 100) / margin) ** 2 * Math.max(p * (1 - p), 0.25 / 100);
  return smallestBelow((n) => wilsonHalfWidth(p, n), margin, Math.min(guess, MAX_RESPONDENTS), 2);
}

/**
 * The power of the two-sided two-sample t-test (equal variances, n per wave) to detect a difference
 * `detect` between two waves whose answers have sd `sd`: the noncentral t with `2n − 2` df and
 * noncentrality `δ = detect / (sd · √(2/n))`.
 */
export function twoWavePower(sd: number, detect: number, n: number, alpha: number): number {
  const delta = detect / (sd * Math.sqrt(2 / n));
  return twoSidedTPower(2 * n - 2, delta, alpha);
}

/**
 * Respondents per wave (two independent waves of equal size) for the two-sided t-test at level
 * `alpha` to detect a change of `detect` with at least the given power, exactly from the noncentral t
 * (not only the normal approximation `2 (z₁₋α/₂ + z_power)² sd² / detect²`, the search's start).
 * Null when sd is 0 or the answer passes MAX_RESPONDENTS.
 *
 * @example detectSize(1, 0.5, 0.8, 0.05) // 64 (R: power.t.test(delta = 0.5, sd = 1, power = 0.8) gives n = 63.77)
 */
export function detectSize(sd: number, detect: number, power: number, alpha: number): number | null {
  if (!(sd > 0)) return null;
  // A large df stands in for the normal quantile in the first guess; the exact search corrects it.
  const z = tQuantile(1 - alpha / 2, 1e9) + tQuantile(power, 1e9);
  const guess = 2 * ((z * sd) / detect) ** 2;
  return smallestBelow((n) => -twoWavePower(sd, detect, n, alpha), -power, Math.min(guess, MAX_RESPONDENTS), 2);
}
