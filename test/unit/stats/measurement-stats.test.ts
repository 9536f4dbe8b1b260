/**
 * The small pure pieces of measurement quality (issue 16) at their edges; their figures on real
 * data are checked against R in test/unit/scoring/validity.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { feldtInterval, standardizedAlpha } from '../../../src/core/stats/alpha-extras.js';
import { correlationRows } from '../../../src/core/stats/correlation.js';
import { eigenvaluesDescending } from '../../../src/core/stats/eigenvalues.js';
import { fQuantile } from '../../../src/core/stats/f-distribution.js';
import { htmt } from '../../../src/core/stats/htmt.js';
import { bartlett, kmo } from '../../../src/core/stats/kmo.js';
import { emptyCoMoments } from '../../../src/core/stats/comoments.js';

describe('fQuantile', () => {
  // scipy 1.17.1: scipy.stats.f.ppf(p, d1, d2). R's qf(0.975, 999999, 2999997) gives 1.00277, whose
  // pf is 0.955: R loses digits at such df, scipy and this agree (pf of our value is 0.975 in R too).
  it.each([
    [0.975, 199, 597, 1.2471403830373582],
    [0.025, 199, 597, 0.7914077036674213],
    [0.975, 999999, 2999997, 1.0032044359799637],
    [0.025, 999999, 2999997, 0.9968032117185959],
    [0.025, 9, 18, 0.27016213936232103],
    [0.5, 3, 4, 0.9405340763677557],
    [0.999, 2, 5, 37.12232981152783],
    [1e-10, 4, 6, 6.123766023950648e-6],
    [0.999999, 50, 3, 12529.420276610968],
  ])('F(%s; %s, %s) = %s as scipy, within 1e-9 relative', (p, d1, d2, wanted) => {
    expect(Math.abs(fQuantile(p, d1, d2) / wanted - 1)).toBeLessThan(1e-9);
  });

  it('is NaN outside (0, 1) or for a df that is not positive', () => {
    expect(fQuantile(0, 3, 4)).toBeNaN();
    expect(fQuantile(1, 3, 4)).toBeNaN();
    expect(fQuantile(0.5, 0, 4)).toBeNaN();
  });
});

describe('figures that do not exist are null', () => {
  const singular = [
    [1, 1, 0.5],
    [1, 1, 0.5],
    [0.5, 0.5, 1],
  ];
  it('KMO and Bartlett of a singular correlation matrix', () => {
    expect(kmo(singular)).toBeNull();
    expect(bartlett(singular, 100)).toBeNull();
    // Too few respondents for Bartlett's factor n - 1 - (2k + 5)/6 to be positive.
    expect(
      bartlett(
        [
          [1, 0.5],
          [0.5, 1],
        ],
        2,
      ),
    ).toBeNull();
  });

  it('HTMT with a one-item block or a non-positive mean correlation within a block', () => {
    const r = [
      [1, 0.3, 0.2, 0.1],
      [0.3, 1, 0.1, 0.2],
      [0.2, 0.1, 1, -0.4],
      [0.1, 0.2, -0.4, 1],
    ];
    expect(htmt(r, [0], [1, 2])).toBeNull();
    expect(htmt(r, [0, 1], [2, 3])).toBeNull();
  });

  it('correlations of a constant item, standardized alpha of one item, Feldt with n < 2', () => {
    const cm = emptyCoMoments(2);
    cm.n = 5;
    cm.c.set([4, 0, 0, 0]);
    expect(correlationRows(cm)).toBeNull();
    expect(standardizedAlpha([[1]])).toBeNull();
    expect(feldtInterval(0.8, 1, 4)).toBeNull();
    expect(feldtInterval(null, 100, 4)).toBeNull();
  });
});

describe('by hand', () => {
  it('KMO, Bartlett and eigenvalues of two items correlated .5', () => {
    const r = [
      [1, 0.5],
      [0.5, 1],
    ];
    // Q = R⁻¹ = [[4/3, -2/3], [-2/3, 4/3]]: the partial correlation is .5 too, so KMO = .25 / .5.
    expect(kmo(r)?.overall).toBeCloseTo(0.5, 14);
    // -ln(0.75) · (100 - 1 - 9/6)
    expect(bartlett(r, 100)?.chisq).toBeCloseTo(-Math.log(0.75) * 97.5, 12);
    expect(eigenvaluesDescending(r).map((e) => Number(e.toFixed(12)))).toEqual([1.5, 0.5]);
  });

  it('HTMT and standardized alpha', () => {
    const r = [
      [1, 0.6, 0.3, 0.3],
      [0.6, 1, 0.3, 0.3],
      [0.3, 0.3, 1, 0.5],
      [0.3, 0.3, 0.5, 1],
    ];
    expect(htmt(r, [0, 1], [2, 3])).toBeCloseTo(0.3 / Math.sqrt(0.6 * 0.5), 14);
    // k r̄ / (1 + (k - 1) r̄) with r̄ = .6
    expect(standardizedAlpha([r[0]?.slice(0, 2) ?? [], r[1]?.slice(0, 2) ?? []])).toBeCloseTo(1.2 / 1.6, 14);
  });
});
