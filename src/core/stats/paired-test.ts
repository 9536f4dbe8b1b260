import type { Moments } from './moments.js';
import { tTwoSidedP } from './t-distribution.js';

/** Result of a one-sample t-test of a mean of differences against 0. */
export interface PairedTest {
  t: number | null;
  p: number | null;
  dz: number | null;
}

/**
 * Paired t-test from the moments of the differences (e.g. P - E), i.e. a one-sample t-test against 0.
 *
 * `sd = sqrt(m2 / (n - 1))`; `t = mean / (sd / sqrt(n))`; `p` two-sided from Student's t with n - 1 df;
 * Cohen's `dz = mean / sd`. All null when n < 2 or sd = 0, where sd < 1e-12 * max(1, |mean|)
 * counts as 0 (the residue that rounding leaves from identical differences).
 *
 * @example pairedTest(m) // for differences [1, 2, 3, 4]: { t: 3.8729833, p: 0.0304663, dz: 1.9364917 }
 */
export function pairedTest(m: Moments): PairedTest {
  if (m.n < 2) return { t: null, p: null, dz: null };
  const sd = Math.sqrt(Math.max(0, m.m2) / (m.n - 1));
  if (sd < 1e-12 * Math.max(1, Math.abs(m.mean))) return { t: null, p: null, dz: null };
  const t = m.mean / (sd / Math.sqrt(m.n));
  return { t, p: tTwoSidedP(t, m.n - 1), dz: m.mean / sd };
}
