import { describe, expect, it } from 'vitest';
import { baselineProblems, regressionChecks } from '../../../src/core/check/regression.js';
import type { DimensionResult, ItemResult, Result } from '../../../src/core/scoring/result.js';

type Spec = [mean: number, sd: number, n: number];
const dist = ([mean, sd, n]: Spec) => ({ mean, sd, n, ci95: null });

function dimension(id: string, gap: Spec): DimensionResult {
  return {
    id,
    label: id,
    importance: 0.2,
    expectation: null,
    perception: null,
    minimum: null,
    desired: null,
    gap: dist(gap),
    msa: null,
    zone: null,
    alpha: null,
    quadrant: null,
  };
}

function item(id: string): ItemResult {
  return {
    id,
    dimension: 'reliability',
    expectation: null,
    perception: null,
    minimum: null,
    desired: null,
    gap: dist([0, 1, 10]),
    msa: null,
    zone: null,
    t: null,
    p: null,
    dz: null,
    pHolm: null,
    alphaIfDeleted: null,
    itemTotal: null,
  };
}

function result(weighted: Spec, reliability: Spec, items = ['R1', 'R2']): Result {
  return {
    schemaVersion: 1,
    questionnaire: { title: 'Audit', format: 'two-column', language: 'en', scale: { min: 1, max: 7 } },
    respondents: { total: 100, scored: 100, skippedCells: 0 },
    overall: { weighted: dist(weighted), unweighted: dist([-0.6, 0.8, 100]) },
    dimensions: [dimension('reliability', reliability)],
    items: items.map(item),
    segments: [],
    kpis: [],
    recommendations: [],
    warnings: [],
    checks: [],
  };
}

describe('regressionChecks', () => {
  it('fails a drop that is significant and beyond the tolerance, with the change, threshold and Welch p', () => {
    const checks = regressionChecks(result([-0.5, 1, 100], [-0.8, 1, 200]), result([-0.8, 1.1, 90], [-1.2, 1, 200]), {
      alpha: 0.05,
      tolerance: 0.1,
    });
    expect(checks.map((c) => c.target)).toEqual([
      'regression:overall:weighted',
      'regression:overall:unweighted',
      'regression:dimension:reliability',
    ]);
    const [weighted, unweighted, reliability] = checks;
    // scipy.stats.ttest_ind_from_stats(-0.8, 1.1, 90, -0.5, 1.0, 100, equal_var=False).pvalue == 0.051615512671673275
    expect(weighted).toMatchObject({ threshold: -0.1, passed: true });
    expect(weighted?.value).toBeCloseTo(-0.3, 12);
    expect(weighted?.p).toBeCloseTo(0.051615512671673275, 9);
    expect(unweighted).toMatchObject({ value: 0, passed: true });
    // scipy.stats.ttest_ind_from_stats(-1.2, 1.0, 200, -0.8, 1.0, 200, equal_var=False).pvalue == 7.552540365699805e-05
    expect(reliability?.p).toBeCloseTo(7.552540365699805e-5, 12);
    expect(reliability?.passed).toBe(false);
  });

  it('passes a significant drop within the tolerance', () => {
    const [, , reliability] = regressionChecks(
      result([-0.5, 1, 100], [-0.8, 1, 200]),
      result([-0.5, 1, 100], [-1.2, 1, 200]),
      { alpha: 0.05, tolerance: 0.5 },
    );
    expect(reliability).toMatchObject({ threshold: -0.5, passed: true });
  });
});

describe('baselineProblems', () => {
  it('refuses a baseline whose items differ, naming them both ways', () => {
    expect(baselineProblems(result([0, 1, 9], [0, 1, 9]), result([0, 1, 9], [0, 1, 9]))).toEqual([]);
    expect(
      baselineProblems(result([0, 1, 9], [0, 1, 9], ['R1', 'R2', 'R9']), result([0, 1, 9], [0, 1, 9], ['R1', 'T5'])),
    ).toEqual([
      { code: 'incomparable', message: 'the items differ: the baseline lacks T5; the current result lacks R2, R9' },
    ]);
  });
});
