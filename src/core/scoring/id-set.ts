/**
 * A set of strings in first-seen order that costs about 20 bytes per short id instead of the
 * 70-odd of a `Set<string>`: the ids' code units back to back in one buffer, their start offsets,
 * and an open-addressing table of indices. Ids come in as strings; inside, they are code units
 * (so that merging sets and filling a Bloom filter make no string per id).
 */

/** Code units: a string's, or the set's own buffer's, over [start, end). */
type Units = string | Uint8Array | Uint16Array;

/** One step of the hash: mixes code unit `unit` into `hash` (multiply, then fold the high bits down). */
function mix(hash: number, unit: number): number {
  const h = Math.imul(hash ^ unit, 0x5bd1e995);
  return h ^ (h >>> 15);
}

/** murmur3's finaliser: every output bit depends on every input bit. */
function finish(hash: number, length: number): number {
  let h = hash ^ length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * `hashText` of the code units [start, end) of `units`: a loop for strings (every row's id comes
 * this way) and one for the set's buffers, so that each sees one shape of code units.
 */
function hashUnits(units: Units, start: number, end: number, seed: number): number {
  let hash = seed;
  if (typeof units === 'string') for (let k = start; k < end; k++) hash = mix(hash, units.charCodeAt(k));
  else for (let k = start; k < end; k++) hash = mix(hash, units[k] as number);
  return finish(hash, end - start);
}

/**
 * A 32-bit hash of a string's UTF-16 code units; other seeds give (for practical purposes)
 * independent hashes, which the Bloom filter needs. FNV-1a alone is not enough there: its low
 * bits depend only on the low bits of the input, so ids like R0704024 and R0704025 collide in
 * patterns (20 false repeats in a million distinct ids).
 */
export function hashText(text: string, seed: number): number {
  return hashUnits(text, 0, text.length, seed);
}

/** Seeds of the three hashes the Bloom filter uses. */
const SEED_2 = 0x9747b28c;
const SEED_3 = 0x2545f491;
const three = new Uint32Array(3);

/** `hashText` with seeds 0, SEED_2 and SEED_3 in one pass, into a reused array (valid until the next call). */
export function hashText3(text: string): Uint32Array {
  let a = 0;
  let b = SEED_2;
  let c = SEED_3;
  for (let k = 0; k < text.length; k++) {
    const unit = text.charCodeAt(k);
    a = mix(a, unit);
    b = mix(b, unit);
    c = mix(c, unit);
  }
  return threeOf(a, b, c, text.length);
}

/** `hashText3` of the code units [start, end) of a set's buffer. */
function hashUnits3(units: Uint8Array | Uint16Array, start: number, end: number): Uint32Array {
  let a = 0;
  let b = SEED_2;
  let c = SEED_3;
  for (let k = start; k < end; k++) {
    const unit = units[k] as number;
    a = mix(a, unit);
    b = mix(b, unit);
    c = mix(c, unit);
  }
  return threeOf(a, b, c, end - start);
}

function threeOf(a: number, b: number, c: number, length: number): Uint32Array {
  three[0] = finish(a, length);
  three[1] = finish(b, length);
  three[2] = finish(c, length);
  return three;
}

/** The string of code units [start, end), in slices, as an argument list has a limit (ids are short: one call). */
export function textOf(units: Uint8Array | Uint16Array, start: number, end: number): string {
  let text = '';
  for (let from = start; from < end; from += TEXT_SLICE) {
    text += String.fromCharCode.apply(
      null,
      units.subarray(from, Math.min(end, from + TEXT_SLICE)) as unknown as number[],
    );
  }
  return text;
}

const TEXT_SLICE = 4096;
const INITIAL_SLOTS = 1 << 12;
/**
 * A slot holds the id's index + 1 in its low INDEX_BITS and the top bits of its hash above them
 * (0 for an empty slot): a probe compares ids only when those bits agree, so a lookup costs about
 * one cache miss instead of three.
 */
const INDEX_BITS = 22;
const INDEX_MASK = (1 << INDEX_BITS) - 1;
/** The most ids a set can hold (the index must fit its bits). */
const ID_SET_CAPACITY = INDEX_MASK - 1;
const tagOf = (hash: number) => (hash >>> INDEX_BITS) << INDEX_BITS;

/** An id set's buffers, to hand it to another thread without copying (see `IdSet.toParts`). */
export interface IdSetParts {
  units: Uint8Array | Uint16Array;
  unitCount: number;
  starts: Uint32Array;
  count: number;
  slots: Int32Array;
}

export class IdSet {
  /** Code units of the ids; one byte each until an id needs more. */
  private units: Uint8Array | Uint16Array = new Uint8Array(1 << 14);
  private unitCount = 0;
  /** Where id i starts in `units` (id i ends where id i + 1 starts). */
  private starts: Uint32Array = new Uint32Array(1 << 11);
  private count = 0;
  /** Open addressing with linear probing (see INDEX_BITS); at most half full. */
  private slots: Int32Array = new Int32Array(INITIAL_SLOTS);

  /** A set holding these ids, in this order. */
  static of(ids: Iterable<string>): IdSet {
    const set = new IdSet();
    for (const id of ids) set.add(id);
    return set;
  }

  /** An independent copy (typed arrays copied, not re-hashed). */
  clone(): IdSet {
    const copy = new IdSet();
    copy.units = this.units.slice();
    copy.unitCount = this.unitCount;
    copy.starts = this.starts.slice();
    copy.count = this.count;
    copy.slots = this.slots.slice();
    return copy;
  }

  /** The set's own buffers (for a worker thread's postMessage transfer list: the set must not be used after). */
  toParts(): IdSetParts {
    return { units: this.units, unitCount: this.unitCount, starts: this.starts, count: this.count, slots: this.slots };
  }

  /** A set over buffers from `toParts` (no copy, no re-hashing). */
  static fromParts(parts: IdSetParts): IdSet {
    const set = new IdSet();
    set.units = parts.units;
    set.unitCount = parts.unitCount;
    set.starts = parts.starts;
    set.count = parts.count;
    set.slots = parts.slots;
    return set;
  }

  get size(): number {
    return this.count;
  }

  /** Code units held, which with `size` decides when the set has grown too big. */
  get textLength(): number {
    return this.unitCount;
  }

  has(id: string): boolean {
    return this.hasUnits(id, 0, id.length);
  }

  /** Adds the id; returns false when it was already there. */
  add(id: string): boolean {
    return this.addUnits(id, 0, id.length);
  }

  /** Whether the id made of code units [start, end) of `units` is in the set. */
  private hasUnits(units: Units, start: number, end: number): boolean {
    return this.slots[this.find(units, start, end, hashUnits(units, start, end, 0))] !== 0;
  }

  /** Adds the id made of code units [start, end) of `units`; returns false when it was already there. */
  private addUnits(units: Units, start: number, end: number): boolean {
    const hash = hashUnits(units, start, end, 0);
    const slot = this.find(units, start, end, hash);
    if (this.slots[slot] !== 0) return false;
    if (this.count >= ID_SET_CAPACITY) throw new RangeError(`an id set holds at most ${ID_SET_CAPACITY} ids`);
    this.append(units, start, end);
    this.slots[slot] = tagOf(hash) | this.count;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return true;
  }

  /** Whether the i-th id of `other` is in this set (no string is made). */
  hasIdOf(other: IdSet, i: number): boolean {
    return this.hasUnits(other.units, other.starts[i] as number, other.end(i));
  }

  /** Adds the i-th id of `other`; returns false when it was already there (no string is made). */
  addIdOf(other: IdSet, i: number): boolean {
    return this.addUnits(other.units, other.starts[i] as number, other.end(i));
  }

  /** The i-th distinct id, in first-seen order. */
  at(i: number): string {
    return textOf(this.units, this.starts[i] as number, this.end(i));
  }

  /** `hashText3` of the i-th id, from its code units (no string is made). */
  hashes3(i: number): Uint32Array {
    return hashUnits3(this.units, this.starts[i] as number, this.end(i));
  }

  *[Symbol.iterator](): IterableIterator<string> {
    for (let i = 0; i < this.count; i++) yield this.at(i);
  }

  /** The slot holding the id, or the empty slot where it would go. */
  private find(units: Units, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const tag = tagOf(hash);
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return slot;
      if ((entry & ~INDEX_MASK) === tag && this.equals((entry & INDEX_MASK) - 1, units, start, end)) return slot;
    }
  }

  private equals(i: number, units: Units, start: number, end: number): boolean {
    const from = this.starts[i] as number;
    if (this.end(i) - from !== end - start) return false;
    const own = this.units;
    if (typeof units === 'string') {
      for (let k = start; k < end; k++) if (own[from + k - start] !== units.charCodeAt(k)) return false;
      return true;
    }
    for (let k = start; k < end; k++) if (own[from + k - start] !== units[k]) return false;
    return true;
  }

  private end(i: number): number {
    return i + 1 < this.count ? (this.starts[i + 1] as number) : this.unitCount;
  }

  private append(units: Units, start: number, end: number): void {
    if (this.count === this.starts.length) this.starts = grow(this.starts, this.starts.length * 2);
    this.starts[this.count++] = this.unitCount;
    const length = end - start;
    if (this.unitCount + length > this.units.length)
      this.units = grow(this.units, Math.max(this.units.length * 2, this.unitCount + length));
    for (let k = start; k < end; k++) {
      const unit = typeof units === 'string' ? units.charCodeAt(k) : (units[k] as number);
      if (unit > 0xff && this.units instanceof Uint8Array) this.units = Uint16Array.from(this.units);
      this.units[this.unitCount++] = unit;
    }
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < this.count; i++) {
      const hash = hashUnits(this.units, this.starts[i] as number, this.end(i), 0);
      let slot = hash & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = tagOf(hash) | (i + 1);
    }
  }
}

function grow<T extends Uint8Array | Uint16Array | Uint32Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(length);
  bigger.set(array);
  return bigger;
}
