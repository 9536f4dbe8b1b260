import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
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

/** Splits the first chunks off a stream until the header line is complete, for sniffing. */
async function* withPrefix(source: AsyncIterator<Buffer>, prefix: Buffer[]): AsyncGenerator<Buffer> {
  yield* prefix;
  for (;;) {
    const next = await source.next();
    if (next.done) return;
    yield next.value;
  }
}

function csvErrorMessage(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is not closed before the end of the file';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing quote is followed by other characters instead of a delimiter';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return 'the record has a different number of fields from the header';
    default: {
      const text = error.message.replace(/ at line \d+.*$/, '');
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

/** A blank line, or a row of nothing but delimiters and spaces (spreadsheets export those). */
function isBlank(record: readonly string[]): boolean {
  return record.every((field) => field.trim() === '');
}

/**
 * Streams the records of a CSV file with the line each starts on. Accepts a UTF-8 BOM, CRLF, and
 * `,` `;` or tab delimiters (sniffed from the header), quoted fields with newlines; blank lines and
 * rows of empty cells are skipped. Syntax errors become a UserError with the file and line.
 */
export async function* readCsvRecords(input: Readable, file: string): AsyncGenerator<CsvRecord> {
  const source = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const prefix: Buffer[] = [];
  let seen = 0;
  for (;;) {
    const next = await source.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    prefix.push(chunk);
    seen += chunk.length;
    if (chunk.includes(10) || seen >= SNIFF_LIMIT) break;
  }
  const head = Buffer.concat(prefix).subarray(0, SNIFF_LIMIT).toString('utf8');
  const parser = parse({
    delimiter: sniffDelimiter(head.replace(/^\uFEFF/, '')),
    bom: true,
    raw: true,
    relax_column_count: true,
    max_record_size: 16 * 1024 * 1024,
  });
  const feed = Readable.from(withPrefix(source as AsyncIterator<Buffer>, prefix));
  feed.on('error', (error) => parser.destroy(error));
  feed.pipe(parser);
  // Lines are counted here from the raw text: csv-parse counts a CRLF inside quotes as two lines.
  let line = 1;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const start = line;
      line += lineBreaks(raw);
      if (isBlank(record)) continue;
      yield { fields: record, line: start };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new UserError({ code: 'csv-syntax', file, line, message: csvErrorMessage(error) });
    }
    throw error;
  } finally {
    feed.unpipe(parser);
    feed.destroy();
  }
}
