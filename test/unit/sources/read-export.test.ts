import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { parseWhere } from '../../../src/core/scoring/selection.js';
import { SAMPLES, questionnaireWith, sampleQuestionnaire, samplePath, scoreExport, type Sample } from './support.js';

const sample = (name: string) => SAMPLES.find((s) => s.name === name) as Sample;
const text = (s: Sample) => readFileSync(samplePath(s, '.csv'), 'utf8');

async function failure(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('readExportRecords: responses kept and dropped', () => {
  it('drops unfinished Qualtrics responses and names the speeders from the duration', async () => {
    const s = sample('qx-side-by-side');
    const { result, warnings } = await scoreExport(
      sampleQuestionnaire(s),
      { file: samplePath(s, '.csv') },
      'qualtrics',
    );
    expect(result.respondents.total).toBe(44);
    expect(warnings.map((w) => [w.code, w.count])).toEqual([['filtered-responses', 6]]);
    expect(warnings[0]?.message).toMatch(
      /6 responses dropped by the filter \(kept only where Finished is one of true, 1\)$/,
    );
    // Independently of the scorer: finished rows under 2 s per answer given (the E and P cells, Q1#).
    const [tags, , , ...rows] = parse(text(s)) as string[][];
    const at = (name: string) => (tags as string[]).indexOf(name);
    const answerColumns = (tags as string[]).flatMap((t, i) => (t.startsWith('Q1#') ? [i] : []));
    const speeders = rows
      .filter((r) => r[at('Finished')] === 'True')
      .filter((r) => Number(r[at('Duration (in seconds)')]) < 2 * answerColumns.filter((i) => r[i] !== '').length)
      .map((r) => r[at('ResponseId')]);
    expect(speeders.length).toBeGreaterThan(0);
    const speeding = result.warnings.find((w) => w.code === 'speeders');
    expect(speeding).toMatchObject({ count: speeders.length, respondents: speeders.slice(0, 10), seconds: 2 });
    expect(speeding?.message).toBe(
      `${speeders.length} respondents answered in under 2 s per answer (${speeders.join(', ')}): likely speeders`,
    );
  });

  it('takes the speeder rate from source.speederSeconds', async () => {
    const s = sample('qx-side-by-side');
    const q = sampleQuestionnaire(s);
    const slow = { ...q, source: { ...(q.source as NonNullable<typeof q.source>), speederSeconds: 30 } };
    const { result } = await scoreExport(slow, { file: samplePath(s, '.csv') }, 'qualtrics');
    // 30 s an answer flags far more than 2 s (the careful respondents took 380 s and more for about 20 answers).
    const speeding = result.warnings.find((w) => w.code === 'speeders');
    expect(speeding?.count).toBeGreaterThan(3);
    expect(speeding?.seconds).toBe(30);
  });

  it('uses the platform default filters: Qualtrics Finished (legacy 0/1), LimeSurvey submitdate', async () => {
    for (const [name, dropped] of [
      ['qx-legacy', 4],
      ['ls-dual', 5],
      ['ls-arrays', 3],
    ] as const) {
      const s = sample(name);
      const { warnings } = await scoreExport(sampleQuestionnaire(s), { file: samplePath(s, '.csv') }, s.platform);
      expect(warnings.find((w) => w.code === 'filtered-responses')?.count).toBe(dropped);
    }
  });

  it('keeps every response with filter: []', async () => {
    const s = sample('qx-legacy');
    const source = readFileSync(samplePath(s, '.source.yaml'), 'utf8');
    const q = questionnaireWith('en', `${source}  filter: []\n`);
    const { result, warnings } = await scoreExport(q, { file: samplePath(s, '.csv') }, 'qualtrics');
    expect(result.respondents.total).toBe(42);
    expect(warnings).toEqual([]);
  });
});

describe('readExportRecords: errors name the export line and its own column header', () => {
  it('reports an unknown label at the export line, under the Google Forms column header', async () => {
    const s = sample('gf-en');
    const lines = text(s).split('\n');
    lines[4] = (lines[4] as string).replace(/,Agree,/, ',Kinda agree,');
    const { state } = await scoreExport(
      sampleQuestionnaire(s),
      { name: 'gf.csv', text: lines.join('\n') },
      'google-forms',
    );
    expect(state.invalidCells).toBe(1);
    expect(state.problems[0]).toMatchObject({
      source: 'gf.csv',
      line: 5,
      message:
        '"Kinda agree" is not a number on the 1-7 scale; give its number under source.labels, or list it under source.missing',
    });
    expect(state.problems[0]?.column).toMatch(/^(Expectations|Perceptions) \[/);
  });

  it('reports a bad Qualtrics cell under its export tag, on the line after three header rows', async () => {
    const s = sample('qx-side-by-side');
    const lines = text(s).split('\n');
    const cells = (lines[3] as string).split(',');
    cells[17] = 'Very much';
    lines[3] = cells.join(',');
    const { state } = await scoreExport(sampleQuestionnaire(s), { name: 'q.csv', text: lines.join('\n') }, 'qualtrics');
    expect(state.problems[0]).toMatchObject({ line: 4, column: 'Q1#1_1' });
  });

  it('names source columns the export lacks, with a hint, and ambiguous ones', async () => {
    const q = questionnaireWith(
      'en',
      'source:\n  platform: google-forms\n  columns:\n    - { column: "Expectations [Excellent banks have modern equipment.]", item: T1, kind: expectation }\n',
    );
    const error = await failure(scoreExport(q, { file: samplePath(sample('gf-en'), '.csv') }, 'google-forms'));
    expect(error.diagnostics[0]).toMatchObject({
      code: 'missing-column',
      line: 1,
      message:
        'the export has no column "Expectations [Excellent banks have modern equipment.]" (the expectation of item T1)',
      hint: 'did you mean "Expectations [Excellent banks have modern-looking equipment.]"?',
    });
    expect(error.diagnostics.filter((d) => d.code === 'unmapped-answer')).toHaveLength(19);
    const twice = await failure(scoreExport(q, { name: 'x.csv', text: 'Timestamp,A,A\n1,2,3\n' }, 'google-forms'));
    expect(twice.diagnostics.map((d) => d.code)).toContain('missing-column');
    const ambiguous = questionnaireWith(
      'en',
      'source:\n  platform: google-forms\n  columns:\n    - { column: A, item: T1, kind: expectation }\n',
    );
    const both = await failure(
      scoreExport(ambiguous, { name: 'x.csv', text: 'Timestamp,A,A\n1,2,3\n' }, 'google-forms'),
    );
    expect(both.diagnostics[0]).toMatchObject({
      code: 'ambiguous-column',
      message: '2 export columns are named "A" (the expectation of item T1)',
    });
  });

  it('says once, with the command to run, when nothing is mapped', async () => {
    const q = questionnaireWith('en', 'source: { platform: google-forms }');
    const error = await failure(scoreExport(q, { file: samplePath(sample('gf-en'), '.csv') }, 'google-forms'));
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0]).toMatchObject({
      code: 'unmapped-answer',
      line: 1,
      hint: expect.stringContaining('servqual map EXPORT.csv --questionnaire QUESTIONNAIRE --source google-forms'),
    });
  });

  it('says which platform an export looks like when --source names another', async () => {
    const s = sample('sm-labels');
    const error = await failure(scoreExport(sampleQuestionnaire(s), { file: samplePath(s, '.csv') }, 'qualtrics'));
    expect(error.diagnostics[0]).toMatchObject({ code: 'wrong-source', hint: 'try --source surveymonkey' });
  });

  it('refuses an export with no responses, and one that ends inside its header', async () => {
    const q = sampleQuestionnaire(sample('sm-labels'));
    const header = text(sample('sm-labels')).split('\r\n').slice(0, 2).join('\r\n');
    expect((await failure(scoreExport(q, { name: 'x.csv', text: `${header}\r\n` }, 'surveymonkey'))).code).toBe(
      'no-rows',
    );
    expect(
      (await failure(scoreExport(q, { name: 'x.csv', text: 'Respondent ID,Collector ID\n' }, 'surveymonkey'))).code,
    ).toBe('short-header');
    expect((await failure(scoreExport(q, { name: 'x.csv', text: '' }, 'surveymonkey'))).code).toBe('empty-file');
  });
});

describe('readExportRecords: generic names need no mapping', () => {
  it('finds unmapped answers under their generic names, with labels converted', async () => {
    const q = questionnaireWith('en', 'source: { platform: google-forms }');
    const twin = readFileSync(samplePath(sample('gf-en'), '.generic.csv'), 'utf8').split('\n');
    const withLabels = [twin[0], ...twin.slice(1).map((l) => l.replace(/,7,/g, ',Strongly agree,'))].join('\n');
    const { result, state } = await scoreExport(q, { name: 'x.csv', text: withLabels }, 'google-forms');
    expect(state.problems).toEqual([]);
    expect(result.respondents.total).toBe(40);
  });
});

describe('--where and --exclude on a platform export', () => {
  const s = sample('qx-side-by-side');
  const select = (where: string[], exclude: string[] = []) => ({
    selection: {
      where: parseWhere(where).conditions,
      exclude:
        exclude.length > 0 ? { file: 'x.txt', entries: exclude.map((value, i) => ({ value, line: i + 1 })) } : null,
    },
  });

  it('applies --where after the Finished filter, naming columns by tag or text, values folded', async () => {
    // 50 responses, 6 unfinished; of the 44 finished, two ids are chosen (OR on one column).
    const { result, warnings } = await scoreExport(
      sampleQuestionnaire(s),
      { file: samplePath(s, '.csv') },
      'qualtrics',
      select(['ResponseId=R_d3r8kcxKq3Z', 'responseid= r_d3reobkq3zp ']),
    );
    expect(result.respondents.total).toBe(2);
    expect(
      warnings.filter((w) => w.code === 'filtered-responses').map((w) => [w.count, w.message.split(': ')[1]]),
    ).toEqual([
      [42, '42 responses dropped by --where (kept only where ResponseId is one of R_d3r8kcxKq3Z, r_d3reobkq3zp)'],
      [6, '6 responses dropped by the filter (kept only where Finished is one of true, 1)'],
    ]);
    // The column's text ("Response Type") names it as well as its tag (Status).
    const byText = await scoreExport(
      sampleQuestionnaire(s),
      { file: samplePath(s, '.csv') },
      'qualtrics',
      select(['Response Type=ip address']),
    );
    expect(byText.result.respondents.total).toBe(44);
  });

  it('excludes by the mapped respondent id and reports an unknown --where column', async () => {
    const { state, result } = await scoreExport(
      sampleQuestionnaire(s),
      { file: samplePath(s, '.csv') },
      'qualtrics',
      select([], ['R_d3rksaq3Zp7', 'R_d3ypf4Zp7Lm']),
    );
    // R_d3ypf4Zp7Lm is unfinished: the filter drops it first, so it counts as unmatched by --exclude.
    expect(result.respondents.total).toBe(43);
    expect(state.excludeMatched.size).toBe(1);
    const error = await failure(
      scoreExport(sampleQuestionnaire(s), { file: samplePath(s, '.csv') }, 'qualtrics', select(['Finishd=true'])),
    );
    expect(error.diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      ['missing-column', 'the export has no column "Finishd" (named by --where)', 'did you mean "Finished"?'],
    ]);
  });
});
