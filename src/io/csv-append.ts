import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { UserError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { sniffDelimiter } from './csv-records.js';
import { appendWhole, withLock } from './lock-file.js';

/** A whole (small) CSV file: the audit's responses file, read to append to it. */
export interface CsvTable {
  header: string[];
  records: string[][];
  delimiter: string;
  eol: string;
  text: string;
}

function parseTable(file: string, text: string): CsvTable {
  const delimiter = sniffDelimiter(text.replace(/^\uFEFF/, ''));
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new UserError({
      code: 'csv-syntax',
      file,
      message: `cannot read the existing responses: ${(error as Error).message}`,
    });
  }
  const [header = [], ...records] = rows;
  return { header: header.map((h) => h.trim()), records, delimiter, eol: text.includes('\r\n') ? '\r\n' : '\n', text };
}

/** Reads a CSV file whole, or null when it does not exist or is empty. */
export function readCsvTable(file: string): CsvTable | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') return null;
  return parseTable(file, text);
}

/** Checks that an existing header has every column the audit writes (others may be there too). */
function checkHeader(file: string, table: CsvTable, header: readonly string[]): void {
  const missing = header.filter((column) => !table.header.includes(column));
  if (missing.length > 0) {
    throw new UserError({
      code: 'header-mismatch',
      file,
      line: 1,
      message: `the existing header lacks ${missing.length === 1 ? 'column' : 'columns'} ${missing
        .slice(0, 5)
        .map((c) => `"${c}"`)
        .join(', ')}${missing.length > 5 ? ', ...' : ''} that this audit writes`,
      hint: 'use another --out file, or the questionnaire that file was made with',
    });
  }
}

/**
 * A last record cut short (a power cut in the middle of an append): text after the last line end
 * that has fewer fields than the header, or an unclosed quote. A hand-made file whose last whole
 * row merely lacks a final line end is not cut short.
 */
function cutOffTail(file: string, text: string): string | null {
  if (text.endsWith('\n')) return null;
  const at = text.lastIndexOf('\n');
  if (at === -1) return null;
  let whole: CsvTable;
  try {
    whole = parseTable(file, text);
  } catch {
    // An unclosed quote in the last line: cut off if the text before it reads cleanly.
    parseTable(file, text.slice(0, at + 1));
    return text.slice(at + 1);
  }
  const last = whole.records.at(-1);
  return last && last.length < whole.header.length ? text.slice(at + 1) : null;
}

/** The responses file without a cut-off last row, and that row's text (null when there is none). */
function readResponses(file: string): { table: CsvTable | null; tail: string | null } {
  if (!existsSync(file)) return { table: null, tail: null };
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') return { table: null, tail: null };
  const tail = cutOffTail(file, text);
  return { table: parseTable(file, tail === null ? text : text.slice(0, text.length - tail.length)), tail };
}

/** How many rows the responses file holds (a cut-off last row not counted), and the values in one of its columns. */
export function readColumn(file: string, column: string): { rows: number; values: Set<string> } {
  const { table } = readResponses(file);
  if (!table) return { rows: 0, values: new Set() };
  const index = table.header.indexOf(column);
  return {
    rows: table.records.length,
    values: new Set(index === -1 ? [] : table.records.map((record) => record[index] ?? '')),
  };
}

/** Checks that an existing responses file can take the audit's rows: it has every column the audit writes. */
export function checkAppendable(file: string, header: readonly string[]): CsvTable | null {
  const { table } = readResponses(file);
  if (table) checkHeader(file, table, header);
  return table;
}

export interface Appended {
  /** False when a row with the same values in the `unique` columns was already there. */
  written: boolean;
  /** The number of rows in the file afterwards. */
  rows: number;
  /** Where a cut-off last row was moved, when there was one. */
  cutOff?: string;
}

/** How long a process on another machine may hold the responses file's lock before it counts as dead. */
const CSV_LOCK_STALE_MS = 30_000;
const CSV_LOCK_TIMEOUT_MS = 60_000;

export function csvLockPath(file: string): string {
  return `${file}.lock`;
}

/**
 * Appends one row to the responses file under its lock (`FILE.lock`), so that several audits can
 * finish respondents into one file at the same moment and none is lost. A missing file is created
 * with `header` (atomically, by whoever gets the lock first); an existing one keeps its own column
 * order, delimiter and line ends, and gets the row appended in one write, then flushed to disk.
 * A row whose `unique` columns match an existing row is not written again (a resumed interview
 * whose row made it into the file before a crash).
 */
export async function appendCsvRow(
  file: string,
  header: readonly string[],
  row: Record<string, string>,
  unique: readonly string[] = [],
): Promise<Appended> {
  return withLock(
    csvLockPath(file),
    async (): Promise<Appended> => {
      const { table, tail } = readResponses(file);
      if (!table) {
        const text = stringify([header, header.map((column) => row[column] ?? '')], { record_delimiter: '\n' });
        await writeFileAtomic(file, text, { overwrite: existsSync(file) });
        return { written: true, rows: 1 };
      }
      checkHeader(file, table, header);
      let cutOff: string | undefined;
      if (tail !== null) {
        // Keep the cut-off bytes beside the file (never delete data), then drop them from it.
        cutOff = `${file}.cut-off-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        writeFileSync(cutOff, tail, { flag: 'wx' });
        truncateSync(file, Buffer.byteLength(table.text, 'utf8'));
      }
      const current = table;
      if (unique.length > 0) {
        const indexes = unique.map((column) => current.header.indexOf(column));
        if (current.records.some((record) => indexes.every((index, k) => record[index] === row[unique[k] as string]))) {
          return { written: false, rows: current.records.length, ...(cutOff ? { cutOff } : {}) };
        }
      }
      const line = stringify([current.header.map((column) => row[column] ?? '')], {
        delimiter: current.delimiter,
        record_delimiter: current.eol,
      });
      const separator = current.text.endsWith('\n') ? '' : current.eol;
      // One append of the whole row; a failure leaves the file as it was.
      appendWhole(file, `${separator}${line}`);
      return { written: true, rows: current.records.length + 1, ...(cutOff ? { cutOff } : {}) };
    },
    { staleAfterMs: CSV_LOCK_STALE_MS, timeoutMs: CSV_LOCK_TIMEOUT_MS, file },
  );
}
