/** Items carry their wordings in the result: the perception as `statement`, the others the format asks as `statements`. */
import { describe, expect, it } from 'vitest';
import { scoreObjects } from '../../../src/core/scoring/score-table.js';
import { otherStatements } from '../../../src/core/scoring/statements.js';
import { generateRows, makeQuestionnaire } from './support.js';

describe('item statements in the result', () => {
  it('two-column: the perception as statement, the expectation beside it, after id and dimension', () => {
    const q = makeQuestionnaire();
    const { result } = scoreObjects(q, generateRows(q, { n: 5, seed: 1 }));
    const t1 = result?.items[0];
    expect(t1).toMatchObject({ id: 'T1', statement: 'P T1', statements: { expectation: 'E T1' } });
    expect(Object.keys(t1 ?? {}).slice(0, 5)).toEqual(['id', 'dimension', 'statement', 'statements', 'expectation']);
  });

  it('three-column: minimum and desired (the expectation statement standing for both); perceptions-only: none', () => {
    const three = makeQuestionnaire({ format: 'three-column' });
    expect(otherStatements('three-column', three.dimensions[0]?.items[0] as never)).toEqual({
      minimum: 'E T1',
      desired: 'E T1',
    });
    const only = makeQuestionnaire({ format: 'perceptions-only' });
    const { result } = scoreObjects(only, generateRows(only, { n: 5, seed: 2 }));
    expect(result?.items.map((item) => [item.statement, item.statements])).toEqual(
      ['T1', 'R1', 'S1', 'A1', 'E1'].map((id) => [`P ${id}`, {}]),
    );
  });

  it("a segment's items pair with the result's by id and do not repeat the wordings", () => {
    const q = makeQuestionnaire();
    const rows = generateRows(q, { n: 6, seed: 3, branches: ['a', 'b'] });
    const { result } = scoreObjects(q, rows, { groupBy: ['branch'] });
    expect(result?.segments.length).toBeGreaterThan(0);
    for (const segment of result?.segments ?? [])
      for (const item of segment.items) expect(item.statement).toBeUndefined();
  });
});
