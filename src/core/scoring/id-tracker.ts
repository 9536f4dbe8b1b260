/**
 * Detects repeated respondent ids in bounded memory: exact up to `EXACT_LIMIT` ids, then a Bloom
 * filter of fixed size (16 MiB), whose rare false positives can only over-count duplicates.
 */
export const EXACT_LIMIT = 200_000;
export const BLOOM_BITS = 2 ** 27;
export const BLOOM_HASHES = 7;

export interface IdTracker {
  exact: Set<string> | null;
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
  return { exact: new Set(), bloom: null, duplicates: 0, examples: [], exampleAt: [], approximate: false };
}

/** FNV-1a, 32-bit, with a seed: two seeds give the two base hashes of double hashing. */
function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The filter is blocked: all of an id's bits lie in one 512-bit block (one cache line), so a
 * lookup costs one memory miss instead of seven. The first hash picks the block, the second and
 * third place the bits in it (double hashing).
 */
const BLOCK_BITS = 512;
const BLOCKS = BLOOM_BITS / BLOCK_BITS;

function blockOf(id: string): { base: number; h2: number; h3: number } {
  const h1 = fnv1a(id, 0);
  const h2 = fnv1a(id, 0x5bd1e995);
  return { base: (h1 % BLOCKS) * (BLOCK_BITS / 32), h2, h3: (h1 >>> 16) | 1 };
}

/** Sets the id's bits; returns whether all of them were already set (probably seen). */
export function bloomAdd(bloom: Uint32Array, id: string): boolean {
  const { base, h2, h3 } = blockOf(id);
  let seen = true;
  for (let k = 0; k < BLOOM_HASHES; k++) {
    const bit = (h2 + Math.imul(k, h3)) & (BLOCK_BITS - 1);
    const word = base + (bit >>> 5);
    const mask = 1 << (bit & 31);
    if (((bloom[word] as number) & mask) === 0) {
      seen = false;
      bloom[word] = (bloom[word] as number) | mask;
    }
  }
  return seen;
}

/** Whether all of the id's bits are set (probably seen), without setting them. */
export function bloomHas(bloom: Uint32Array, id: string): boolean {
  const { base, h2, h3 } = blockOf(id);
  for (let k = 0; k < BLOOM_HASHES; k++) {
    const bit = (h2 + Math.imul(k, h3)) & (BLOCK_BITS - 1);
    if (((bloom[base + (bit >>> 5)] as number) & (1 << (bit & 31))) === 0) return false;
  }
  return true;
}

/** Records one id; counts it when it was seen before. */
export function trackId(tracker: IdTracker, id: string): void {
  let seen: boolean;
  if (tracker.exact) {
    seen = tracker.exact.has(id);
    tracker.exact.add(id);
    if (tracker.exact.size > EXACT_LIMIT) {
      tracker.bloom = new Uint32Array(BLOOM_BITS / 32);
      for (const known of tracker.exact) bloomAdd(tracker.bloom, known);
      tracker.exact = null;
      tracker.approximate = true;
    }
  } else {
    seen = bloomAdd(tracker.bloom as Uint32Array, id);
  }
  if (seen) {
    tracker.duplicates++;
    if (tracker.examples.length < 5 && !tracker.examples.includes(id)) {
      tracker.examples.push(id);
      tracker.exampleAt.push(tracker.exact ? tracker.exact.size : -1);
    }
  }
}
