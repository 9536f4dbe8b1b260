import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { questionnaireWith, scoreExport } from './support.js';

const q = questionnaireWith('en', 'source: { platform: long }');
const csv = (lines: string[]) => ({ name: 'answers.csv', text: `respondent,item,kind,value\n${lines.join('\n')}\n` });
const ITEMS = ['T1', 'T2', 'R1', 'R2', 'RS1', 'RS2', 'A1', 'A2', 'E1', 'E2'];
/** Every answer of one respondent, E then P. */
const full = (id: string, e: number, p: number) =>
  ITEMS.flatMap((item) => [`${id},${item},E,${e}`, `${id},${item},P,${p}`]);

async function failure(lines: string[]): Promise<UserError> {
  const error = await scoreExport(q, csv(lines), 'long').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('the long format', () => {
  it('pivots rows into one respondent each: answers, weights, KPIs, segments, labels and missing codes', async () => {
    const lines = [
      ...full('r1', 7, 5),
      'r1,tangibles,weight,40',
      'r1,reliability,W,15',
      'r1,responsiveness,weight,15',
      'r1,assurance,weight,15',
      'r1,empathy,weight,15',
      'r1,nps,kpi,9',
      'r1,branch,segment,North',
      ...full('r2', 6, 6).map((l) => l.replace(/,6$/, ',Agree')),
      'r2,nps,,N/A',
      'r2,branch,,South',
    ];
    const { result } = await scoreExport(q, csv(lines), 'long', { groupBy: ['branch'] });
    expect(result.respondents).toEqual({ total: 2, scored: 2, skippedCells: 0 });
    expect(result.items[0]).toMatchObject({ id: 'T1', expectation: 6.5, perception: 5.5 });
    expect(result.kpis[0]).toMatchObject({ id: 'nps', n: 1 });
    expect(result.segments.map((s) => s.value)).toEqual(['North', 'South']);
    expect(result.dimensions.find((d) => d.id === 'tangibles')?.importance).toBeCloseTo((0.4 + 0.2) / 2, 12);
  });

  it('refuses a respondent whose rows come back after another, naming the line', async () => {
    const error = await failure([...full('r1', 7, 5), ...full('r2', 7, 5), 'r1,nps,kpi,9']);
    expect(error.diagnostics[0]).toMatchObject({
      file: 'answers.csv',
      line: 42,
      column: 'respondent',
      message: 'respondent "r1" appears again after other respondents',
    });
    expect(error.diagnostics[0]?.hint).toMatch(/sort the file by respondent/);
  });

  it('refuses unknown items, unknown kinds and a second answer to the same question', async () => {
    expect((await failure(['r1,T9,E,5'])).diagnostics[0]).toMatchObject({
      line: 2,
      column: 'item',
      message: 'unknown item "T9"',
      hint: 'did you mean "T1"?',
    });
    expect((await failure(['r1,T1,X,5'])).diagnostics[0]).toMatchObject({
      line: 2,
      column: 'kind',
      message: 'unknown kind "X"',
    });
    expect((await failure(['r1,T1,,5'])).diagnostics[0]).toMatchObject({ message: 'the kind of "T1" is blank' });
    expect((await failure(['r1,T1,E,5', 'r1,T1,E,6'])).diagnostics[0]).toMatchObject({
      line: 3,
      column: 'value',
      message: 'a second expectation of "T1" for respondent "r1" (the first is on line 2)',
    });
  });

  it('reports a bad value at its own row and under the value column', async () => {
    const lines = full('r1', 7, 5);
    lines[5] = 'r1,R1,P,Kinda agree';
    const { state } = await scoreExport(q, csv(lines), 'long');
    expect(state.problems).toEqual([
      {
        code: 'invalid-cell',
        source: 'answers.csv',
        line: 7,
        column: 'value',
        index: 7,
        message:
          '"Kinda agree" is not a number on the 1-7 scale; give its number under source.labels, or list it under source.missing',
      },
    ]);
  });

  it('names a missing long column', async () => {
    const error = await scoreExport(q, { name: 'x.csv', text: 'respondent,item,value\nr1,T1,5\n' }, 'long').catch(
      (e: unknown) => e as UserError,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).diagnostics[0]).toMatchObject({
      file: 'x.csv',
      line: 1,
      message: 'the long export has no column "kind" (the answer kind)',
    });
  });
});
