/**
 * The comments kept while scoring (issue 15): the column, the stored text, and a selection that is
 * capped and the same in one pass as over shards merged through partials. Expected selections come
 * from a brute-force sort of every row (one item per dimension, so a dimension's score is P - E).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMMENT_CHARS,
  COMMENTS_SHOWN,
  commentKey,
  commentText,
  hasComment,
} from '../../../src/core/scoring/comments.js';
import { DEFAULT_MISSING } from '../../../src/core/sources/labels.js';
import { planColumns } from '../../../src/core/scoring/column-plan.js';
import { fromPartial, mergePartials, renderPartial } from '../../../src/core/scoring/partial.js';
import { scoreTable } from '../../../src/core/scoring/score-table.js';
import { addRecord, beginTable, finishScoring, startScoring } from '../../../src/core/scoring/scorer.js';
import type { Questionnaire } from '../../../src/core/questionnaire/model.js';
import { mulberry32 } from '../../helpers/random.js';
import { makeQuestionnaire } from './support.js';

const ITEMS = ['T1', 'R1', 'S1', 'A1', 'E1'];
const HEADER = ['respondent', 'branch', ...ITEMS.flatMap((id) => [`${id}_E`, `${id}_P`]), 'Any other comments?'];

/** Rows with few distinct gaps (many ties), a blank comment now and then, some blank answers. */
function rows(n: number, seed: number): string[][] {
  const r = mulberry32(seed);
  const pick = (k: number) => Math.floor(r() * k);
  return Array.from({ length: n }, (_, i) => [
    `id${i}`,
    ['north', 'south', 'east'][pick(3)] as string,
    ...ITEMS.flatMap(() => (r() < 0.05 ? ['', ''] : [String(5 + pick(3)), String(3 + pick(3))])),
    r() < 0.3 ? '' : `comment ${i}`,
  ]);
}

/** Independently: per dimension, the comments of the lowest P - E first, ties by row order. */
function expectedByDimension(data: string[][]): { count: number; shown: string[] }[] {
  return ITEMS.map((_, d) => {
    const scored = data
      .map((row, i) => ({ i, comment: row[row.length - 1] as string, e: row[2 + 2 * d], p: row[3 + 2 * d] }))
      .filter((x) => x.comment !== '' && x.e !== '' && x.p !== '')
      .map((x) => ({ ...x, gap: Number(x.p) - Number(x.e) }));
    scored.sort((a, b) => a.gap - b.gap || a.i - b.i);
    return { count: scored.length, shown: scored.slice(0, COMMENTS_SHOWN).map((x) => x.comment) };
  });
}

function onePass(q: Questionnaire, data: string[][]) {
  const { result } = scoreTable(q, HEADER, data, { groupBy: ['branch'] });
  return result?.comments;
}

/** The rows cut at `cuts`, each part scored alone, written as a partial, read back and merged in order. */
function viaPartials(q: Questionnaire, data: string[][], cuts: number[]) {
  const bounds = [0, ...cuts, data.length];
  const states = bounds.slice(1).map((end, k) => {
    const state = startScoring(q, { groupBy: ['branch'] });
    const { table } = beginTable(state, HEADER);
    data.slice(bounds[k], end).forEach((row, i) => {
      addRecord(state, table, row, i + 2);
    });
    const read = fromPartial(JSON.parse(renderPartial(state)), q);
    expect(read.problems).toEqual([]);
    return read.state as NonNullable<typeof read.state>;
  });
  return finishScoring(mergePartials(states)).comments;
}

describe('comment column', () => {
  const q = makeQuestionnaire();

  it('is found by a name like a comment, never in an answer column', () => {
    expect(planColumns(q, HEADER).plan.comment).toBe(HEADER.length - 1);
    for (const name of [
      'Comments',
      ' feedback ',
      'Комментарий',
      'Ваши пожелания:',
      'Any other comments? [Open-Ended Response]',
    ])
      expect(commentKey(name), name).toMatch(/^(comments|feedback|комментарий|ваши пожелания|any other comments)$/);
    expect(planColumns(q, ['respondent', 'T1_E', 'T1_P', 'notes on T1']).plan.comment).toBe(-1);
    // An item whose id is a comment word: its answer columns stay answers.
    const odd = makeQuestionnaire({ items: { tangibles: ['feedback'] } });
    expect(planColumns(odd, ['feedback_E', 'feedback_P', 'feedback']).plan.comment).toBe(2);
    const perceptions = makeQuestionnaire({ format: 'perceptions-only' });
    const asColumn = { ...perceptions, columns: { ...perceptions.columns, perception: '{item}' } };
    expect(planColumns(asColumn, ['T1', 'R1', 'S1', 'A1', 'E1', 'remarks']).plan.comment).toBe(5);
    const named = {
      ...asColumn,
      dimensions: asColumn.dimensions.map((d, i) =>
        i === 0 ? { ...d, items: [{ ...d.items[0]!, id: 'remarks' }] } : d,
      ),
    };
    expect(planColumns(named, ['remarks', 'R1', 'S1', 'A1', 'E1']).plan.comment).toBe(-1);
  });

  it('is the declared column when the questionnaire names one, and a missing one is a missing column', () => {
    const declared = { ...q, columns: { ...q.columns, comment: 'Notes' } };
    const header = ['respondent', ...ITEMS.flatMap((id) => [`${id}_E`, `${id}_P`]), 'comment', 'notes'];
    expect(planColumns(declared, header).plan.comment).toBe(header.length - 1);
    expect(planColumns(declared, header.slice(0, -1)).missing).toEqual([
      expect.objectContaining({
        code: 'missing-column',
        name: 'Notes',
        message: 'missing column "Notes" (the comment column)',
      }),
    ]);
  });
});

describe('stored comment text', () => {
  it('drops control and bidi characters, keeps line breaks, and clips with an ellipsis', () => {
    expect(commentText('  Slow\r\nqueue\u202e\u001b[31m red\u0007 \r\r\r\rend\t! ')).toBe(
      'Slow\nqueue[31m red\n\nend !',
    );
    expect(commentText('N/A')).toBe('');
    expect(commentText('\u202e\u0000 ')).toBe('');
    const long = commentText('😀'.repeat(COMMENT_CHARS + 10));
    expect(Array.from(long)).toHaveLength(COMMENT_CHARS);
    expect(long.endsWith('😀…')).toBe(true);
    expect(commentText('x'.repeat(10_000_000))).toHaveLength(COMMENT_CHARS);
  });

  // The shortcut that counts a comment without cleaning it must agree with cleaning it.
  it('has a comment exactly when the cleaned text is not empty', () => {
    expect(hasComment(`${' '.repeat(COMMENT_CHARS * 4)}late`)).toBe(false);
    expect(hasComment('\u0001\u0002\u0003 N/A.')).toBe(false);
    expect(hasComment('The queue was slow and nobody said sorry')).toBe(true);
    const piece = fc.oneof(
      fc.constantFrom(...DEFAULT_MISSING, 'PREFER NOT TO SAY.', 'I don`t know'),
      fc.constantFrom(' ', '\t', '\r\n', '\u0000', '\u0007', '\u007f', '\u009b', '\u202e', '.', '\u00a0', '\ufeff'),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), fc.integer({ min: 1, max: 12 }), (pieces, max) => {
        const raw = pieces.join('');
        expect(hasComment(raw, max)).toBe(commentText(raw, max) !== '');
      }),
      { numRuns: 3000 },
    );
  });
});

describe('comment selection', () => {
  const q = makeQuestionnaire();

  it('keeps per dimension the comments of the lowest scores, ties in row order, capped, with every comment counted', () => {
    for (const seed of [1, 2, 3]) {
      const data = rows(400, seed);
      const comments = onePass(q, data);
      const expected = expectedByDimension(data);
      expect(comments?.column).toBe('Any other comments?');
      expect(comments?.total).toBe(data.filter((row) => row[row.length - 1] !== '').length);
      expect(comments?.dimensions.map((d) => ({ count: d.count, shown: d.shown.map((c) => c.text) }))).toEqual(
        expected,
      );
      expect(comments?.dimensions[0]?.shown[0]).toMatchObject({ respondent: expect.stringMatching(/^id\d+$/) });
    }
  });

  it('keeps per segment the first comments in row order, and counts them all', () => {
    const data = rows(300, 4);
    const comments = onePass(q, data);
    for (const segment of comments?.segments ?? []) {
      const own = data.filter((row) => row[1] === segment.value && row[row.length - 1] !== '');
      expect(segment.count).toBe(own.length);
      expect(segment.shown.map((c) => c.text)).toEqual(own.slice(0, COMMENTS_SHOWN).map((row) => row[row.length - 1]));
    }
    expect(comments?.segments.map((s) => s.value)).toEqual(['east', 'north', 'south']);
  });

  it('is the same over shards merged through partials, wherever the cuts fall', () => {
    const r = mulberry32(9);
    for (const seed of [5, 6, 7]) {
      const data = rows(250, seed);
      const whole = onePass(q, data);
      expect(whole?.dimensions.every((d) => d.shown.length === COMMENTS_SHOWN)).toBe(true);
      const cuts = [...new Set([1, 1 + Math.floor(r() * 248), 1 + Math.floor(r() * 248), 249])].sort((a, b) => a - b);
      expect(viaPartials(q, data, cuts), `cuts ${cuts}`).toEqual(whole);
    }
  });

  it('names a row by its line when there is no id column, and is absent without a comment column', () => {
    const header = HEADER.slice(1);
    const data = rows(20, 8).map((row) => row.slice(1));
    const { result } = scoreTable(q, header, data);
    const first = result?.comments?.dimensions[0]?.shown[0];
    expect(first).toEqual({
      line: expect.any(Number),
      text: expect.stringMatching(/^comment \d+$/),
      score: expect.any(Number),
    });
    expect(first?.text).toBe(`comment ${(first?.line as number) - 2}`);
    const none = scoreTable(
      q,
      HEADER.slice(0, -1),
      rows(20, 8).map((row) => row.slice(0, -1)),
    );
    expect(none.result).not.toBeNull();
    expect(none.result && 'comments' in none.result).toBe(false);
  });
});
