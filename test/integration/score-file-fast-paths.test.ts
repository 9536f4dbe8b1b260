import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src/core/scoring/result.js';
import { scoreTable } from '../../src/core/scoring/score-table.js';
import { scoreFiles } from '../../src/io/score-files.js';
import { mulberry32 } from '../helpers/random.js';
import { makeQuestionnaire } from '../unit/scoring/support.js';

/*
 * Reading a file takes shortcuts the in-memory table does not: ids hashed from their ASCII bytes,
 * short cells from a cache of strings, chunks read into one reused buffer. Whatever the cells, a
 * file must score exactly as the same rows given as strings.
 */

const dir = mkdtempSync(join(tmpdir(), 'servqual-fast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const q = makeQuestionnaire({ format: 'perceptions-only', items: { tangibles: ['T1'] } });
const header = ['respondent', 'branch', 'T1_P', 'R1_P', 'S1_P', 'A1_P', 'E1_P'];

/** A CSV field: quoted when it must be (or, at random, anyway). */
function field(text: string, quote: boolean): string {
  return quote || /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function bothWays(rows: string[][], random: () => number): Promise<{ file: Result; table: Result }> {
  const text = [header, ...rows].map((row) => row.map((cell) => field(cell, random() < 0.1)).join(',')).join('\n');
  const file = join(dir, `t${Math.floor(random() * 1e9)}.csv`);
  writeFileSync(file, `${text}\n`);
  const fromFile = await scoreFiles(q, [file], { groupBy: ['branch'] });
  const fromTable = scoreTable(q, header, rows, { groupBy: ['branch'] }).result as Result;
  return { file: fromFile, table: fromTable };
}

describe('a file scores as the same rows given as strings', () => {
  it('counts repeated ids alike whether a cell is read as bytes or as text (spaces, quotes, non-ASCII)', async () => {
    const ids = ['R1', ' R1 ', 'R1', 'Ré', 'Ré ', 'R2', '\tR2', 'r2', '', '  ', 'Я', 'Я', 'R1'];
    const rows = ids.map((id, i) => [id, 'north', String(1 + (i % 7)), '4', '4', '4', '4']);
    const random = mulberry32(3);
    for (let round = 0; round < 5; round++) {
      const { file, table } = await bothWays(rows, random);
      const repeats = file.warnings.find((w) => w.code === 'duplicate-respondents');
      expect(repeats).toEqual(table.warnings.find((w) => w.code === 'duplicate-respondents'));
      expect(repeats).toMatchObject({ count: 6, examples: ['R1', 'Ré', 'R2', 'Я'] });
    }
  });

  it('finds every segment through the string cache, with more values than it holds and values that look alike', async () => {
    const random = mulberry32(8);
    const values = Array.from({ length: 150 }, (_, i) =>
      i % 3 === 0 ? `b${i}` : i % 3 === 1 ? ` b${i % 40} ` : `bé${i % 20}`,
    );
    const rows = Array.from({ length: 3000 }, (_, i) => [
      `id${i}`,
      values[Math.floor(random() * values.length)] as string,
      String(1 + (i % 7)),
      '3',
      '5',
      '2',
      '6',
    ]);
    const { file, table } = await bothWays(rows, random);
    expect(file.segments.map((s) => [s.value, s.respondents.total])).toEqual(
      table.segments.map((s) => [s.value, s.respondents.total]),
    );
    expect(file.segments.length).toBeGreaterThan(64);
    expect(file.segments).toEqual(table.segments);
  });

  it('reads a file of many chunks through the reused buffer, quoted line breaks across chunk edges included', async () => {
    const random = mulberry32(21);
    // About 3 MB: a dozen 256 KB reads.
    const rows = Array.from({ length: 40_000 }, (_, i) => [
      i % 97 === 0 ? `id\n${i}` : `id${i}`,
      i % 5 === 0 ? 'line\r\nbreak' : `b${i % 7}`,
      ...Array.from({ length: 5 }, () => String(1 + Math.floor(random() * 7))),
    ]);
    const { file, table } = await bothWays(rows, random);
    expect(file.respondents.total).toBe(40_000);
    expect(file).toEqual(table);
  });
});
