/** Respondent-id trackers of shards: serialised, read back and merged, against one pass over every id. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLOOM_BITS,
  EXACT_LIMIT,
  emptyIdTracker,
  trackId,
  type IdTracker,
} from '../../../src/core/scoring/id-tracker.js';
import { Decoder } from '../../../src/core/scoring/partial-decode.js';
import { MERGED_EXACT_LIMIT, decodeIds, encodeIds, mergeIdTrackers } from '../../../src/core/scoring/partial-ids.js';
import { decodeWords, encodeWords } from '../../../src/core/scoring/partial-words.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

function track(ids: readonly string[]): IdTracker {
  const tracker = emptyIdTracker();
  for (const id of ids) trackId(tracker, id);
  return tracker;
}

function roundTrip(tracker: IdTracker): IdTracker {
  const d = new Decoder();
  const back = decodeIds(JSON.parse(JSON.stringify(encodeIds(tracker))), ['ids'], d);
  expect(d.problems).toEqual([]);
  return back;
}

/** Big arrays compared in one step: element by element through expect takes seconds. */
const sameWords = (a: Uint32Array | null, b: Uint32Array | null) =>
  a !== null &&
  b !== null &&
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

const view = (t: IdTracker) => ({
  exact: t.exact ? [...t.exact] : null,
  duplicates: t.duplicates,
  examples: t.examples,
  exampleAt: t.exampleAt,
  approximate: t.approximate,
});

describe('merging exact id trackers', () => {
  it('equals one pass: the ids in first-seen order, the count, the examples and where they repeated (property)', () => {
    const caseArbitrary = fc.integer({ min: 1, max: 60 }).chain((pool) =>
      fc.record({
        ids: fc.array(
          fc.integer({ min: 1, max: pool }).map((i) => `id${i}`),
          { maxLength: 80 },
        ),
        cuts: fc.array(fc.nat({ max: 80 }), { maxLength: 5 }),
        tree: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(caseArbitrary, ({ ids, cuts, tree }) => {
        const bounds = [0, ...[...new Set(cuts.map((c) => c % (ids.length + 1)))].sort((a, b) => a - b), ids.length];
        let shards = bounds.slice(1).map((end, i) => roundTrip(track(ids.slice(bounds[i], end))));
        while (shards.length > 1) {
          const next: IdTracker[] = [];
          if (tree)
            for (let i = 0; i < shards.length; i += 2)
              next.push(
                i + 1 < shards.length
                  ? mergeIdTrackers(shards[i] as IdTracker, shards[i + 1] as IdTracker)
                  : (shards[i] as IdTracker),
              );
          else next.push(mergeIdTrackers(shards[0] as IdTracker, shards[1] as IdTracker), ...shards.slice(2));
          shards = next;
        }
        expect(view(shards[0] as IdTracker)).toEqual(view(track(ids)));
      }),
      { seed: 7, numRuns: RUNS },
    );
  });

  it('places a repeat inside the second shard before a later first sighting of an id of the first', () => {
    // One pass: b repeats at its 4th row, then a (from the first shard) at its 5th.
    const first = ['a', 'x'];
    const second = ['b', 'c', 'b', 'a', 'c'];
    const merged = mergeIdTrackers(track(first), track(second));
    expect(view(merged)).toEqual(view(track([...first, ...second])));
    expect(merged.examples).toEqual(['b', 'a', 'c']);
  });
});

describe('merging beyond the exact limit', () => {
  const many = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `id${from + i}`);
  const big = track(many(0, EXACT_LIMIT + 1));
  const bigOther = track(many(EXACT_LIMIT - 999, 2 * EXACT_LIMIT));

  it('switches to the Bloom filter like one pass, and the filter survives JSON', () => {
    expect(big.exact).toBeNull();
    expect(big.approximate).toBe(true);
    const back = roundTrip(big);
    expect(sameWords(back.bloom, big.bloom)).toBe(true);
  });

  it('counts ids of an exact shard found in a filter shard, in either order (over-counting by false positives only)', () => {
    const small = track([...many(0, 300), ...many(2 * EXACT_LIMIT, 2 * EXACT_LIMIT + 700)]);
    const after = mergeIdTrackers(big, small);
    expect(after.duplicates).toBeGreaterThanOrEqual(300);
    expect(after.duplicates).toBeLessThanOrEqual(301);
    expect(after.approximate).toBe(true);
    const before = mergeIdTrackers(small, big);
    expect(before.duplicates).toBeGreaterThanOrEqual(300);
    expect(before.duplicates).toBeLessThanOrEqual(301);
    expect(before.examples.length).toBeGreaterThan(0);
  });

  it('estimates the ids two filters share from their set bits', () => {
    const merged = mergeIdTrackers(big, bigOther);
    // 1,000 ids are in both; one pass would count them (plus its own false positives). The
    // estimate's standard error grows with the ids a side: a few hundred here.
    expect(Math.abs(merged.duplicates - 1000)).toBeLessThan(500);
    expect(merged.approximate).toBe(true);
  });

  it('keeps two exact shards exact past the one-pass limit, and switches to the filter past the merge limit', () => {
    const a = track(many(0, EXACT_LIMIT / 2 + 10));
    const b = track(many(EXACT_LIMIT / 2, EXACT_LIMIT + 5));
    const merged = mergeIdTrackers(a, b);
    expect(merged.exact?.size).toBe(EXACT_LIMIT + 5);
    expect(merged.duplicates).toBe(10);
    expect(merged.approximate).toBe(false);
    // Written to a partial (score --partial --threads N), it becomes a filter that reads back.
    const back = roundTrip(merged);
    expect(back.exact).toBeNull();
    expect(back.bloom).not.toBeNull();
    expect(back).toMatchObject({ duplicates: 10, approximate: true });
    // Four more exact shards of EXACT_LIMIT ids, each sharing 3 ids with the one before: past 4 x the limit.
    let all = merged;
    let end = EXACT_LIMIT + 5;
    for (let k = 1; k <= 4; k++) {
      const shard = track(many(end - 3, end - 3 + EXACT_LIMIT));
      expect(shard.approximate).toBe(false);
      all = mergeIdTrackers(all, shard);
      end += EXACT_LIMIT - 3;
    }
    expect(MERGED_EXACT_LIMIT).toBe(4 * EXACT_LIMIT);
    expect(all.exact).toBeNull();
    expect(all.bloom).not.toBeNull();
    expect(all.approximate).toBe(true);
    expect(all.duplicates).toBe(10 + 4 * 3);
  }, 60_000);
});

describe('base64 words', () => {
  it('matches Node base64 of the little-endian bytes and decodes back (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 40 }), (values) => {
        const words = Uint32Array.from(values);
        const bytes = Buffer.alloc(words.length * 4);
        words.forEach((w, i) => {
          bytes.writeUInt32LE(w, i * 4);
        });
        const text = encodeWords(words);
        expect(text).toBe(bytes.toString('base64'));
        expect(decodeWords(text, words.length)).toEqual(words);
      }),
      { seed: 3, numRuns: RUNS },
    );
  });

  it('refuses text of the wrong length, outside the alphabet, or padded too early', () => {
    expect(decodeWords('AQAAAA==', 1)).toEqual(Uint32Array.of(1));
    expect(decodeWords('AQAAAA==', 2)).toBeNull();
    expect(decodeWords('AQAA*A==', 1)).toBeNull();
    expect(decodeWords('AQ=AAA==', 1)).toBeNull();
    expect(decodeWords('AQAAAAé=', 1)).toBeNull();
  });

  it('encodes a full filter in one go', () => {
    const words = new Uint32Array(BLOOM_BITS / 32).fill(0x01020304);
    expect(sameWords(decodeWords(encodeWords(words), words.length), words)).toBe(true);
  });
});
