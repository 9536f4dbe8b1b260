import { describe, expect, it } from 'vitest';
import { npsInterval, wilsonInterval } from '../../../src/core/stats/kpi-intervals.js';

/*
 * Expected values: mpmath at 30 digits (Python), the contract's formulas with z = 1.96:
 *   nps:    p, m = pro/n, det/n; s = 100(p - m); h = 1.96 * 100 * sqrt((p + m - (p - m)^2) / n)
 *   wilson: p = k/n; d = 1 + z^2/n; c = (p + z^2/(2n)) / d; h = z/d * sqrt(p(1-p)/n + z^2/(4n^2)); x100
 */
describe('npsInterval', () => {
  it('is the score plus and minus 1.96 standard errors of the promoter-minus-detractor score', () => {
    const [lo, hi] = npsInterval(50, 20, 100) as [number, number];
    expect(lo).toBeCloseTo(14.691910635222957, 12);
    expect(hi).toBeCloseTo(45.308089364777043, 12);
    const [lo7, hi7] = npsInterval(3, 1, 7) as [number, number];
    expect(lo7).toBeCloseTo(-23.27449701583431, 12);
    expect(hi7).toBeCloseTo(80.417354158691453, 12);
  });

  it('is null below two answers, and zero-width when everyone agrees', () => {
    expect(npsInterval(1, 0, 1)).toBeNull();
    expect(npsInterval(0, 0, 0)).toBeNull();
    expect(npsInterval(10, 0, 10)).toEqual([100, 100]);
  });
});

describe('wilsonInterval', () => {
  it('is the Wilson score interval in percent', () => {
    const [lo, hi] = wilsonInterval(8, 10) as [number, number];
    expect(lo).toBeCloseTo(49.015684672072339, 12);
    expect(hi).toBeCloseTo(94.331905201930666, 12);
  });

  it('stays inside 0-100 and is not empty at the ends', () => {
    const [lo0, hi0] = wilsonInterval(0, 5) as [number, number];
    expect(lo0).toBeCloseTo(0, 12);
    expect(hi0).toBeCloseTo(43.449149475208107, 12);
    const [lo5, hi5] = wilsonInterval(5, 5) as [number, number];
    expect(lo5).toBeCloseTo(56.550850524791893, 12);
    expect(hi5).toBeCloseTo(100, 12);
    expect(wilsonInterval(1, 1)).toBeNull();
  });
});
