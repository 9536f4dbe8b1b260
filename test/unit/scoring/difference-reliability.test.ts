import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreFixture, scoreFixtureMerged, VALIDITY_DIR } from '../../helpers/validity-fixture.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { differenceReliability } from '../../../src/core/stats/difference-reliability.js';
import { loadQuestionnaire } from '../../../src/io/read-questionnaire.js';

// From `python3 test/fixtures/validity/difference-reliability.py` (numpy: alphas of the P items, the
// E items and the gaps over the dimension's complete respondents, r of the P and E sums, and
// r_DD = (σP² αP + σE² αE - 2 r σP σE) / (σP² + σE² - 2 r σP σE)); the last figure is alpha of the gaps.
const EXPECTED = {
  tangibles: {
    n: 197,
    reliability: 0.301126618931,
    alphaP: 0.669534131676,
    alphaE: 0.217163719539,
    rPE: 0.459651458547,
    gaps: 0.276056416402,
  },
  reliability: {
    n: 193,
    reliability: 0.4975069195,
    alphaP: 0.791867368159,
    alphaE: 0.199064798337,
    rPE: 0.51428549991,
    gaps: 0.516640282137,
  },
  responsiveness: {
    n: 198,
    reliability: 0.413816858603,
    alphaP: 0.743153415822,
    alphaE: 0.158061790227,
    rPE: 0.466368868174,
    gaps: 0.386611649511,
  },
  assurance: {
    n: 196,
    reliability: 0.361332447085,
    alphaP: 0.715508593821,
    alphaE: 0.267700353041,
    rPE: 0.498327686286,
    gaps: 0.312552620989,
  },
  empathy: {
    n: 198,
    reliability: 0.370722095957,
    alphaP: 0.780451920403,
    alphaE: 0.494541813797,
    rPE: 0.647944784106,
    gaps: 0.416590870736,
  },
} as const;

const close = (actual: number | null | undefined, wanted: number, tolerance = 1e-6) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - wanted)).toBeLessThanOrEqual(tolerance);
};

function expectFigures(result: Result): void {
  for (const d of result.dimensions) {
    const want = EXPECTED[d.id as keyof typeof EXPECTED];
    const got = d.differenceReliability;
    expect(got?.n).toBe(want.n);
    close(got?.reliability, want.reliability);
    close(got?.alphaP, want.alphaP);
    close(got?.alphaE, want.alphaE);
    close(got?.rPE, want.rPE);
    close(d.alpha, want.gaps);
  }
}

describe('difference-score reliability', () => {
  it('equals the classical formula on the fixture, in one pass and from three merged partials', async () => {
    const q = await loadQuestionnaire(join(VALIDITY_DIR, 'two-column.yaml'));
    const single = scoreFixture(q);
    expectFigures(single);
    const merged = scoreFixtureMerged(q);
    expectFigures(merged);
    for (const [i, d] of merged.dimensions.entries()) {
      const one = single.dimensions[i]?.differenceReliability;
      for (const key of ['reliability', 'alphaP', 'alphaE', 'rPE'] as const)
        expect(Math.abs((d.differenceReliability?.[key] ?? Number.NaN) - (one?.[key] ?? Number.NaN))).toBeLessThan(
          1e-12,
        );
    }
  });

  it('is null for perceptions-only: there is no gap to be reliable', async () => {
    const q = await loadQuestionnaire(join(VALIDITY_DIR, 'perceptions-only.yaml'));
    const result = scoreFixture(q);
    for (const d of result.dimensions) expect(d.differenceReliability).toBeNull();
  });

  it('follows the formula on given variances, and has no reliability for a one-item dimension (no alpha)', () => {
    // αP = αE = 4/3 (1 - 4/10) = 0.8; r_PE = 5 / 10 = 0.5; r_DD = (10·0.8 + 10·0.8 - 2·5) / (10 + 10 - 2·5) = 0.6.
    const figures = differenceReliability({
      n: 100,
      k: 4,
      itemVarianceP: 4,
      itemVarianceE: 4,
      varianceP: 10,
      varianceE: 10,
      covariance: 5,
    });
    close(figures.alphaP, 0.8, 1e-12);
    close(figures.reliability, 0.6, 1e-12);
    close(figures.rPE, 0.5, 1e-12);
    // One item: P = 1, 2, 3, 4; E = 2, 2, 4, 3: var 5/3 and 11/12, cov 5/6,
    // r = 0.674199862463 (python3 -c "import numpy as np; print(np.corrcoef([1,2,3,4],[2,2,4,3])[0,1])").
    const one = differenceReliability({
      n: 4,
      k: 1,
      itemVarianceP: 5 / 3,
      itemVarianceE: 11 / 12,
      varianceP: 5 / 3,
      varianceE: 11 / 12,
      covariance: 5 / 6,
    });
    expect(one).toMatchObject({ n: 4, reliability: null, alphaP: null, alphaE: null });
    close(one.rPE, 0.674199862463);
  });
});
