import { describe, expect, it } from 'vitest';
import { type CfaFit, fitCfa, fitCfaOrWhyNot } from '../../../src/core/stats/cfa.js';
import { seededRandom } from '../../../src/core/stats/random.js';
import { expectClose, reference } from './validity-reference.js';

// Expected: lavaan 0.6.14 `cfa(model, sample.cov = S, sample.nobs = 300)` with its defaults, then
// `fitMeasures(fit, c("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "rmsea.ci.lower",
// "rmsea.ci.upper", "srmr"))` (make-fixtures.R, `fitOf`), on a 22-item SERVQUAL-shaped sample.
const { covariance, n, factorOf, factorOf3 } = reference.cfa;

function expectLavaan(fit: CfaFit | null, expected: typeof reference.cfa.five): void {
  expect(fit).not.toBeNull();
  if (!fit) return;
  expect(fit.df).toBe(expected.df);
  expectClose(fit.chisq / expected.chisq, 1, 1e-6, 'chisq (relative)');
  expectClose(fit.p, expected.pvalue, 1e-6, 'p');
  expectClose(fit.cfi, expected.cfi, 1e-4, 'cfi');
  expectClose(fit.tli, expected.tli, 1e-4, 'tli');
  expectClose(fit.rmsea, expected.rmsea, 1e-4, 'rmsea');
  expectClose(fit.rmseaCi[0], expected['rmsea.ci.lower'], 1e-4, 'rmsea lower');
  expectClose(fit.rmseaCi[1], expected['rmsea.ci.upper'], 1e-4, 'rmsea upper');
  expectClose(fit.srmr, expected.srmr, 1e-4, 'srmr');
}

describe('confirmatory factor analysis by maximum likelihood', () => {
  it('fits the five SERVQUAL dimensions as lavaan does', () => {
    expectLavaan(fitCfa(covariance, n, factorOf), reference.cfa.five);
  });

  it('gives the latent factor correlations of lavInspect(fit, "cor.lv") within 1e-6', () => {
    // make-fixtures.R `fitOf`: unname(lavInspect(fit, "cor.lv")) for the five- and three-factor models.
    for (const [factors, expected] of [
      [factorOf, reference.cfa.five.factorCorrelations],
      [factorOf3, reference.cfa.three.factorCorrelations],
    ] as const) {
      const fit = fitCfa(covariance, n, factors);
      if (!expected) throw new Error('expected.json lacks the factor correlations: rerun make-fixtures.R');
      expect(fit?.factorCorrelations.length).toBe(expected.length);
      fit?.factorCorrelations.forEach((row, f) => {
        row.forEach((r, g) => {
          expectClose(r, (expected[f] as number[])[g] as number, 1e-6, `cor.lv[${f}][${g}]`);
        });
      });
    }
  });

  it('fits the three-factor alternative as lavaan does', () => {
    expectLavaan(fitCfa(covariance, n, factorOf3), reference.cfa.three);
  });

  it.each(reference.cfa.small.map((c) => [c.n, c] as const))('fits a small sample (n = %s) as lavaan does', (_, c) => {
    expectLavaan(fitCfa(c.covariance, c.n, factorOf), c.fit);
  });

  it('converges on 22 items and five factors in well under 100 ms', () => {
    // The fastest of five runs after a warm-up: other processes on a shared machine only add time.
    fitCfa(covariance, n, factorOf);
    const times = Array.from({ length: 5 }, () => {
      const started = performance.now();
      fitCfa(covariance, n, factorOf);
      return performance.now() - started;
    });
    expect(Math.min(...times)).toBeLessThan(100);
  });

  it('does not depend on the order of the items', () => {
    const order = covariance.map((_, i) => i).reverse();
    const reordered = order.map((i) => order.map((j) => covariance[i]?.[j] as number));
    const fit = fitCfa(
      reordered,
      n,
      order.map((i) => factorOf[i] as number),
    );
    // The marker changes (each factor's first item), the model does not.
    expectClose((fit?.chisq ?? 0) / reference.cfa.five.chisq, 1, 1e-6, 'chisq');
  });

  it('is null for a singular matrix, too few respondents, single-item factors or no degrees of freedom', () => {
    const singular = covariance.map((row, i) => (i === 1 ? [...(covariance[0] as number[])] : [...row]));
    for (const row of singular) row[1] = row[0] as number;
    expect(fitCfa(singular, n, factorOf)).toBeNull();
    expect(fitCfa(covariance, 1, factorOf)).toBeNull();
    // Ten respondents, 22 items: their covariance matrix has rank 9.
    const random = seededRandom(3);
    const rows = Array.from({ length: 10 }, () => Array.from({ length: 22 }, () => random.normal()));
    const means = rows[0]?.map((_, j) => rows.reduce((s, r) => s + (r[j] as number), 0) / 10) ?? [];
    const tiny = means.map((mi, i) =>
      means.map((mj, j) => rows.reduce((s, r) => s + ((r[i] as number) - mi) * ((r[j] as number) - mj), 0) / 9),
    );
    expect(fitCfa(tiny, 10, factorOf)).toBeNull();
    expect(fitCfa(covariance, n, [...factorOf.slice(0, 21), 5])).toBeNull();
    const three = covariance.slice(0, 3).map((row) => row.slice(0, 3));
    expect(fitCfa(three, n, [0, 0, 0])).toBeNull();
    expect(fitCfa([[1]], n, [0])).toBeNull();
    expect(fitCfa(covariance, n, factorOf.slice(1))).toBeNull();
  });

  it('is null for a Heywood case instead of an improper fit', () => {
    // One factor whose implied loading exceeds the item's variance: r12 r13 / r23 = 1.2 > 1; lavaan
    // gives a negative residual variance and warns (make-fixtures.R, `heywoodFit`).
    const heywood = [
      [1, 0.8, 0.6, 0.5],
      [0.8, 1, 0.4, 0.35],
      [0.6, 0.4, 1, 0.3],
      [0.5, 0.35, 0.3, 1],
    ];
    expect(fitCfa(heywood, 200, [0, 0, 0, 0])).toBeNull();
  });
});

describe('a CFA without a fit says why', () => {
  // Two blocks of three items: r = 0.5 within a block, 0.56 across. A one-factor-per-block model
  // then needs a factor correlation of 0.56 / 0.5 = 1.12 (loadings √0.5 each): no proper solution
  // exists (lavaan fits it with the warning "covariance matrix of latent variables is not positive definite").
  const blocks = Array.from({ length: 6 }, (_, i) =>
    Array.from({ length: 6 }, (_, j) => (i === j ? 1 : i < 3 === j < 3 ? 0.5 : 0.56)),
  );

  it('names each reason', () => {
    expect(fitCfaOrWhyNot(blocks, 300, [0, 0, 0, 1, 1, 1])).toEqual({ unavailable: 'improper-solution' });
    expect(fitCfaOrWhyNot(blocks, 300, [0, 0, 0, 0, 0, 1])).toEqual({ unavailable: 'one-item-factor' });
    expect(fitCfaOrWhyNot(blocks, 1, [0, 0, 0, 1, 1, 1])).toEqual({ unavailable: 'too-few-respondents' });
    // Item 6 a copy of item 5: S is singular.
    const copy = blocks.map((row) => [...row.slice(0, 5), row[4] as number]);
    copy[5] = [...(copy[4] as number[])];
    expect(fitCfaOrWhyNot(copy, 300, [0, 0, 0, 1, 1, 1])).toEqual({ unavailable: 'singular-covariance' });
    // fitCfa keeps its contract: null whenever there is a reason.
    expect(fitCfa(blocks, 300, [0, 0, 0, 1, 1, 1])).toBeNull();
  });

  it('has a fit when the blocks are distinct', () => {
    const distinct = blocks.map((row, i) => row.map((v, j) => (i !== j && i < 3 !== j < 3 ? 0.2 : v)));
    const outcome = fitCfaOrWhyNot(distinct, 300, [0, 0, 0, 1, 1, 1]);
    expect('unavailable' in outcome).toBe(false);
  });
});
