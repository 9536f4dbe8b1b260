import { describe, expect, it } from 'vitest';
import { checkQuestionnaireText } from '../../../src/io/read-questionnaire.js';
import { baseText } from './support.js';

const check = (source: string) => checkQuestionnaireText(`${baseText('en')}\n${source}`, 'q.yaml');
const problems = (source: string) =>
  check(source).diagnostics.map((d) => ({ code: d.code, message: d.message, ...(d.hint ? { hint: d.hint } : {}) }));

describe('the source section', () => {
  it('is optional, and normalised with its defaults', () => {
    const { questionnaire, diagnostics } = check(
      'source:\n  platform: qualtrics\n  columns:\n    - { column: "Q1#1_1", item: T1, kind: expectation }\n    - { column: Q9, kpi: nps }\n    - { column: Q2_1, weight: tangibles }\n    - { column: Q4, segment: branch }\n    - { column: Q1_1, item: T2 }\n  missing: [-99, skip]\n',
    );
    expect(diagnostics).toEqual([]);
    expect(questionnaire?.source).toEqual({
      platform: 'qualtrics',
      columns: [
        { column: 'Q1#1_1', target: { type: 'answer', item: 'T1', kind: 'expectation' } },
        { column: 'Q9', target: { type: 'kpi', kpi: 'nps' } },
        { column: 'Q2_1', target: { type: 'weight', dimension: 'tangibles' } },
        { column: 'Q4', target: { type: 'segment', segment: 'branch' } },
        { column: 'Q1_1', target: { type: 'answer', item: 'T2', kind: 'perception' } },
      ],
      labels: {},
      missing: ['-99', 'skip'],
      speederSeconds: 2,
      long: { item: 'item', kind: 'kind', value: 'value' },
    });
    expect(check('').questionnaire?.source).toBeUndefined();
  });

  it('refuses unknown ids with a hint, kinds the format lacks, answers mapped twice and entries with no single target', () => {
    expect(
      problems(
        'source:\n  platform: google-forms\n  columns:\n    - { column: a, item: T3, kind: expectation }\n    - { column: b, item: T1, kind: minimum }\n    - { column: c, weight: tangible }\n    - { column: d, kpi: csat }\n    - { column: e, item: T1, kind: expectation }\n    - { column: f, item: T1, kind: expectation }\n    - { column: g }\n    - { column: h, item: T2, kpi: nps }\n    - { column: i, weight: empathy, kind: perception }\n',
      ),
    ).toEqual([
      { code: 'unknown-reference', message: 'source column "a" names unknown item "T3"', hint: 'did you mean "T1"?' },
      {
        code: 'source-kind',
        message: 'a two-column questionnaire has no "minimum" answers',
        hint: 'kind is one of expectation, perception',
      },
      {
        code: 'unknown-reference',
        message: 'source column "c" names unknown dimension "tangible"',
        hint: 'did you mean "tangibles"?',
      },
      { code: 'unknown-reference', message: 'source column "d" names unknown KPI "csat"' },
      {
        code: 'duplicate-source-column',
        message: 'the expectation of item "T1" is already mapped by source.columns[4]',
      },
      { code: 'source-column-target', message: 'source column "g" needs one of item, weight, kpi or segment' },
      { code: 'source-column-target', message: 'source column "h" may hold only one of item, kpi' },
      { code: 'source-column-target', message: '"kind" goes only with "item"' },
    ]);
  });

  it('positions each problem on its line', () => {
    const base = baseText('en').split('\n').length;
    const { diagnostics } = check(
      'source:\n  platform: google-forms\n  columns:\n    - { column: a, item: T9, kind: expectation }\n',
    );
    expect(diagnostics[0]).toMatchObject({ line: base + 4 });
  });

  it('refuses labels off every scale of the questionnaire, labels that differ only in case, and empty filters', () => {
    // 9 and 10 are on the NPS scale (0-10), so they may label KPI answers.
    expect(
      problems(
        'source:\n  platform: surveymonkey\n  labels: { Superb: 12, Extremely likely: 10, Good: 6, good: 6 }\n  filter:\n    - { column: Finished }\n',
      ),
    ).toEqual([
      {
        code: 'label-off-scale',
        message: 'label "Superb" maps to 12, which is on no scale of the questionnaire (1-7, 0-10)',
      },
      { code: 'duplicate-label', message: 'label "good" is the same as "Good" (case and spaces are ignored)' },
      { code: 'empty-filter', message: 'a filter needs one of "in", "min" or "notBlank"' },
    ]);
    const withoutKpis = baseText('en').replace(/kpis:[\s\S]*$/, '');
    const messages = checkQuestionnaireText(
      `${withoutKpis}\nsource:\n  platform: long\n  labels: { Superb: 9 }\n  columns: [{ column: a, segment: branch }]\n`,
      'q.yaml',
    ).diagnostics.map((d) => d.message);
    expect(messages).toHaveLength(2);
    expect(messages).toEqual(
      expect.arrayContaining([
        'label "Superb" maps to 9, which is on no scale of the questionnaire (1-7)',
        'the long format names items in its rows; "columns" is not used',
      ]),
    );
  });

  it('checks the structure: platforms, unknown keys with hints, the speeder rate', () => {
    const found = problems('source:\n  platform: typeform\n  headerRow: 2\n  speederSeconds: 100\n');
    expect(found.map((p) => p.code).sort()).toEqual(['invalid', 'invalid-value', 'unknown-key']);
    expect(found).toContainEqual({
      code: 'unknown-key',
      message: 'unknown key "headerRow"',
      hint: 'did you mean "headerRows"?',
    });
  });
});
