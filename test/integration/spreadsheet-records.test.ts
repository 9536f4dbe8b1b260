import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { formatOf, openInput } from '../../src/io/input-format.js';
import type { CsvRecord } from '../../src/io/csv-records.js';
import { savRecords } from '../../src/io/sav-records.js';
import { xlsxRecords } from '../../src/io/xlsx-records.js';
import { fixturesDir, useTempDir } from '../helpers/run-cli.js';
import { writeWorkbook } from '../helpers/xlsx.js';

const SPSS = join(fixturesDir, 'spss');

async function all(records: AsyncIterable<CsvRecord>): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('formatOf: the format by the first bytes', () => {
  it('tells a zip, an SPSS file, an OLE file and text apart', () => {
    expect(formatOf(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('xlsx');
    expect(formatOf(Buffer.from('$FL2@(#)', 'latin1'))).toBe('sav');
    expect(formatOf(Buffer.from('$FL3@(#)', 'latin1'))).toBe('sav');
    expect(formatOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('ole');
    expect(formatOf(Buffer.from('respondent,T1_E\n'))).toBe('csv');
    expect(formatOf(Buffer.alloc(0))).toBe('csv');
  });
});

describe('xlsxRecords', () => {
  const dir = useTempDir();

  it('reads numbers, cached formula results, dates, shared and rich text, gaps and blank rows', async () => {
    const file = join(dir(), 'cells.xlsx');
    await writeWorkbook(file, {
      first: [
        ['id', 'n', 'f', 'when', 'text'],
        [1, 0.1, { formula: 'B2*2', result: 0.2 }, new Date(Date.UTC(2026, 2, 1)), 'plain'],
        [],
        [
          2,
          null,
          { formula: 'B4', result: 'x' },
          new Date(Date.UTC(2026, 2, 1, 14, 30)),
          { richText: [{ text: 'ri' }, { text: 'ch' }] },
        ],
        [3, 1e-7, true, null, null, 'beyond'],
      ],
      second: [['other'], [1]],
    });
    const records = await all(xlsxRecords(createReadStream(file), 'cells.xlsx', undefined));
    expect(records).toEqual([
      { line: 1, fields: ['id', 'n', 'f', 'when', 'text'] },
      { line: 2, fields: ['1', '0.1', '0.2', '2026-03-01', 'plain'] },
      { line: 4, fields: ['2', '', 'x', '2026-03-01T14:30:00', 'rich'] },
      { line: 5, fields: ['3', '1e-7', 'TRUE', '', '', 'beyond'] },
    ]);
  });

  it('chooses a sheet by number or name, and lists the sheets for an unknown one', async () => {
    const file = join(dir(), 'two.xlsx');
    await writeWorkbook(file, { Wave1: [['a'], [1]], Wave2: [['b'], [2]] });
    const header = async (sheet: string) =>
      (await all(xlsxRecords(createReadStream(file), 'two.xlsx', sheet)))[0]?.fields;
    expect(await header('2')).toEqual(['b']);
    expect(await header('Wave1')).toEqual(['a']);
    expect(await header('wave2')).toEqual(['b']);
    const error = await failure(all(xlsxRecords(createReadStream(file), 'two.xlsx', 'Wave3')));
    expect(error.code).toBe('unknown-sheet');
    expect(error.message).toBe(
      'two.xlsx: --sheet Wave3: the workbook has no such sheet; its sheets: 1 "Wave1", 2 "Wave2"',
    );
  });

  it('refuses a zip that is not a workbook, a damaged zip and an encrypted workbook in one line', async () => {
    const zip = join(dir(), 'not.xlsx');
    // A zip with one stored file "a.txt" (made by hand: local header, data, central directory, end).
    writeFileSync(
      zip,
      Buffer.from(
        'UEsDBAoAAAAAAAAAIQC5xmhFAwAAAAMAAAAFAAAAYS50eHRoaQpQSwECFAAKAAAAAAAAACEAucZoRQMAAAADAAAABQAAAAAAAAAAAAAAAAAAAAAAYS50eHRQSwUGAAAAAAEAAQAzAAAAJgAAAAAA',
        'base64',
      ),
    );
    const stdin = Readable.from([]);
    const notBook = await failure(
      openInput(zip, stdin).then((input) => all((input as { records: AsyncGenerator<CsvRecord> }).records)),
    );
    expect(notBook.code).toBe('not-a-workbook');
    const broken = join(dir(), 'broken.xlsx');
    writeFileSync(broken, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 7)]));
    const damaged = await failure(
      openInput(broken, stdin).then((input) => all((input as { records: AsyncGenerator<CsvRecord> }).records)),
    );
    expect(damaged.code).toBe('corrupt-workbook');
    expect(damaged.message.split('\n')[0]).toMatch(
      /broken\.xlsx: the workbook cannot be read: the zip archive ends early/,
    );
    const ole = join(dir(), 'secret.xlsx');
    writeFileSync(
      ole,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
    );
    const encrypted = await failure(openInput(ole, stdin));
    expect(encrypted.code).toBe('encrypted-workbook');
    expect(encrypted.message).toBe(
      `${ole}: an encrypted or old .xls workbook: save it as .xlsx (without a password) or as CSV`,
    );
  });
});

describe('savRecords (fixtures written by PSPP: test/fixtures/spss/make-sav.sps)', () => {
  const read = (name: string, encoding = 'auto') => all(savRecords(createReadStream(join(SPSS, name)), name, encoding));

  it('reads bytecode-compressed, uncompressed and ZLIB data alike, user-missing codes blank', async () => {
    const compressed = await read('blank-cells.sav');
    expect(compressed[0]?.fields.slice(0, 4)).toEqual(['respondent', 'branch', 'T1_E', 'T1_P']);
    expect(compressed[2]).toEqual({
      line: 3,
      fields: ['r2', 'North', '6', '', '7', '5', '7', '5', '7', '4', '6', '7', '6', '4', 'Slow, but friendly.'],
    });
    expect(compressed).toHaveLength(6);
    expect(await read('blank-cells-uncompressed.sav')).toEqual(compressed);
    expect(await read('blank-cells-zlib.sav')).toEqual(compressed);
  });

  it('reads long names, very long strings, UTF-8 text, dates, missing ranges and system-missing', async () => {
    const records = await read('edge.sav');
    expect(records[0]?.fields).toEqual(['id', 'overall_satisfaction_score', 'note', 'city', 'day', 'at']);
    const note = `${'a'.repeat(250)}b${'c'.repeat(48)}d`;
    expect(records.slice(1).map((r) => r.fields)).toEqual([
      ['1', '3.25', note, '서울', '2026-03-01', '2026-03-01T14:30:00'],
      ['2', '', note, '', '1999-12-31', '1999-12-31'],
      ['3', '', note, 'Москва', '2026-01-02', '2026-01-02T08:00:05'],
      ['4', '', note, 'Paris', '2026-01-02', '2026-01-02T08:00:05'],
    ]);
  });

  it('reports a truncated file in one line', async () => {
    const bytes = await Readable.from(createReadStream(join(SPSS, 'blank-cells.sav'))).toArray();
    const head = Buffer.concat(bytes as Buffer[]).subarray(0, 300);
    const error = await failure(all(savRecords(Readable.from([head]), 'cut.sav', 'auto')));
    expect(error.code).toBe('corrupt-sav');
    expect(error.message.split('\n')[0]).toMatch(
      /^cut\.sav: not a readable SPSS \.sav file: it ends inside its dictionary/,
    );
  });
});
