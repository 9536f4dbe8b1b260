/** Reading one CSV cell as a number. Blank is missing (NaN); anything else must be a number. */

const DECIMAL_COMMA = /^[-+]?\d+,\d+$/;

/**
 * The number in a cell: NaN for a blank cell, undefined when the text is not a number.
 * Accepts surrounding spaces and a decimal comma ("3,5"), as exported by European spreadsheets.
 * @example parseNumber(' 7 ') // 7
 */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return Number.NaN;
  const normalised = DECIMAL_COMMA.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalised)) return undefined;
  return Number(normalised);
}

/**
 * One record's cells, however they are stored: the string[] of an in-memory table, or a view of
 * the bytes of a CSV file. Index past the end of a short (ragged) row reads as a blank cell.
 */
export interface RecordCells {
  readonly count: number;
  /** As `parseNumber` reads the cell's text. */
  number(index: number): number | undefined;
  text(index: number): string;
}

/** A record held as strings. */
export class StringCells implements RecordCells {
  constructor(readonly fields: readonly string[]) {}
  get count(): number {
    return this.fields.length;
  }
  number(index: number): number | undefined {
    return parseNumber(this.fields[index] ?? '');
  }
  text(index: number): string {
    return this.fields[index] ?? '';
  }
}

/** Every cell of a record as text (for a header). */
export function cellTexts(cells: RecordCells): string[] {
  // A plain loop: Array.from with a map function was a third of reading an export.
  const texts = new Array<string>(cells.count);
  for (let i = 0; i < texts.length; i++) texts[i] = cells.text(i);
  return texts;
}

/** `"six"`, or `"" ` quoted for a message, shortened. */
export function quoteCell(text: string): string {
  const shown = text.length > 30 ? `${text.slice(0, 30)}...` : text;
  return JSON.stringify(shown);
}
