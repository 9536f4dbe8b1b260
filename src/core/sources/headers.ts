import { normaliseAnswer } from './labels.js';

/** One column of a platform's export, as its header rows describe it. */
export interface ExportColumn {
  index: number;
  /** The export's own name for the column, used in messages: header text, or the Qualtrics tag. */
  label: string;
  /** Names a `source.columns` entry may give, in order of preference (tag, text, ImportId...). */
  names: string[];
  /** For matching by text: the question, and the matrix row or sub-label when the header has one. */
  question: string;
  sub: string;
  /** A coded column: LimeSurvey `Q1[SQ001][1]`, Qualtrics `Q1#2_3` or `Q5_1`. */
  code?: { question: string; sub: string; scale?: number };
}

const BRACKETED = /^(.*?)\s*\[([^\]]*)\]\s*$/;

/** How many columns the header rows span, and one trimmed cell of them (blank where a row is short). */
export function headerCells(headerRows: readonly (readonly string[])[]): {
  width: number;
  cell: (row: number, index: number) => string;
} {
  return {
    width: Math.max(0, ...headerRows.map((row) => row.length)),
    cell: (row, index) => (headerRows[row]?.[index] ?? '').trim(),
  };
}

/**
 * `Question [Row]` split in two; a header without brackets is all question.
 * @example splitBracketed('Expectations [Modern equipment]') // { question: 'Expectations', sub: 'Modern equipment' }
 */
export function splitBracketed(text: string): { question: string; sub: string } {
  const match = BRACKETED.exec(text);
  return match
    ? { question: (match[1] as string).trim(), sub: (match[2] as string).trim() }
    : { question: text, sub: '' };
}

/**
 * The columns of a one-header-row CSV whose grid columns are written `Question [Row]` (Google
 * Forms, servqual's own CSV, the long format): each named by its header text.
 */
export function bracketedColumns(headerRows: readonly (readonly string[])[]): ExportColumn[] {
  const { width, cell } = headerCells(headerRows);
  return Array.from({ length: width }, (_, index) => {
    const label = cell(0, index);
    return { index, label, names: [label], ...splitBracketed(label) };
  });
}

/**
 * Finds the export column a questionnaire names, by each of the columns' names in turn (for
 * Qualtrics: tag, then question text, then ImportId), folding case and spaces.
 * Returns the column, or how many columns matched when it is not exactly one.
 */
export function findExportColumn(columns: readonly ExportColumn[], name: string): ExportColumn | { matches: number } {
  const wanted = normaliseAnswer(name);
  const depth = Math.max(0, ...columns.map((c) => c.names.length));
  for (let position = 0; position < depth; position++) {
    const hits = columns.filter(
      (c) => c.names[position] !== undefined && normaliseAnswer(c.names[position] as string) === wanted,
    );
    if (hits.length === 1) return hits[0] as ExportColumn;
    if (hits.length > 1) return { matches: hits.length };
  }
  return { matches: 0 };
}

/** Whether the export has a column of this name. */
export const hasExportColumn = (columns: readonly ExportColumn[], name: string): boolean =>
  !('matches' in findExportColumn(columns, name));

/** How many of the names a header row has (folded), for detection. */
export function countNames(row: readonly string[], names: readonly string[]): number {
  return names.filter((n) => row.some((c) => c.trim().toLowerCase() === n)).length;
}
