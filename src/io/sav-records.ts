import { TextDecoder } from 'node:util';
import { inflateSync } from 'node:zlib';
import { UserError } from '../errors.js';
import { ByteSource } from './byte-source.js';
import type { CsvRecord } from './csv-records.js';
import { readDictionary, savError, type SavDictionary, type SavVariable } from './sav-dictionary.js';
import { isoDate } from './iso-date.js';

/**
 * The cases of an SPSS system file as records, a case at a time: the header is the variables'
 * names, each case a row (line 2 is the first case). Numbers are written as JavaScript writes them;
 * system-missing and user-missing values are blank; a value with a value label stays its code (the
 * code is what is scored); dates are ISO 8601; strings are decoded from the file's encoding
 * (record 7.20, else its code page), or from `--encoding`, and lose their padding.
 */

/** Seconds from the SPSS epoch (1582-10-14) to 1970-01-01. */
const SPSS_EPOCH_SECONDS = 12_219_379_200;
/** Print format types that hold a date or a date and time, as seconds since 1582-10-14. */
const DATE_FORMATS = new Set([20, 22, 23, 24, 28, 29, 30, 38, 39]);

/** One case's 8-byte units: as numbers, and as bytes (for strings). */
interface CaseUnits {
  numbers: Float64Array;
  bytes: Buffer;
}

/** Fills `into` with the next case, or returns false at the end of the data. */
type CaseReader = (into: CaseUnits) => Promise<boolean>;

function uncompressed(source: ByteSource, dict: SavDictionary): CaseReader {
  const size = dict.units * 8;
  return async (into) => {
    if (!(await source.ensure(size))) return false;
    source.take(size).copy(into.bytes);
    for (let u = 0; u < dict.units; u++)
      into.numbers[u] = dict.littleEndian ? into.bytes.readDoubleLE(8 * u) : into.bytes.readDoubleBE(8 * u);
    return true;
  };
}

/** Bytecode compression: blocks of 8 command bytes, each a small integer, a raw unit, spaces or system-missing. */
function bytecode(source: ByteSource, dict: SavDictionary, file: string): CaseReader {
  let commands = Buffer.alloc(8);
  let next = 8;
  let ended = false;
  return async (into) => {
    for (let u = 0; u < dict.units; ) {
      if (next === 8) {
        if (ended || !(await source.ensure(8))) {
          if (u === 0) return false;
          throw savError(file, 'the data ends inside a case');
        }
        commands = Buffer.from(source.take(8));
        next = 0;
      }
      const code = commands[next++] as number;
      if (code === 0) continue;
      if (code === 252) {
        ended = true;
        next = 8;
        if (u === 0) return false;
        throw savError(file, 'the data ends inside a case');
      }
      if (code === 253) {
        if (!(await source.ensure(8))) throw savError(file, 'the data ends inside a case');
        source.take(8).copy(into.bytes, 8 * u);
        into.numbers[u] = dict.littleEndian ? into.bytes.readDoubleLE(8 * u) : into.bytes.readDoubleBE(8 * u);
      } else if (code === 254) {
        into.bytes.fill(0x20, 8 * u, 8 * u + 8);
        into.numbers[u] = Number.NaN;
      } else if (code === 255) {
        into.numbers[u] = dict.sysmis;
        into.bytes.fill(0x20, 8 * u, 8 * u + 8);
      } else {
        into.numbers[u] = code - dict.bias;
        into.bytes.fill(0, 8 * u, 8 * u + 8);
      }
      u++;
    }
    return true;
  };
}

/**
 * ZLIB compression ($FL3): after the dictionary, a 24-byte header, then zlib streams whose inflated
 * bytes are bytecode-compressed data, then a trailer. Each stream is inflated whole (SPSS writes
 * blocks of at most about 4 MB), so memory stays bounded by a block.
 */
async function* inflated(source: ByteSource, file: string): AsyncGenerator<Buffer> {
  if (!(await source.ensure(24))) throw savError(file, 'it ends before its ZLIB header');
  const header = source.take(24);
  const trailerAt = Number(header.readBigInt64LE(8));
  // Compressed blocks run from here to the trailer; inflate them one at a time as they arrive.
  let pending = Buffer.alloc(0);
  let position = source.offset;
  while (position < trailerAt) {
    const want = Math.min(trailerAt - position, 1 << 20);
    if (!(await source.ensure(want))) throw savError(file, 'it ends inside its compressed data');
    pending = Buffer.concat([pending, source.take(want)]);
    position += want;
    for (;;) {
      let result: { buffer: Buffer; engine: { bytesWritten: number } };
      try {
        result = inflateSync(pending, { info: true }) as unknown as typeof result;
      } catch {
        // An incomplete stream: wait for more bytes, unless there are no more.
        if (position >= trailerAt) throw savError(file, 'a compressed block cannot be inflated');
        break;
      }
      yield result.buffer;
      pending = pending.subarray(result.engine.bytesWritten);
      if (pending.length === 0) break;
    }
  }
}

function valueText(variable: SavVariable, units: CaseUnits, dict: SavDictionary, decoder: TextDecoder): string {
  const first = variable.segments[0] as { unit: number; width: number };
  if (variable.width === 0) {
    const value = units.numbers[first.unit] as number;
    if (!Number.isFinite(value) || value === dict.sysmis) return '';
    const { values, range } = variable.missing;
    if (values.includes(value) || (range !== null && value >= range[0] && value <= range[1])) return '';
    if (DATE_FORMATS.has(variable.format)) return isoDate((value - SPSS_EPOCH_SECONDS) * 1000);
    return String(value);
  }
  const parts = variable.segments.map((s) => units.bytes.subarray(8 * s.unit, 8 * s.unit + s.width));
  const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts).subarray(0, variable.width);
  const text = decoder.decode(bytes).replace(/[ \0]+$/, '');
  return variable.missing.strings.includes(text) ? '' : text;
}

/**
 * The records of a .sav file; `encoding` is a decoder label, or 'auto' for the file's own.
 * `onDictionary` sees the dictionary (variable and value labels) before the header is yielded.
 */
export async function* savRecords(
  chunks: AsyncIterable<Buffer>,
  file: string,
  encoding: string,
  onDictionary?: (dict: SavDictionary) => void,
): AsyncGenerator<CsvRecord> {
  const source = new ByteSource(chunks[Symbol.asyncIterator]());
  const dict = await readDictionary(source, file, encoding);
  if (dict.variables.length === 0) throw savError(file, 'it has no variables');
  onDictionary?.(dict);
  yield { fields: dict.variables.map((v) => v.name), line: 1 };
  const data = dict.compression === 2 ? new ByteSource(inflated(source, file)) : source;
  const next =
    dict.compression === 0
      ? uncompressed(data, dict)
      : dict.compression === 1 || dict.compression === 2
        ? bytecode(data, dict, file)
        : null;
  if (next === null) throw savError(file, `unknown compression ${dict.compression}`);
  const decoder = new TextDecoder(dict.encoding, { fatal: true });
  const units: CaseUnits = { numbers: new Float64Array(dict.units), bytes: Buffer.alloc(dict.units * 8) };
  for (let line = 2; await next(units); line++) {
    const fields = new Array<string>(dict.variables.length);
    for (let i = 0; i < fields.length; i++) {
      const variable = dict.variables[i] as SavVariable;
      try {
        fields[i] = valueText(variable, units, dict, decoder);
      } catch {
        throw new UserError({
          code: 'not-in-encoding',
          file,
          line,
          column: variable.name,
          message: `not valid ${dict.encoding}`,
          hint: 'name the encoding of its text with --encoding',
        });
      }
    }
    yield { fields, line };
  }
}
