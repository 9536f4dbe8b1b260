import type { CoMoments } from './comoments.js';
import type { Moments } from './moments.js';

/**
 * Count, mean and m2 from power sums about a shift `c`: `sum = Σ(x - c)`, `squares = Σ(x - c)²`.
 *
 * `mean = c + sum / n`; `m2 = squares - sum² / n`, read as 0 when it is within the rounding noise
 * of `squares` (8 sqrt(n) ulps): a quantity that is 0.1 for everyone must have sd 0, not 2e-8.
 *
 * Why power sums rather than Welford's update: adding a value is two multiply-adds with no
 * division, merging shards is plain addition, and answers on a rating scale are integers, so
 * every sum is an exact integer (below 2^53) and one pass, any split and any merge order give the
 * same bits. The shift keeps the sums well conditioned: values on a bounded scale are shifted by
 * its midpoint, and gaps are already centred on 0.
 *
 * @example momentsOfSums(3, 0, 2, 2) // { n: 3, mean: 2, m2: 2 } (values 1, 2, 3 about c = 2)
 */
export function momentsOfSums(n: number, sum: number, squares: number, shift: number): Moments {
  if (n === 0) return { n: 0, mean: 0, m2: 0 };
  const m2 = squares - (sum * sum) / n;
  return { n, mean: shift + sum / n, m2: m2 <= 8 * Math.sqrt(n) * Number.EPSILON * squares ? 0 : m2 };
}

/**
 * Co-moments of k variables from their sums `Σx_i` and the packed upper triangle of cross
 * products `Σx_i x_j` (i <= j, row by row: k(k+1)/2 values), over n complete observations.
 *
 * `mean_i = sum_i / n`; `c_ij = product_ij - sum_i sum_j / n`.
 *
 * @example coMomentsOfProducts(2, Float64Array.of(4, 8), Float64Array.of(10, 20, 40), 2) // c = [2, 4, 4, 8]
 */
export function coMomentsOfProducts(n: number, sums: Float64Array, products: Float64Array, k: number): CoMoments {
  const mean = new Float64Array(k);
  const c = new Float64Array(k * k);
  if (n === 0) return { k, n, mean, c };
  for (let i = 0; i < k; i++) mean[i] = (sums[i] as number) / n;
  let p = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const value = (products[p++] as number) - ((sums[i] as number) * (sums[j] as number)) / n;
      c[i * k + j] = value;
      c[j * k + i] = value;
    }
  }
  return { k, n, mean, c };
}

/** Length of the packed upper triangle (diagonal included) of a k x k matrix. */
export const packedLength = (k: number): number => (k * (k + 1)) / 2;
