import { IdSet } from './id-set.js';
import {
  BLOOM_BITS,
  BLOOM_HASHES,
  EXACT_LIMIT,
  MAX_EXAMPLES,
  addIdsToBloom,
  bloomHasHashes,
  bloomOfIds,
  type IdTracker,
} from './id-tracker.js';
import type { Decoder, JsonPath } from './partial-decode.js';
import { decodeWords, encodeWords } from './partial-words.js';

/** The respondent-id tracker of a shard as JSON. */
export interface PartialIds {
  /** Every distinct id in the order first seen; null once the shard switched to the Bloom filter. */
  exact: string[] | null;
  /** The Bloom filter's words, little-endian, base64; null while exact. */
  bloom: string | null;
  duplicates: number;
  examples: string[];
  exampleAt: number[];
  approximate: boolean;
}

/**
 * Merged exact sets stay exact up to this many ids (about 40 MB), past the one-pass limit: a
 * merged tracker is only merged further or reported, never grows row by row, and the filter would
 * cost a second per million ids to build. So two threads' halves of a million rows count repeats
 * exactly (one pass would have estimated beyond 524,288 ids), and memory stays bounded.
 */
export const MERGED_EXACT_LIMIT = 4 * EXACT_LIMIT;
const BLOOM_WORDS = BLOOM_BITS / 32;

/**
 * The tracker as JSON: the exact ids in first-seen order, or the filter as base64. A merged set
 * past EXACT_LIMIT (from `score --partial --threads N`) is written as a filter, as one pass would
 * have held it, so every partial reads back and merges within the set's capacity. With
 * `exactApart`, an exact set is written empty: the caller hands the set over itself (worker
 * threads transfer its buffers, see `IdSet.toParts`).
 */
export function encodeIds(t: IdTracker, exactApart = false): PartialIds {
  const tooMany = t.exact !== null && t.exact.size > EXACT_LIMIT;
  const bloom = tooMany ? bloomOfIds(t.exact as IdSet) : t.bloom;
  return {
    exact: t.exact && !tooMany ? (exactApart ? [] : [...t.exact]) : null,
    bloom: bloom ? encodeWords(bloom) : null,
    duplicates: t.duplicates,
    examples: [...t.examples],
    exampleAt: tooMany ? t.examples.map(() => -1) : [...t.exampleAt],
    approximate: t.approximate || tooMany,
  };
}

/** Reads `encodeIds` JSON back, reporting to `d` what does not fit (a repeated id, a filter of the wrong size). */
export function decodeIds(value: unknown, path: JsonPath, d: Decoder): IdTracker {
  const o = d.record(value, path, ['exact', 'bloom', 'duplicates', 'examples', 'exampleAt', 'approximate']);
  const tracker: IdTracker = {
    exact: null,
    bloom: null,
    duplicates: d.count(o.duplicates, [...path, 'duplicates']),
    examples: d.list(o.examples, [...path, 'examples']).map((x, i) => d.string(x, [...path, 'examples', i])),
    exampleAt: [],
    approximate: d.boolean(o.approximate, [...path, 'approximate']),
  };
  const at = d.list(o.exampleAt, [...path, 'exampleAt'], tracker.examples.length, 'example');
  tracker.exampleAt = at.map((x, i) => {
    if (x === -1) return -1;
    return d.count(x, [...path, 'exampleAt', i]);
  });
  if (tracker.examples.length > MAX_EXAMPLES)
    d.fail([...path, 'examples'], `expected at most ${MAX_EXAMPLES} examples, found ${tracker.examples.length}`);
  if ((o.exact === null) === (o.bloom === null)) {
    d.fail(path, 'expected exactly one of "exact" (a list of ids) and "bloom" (a filter) to be null');
    tracker.exact = new IdSet();
    return tracker;
  }
  if (o.exact !== null) {
    const ids = d.list(o.exact, [...path, 'exact']).map((x, i) => d.string(x, [...path, 'exact', i]));
    if (ids.length > EXACT_LIMIT) {
      d.fail([...path, 'exact'], `expected at most ${EXACT_LIMIT} ids, found ${ids.length}`);
      tracker.exact = new IdSet();
      return tracker;
    }
    tracker.exact = IdSet.of(ids);
    // Stand-ins for ids that were not strings would all look alike: only real ids can repeat.
    const allStrings = Array.isArray(o.exact) && o.exact.every((x) => typeof x === 'string');
    if (allStrings && tracker.exact.size !== ids.length) d.fail([...path, 'exact'], 'a respondent id is listed twice');
  } else {
    const words = typeof o.bloom === 'string' ? decodeWords(o.bloom, BLOOM_WORDS) : null;
    if (!words) d.fail([...path, 'bloom'], `expected the base64 text of a ${BLOOM_BITS}-bit filter`);
    tracker.bloom = words ?? new Uint32Array(BLOOM_WORDS);
    if (!tracker.approximate) d.fail([...path, 'approximate'], 'a Bloom filter counts approximately: expected true');
  }
  return tracker;
}

function popcount(words: Uint32Array): number {
  let bits = 0;
  for (let w of words) {
    w -= (w >>> 1) & 0x55555555;
    w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
    bits += (((w + (w >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return bits;
}

/** Distinct ids in a Bloom filter, from its set bits (Swamidass & Baldi): `-(m / k) ln(1 - X / m)`. */
function bloomCardinality(words: Uint32Array): number {
  const set = Math.min(popcount(words), BLOOM_BITS - 1);
  return (-BLOOM_BITS / BLOOM_HASHES) * Math.log1p(-set / BLOOM_BITS);
}

/** Both shards exact: the union, its count and examples are those of one pass over a's rows then b's. */
function mergeExact(a: IdTracker & { exact: IdSet }, b: IdTracker & { exact: IdSet }): IdTracker {
  const union = a.exact.clone();
  // A repeat in b's rows happens either at the first sighting in b of an id of a (at b's rank r),
  // or at an id's second sighting inside b (after b's first `exampleAt` sightings): order them
  // on one scale, rank r as 2r and "after s sightings" as 2s - 1.
  const candidates: { key: number; id: string; fresh: number }[] = [];
  const pending = b.examples
    .map((id, i) => ({ id, s: b.exampleAt[i] as number }))
    .filter((e) => !a.exact.has(e.id))
    .sort((x, y) => x.s - y.s);
  let common = 0;
  let fresh = 0;
  let rank = 0;
  let next = 0;
  // By position, not by string: a string is made only for the few ids that may become examples.
  for (let i = 0; i < b.exact.size; i++) {
    while (next < pending.length && (pending[next] as { s: number }).s <= rank) {
      const e = pending[next++] as { id: string; s: number };
      candidates.push({ key: 2 * e.s - 1, id: e.id, fresh });
    }
    if (a.exact.hasIdOf(b.exact, i)) {
      common++;
      // At most MAX_EXAMPLES of these are already examples of a, so twice that always suffices.
      if (common <= 2 * MAX_EXAMPLES) candidates.push({ key: 2 * rank, id: b.exact.at(i), fresh });
    } else {
      union.addIdOf(b.exact, i);
      fresh++;
    }
    rank++;
  }
  for (; next < pending.length; next++) {
    const e = pending[next] as { id: string; s: number };
    candidates.push({ key: 2 * e.s - 1, id: e.id, fresh });
  }
  const examples = [...a.examples];
  const exampleAt = [...a.exampleAt];
  for (const c of candidates.sort((x, y) => x.key - y.key)) {
    if (examples.length >= MAX_EXAMPLES) break;
    if (examples.includes(c.id)) continue;
    examples.push(c.id);
    exampleAt.push(a.exact.size + c.fresh);
  }
  const merged: IdTracker = {
    exact: union,
    bloom: null,
    duplicates: a.duplicates + b.duplicates + common,
    examples,
    exampleAt,
    approximate: false,
  };
  if (union.size > MERGED_EXACT_LIMIT) {
    // Past the merge limit the union becomes a filter too; the count so far stays exact.
    merged.bloom = bloomOfIds(union);
    merged.exact = null;
    merged.approximate = true;
    merged.exampleAt = examples.map(() => -1);
  }
  return merged;
}

/**
 * Combines the id trackers of two shards, a's rows before b's. While both are exact sets the
 * duplicate count and the examples are exactly those of one pass. Once either is a Bloom filter,
 * the ids one side shares with the other are counted by testing the exact side's ids against the
 * filter (over-counting only by the filter's false positives, none found among two million fresh ids), or,
 * when both are filters, estimated from their set bits, |A| + |B| - |A u B| (off by tens to
 * hundreds at millions of ids); the examples are then a's, then b's, then shared ids.
 */
export function mergeIdTrackers(a: IdTracker, b: IdTracker): IdTracker {
  if (a.exact && b.exact) return mergeExact(a as IdTracker & { exact: IdSet }, b as IdTracker & { exact: IdSet });
  const bloom = a.bloom ? Uint32Array.from(a.bloom) : bloomOfIds(a.exact as IdSet);
  // The ids of the exact side found in the other side's filter, by position (a string only for
  // the few that can become examples).
  let common = 0;
  const shared: string[] = [];
  const countShared = (ids: IdSet, filter: Uint32Array) => {
    for (let i = 0; i < ids.size; i++) {
      if (!bloomHasHashes(filter, ids.hashes3(i))) continue;
      common++;
      // Enough for the examples even when the first ones are already a's or b's.
      if (shared.length < 3 * MAX_EXAMPLES) shared.push(ids.at(i));
    }
  };
  if (b.exact) {
    countShared(b.exact, bloom);
    addIdsToBloom(bloom, b.exact);
  } else {
    const other = b.bloom as Uint32Array;
    if (a.exact) countShared(a.exact, other);
    const before = a.exact ? 0 : bloomCardinality(bloom);
    for (let w = 0; w < bloom.length; w++) bloom[w] = (bloom[w] as number) | (other[w] as number);
    if (!a.exact) {
      const estimate = bloomCardinality(other);
      common = Math.max(
        0,
        Math.min(Math.round(before + estimate - bloomCardinality(bloom)), Math.round(Math.min(before, estimate))),
      );
    }
  }
  const examples: string[] = [];
  for (const id of [...a.examples, ...b.examples, ...shared]) {
    if (examples.length >= MAX_EXAMPLES) break;
    if (!examples.includes(id)) examples.push(id);
  }
  return {
    exact: null,
    bloom,
    duplicates: a.duplicates + b.duplicates + common,
    examples,
    exampleAt: examples.map(() => -1),
    approximate: true,
  };
}
