/**
 * `compare` on seeded synthetic waves scored through the real core: a real shift of a known size
 * is flagged, and with no shift the false-alarm rate over many seeded pairs stays near alpha.
 */
import { describe, expect, it } from 'vitest';
import { compareResults, type Comparison, type ComparisonRow } from '../../../src/core/compare/compare.js';
import { syntheticWave as wave } from '../../helpers/synthetic-waves.js';

const row = (c: Comparison, target: string) => c.rows.find((r) => r.target === target) as ComparisonRow;

describe('compare on seeded synthetic waves', () => {
  it('flags a real drop of 0.5 points in reliability (n = 200 per wave) as significant and a regression', () => {
    const changes: number[] = [];
    for (let pair = 0; pair < 20; pair++) {
      const c = compareResults(wave(100 + 2 * pair, 200), wave(101 + 2 * pair, 200, { reliability: -0.5 }), {
        alpha: 0.05,
      });
      const reliability = row(c, 'dimension:reliability');
      expect(reliability, `pair ${pair}`).toMatchObject({
        status: 'both',
        direction: 'down',
        significant: true,
        regression: true,
      });
      expect(reliability.p as number).toBeLessThan(0.001);
      expect(c.regressions).toContain('dimension:reliability');
      changes.push(reliability.change as number);
    }
    // The estimated change recovers the shift (rounding to the scale barely attenuates it at these levels).
    const meanChange = changes.reduce((a, b) => a + b, 0) / changes.length;
    expect(meanChange).toBeGreaterThan(-0.6);
    expect(meanChange).toBeLessThan(-0.4);
  });

  it('flags a real rise as significant but never as a regression', () => {
    const c = compareResults(wave(7, 200), wave(8, 200, { empathy: 0.5 }), { alpha: 0.05 });
    expect(row(c, 'dimension:empathy')).toMatchObject({ direction: 'up', significant: true, regression: false });
    expect(c.regressions).not.toContain('dimension:empathy');
  });

  it('keeps the false-alarm rate near alpha with no shift (1000 seeded pairs, n = 80 per wave)', () => {
    const pairs = 1000;
    const alarms = { weighted: 0, unweighted: 0, reliability: 0, nps: 0, csat: 0, ces: 0, anyItem: 0 };
    for (let pair = 0; pair < pairs; pair++) {
      const c = compareResults(wave(10_000 + 2 * pair, 80), wave(10_001 + 2 * pair, 80), { alpha: 0.05 });
      if (row(c, 'overall:weighted').significant) alarms.weighted++;
      if (row(c, 'overall:unweighted').significant) alarms.unweighted++;
      if (row(c, 'dimension:reliability').significant) alarms.reliability++;
      if (row(c, 'kpi:nps').significant) alarms.nps++;
      if (row(c, 'kpi:csat').significant) alarms.csat++;
      if (row(c, 'kpi:ces').significant) alarms.ces++;
      if (c.rows.some((r) => r.target.startsWith('item:') && r.significant)) alarms.anyItem++;
    }
    // Binomial(1000, 0.05): mean 50, sd 6.9; [0.03, 0.075] is [30, 75] alarms, about -2.9 and +3.6 sd.
    // (At the time of writing: weighted 53, unweighted 47, reliability 56, NPS 55, CSAT 52, CES 47.)
    for (const key of ['weighted', 'unweighted', 'reliability', 'nps', 'csat', 'ces'] as const) {
      expect(alarms[key] / pairs, key).toBeGreaterThanOrEqual(0.03);
      expect(alarms[key] / pairs, key).toBeLessThanOrEqual(0.075);
    }
    // Holm controls the family-wise rate over the 12 items: any item falsely flagged in at most about alpha of the pairs.
    expect(alarms.anyItem / pairs).toBeLessThanOrEqual(0.075);
  });
});
