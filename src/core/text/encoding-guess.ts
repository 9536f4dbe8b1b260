/**
 * What bytes that are not valid UTF-8 most likely are, from byte statistics alone: the legacy
 * encodings that survey exports really arrive in (Excel's "CSV" on a Russian or Korean Windows,
 * "Unicode text" without its byte-order mark, Western code pages). Pure: no I/O.
 */

export interface EncodingGuess {
  /** The name to give `--encoding`. */
  encoding: 'utf-16le' | 'utf-16be' | 'cp949' | 'windows-1251' | 'koi8-r' | 'windows-1252';
  /** What it is, for the message. */
  description: string;
}

const GUESSES: Record<EncodingGuess['encoding'], string> = {
  'utf-16le': 'UTF-16 (little-endian) without a byte-order mark',
  'utf-16be': 'UTF-16 (big-endian) without a byte-order mark',
  cp949: 'Korean cp949 (EUC-KR)',
  'windows-1251': 'Cyrillic windows-1251',
  'koi8-r': 'Cyrillic KOI8-R',
  'windows-1252': 'Western latin-1 (windows-1252)',
};

/** How many non-ASCII bytes a guess needs. */
const MIN_EVIDENCE = 3;

const guess = (encoding: EncodingGuess['encoding']): EncodingGuess => ({ encoding, description: GUESSES[encoding] });

/**
 * UTF-16 without a byte-order mark, from its first 256 bytes: ASCII in UTF-16 has a zero in every
 * other byte, and the zeros' side says which byte order (more than a quarter of the pairs, and
 * none on the other side). Null when the bytes do not look so.
 * @example utf16ByteOrder(Buffer.from('id,x\n', 'utf16le')) // 'utf-16le'
 */
export function utf16ByteOrder(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = Math.min(head.length, 256) & ~1;
  if (sample < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  if (oddZeros > sample / 4 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > sample / 4 && oddZeros === 0) return 'utf-16be';
  return null;
}

/**
 * Korean text in cp949 is two-byte Hangul syllables; other 8-bit text decoded as cp949 gives mostly
 * Hanja, other symbols or undecodable bytes. Share of Hangul among the non-ASCII characters.
 */
function hangulShare(bytes: Uint8Array): number {
  const text = new TextDecoder('euc-kr').decode(bytes);
  let hangul = 0;
  let other = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) continue;
    if (code >= 0xac00 && code <= 0xd7a3) hangul++;
    else other++;
  }
  return hangul + other === 0 ? 0 : hangul / (hangul + other);
}

/**
 * Guesses the encoding of `bytes` (a sample of a file that failed to decode as UTF-8), or null
 * when nothing fits. Cyrillic code pages put whole words in bytes 0xC0-0xFF (runs of high bytes),
 * Western ones put single accented letters among ASCII ones; windows-1251 has its lower case in
 * 0xE0-0xFF and KOI8-R in 0xC0-0xDF, and text is mostly lower case.
 * @example guessEncoding(Buffer.from('Тверская', 'latin1')) // windows-1251 for bytes encoded so
 */
export function guessEncoding(bytes: Uint8Array): EncodingGuess | null {
  const order = utf16ByteOrder(bytes);
  if (order !== null) return guess(order);
  let high = 0;
  let letters = 0;
  let upperHalf = 0;
  let inRuns = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    high++;
    if (b >= 0xc0) {
      letters++;
      if (b >= 0xe0) upperHalf++;
    }
    if ((bytes[i - 1] ?? 0) >= 0x80 || (bytes[i + 1] ?? 0) >= 0x80) inRuns++;
  }
  // A byte or two says nothing about a code page.
  if (high < MIN_EVIDENCE) return null;
  if (inRuns / high >= 0.6 && hangulShare(bytes) >= 0.5) return guess('cp949');
  if (inRuns / high >= 0.5 && letters / high >= 0.6) return guess(upperHalf * 2 >= letters ? 'windows-1251' : 'koi8-r');
  return guess('windows-1252');
}

/**
 * The offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF), or -1 when all of `bytes` is valid. A sequence cut off by the end counts
 * as broken at its first byte.
 * @example firstInvalidUtf8(Uint8Array.of(0x41, 0xc3, 0x28)) // 1
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1] as number;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k] as number;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/**
 * Line (1-based, counting LF) and column (1-based, in characters, the broken byte counting as one)
 * of byte `offset` in `bytes`.
 * @example lineColumnAt(Buffer.from('a\nbc\xff'), 4) // { line: 2, column: 3 }
 */
export function lineColumnAt(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  // Continuation bytes are not characters of their own.
  let column = 1;
  for (let i = lineStart; i < offset; i++) if (((bytes[i] as number) & 0xc0) !== 0x80) column++;
  return { line, column };
}
