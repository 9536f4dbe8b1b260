/**
 * How many terminal columns text takes: East Asian wide and fullwidth characters (Hangul, CJK, kana,
 * fullwidth forms, most emoji) take two, combining marks and zero-width characters none, the rest
 * one. Enough for wrapping report prose; tables are measured by cli-table3 itself.
 * @example displayWidth('고객 만족') // 9
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0) as number);
  return width;
}

/** Ranges of code points a terminal draws two columns wide (Unicode East Asian Width W and F). */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

/** Combining marks and zero-width characters: drawn on the previous column. */
const ZERO: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1160, 0x11ff],
  [0x200b, 0x200f],
  [0xfe00, 0xfe0f],
];

const within = (ranges: readonly (readonly [number, number])[], code: number) =>
  ranges.some(([lo, hi]) => code >= lo && code <= hi);

function charWidth(code: number): number {
  if (within(ZERO, code)) return 0;
  return within(WIDE, code) ? 2 : 1;
}

/**
 * A word of wide characters wider than `width` cut into pieces that fit (Chinese or Japanese prose
 * has no spaces); a word that fits, or one of narrow characters only (a path, a URL: kept whole to
 * be copied), is returned whole.
 */
export function splitToWidth(word: string, width: number): string[] {
  const wide = displayWidth(word);
  if (wide <= width || width < 2 || wide === Array.from(word).length) return [word];
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece !== '' && displayWidth(piece) + displayWidth(char) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}
