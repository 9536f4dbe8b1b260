import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, useTempDir } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { csvRows, writeWorkbook } from '../helpers/xlsx.js';

const Q = join(fixturesDir, 'questionnaires', 'minimal-two-column.yaml');
const BLANK_CELLS = join(fixturesDir, 'responses', 'blank-cells.csv');

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
    expect(xlsx.stdout).toBe(csv.stdout);
    const sav = await runInProcess([
      'score',
      Q,
      join(fixturesDir, 'spss', 'blank-cells.sav'),
      '--format',
      'json',
      '--group-by',
      'branch',
    ]);
    expect(sav.stdout).toBe(csv.stdout);
    const zlib = join(fixturesDir, 'spss', 'blank-cells-zlib.sav');
    const checkSav = await runInProcess(['check', Q, zlib, '--min-respondents', '3', '--format', 'json']);
    const checkCsv = await runInProcess(['check', Q, BLANK_CELLS, '--min-respondents', '3', '--format', 'json']);
    expect(checkSav.code).toBe(checkCsv.code);
    expect(checkSav.stdout).toBe(checkCsv.stdout);
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

  it('reads a workbook with --threads (on one thread, saying so)', async () => {
    const book = join(dir(), 'r.xlsx');
    await writeWorkbook(book, { Sheet1: csvRows(readFileSync(BLANK_CELLS, 'utf8')) });
    const csv = await runInProcess(['score', Q, BLANK_CELLS, '--format', 'json']);
    const threads = await runInProcess(['score', Q, book, '--format', 'json', '--threads', '2']);
    expect(threads.stdout).toBe(csv.stdout);
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
