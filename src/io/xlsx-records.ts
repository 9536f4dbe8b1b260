import { Readable } from 'node:stream';
import type { CellValue, Row, stream as ExcelStream } from 'exceljs';
import { loadExcelJs } from '../render/exceljs.js';
import { UserError } from '../errors.js';
import type { CsvRecord } from './csv-records.js';
import { DAY_MS, isoDate } from './iso-date.js';

/**
 * XLSX workbooks read with exceljs' streaming WorkbookReader: the zip is unpacked as it arrives and
 * one row at a time is handed out, so memory holds the shared strings and a row, not the sheet
 * (docs/performance.md has the figure for 200,000 rows). Cells become the text a CSV export of the
 * sheet would hold: numbers as JavaScript writes them (never locale), formulas as their cached
 * result, dates as ISO 8601, rich text as its plain text (docs/decisions.md).
 */

/** What exceljs' WorkbookReader knows once xl/workbook.xml is read (not in its type declarations). */
interface WorkbookModel {
  model?: { sheets?: { name?: string; rId?: string }[] };
  workbookRels?: { Id?: string; Target?: string }[];
  properties?: { date1904?: boolean };
}

/**
 * Where a worksheet is in the workbook's list of sheets. exceljs names it only when the workbook's
 * relationship targets `worksheets/sheetN.xml` (else it is "SheetN", N its file number, which is
 * also its `id`); some writers give `/xl/worksheets/sheetN.xml`, so the file is matched here first.
 */
function sheetPosition(book: WorkbookModel, worksheet: { name?: string; id?: unknown }, names: string[]): number {
  const file = `worksheets/sheet${String(worksheet.id)}.xml`;
  const byFile = (book.model?.sheets ?? []).findIndex((sheet) => {
    const rel = book.workbookRels?.find((r) => r.Id === sheet.rId);
    return rel?.Target?.replace(/^\/?(xl\/)?/, '') === file;
  });
  return byFile >= 0 ? byFile : names.indexOf(worksheet.name ?? '');
}

/** Excel's serial day 0 (1899-12-30, after its 1900 leap-year bug) and the 1904 system's, in ms since 1970. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** Whether a number format shows a date or time (letters of y m d h s outside quotes and [colour] brackets), as exceljs decides for plain cells. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhs]/i.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** The text of one cell's value; `dateFormat` says a number is a date serial (a formula's cached result is left a number by exceljs). */
function cellText(value: CellValue | undefined, dateFormat: boolean, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!dateFormat || !Number.isFinite(value)) return String(value);
    return isoDate((date1904 ? EPOCH_1904 : EPOCH_1900) + value * DAY_MS);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : isoDate(value.getTime());
  if ('richText' in value) return value.richText.map((run) => run.text ?? '').join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as { result?: CellValue }).result, dateFormat, date1904);
  if ('hyperlink' in value) return cellText((value as { text?: CellValue }).text, false, date1904);
  return '';
}

/** Which sheet to read: `--sheet` as a 1-based number or a name (exact, else ignoring case), or the first. */
function sheetIndex(sheet: string | undefined, names: readonly string[], file: string): number {
  if (sheet === undefined) return 0;
  const n = /^\d+$/.test(sheet.trim()) ? Number(sheet.trim()) : Number.NaN;
  let index = n >= 1 && n <= names.length ? n - 1 : names.indexOf(sheet);
  if (index < 0) {
    const lower = sheet.toLowerCase();
    const matches = names.flatMap((name, i) => (name.toLowerCase() === lower ? [i] : []));
    if (matches.length === 1) index = matches[0] as number;
  }
  if (index >= 0) return index;
  throw new UserError({
    code: 'unknown-sheet',
    file,
    message: `--sheet ${sheet}: the workbook has no such sheet; its sheets: ${names.map((s, i) => `${i + 1} "${s}"`).join(', ')}`,
  });
}

/** An error of the zip or XML reading as one line: the workbook is damaged (a UserError of ours passes through). */
function corrupt(error: unknown, file: string): unknown {
  if (error instanceof UserError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  // unzipper's word for a zip cut short.
  const reason = raw === 'FILE_ENDED' ? 'the zip archive ends early (truncated or damaged)' : raw;
  return new UserError({
    code: 'corrupt-workbook',
    file,
    message: `the workbook cannot be read: ${reason.split('\n')[0]}`,
    hint: 'open it in a spreadsheet program and save it again as .xlsx, or export the sheet as CSV',
  });
}

/**
 * The rows of one sheet of an XLSX workbook as records: the sheet's row number as `line`, blank rows
 * left out (as blank CSV lines are), a row's missing cells blank. `chunks` are the file's bytes.
 */
export async function* xlsxRecords(
  chunks: AsyncIterable<Buffer>,
  file: string,
  sheet: string | undefined,
): AsyncGenerator<CsvRecord> {
  const ExcelJS = await loadExcelJs();
  const stream = Readable.from(chunks, { objectMode: false });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const book = reader as unknown as WorkbookModel;
  const sheets = reader[Symbol.asyncIterator]();
  let position = 0;
  let wanted: number | null = null;
  try {
    for (;;) {
      const next = await sheets.next().catch((error: unknown) => Promise.reject(corrupt(error, file)));
      if (next.done) break;
      const worksheet = next.value as ExcelStream.xlsx.WorksheetReader & { name?: string; id?: unknown };
      const names = (book.model?.sheets ?? []).map((s, i) => s.name ?? `Sheet${i + 1}`);
      wanted ??= sheetIndex(sheet, names, file);
      // Sheets come in the zip's order; the workbook's list (what a person sees as tabs) says which is wanted.
      const here = names.length > 0 ? sheetPosition(book, worksheet, names) : position;
      position++;
      if (here !== wanted) {
        // Read through a sheet that is not wanted: exceljs may have parked it in a temporary file whose
        // read stream opens lazily; left unread, its file is deleted under it and the stream's ENOENT
        // is thrown with no one listening (seen as a flaky uncaught error).
        for await (const _row of sheetRows(worksheet, false, file));
        continue;
      }
      yield* sheetRows(worksheet, book.properties?.date1904 === true, file);
      return;
    }
  } finally {
    stream.destroy();
  }
  if (wanted === null)
    throw new UserError({
      code: 'not-a-workbook',
      file,
      message: 'a zip archive, but not an Excel workbook: it has no worksheet (xl/worksheets/sheetN.xml)',
      hint: 'give an .xlsx workbook, or export the data as CSV',
    });
  throw corrupt(new Error(`sheet ${wanted + 1} is listed but missing from the archive`), file);
}

async function* sheetRows(
  worksheet: ExcelStream.xlsx.WorksheetReader,
  date1904: boolean,
  file: string,
): AsyncGenerator<CsvRecord> {
  const rows = (worksheet as unknown as AsyncIterable<Row>)[Symbol.asyncIterator]();
  for (;;) {
    const next = await rows.next().catch((error: unknown) => Promise.reject(corrupt(error, file)));
    if (next.done) return;
    const row = next.value;
    const fields: string[] = [];
    let blank = true;
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const text = cellText(cell.value, isDateFormat(cell.numFmt), date1904);
      while (fields.length < column - 1) fields.push('');
      fields[column - 1] = text;
      if (text.trim() !== '') blank = false;
    });
    if (!blank) yield { fields, line: row.number };
  }
}
