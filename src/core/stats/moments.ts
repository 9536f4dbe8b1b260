import { tQuantile } from './t-distribution.js';

/** Running count, mean and sum of squared deviations from the mean (`m2`) of one variable. */
export interface Moments {
  n: number;
  mean: number;
  /** Sum of squared deviations from the mean: sum((x - mean)^2). */
  m2: number;
}

/** Summary of one variable as reported: sample sd (n - 1) and a t-based 95% confidence interval of the mean. */
export interface Distribution {
  mean: number | null;
  sd: number | null;
  n: number;
  ci95: [number, number] | null;
}

/**
 * A fresh accumulator with no observations.
 *
 * @example emptyMoments() // { n: 0, mean: 0, m2: 0 }
 */
export function emptyMoments(): Moments {
  return { n: 0, mean: 0, m2: 0 };
}

/**
 * Adds one observation in place (Welford's online update; stable for large offsets such as 1e9 + x).
 *
 * `n += 1; d = x - mean; mean += d / n; m2 += d * (x - mean)`. Allocates nothing.
 *
 * @example const m = emptyMoments(); addValue(m, 1); addValue(m, 3); // m = { n: 2, mean: 2, m2: 2 }
 */
export function addValue(m: Moments, x: number): void {
  m.n += 1;
  const d = x - m.mean;
  m.mean += d / m.n;
  m.m2 += d * (x - m.mean);
}

/**
 * Combines two accumulators into a new one, as if every observation had been added to one
 * (Chan, Golub & LeVeque's parallel formula).
 *
 * `n = na + nb; d = mean_b - mean_a; mean = mean_a + d * nb / n; m2 = m2_a + m2_b + d^2 * na * nb / n`.
 *
 * @example mergeMoments({ n: 2, mean: 2, m2: 2 }, { n: 1, mean: 5, m2: 0 }) // { n: 3, mean: 3, m2: 8 }
 */
export function mergeMoments(a: Moments, b: Moments): Moments {
  // An empty side is copied exactly rather than run through the formula, which could round.
  if (a.n === 0) return { n: b.n, mean: b.mean, m2: b.m2 };
  if (b.n === 0) return { n: a.n, mean: a.mean, m2: a.m2 };
  const n = a.n + b.n;
  const d = b.mean - a.mean;
  return {
    n,
    mean: a.mean + (d * b.n) / n,
    m2: a.m2 + b.m2 + (d * d * a.n * b.n) / n,
  };
}

/**
 * Mean, sample standard deviation and 95% confidence interval of the mean.
 *
 * `sd = sqrt(m2 / (n - 1))`; `ci95 = mean ± t(0.975, n - 1) * sd / sqrt(n)`.
 * `mean` is null when n = 0; `sd` and `ci95` are null when n < 2; sd = 0 gives `[mean, mean]`.
 *
 * @example summarise({ n: 3, mean: 2, m2: 2 }) // { mean: 2, sd: 1, n: 3, ci95: [-0.4841377, 4.4841377] }
 */
export function summarise(m: Moments): Distribution {
  if (m.n === 0) return { mean: null, sd: null, n: 0, ci95: null };
  if (m.n < 2) return { mean: m.mean, sd: null, n: m.n, ci95: null };
  // m2 cannot be negative in exact arithmetic; guard against a rounding residue below 0.
  const sd = Math.sqrt(Math.max(0, m.m2) / (m.n - 1));
  const half = sd === 0 ? 0 : (tQuantile(0.975, m.n - 1) * sd) / Math.sqrt(m.n);
  return { mean: m.mean, sd, n: m.n, ci95: [m.mean - half, m.mean + half] };
}
