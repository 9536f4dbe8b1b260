import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvRecords, sniffDelimiter } from '../../src/io/csv-records.js';
import { UserError } from '../../src/errors.js';

/** Feeds text in small chunks, so records and the BOM straddle chunk boundaries. */
async function records(text: string, chunk = 3) {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const out: { fields: string[]; line: number }[] = [];
  for await (const record of readCsvRecords(Readable.from(chunks), 'test.csv')) out.push(record);
  return out;
}

describe('sniffDelimiter', () => {
  it('picks the delimiter that occurs most outside quotes on the header line', () => {
    expect(sniffDelimiter('a,b,c\n1;2;3;4;5\n')).toBe(',');
    expect(sniffDelimiter('a;b;c\n')).toBe(';');
    expect(sniffDelimiter('a\tb\tc\r\n')).toBe('\t');
    expect(sniffDelimiter('"a;b;c;d",e,f\n')).toBe(',');
    expect(sniffDelimiter('single\n')).toBe(',');
  });
});

describe('readCsvRecords', () => {
  it('reads comma, semicolon and tab files the same way', async () => {
    const expected = [
      { fields: ['id', 'x'], line: 1 },
      { fields: ['r1', '5'], line: 2 },
    ];
    expect(await records('id,x\nr1,5\n')).toEqual(expected);
    expect(await records('id;x\nr1;5\n')).toEqual(expected);
    expect(await records('id\tx\nr1\t5\n')).toEqual(expected);
  });

  it('strips a UTF-8 BOM and accepts CRLF', async () => {
    expect(await records('\uFEFFid,x\r\nr1,5\r\nr2,6\r\n', 2)).toEqual([
      { fields: ['id', 'x'], line: 1 },
      { fields: ['r1', '5'], line: 2 },
      { fields: ['r2', '6'], line: 3 },
    ]);
  });

  it('reports the line on which a record starts, after quoted newlines and blank lines', async () => {
    const text = 'id,comment,x\nr1,"two\nlines, and ""quotes""",5\n\nr2,"a\r\nb\r\nc",6\nr3,,7';
    expect(await records(text)).toEqual([
      { fields: ['id', 'comment', 'x'], line: 1 },
      { fields: ['r1', 'two\nlines, and "quotes"', '5'], line: 2 },
      { fields: ['r2', 'a\r\nb\r\nc', '6'], line: 5 },
      { fields: ['r3', '', '7'], line: 8 },
    ]);
  });

  it('counts a CRLF inside quotes of a CRLF file as one line (as Excel writes them)', async () => {
    const text = 'id,comment\r\nr1,"a\r\nb"\r\nr2,x\r\n,\r\nr3,y\r\n';
    expect((await records(text)).map((r) => [r.fields[0], r.line])).toEqual([
      ['id', 1],
      ['r1', 2],
      ['r2', 4],
      ['r3', 6],
    ]);
  });

  it('keeps ragged rows as they are', async () => {
    expect((await records('a,b,c\n1,2\n1,2,3,4\n')).map((r) => r.fields.length)).toEqual([3, 2, 4]);
  });

  it('yields nothing for an empty file', async () => {
    expect(await records('')).toEqual([]);
  });

  it('yields every record before a syntax error, and names the line the failing record starts on', async () => {
    const text = `a,b\n${Array.from({ length: 100 }, (_, i) => `${i},x`).join('\n')}\n1,"x\n`;
    for (const chunk of [3, 64, 100_000]) {
      const out: number[] = [];
      const error = await (async () => {
        const bytes = Buffer.from(text);
        const chunks = Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) =>
          bytes.subarray(i * chunk, (i + 1) * chunk),
        );
        for await (const record of readCsvRecords(Readable.from(chunks), 'test.csv')) out.push(record.line);
      })().catch((e: unknown) => e);
      expect(out).toHaveLength(101);
      expect((error as UserError).message).toEqual(
        expect.stringMatching(/^test\.csv:102:b: a quoted field is not closed/),
      );
    }
  });

  it('picks the delimiter from the whole header line, however the file is chunked', async () => {
    // A quoted line break in the header used to end the sniffing early in some chunkings.
    expect(await records('"a\nb";c;d\n1;2;3\n', 4)).toEqual([
      { fields: ['a\nb', 'c', 'd'], line: 1 },
      { fields: ['1', '2', '3'], line: 3 },
    ]);
  });

  it('stops at a quote left open in the middle of the file, naming its line and column, with the records before it', async () => {
    // Read on as csv-parse's relax_quotes would, rows 3-4 would silently become part of r1's comment.
    const text = 'id,comment\nr0,fine\nr1,"great service, really\nr2,ok\nr3,"fine"\nr4,x\n';
    const lines: number[] = [];
    const error = await (async () => {
      for await (const record of readCsvRecords(Readable.from([Buffer.from(text)]), 'test.csv'))
        lines.push(record.line);
    })().catch((e: unknown) => e);
    expect(lines).toEqual([1, 2]);
    expect((error as UserError).message).toMatch(/^test\.csv:3:comment: a quote is not closed: /);
    // One line with stray quotes, and a quoted cell over two lines, are fine.
    expect(await records('id,comment\nr1,the 5" screen\nr2,"5" inches\nr3,"two\nlines"\n')).toEqual([
      { fields: ['id', 'comment'], line: 1 },
      { fields: ['r1', 'the 5" screen'], line: 2 },
      { fields: ['r2', '"5" inches'], line: 3 },
      { fields: ['r3', 'two\nlines'], line: 4 },
    ]);
  });

  it('turns an unclosed quote into a positioned UserError', async () => {
    const error = await records('a,b\n1,"open\n2,3\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/^test\.csv:2:b: a quoted field is not closed/);
  });
});
