import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { type Random, seededRandom } from './random.js';

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
    const scatter = n - 1 >= p ? bartlettWishart(p, n - 1, random) : rowScatter(p, n, random);
    const eigen = correlationEigenvalues(scatter);
    for (let j = 0; j < p; j++) (values[j] as number[]).push(eigen[j] as number);
  }
  return {
    mean: values.map((v) => v.reduce((a, b) => a + b, 0) / draws),
    quantile95: values.map((v) => quantile(v, 0.95)),
  };
}

function bartlettWishart(p: number, df: number, random: Random): Matrix {
  const l = new Matrix(p, p);
  for (let j = 0; j < p; j++) {
    l.set(j, j, Math.sqrt(random.chiSquare(df - j)));
    for (let k = 0; k < j; k++) l.set(j, k, random.normal());
  }
  return l.mmul(l.transpose());
}

function rowScatter(p: number, n: number, random: Random): Matrix {
  const rows = Matrix.from1DArray(
    n,
    p,
    Array.from({ length: n * p }, () => random.normal()),
  );
  const centred = rows.subRowVector(rows.mean('column'));
  return centred.transpose().mmul(centred);
}

function correlationEigenvalues(scatter: Matrix): number[] {
  const p = scatter.rows;
  const scale = Array.from({ length: p }, (_, j) => 1 / Math.sqrt(scatter.get(j, j)));
  const r = new Matrix(p, p);
  for (let j = 0; j < p; j++)
    for (let k = 0; k < p; k++) r.set(j, k, scatter.get(j, k) * (scale[j] as number) * (scale[k] as number));
  return new EigenvalueDecomposition(r, { assumeSymmetric: true }).realEigenvalues.sort((a, b) => b - a);
}

/** R's default quantile (type 7): linear between the order statistics at (m - 1) q. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}
