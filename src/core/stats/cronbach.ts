import type { CoMoments } from './comoments.js';
import { covarianceMatrix } from './comoments.js';

/** Internal consistency of k items: Cronbach's alpha, alpha if each item is deleted, corrected item-total r. */
export interface Reliability {
  alpha: number | null;
  alphaIfDeleted: (number | null)[];
  itemTotal: (number | null)[];
}

// Variances below this count as zero (rounding residue of constant columns).
const ZERO_VARIANCE = 1e-12;

/** Cronbach's alpha from covariance matrix `s` of k items, leaving out item `skip` (-1 for none); null when undefined. */
function alphaOf(s: Float64Array, k: number, skip: number): number | null {
  const items = skip < 0 ? k : k - 1;
  if (items < 2) return null;
  let trace = 0;
  let total = 0;
  for (let i = 0; i < k; i++) {
    if (i === skip) continue;
    trace += s[i * k + i] as number;
    for (let j = 0; j < k; j++) {
      if (j !== skip) total += s[i * k + j] as number;
    }
  }
  if (Math.abs(total) < ZERO_VARIANCE) return null;
  return (items / (items - 1)) * (1 - trace / total);
}

/**
 * Cronbach's alpha, alpha-if-item-deleted and corrected item-total correlations, all from the sample
 * covariance matrix S of k items over complete respondents (so merged accumulators work).
 *
 * `alpha = k / (k - 1) * (1 - sum_i S_ii / sum_ij S_ij)`; null when k < 2, n < 2 or var(sum) = 0.
 * `alphaIfDeleted[i]`: the same over the other k - 1 items; null when k - 1 < 2 or their var(sum) = 0.
 * `itemTotal[i] = cov(x_i, S_-i) / sqrt(var_i * var(S_-i))` (Pearson r of item i with the sum of the
 * others); null when either variance is 0. Variances below 1e-12 count as 0.
 * When k < 2 or n < 2 every entry is null; both arrays always have length k.
 *
 * @example reliability(cm) // items (1,2,3), (2,3,3), (3,4,5) over 3 respondents: alpha 18/19,
 *   alphaIfDeleted [6/7, 1, 6/7], itemTotal [0.9819805, 0.8660254, 0.9819805]
 */
export function reliability(cm: CoMoments): Reliability {
  const k = cm.k;
  const nulls = (): (number | null)[] => Array.from({ length: k }, () => null);
  if (k < 2 || cm.n < 2) return { alpha: null, alphaIfDeleted: nulls(), itemTotal: nulls() };
  const s = covarianceMatrix(cm);
  const alphaIfDeleted: (number | null)[] = [];
  const itemTotal: (number | null)[] = [];
  for (let i = 0; i < k; i++) {
    alphaIfDeleted.push(alphaOf(s, k, i));
    const varI = s[i * k + i] as number;
    let covRest = 0;
    let varRest = 0;
    for (let j = 0; j < k; j++) {
      if (j === i) continue;
      covRest += s[i * k + j] as number;
      for (let l = 0; l < k; l++) {
        if (l !== i) varRest += s[j * k + l] as number;
      }
    }
    if (varI < ZERO_VARIANCE || varRest < ZERO_VARIANCE) {
      itemTotal.push(null);
    } else {
      // Rounding can push |r| a hair past 1 for perfectly correlated items.
      itemTotal.push(Math.max(-1, Math.min(1, covRest / Math.sqrt(varI * varRest))));
    }
  }
  return { alpha: alphaOf(s, k, -1), alphaIfDeleted, itemTotal };
}
