/**
 * Items on scales of their own (issue 14): a 1-4 item and a yes/no (0-1) item beside 1-5 items.
 * Cells are checked against the item's scale, `reverse` mirrors on it, and gaps stay raw P - E on
 * it. Expected values are worked by hand in the comments (fixture test/fixtures/item-scales/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Questionnaire } from '../../../src/core/questionnaire/model.js';
import { validateQuestionnaire } from '../../../src/core/questionnaire/validate.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { scoreTable } from '../../../src/core/scoring/score-table.js';
import { answerTextTables, convertAnswer, defaultLabels } from '../../../src/core/sources/labels.js';
import { checkQuestionnaireText } from '../../../src/io/read-questionnaire.js';
import { renderHtml } from '../../../src/render/html.js';
import { scoreExport } from '../sources/support.js';

const FIXTURES = new URL('../../fixtures/item-scales/', import.meta.url).pathname;
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function load(text: string, file = 'questionnaire.yaml'): Questionnaire {
  const check = checkQuestionnaireText(text, file);
  expect(check.diagnostics).toEqual([]);
  return check.questionnaire as Questionnaire;
}

/** The CSV fixture as a header and rows of cell texts. */
function table(name: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = read(name)
    .trim()
    .split('\n')
    .map((line) => line.split(','));
  return { header: header as string[], rows };
}

function scoreFixture(q: Questionnaire, name: string, skipInvalid = false) {
  const { header, rows } = table(name);
  return scoreTable(q, header, rows, { skipInvalid });
}

const item = (r: Result, id: string) => r.items.find((i) => i.id === id);
const dimension = (r: Result, id: string) => r.dimensions.find((d) => d.id === id);

describe('the questionnaire format', () => {
  const doc = (scale: unknown, columns: unknown[] = []) => ({
    servqual: 1,
    title: 'T',
    model: 'custom',
    format: 'perceptions-only',
    scale: { min: 1, max: 5 },
    dimensions: [
      {
        id: 'd',
        items: [
          { id: 'Y1', perception: 'p', scale },
          { id: 'A1', perception: 'p' },
        ],
      },
    ],
    ...(columns.length > 0 ? { source: { platform: 'generic', columns } } : {}),
  });

  it('accepts an item scale and per-column labels, and fills the item scale in', () => {
    const { questionnaire, problems } = validateQuestionnaire(
      doc({ min: 0, max: 1, labels: { 0: 'No', 1: 'Yes' } }, [{ column: 'Ramp', item: 'Y1', labels: { Ja: 1 } }]),
    );
    expect(problems).toEqual([]);
    expect(questionnaire?.dimensions[0]?.items[0]?.scale).toEqual({
      min: 0,
      max: 1,
      labels: { 0: 'No', 1: 'Yes' },
      best: 'high',
    });
    expect(questionnaire?.dimensions[0]?.items[1]?.scale).toBeUndefined();
    expect(questionnaire?.source?.columns[0]?.labels).toEqual({ Ja: 1 });
  });

  it('rejects an unknown key in an item scale and a label that is not a number', () => {
    const problems = validateQuestionnaire(
      doc({ min: 0, max: 1, lables: {} }, [{ column: 'Ramp', item: 'Y1', labels: { Ja: 'one' } }]),
    ).problems;
    expect(problems.map((p) => p.code).sort()).toEqual(['unknown-key', 'wrong-type']);
  });

  it('mirrors a best: low item scale as the questionnaire-level best: low does (reverse XOR best low)', () => {
    const q = validateQuestionnaire({
      ...doc({ min: 1, max: 4, best: 'low' }),
      dimensions: [
        {
          id: 'd',
          items: [
            { id: 'L1', perception: 'p', scale: { min: 1, max: 4, best: 'low' } },
            { id: 'L2', perception: 'p', reverse: true, scale: { min: 1, max: 4, best: 'low' } },
            { id: 'H1', perception: 'p', scale: { min: 1, max: 4 } },
          ],
        },
      ],
    }).questionnaire;
    expect(q?.dimensions[0]?.items.map((i) => i.reverse)).toEqual([true, false, false]);
  });
});

describe('validation with positions', () => {
  const text = (itemScale: string, labels: string) =>
    [
      'servqual: 1',
      'title: T',
      'model: custom',
      'format: perceptions-only',
      'scale: { min: 1, max: 5 }',
      'dimensions:',
      '  - id: access',
      '    items:',
      '      - id: Y1',
      '        perception: p',
      `        scale: ${itemScale}`,
      'source:',
      '  platform: generic',
      '  columns:',
      `    - { column: Ramp, item: Y1, labels: ${labels} }`,
    ].join('\n');
  const lines = (source: string) =>
    checkQuestionnaireText(source, 'q.yaml').diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);

  it('puts a column label off the item scale at its value', () => {
    expect(lines(text('{ min: 0, max: 1 }', '{ Yes: 1, Maybe: 2 }'))).toEqual([
      'q.yaml:15:58: label "Maybe" maps to 2, which is off the scale of item Y1 (0-1)',
    ]);
  });

  it('puts an item scale whose min is not below its max at its min', () => {
    expect(lines(text('{ min: 4, max: 4 }', '{ Yes: 4 }'))).toEqual([
      'q.yaml:11:23: scale min (4) must be less than max (4)',
    ]);
  });

  it('refuses a numeric column label and a label on the item scale with no key outside it', () => {
    const diagnostics = checkQuestionnaireText(
      text('{ min: 0, max: 1, labels: { 2: Often } }', '{ "1": 0 }'),
      'q.yaml',
    ).diagnostics;
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['label-off-scale', 11],
      ['numeric-label', 15],
    ]);
  });

  it('refuses labels on a segment column, whose cells are kept as text', () => {
    const source = text('{ min: 0, max: 1 }', '{ Yes: 1 }').replace(
      '    - { column: Ramp, item: Y1, labels: { Yes: 1 } }',
      '    - { column: Ramp, item: Y1 }\n    - { column: Branch, segment: branch, labels: { North: 1 } }',
    );
    expect(lines(source)).toEqual([
      'q.yaml:16:42: "labels" goes only with item, weight or kpi: a segment is kept as text',
    ]);
  });

  it('checks source.labels against every scale of the questionnaire, item scales included', () => {
    const source = `${text('{ min: 0, max: 1 }', '{ Yes: 1 }')}\n  labels: { Nope: 0, Huge: 9 }`;
    expect(lines(source)).toEqual([
      'q.yaml:16:28: label "Huge" maps to 9, which is on no scale of the questionnaire (1-5, 0-1)',
    ]);
  });
});

describe('scoring a 1-4 item and a yes/no item beside 1-5 items (plain CSV, 0/1 cells)', () => {
  const q = load(read('questionnaire.yaml'));
  const scored = scoreFixture(q, 'responses.csv');
  const r = scored.result as Result;

  it('reads every cell on its item scale', () => {
    expect(scored.problems).toEqual([]);
    expect(r.respondents).toEqual({ total: 3, scored: 3, skippedCells: 0 });
  });

  it('keeps gaps raw on each item scale', () => {
    // S1 (1-5): 4-5, 4-4, 3-5 = -1, 0, -2 -> -1.  S2 (1-4): 3-4, 1-3, 4-4 = -1, -2, 0 -> -1.
    expect(item(r, 'S1')?.gap.mean).toBeCloseTo(-1, 14);
    expect(item(r, 'S2')?.gap.mean).toBeCloseTo(-1, 14);
    // Y1 (0-1): 0-1, 1-1, 1-0 = -1, 0, 1 -> 0, sd 1.  A1: 5-5, 2-4, 4-5 = 0, -2, -1 -> -1.
    expect(item(r, 'Y1')?.gap.mean).toBeCloseTo(0, 14);
    expect(item(r, 'Y1')?.gap.sd).toBeCloseTo(1, 14);
    expect(item(r, 'Y1')?.perception).toBeCloseTo(2 / 3, 14);
    expect(item(r, 'A1')?.gap.mean).toBeCloseTo(-1, 14);
  });

  it('mirrors a reversed 1-4 item on 1-4 (5 - x), not on the questionnaire scale (6 - x)', () => {
    // S3 raw E 1, 2, 1 and P 2, 4, 1 -> E' 4, 3, 4 (mean 11/3), P' 3, 1, 4 (mean 8/3); gaps -1, -2, 0.
    expect(item(r, 'S3')?.expectation).toBeCloseTo(11 / 3, 14);
    expect(item(r, 'S3')?.perception).toBeCloseTo(8 / 3, 14);
    expect(item(r, 'S3')?.gap.mean).toBeCloseTo(-1, 14);
  });

  it('averages the raw gaps into dimension and overall scores', () => {
    // service per respondent: (-1-1-1)/3 = -1, (0-2-2)/3 = -4/3, (-2+0+0)/3 = -2/3 -> mean -1.
    // access: (-1+0)/2, (0-2)/2, (1-1)/2 = -0.5, -1, 0 -> mean -0.5.
    // overall: -0.75, -7/6, -1/3 -> mean -0.75 (equal weights, so weighted = unweighted).
    expect(dimension(r, 'service')?.gap.mean).toBeCloseTo(-1, 14);
    expect(dimension(r, 'access')?.gap.mean).toBeCloseTo(-0.5, 14);
    expect(r.overall.unweighted.mean).toBeCloseTo(-0.75, 14);
    expect(r.overall.weighted.mean).toBeCloseTo(-0.75, 14);
  });

  it('names the item scale in the result, only for items that have one', () => {
    expect(r.questionnaire.scale).toEqual({ min: 1, max: 5 });
    expect(r.items.map((i) => [i.id, i.scale ?? null])).toEqual([
      ['S1', null],
      ['S2', { min: 1, max: 4 }],
      ['S3', { min: 1, max: 4 }],
      ['Y1', { min: 0, max: 1 }],
      ['A1', null],
    ]);
  });

  it('warns that dimensions mixing scales average gaps in different units', () => {
    const warning = r.warnings.find((w) => w.code === 'mixed-scales');
    expect(warning?.message).toBe(
      "items are on 3 scales (1-5: S1, A1; 1-4: S2, S3; 0-1: Y1): each gap is a raw difference on its item's own scale, so dimensions service, access and the overall score average gaps on different scales",
    );
    expect(warning?.dimensions).toEqual(['service', 'access']);
  });
});

describe('a cell off its item scale', () => {
  const q = load(read('questionnaire.yaml'));

  it('is the positioned invalid-cell error naming the item range', () => {
    const scored = scoreFixture(q, 'responses-invalid.csv');
    expect(scored.result).toBeNull();
    expect(scored.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '2:S2_P: "5" is not a number on the 1-4 scale of item S2',
      '3:Y1_P: "2" is not a number on the 0-1 scale of item Y1',
    ]);
  });

  it('is counted and left missing with --skip-invalid', () => {
    const r = scoreFixture(q, 'responses-invalid.csv', true).result as Result;
    expect(r.respondents.skippedCells).toBe(2);
    // S2 without r1: gaps -2 (r2), 0 (r3) -> -1, n 2.  Y1 without r2: -1 (r1), 1 (r3) -> 0, n 2.
    expect(item(r, 'S2')?.gap).toMatchObject({ n: 2, mean: -1 });
    expect(item(r, 'Y1')?.gap).toMatchObject({ n: 2, mean: 0 });
  });

  it('on a 1-5 item of the same questionnaire, 5 is still an answer', () => {
    expect(scoreFixture(q, 'responses.csv').problems).toEqual([]);
  });
});

describe('yes/no text through a generic source section with per-column labels', () => {
  const q = load(`${read('questionnaire.yaml')}\n${read('source.yaml')}`);

  it('converts Ja/Nein by the column map, Yes/No by the item scale labels, column labels first', async () => {
    const { result: r, state } = await scoreExport(q, { text: read('export.csv'), name: 'export.csv' }, 'generic');
    expect(state.problems).toEqual([]);
    // Y1 E: Ja 1, ja 1, Nein 0; P: No 0, YES 1, Sometimes 0 (the column's label, not source.labels' 3).
    // gaps -1, 0, 0 -> mean -1/3; expectation 2/3, perception 1/3.
    expect(item(r, 'Y1')?.gap.mean).toBeCloseTo(-1 / 3, 14);
    expect(item(r, 'Y1')?.expectation).toBeCloseTo(2 / 3, 14);
    expect(item(r, 'Y1')?.perception).toBeCloseTo(1 / 3, 14);
    // A1 P of r3: Sometimes -> 3 by source.labels: gaps 0, -2, -2 -> -4/3.
    expect(item(r, 'A1')?.gap.mean).toBeCloseTo(-4 / 3, 14);
  });

  it('reports text no table knows as a bad cell on the item scale', async () => {
    const text = read('export.csv').replace('Nein', 'Perhaps');
    const { state } = await scoreExport(q, { text, name: 'export.csv' }, 'generic', { skipInvalid: true });
    expect(state.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '4:Ramp expected: "Perhaps" is not a number on the 0-1 scale of item Y1; give its number under source.labels, or list it under source.missing',
    ]);
  });
});

describe('built-in yes/no labels', () => {
  it('read no/yes and нет/да on a 0-1 scale only', () => {
    expect(defaultLabels({ min: 0, max: 1 })).toEqual({ no: 0, yes: 1, нет: 0, да: 1 });
    expect(defaultLabels({ min: 1, max: 2 })).toEqual({});
  });

  it('apply to the columns of an item on 0-1, not to the questionnaire 1-5 columns', () => {
    const q = load(read('questionnaire.yaml').replace('labels: { 0: No, 1: Yes } ', ''));
    const tables = answerTextTables(q);
    expect(convertAnswer(' Да ', tables('Y1'))).toBe('1');
    expect(convertAnswer('нет', tables('Y1'))).toBe('0');
    expect(convertAnswer('Yes', tables('A1'))).toBe('Yes');
    expect(convertAnswer('Strongly agree', tables('A1'))).toBe('5');
  });
});

describe('perceptions only: an item is compared with the midpoint of its own scale', () => {
  const q = load(
    [
      'servqual: 1',
      'title: T',
      'model: custom',
      'format: perceptions-only',
      'scale: { min: 1, max: 5 }',
      'dimensions:',
      '  - id: access',
      '    items:',
      '      - { id: Y1, perception: p, scale: { min: 0, max: 1 }, recommendations: [Build a ramp.] }',
      '      - { id: A1, perception: p, recommendations: [Open later.] }',
    ].join('\n'),
  );
  const r = scoreTable(
    q,
    ['respondent', 'Y1_P', 'A1_P'],
    [
      ['r1', '1', '2'],
      ['r2', '1', '3'],
      ['r3', '0', '1'],
    ],
  ).result as Result;

  it('tests P against 0.5 on 0-1', () => {
    // Y1: mean 2/3, sd sqrt(1/3); t = (2/3 - 1/2) / (sqrt(1/3) / sqrt(3)) = (1/6) / (1/3) = 0.5.
    expect(item(r, 'Y1')?.t).toBeCloseTo(0.5, 12);
    // A1: mean 2 against 3, sd 1: t = -1 / (1 / sqrt(3)) = -sqrt(3).
    expect(item(r, 'A1')?.t).toBeCloseTo(-Math.sqrt(3), 12);
  });

  it('recommends only the items below their own midpoint', () => {
    // Y1: 2/3 > 0.5, no shortfall; A1: 2 < 3, priority (3 - 2) * 1.
    expect(r.recommendations.map((x) => [x.item, x.priority])).toEqual([['A1', 1]]);
  });

  it('colours a perception in the HTML report by its own midpoint, and starts its chart bar there', () => {
    const html = renderHtml(r);
    // Y1 2/3 is above 0.5 (its own midpoint) though below 3; A1 2 is below 3.
    expect(html).toContain('<td class="num pos" data-col="gap">0.67</td>');
    expect(html).toContain('<td class="num neg" data-col="gap">2.00</td>');
    expect(html).toMatch(/<rect class="bar pos" data-id="Y1"/);
    expect(html).toContain('class="own-baseline"');
  });
});
