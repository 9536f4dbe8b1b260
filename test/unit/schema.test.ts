import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { questionnaireJsonSchema } from '../../src/core/questionnaire/schema.js';
import { partialJsonSchema } from '../../src/core/scoring/partial-schema.js';
import { resultJsonSchema } from '../../src/core/scoring/result-schema.js';

describe('shipped JSON Schema', () => {
  it('is the one generated from the zod definition (run `npm run schema` when this fails)', () => {
    const shipped = readFileSync(new URL('../../schema/questionnaire.schema.json', import.meta.url), 'utf8');
    expect(shipped).toBe(`${JSON.stringify(questionnaireJsonSchema(), null, 2)}\n`);
  });

  it('describes the contract keys and forbids unknown ones', () => {
    const schema = questionnaireJsonSchema() as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'servqual',
        'title',
        'language',
        'format',
        'scale',
        'weights',
        'dimensions',
        'kpis',
        'thresholds',
        'columns',
        'model',
      ]),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['servqual', 'title', 'format', 'scale', 'dimensions']));
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('shipped JSON Schema of saved results', () => {
  it('is the one generated from the zod definition (run `npm run schema` when this fails)', () => {
    const shipped = readFileSync(new URL('../../schema/result.schema.json', import.meta.url), 'utf8');
    expect(shipped).toBe(`${JSON.stringify(resultJsonSchema(), null, 2)}\n`);
  });

  it('requires the contract keys and leaves the lists older versions lacked optional', () => {
    const schema = resultJsonSchema() as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'schemaVersion',
        'questionnaire',
        'respondents',
        'overall',
        'dimensions',
        'items',
        'kpis',
        'recommendations',
        'warnings',
      ]),
    );
    expect(schema.required).not.toContain('segments');
    expect(schema.required).not.toContain('checks');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['segments', 'checks']));
  });
});

describe('shipped JSON Schema of partial results', () => {
  it('is the one generated from the zod definition (run `npm run schema` when this fails)', () => {
    const shipped = readFileSync(new URL('../../schema/partial.schema.json', import.meta.url), 'utf8');
    expect(shipped).toBe(`${JSON.stringify(partialJsonSchema(), null, 2)}\n`);
  });

  it('names the kind and version, and forbids unknown keys', () => {
    const schema = partialJsonSchema() as {
      properties: Record<string, { const?: unknown }>;
      additionalProperties: boolean;
    };
    expect(schema.properties.kind?.const).toBe('servqual-partial');
    expect(schema.properties.version?.const).toBe(4);
    expect(schema.additionalProperties).toBe(false);
  });
});
