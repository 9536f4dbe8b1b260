import { describe, expect, it } from 'vitest';
import { validateQuestionnaire } from '../../../src/core/questionnaire/validate.js';
import { checkQuestionnaireText } from '../../../src/io/read-questionnaire.js';
import { closestMatch, editDistance } from '../../../src/core/text/did-you-mean.js';

const dims = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'];

function minimal(overrides: Record<string, unknown> = {}) {
  return {
    servqual: 1,
    title: 'T',
    format: 'two-column',
    scale: { min: 1, max: 7 },
    dimensions: dims.map((id, d) => ({ id, items: [{ id: `I${d}`, expectation: 'e', perception: 'p' }] })),
    ...overrides,
  };
}

const codes = (raw: unknown) => validateQuestionnaire(raw).problems.map((p) => p.code);

describe('validateQuestionnaire', () => {
  it('accepts a minimal questionnaire and fills in the defaults', () => {
    const { questionnaire, problems } = validateQuestionnaire(minimal());
    expect(problems).toEqual([]);
    expect(questionnaire?.language).toBe('en');
    expect(questionnaire?.model).toBe('servqual');
    expect(questionnaire?.weights).toEqual({ source: 'fixed' });
    expect(questionnaire?.columns.expectation).toBe('{item}_E');
    expect(questionnaire?.dimensions[0]?.label).toBe('Tangibles');
    expect(questionnaire?.dimensions[0]?.items[0]?.reverse).toBe(false);
  });

  it('gives KPIs their default scales', () => {
    const kpis = [
      { id: 'nps', type: 'nps', question: 'q' },
      { id: 'csat', type: 'csat', question: 'q' },
      { id: 'ces', type: 'ces', question: 'q' },
    ];
    const { questionnaire } = validateQuestionnaire(minimal({ kpis }));
    expect(questionnaire?.kpis.map((k) => k.scale)).toEqual([
      { min: 0, max: 10, best: 'high' },
      { min: 1, max: 5, best: 'high' },
      { min: 1, max: 7, best: 'high' },
    ]);
  });

  it('uses one expectation statement for both minimum and desired in three-column', () => {
    const raw = minimal({ format: 'three-column' });
    const { questionnaire, problems } = validateQuestionnaire(raw);
    expect(problems).toEqual([]);
    expect(questionnaire?.dimensions[0]?.items[0]).toMatchObject({ minimum: 'e', desired: 'e' });
  });

  it('requires the five dimensions unless the model is custom', () => {
    const four = minimal({ dimensions: minimal().dimensions.slice(0, 4) });
    expect(codes(four)).toEqual(['missing-dimension']);
    expect(codes({ ...four, model: 'custom' })).toEqual([]);
    expect(codes({ ...four, model: 'custom', dimensions: [] })).toEqual(['no-dimensions']);
  });

  it('points a near-miss dimension id at the missing one', () => {
    const raw = minimal();
    (raw.dimensions[4] as { id: string }).id = 'empathyy';
    const [problem] = validateQuestionnaire(raw).problems;
    expect(problem).toMatchObject({
      code: 'missing-dimension',
      path: ['dimensions', 4, 'id'],
      hint: 'did you mean "empathy"?',
    });
  });

  it('finds every rule violation in one pass', () => {
    const raw = minimal({
      scale: { min: 7, max: 1 },
      weights: { source: 'fixed', fixed: { tangibles: 50, reliability: 60, empathy: -10, bogus: 0 } },
      kpis: [{ id: 'nps', type: 'nps', question: 'q', scale: { min: 1, max: 5 } }],
      thresholds: { dimensions: { reliabilty: -1 }, items: { NOPE: -1 }, kpis: { csat: 50 } },
      extra: true,
    });
    (raw.dimensions[1] as { items: unknown[] }).items.push({ id: 'I0', perception: 'p' });
    expect(codes(raw).sort()).toEqual(
      [
        'unknown-key',
        'scale-order',
        'negative-weight',
        'unknown-dimension',
        'duplicate-id',
        'missing-statement',
        'nps-scale',
        'unknown-reference',
        'unknown-reference',
        'unknown-reference',
      ].sort(),
    );
  });

  it('accepts fixed weights that sum to 100 and rejects other sums', () => {
    const fixed = { tangibles: 10, reliability: 30, responsiveness: 25, assurance: 20, empathy: 15 };
    expect(codes(minimal({ weights: { source: 'respondents', fixed } }))).toEqual([]);
    expect(codes(minimal({ weights: { source: 'respondents', fixed: { ...fixed, empathy: 16 } } }))).toEqual([
      'weights-sum',
    ]);
  });

  it('reports wrong types and bad enum values with a hint', () => {
    const problems = validateQuestionnaire(minimal({ format: 'two-colum', scale: { min: 1, max: 'seven' } })).problems;
    expect(problems.map((p) => [p.code, p.message, p.hint])).toEqual([
      [
        'invalid-value',
        '"format" must be one of two-column, three-column, perceptions-only, found "two-colum"',
        'did you mean "two-column"?',
      ],
      ['wrong-type', '"max" must be a number, found "seven"', undefined],
    ]);
  });
});

describe('positions', () => {
  it('turns problem paths into the line and column of the key or value', () => {
    const text = [
      'servqual: 1',
      'title: T',
      'format: two-column',
      'scale: { min: 1, max: 7, lables: {} }',
      'dimensions:',
      ...dims.flatMap((id, d) => [
        `  - id: ${id}`,
        '    items:',
        `      - { id: I${d}, expectation: e, perception: p }`,
      ]),
      'weights: { source: fixed, fixed: { tangibles: 99 } }',
    ].join('\n');
    const { diagnostics } = checkQuestionnaireText(text, 'q.yaml');
    expect(
      diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`),
    ).toEqual([
      'q.yaml:4:26: unknown key "lables" (did you mean "labels"?)',
      'q.yaml:21:27: fixed weights must sum to 100, found 99',
    ]);
  });

  it('positions YAML syntax errors', () => {
    const { diagnostics } = checkQuestionnaireText('title: [a,\nformat: x\n', 'bad.yaml');
    expect(diagnostics[0]).toMatchObject({ file: 'bad.yaml', line: 2, code: 'yaml-syntax' });
  });

  it('refuses an alias bomb quickly', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    const started = Date.now();
    const { diagnostics, questionnaire } = checkQuestionnaireText(bomb, 'bomb.yaml');
    expect(questionnaire).toBeNull();
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('did you mean', () => {
  it('measures edit distance (checked by hand)', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('empathyy', 'empathy')).toBe(1);
  });

  it('suggests only close matches', () => {
    expect(closestMatch('reliabilty', dims)).toBe('reliability');
    expect(closestMatch('Empathy', dims)).toBe('empathy');
    expect(closestMatch('price', dims)).toBeUndefined();
  });
});
