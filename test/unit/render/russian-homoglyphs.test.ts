import { describe, expect, it } from 'vitest';
import { htmlLabelsFor } from '../../../src/render/html-labels.js';
import { labelsFor } from '../../../src/render/labels.js';
import { measurementLabelsFor } from '../../../src/render/measurement-labels.js';
import { summaryLabelsFor } from '../../../src/render/summary-labels.js';

/** Every string of a label set, with its path. */
function strings(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => strings(child, `${path}.${key}`));
}

describe('Russian wording', () => {
  it('has no Latin capital that looks like a Cyrillic one standing for a Russian word (e.g. "M" for Материальность)', () => {
    const sets = {
      labels: labelsFor('ru'),
      measurement: measurementLabelsFor('ru'),
      html: htmlLabelsFor('ru'),
      summary: summaryLabelsFor('ru'),
    };
    const found = Object.entries(sets).flatMap(([name, set]) =>
      strings(set, name).filter(
        ([, text]) => /[а-яё]/i.test(text) && /(?<![A-Za-z])[ABCEHKMOPTX](?![A-Za-z])/.test(text),
      ),
    );
    expect(found).toEqual([]);
  });
});
