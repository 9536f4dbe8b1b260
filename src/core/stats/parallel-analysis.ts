import { type Random, seededRandom } from './random.js';
import { symmetricEigenvalues } from './symmetric-eigenvalues.js';

/** Random correlation matrices drawn per parallel analysis: psych draws 20; more steadies the 95th percentile. */
export const PARALLEL_DRAWS = 200;
/** The fixed seed, so the same eigenvalues and n always retain the same number of factors. */
export const PARALLEL_SEED = 20261203;

/**
 * The number of components Horn's parallel analysis retains, as `psych::fa.parallel(R, n.obs = n)`
 * reports it in `ncomp` (psych 2.2.9): the leading eigenvalues of the observed correlation matrix
 * that exceed, one after the other, the 95th percentile (R's quantile type 7) of the same-rank
 * eigenvalues of correlation matrices of n uncorrelated normal rows. Counted on the principal
 * components (psych's `ncomp`, not `nfact`), because `eigenvalues` are those of the correlation
 * matrix itself; psych's `nfact` compares eigenvalues of a fitted factor solution instead.
 *
 * Deterministic: PARALLEL_DRAWS draws from a generator seeded with PARALLEL_SEED. 0 when fewer than
 * two items or three respondents (no correlation to compare).
 *
 * @example parallelAnalysis([7.1, 1.65, 1.54, 1.25, 1.14, ...], 300) // 3
 */
export function parallelAnalysis(eigenvalues: readonly number[], n: number): number {
  const p = eigenvalues.length;
  if (p < 2 || !(n >= 3)) return 0;
  const observed = [...eigenvalues].sort((a, b) => b - a);
  const { quantile95 } = simulatedEigenvalues(p, n, PARALLEL_DRAWS, PARALLEL_SEED);
  let retained = 0;
  while (retained < p && (observed[retained] as number) > (quantile95[retained] as number)) retained++;
  return retained;
}

/**
 * Mean and 95th percentile, rank by rank, of the eigenvalues (descending) of `draws` correlation
 * matrices of n rows of p independent standard normals.
 *
 * The rows are never generated: their centred cross-product matrix is Wishart(I, n - 1), drawn by
 * Bartlett's decomposition `A = L L'`, `L_jj² ~ χ²(n - j)` (j = 1…p), `L_jk ~ N(0, 1)` below the
 * diagonal: p(p + 1)/2 variates per draw whatever n is, the same distribution as the correlations
 * of n generated rows. With n - 1 < p (A singular) the n rows are generated directly.
 */
export function simulatedEigenvalues(
  p: number,
  n: number,
  draws: number,
  seed: number,
): { mean: number[]; quantile95: number[] } {
  const random = seededRandom(seed);
  const values: number[][] = Array.from({ length: p }, () => []);
  for (let d = 0; d < draws; d++) {
    const bartlett = n - 1 >= p;
    const lower = bartlett ? bartlettWishart(p, n - 1, random) : rowScatter(p, n, random);
    const eigen = correlationEigenvalues(lower, bartlett);
    for (let j = 0; j < p; j++) (values[j] as number[]).push(eigen[j] as number);
  }
  return {
    mean: values.map((v) => v.reduce((a, b) => a + b, 0) / draws),
    quantile95: values.map((v) => quantile(v, 0.95)),
  };
}

/** Bartlett's factor L of a Wishart(I, df) draw, as rows of its lower triangle (L_jk for k <= j). */
function bartlettWishart(p: number, df: number, random: Random): number[][] {
  return Array.from({ length: p }, (_, j) => {
    const row = new Array<number>(j + 1);
    for (let k = 0; k < j; k++) row[k] = random.normal();
    row[j] = Math.sqrt(random.chiSquare(df - j));
    return row;
  });
}

/** Centred scatter of n generated rows of p normals, its lower triangle as rows (for n - 1 < p). */
function rowScatter(p: number, n: number, random: Random): number[][] {
  const rows = Array.from({ length: n }, () => Array.from({ length: p }, () => random.normal()));
  const means = Array.from({ length: p }, (_, j) => rows.reduce((sum, row) => sum + (row[j] as number), 0) / n);
  return Array.from({ length: p }, (_, j) =>
    Array.from({ length: j + 1 }, (_, k) =>
      rows.reduce(
        (sum, row) => sum + ((row[j] as number) - (means[j] as number)) * ((row[k] as number) - (means[k] as number)),
        0,
      ),
    ),
  );
}

/** Descending eigenvalues of the correlation matrix of scatter `A` (given directly, or as `L L'`). */
function correlationEigenvalues(lower: number[][], factor: boolean): number[] {
  const p = lower.length;
  // Only the lower triangle: symmetricEigenvalues reads no more.
  const a = Array.from({ length: p }, (_, j) => new Float64Array(j + 1));
  for (let j = 0; j < p; j++) {
    const lj = lower[j] as number[];
    const aj = a[j] as Float64Array;
    for (let k = 0; k <= j; k++) {
      if (factor) {
        // (L L')_jk = Σ_{m <= k} L_jm L_km for k <= j
        const lk = lower[k] as number[];
        let v = 0;
        for (let m = 0; m <= k; m++) v += (lj[m] as number) * (lk[m] as number);
        aj[k] = v;
      } else {
        aj[k] = lj[k] as number;
      }
    }
  }
  const scale = a.map((row, j) => 1 / Math.sqrt(row[j] as number));
  for (let j = 0; j < p; j++) {
    const aj = a[j] as Float64Array;
    for (let k = 0; k <= j; k++) aj[k] = (aj[k] as number) * (scale[j] as number) * (scale[k] as number);
  }
  return symmetricEigenvalues(a);
}

/** R's default quantile (type 7): linear between the order statistics at (m - 1) q. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}
