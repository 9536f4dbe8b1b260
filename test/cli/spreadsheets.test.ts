import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, useTempDir } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { csvRows, writeWorkbook } from '../helpers/xlsx.js';

const Q = join(fixturesDir, 'questionnaires', 'minimal-two-column.yaml');
const BLANK_CELLS = join(fixturesDir, 'responses', 'blank-cells.csv');

/** The JSON result without `run`, whose input names differ by design between a CSV and a workbook. */
function scores(stdout: string): unknown {
  const { run: _run, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
  return rest;
}

describe('score, check and map read XLSX workbooks and SPSS files as they read the CSV', () => {
  const dir = useTempDir();

  it('scores a workbook (any sheet, any name) and an SPSS file to the same JSON as the CSV', async () => {
    const csv = await runInProcess(['score', Q, BLANK_CELLS, '--format', 'json', '--group-by', 'branch']);
    expect(csv.code).toBe(0);
    const book = join(dir(), 'responses.data');
    await writeWorkbook(book, { notes: [['nothing here']], responses: csvRows(readFileSync(BLANK_CELLS, 'utf8')) });
    const xlsx = await runInProcess([
      'score',
      Q,
      book,
      '--sheet',
      'responses',
      '--format',
      'json',
      '--group-by',
      'branch',
    ]);
    expect(xlsx.stderr).toBe(csv.stderr);
    expect(scores(xlsx.stdout)).toEqual(scores(csv.stdout));
    const sav = await runInProcess([
      'score',
      Q,
      join(fixturesDir, 'spss', 'blank-cells.sav'),
      '--format',
      'json',
      '--group-by',
      'branch',
    ]);
    expect(scores(sav.stdout)).toEqual(scores(csv.stdout));
    const zlib = join(fixturesDir, 'spss', 'blank-cells-zlib.sav');
    const checkSav = await runInProcess(['check', Q, zlib, '--min-respondents', '3', '--format', 'json']);
    const checkCsv = await runInProcess(['check', Q, BLANK_CELLS, '--min-respondents', '3', '--format', 'json']);
    expect(checkSav.code).toBe(checkCsv.code);
    expect(scores(checkSav.stdout)).toEqual(scores(checkCsv.stdout));
  });

  it('reports a bad cell of a workbook at its sheet row and header, and an unknown sheet with the list', async () => {
    const rows = csvRows(readFileSync(BLANK_CELLS, 'utf8'));
    (rows[3] as unknown[])[5] = 'six';
    const book = join(dir(), 'bad.xlsx');
    await writeWorkbook(book, { Sheet1: rows });
    const bad = await runInProcess(['score', Q, 'bad.xlsx'], { cwd: dir() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.xlsx:4:T2_P: "six" is not a number on the 1-7 scale');
    const sheet = await runInProcess(['score', Q, 'bad.xlsx', '--sheet', '3'], { cwd: dir() });
    expect(sheet.code).toBe(2);
    expect(sheet.stderr).toContain('bad.xlsx: --sheet 3: the workbook has no such sheet; its sheets: 1 "Sheet1"');
  });

  it('reads a workbook piped to stdin, and init --from a workbook sheet writes a questionnaire that scores it', async () => {
    const book = join(dir(), 'piped.xlsx');
    await writeWorkbook(book, { cover: [['about this file']], data: csvRows(readFileSync(BLANK_CELLS, 'utf8')) });
    const csv = await runInProcess(['score', Q, BLANK_CELLS, '--format', 'json']);
    const piped = await runInProcess(['score', Q, '-', '--sheet', 'data', '--format', 'json'], {
      stdin: readFileSync(book),
    });
    expect(piped.stderr).toBe(csv.stderr);
    expect(scores(piped.stdout)).toEqual(scores(csv.stdout));

    const fromCsv = await runInProcess(['init', 'from-csv.yaml', '--from', BLANK_CELLS], { cwd: dir() });
    const fromBook = await runInProcess(['init', 'from-book.yaml', '--from', 'piped.xlsx', '--sheet', '2'], {
      cwd: dir(),
    });
    expect(fromBook.code).toBe(0);
    // The sheet is kept in source.sheet, so score reads it without --sheet.
    expect(fromBook.stdout).toContain('`servqual score from-book.yaml piped.xlsx`');
    expect(readFileSync(join(dir(), 'from-book.yaml'), 'utf8')).toMatch(/^ {2}sheet: 2$/m);
    const scoredBook = await runInProcess(['score', 'from-book.yaml', 'piped.xlsx', '--format', 'json'], {
      cwd: dir(),
    });
    const scoredCsv = await runInProcess(['score', 'from-csv.yaml', BLANK_CELLS, '--format', 'json'], { cwd: dir() });
    expect(fromCsv.code).toBe(0);
    expect(scoredBook.code).toBe(0);
    const numbers = (stdout: string) => {
      const { overall, dimensions } = JSON.parse(stdout) as { overall: unknown; dimensions: unknown };
      return { overall, dimensions };
    };
    expect(numbers(scoredBook.stdout)).toEqual(numbers(scoredCsv.stdout));
    const misplaced = await runInProcess(['init', 'x.yaml', '--sheet', '2', '--template', 'servqual-generic'], {
      cwd: dir(),
    });
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain('--sheet go with --from');
    // --sheet names a sheet of a workbook: on a CSV it is an error, not ignored.
    const onCsv = await runInProcess(['score', Q, BLANK_CELLS, '--sheet', '2']);
    expect(onCsv.code).toBe(2);
    expect(onCsv.stderr).toContain('blank-cells.csv: --sheet 2: this is a CSV file, not an XLSX workbook');
  });

  it('reads a workbook with --threads (on one thread, saying so)', async () => {
    const book = join(dir(), 'r.xlsx');
    await writeWorkbook(book, { Sheet1: csvRows(readFileSync(BLANK_CELLS, 'utf8')) });
    const csv = await runInProcess(['score', Q, BLANK_CELLS, '--format', 'json']);
    const threads = await runInProcess(['score', Q, book, '--format', 'json', '--threads', '2']);
    expect(scores(threads.stdout)).toEqual(scores(csv.stdout));
    expect(threads.stderr).toContain('note: --threads: read on one thread: only CSV files are split');
  });

  it('map proposes a source section from a workbook', async () => {
    const book = join(dir(), 'export.xlsx');
    await writeWorkbook(book, { Sheet1: csvRows(readFileSync(BLANK_CELLS, 'utf8')) });
    const map = await runInProcess(['map', book, '--questionnaire', Q]);
    expect(map.code).toBe(0);
    expect(map.stdout).toContain('source:');
  });
});
