/**
 * Reads the result of `servqual sql`'s query as the engines export it: CSV with a header
 * (DuckDB's and PostgreSQL's COPY, Snowflake's and BigQuery's downloads, Spark's writer), a JSON
 * array of rows, or JSON lines (one row object per line). Each row becomes named values with its
 * line, the core turns them into a partial (`partialFromExport`), and `fromPartial` checks that
 * partial as it checks any other.
 */
import { extname } from 'node:path';
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Questionnaire } from '../core/questionnaire/model.js';
import { fromPartial } from '../core/scoring/partial.js';
import type { ScoringState } from '../core/scoring/scorer.js';
import { partialFromExport, type ExportRow } from '../core/sql/export-partial.js';
import { problemsError, UserError } from '../errors.js';
import { position } from './read-json.js';

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const rowSchema = z.record(z.string(), cell);
const rowsSchema = z.array(rowSchema);

const invalid = (file: string, line: number, message: string) =>
  new UserError({ code: 'invalid-sql-export', file, line, message });

/**
 * Whether a file given to merge is a query's export rather than a partial: a CSV file, a JSON
 * array, or JSON lines whose first line is a row with a `sample` column (a partial is one object
 * with `kind`).
 */
export function isSqlExport(file: string, text: string): boolean {
  if (extname(file).toLowerCase() === '.csv') return true;
  const start = text.trimStart();
  if (start.startsWith('[')) return true;
  if (!start.startsWith('{')) return false;
  const firstLine = start.slice(0, start.indexOf('\n') >= 0 ? start.indexOf('\n') : undefined);
  try {
    const row: unknown = JSON.parse(firstLine);
    return typeof row === 'object' && row !== null && !('kind' in row) && ('sample' in row || 'SAMPLE' in row);
  } catch {
    return false;
  }
}

function csvRows(text: string, file: string): ExportRow[] {
  try {
    const records = parse(text, { bom: true, columns: true, info: true, skip_empty_lines: true }) as {
      record: Record<string, string>;
      info: { lines: number };
    }[];
    return records.map(({ record, info }) => ({ values: record, line: info.lines }));
  } catch (error) {
    if (error instanceof CsvError)
      throw invalid(file, (error as CsvError & { lines?: number }).lines ?? 1, error.message);
    throw error;
  }
}

function jsonRows(text: string, file: string): ExportRow[] {
  const start = text.trimStart();
  if (start.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw invalid(file, 1, `not a JSON array of rows: ${(error as Error).message}`);
    }
    const rows = rowsSchema.safeParse(value);
    if (!rows.success) throw invalid(file, 1, 'expected a JSON array of row objects of numbers, strings and nulls');
    // The line each row object starts on, for messages.
    const starts: number[] = [];
    for (let i = text.indexOf('{'); i >= 0 && starts.length < rows.data.length; i = text.indexOf('{', i + 1)) {
      starts.push(position(text, i).line);
      i = text.indexOf('}', i);
      if (i < 0) break;
    }
    return rows.data.map((values, i) => ({ values, line: starts[i] ?? 1 }));
  }
  const rows: ExportRow[] = [];
  text.split('\n').forEach((lineText, i) => {
    if (lineText.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (error) {
      throw invalid(file, i + 1, `not a JSON row: ${(error as Error).message}`);
    }
    const row = rowSchema.safeParse(value);
    if (!row.success) throw invalid(file, i + 1, 'expected a row object of numbers, strings and nulls');
    rows.push({ values: row.data, line: i + 1 });
  });
  return rows;
}

/** Reads an export of `servqual sql`'s query for `q` as a scoring state, refusing anything else with its line and column. */
export function readSqlExport(file: string, text: string, q: Questionnaire): ScoringState {
  const rows = extname(file).toLowerCase() === '.csv' ? csvRows(text, file) : jsonRows(text, file);
  const { partial, problems } = partialFromExport(q, rows);
  if (!partial) throw problemsError(problems, { file, total: problems.length });
  const read = fromPartial(partial, q);
  if (read.state) return read.state;
  // A sum the engine returned that no scoring pass could give (a count above the respondents, a negative square):
  // on the overall row, named by its column; a segment's by its path in the partial (the message has it).
  const overall = rows.find((row) => String(row.values.sample).toLowerCase() === 'overall')?.line ?? 1;
  throw problemsError(
    read.problems.map(({ path = [], message }) => ({
      code: 'invalid-sql-export' as const,
      message,
      line: overall,
      ...(path[0] === 'overall' ? { column: ['s', ...path.slice(1)].join('__') } : {}),
      ...(path[0] === 'instrument' ? { column: path.join('__') } : {}),
    })),
    { file },
  );
}
