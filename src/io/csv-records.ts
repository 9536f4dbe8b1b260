import type { Readable } from 'node:stream';
import { parse, CsvError, type Options } from 'csv-parse';
import { UserError } from '../errors.js';

export interface CsvRecord {
  fields: string[];
  /** The line on which the record starts; the header is line 1. */
  line: number;
}

const DELIMITERS = [',', ';', '\t'] as const;
/** How far to look for the end of the header line when choosing the delimiter. */
const SNIFF_LIMIT = 1024 * 1024;

/**
 * The delimiter of a CSV: whichever of `,` `;` and tab occurs most often outside quotes on the
 * header line (ties go to the comma).
 * @example sniffDelimiter('respondent;T1_E;T1_P\n') // ';'
 */
export function sniffDelimiter(headerText: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerText) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: string = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** What the reader knows after the first line: the chunks read so far and the delimiter. */
export interface CsvHead {
  chunks: Buffer[];
  delimiter: string;
  /** A UTF-16LE byte-order mark, which csv-parse honours by decoding the file as UTF-16. */
  utf16: boolean;
}

/**
 * Reads chunks until the header line is complete (a line break outside quotes, as `sniffDelimiter`
 * sees quotes), or SNIFF_LIMIT bytes, and picks the delimiter. Waiting for the end of the line, not
 * just for a chunk with a newline in it, makes the choice independent of how the file is chunked.
 */
export async function readHead(source: AsyncIterator<Buffer | string>): Promise<CsvHead> {
  const chunks: Buffer[] = [];
  let seen = 0;
  let quoted = false;
  let complete = false;
  while (!complete && seen < SNIFF_LIMIT) {
    const next = await source.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    // A copy: the reader may refill the chunk's buffer on the next pull (see openChunks).
    chunks.push(Buffer.from(chunk));
    seen += chunk.length;
    for (let i = 0; i < chunk.length && !complete; i++) {
      const byte = chunk[i];
      if (byte === 34) quoted = !quoted;
      else if (!quoted && (byte === 10 || byte === 13)) complete = true;
    }
    // The byte-order mark is decided on the first three bytes.
    if (seen < 3) complete = false;
  }
  const head = Buffer.concat(chunks).subarray(0, SNIFF_LIMIT);
  return {
    chunks,
    delimiter: sniffDelimiter(head.toString('utf8').replace(/^\uFEFF/, '')),
    utf16: head.length >= 3 && head[0] === 0xff && head[1] === 0xfe,
  };
}

async function* withPrefix(source: AsyncIterator<Buffer | string>, prefix: Buffer[]): AsyncGenerator<Buffer> {
  yield* prefix;
  for (;;) {
    const next = await source.next();
    if (next.done) return;
    yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
  }
}

/**
 * The UserError for a csv-parse error, or the scanner's same error, in the record starting on
 * `line`, in the field named `column` by the header (none when the header itself is at fault).
 */
export function csvSyntaxError(
  file: string,
  line: number,
  code: string,
  message: string,
  column?: string | undefined,
): UserError {
  return new UserError({
    code: 'csv-syntax',
    file,
    line,
    ...(column !== undefined && column.trim() !== '' ? { column } : {}),
    message: csvErrorMessage(code, message),
  });
}

/**
 * servqual's own syntax error, beside csv-parse's: a quoted field that runs over a line break and
 * then goes on after a quote that closes nothing. Read as csv-parse's relax_quotes reads it, the
 * rows after an unclosed quote would silently become part of one cell.
 */
export const QUOTE_SPANS_LINES = 'CSV_QUOTE_SPANS_LINES';

function csvErrorMessage(code: string, message: string): string {
  switch (code) {
    case QUOTE_SPANS_LINES:
      return 'a quote is not closed: this quoted cell runs onto the next lines and ends in other text, so the rows after it would be read into it; close the quote (or double a quote inside the cell)';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is not closed before the end of the file';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return 'the record has a different number of fields from the header';
    case 'CSV_MAX_RECORD_SIZE':
      return 'a record is longer than 16 MiB: the file has no line breaks where they belong, or a quote that is never closed';
    default: {
      const text = message.replace(/ at line \d+.*$/, '');
      return text.charAt(0).toLowerCase() + text.slice(1);
    }
  }
}

/**
 * Line breaks in a record's raw text: CRLF, LF or a lone CR each count once. (csv-parse's raw text
 * ends with the CR of a CRLF delimiter but not its LF, so the trailing CR counts.)
 */
function lineBreaks(raw: string): number {
  let count = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (ch === 10 || (ch === 13 && raw.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/**
 * The first field of one record's raw text that opens a quote, runs over a line break inside it,
 * and goes on after a quote that closes nothing (csv-parse's relax_quotes would read on); -1 if
 * none. A quote closes its field before the delimiter, a record delimiter, a NUL or the end, as
 * csv-parse decides (the scanner reads the same, see csv-scan.ts).
 */
function spanningField(raw: string, delimiter: string, recordDelimiters: readonly string[]): number {
  // csv-parse's raw text of a CRLF record ends with the CR: the delimiter's tail may be cut off.
  const endsRecord = (i: number) =>
    recordDelimiters.some(
      (d) => d !== '' && (raw.startsWith(d, i) || (i + d.length > raw.length && d.startsWith(raw.slice(i)))),
    );
  let field = 0;
  let i = 0;
  for (;;) {
    if (raw[i] === '"') {
      let broken = false;
      for (i++; i < raw.length; i++) {
        const c = raw[i];
        if (c === '\n' || c === '\r') broken = true;
        if (c !== '"') continue;
        if (raw[i + 1] === '"') {
          i++;
          continue;
        }
        const next = i + 1;
        if (next >= raw.length || raw[next] === '\0' || raw[next] === delimiter || endsRecord(next)) break;
        if (broken) return field;
        break;
      }
      i++;
    }
    while (i < raw.length && raw[i] !== delimiter && !endsRecord(i)) i++;
    if (i >= raw.length || raw[i] !== delimiter) return -1;
    field++;
    i++;
  }
}

/** A blank line, or a row of nothing but delimiters and spaces (spreadsheets export those). */
function isBlank(record: readonly string[]): boolean {
  return record.every((field) => field.trim() === '');
}

/** The largest record csv-parse accepts, in its own measure (see CsvRow.exceeds). */
export const MAX_RECORD_SIZE = 16 * 1024 * 1024;

/**
 * The records after `head`, parsed by csv-parse. Records are taken in its `on_record` hook, in
 * step with the parsing, and handed out chunk by chunk: so every record before a syntax error is
 * yielded, and the error names the line on which the failing record starts. (Reading csv-parse as
 * a stream instead loses the records it has queued when it fails, and with them the line count.)
 */
export async function* parseRecords(
  head: CsvHead,
  source: AsyncIterator<Buffer | string>,
  file: string,
  maxRecordSize = MAX_RECORD_SIZE,
): AsyncGenerator<CsvRecord> {
  let line = 1;
  let pending: CsvRecord[] = [];
  // Syntax errors name the field by its header.
  let header: readonly string[] | null = null;
  // A record with a quote left open (see QUOTE_SPANS_LINES): the records after it are not taken.
  let spanning: { line: number; field: number } | null = null;
  const onRecord = ({ record, raw }: { record: string[]; raw: string }): null => {
    const start = line;
    line += lineBreaks(raw);
    if (spanning !== null) return null;
    const field = spanningField(raw, head.delimiter, recordDelimiters());
    if (field >= 0) {
      spanning = { line: start, field };
      return null;
    }
    if (!isBlank(record)) {
      header ??= record;
      pending.push({ fields: record, line: start });
    }
    return null;
  };
  const parser = parse({
    delimiter: head.delimiter,
    bom: true,
    raw: true,
    relax_column_count: true,
    // A quote inside a field that does not start with one is a character, as Excel and Python's csv read it.
    relax_quotes: true,
    max_record_size: maxRecordSize,
    // With `raw`, csv-parse passes { record, raw }, which its types do not say.
    on_record: onRecord as unknown as Options['on_record'],
  });
  // Errors arrive through the write and end callbacks; this keeps the 'error' event from throwing.
  parser.on('error', () => undefined);
  // The record delimiters csv-parse has found by now (it finds the first as it reads).
  const recordDelimiters = (): string[] =>
    ((parser as unknown as { options: { record_delimiter?: Buffer[] } }).options.record_delimiter ?? []).map((d) =>
      d.toString(),
    );
  const step = (chunk: Buffer | null) =>
    new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null) => (error ? reject(error) : resolve());
      if (chunk === null) parser.end(done);
      else parser.write(chunk, done);
    });
  let failure: unknown = null;
  try {
    for await (const chunk of withPrefix(source, head.chunks)) {
      await step(chunk);
      yield* pending;
      pending = [];
      if (spanning !== null) break;
    }
    if (spanning === null) await step(null);
  } catch (error) {
    failure = error;
  }
  yield* pending;
  const open = spanning as { line: number; field: number } | null;
  if (open !== null && failure === null) {
    const named = header as readonly string[] | null;
    throw csvSyntaxError(file, open.line, QUOTE_SPANS_LINES, '', named?.[open.field]);
  }
  if (failure instanceof CsvError) {
    const field = (failure as CsvError & { index?: unknown }).index;
    const named = header as readonly string[] | null;
    throw csvSyntaxError(
      file,
      line,
      failure.code,
      failure.message,
      typeof field === 'number' ? named?.[field] : undefined,
    );
  }
  if (failure !== null) throw failure;
}

/**
 * Streams the records of a CSV file with the line each starts on. Accepts a UTF-8 BOM, CRLF, and
 * `,` `;` or tab delimiters (sniffed from the header), quoted fields with newlines; blank lines and
 * rows of empty cells are skipped. Syntax errors become a UserError with the file and line.
 * This is csv-parse's reading, the reference for the faster `scanCsv`.
 */
export async function* readCsvRecords(
  input: Readable,
  file: string,
  maxRecordSize = MAX_RECORD_SIZE,
): AsyncGenerator<CsvRecord> {
  const source = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  yield* parseRecords(await readHead(source), source, file, maxRecordSize);
}
