import { describe, expect, it } from 'vitest';
import {
  PARALLEL_DRAWS,
  PARALLEL_SEED,
  parallelAnalysis,
  simulatedEigenvalues,
} from '../../../src/core/stats/parallel-analysis.js';
import { reference } from './validity-reference.js';

// Expected: psych 2.2.9 `fa.parallel(R, n.obs = n, fa = "pc", n.iter = 400)` (make-fixtures.R,
// `parallel`, `parallelBlocks`): its ncomp, and the mean, sd and 95th percentile of its 400 simulated
// eigenvalues of 22 uncorrelated normal columns over 300 rows.
const { parallel, parallelBlocks } = reference;

describe('parallel analysis', () => {
  it("draws eigenvalues whose means and 95th percentiles match psych's simulation within Monte Carlo error", () => {
    const draws = 2000;
    const ours = simulatedEigenvalues(22, parallel.n, draws, 7);
    for (let j = 0; j < 22; j++) {
      const sd = parallel.simSd[j] as number;
      const meanError = sd * Math.sqrt(1 / parallel.iterations + 1 / draws);
      expect(Math.abs((ours.mean[j] as number) - (parallel.simMean[j] as number))).toBeLessThan(4 * meanError);
      // A normal 95th percentile's standard error is √(.95 · .05) / φ(1.645) · sd / √m ≈ 2.11 sd / √m.
      const quantileError = 2.11 * sd * Math.sqrt(1 / parallel.iterations + 1 / draws);
      expect(Math.abs((ours.quantile95[j] as number) - (parallel.simQuantile95[j] as number))).toBeLessThan(
        4 * quantileError,
      );
    }
  });

  it('retains as many components as psych on samples with clear structure', () => {
    expect(parallelAnalysis(parallel.eigenvalues, parallel.n)).toBe(parallel.ncomp);
    expect(parallelAnalysis(parallelBlocks.eigenvalues, parallelBlocks.n)).toBe(parallelBlocks.ncomp);
  });

  it('is deterministic and cheap for a million respondents', () => {
    const started = performance.now();
    const first = parallelAnalysis(parallel.eigenvalues, 1_000_000);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(parallelAnalysis(parallel.eigenvalues, 1_000_000)).toBe(first);
    const a = simulatedEigenvalues(5, 1_000_000, 10, PARALLEL_SEED);
    const b = simulatedEigenvalues(5, 1_000_000, 10, PARALLEL_SEED);
    expect(a).toEqual(b);
    // With a million rows a random correlation matrix is I to within ~1/√n: eigenvalues near 1.
    for (const v of a.mean) expect(Math.abs(v - 1)).toBeLessThan(0.01);
    expect(PARALLEL_DRAWS).toBeGreaterThanOrEqual(20);
  });

  it('draws correctly when there are fewer respondents than items', () => {
    // n - 1 < p: the rows are drawn directly; a correlation matrix of rank n - 1 has p - n + 1 zero eigenvalues.
    const few = simulatedEigenvalues(8, 4, 20, 1);
    expect(few.mean.slice(3).every((v) => Math.abs(v) < 1e-9)).toBe(true);
    expect(few.mean.reduce((s, v) => s + v, 0)).toBeCloseTo(8, 9);
  });

  it('retains nothing without data to compare', () => {
    expect(parallelAnalysis([1], 100)).toBe(0);
    expect(parallelAnalysis([1.5, 0.5], 2)).toBe(0);
    // Uncorrelated items: nothing stands out.
    expect(parallelAnalysis([1.05, 1.0, 0.98, 0.97], 500)).toBe(0);
  });
});
