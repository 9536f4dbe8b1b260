import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdSet, hashText } from '../../../src/core/scoring/id-set.js';
import { EXACT_LIMIT, emptyIdTracker, trackId } from '../../../src/core/scoring/id-tracker.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('IdSet', () => {
  it('behaves as a Set<string> kept in first-seen order, whatever the ids (property)', () => {
    // Short pools give repeats; any unicode (lone surrogates included) exercises the wide buffer.
    const id = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map(String),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), (ids) => {
        const set = new IdSet();
        const reference = new Set<string>();
        for (const x of ids) {
          expect(set.has(x)).toBe(reference.has(x));
          expect(set.add(x)).toBe(!reference.has(x));
          reference.add(x);
        }
        expect(set.size).toBe(reference.size);
        expect([...set]).toEqual([...reference]);
      }),
      { seed: 13, numRuns: RUNS },
    );
  });

  it('grows through many rehashes, and a clone is independent of the original', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `R${String(i).padStart(7, '0')}`);
    const set = IdSet.of(ids);
    expect(set.size).toBe(ids.length);
    expect(set.at(0)).toBe('R0000000');
    expect(set.at(49_999)).toBe('R0049999');
    expect(ids.every((x) => set.has(x))).toBe(true);
    expect(set.has('R0050000')).toBe(false);
    const copy = set.clone();
    copy.add('extra');
    expect(copy.has('extra')).toBe(true);
    expect(set.has('extra')).toBe(false);
    expect(set.textLength).toBe(8 * 50_000);
  });

  it('hashes with different seeds independently', () => {
    // Consecutive ids: the low bits of each hash, and the two seeds, should not move together.
    const same = Array.from({ length: 4096 }, (_, i) => `R${i}`).filter(
      (x) => (hashText(x, 0) & 0xff) === (hashText(x, 0x9747b28c) & 0xff),
    ).length;
    // 4096 / 256 = 16 expected by chance.
    expect(same).toBeGreaterThan(2);
    expect(same).toBeLessThan(40);
  });
});

describe('duplicate ids beyond the exact limit', () => {
  it('finds no false repeats among two million distinct ids numbered like a survey export', () => {
    // FNV-1a alone found 20 false repeats among a million ids like these.
    const tracker = emptyIdTracker();
    for (let i = 0; i < 2 * EXACT_LIMIT; i++) trackId(tracker, `R${String(i).padStart(7, '0')}`);
    expect(tracker.approximate).toBe(true);
    expect(tracker.duplicates).toBeLessThanOrEqual(1);
    // ...and still finds real ones.
    for (let i = 0; i < 100; i++) trackId(tracker, `R${String(i * 7919).padStart(7, '0')}`);
    expect(tracker.duplicates).toBeGreaterThanOrEqual(100);
  }, 60_000);
});
