/**
 * `trend` on seeded synthetic waves scored through the real core (issue 17, "Done means"): a real
 * shift is detected, and with no shift the false-alarm rate over 1,000 seeded pairs of waves stays
 * at the nominal alpha.
 */
import { describe, expect, it } from 'vitest';
import { trendOf, type Trend, type TrendSeries } from '../../../src/core/trend/trend.js';
import { syntheticWave } from '../../helpers/synthetic-waves.js';

const series = (t: Trend, target: string) => t.series.find((s) => s.target === target) as TrendSeries;
const pairOf = (a: number, b: number, n: number, shift: Record<string, number> = {}) =>
  trendOf(
    [
      { label: 'before', result: syntheticWave(a, n) },
      { label: 'after', result: syntheticWave(b, n, shift) },
    ],
    { alpha: 0.05 },
  );

describe('trend on seeded synthetic waves', () => {
  it('detects a real drop of 0.4 points in responsiveness (n = 150 per wave) and gates on it', () => {
    let detected = 0;
    const pairs = 50;
    for (let pair = 0; pair < pairs; pair++) {
      const t = pairOf(500 + 2 * pair, 501 + 2 * pair, 150, { responsiveness: -0.4 });
      const step = series(t, 'dimension:responsiveness').consecutive[0];
      if (step?.significant && step.direction === 'down' && t.regressions.includes('dimension:responsiveness'))
        detected++;
    }
    // Power well above 0.9 (at the time of writing: detected in 50 of 50 pairs).
    expect(detected / pairs).toBeGreaterThanOrEqual(0.9);
  });

  it('flags the third of three waves, and nothing between the first two', () => {
    const t = trendOf(
      [
        { label: 'q1', result: syntheticWave(71, 200) },
        { label: 'q2', result: syntheticWave(72, 200) },
        { label: 'q3', result: syntheticWave(73, 200, { reliability: -0.5 }) },
      ],
      { alpha: 0.05 },
    );
    const reliability = series(t, 'dimension:reliability');
    expect(reliability.consecutive.map((s) => s.significant)).toEqual([false, true]);
    expect(reliability.versusFirst[1]).toMatchObject({ significant: true, direction: 'down' });
    expect(t.regressions).toContain('dimension:reliability');
  });

  it('keeps the false-alarm rate at alpha with no shift (1,000 seeded pairs, n = 80 per wave)', () => {
    const pairs = 1000;
    const targets = ['overall:weighted', 'dimension:reliability', 'kpi:nps', 'kpi:csat', 'kpi:ces'] as const;
    const alarms = Object.fromEntries(targets.map((t) => [t, 0])) as Record<(typeof targets)[number], number>;
    let gated = 0;
    for (let pair = 0; pair < pairs; pair++) {
      const t = pairOf(20_000 + 2 * pair, 20_001 + 2 * pair, 80);
      for (const target of targets) if (series(t, target).consecutive[0]?.significant) alarms[target]++;
      if (series(t, 'dimension:reliability').regression) gated++;
    }
    // Binomial(1000, 0.05), central 99.9%: [29, 74] alarms
    // (python3 -c "from scipy.stats import binom; print(binom.ppf([0.0005, 0.9995], 1000, 0.05))").
    // At the time of writing: weighted 38, reliability 39, NPS 66, CSAT 55, CES 55; the gate 15.
    for (const target of targets) {
      expect(alarms[target], target).toBeGreaterThanOrEqual(29);
      expect(alarms[target], target).toBeLessThanOrEqual(74);
    }
    // The gate counts drops only: alpha / 2 of the pairs per measure; Binomial(1000, 0.025) 99.9%: [10, 43].
    expect(gated).toBeGreaterThanOrEqual(10);
    expect(gated).toBeLessThanOrEqual(43);
  });
});
