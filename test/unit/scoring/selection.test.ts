/**
 * Choosing respondents (--where, --exclude) and crossed segments, on a table small enough to check
 * by hand. One item per dimension and equal weights, and every respondent answers E and P the same
 * on every item, so a respondent's weighted overall is simply their P - E.
 */
import { describe, expect, it } from 'vitest';
import { scoreTable } from '../../../src/core/scoring/score-table.js';
import { crossValue, groupLabel } from '../../../src/core/scoring/segment-key.js';
import { describeWhere, parseExcludeList, parseWhere, type Selection } from '../../../src/core/scoring/selection.js';
import { makeQuestionnaire } from './support.js';

const q = makeQuestionnaire();
const ITEMS = ['T1', 'R1', 'S1', 'A1', 'E1'];
const header = ['respondent', 'sex', 'frequency', ...ITEMS.flatMap((id) => [`${id}_E`, `${id}_P`])];
// id, sex, frequency, E, P  -> overall P - E
const people: [string, string, string, number, number][] = [
  ['r1', 'F', 'daily', 7, 5], // -2
  ['r2', 'M', 'daily', 6, 6], //  0
  ['r3', 'f', 'weekly', 5, 7], // +2 (lower-case f: --where folds case; segments keep the text)
  ['r4', 'M', 'weekly', 7, 4], // -3
  ['r5', ' F ', 'daily', 6, 5], // -1
  ['r6', 'M', 'daily', 4, 5], // +1
];
const rows = people.map(([id, sex, frequency, e, p]) => [
  id,
  sex,
  frequency,
  ...ITEMS.flatMap(() => [String(e), String(p)]),
]);

function score(selection: Partial<Selection>, groupBy: string[] = [], table = rows, head = header) {
  const scored = scoreTable(q, head, table, {
    groupBy,
    selection: { where: [], exclude: null, ...selection },
  });
  if (scored.result === null) throw new Error(JSON.stringify([scored.missing, scored.selectProblems]));
  return scored.result;
}

/** A mean to 12 decimals: weights of 0.2 leave floating-point dust (-3.0000000000000004). */
const near = (x: number | null) => (x === null ? null : Number(x.toFixed(12)));

const where = (...specs: string[]) => parseWhere(specs).conditions;

describe('parseWhere', () => {
  it('groups flags on one column (OR) and keeps columns apart (AND), splitting at the first =', () => {
    const { conditions, problems } = parseWhere(['sex=F', ' city = Oslo', 'SEX=M', 'note=a=b', 'sex=']);
    expect(problems).toEqual([]);
    expect(conditions).toEqual([
      { column: 'sex', values: ['F', 'M', ''] },
      { column: 'city', values: [' Oslo'] },
      { column: 'note', values: ['a=b'] },
    ]);
    expect(describeWhere(conditions[0] as never)).toBe('sex is one of F, M, (blank)');
  });

  it('refuses a flag without COLUMN=, with a hint', () => {
    const { problems } = parseWhere(['sex', '=F']);
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ['usage', '--where sex: expected COLUMN=VALUE'],
      ['usage', '--where =F: expected COLUMN=VALUE'],
    ]);
    expect(problems[0]?.hint).toContain('--where sex=F');
  });
});

describe('parseExcludeList', () => {
  it('skips blank lines, # comments and a header naming the id column; takes a CSV line first field', () => {
    const text = '\uFEFFRespondent,reason\r\n# pilot run\nr1,too fast\n\n  r2  \n"r,3";x\nr4\tx\n';
    expect(parseExcludeList(text, ['respondent'])).toEqual([
      { value: 'r1', line: 3 },
      { value: 'r2', line: 5 },
      { value: 'r,3', line: 6 },
      { value: 'r4', line: 7 },
    ]);
    // A usual id header (or the source's respondent column) is a header too; a later "id" is an id.
    expect(parseExcludeList('ResponseId,why\nR_1\nid\n', ['respondent'])).toEqual([
      { value: 'R_1', line: 2 },
      { value: 'id', line: 3 },
    ]);
    expect(parseExcludeList('customer_id\n17\n', ['respondent', 'customer_id'])).toEqual([{ value: '17', line: 2 }]);
  });
});

describe('segment keys', () => {
  it('trims names and joins crossed values with " × ", a blank part as (blank)', () => {
    expect(groupLabel(' sex , frequency')).toBe('sex,frequency');
    expect(crossValue(['F', 'daily'])).toBe('F × daily');
    expect(crossValue(['F', ''])).toBe('F × (blank)');
    expect(crossValue([''])).toBe('');
  });
});

describe('--where', () => {
  it('keeps one value, trimmed and ignoring case: r1, r3, r5 = (-2 + 2 - 1) / 3', () => {
    const result = score({ where: where('sex=f') });
    expect(result.respondents.total).toBe(3);
    expect(result.overall.weighted.mean).toBeCloseTo(-1 / 3, 12);
    const dropped = result.warnings.filter((w) => w.code === 'filtered-responses');
    expect(dropped).toEqual([
      {
        code: 'filtered-responses',
        message: '3 responses dropped by --where (kept only where sex is f)',
        count: 3,
      },
    ]);
  });

  it('ORs values of one column: everyone, (-2 + 0 + 2 - 3 - 1 + 1) / 6 = -0.5', () => {
    const result = score({ where: where('sex=F', 'sex=m') });
    expect(result.respondents.total).toBe(6);
    expect(result.overall.weighted.mean).toBeCloseTo(-0.5, 12);
    expect(result.warnings.some((w) => w.code === 'filtered-responses')).toBe(false);
  });

  it('ANDs columns, counting each drop once under the first rule it fails: r2, r6 = (0 + 1) / 2', () => {
    const result = score({ where: where('sex=M', 'frequency=daily') });
    expect(result.respondents.total).toBe(2);
    expect(result.overall.weighted.mean).toBeCloseTo(0.5, 12);
    expect(result.warnings.filter((w) => w.code === 'filtered-responses').map((w) => w.count)).toEqual([3, 1]);
  });

  it('names a column the header lacks, with a did-you-mean hint', () => {
    const scored = scoreTable(q, header, rows, { selection: { where: where('sexx=F'), exclude: null } });
    expect(scored.result).toBeNull();
    expect(scored.missing.map((m) => [m.message, m.hint])).toEqual([
      ['missing column "sexx" (named by --where)', 'did you mean "sex"?'],
    ]);
  });
});

describe('--exclude', () => {
  const list = (...values: string[]) => ({
    file: 'drop.txt',
    entries: values.map((value, i) => ({ value, line: i + 1 })),
  });

  it('drops listed ids and warns about ids that match no one: (0 + 2 - 3 - 1 + 1) / 5 = -0.2', () => {
    const result = score({ exclude: list('r1', 'r9', 'r10') });
    expect(result.respondents.total).toBe(5);
    expect(result.overall.weighted.mean).toBeCloseTo(-0.2, 12);
    const codes = result.warnings.filter((w) => w.code.startsWith('exclude')).map((w) => [w.code, w.message, w.count]);
    expect(codes).toEqual([
      ['excluded-responses', '1 response dropped by --exclude drop.txt (by respondent id)', 1],
      ['exclude-unmatched', 'drop.txt: 2 entries matched no response (r9, r10)', 2],
    ]);
  });

  it('reads row numbers when there is no id column: lines 3 and 5 are r2 and r4, leaving (-2 + 2 - 1 + 1) / 4 = 0', () => {
    const result = score(
      { exclude: list('3', '5') },
      [],
      rows.map((r) => r.slice(1)),
      header.slice(1),
    );
    expect(result.respondents.total).toBe(4);
    expect(result.overall.weighted.mean).toBeCloseTo(0, 12);
  });

  it('refuses a row-number list with a line that is not one, at that line', () => {
    const scored = scoreTable(
      q,
      header.slice(1),
      rows.map((r) => r.slice(1)),
      {
        selection: { where: [], exclude: list('3', 'r4') },
      },
    );
    expect(scored.result).toBeNull();
    expect(scored.selectProblems.map((p) => [p.code, p.line])).toEqual([['exclude-file', 2]]);
  });
});

describe('crossed --group-by', () => {
  it('gives one segment per observed combination, by value, beside a one-way grouping', () => {
    // F × daily: r1 -2, r5 -1 -> -1.5; M × daily: r2 0, r6 +1 -> 0.5; M × weekly: r4 -3; f × weekly: r3 +2.
    const result = score({}, ['sex,frequency', 'frequency']);
    const cross = result.segments.filter((s) => s.column === 'sex,frequency');
    expect(cross.map((s) => [s.value, s.respondents.total, near(s.overall.weighted.mean)])).toEqual([
      ['F × daily', 2, -1.5],
      ['M × daily', 2, 0.5],
      ['M × weekly', 1, -3],
      ['f × weekly', 1, 2],
    ]);
    // The separate one-way grouping is unchanged: daily -2, 0, -1, +1 -> -0.5; weekly +2, -3 -> -0.5.
    const oneWay = result.segments.filter((s) => s.column === 'frequency');
    expect(oneWay.map((s) => [s.value, s.respondents.total, near(s.overall.weighted.mean)])).toEqual([
      ['daily', 4, -0.5],
      ['weekly', 2, -0.5],
    ]);
    // Everyone is still the whole sample (summed from the first grouping's segments).
    expect(result.respondents.total).toBe(6);
  });

  it('names a crossed column the header lacks', () => {
    const scored = scoreTable(q, header, rows, { groupBy: ['sex,frequncy'] });
    expect(scored.missing.map((m) => [m.message, m.hint])).toEqual([
      ['missing column "frequncy" (named by --group-by sex,frequncy)', 'did you mean "frequency"?'],
    ]);
  });

  it('still reads a column whose own name holds a comma as that one column', () => {
    const head = header.map((h) => (h === 'frequency' ? 'How often, roughly' : h));
    const result = score({}, ['How often,roughly'], rows, head);
    expect(result.segments.map((s) => [s.column, s.value])).toEqual([
      ['How often,roughly', 'daily'],
      ['How often,roughly', 'weekly'],
    ]);
  });
});
