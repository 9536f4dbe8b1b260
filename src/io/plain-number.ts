/*
 * Reading a number straight from a CSV cell's bytes, without making a string: the byte-level fast
 * path of the core's `parseNumber`, which stays the one definition of a number cell.
 */

/** Powers of ten that are exact doubles, for the fast path below. */
const POW10 = Float64Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The fast path of `parseNumber` (core/scoring/cells.ts) for a cell given as UTF-8 bytes: a blank
 * cell (NaN) or a plain decimal `-?\d+(\.\d+)?` of at most 15 digits, without making a string.
 * Returns undefined for anything else, which the caller then reads with `parseNumber`: spaces,
 * `+`, `3,5`, `1e0` and text keep their one definition there. With at most 15 digits the
 * mantissa and the power of ten are exact doubles, so their quotient is the correctly rounded
 * value `Number(text)` gives.
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
