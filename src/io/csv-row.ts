import { isUtf8 } from 'node:buffer';
import { parseNumber, type RecordCells } from '../core/scoring/cells.js';
import { plainNumber } from './plain-number.js';
import { InvalidUtf8Cell } from './decode.js';

/*
 * One CSV record as offsets into the bytes read (see csv-scan.ts): cells are decoded to strings
 * only when asked for as text, and read as numbers straight from the bytes when they are plain.
 */

export const QUOTE = 34;
/** Cells up to this many bytes go through the string cache of `CsvRow.text`. */
const INTERNED_LENGTH = 24;
const INTERNED_SLOTS = 64;
/** How many bytes from a badly encoded cell on are looked at to guess the file's encoding. */
const SAMPLE_BYTES = 64 * 1024;

/** The ASCII characters `trim()` removes: tab, line feed, vertical tab, form feed, carriage return, space. */
const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
export const LF = 10;
export const CR = 13;

/** The text of a quoted field: `""` is one quote; bytes after the closing quote (only after a NUL) stay. */
function unquote(bytes: Uint8Array, start: number, end: number): Buffer {
  const out = Buffer.allocUnsafe(end - start);
  let n = 0;
  let p = start + 1;
  while (p < end) {
    const c = bytes[p] as number;
    p++;
    if (c === QUOTE) {
      if (p < end && bytes[p] === QUOTE) p++;
      else break;
    }
    out[n++] = c;
  }
  while (p < end) out[n++] = bytes[p++] as number;
  return out.subarray(0, n);
}

/** A RELAXED field's text (see csv-scan.ts): its opening quote, `""` read as one up to the quote at `at`, then the rest as is. */
function relaxedText(bytes: Uint8Array, start: number, at: number, end: number): Buffer {
  const out = Buffer.allocUnsafe(end - start);
  out[0] = QUOTE;
  let n = 1;
  for (let p = start + 1; p < at; p++) {
    out[n++] = bytes[p] as number;
    if (bytes[p] === QUOTE) p++;
  }
  for (let p = at; p < end; p++) out[n++] = bytes[p] as number;
  return out.subarray(0, n);
}

/**
 * One record as a view of the scanner's bytes: valid only until the callback that receives it
 * returns. Field k's text is the bytes [starts[k], ends[k]), or, when starts[k] is negative, the
 * raw bytes [~starts[k], ends[k]) of a quoted field to unquote (the sign saves a store per field).
 */
export class CsvRow implements RecordCells {
  bytes: Buffer = Buffer.alloc(0);
  /** How many of `bytes` are data (the rest is stale). */
  held = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  count = 0;
  /** Fields read after a quote that closed nothing (rare): field index -> offset of that quote. */
  private readonly relaxedAt = new Map<number, number>();
  /** The line on which the record starts; the header is line 1. */
  line = 0;
  private readonly interned = new Array<string>(INTERNED_SLOTS).fill('');
  /** `exceeds` has measured this many fields, of this many UTF-16 units. */
  private measured = 0;
  private units = 0;

  reset(): void {
    this.count = 0;
    if (this.relaxedAt.size > 0) this.relaxedAt.clear();
    this.measured = 0;
    this.units = 0;
  }

  text(index: number): string {
    if (index >= this.count) return '';
    const start = this.starts[index] as number;
    const end = this.ends[index] as number;
    if (start >= 0)
      return end - start <= INTERNED_LENGTH
        ? this.shortText(index, start, end)
        : this.utf8(index, this.bytes, start, end);
    const bytes = this.quotedBytes(index, ~start, end);
    return this.utf8(index, bytes, 0, bytes.length);
  }

  /** The text of a quoted field as bytes: unquoted, or relaxed (see `addRelaxed`). */
  private quotedBytes(index: number, start: number, end: number): Buffer {
    const at = this.relaxedAt.size > 0 ? this.relaxedAt.get(index) : undefined;
    return at === undefined ? unquote(this.bytes, start, end) : relaxedText(this.bytes, start, at, end);
  }

  /**
   * Bytes decoded as UTF-8, never silently: a replacement character that the bytes do not hold
   * means they are in another encoding (two branch names would otherwise merge into one).
   */
  private utf8(index: number, bytes: Buffer, start: number, end: number): string {
    const text = bytes.toString('utf8', start, end);
    if (text.includes('\uFFFD') && !isUtf8(bytes.subarray(start, end))) {
      // A sample from this cell on, for guessing the file's encoding.
      const from = bytes === this.bytes ? start : ~(this.starts[index] as number);
      throw new InvalidUtf8Cell(index, this.bytes.subarray(from, Math.min(this.held, from + SAMPLE_BYTES)));
    }
    return text;
  }

  /**
   * A short unquoted cell's text, from a small cache of the last strings seen: the --group-by
   * columns hold a few values over millions of rows, and a string per row is garbage that makes
   * V8 grow its young generation over a long run (memory that 1M rows did not need and 5M did).
   */
  private shortText(index: number, start: number, end: number): string {
    const bytes = this.bytes;
    let hash = end - start;
    for (let p = start; p < end; p++) {
      const c = bytes[p] as number;
      if (c >= 0x80) return this.utf8(index, bytes, start, end);
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    const slot = hash & (INTERNED_SLOTS - 1);
    const cached = this.interned[slot] as string;
    if (cached.length === end - start) {
      let same = true;
      for (let p = start; p < end && same; p++) same = cached.charCodeAt(p - start) === bytes[p];
      if (same) return cached;
    }
    const text = bytes.toString('latin1', start, end);
    this.interned[slot] = text;
    return text;
  }

  number(index: number): number | undefined {
    if (index >= this.count) return Number.NaN;
    const start = this.starts[index] as number;
    const end = this.ends[index] as number;
    // Most answers are one digit.
    if (end - start === 1) {
      const digit = (this.bytes[start] as number) - 48;
      if (digit >= 0 && digit <= 9) return digit;
    }
    if (start >= 0) {
      const value = plainNumber(this.bytes, start, end);
      if (value !== undefined) return value;
    }
    return parseNumber(this.text(index));
  }

  /** The bytes csv-parse collects for the field (its measure of a field being read). */
  contentLength(index: number): number {
    const start = this.starts[index] as number;
    const end = this.ends[index] as number;
    return start >= 0 ? end - start : this.quotedBytes(index, ~start, end).length;
  }

  /** Adds a field: `start` is ~offset for a quoted field to unquote. */
  add(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const grow = <T extends Int32Array>(from: T, to: T): T => {
        to.set(from);
        return to;
      };
      this.starts = grow(this.starts, new Int32Array(this.count * 2));
      this.ends = grow(this.ends, new Int32Array(this.count * 2));
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /** Adds a field read on after a quote at `at` that closed nothing (csv-parse's relax_quotes). */
  addRelaxed(start: number, at: number, end: number): void {
    this.relaxedAt.set(this.count, at);
    this.add(~start, end);
  }

  shift(by: number): void {
    for (const [k, at] of this.relaxedAt) this.relaxedAt.set(k, at - by);
    for (let k = 0; k < this.count; k++) {
      const start = this.starts[k] as number;
      this.starts[k] = start >= 0 ? start - by : ~(~start - by);
      this.ends[k] = (this.ends[k] as number) - by;
    }
  }

  /**
   * csv-parse's max_record_size: before adding a byte to a field it fails if the earlier fields of
   * the record (as strings, in UTF-16 units) and the field's bytes so far exceed the limit. Whether
   * that happened by now (the field at fault, or -1), `partial` being the bytes of the field being read. The scanner calls this
   * only once the record's raw bytes could exceed the limit, so the decoding is off the hot path.
   */
  exceeds(limit: number, partial: number): number {
    const over = (bytes: number) => bytes > 0 && this.units + bytes - 1 > limit;
    for (; this.measured < this.count; this.measured++) {
      if (over(this.contentLength(this.measured))) return this.measured;
      this.units += this.text(this.measured).length;
    }
    return over(partial) ? this.count : -1;
  }

  /** Whether every cell is empty after JavaScript's trim(), as `isBlank` decides: bytes first, text only for non-ASCII. */
  isBlank(): boolean {
    const bytes = this.bytes;
    for (let k = 0; k < this.count; k++) {
      const start = this.starts[k] as number;
      if (start >= 0) {
        let ascii = true;
        for (let p = start, end = this.ends[k] as number; p < end; p++) {
          const c = bytes[p] as number;
          if (isAsciiSpace(c)) continue;
          if (c < 0x80) return false;
          ascii = false;
          break;
        }
        if (ascii) continue;
      }
      if (this.text(k).trim() !== '') return false;
    }
    return true;
  }
}
