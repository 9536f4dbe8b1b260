import { hashText3, IdSet } from './id-set.js';

/**
 * Detects repeated respondent ids in bounded memory: exact up to `EXACT_LIMIT` distinct ids (or
 * `EXACT_TEXT_LIMIT` code units of them; about 10 MB for 8-character ids), then a Bloom filter of
 * fixed size (16 MiB), whose rare false positives can only over-count duplicates. The limit keeps
 * memory flat: a million rows and five million pass through the same switch and end up the same size.
 */
export const EXACT_LIMIT = 2 ** 19;
const EXACT_TEXT_LIMIT = 2 ** 23;
export const BLOOM_BITS = 2 ** 27;
export const BLOOM_HASHES = 7;
/** The repeated ids a warning names (the first by input order); the count says how many there are. */
export const MAX_EXAMPLES = 10;

export interface IdTracker {
  exact: IdSet | null;
  bloom: Uint32Array | null;
  duplicates: number;
  examples: string[];
  /**
   * Per example, how many distinct ids had been seen when it first repeated (-1 once approximate):
   * it places each repeat among the first sightings, so merged shards name the examples one pass would.
   */
  exampleAt: number[];
  approximate: boolean;
}

export function emptyIdTracker(): IdTracker {
  return { exact: new IdSet(), bloom: null, duplicates: 0, examples: [], exampleAt: [], approximate: false };
}

/**
 * The filter is blocked: all of an id's bits lie in one 512-bit block (one cache line), so a
 * lookup costs one memory miss instead of seven. Three independent hashes give 18 bits for the
 * block and seven independent 9-bit positions in it. (Double hashing, h2 + k * h3, is not enough
 * inside a block: ids whose progressions overlap share most bits, and it counted ~110 false
 * repeats among a million fresh ids where independent positions count none.)
 */
const BLOCK_BITS = 512;
const BLOCKS = BLOOM_BITS / BLOCK_BITS;
const positions = new Int32Array(BLOOM_HASHES);

/** Fills `positions` with the bits (word index * 32 + bit) of an id whose three hashes are given: no allocation per id. */
function placeBits(hashes: Uint32Array): void {
  const h1 = hashes[0] as number;
  const h2 = hashes[1] as number;
  const h3 = hashes[2] as number;
  const base = (h1 % BLOCKS) * BLOCK_BITS;
  const mask = BLOCK_BITS - 1;
  positions[0] = base + (h2 & mask);
  positions[1] = base + ((h2 >>> 9) & mask);
  positions[2] = base + ((h2 >>> 18) & mask);
  positions[3] = base + (h3 & mask);
  positions[4] = base + ((h3 >>> 9) & mask);
  positions[5] = base + ((h3 >>> 18) & mask);
  positions[6] = base + ((h1 >>> 18) & mask);
}

/** Sets the bits of an id with these hashes (`hashText3`); returns whether all of them were already set (probably seen). */
function bloomAddHashes(bloom: Uint32Array, hashes: Uint32Array): boolean {
  placeBits(hashes);
  let seen = true;
  for (let k = 0; k < BLOOM_HASHES; k++) {
    const bit = positions[k] as number;
    const word = bit >>> 5;
    const mask = 1 << (bit & 31);
    if (((bloom[word] as number) & mask) === 0) {
      seen = false;
      bloom[word] = (bloom[word] as number) | mask;
    }
  }
  return seen;
}

/** Whether all the bits of an id with these hashes (`hashText3`) are set. */
export function bloomHasHashes(bloom: Uint32Array, hashes: Uint32Array): boolean {
  placeBits(hashes);
  for (let k = 0; k < BLOOM_HASHES; k++) {
    const bit = positions[k] as number;
    if (((bloom[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
  }
  return true;
}

/** A filter holding the ids of the set (hashed from its code units: no string per id). */
export function bloomOfIds(ids: IdSet): Uint32Array {
  return addIdsToBloom(new Uint32Array(BLOOM_BITS / 32), ids);
}

/** Sets the bits of every id of the set (hashed from its code units); returns the filter. */
export function addIdsToBloom(bloom: Uint32Array, ids: IdSet): Uint32Array {
  for (let i = 0; i < ids.size; i++) bloomAddHashes(bloom, ids.hashes3(i));
  return bloom;
}

/** Records one id; counts it when it was seen before, and says so. */
export function trackId(tracker: IdTracker, id: string): boolean {
  let seen: boolean;
  const exact = tracker.exact;
  if (exact && exact.size < EXACT_LIMIT && exact.textLength + id.length <= EXACT_TEXT_LIMIT) {
    seen = !exact.add(id);
  } else if (exact?.has(id)) {
    seen = true;
  } else {
    if (exact) {
      // A new id that does not fit: switch to the filter before the set grows any further.
      tracker.bloom = bloomOfIds(exact);
      tracker.exact = null;
      tracker.approximate = true;
    }
    seen = bloomAddHashes(tracker.bloom as Uint32Array, hashText3(id));
  }
  if (seen) {
    tracker.duplicates++;
    if (tracker.examples.length < MAX_EXAMPLES && !tracker.examples.includes(id)) {
      tracker.examples.push(id);
      tracker.exampleAt.push(tracker.exact ? tracker.exact.size : -1);
    }
  }
  return seen;
}
