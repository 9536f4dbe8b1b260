import type { Moments } from './moments.js';
import { tTwoSidedP } from './t-distribution.js';

/** Result of a one-sample t-test of a mean (of differences, against 0; or of answers, against a reference value). */
export interface PairedTest {
  t: number | null;
  p: number | null;
  dz: number | null;
}

/**
 * Paired t-test from the moments of the differences (e.g. P - E), i.e. a one-sample t-test against
 * `reference` (0 for differences; the scale midpoint for perceptions-only answers).
 *
 * `sd = sqrt(m2 / (n - 1))`; `t = (mean - reference) / (sd / sqrt(n))`; `p` two-sided from Student's t
 * with n - 1 df; Cohen's `dz = (mean - reference) / sd`. All null when n < 2 or sd = 0, where
 * sd < 1e-12 * max(1, |mean|) counts as 0 (the residue that rounding leaves from identical values).
 *
 * @example pairedTest(m) // for differences [1, 2, 3, 4]: { t: 3.8729833, p: 0.0304663, dz: 1.9364917 }
 */
export function pairedTest(m: Moments, reference = 0): PairedTest {
  if (m.n < 2) return { t: null, p: null, dz: null };
  const sd = Math.sqrt(Math.max(0, m.m2) / (m.n - 1));
  if (sd < 1e-12 * Math.max(1, Math.abs(m.mean))) return { t: null, p: null, dz: null };
  const difference = m.mean - reference;
  const t = difference / (sd / Math.sqrt(m.n));
  return { t, p: tTwoSidedP(t, m.n - 1), dz: difference / sd };
}
