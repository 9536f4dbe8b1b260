import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { firstInvalidUtf8, guessEncoding, lineColumnAt, utf16ByteOrder } from '../core/text/encoding-guess.js';
import { UserError, type Diagnostic } from '../errors.js';
import { own } from '../core/text/own.js';

/**
 * Turns a byte stream in any supported encoding into UTF-8 bytes for the CSV reader. UTF-8 passes
 * through untouched (the fast path); UTF-16 (Excel's "Unicode text") is found by its BOM or by its
 * zero bytes; legacy code pages (windows-1251, cp949, ...) are decoded with the WHATWG decoders
 * built into Node.
 */

/** Names people use for encodings that the WHATWG decoders know under another label. */
const ALIASES: Record<string, string> = {
  cp949: 'euc-kr',
  ms949: 'euc-kr',
  uhc: 'euc-kr',
  utf16: 'utf-16le',
  'utf-16': 'utf-16le',
  ucs2: 'utf-16le',
  'ucs-2': 'utf-16le',
};

/** The decoder label for a user's --encoding, or a UserError listing common ones. */
export function resolveEncoding(name: string): string {
  const wanted = name.trim().toLowerCase();
  const label = own(ALIASES, wanted) ?? wanted;
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

/** Thrown by a CSV row when a cell's bytes are not UTF-8; the reader adds the file, line and column. */
export class InvalidUtf8Cell extends Error {
  constructor(
    readonly field: number,
    /** The bytes from the cell on, to guess the encoding from. */
    readonly sample: Uint8Array,
  ) {
    super('invalid UTF-8');
    this.name = 'InvalidUtf8Cell';
  }
}

/**
 * The error for bytes that are not UTF-8, naming the encoding they look like. Data files are read
 * with `--encoding`; a questionnaire or saved result must be saved as UTF-8 (`kind: 'text'`).
 */
export function notUtf8Error(
  where: Omit<Diagnostic, 'code' | 'message'> & { file: string },
  sample: Uint8Array,
  kind: 'data' | 'text',
  detail = '',
): UserError {
  const guess = guessEncoding(sample);
  const looks = guess ? `: it looks like ${guess.description}` : '';
  const fix =
    kind === 'data'
      ? guess
        ? `read it with --encoding ${guess.encoding}`
        : 'name its encoding with --encoding, e.g. windows-1251, cp949 or windows-1252'
      : `save it as UTF-8, e.g. iconv -f ${guess?.encoding ?? 'ENCODING'} -t utf-8 ${where.file} > utf8-${where.file.split('/').pop() ?? 'file'}`;
  return new UserError({ code: 'not-utf8', ...where, message: `not valid UTF-8${detail}${looks}`, hint: fix });
}

/** The text of a whole UTF-8 file, or the positioned error naming the encoding it looks like. */
export function decodeUtf8Text(bytes: Buffer, file: string): string {
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad >= 0) {
    // The sample starts at the line of the first bad byte: earlier lines may be all ASCII.
    const { line, column } = lineColumnAt(bytes, bad);
    throw notUtf8Error(
      { file, line, column },
      bytes.subarray(Math.max(0, bad - column), bad + SAMPLE_GUESS_BYTES),
      'text',
    );
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** How many bytes after a bad one are looked at to guess the encoding. */
const SAMPLE_GUESS_BYTES = 64 * 1024;

/** How many bytes to look at before deciding an encoding. */
const SNIFF_BYTES = 256;

/** The encoding a file's first bytes give away: a BOM, or UTF-16's zero bytes; else UTF-8. */
export function sniffEncoding(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return utf16ByteOrder(head) ?? 'utf-8';
}

/**
 * Re-encodes a stream to UTF-8. `encoding` is a decoder label, or 'auto' to sniff the first chunk.
 * A UTF-16 BOM is dropped by the decoder; a UTF-8 BOM is left for the CSV reader to strip.
 */
export async function* decodeToUtf8(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  encoding: string,
  file = '',
): AsyncGenerator<Buffer> {
  // Fatal: bytes that are not in the encoding are an error, never a silent replacement character.
  const fatal = (label: string) => new TextDecoder(label, { fatal: true });
  let decoder: TextDecoder | null = encoding !== 'auto' && encoding !== 'utf-8' ? fatal(encoding) : null;
  // With 'auto', hold back the first bytes until there are enough to sniff.
  let pending: Buffer[] | null = encoding === 'auto' ? [] : null;
  let held = 0;
  // Line breaks decoded so far, to say where undecodable bytes are (only on this slower path).
  let lines = 0;
  const convert = (chunk: Buffer): Buffer | null => {
    if (!decoder) return chunk;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw notInEncodingError(file, decoder.encoding, chunk, lines);
    }
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
    return text === '' ? null : Buffer.from(text, 'utf8');
  };
  const release = function* (): Generator<Buffer> {
    const head = Buffer.concat(pending ?? []);
    pending = null;
    const sniffed = sniffEncoding(head);
    if (sniffed !== 'utf-8') decoder = fatal(sniffed);
    const out = head.length > 0 ? convert(head) : null;
    if (out) yield out;
  };
  let first = true;
  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    if (first && decoder && looksUtf8(chunk)) {
      throw new UserError({
        code: 'not-in-encoding',
        file,
        line: 1,
        message: `this file is UTF-8, not ${decoder.encoding}: read so, its text would be garbled`,
        hint: 'leave --encoding out',
      });
    }
    first = false;
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
    let rest: string;
    try {
      rest = (decoder as TextDecoder).decode();
    } catch {
      throw new UserError({
        code: 'not-in-encoding',
        file,
        line: lines + 1,
        message: `the file ends inside a character: not valid ${(decoder as TextDecoder).encoding}`,
      });
    }
    if (rest !== '') yield Buffer.from(rest, 'utf8');
  }
}

/**
 * Whether bytes with some non-ASCII are valid UTF-8 (a sequence cut by the chunk's end allowed):
 * text in a legacy code page almost never is, so an --encoding that names one is a mistake.
 */
function looksUtf8(chunk: Buffer): boolean {
  let end = chunk.length;
  // Drop a multi-byte sequence that the chunk cuts off (at most three bytes back to its lead byte).
  for (let back = 1; back <= 3 && back <= chunk.length; back++) {
    const byte = chunk[chunk.length - back] as number;
    if (byte >= 0xc0) {
      end = chunk.length - back;
      break;
    }
    if (byte < 0x80) break;
  }
  const head = chunk.subarray(0, end);
  return !isAscii(head) && isUtf8(head);
}

/** Bytes that the chosen decoder refused: where (approximately, within the chunk), and what they look like. */
function notInEncodingError(file: string, encoding: string, chunk: Buffer, linesBefore: number): UserError {
  const text = new TextDecoder(encoding).decode(chunk);
  const bad = Math.max(0, text.indexOf('\uFFFD'));
  const before = text.slice(0, bad);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = linesBefore + 1;
  for (let at = before.indexOf('\n'); at !== -1; at = before.indexOf('\n', at + 1)) line++;
  const guess = isUtf8(chunk) ? null : guessEncoding(chunk);
  const hint = isUtf8(chunk)
    ? 'it looks like UTF-8: leave --encoding out'
    : guess
      ? `it looks like ${guess.description}: try --encoding ${guess.encoding}`
      : 'check --encoding';
  return new UserError({
    code: 'not-in-encoding',
    file,
    line,
    column: bad - lineStart + 1,
    message: `not valid ${encoding}`,
    hint,
  });
}
