/**
 * Cells that are not numbers on the scale: an error naming line (row index + 2, the header being
 * line 1) and column header, unless skipInvalid, which treats them as missing and counts them.
 */
import { describe, expect, it } from 'vitest';
import { scoreTable } from '../../../src/core/scoring/score-table.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { makeQuestionnaire, warning } from './support.js';

const q = makeQuestionnaire({ weights: { source: 'respondents' }, kpis: [{ id: 'nps', type: 'nps' }] });
const ITEMS = ['T1', 'R1', 'S1', 'A1', 'E1'];
const header = ['respondent', ...ITEMS.flatMap((i) => [`${i}_E`, `${i}_P`]), 'W_tangibles', 'nps'];
const good = (id: string): string[] => [id, '7', '5', '6', '6', '5', '6', '7', '4', '4', '4', '20', '9'];
const withCell = (row: string[], column: string, text: string) =>
  row.map((cell, i) => (header[i] === column ? text : cell));

// Row index -> line: row 0 is line 2.
const rows = [
  good('r1'),
  withCell(good('r2'), 'T1_P', 'x'), // line 3: a letter
  withCell(good('r3'), 'R1_E', '8'), // line 4: above the 1-7 scale
  withCell(good('r4'), 'A1_P', '0'), // line 5: below the scale
  withCell(good('r5'), 'nps', '11'), // line 6: off the KPI's 0-10 scale
  withCell(good('r6'), 'W_tangibles', 'abc'), // line 7: a weight that is not a number
  withCell(good('r7'), 'E1_P', ' 4 '), // line 8: spaces around a number are fine
];

describe('invalid cells without skipInvalid', () => {
  const out = scoreTable(q, header, rows);
  it('gives no result', () => {
    expect(out.result).toBeNull();
    expect(out.invalidCells).toBe(5);
  });
  it('names the line and the column header of every bad cell', () => {
    expect(out.problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'T1_P'],
      [4, 'R1_E'],
      [5, 'A1_P'],
      [6, 'nps'],
      [7, 'W_tangibles'],
    ]);
    expect(out.problems[0]?.message).toBe('"x" is not a number on the 1-7 scale');
    expect(out.problems[1]?.message).toContain('"8"');
    expect(out.problems[3]?.message).toMatch(/0-10/);
  });
  it('keeps finding bad cells after the first', () => {
    const many = [good('a'), ...Array.from({ length: 10 }, (_, k) => withCell(good(`b${k}`), 'S1_E', '9'))];
    const r = scoreTable(q, header, many);
    expect(r.invalidCells).toBe(10);
    expect(r.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
  // Deviation (src/core/scoring/scorer.ts, MAX_REPORTED_PROBLEMS = 20): only the first 20 problems
  // are kept, and io/score-files.ts prints "... and N more invalid cells". docs/contract.md, "Responses (CSV)":
  // "exit 2, every bad cell listed as FILE:LINE:COLUMN: message". 25 bad cells give 20 problems.
  // Issue 2 settles how "every bad cell" is shown: the first 20, then a count of all of them.
  it('keeps the first 20 bad cells and counts all of them', () => {
    const many = Array.from({ length: 25 }, (_, k) => withCell(good(`c${k}`), 'T1_E', 'seven'));
    const r = scoreTable(q, header, many);
    expect(r.invalidCells).toBe(25);
    expect(r.problems).toHaveLength(20);
    expect(r.problems.map((p) => p.line)).toEqual(Array.from({ length: 20 }, (_, k) => k + 2));
  });
});

describe('invalid cells with skipInvalid', () => {
  const out = scoreTable(q, header, rows, { skipInvalid: true });
  const r = out.result as Result;
  it('gives a result that counts the skipped cells', () => {
    expect(r).not.toBeNull();
    expect(out.invalidCells).toBe(0);
    // r2, r3 and r4 lose a one-item dimension, so they are not scored: 7 - 3 = 4.
    expect(r.respondents).toEqual({ total: 7, scored: 4, skippedCells: 5 });
    expect(warning(r, 'skipped-cells')).toMatchObject({ count: 5 });
  });
  it('treats each bad cell as missing', () => {
    const n = (id: string) => r.items.find((i) => i.id === id)?.gap.n;
    expect([n('T1'), n('R1'), n('S1'), n('A1'), n('E1')]).toEqual([6, 6, 7, 6, 7]);
    expect(r.kpis[0]?.n).toBe(6);
    // Every row has only W_tangibles (the other weights are absent): incomplete, so invalid, except
    // row r6 whose weight became blank: all blank.
    expect(warning(r, 'weights-fallback')).toMatchObject({ invalid: 6, missing: 1 });
  });
});

describe('accepted numbers', () => {
  it('accepts decimals on the scale and a decimal comma', () => {
    const r = scoreTable(q, header, [withCell(good('d1'), 'T1_P', '4.5'), withCell(good('d2'), 'T1_P', '3,5')]);
    expect(r.problems).toEqual([]);
    expect(r.result?.items[0]?.perception).toBe(4);
  });
  it('a needed column the header lacks is reported by name, with no result', () => {
    const r = scoreTable(
      q,
      header.filter((h) => h !== 'R1_P'),
      [good('e1').filter((_, i) => header[i] !== 'R1_P')],
    );
    expect(r.result).toBeNull();
    expect(r.missing.map((m) => m.name)).toEqual(['R1_P']);
  });
});
