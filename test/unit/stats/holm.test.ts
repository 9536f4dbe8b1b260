import { describe, it, expect } from 'vitest';
import { mulberry32 } from '../../helpers/random.js';
import { holmAdjust } from '../../../src/core/stats/holm.js';

function expectClose(actual: readonly (number | null)[], expected: readonly (number | null)[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (e === null || e === undefined) expect(a).toBeNull();
    else expect(a).toBeCloseTo(e, 14);
  });
}

describe('holmAdjust', () => {
  it("matches R's p.adjust", () => {
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") -> 0.03 0.06 0.06 0.02
    // (sorted 0.005*4, 0.01*3, 0.03*2, 0.04*1 -> cummax 0.02 0.03 0.06 0.06)
    expectClose(holmAdjust([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02]);
  });

  it('skips nulls and counts only the non-null p-values', () => {
    expectClose(holmAdjust([null, 0.01, null, 0.04, 0.03, 0.005, null]), [null, 0.03, null, 0.06, 0.06, 0.02, null]);
    expect(holmAdjust([null, null])).toEqual([null, null]);
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([null, 0.2])).toEqual([null, 0.2]);
  });

  it('caps at 1', () => {
    // R: p.adjust(c(0.5, 0.6, 0.01), "holm") -> 1 1 0.03
    expectClose(holmAdjust([0.5, 0.6, 0.01]), [1, 1, 0.03]);
    expectClose(holmAdjust([1, 1]), [1, 1]);
  });

  it('handles ties', () => {
    // R: p.adjust(c(0.02, 0.02, 0.02), "holm") -> 0.06 0.06 0.06
    expectClose(holmAdjust([0.02, 0.02, 0.02]), [0.06, 0.06, 0.06]);
  });

  it('is monotone in the raw p, at least the raw p, at most 1, and leaves the input alone', () => {
    const rand = mulberry32(3);
    for (let trial = 0; trial < 200; trial++) {
      const ps = Array.from({ length: Math.floor(rand() * 30) }, () => (rand() < 0.2 ? null : rand() ** 3));
      const copy = [...ps];
      const adj = holmAdjust(ps);
      expect(ps).toEqual(copy);
      expect(adj.length).toBe(ps.length);
      const m = ps.filter((p) => p !== null).length;
      ps.forEach((p, i) => {
        const a = adj[i];
        if (p === null) {
          expect(a).toBeNull();
          return;
        }
        expect(a).not.toBeNull();
        expect(a as number).toBeGreaterThanOrEqual(p);
        expect(a as number).toBeLessThanOrEqual(Math.min(1, m * p) + 1e-15);
        ps.forEach((q, j) => {
          if (q !== null && q <= p) expect(adj[j] as number).toBeLessThanOrEqual(a as number);
        });
      });
    }
  });
});
