/** The partial result's zod schema: what `score --partial` writes fits it, damage is named by path. */
import { describe, expect, it } from 'vitest';
import { toPartial } from '../../../src/core/scoring/partial.js';
import { checkPartialShape } from '../../../src/core/scoring/partial-schema.js';
import { addRecord, beginTable, startScoring } from '../../../src/core/scoring/scorer.js';
import { generateRows, makeQuestionnaire } from '../scoring/support.js';

const q = makeQuestionnaire({ format: 'two-column', kpis: [{ id: 'nps', type: 'nps' }] });

function partial(groupBy: string[]): Record<string, any> {
  const rows = generateRows(q, { n: 80, seed: 3, branches: ['north', 'south'] });
  const header = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const state = startScoring(q, { groupBy });
  const { table } = beginTable(state, header);
  rows.forEach((row, i) => {
    addRecord(
      state,
      table,
      header.map((h) => String(row[h] ?? '')),
      i + 2,
    );
  });
  return JSON.parse(JSON.stringify(toPartial(state)));
}

describe('partial result schema', () => {
  it('fits what score --partial writes, with and without segments', () => {
    expect(checkPartialShape(partial([]))).toEqual([]);
    expect(checkPartialShape(partial(['branch']))).toEqual([]);
  });

  it('names each damaged place by path', () => {
    const p = partial(['branch']);
    p.overall.item.sum.gap[0] = 'x';
    p.ids.duplicates = -1;
    p.segments[1].value = 7;
    p.extra = true;
    delete p.skippedCells;
    expect(checkPartialShape(p)).toEqual([
      { path: ['overall', 'item', 'sum', 'gap', 0], message: 'expected a number, found a string' },
      { path: ['segments', 1, 'value'], message: 'expected a string, found the number 7' },
      { path: ['ids', 'duplicates'], message: 'expected a number at least 0, found the number -1' },
      { path: [], message: 'missing key "skippedCells"' },
      { path: ['extra'], message: 'unknown key' },
    ]);
  });
});
