import { tTwoSidedP } from '../stats/t-distribution.js';

/** A saved summary of one sample: its mean, sample standard deviation (n - 1) and size. */
export interface SampleSummary {
  mean: number | null;
  sd: number | null;
  n: number;
}

/** Welch's unequal-variances t-test of `b.mean - a.mean`. */
export interface WelchTest {
  t: number;
  df: number;
  p: number;
}

// An sd this small relative to its mean is the rounding residue of identical values, not spread.
function isZeroSd(sd: number, mean: number): boolean {
  return sd < 1e-12 * Math.max(1, Math.abs(mean));
}

/**
 * Welch's two-sample t-test from summary statistics (means, sample sds, ns), for `b - a`.
 *
 * `se² = sa²/na + sb²/nb`; `t = (mean_b - mean_a) / se`; Welch–Satterthwaite
 * `df = se⁴ / ((sa²/na)² / (na - 1) + (sb²/nb)² / (nb - 1))`; two-sided `p` from Student's t with
 * that (fractional) df. Null when either n < 2, a mean or sd is null, or both sds are 0 (an sd below
 * 1e-12 * max(1, |mean|) counts as 0). One sd of 0 is allowed: df is then the other sample's n - 1.
 *
 * @example welchTest({ mean: 2.5, sd: Math.sqrt(5 / 3), n: 4 }, { mean: 6, sd: Math.sqrt(10), n: 5 })
 *   // { t: 2.2514363, df: 5.5207877, p: 0.0691336 } (scipy: ttest_ind(b, a, equal_var=False))
 */
export function welchTest(a: SampleSummary, b: SampleSummary): WelchTest | null {
  if (a.n < 2 || b.n < 2) return null;
  if (a.mean === null || b.mean === null || a.sd === null || b.sd === null) return null;
  const sa = isZeroSd(a.sd, a.mean) ? 0 : a.sd;
  const sb = isZeroSd(b.sd, b.mean) ? 0 : b.sd;
  if (sa === 0 && sb === 0) return null;
  const va = (sa * sa) / a.n;
  const vb = (sb * sb) / b.n;
  const se2 = va + vb;
  const t = (b.mean - a.mean) / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { t, df, p: tTwoSidedP(t, df) };
}
