import type { CoMoments } from './comoments.js';
import { fQuantile } from './f-distribution.js';

/**
 * Standardized alpha of k items from their correlation matrix R, as `std.alpha` of R
 * `psych::alpha`: `k / (k - 1) · (1 - k / Σ_ij R_ij)` (the same as `k r̄ / (1 + (k - 1) r̄)` with r̄ the
 * mean correlation between different items). Null when k < 2 or R is missing.
 *
 * @example standardizedAlpha([[1, 0.5], [0.5, 1]]) // 2/3
 */
export function standardizedAlpha(r: readonly (readonly number[])[] | null): number | null {
  const k = r?.length ?? 0;
  if (r === null || k < 2) return null;
  let total = 0;
  for (const row of r) for (const x of row) total += x;
  return total > 0 ? (k / (k - 1)) * (1 - k / total) : null;
}

/**
 * Feldt's (1965) 95% interval for Cronbach's alpha of k items over n respondents, as R
 * `psych::alpha.ci(alpha, n, k)`: with F(p) the quantile of F(n - 1, (n - 1)(k - 1)),
 * `[1 - (1 - alpha) F(0.975), 1 - (1 - alpha) F(0.025)]` (Feldt, Woodruff & Salih 1987, eq. 2).
 * Null when alpha is null, k < 2 or n < 2.
 *
 * @example feldtInterval(0.8, 200, 4) // [0.7531..., 0.8418...] (R: psych::alpha.ci(0.8, 200, n.var = 4))
 */
export function feldtInterval(alpha: number | null, n: number, k: number): [number, number] | null {
  if (alpha === null || k < 2 || n < 2) return null;
  const d1 = n - 1;
  const d2 = (n - 1) * (k - 1);
  const high = fQuantile(0.975, d1, d2);
  const low = fQuantile(0.025, d1, d2);
  if (!Number.isFinite(high) || !Number.isFinite(low)) return null;
  return [1 - (1 - alpha) * high, 1 - (1 - alpha) * low];
}

// Variances below this count as zero (rounding residue of constant columns), as in cronbach.ts.
const ZERO_VARIANCE = 1e-12;

/**
 * The uncorrected item-total correlation of each item: Pearson r of the item with the sum of all
 * k items, itself included (`raw.r` of R `psych::alpha`): `Σ_j S_ij / sqrt(S_ii · Σ_jl S_jl)` from the
 * covariance matrix S. Null where either variance is 0, or every entry when n < 2.
 *
 * @example itemTotalRaw(cm) // for items (1,2,3), (2,3,3), (3,4,5): [0.9933, 0.9449, 0.9933]
 */
export function itemTotalRaw(cm: CoMoments): (number | null)[] {
  const k = cm.k;
  if (cm.n < 2) return Array.from({ length: k }, () => null);
  const scale = 1 / (cm.n - 1);
  let total = 0;
  for (let i = 0; i < k * k; i++) total += cm.c[i] as number;
  total *= scale;
  return Array.from({ length: k }, (_, i) => {
    const variance = (cm.c[i * k + i] as number) * scale;
    if (variance < ZERO_VARIANCE || total < ZERO_VARIANCE) return null;
    let covariance = 0;
    for (let j = 0; j < k; j++) covariance += cm.c[i * k + j] as number;
    return Math.max(-1, Math.min(1, (covariance * scale) / Math.sqrt(variance * total)));
  });
}
