import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { questionnaireJsonSchema } from '../../src/core/questionnaire/schema.js';

describe('shipped JSON Schema', () => {
  it('is the one generated from the zod definition (run `npm run schema` when this fails)', () => {
    const shipped = readFileSync(new URL('../../schema/questionnaire.schema.json', import.meta.url), 'utf8');
    expect(shipped).toBe(`${JSON.stringify(questionnaireJsonSchema(), null, 2)}\n`);
  });

  it('describes the contract keys and forbids unknown ones', () => {
    const schema = questionnaireJsonSchema() as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['servqual', 'title', 'language', 'format', 'scale', 'weights', 'dimensions', 'kpis', 'thresholds', 'columns', 'model']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['servqual', 'title', 'format', 'scale', 'dimensions']));
    expect(schema.additionalProperties).toBe(false);
  });
});
