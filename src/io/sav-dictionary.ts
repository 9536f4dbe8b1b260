import { TextDecoder } from 'node:util';
import { UserError } from '../errors.js';
import type { ByteSource } from './byte-source.js';
import { resolveEncoding } from './decode.js';

/**
 * The dictionary of an SPSS system file (.sav): the header record, the variable records (with
 * their labels), value labels, and the extension records servqual needs (long names, very long strings, the encoding),
 * as PSPP's "System File Format" documents them. Everything else is skipped by its stated size.
 */

/** A variable as a column: its name, where its 8-byte units are in a case, and how to read them. */
export interface SavVariable {
  /** The long name (record 7.13) when there is one, else the 8-byte short name. */
  name: string;
  shortName: string;
  /** 0 for a number, else the string's width in bytes (a very long string's whole width). */
  width: number;
  /** The case's units holding it: one for a number; each string segment's first unit and width. */
  segments: { unit: number; width: number }[];
  /** The print format's type (20 DATE, 22 DATETIME, ...), to show dates as dates. */
  format: number;
  /** User-missing values: discrete numbers or strings (without their padding), and a range of numbers. */
  missing: { values: number[]; strings: string[]; range: [number, number] | null };
  /** Value labels: code (a number, or a short string's trimmed text) -> label. */
  labels: Map<number | string, string>;
  /** The variable label (the question's wording), or '' when it has none. */
  label: string;
}

export interface SavDictionary {
  variables: SavVariable[];
  /** 8-byte units per case. */
  units: number;
  /** 0 none, 1 bytecode, 2 ZLIB-wrapped bytecode. */
  compression: number;
  bias: number;
  littleEndian: boolean;
  /** The decoder label for the file's strings. */
  encoding: string;
  sysmis: number;
}

/** The error for a file that is not a readable system file: one line, exit 2. */
export function savError(file: string, reason: string): UserError {
  return new UserError({
    code: 'corrupt-sav',
    file,
    message: `not a readable SPSS .sav file: ${reason}`,
    hint: 'open it in SPSS or PSPP and save it again, or export the data as CSV',
  });
}

/** Code pages in the machine integer record (7.3) that name an encoding when record 7.20 is absent. */
const CODE_PAGES: Record<number, string> = {
  65001: 'utf-8',
  949: 'euc-kr',
  51949: 'euc-kr',
  932: 'shift_jis',
  936: 'gbk',
  950: 'big5',
  20127: 'windows-1252',
  28591: 'iso-8859-1',
  2: 'windows-1252',
  3: 'windows-1252',
};

function encodingOf(record20: string | null, characterCode: number | null): string {
  for (const name of [record20, characterCode === null ? null : CODE_PAGES[characterCode]]) {
    if (!name) continue;
    try {
      return resolveEncoding(name);
    } catch {
      // An encoding Node does not know: try the next clue.
    }
  }
  if (characterCode !== null && characterCode >= 874 && characterCode <= 1258) {
    try {
      return resolveEncoding(`windows-${characterCode}`);
    } catch {
      // fall through to UTF-8
    }
  }
  return 'utf-8';
}

/** Reads from the header record to the dictionary termination record; the data follows. */
export async function readDictionary(source: ByteSource, file: string, wanted: string): Promise<SavDictionary> {
  const need = async (n: number): Promise<Buffer> => {
    if (n < 0 || !(await source.ensure(n)))
      throw savError(file, `it ends inside its dictionary (byte ${source.offset})`);
    return source.take(n);
  };
  const header = Buffer.from(await need(176));
  const magic = header.toString('latin1', 0, 4);
  const layout = header.readInt32LE(64);
  const littleEndian = layout === 2 || layout === 3;
  const int = (b: Buffer, at: number) => (littleEndian ? b.readInt32LE(at) : b.readInt32BE(at));
  const dbl = (b: Buffer, at: number) => (littleEndian ? b.readDoubleLE(at) : b.readDoubleBE(at));
  const compression = magic === '$FL3' ? 2 : int(header, 72);
  const bias = dbl(header, 84);

  /** Every variable record, continuation units (type -1) included: record k is unit k of a case. */
  const records: {
    type: number;
    format: number;
    name: Buffer;
    label: Buffer | null;
    missing: number[];
    rawMissing: Buffer;
    count: number;
  }[] = [];
  const labelSets: { pairs: [Buffer, Buffer][]; units: number[] }[] = [];
  let longNames: Buffer | null = null;
  let veryLong: Buffer | null = null;
  let longMissing: Buffer | null = null;
  let record20: string | null = null;
  let characterCode: number | null = null;
  let sysmis = -Number.MAX_VALUE;

  for (;;) {
    const type = int(await need(4), 0);
    if (type === 999) {
      await need(4);
      break;
    }
    if (type === 2) {
      const fixed = Buffer.from(await need(28));
      const width = int(fixed, 0);
      const count = int(fixed, 8);
      let label: Buffer | null = null;
      if (int(fixed, 4) === 1) {
        const length = int(await need(4), 0);
        label = Buffer.from(await need(Math.ceil(length / 4) * 4)).subarray(0, length);
      }
      if (Math.abs(count) > 3) throw savError(file, `a variable has ${count} missing values`);
      const raw = Buffer.from(await need(8 * Math.abs(count)));
      const missing = Array.from({ length: Math.abs(count) }, (_, i) => dbl(raw, 8 * i));
      // A string's missing values are its bytes (`rawMissing`): read as numbers they mean nothing.
      const format = (int(fixed, 12) >> 16) & 0xff;
      records.push({ type: width, format, name: fixed.subarray(20, 28), label, missing, rawMissing: raw, count });
    } else if (type === 3) {
      const n = int(await need(4), 0);
      const pairs: [Buffer, Buffer][] = [];
      for (let i = 0; i < n; i++) {
        const value = Buffer.from(await need(8));
        const length = (await need(1))[0] as number;
        const label = Buffer.from(await need(Math.ceil((length + 1) / 8) * 8 - 1));
        pairs.push([value, label.subarray(0, length)]);
      }
      if (int(await need(4), 0) !== 4) throw savError(file, 'value labels are not followed by their variables');
      const m = int(await need(4), 0);
      const list = Buffer.from(await need(4 * m));
      labelSets.push({ pairs, units: Array.from({ length: m }, (_, i) => int(list, 4 * i) - 1) });
    } else if (type === 6) {
      await need(80 * int(await need(4), 0));
    } else if (type === 7) {
      const head = Buffer.from(await need(12));
      const subtype = int(head, 0);
      const data = Buffer.from(await need(int(head, 4) * int(head, 8)));
      if (subtype === 3 && data.length >= 32) characterCode = int(data, 28);
      else if (subtype === 4 && data.length >= 8) sysmis = dbl(data, 0);
      else if (subtype === 13) longNames = data;
      else if (subtype === 14) veryLong = data;
      else if (subtype === 22) longMissing = data;
      else if (subtype === 20) record20 = data.toString('latin1').replace(/\0+$/, '').trim();
    } else {
      throw savError(file, `unknown record type ${type} at byte ${source.offset - 4}`);
    }
  }

  const encoding = wanted !== 'auto' ? wanted : encodingOf(record20, characterCode);
  const decoder = new TextDecoder(encoding);
  const text = (b: Buffer) => decoder.decode(b).replace(/[\s\0]+$/, '');
  const longOf = new Map<string, string>();
  for (const pair of longNames ? text(longNames).split('\t') : []) {
    const at = pair.indexOf('=');
    if (at > 0) longOf.set(pair.slice(0, at).toUpperCase(), pair.slice(at + 1));
  }
  const widthOf = new Map<string, number>();
  for (const pair of veryLong ? veryLong.toString('latin1').split(/\0\t?|\t/) : []) {
    const at = pair.indexOf('=');
    if (at > 0) widthOf.set(pair.slice(0, at).toUpperCase(), Number.parseInt(pair.slice(at + 1), 10));
  }

  const variables: SavVariable[] = [];
  const byUnit = new Map<number, SavVariable>();
  for (let unit = 0; unit < records.length; ) {
    const r = records[unit] as (typeof records)[number];
    if (r.type < 0) throw savError(file, `variable record ${unit + 1} continues no string`);
    const shortName = text(r.name);
    const width = r.type === 0 ? 0 : (widthOf.get(shortName.toUpperCase()) ?? r.type);
    // A very long string is segments of 255 bytes (one per 252 of width, rounded up), each its own run of units.
    const count = width > 255 ? Math.ceil(width / 252) : 1;
    const segments: { unit: number; width: number }[] = [];
    let at = unit;
    for (let s = 0; s < count; s++) {
      const seg = records[at];
      if (seg === undefined || seg.type < 0)
        throw savError(file, `very long string ${shortName} overflows the dictionary`);
      segments.push({ unit: at, width: seg.type === 0 ? 8 : seg.type });
      at += seg.type === 0 ? 1 : Math.ceil(seg.type / 8);
    }
    const range: [number, number] | null = r.count < -1 ? [r.missing[0] as number, r.missing[1] as number] : null;
    const discrete = r.count < -1 ? r.missing.slice(2) : r.missing;
    const variable: SavVariable = {
      name: longOf.get(shortName.toUpperCase()) ?? shortName,
      shortName,
      width,
      segments,
      format: r.format,
      missing: {
        values: r.type === 0 ? discrete : [],
        strings: r.type === 0 ? [] : discrete.map((_, i) => text(r.rawMissing.subarray(8 * i, 8 * i + 8))),
        range: r.type === 0 ? range : null,
      },
      labels: new Map(),
      label: r.label ? text(r.label) : '',
    };
    variables.push(variable);
    byUnit.set(unit, variable);
    unit = at;
  }
  for (const [name, values] of longMissing ? stringMissing(longMissing, littleEndian, text) : []) {
    const variable = variables.find((v) => v.shortName.toUpperCase() === name || v.name.toUpperCase() === name);
    variable?.missing.strings.push(...values);
  }
  for (const set of labelSets) {
    for (const unit of set.units) {
      const variable = byUnit.get(unit);
      if (!variable) continue;
      for (const [value, label] of set.pairs)
        variable.labels.set(variable.width === 0 ? dbl(value, 0) : text(value), text(label));
    }
  }
  const units = records.length;
  return { variables, units, compression, bias, littleEndian, encoding, sysmis };
}

/** Record 7.22: user-missing values of strings wider than 8 bytes, by variable name (upper case). */
function stringMissing(data: Buffer, littleEndian: boolean, text: (b: Buffer) => string): [string, string[]][] {
  const int = (at: number) => (littleEndian ? data.readInt32LE(at) : data.readInt32BE(at));
  const found: [string, string[]][] = [];
  for (let at = 0; at + 4 <= data.length; ) {
    const nameLength = int(at);
    const name = text(data.subarray(at + 4, at + 4 + nameLength)).toUpperCase();
    at += 4 + nameLength;
    const count = data[at] as number;
    const length = int(at + 1);
    at += 5;
    const values: string[] = [];
    for (let i = 0; i < count; i++, at += length) values.push(text(data.subarray(at, at + length)));
    found.push([name, values]);
  }
  return found;
}
