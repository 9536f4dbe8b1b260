import { cellTexts, StringCells, type RecordCells } from '../core/scoring/cells.js';
import {
  csvSyntaxError,
  MAX_RECORD_SIZE,
  parseRecords,
  QUOTE_SPANS_LINES,
  readHead,
  type CsvRecord,
} from './csv-records.js';
import { CR, CsvRow, LF, QUOTE } from './csv-row.js';
import { InvalidUtf8Cell, notUtf8Error } from './decode.js';

/*
 * A streaming CSV reader on bytes, for the hot path of scoring: it yields each record as offsets
 * into the bytes read, so numbers are read without a string per cell. It reads exactly as
 * `readCsvRecords` (csv-parse) does, quirks included, because a file must not score differently
 * depending on the reader; test/integration/csv-scan.test.ts checks that on random files.
 */

/** Where the scanner is within a field; CLOSED is after the closing quote. (Not an enum: that is an object to look up in the loop.) */
const START = 0;
const UNQUOTED = 1;
const IN_QUOTES = 2;
const CLOSED = 3;
/**
 * After a quote that closes nothing (`"6"x`): csv-parse's relax_quotes keeps the field's text from
 * its opening quote on, `""` before that quote read as one, and reads on as an unquoted field.
 */
const RELAXED = 4;

/** Record delimiters: like csv-parse, the first line break outside quotes decides, and only it ends records. */
const UNKNOWN = 0;
const LF_ONLY = 1;
const CRLF = 2;
const CR_ONLY = 3;

/**
 * The scanner proper: feed it chunks with `push` (split anywhere) and call `end`. Each non-blank
 * record goes to `onRecord`; syntax errors throw the UserError `readCsvRecords` throws.
 */
class CsvScanner {
  /** Holds the unfinished record and the chunk after it; bytes past `len` are stale, so look-aheads check `len`. */
  private buf = Buffer.allocUnsafe(1 << 16);
  /** Bytes held; where scanning resumes; where the current record and field start; its closing quote. */
  private len = 0;
  private pos = 0;
  private recStart = 0;
  private fieldStart = 0;
  private closeAt = 0;
  /** In a RELAXED field, the quote that closed nothing. */
  private relaxAt = 0;
  private state = START;
  /** `""` pairs in the current quoted field; line breaks in the current record so far, and the line it starts on. */
  private escapes = 0;
  private breaks = 0;
  /** The record's line breaks before the current quoted field's opening quote. */
  private fieldBreaks = 0;
  /**
   * The first field of the record that ran over a line break inside its quotes and then went on
   * after a quote that closed nothing (-1: none): the sign of a quote left open, which would
   * silently swallow the next rows into one cell, so the record fails when it ends.
   */
  private spanning = -1;
  private line = 1;
  private readonly delimiter: number;
  private recordDelimiter = UNKNOWN;
  private readonly row = new CsvRow();
  /** Whether the row is being handed out (the line it starts on is set) rather than read. */
  private emitting = false;
  private readonly maxRecordSize: number;
  /** 1 for the bytes that end or break an unquoted field: the delimiter, CR, LF and the quote. */
  private readonly special = new Uint8Array(256);

  constructor(
    private readonly file: string,
    delimiter: string,
    private readonly onRecord: (row: CsvRow) => void,
    maxRecordSize = MAX_RECORD_SIZE,
    /** The header's name of field `index`, for syntax errors (undefined while the header is being read). */
    private readonly columnName: (index: number) => string | undefined = () => undefined,
  ) {
    // As csv-parse, 0 means no limit.
    this.maxRecordSize = maxRecordSize === 0 ? Infinity : maxRecordSize;
    this.delimiter = delimiter.charCodeAt(0);
    for (const c of [this.delimiter, CR, LF, QUOTE]) this.special[c] = 1;
    this.row.bytes = this.buf;
  }

  /** The line on which the record being read (or just handed out) starts. */
  get recordLine(): number {
    return this.emitting ? this.row.line : this.line;
  }

  push(chunk: Uint8Array): void {
    this.append(chunk);
    this.scan(false);
    if (this.pos - this.recStart > this.maxRecordSize + 1) this.checkSize(this.partialLength());
  }

  end(): void {
    this.scan(true);
    const state = this.state;
    if (state === IN_QUOTES) this.fail('CSV_QUOTE_NOT_CLOSED', 'Quote Not Closed');
    // As csv-parse: a last line without a line break is a record unless it is empty.
    if (state !== START || this.row.count > 0) {
      if (state === START) this.row.add(this.len, this.len);
      else this.endField(state, this.fieldStart, this.len);
      this.endRecord(this.len, this.breaks);
    }
  }

  /** Appends a chunk after the unfinished record, dropping the records already handed out. */
  private append(chunk: Uint8Array): void {
    const shift = this.recStart;
    if (shift > 0) {
      this.buf.copyWithin(0, shift, this.len);
      this.len -= shift;
      this.pos -= shift;
      this.fieldStart -= shift;
      this.closeAt -= shift;
      this.relaxAt -= shift;
      this.recStart = 0;
      this.row.shift(shift);
    }
    if (this.len + chunk.length > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + chunk.length));
      this.buf.copy(grown, 0, 0, this.len);
      this.buf = grown;
      this.row.bytes = grown;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
    this.row.held = this.len;
  }

  /**
   * Scans what is held; stops early (to resume on the next chunk) where the next byte decides.
   * The loop keeps its state in locals, written back to the fields on the way out and before the
   * calls that read them, because it runs for every byte.
   */
  private scan(end: boolean): void {
    const b = this.buf;
    const len = this.len;
    const d = this.delimiter;
    const special = this.special;
    let p = this.pos;
    let state = this.state;
    let fieldStart = this.fieldStart;
    let breaks = this.breaks;
    outer: while (p < len) {
      if (state === START) {
        fieldStart = p;
        if (b[p] === QUOTE) {
          state = IN_QUOTES;
          this.escapes = 0;
          this.fieldBreaks = breaks;
          p++;
        } else {
          state = UNQUOTED;
        }
      }
      if (state === IN_QUOTES) {
        for (;;) {
          if (p >= len) break outer;
          const c = b[p] as number;
          if (c > QUOTE) {
            p++;
          } else if (c === QUOTE) {
            if (p + 1 >= len && !end) break outer;
            if (p + 1 < len && b[p + 1] === QUOTE) {
              this.escapes++;
              p += 2;
              continue;
            }
            const closes = this.closes(p + 1, end);
            if (closes < 0) break outer;
            if (closes === 0) {
              if (breaks > this.fieldBreaks && this.spanning < 0) this.spanning = this.row.count;
              this.relaxAt = p;
              state = RELAXED;
              p++;
              continue outer;
            }
            this.closeAt = p;
            state = CLOSED;
            p++;
            continue outer;
          } else if (c === LF) {
            breaks++;
            p++;
          } else if (c === CR) {
            if (p + 1 >= len && !end) break outer;
            breaks += this.loneCr(p);
            p++;
          } else {
            p++;
          }
        }
      }
      // Unquoted or Closed: on to the delimiter or the end of the record.
      for (;;) {
        if (p >= len) break outer;
        const c = b[p] as number;
        if (special[c] === 0) {
          p++;
          continue;
        }
        if (c === d) {
          this.endField(state, fieldStart, p);
          state = START;
          p++;
          continue outer;
        }
        if (c === QUOTE) {
          // Inside a field that did not start with a quote, or after one closed by a NUL, it is a
          // character (csv-parse's relax_quotes).
          p++;
          continue;
        }
        const size = this.recordDelimiterAt(p, end);
        if (size < 0) break outer;
        if (size > 0) {
          this.endField(state, fieldStart, p);
          this.endRecord(p + size, breaks + 1);
          breaks = 0;
          state = START;
          p += size;
          continue outer;
        }
        // A line break that is not the record delimiter is part of the field, and still a line.
        if (c === CR && p + 1 >= len && !end) break outer;
        breaks += c === CR ? this.loneCr(p) : 1;
        p++;
      }
    }
    this.pos = p;
    this.state = state;
    this.fieldStart = fieldStart;
    this.breaks = breaks;
  }

  /** The length of the record delimiter at `p` (0 if none), discovering it; -1 when the next chunk decides. */
  private recordDelimiterAt(p: number, end: boolean): number {
    const b = this.buf;
    const c = b[p];
    if (this.recordDelimiter === UNKNOWN) {
      if (c === LF) this.recordDelimiter = LF_ONLY;
      else if (c !== CR) return 0;
      else if (p + 1 >= this.len && !end) return -1;
      else this.recordDelimiter = p + 1 < this.len && b[p + 1] === LF ? CRLF : CR_ONLY;
    }
    if (this.recordDelimiter === LF_ONLY) return c === LF ? 1 : 0;
    if (this.recordDelimiter === CR_ONLY) return c === CR ? 1 : 0;
    if (c !== CR) return 0;
    if (p + 1 >= this.len && !end) return -1;
    return p + 1 < this.len && b[p + 1] === LF ? 2 : 0;
  }

  /** 1 if the CR at `p` is a line break of its own, 0 if an LF follows (CRLF is one line break). */
  private loneCr(p: number): number {
    return p + 1 < this.len && this.buf[p + 1] === LF ? 0 : 1;
  }

  /** Whether a quote closes its field, given the byte after it (1 yes, 0 no, -1 the next chunk decides). csv-parse accepts a NUL. */
  private closes(next: number, end: boolean): number {
    if (next >= this.len) return 1;
    const n = this.buf[next];
    if (n === 0 || n === this.delimiter) return 1;
    if (n !== LF && n !== CR) return 0;
    return Math.sign(this.recordDelimiterAt(next, end));
  }

  /** Ends the field [start, p) read in `state` (UNQUOTED, CLOSED or RELAXED). */
  private endField(state: number, start: number, p: number): void {
    if (state === UNQUOTED) this.row.add(start, p);
    else if (state === RELAXED) this.row.addRelaxed(start, this.relaxAt, p);
    else this.endQuoted(start, p);
  }

  /** Ends a quoted field: a plain view of its inside, unless it has `""` or bytes after the closing quote. */
  private endQuoted(start: number, p: number): void {
    if (this.escapes === 0 && this.closeAt === p - 1) this.row.add(start + 1, p - 1);
    else this.row.add(~start, p);
  }

  private endRecord(next: number, breaks: number): void {
    const row = this.row;
    if (next - this.recStart > this.maxRecordSize + 1) this.checkSize(0);
    if (this.spanning >= 0) {
      const field = this.spanning;
      this.spanning = -1;
      throw csvSyntaxError(this.file, this.line, QUOTE_SPANS_LINES, '', this.columnName(field));
    }
    row.line = this.line;
    this.line += breaks;
    this.emitting = true;
    if (!row.isBlank()) this.onRecord(row);
    this.emitting = false;
    row.reset();
    this.recStart = next;
  }

  /** Bytes collected so far for the field being read (after a closing quote: its inside, and any bytes since). */
  private partialLength(): number {
    if (this.state === UNQUOTED) return this.pos - this.fieldStart;
    if (this.state === IN_QUOTES) return this.pos - this.fieldStart - 1 - this.escapes;
    if (this.state === CLOSED) return this.closeAt - this.fieldStart - 1 - this.escapes + (this.pos - this.closeAt - 1);
    if (this.state === RELAXED) return this.relaxAt - this.fieldStart - this.escapes + (this.pos - this.relaxAt);
    return 0;
  }

  /** Fails on a record over csv-parse's max_record_size, given the bytes of the field being read. */
  private checkSize(partial: number): void {
    const field = this.row.exceeds(this.maxRecordSize, partial);
    if (field < 0) return;
    const message = `Max Record Size: record exceed the maximum number of tolerated bytes of ${this.maxRecordSize}`;
    throw csvSyntaxError(this.file, this.line, 'CSV_MAX_RECORD_SIZE', message, this.columnName(field));
  }

  /** A syntax error at `p`, unless the record had already grown too large before it. */
  private fail(code: string, message: string, p = this.pos, state = this.state): never {
    this.pos = p;
    this.state = state;
    if (p - this.recStart > this.maxRecordSize + 1) this.checkSize(this.partialLength());
    throw csvSyntaxError(this.file, this.line, code, message, this.columnName(this.row.count));
  }
}

/**
 * Reads a CSV as `readCsvRecords` does, calling `onRecord` with each non-blank record and the line
 * it starts on. The cells are valid only during the call. A UTF-16 file (rare) goes to csv-parse.
 */
export async function scanCsv(
  input: AsyncIterable<Buffer | string>,
  file: string,
  onRecord: (cells: RecordCells, line: number) => void,
  maxRecordSize = MAX_RECORD_SIZE,
): Promise<void> {
  for await (const _ of scanSteps(input, file, onRecord, maxRecordSize));
}

/**
 * The records of a CSV exactly as `readCsvRecords` (csv-parse) gives them, fields as strings, read
 * by the byte scanner: several times faster, for the survey platforms' exports.
 */
export async function* scanCsvRecords(
  input: AsyncIterable<Buffer | string>,
  file: string,
  maxRecordSize = MAX_RECORD_SIZE,
): AsyncGenerator<CsvRecord> {
  let pending: CsvRecord[] = [];
  try {
    for await (const _ of scanSteps(
      input,
      file,
      (cells, line) => pending.push({ fields: cellTexts(cells), line }),
      maxRecordSize,
    )) {
      yield* pending;
      pending = [];
    }
  } catch (error) {
    // The records before a syntax error come first, as csv-parse gives them.
    yield* pending;
    throw error;
  }
  yield* pending;
}

/** `scanCsv`, pausing after each chunk (or each record of a UTF-16 file) so that a generator can hand out what was found. */
async function* scanSteps(
  input: AsyncIterable<Buffer | string>,
  file: string,
  onRecord: (cells: RecordCells, line: number) => void,
  maxRecordSize: number,
): AsyncGenerator<void> {
  const source = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head = await readHead(source);
  if (head.utf16) {
    // csv-parse may keep a view of a chunk, and the reader may refill a chunk's buffer (openChunks): copy.
    const copies: AsyncIterator<Buffer | string> = {
      next: async () => {
        const next = await source.next();
        return next.done || typeof next.value === 'string' ? next : { done: false, value: Buffer.from(next.value) };
      },
    };
    for await (const record of parseRecords(head, copies, file, maxRecordSize)) {
      onRecord(new StringCells(record.fields), record.line);
      yield;
    }
    return;
  }
  // A cell that is not UTF-8 is named by its header (the first record), or by its place in the header itself.
  let header: readonly string[] | null = null;
  const scanner = new CsvScanner(
    file,
    head.delimiter,
    (row) => {
      onRecord(row, row.line);
      header ??= cellTexts(row);
    },
    maxRecordSize,
    (index) => (header as readonly string[] | null)?.[index],
  );
  try {
    // csv-parse drops a UTF-8 BOM from the first three bytes, which the head holds (unless the file is shorter).
    const first = Buffer.concat(head.chunks);
    scanner.push(first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? first.subarray(3) : first);
    yield;
    for (;;) {
      const next = await source.next();
      if (next.done) break;
      scanner.push(typeof next.value === 'string' ? Buffer.from(next.value) : next.value);
      yield;
    }
    scanner.end();
  } catch (error) {
    if (!(error instanceof InvalidUtf8Cell)) throw error;
    const named = (header as readonly string[] | null)?.[error.field];
    const column = named !== undefined && named.trim() !== '' ? named : error.field + 1;
    const where =
      named === undefined && (header as readonly string[] | null) === null ? ` (header cell ${error.field + 1})` : '';
    throw notUtf8Error({ file, line: scanner.recordLine, column }, error.sample, 'data', where);
  }
}
