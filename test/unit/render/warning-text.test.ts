/** A warning's wording per language (issue 15): Russian from code + fields, the core message otherwise. */
import { describe, expect, it } from 'vitest';
import { warningText } from '../../../src/render/warning-text.js';

describe('warningText', () => {
  it('keeps the core message in English', () => {
    const w = { code: 'straight-lining', message: '2 respondents gave the same answer to every item', count: 2 };
    expect(warningText(w, 'en')).toBe(w.message);
  });
  it('words known codes in Russian with the right count forms', () => {
    const w = (count: number) => ({ code: 'straight-lining', message: 'x', count });
    expect(warningText(w(1), 'ru')).toBe('1 респондент дал один и тот же ответ на все вопросы');
    expect(warningText(w(3), 'ru')).toBe('3 респондента дали один и тот же ответ на все вопросы');
    expect(warningText(w(11), 'ru')).toBe('11 респондентов дали один и тот же ответ на все вопросы');
    expect(warningText(w(22), 'ru')).toBe('22 респондента дали один и тот же ответ на все вопросы');
  });
  it('lists the first ids and marks more with "..."', () => {
    const w = { code: 'duplicate-respondents', message: 'x', count: 12, respondents: ['a', 'b'] };
    expect(warningText(w, 'ru')).toBe('12 строк повторяют уже встречавшийся идентификатор респондента (a, b, ...)');
  });
  it('words speeders with their rate and first ids; an older result (median rule) keeps its message', () => {
    const w = { code: 'speeders', message: 'x', count: 12, respondents: ['R_1', 'R_2'], seconds: 1.5 };
    expect(warningText(w, 'ru')).toBe(
      '12 респондентов потратили меньше 1,5 с на ответ (R_1, R_2, ...): вероятно, отвечали не читая вопросов',
    );
    const old = { code: 'speeders', message: 'f.csv: 3 respondents answered in under 218.5 s', count: 3, median: 655 };
    expect(warningText(old, 'ru')).toBe(old.message);
  });
  it('names segments, blank values and the smallest n', () => {
    const w = {
      code: 'small-segment',
      message: 'x',
      count: 2,
      of: 3,
      smallest: 1,
      segments: [
        { column: 'branch', value: '', n: 1 },
        { column: 'branch', value: 'north', n: 4 },
      ],
    };
    expect(warningText(w, 'ru')).toBe('2 из 3 сегментов: n < 30, наименьшее n = 1 (branch=(пусто), branch=north)');
  });
  it('falls back to the core message for an unknown code or missing fields', () => {
    expect(warningText({ code: 'from-the-future', message: 'new warning' }, 'ru')).toBe('new warning');
    expect(warningText({ code: 'small-segment', message: 'old shape', value: 'x', n: 3 }, 'ru')).toBe('old shape');
    expect(warningText({ code: 'constructor', message: 'proto' }, 'ru')).toBe('proto');
  });
});
