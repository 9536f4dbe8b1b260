import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellTexts, parseNumber } from '../../src/core/scoring/cells.js';
import { plainNumber } from '../../src/io/plain-number.js';
import { readCsvRecords } from '../../src/io/csv-records.js';
import { scanCsv, scanCsvRecords } from '../../src/io/csv-scan.js';
import { UserError } from '../../src/errors.js';

/*
 * The scanner against csv-parse (through readCsvRecords, the reference): on random and adversarial
 * files split into random chunks, both must give the same records (fields and start lines) and,
 * when the file is bad, the same records before the same error (message, line). FUZZ_RUNS=100000
 * runs longer, FUZZ_SEED=n elsewhere; the seed is fixed so that a failure reproduces.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20240611);
/** Long runs need more than the default 30 s. */
const TIMEOUT = Math.max(30_000, RUNS * 5);

interface Outcome {
  records: { fields: string[]; line: number }[];
  error: string | null;
}

function split(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of [...at, bytes.length]) {
    chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  return chunks;
}

function errorText(error: unknown): string {
  if (error instanceof UserError) return error.message;
  throw error;
}

async function reference(chunks: Buffer[], max?: number): Promise<Outcome> {
  const records: Outcome['records'] = [];
  try {
    for await (const record of readCsvRecords(Readable.from(chunks), 'f.csv', max)) records.push(record);
    return { records, error: null };
  } catch (error) {
    return { records, error: errorText(error) };
  }
}

/**
 * The chunks as the file reader gives them (openChunks with reuse): every one in the same buffer,
 * refilled on the next pull, so anything the scanner kept without copying would be overwritten.
 * Not for UTF-16, which goes to csv-parse; in use it reaches it decoded into fresh buffers.
 */
async function* reused(chunks: Buffer[]): AsyncGenerator<Buffer> {
  const buffer = Buffer.alloc(Math.max(1, ...chunks.map((c) => c.length)));
  for (const chunk of chunks) {
    buffer.fill(0x2a);
    chunk.copy(buffer);
    yield buffer.subarray(0, chunk.length);
  }
  buffer.fill(0x2a);
}

async function scanned(chunks: Buffer[], max?: number): Promise<Outcome> {
  const records: Outcome['records'] = [];
  const whole = Buffer.concat(chunks);
  const utf16 = whole[0] === 0xff && whole[1] === 0xfe;
  try {
    await scanCsv(
      utf16 ? Readable.from(chunks) : reused(chunks),
      'f.csv',
      (cells, line) => {
        const fields = cellTexts(cells);
        // The byte fast path reads every cell as parseNumber reads its text.
        fields.forEach((text, i) => {
          expect(cells.number(i)).toStrictEqual(parseNumber(text));
        });
        // Twice: the second read may come from the cache of short strings.
        expect(cellTexts(cells)).toEqual(fields);
        expect(cells.number(fields.length)).toBeNaN();
        expect(cells.text(fields.length)).toBe('');
        records.push({ fields, line });
      },
      max,
    );
    return { records, error: null };
  } catch (error) {
    return { records, error: errorText(error) };
  }
}

/** The same scanner as a generator of string records (the export reader's), through the reused buffer. */
async function scannedRecords(chunks: Buffer[], max?: number): Promise<Outcome> {
  const records: Outcome['records'] = [];
  const whole = Buffer.concat(chunks);
  const utf16 = whole[0] === 0xff && whole[1] === 0xfe;
  try {
    for await (const record of scanCsvRecords(utf16 ? Readable.from(chunks) : reused(chunks), 'f.csv', max))
      records.push(record);
    return { records, error: null };
  } catch (error) {
    return { records, error: errorText(error) };
  }
}

/**
 * The scanner reads as csv-parse does, except that it never decodes bytes that are not UTF-8 into
 * replacement characters (csv-parse does, silently): it stops with a positioned error after the
 * records before, or reads as csv-parse when a syntax error comes first.
 */
async function expectSame(bytes: Buffer, cuts: readonly number[] = [], max?: number): Promise<void> {
  const chunks = split(bytes, cuts);
  const expected = await reference(chunks, max);
  const label = JSON.stringify(bytes.toString('latin1'));
  const valid = isUtf8(bytes) || (bytes[0] === 0xff && bytes[1] === 0xfe);
  for (const outcome of [await scanned(chunks, max), await scannedRecords(chunks, max)]) {
    if (valid || !outcome.error?.includes('not valid UTF-8')) {
      expect(outcome, label).toEqual(expected);
      if (!valid) expect(JSON.stringify(expected.records), label).not.toContain('\uFFFD');
    } else {
      expect(outcome.error, label).toMatch(/^f\.csv:\d+:[^:]+: not valid UTF-8/);
      expect(expected.records.slice(0, outcome.records.length), label).toEqual(outcome.records);
    }
  }
}

const PIECES = [
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\r',
  '\n',
  '\r\n',
  ' ',
  '0',
  '7',
  '12',
  '3,5',
  '-',
  '.',
  'a',
  'Z',
  'é',
  'Я',
  '한',
  '😀',
  '\u0000',
  '\u00a0',
  '\ufeff',
];
const noise = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''));

/** Mostly well-formed files (so that records, not only errors, get compared), with noise. */
const cell = fc.oneof(
  fc.constantFrom('', ' ', '7', '-1', '3,5', ' 7 ', '+1', '1e0', '1.5', '.5', '5.', '0012', '1234567890123456', 'x'),
  fc.integer({ min: -100, max: 1000 }).map(String),
  noise.map((t) => t.replace(/["\r\n,;\t]/g, '')),
  noise.map((t) => `"${t.replaceAll('"', '""')}"`),
  noise,
);
const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
const row = fc
  .tuple(fc.array(cell, { minLength: 1, maxLength: 6 }), fc.constantFrom(',', ';', '\t'))
  .map(([cells, d]) => cells.join(d));
const table = fc.array(fc.tuple(row, lineEnd), { maxLength: 8 }).map((rows) => rows.map(([r, e]) => r + e).join(''));
const text = fc.tuple(
  fc.constantFrom('', '', '\ufeff'),
  fc.oneof(table, noise),
  fc.constantFrom('', '\n', '\r\n', '"'),
);
const cuts = fc.array(fc.nat({ max: 400 }), { maxLength: 12 });
const maxSize = fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 24 }));
/** Raw bytes: invalid UTF-8, split multi-byte characters, a UTF-16 byte-order mark. */
const bytes = fc.array(
  fc.constantFrom(0x22, 0x2c, 0x3b, 0x0d, 0x0a, 0x20, 0x31, 0x61, 0xc3, 0xa9, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0x80, 0x00),
  { maxLength: 40 },
);

describe('scanCsv reads exactly as csv-parse', () => {
  it(
    'on random files, chunkings and record size limits',
    async () => {
      await fc.assert(
        fc.asyncProperty(text, cuts, maxSize, async ([bom, body, tail], at, max) =>
          expectSame(Buffer.from(bom + body + tail), at, max),
        ),
        { seed: SEED, numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'on random bytes',
    async () => {
      await fc.assert(
        fc.asyncProperty(bytes, cuts, async (b, at) => expectSame(Buffer.from(b), at)),
        { seed: SEED, numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  const adversarial = [
    '',
    '\n',
    '\r',
    '\r\n',
    '"',
    '""',
    '"""',
    '""""',
    '\ufeff',
    '\ufeff\n',
    ' , \n',
    ',\n,\n',
    'a,b\n1,"x"y\n',
    'ab"c',
    '"ab"c',
    '"a',
    '\ufeff"a",b',
    '\ufeffa"b',
    '"a""b",c',
    '"a"\u0000b,c\n1',
    '""\u0000"',
    // The first line break decides the record delimiter; the others are field text (and lines).
    'a\rb\nc',
    'a\nb\r\nc',
    'a\r\nb\nc',
    'x\ry\r\nz\rw',
    'x\n"a"\r\nb',
    'x\r\n"a"\nb',
    'x\r"a"\nb',
    '"a\r\nb"\r',
    '"a"\r',
    'id,comment\r\nr1,"a\r\nb"\r\nr2,x\r\n,\r\nr3,y\r\n',
    'a,b\n\n\n1,2\n \t ,\u00a0\n3,"\n"\n4,\ufeff\n',
    '"h\n1";x;y\n1;2;3\n',
    'a;b,c;d\n1;2,3;4\n',
    'a\tb\n"1\t2"\t3\n',
    // A quote left open: the next rows run into the cell until a later quote; the record fails.
    'id,comment\nr1,"great service, really\nr2,ok\nr3,"fine"\nr4,x\n',
    'id,comment\r\nr1,"open\r\nr2,"x" y\r\n',
    'id,comment\nr1,"two\nlines" and more\n',
    '"h\n1"x,b\n',
    // Stray quotes on one line are characters.
    'id,comment\nr1,the 5" screen\nr2,"5" inches\n',
  ];
  it.each(adversarial.map((t) => [JSON.stringify(t), t]))('on %s, however it is chunked', async (_, t) => {
    const b = Buffer.from(t);
    for (const size of [0, 1, 2, 3, 5]) {
      await expectSame(b, size === 0 ? [] : Array.from({ length: b.length }, (_, i) => i * size));
    }
  });

  it('on the record size limit, which counts earlier fields in UTF-16 units and the current one in bytes', async () => {
    for (const max of [0, 1, 2, 3, 4, 5, 6, 8]) {
      for (const t of [
        'abc,def\n',
        'ééé,x\n',
        '"a""b",cd\n',
        'a,"bc\nd',
        '😀😀,ab,c\n',
        '"x"\u0000yz,1\n',
        'abcdefgh"',
      ]) {
        await expectSame(Buffer.from(t), [3], max);
      }
    }
  });

  it('on a UTF-16 file (csv-parse decodes it; the scanner hands it to csv-parse)', async () => {
    await expectSame(Buffer.from('\ufeffid,x\r\nr1,5\r\n', 'utf16le'), [1, 5]);
  });

  it('on records past 16 MiB, in csv-parse measure', async () => {
    const big = 'x'.repeat(16 * 1024 * 1024 + 2);
    await expectSame(Buffer.from(`a,b\n1,${big}\n`), [70_000, 9_000_000]);
    // 12 MB of "é" is 6M UTF-16 units: with 8M more bytes the record is within the limit for csv-parse.
    await expectSame(Buffer.from(`a,b\n${'é'.repeat(6_000_000)},${'x'.repeat(8_000_000)}\n2,3\n`), [262_144]);
  }, 60_000);
});

describe('plainNumber', () => {
  it('is parseNumber on the cells it reads, and declines the rest', () => {
    const digits = fc
      .array(fc.constantFrom('0', '1', '5', '9', '.', '-', '+', ' ', 'e', ','), { maxLength: 20 })
      .map((d) => d.join(''));
    fc.assert(
      fc.property(fc.oneof(digits, fc.double({ noNaN: true }).map(String), fc.integer().map(String)), (t) => {
        const fast = plainNumber(Buffer.from(t), 0, t.length);
        if (fast !== undefined) expect(fast).toStrictEqual(parseNumber(t));
      }),
      { seed: SEED, numRuns: RUNS * 20 },
    );
    expect(plainNumber(Buffer.from('-0.250'), 0, 6)).toStrictEqual(-0.25);
    expect(plainNumber(Buffer.from('1234567890123456'), 0, 16)).toBeUndefined();
  });
});
