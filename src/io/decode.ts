import { TextDecoder } from 'node:util';
import { UserError } from '../errors.js';

/**
 * Turns a byte stream in any supported encoding into UTF-8 bytes for the CSV reader. UTF-8 passes
 * through untouched (the fast path); UTF-16 (Excel's "Unicode text") is found by its BOM or by its
 * zero bytes; legacy code pages (windows-1251, cp949, ...) are decoded with the WHATWG decoders
 * built into Node.
 */

/** Names people use for encodings that the WHATWG decoders know under another label. */
const ALIASES: Record<string, string> = {
  cp949: 'euc-kr',
  'ms949': 'euc-kr',
  'uhc': 'euc-kr',
  utf16: 'utf-16le',
  'utf-16': 'utf-16le',
  ucs2: 'utf-16le',
  'ucs-2': 'utf-16le',
};

/** The decoder label for a user's --encoding, or a UserError listing common ones. */
export function resolveEncoding(name: string): string {
  const wanted = name.trim().toLowerCase();
  const label = ALIASES[wanted] ?? wanted;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    throw new UserError({
      code: 'unknown-encoding',
      message: `--encoding ${name}: not an encoding this servqual knows`,
      hint: 'e.g. utf-8, utf-16le, windows-1251, koi8-r, cp949 (euc-kr), shift_jis, gbk, windows-1252',
    });
  }
}

/** How many bytes to look at before deciding an encoding. */
const SNIFF_BYTES = 256;

/** The encoding a file's first bytes give away: a BOM, or UTF-16's zero bytes; else UTF-8. */
export function sniffEncoding(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const sample = Math.min(head.length, 256) & ~1;
  if (sample >= 8) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i < sample; i += 2) {
      if (head[i] === 0) evenZeros++;
      if (head[i + 1] === 0) oddZeros++;
    }
    // ASCII text in UTF-16 has a zero in every other byte.
    if (oddZeros > sample / 4 && evenZeros === 0) return 'utf-16le';
    if (evenZeros > sample / 4 && oddZeros === 0) return 'utf-16be';
  }
  return 'utf-8';
}

/**
 * Re-encodes a stream to UTF-8. `encoding` is a decoder label, or 'auto' to sniff the first chunk.
 * A UTF-16 BOM is dropped by the decoder; a UTF-8 BOM is left for the CSV reader to strip.
 */
export async function* decodeToUtf8(source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, encoding: string): AsyncGenerator<Buffer> {
  let decoder: TextDecoder | null = encoding !== 'auto' && encoding !== 'utf-8' ? new TextDecoder(encoding) : null;
  // With 'auto', hold back the first bytes until there are enough to sniff.
  let pending: Buffer[] | null = encoding === 'auto' ? [] : null;
  let held = 0;
  const convert = (chunk: Buffer): Buffer | null => {
    if (!decoder) return chunk;
    const text = decoder.decode(chunk, { stream: true });
    return text === '' ? null : Buffer.from(text, 'utf8');
  };
  const release = function* (): Generator<Buffer> {
    const head = Buffer.concat(pending ?? []);
    pending = null;
    const sniffed = sniffEncoding(head);
    if (sniffed !== 'utf-8') decoder = new TextDecoder(sniffed);
    const out = head.length > 0 ? convert(head) : null;
    if (out) yield out;
  };
  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    if (pending) {
      // A copy: the reader may refill the chunk's buffer on the next pull (see openChunks).
      pending.push(Buffer.from(chunk));
      held += chunk.length;
      if (held >= SNIFF_BYTES) yield* release();
      continue;
    }
    const out = convert(chunk);
    if (out) yield out;
  }
  if (pending) yield* release();
  if (decoder) {
    const rest = (decoder as TextDecoder).decode();
    if (rest !== '') yield Buffer.from(rest, 'utf8');
  }
}
