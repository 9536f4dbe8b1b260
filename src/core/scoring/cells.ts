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

/** `"six"`, or `"" ` quoted for a message, shortened. */
export function quoteCell(text: string): string {
  const shown = text.length > 30 ? `${text.slice(0, 30)}...` : text;
  return JSON.stringify(shown);
}
