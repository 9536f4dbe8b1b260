import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkQuestionnaireText } from '../../../../src/io/read-questionnaire.js';
import {
  parseItemsSpec,
  placeById,
  placeByLetterCodes,
  placeByWords,
} from '../../../../src/core/sources/infer/dimensions.js';
import { inferQuestionnaire } from '../../../../src/core/sources/infer/infer.js';
import { pairColumns } from '../../../../src/core/sources/infer/pairs.js';
import { renderInferredQuestionnaire } from '../../../../src/core/sources/infer/questionnaire.js';
import { findLabelSet, headerBottomWords, lowEndIsBest } from '../../../../src/core/sources/infer/scale.js';
import { bracketedColumns } from '../../../../src/core/sources/headers.js';

const WORDING = [
  'modern equipment',
  'clean facilities',
  'keeps its promises',
  'accurate records',
  'prompt service',
  'willing to help',
  'feel safe',
  'courteous staff',
  'individual attention',
  'convenient opening hours',
];

/** Rows of a plain CSV with these headers and `n` responses of rating numbers. */
function csv(header: string[], n = 12): string[][] {
  const rows = [header];
  for (let r = 0; r < n; r++) rows.push(header.map((_, c) => String(1 + ((r * 3 + c) % 7))));
  return rows;
}

const shapeOf = (header: string[]) => pairColumns(bracketedColumns([header]));

describe('pairs', () => {
  it('recognises each pair shape', () => {
    expect(shapeOf(['T1_E', 'T1_P', 'T2_E', 'T2_P']).format).toBe('two-column');
    expect(shapeOf(['E1', 'E2', 'P1', 'P2']).items.map((i) => i.id)).toEqual(['Q1', 'Q2']);
    expect(shapeOf(['Q1-1', 'Q1-2', 'Q2-1', 'Q2-2']).shape).toContain('-1/-2');
    expect(shapeOf(['Q1[1]', 'Q1[2]', 'Q2[1]', 'Q2[2]']).shape).toContain('[1]/[2]');
    expect(shapeOf(['Q1#1_1', 'Q1#1_2', 'Q1#2_1', 'Q1#2_2']).shape).toContain('#1_');
    expect(
      shapeOf(['1-1. 정확해야 한다 (기대)', '1-2. 정확하다 (인지)', '2-1. x (기대)', '2-2. y (인지)']).items[1]?.id,
    ).toBe('Q2');
    expect(shapeOf(['Ожидание [a]', 'Ожидание [b]', 'Восприятие [a]', 'Восприятие [b]']).format).toBe('two-column');
    expect(shapeOf(['A [x]', 'A [y]', 'B [x]', 'B [y]']).shape).toContain('two grids');
    expect(shapeOf(['T1_MIN', 'T1_DES', 'T1_P', 'T2_MIN', 'T2_DES', 'T2_P']).format).toBe('three-column');
    expect(shapeOf(['q1', 'q2', 'q3']).format).toBe('perceptions-only');
  });
});

describe('dimensions', () => {
  it('places SERVQUAL wording, ids and letter codes', () => {
    expect(placeByWords('Excellent banks have modern-looking equipment.')?.dimension).toBe('tangibles');
    expect(placeByWords('Сотрудники обслуживают быстро')?.dimension).toBe('responsiveness');
    expect(placeByWords('키오스크는 개인정보를 안전하게 보호한다')?.dimension).toBe('assurance');
    expect(placeByWords('I feel happy about the merger')).toBeNull();
    expect(['TANG', 'REL', 'CRES', 'CASS', 'EMPAT'].map((id) => placeById(id)?.dimension)).toEqual([
      'tangibles',
      'reliability',
      'responsiveness',
      'assurance',
      'empathy',
    ]);
    expect(placeById('restaurant')).toBeNull();
    expect(placeByLetterCodes(['T1', 'R1', 'RS1', 'A1', 'E1'])?.get('RS1')?.dimension).toBe('responsiveness');
    expect(placeByLetterCodes(['E1', 'P1'])).toBeNull();
  });

  it('parses --items', () => {
    const { rules, errors } = parseItemsSpec('t01-t05=technical, f01-f13=functional; 3+7=empathy');
    expect(errors).toEqual([]);
    expect(rules[0]?.matches('t03', 1)).toBe(true);
    expect(rules[0]?.matches('t06', 1)).toBe(false);
    expect(rules[2]?.matches('x', 7)).toBe(true);
    expect(parseItemsSpec('t01-f05=x').errors[0]).toContain('same letters');
    expect(parseItemsSpec('t01').errors[0]).toContain('IDS=DIMENSION');
    expect(parseItemsSpec('t01=1bad').errors[0]).toContain('start with a letter');
  });
});

describe('label sets', () => {
  it('takes the set that gives every text its own point', () => {
    expect(findLabelSet(['agree', 'strongly agree'])?.points).toBe(5);
    expect(findLabelSet(['agree', 'somewhat agree'])?.points).toBe(7);
    expect(findLabelSet(['скорее согласен', 'скорее согласна'])?.points).toBe(5);
    expect(findLabelSet(['very satisfied', 'dissatisfied'])?.name).toBe('satisfaction');
    expect(findLabelSet(['poor', 'excellent', 'very good'])?.name).toBe('quality');
    expect(findLabelSet(['pathetic'])).toBeUndefined();
  });
});

describe('inferQuestionnaire', () => {
  const headers = WORDING.flatMap((w, i) => [`E${i + 1} ${w}`, `P${i + 1} ${w}`]);

  it('writes a questionnaire that validates, every guess commented', () => {
    const rows = csv([
      'respondent',
      ...WORDING.map((w) => `Expectation [${w}]`),
      ...WORDING.map((w) => `Perception [${w}]`),
    ]);
    const { inference } = inferQuestionnaire(rows);
    expect(inference?.format).toBe('two-column');
    const text = renderInferredQuestionnaire(inference!, 'x.csv', 'servqual init q.yaml --from x.csv');
    expect(checkQuestionnaireText(text, 'q.yaml').diagnostics).toEqual([]);
    expect(text.match(/# guessed:/g)?.length).toBeGreaterThan(10);
    expect(parse(text).source.platform).toBe('google-forms');
    expect(headers.length).toBe(20);
  });

  it('keeps hostile headers out of comments and the terminal, and skips duplicate and empty names', () => {
    const evil = [
      'modern equipment\u001b[31m\nx: y',
      'modern equipment\u001b[31m\nx: y',
      '',
      `prompt service ${'x'.repeat(5000)}`,
    ];
    const rows = csv([...evil, ...WORDING]);
    const { inference, problems } = inferQuestionnaire(rows);
    expect(problems).toEqual([]);
    const text = renderInferredQuestionnaire(inference!, 'e\u001b]0;x\u0007.csv', 'servqual init');
    expect(text).not.toContain('\u001b');
    expect(checkQuestionnaireText(text, 'q.yaml').diagnostics).toEqual([]);
    expect(inference!.items.map((i) => i.names.perception)).not.toContain(evil[0]);
  });

  it('asks for --items when the words place nothing, and uses them (model: custom)', () => {
    const rows = csv(['t01', 't02', 'f01', 'f02']);
    expect(inferQuestionnaire(rows).problems[0]?.code).toBe('unplaced-items');
    const { inference } = inferQuestionnaire(rows, { items: 't01-t02=technical,f01-f02=functional' });
    expect(inference?.model).toBe('custom');
    expect(inference?.dimensions).toEqual(['technical', 'functional']);
    expect(inferQuestionnaire(rows, { items: 'x1-x3=a' }).problems[0]?.code).toBe('items-spec');
  });

  it('reads 1 = best from numbered answers (best: low)', () => {
    const cells = ['1 - Excellent', '2 - Good', '3 - Fair', '4 - Poor', '5 - Very poor'];
    const header = WORDING.filter((_, i) => i % 2 === 0);
    const rows = [header, ...cells.map((_, r) => header.map((_, c) => cells[(r + c) % 5] as string))];
    const { inference } = inferQuestionnaire(rows);
    expect(inference?.scale).toMatchObject({ min: 1, max: 5, best: 'low' });
    const text = renderInferredQuestionnaire(inference!, 'x.csv', 'servqual init');
    expect(checkQuestionnaireText(text, 'q.yaml').diagnostics).toEqual([]);
    expect(parse(text).scale.best).toBe('low');
  });

  it('reads 1 = best from a header that numbers both ends, and otherwise says how to declare it', () => {
    const header = WORDING.filter((_, i) => i % 2 === 0).map((w) => `${w} (1 = Excellent, 5 = Poor)`);
    const rows = [header, ...[1, 2, 3, 4, 5].map((r) => header.map((_, c) => String(((r + c) % 5) + 1)))];
    expect(inferQuestionnaire(rows).inference?.scale).toMatchObject({ min: 1, max: 5, best: 'low' });
    // A question number is not a scale: "Q1 - Extremely ..." says nothing about the direction.
    const plain = WORDING.filter((_, i) => i % 2 === 0).map((w, i) => `Q${i + 1} - Extremely ${w}`);
    const bare = inferQuestionnaire([plain, ...rows.slice(1)]).inference?.scale;
    expect(bare?.best).toBe('high');
    expect(bare?.note).toContain('if 1 is the best answer, add best: low');
  });

  it('reads no direction from ends that start alike (Extremely unlikely ... Extremely likely)', () => {
    const header = WORDING.filter((_, i) => i % 2 === 0).map(
      (w) => `${w} (1 = Extremely unlikely, 5 = Extremely likely)`,
    );
    const rows = [header, ...[1, 2, 3, 4, 5].map((r) => header.map((_, c) => String(((r + c) % 5) + 1)))];
    expect(inferQuestionnaire(rows).inference?.scale.best).toBe('high');
    expect(lowEndIsBest('Excellent', 'Poor')).toBe(true);
    expect(lowEndIsBest('Extremely dissatisfied', 'Extremely satisfied')).toBe(false);
  });

  it('finds the words of the lowest point only where a header numbers both ends', () => {
    expect(headerBottomWords('Rate the staff (1 = Excellent, 5 = Poor)', 1, 5)).toBe('Excellent');
    expect(headerBottomWords('How punctual? 1 (best) to 5 (worst)', 1, 5)).toBe('best)');
    expect(headerBottomWords('Оцените (1 - отлично, 5 - плохо)', 1, 5)).toBe('отлично');
    expect(headerBottomWords('Clean? 1: very good; 5: very bad', 1, 5)).toBe('very good');
    expect(headerBottomWords('Q1 - Extremely clean stations', 1, 5)).toBeUndefined();
    expect(headerBottomWords('1-1. Kiosk screens (expectation)', 1, 7)).toBeUndefined();
  });

  it('gives an --items example that works: a range of ids with the same letters, else positions', () => {
    const named = inferQuestionnaire(csv(['happy', 'pleased', 'violated'])).problems[0];
    expect(named?.hint).toContain('e.g. --items "1-3=quality"');
    const example = /--items "([^"]+)"/.exec(named?.hint ?? '')?.[1] ?? '';
    expect(inferQuestionnaire(csv(['happy', 'pleased', 'violated']), { items: example }).inference?.items).toHaveLength(
      3,
    );
    expect(inferQuestionnaire(csv(['t01', 't02', 't03'])).problems[0]?.hint).toContain(
      'e.g. --items "t01-t03=quality"',
    );
  });

  it('says which rating columns a repeated header left out, and what to do', () => {
    // A sheet with the block twice (SERVQUAL pairs, then the same headers for another instrument).
    const header = ['1-1', '1-2', '2-1', '2-2', '1-1', '1-2', '2-1', '2-2', 'Q9 other'];
    const rows = [header, ...[1, 2, 3, 4, 5].map((r) => header.map((_, c) => String(((r + c) % 5) + 1)))];
    const { problems } = inferQuestionnaire(rows);
    expect(problems[0]?.hint).toContain(
      '8 rating columns were left out because another column has the same header ("1-1", "1-2", "2-1", "2-2")',
    );
    expect(problems[0]?.hint).toContain('(a workbook: --sheet)');
  });

  it('lists a yes/no column as not scored, once says how to score one, and does not repeat a respaced header', () => {
    const header = [...WORDING, 'Do  you feel   safe?'];
    const rows = [
      header,
      ...[1, 2, 3, 4, 5, 6].map((r) => [...WORDING.map((_, c) => String(((r + c) % 5) + 1)), r % 2 ? 'Yes' : 'No']),
    ];
    const { inference } = inferQuestionnaire(rows);
    expect(inference?.notScored).toEqual(['"Do you feel safe?": yes/no answers']);
    const text = renderInferredQuestionnaire(inference!, 'x.csv', 'servqual init');
    expect(text.match(/to score a yes\/no column/g)).toHaveLength(1);
  });

  it('finds no answers in text only', () => {
    expect(
      inferQuestionnaire([
        ['a', 'b'],
        ['hello there', 'x'],
      ]).problems[0]?.code,
    ).toBe('no-answer-columns');
  });
});

describe('validate flags a source section that would be ignored', () => {
  it('"long" on a wide platform', () => {
    const text = `servqual: 1\ntitle: t\nformat: perceptions-only\nscale: { min: 1, max: 5 }\nmodel: custom\ndimensions:\n  - { id: q, items: [{ id: Q1, perception: p }] }\nsource:\n  platform: qualtrics\n  long: { item: x }\n`;
    const codes = checkQuestionnaireText(text, 'q.yaml').diagnostics.map((d) => d.code);
    expect(codes).toContain('source-columns-unused');
  });
});
