import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { UserError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { sniffDelimiter } from './csv-records.js';

/** A whole (small) CSV file: the audit's responses file, read to append to it. */
export interface CsvTable {
  header: string[];
  records: string[][];
  delimiter: string;
  eol: string;
  text: string;
}

/** Reads a CSV file whole, or null when it does not exist or is empty. */
export function readCsvTable(file: string): CsvTable | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') return null;
  const delimiter = sniffDelimiter(text.replace(/^\uFEFF/, ''));
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new UserError({ code: 'csv-syntax', file, message: `cannot read the existing responses: ${(error as Error).message}` });
  }
  const [header = [], ...records] = rows;
  return { header: header.map((h) => h.trim()), records, delimiter, eol: text.includes('\r\n') ? '\r\n' : '\n', text };
}

/** Checks that an existing responses file can take the audit's rows: it has every column the audit writes. */
export function checkAppendable(file: string, header: readonly string[]): CsvTable | null {
  const table = readCsvTable(file);
  if (!table) return null;
  const missing = header.filter((column) => !table.header.includes(column));
  if (missing.length > 0) {
    throw new UserError({
      code: 'header-mismatch',
      file,
      line: 1,
      message: `the existing header lacks ${missing.length === 1 ? 'column' : 'columns'} ${missing.slice(0, 5).map((c) => `"${c}"`).join(', ')}${missing.length > 5 ? ', ...' : ''} that this audit writes`,
      hint: 'use another --out file, or the questionnaire that file was made with',
    });
  }
  return table;
}

/**
 * Appends one row to a CSV file atomically: the whole new file is written beside it and renamed
 * over it, so a crash can never leave half a row. A missing file is created with `header`; an
 * existing one keeps its own column order and delimiter.
 */
export async function appendCsvRow(file: string, header: readonly string[], row: Record<string, string>): Promise<void> {
  const table = checkAppendable(file, header);
  if (!table) {
    const text = stringify([header, header.map((column) => row[column] ?? '')], { record_delimiter: '\n' });
    await writeFileAtomic(file, text);
    return;
  }
  const line = stringify([table.header.map((column) => row[column] ?? '')], { delimiter: table.delimiter, record_delimiter: table.eol });
  const separator = table.text.endsWith('\n') ? '' : table.eol;
  await writeFileAtomic(file, `${table.text}${separator}${line}`);
}
