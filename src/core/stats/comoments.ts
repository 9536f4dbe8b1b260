/**
 * Running count, means and co-moments of k variables observed together.
 * `c[i * k + j]` is the sum over observations of (x_i - mean_i)(x_j - mean_j) (row-major, symmetric).
 */
export interface CoMoments {
  k: number;
  n: number;
  mean: Float64Array;
  c: Float64Array;
}

/**
 * A fresh accumulator for k variables with no observations.
 *
 * @example emptyCoMoments(2) // { k: 2, n: 0, mean: [0, 0], c: [0, 0, 0, 0] }
 */
export function emptyCoMoments(k: number): CoMoments {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  return { k, n: 0, mean: new Float64Array(k), c: new Float64Array(k * k) };
}

/**
 * Adds one complete observation (length k) in place: the multivariate Welford update.
 *
 * With `d = x - mean` taken before the update: `c_ij += d_i * d_j * (n - 1) / n`, then
 * `mean_i += d_i / n` (n counted after the update). Allocates nothing.
 *
 * @example const cm = emptyCoMoments(2); addVector(cm, [1, 2]); addVector(cm, [3, 6]); // c = [2, 4, 4, 8]
 */
export function addVector(cm: CoMoments, x: ArrayLike<number>): void {
  const k = cm.k;
  if (x.length !== k) throw new RangeError(`expected ${k} values, got ${x.length}`);
  const n = cm.n + 1;
  const f = (n - 1) / n;
  const mean = cm.mean;
  const c = cm.c;
  // The co-moments use the old means, so they are updated before the means.
  for (let i = 0; i < k; i++) {
    const di = (x[i] as number) - (mean[i] as number);
    const fi = f * di;
    for (let j = i; j < k; j++) {
      const v = fi * ((x[j] as number) - (mean[j] as number));
      c[i * k + j] = (c[i * k + j] as number) + v;
      if (j !== i) c[j * k + i] = (c[j * k + i] as number) + v;
    }
  }
  for (let i = 0; i < k; i++) {
    mean[i] = (mean[i] as number) + ((x[i] as number) - (mean[i] as number)) / n;
  }
  cm.n = n;
}

/**
 * Combines two accumulators of the same k into a new one (Chan et al.'s parallel formula).
 *
 * `n = na + nb; d = mean_b - mean_a; mean = mean_a + d * nb / n; c_ij = ca_ij + cb_ij + d_i * d_j * na * nb / n`.
 *
 * @example mergeCoMoments(a, b) // same n, mean and c as adding every vector of a and b to one accumulator
 */
export function mergeCoMoments(a: CoMoments, b: CoMoments): CoMoments {
  if (a.k !== b.k) throw new RangeError(`cannot merge co-moments of ${a.k} and ${b.k} variables`);
  const k = a.k;
  // An empty side is copied exactly rather than run through the formula, which could round.
  if (a.n === 0 || b.n === 0) {
    const src = a.n === 0 ? b : a;
    return { k, n: src.n, mean: Float64Array.from(src.mean), c: Float64Array.from(src.c) };
  }
  const n = a.n + b.n;
  const w = (a.n * b.n) / n;
  const mean = new Float64Array(k);
  const c = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const di = (b.mean[i] as number) - (a.mean[i] as number);
    mean[i] = (a.mean[i] as number) + (di * b.n) / n;
    for (let j = 0; j < k; j++) {
      const dj = (b.mean[j] as number) - (a.mean[j] as number);
      c[i * k + j] = (a.c[i * k + j] as number) + (b.c[i * k + j] as number) + di * dj * w;
    }
  }
  return { k, n, mean, c };
}

/**
 * Sample covariance matrix (k x k, row-major): `c / (n - 1)`.
 *
 * Needs n >= 2: the caller checks `cm.n >= 2` first; with fewer observations this throws a RangeError.
 *
 * @example covarianceMatrix(cm) // for observations [1, 2] and [3, 6]: [2, 4, 4, 8]
 */
export function covarianceMatrix(cm: CoMoments): Float64Array {
  if (cm.n < 2) throw new RangeError(`a sample covariance needs at least 2 observations, got ${cm.n}`);
  const out = new Float64Array(cm.c.length);
  const d = cm.n - 1;
  for (let i = 0; i < out.length; i++) out[i] = (cm.c[i] as number) / d;
  return out;
}
