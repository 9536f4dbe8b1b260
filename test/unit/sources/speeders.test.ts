import { describe, expect, it } from 'vitest';
import { countSpeeders } from '../../../src/core/sources/adapt.js';
import { mulberry32 } from '../../helpers/random.js';

const tally = (durations: readonly number[]) => {
  const counts = new Map<number, number>();
  for (const d of durations) counts.set(d, (counts.get(d) ?? 0) + 1);
  return counts;
};

/** The plain definition: sort every duration, take the middle (or the mean of the two middle ones). */
function reference(durations: readonly number[], ratio: number) {
  const sorted = [...durations].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const threshold = median * ratio;
  return { count: sorted.filter((d) => d < threshold).length, median, threshold, n: sorted.length };
}

describe('countSpeeders', () => {
  it('finds the median and the responses under a share of it', () => {
    expect(countSpeeders(tally([100, 200, 300, 30]), 1 / 3)).toEqual({ count: 1, median: 150, threshold: 50, n: 4 });
    expect(countSpeeders(tally([10, 10, 10, 3, 400]), 0.5)).toEqual({ count: 1, median: 10, threshold: 5, n: 5 });
    expect(countSpeeders(new Map(), 0.5)).toBeNull();
  });

  it('equals sorting every duration, for whole seconds and hundredths with many ties (property)', () => {
    const random = mulberry32(17);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(random() * 300);
      const hundredths = random() < 0.5;
      const durations = Array.from({ length: n }, () => {
        const seconds = Math.floor(random() * (round % 3 === 0 ? 5 : 2000));
        return hundredths ? seconds + Math.floor(random() * 100) / 100 : seconds;
      });
      expect(countSpeeders(tally(durations), 1 / 3)).toEqual(reference(durations, 1 / 3));
    }
  });
});
