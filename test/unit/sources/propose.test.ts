import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { platformById } from '../../../src/core/sources/platforms/index.js';
import { proposeAnswers } from '../../../src/core/sources/propose.js';
import { proposeSource } from '../../../src/core/sources/proposal.js';
import { containment, similarity, words } from '../../../src/core/sources/similarity.js';
import { renderSourceYaml, yamlString } from '../../../src/core/sources/source-yaml.js';
import { questionnaireWith } from './support.js';

const en = questionnaireWith('en', '');
const ru = questionnaireWith('ru', '');
const items = en.dimensions.flatMap((d) => d.items);
const answers = (entries: ReturnType<typeof proposeAnswers>) =>
  entries.map((e) =>
    e.target.type === 'answer' ? `${e.column}=${e.target.item}:${e.target.kind.charAt(0).toUpperCase()}` : '',
  );

describe('similarity', () => {
  it('compares content words, stemmed', () => {
    expect(words('The branch has modern-looking equipment.')).toEqual([
      'branch',
      'has',
      'modern',
      'looking',
      'equipment',
    ]);
    // Dice: 2 * 4 shared / (5 + 5)
    expect(similarity('This bank has modern equipment', 'This firm has modern equipment')).toBeCloseTo(0.8, 12);
    expect(similarity('Feeling safe', 'I feel safe')).toBeCloseTo((2 * 2) / (2 + 3), 12);
    expect(containment('Modern equipment', 'Excellent banks have modern-looking equipment')).toBe(1);
    expect(similarity('', 'x')).toBe(0);
  });
});

describe('proposeAnswers', () => {
  it('tells expectation from perception by the closer statement when the titles do not say', () => {
    const header = items.flatMap((i) => [`Part 1 [${i.expectation}]`, `Part 2 [${i.perception}]`]);
    const proposed = proposeAnswers(
      en,
      platformById('google-forms'),
      platformById('google-forms').describeColumns([header]),
    );
    expect(proposed.every((p) => p.certain)).toBe(true);
    expect(answers(proposed).slice(0, 2)).toEqual([`${header[0]}=T1:E`, `${header[1]}=T1:P`]);
  });

  it('takes the kind from the grid title and the item from a short row label', () => {
    const short = [
      'Modern-looking equipment',
      'Clean, comfortable branches',
      'Things done by the promised time',
      'Transactions right first time',
      'Prompt service',
      'Never too busy to respond',
      'Feel safe in transactions',
      'Knowledge to answer questions',
      'Individual attention',
      'Convenient opening hours',
    ];
    const header = [
      ...short.map((s) => `What do you expect of an excellent bank? [${s}]`),
      ...short.map((s) => `Your experience with this bank [${s}]`),
    ];
    const proposed = proposeAnswers(
      en,
      platformById('google-forms'),
      platformById('google-forms').describeColumns([header]),
    );
    expect(answers(proposed)).toEqual(
      items.flatMap((item, i) => [`${header[i]}=${item.id}:E`, `${header[i + 10]}=${item.id}:P`]),
    );
  });

  it('maps Russian grids by their statements', () => {
    const ruItems = ru.dimensions.flatMap((d) => d.items);
    const header = [
      ...ruItems.map((i) => `Восприятие [${i.perception}]`),
      ...ruItems.map((i) => `Ожидания [${i.expectation}]`),
    ];
    expect(
      answers(
        proposeAnswers(ru, platformById('google-forms'), platformById('google-forms').describeColumns([header])),
      )[0],
    ).toBe(`${header[10]}=T1:E`);
  });

  it('falls back to position for coded exports: a block per kind, in questionnaire order', () => {
    const header = [...items.map((_, i) => `EXP[SQ${i + 1}]`), ...items.map((_, i) => `PER[SQ${i + 1}]`)];
    const proposed = proposeAnswers(
      en,
      platformById('limesurvey'),
      platformById('limesurvey').describeColumns([header]),
    );
    expect(proposed.every((p) => p.note === 'by position')).toBe(true);
    expect(answers(proposed).slice(0, 4)).toEqual(['EXP[SQ1]=T1:E', 'PER[SQ1]=T1:P', 'EXP[SQ2]=T2:E', 'PER[SQ2]=T2:P']);
    const unnamed = [...items.map((_, i) => `A[SQ${i + 1}]`), ...items.map((_, i) => `B[SQ${i + 1}]`)];
    expect(
      answers(
        proposeAnswers(en, platformById('limesurvey'), platformById('limesurvey').describeColumns([unnamed])),
      ).slice(0, 2),
    ).toEqual(['A[SQ1]=T1:E', 'B[SQ1]=T1:P']);
  });

  it('proposes nothing it cannot ground', () => {
    expect(
      proposeAnswers(
        en,
        platformById('google-forms'),
        platformById('google-forms').describeColumns([['Timestamp', 'Your age', 'Favourite colour']]),
      ),
    ).toEqual([]);
  });
});

describe('proposeSource and its YAML', () => {
  it('writes a section that parses, with unknown answer texts and guesses commented', () => {
    const header = [
      'Timestamp',
      ...items.map((i) => `Expectations [${i.expectation}]`),
      ...items.map((i) => `Perceptions [${i.perception}]`),
    ];
    const row = ['2024/01/01', ...items.map(() => 'Strongly agree'), ...items.map(() => 'Meh')];
    const proposal = proposeSource(
      en,
      platformById('google-forms'),
      [header, row, row.map((c) => (c === 'Meh' ? 'N/A' : c))],
      null,
    );
    expect(proposal.labels).toEqual([
      { text: 'Strongly agree', value: 7, note: '' },
      { text: 'Meh', value: null, note: 'unknown answer: give its number, or move it under missing' },
    ]);
    expect(proposal.missing).toEqual(['N/A']);
    const text = renderSourceYaml(proposal, 'export.csv');
    expect(text).toContain('    # Meh:  # unknown answer');
    const parsed = parse(text) as {
      source: { platform: string; columns: unknown[]; labels: Record<string, number>; missing: string[] };
    };
    expect(parsed.source.platform).toBe('google-forms');
    expect(parsed.source.columns).toHaveLength(20);
    expect(parsed.source.labels).toEqual({ 'Strongly agree': 7 });
    expect(parsed.source.missing).toEqual(['N/A']);
  });

  it('quotes only what YAML would misread', () => {
    expect(yamlString('Strongly agree')).toBe('Strongly agree');
    // Control, C1 and bidi characters are escaped, and YAML reads the same text back.
    for (const text of ['a\u0085b\u202e c\u001b[31m', '\u009b31m "q" \\ \u2066']) {
      expect(yamlString(text)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect((parseYaml(`k: ${yamlString(text)}`) as { k: string }).k).toBe(text);
    }
    expect(yamlString("Don't know")).toBe("Don't know");
    expect(yamlString('Полностью согласен')).toBe('Полностью согласен');
    for (const tricky of ['Q1#1_1', 'Q1[SQ001]', 'yes', 'a: b', '-99', 'Ни согласен, ни не согласен', ' x', '{x}']) {
      expect(parse(`k: ${yamlString(tricky)}`)).toEqual({ k: tricky });
    }
  });
});
