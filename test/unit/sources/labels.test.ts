import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerTexts,
  convertAnswer,
  DEFAULT_MISSING,
  defaultLabels,
  isBuiltInMissing,
  normaliseAnswer,
} from '../../../src/core/sources/labels.js';
import { questionnaireWith } from './support.js';

describe('normaliseAnswer', () => {
  it('folds case, spaces, typographic apostrophes and ё', () => {
    expect(normaliseAnswer('  Strongly   AGREE ')).toBe('strongly agree');
    expect(normaliseAnswer('Don’t know')).toBe("don't know");
    expect(normaliseAnswer('Ещё')).toBe('еще');
    expect(normaliseAnswer('Agree.')).toBe('agree');
  });
});

describe('isBuiltInMissing', () => {
  const folded = new Set(DEFAULT_MISSING);
  it('knows the codes however they are spaced, cased or finished', () => {
    expect(isBuiltInMissing('  N/A ')).toBe(true);
    expect(isBuiltInMissing("I   DON'T know.")).toBe(true);
    expect(isBuiltInMissing(`${' '.repeat(500)}prefer not to say\t\n`)).toBe(true);
    expect(isBuiltInMissing('Нет ответа')).toBe(true);
    expect(isBuiltInMissing('The queue was slow and nobody said sorry')).toBe(false);
  });
  // The length shortcut must never change the answer of folding the text.
  it('answers as folding the whole text does, on codes padded with spaces, dots and other letters', () => {
    const piece = fc.oneof(
      fc.constantFrom(...DEFAULT_MISSING, ...DEFAULT_MISSING.map((code) => code.toUpperCase())),
      fc.constantFrom(' ', '  ', '\t', '\n', '.', 'x', 'é', '\u00a0', '’', '—', 'ё'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 5 }), (pieces) => {
        const text = pieces.join('');
        expect(isBuiltInMissing(text)).toBe(folded.has(normaliseAnswer(text)));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('defaultLabels', () => {
  it('has the English and Russian agreement scales of 1-5 and 1-7, and nothing for others', () => {
    expect(defaultLabels({ min: 1, max: 7 })).toMatchObject({
      'strongly disagree': 1,
      'somewhat disagree': 3,
      agree: 6,
      'strongly agree': 7,
      'полностью согласен': 7,
      'скорее согласна': 5,
    });
    expect(defaultLabels({ min: 1, max: 5 })).toMatchObject({
      disagree: 2,
      'somewhat agree': 4,
      'strongly agree': 5,
      'полностью не согласна': 1,
      'ни согласен, ни не согласен': 3,
    });
    expect(defaultLabels({ min: 0, max: 10 })).toEqual({});
  });
});

describe('convertAnswer', () => {
  const en = answerTexts(
    questionnaireWith(
      'en',
      'source: { platform: google-forms, labels: { "Totally agree": 7, "N/A": 1 }, missing: [skip] }',
    ),
  );
  const ru = answerTexts(questionnaireWith('ru', 'source: { platform: google-forms }'));

  it('turns labels into numbers, case- and space-insensitively, in English and Russian', () => {
    expect(convertAnswer(' strongly AGREE', en)).toBe('7');
    expect(convertAnswer('Somewhat disagree', en)).toBe('3');
    expect(convertAnswer('  Скорее согласен ', ru)).toBe('4');
    expect(convertAnswer('ПОЛНОСТЬЮ СОГЛАСНА', ru)).toBe('5');
    expect(convertAnswer('Strongly agree', ru)).toBe('5');
  });

  it("uses the questionnaire's own labels, its scale labels, and lets them win over built-in missing codes", () => {
    expect(convertAnswer('totally  agree', en)).toBe('7');
    expect(convertAnswer('N/A', en)).toBe('1');
    expect(convertAnswer('Полностью не согласен', ru)).toBe('1');
  });

  it('blanks missing codes: built-in and the questionnaire’s own', () => {
    expect(convertAnswer("Don't know", en)).toBe('');
    expect(convertAnswer('SKIP', en)).toBe('');
    expect(convertAnswer('-99', en)).toBe('');
    expect(convertAnswer('Затрудняюсь ответить', ru)).toBe('');
    expect(convertAnswer('Не знаю', ru)).toBe('');
    expect(convertAnswer('N/A', ru)).toBe('');
  });

  it('keeps numbers, reads a numbered label by its number, and leaves unknown text for the scorer to report', () => {
    expect(convertAnswer(' 6 ', en)).toBe('6');
    expect(convertAnswer('3,5', en)).toBe('3,5');
    expect(convertAnswer('10 - Extremely likely', en)).toBe('10');
    expect(convertAnswer('1 (Not at all likely)', en)).toBe('1');
    expect(convertAnswer('Kinda agree', en)).toBe('Kinda agree');
  });
});
