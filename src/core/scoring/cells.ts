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

/** Powers of ten that are exact doubles, for the fast path below. */
const POW10 = Float64Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The fast path of `parseNumber` for a cell given as UTF-8 bytes: a blank cell (NaN) or a plain
 * decimal `-?\d+(\.\d+)?` of at most 15 digits, without making a string. Returns undefined for
 * anything else, which the caller then reads with `parseNumber`: spaces, `+`, `3,5`, `1e0` and
 * text keep their one definition there. With at most 15 digits the mantissa and the power of ten
 * are exact doubles, so their quotient is the correctly rounded value `Number(text)` gives.
 */
export function plainNumber(bytes: Uint8Array, start: number, end: number): number | undefined {
  if (start === end) return Number.NaN;
  let p = start;
  const negative = bytes[p] === 45;
  if (negative) p++;
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  for (; p < end; p++) {
    const c = bytes[p] as number;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    } else if (c === 46 && point < 0 && digits > 0) {
      point = digits;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15 || point === digits) return undefined;
  const value = point < 0 ? mantissa : mantissa / (POW10[digits - point] as number);
  return negative ? -value : value;
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
