import { textOf } from './id-set.js';

/** Base64 for bit arrays in partial results: JSON has no binary type, and base64 is a third of hex's overhead. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 61; // '='
const SYMBOLS = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const CODES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) CODES[ALPHABET.charCodeAt(i)] = i;

/** Byte `b` of the words, little-endian whatever the platform. */
const byteAt = (words: Uint32Array, b: number) => ((words[b >>> 2] as number) >>> ((b & 3) * 8)) & 0xff;

/** The length of the base64 text of `words` (padded with `=`). */
const encodedLength = (wordCount: number) => 4 * Math.ceil((wordCount * 4) / 3);

/**
 * Encodes 32-bit words as standard padded base64 of their little-endian bytes.
 * @example encodeWords(Uint32Array.of(1)) // "AQAAAA=="
 */
export function encodeWords(words: Uint32Array): string {
  const bytes = words.length * 4;
  const out = new Uint8Array(encodedLength(words.length));
  let o = 0;
  for (let b = 0; b < bytes; b += 3) {
    const b0 = byteAt(words, b);
    const b1 = b + 1 < bytes ? byteAt(words, b + 1) : 0;
    const b2 = b + 2 < bytes ? byteAt(words, b + 2) : 0;
    out[o++] = SYMBOLS[b0 >>> 2] as number;
    out[o++] = SYMBOLS[((b0 & 3) << 4) | (b1 >>> 4)] as number;
    out[o++] = b + 1 < bytes ? (SYMBOLS[((b1 & 15) << 2) | (b2 >>> 6)] as number) : PAD;
    out[o++] = b + 2 < bytes ? (SYMBOLS[b2 & 63] as number) : PAD;
  }
  return textOf(out, 0, out.length);
}

/**
 * Decodes `encodeWords` text back into `wordCount` words; null when the text is not exactly that
 * (wrong length, a character outside the base64 alphabet, misplaced padding).
 * @example decodeWords("AQAAAA==", 1) // Uint32Array [1]
 */
export function decodeWords(text: string, wordCount: number): Uint32Array | null {
  if (text.length !== encodedLength(wordCount)) return null;
  const bytes = wordCount * 4;
  const words = new Uint32Array(wordCount);
  let b = 0;
  for (let i = 0; i < text.length; i += 4) {
    let group = 0;
    for (let j = 0; j < 4; j++) {
      const c = text.charCodeAt(i + j);
      // Padding is allowed only where the byte count ends.
      const value = c === PAD && b + j - 1 >= bytes ? 0 : c < 128 ? (CODES[c] as number) : -1;
      if (value < 0) return null;
      group = (group << 6) | value;
    }
    for (let j = 0; j < 3 && b < bytes; j++, b++) {
      const byte = (group >>> (16 - 8 * j)) & 0xff;
      words[b >>> 2] = (words[b >>> 2] as number) | (byte << ((b & 3) * 8));
    }
  }
  return words;
}
