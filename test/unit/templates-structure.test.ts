import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { questionnaireSchema, type QuestionnaireInput } from '../../src/core/questionnaire/schema.js';

/**
 * Structure of the bundled templates and the example questionnaires: every file must satisfy the
 * questionnaire schema, carry the five SERVQUAL dimensions in order, and hold the statements that
 * its format needs. This guards the content we hand to clients, not the validator itself.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'];
const ITEMS_PER_DIMENSION = [4, 5, 4, 4, 5];
const ITEM_IDS = [
  ['T1', 'T2', 'T3', 'T4'],
  ['R1', 'R2', 'R3', 'R4', 'R5'],
  ['RS1', 'RS2', 'RS3', 'RS4'],
  ['A1', 'A2', 'A3', 'A4'],
  ['E1', 'E2', 'E3', 'E4', 'E5'],
];

function questionnaireFiles(): string[] {
  const files = readdirSync(join(root, 'templates'))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => `templates/${name}`);
  const examples = join(root, 'examples');
  for (const dir of readdirSync(examples).sort()) {
    if (existsSync(join(examples, dir, 'questionnaire.yaml'))) files.push(`examples/${dir}/questionnaire.yaml`);
  }
  return files;
}

function load(file: string): { text: string; doc: unknown } {
  const text = readFileSync(join(root, file), 'utf8');
  return { text, doc: parse(text) };
}

function validated(file: string): QuestionnaireInput {
  const result = questionnaireSchema.safeParse(load(file).doc);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    expect.fail(`${file} does not satisfy the questionnaire schema:\n${issues}`);
  }
  return result.data;
}

const files = questionnaireFiles();

describe('bundled questionnaires', () => {
  it('finds the templates and the examples', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'templates/servqual-generic.en.yaml',
        'templates/servqual-generic.ru.yaml',
        'templates/servperf-generic.en.yaml',
        'templates/servqual-zones-generic.en.yaml',
        'examples/bank-branch/questionnaire.yaml',
      ]),
    );
  });

  describe.each(files)('%s', (file) => {
    it('satisfies the questionnaire schema', () => {
      validated(file);
    });

    it('starts with the yaml-language-server modeline', () => {
      const firstLine = load(file).text.split('\n')[0] ?? '';
      const depth = file.split('/').length - 1;
      expect(firstLine).toBe(`# yaml-language-server: $schema=${'../'.repeat(depth)}schema/questionnaire.schema.json`);
    });

    it('has the five SERVQUAL dimensions in order, each labelled and with recommendations', () => {
      const q = validated(file);
      expect(q.dimensions.map((d) => d.id)).toEqual(DIMENSIONS);
      for (const d of q.dimensions) {
        expect(d.label, `${d.id} label`).toBeTruthy();
        expect(d.recommendations?.length ?? 0, `${d.id} recommendations`).toBeGreaterThanOrEqual(1);
        expect(d.recommendations?.length ?? 0, `${d.id} recommendations`).toBeLessThanOrEqual(3);
      }
    });

    it('has unique item ids', () => {
      const ids = validated(file).dimensions.flatMap((d) => d.items.map((item) => item.id));
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('gives every item at least one recommendation', () => {
      for (const d of validated(file).dimensions) {
        for (const item of d.items) {
          expect(item.recommendations?.length ?? 0, `${item.id} recommendations`).toBeGreaterThanOrEqual(1);
        }
      }
    });

    it('has the statements that its format requires', () => {
      const q = validated(file);
      for (const item of q.dimensions.flatMap((d) => d.items)) {
        expect(item.perception.trim(), `${item.id} perception`).not.toBe('');
        if (q.format === 'two-column') {
          expect(item.expectation?.trim(), `${item.id} expectation`).toBeTruthy();
          expect(item.minimum ?? item.desired, `${item.id} has no three-column statements`).toBeUndefined();
        } else if (q.format === 'three-column') {
          const both = Boolean(item.minimum?.trim() && item.desired?.trim());
          expect(both || Boolean(item.expectation?.trim()), `${item.id} minimum and desired`).toBe(true);
        } else {
          expect(item.expectation ?? item.minimum ?? item.desired, `${item.id} has only a perception`).toBeUndefined();
        }
      }
    });

    it('uses fixed weights that sum to 100 over the five dimensions', () => {
      const fixed = validated(file).weights?.fixed ?? {};
      expect(Object.keys(fixed).sort()).toEqual([...DIMENSIONS].sort());
      expect(Object.values(fixed).reduce((a, b) => a + b, 0)).toBe(100);
    });

    it('has the 22 items in the 4/5/4/4/5 structure', () => {
      const q = validated(file);
      expect(q.dimensions.map((d) => d.items.length)).toEqual(ITEMS_PER_DIMENSION);
      expect(q.dimensions.map((d) => d.items.map((item) => item.id))).toEqual(ITEM_IDS);
    });
  });

  it('keeps the Russian translation in step with the English template', () => {
    const en = validated('templates/servqual-generic.en.yaml');
    const ru = validated('templates/servqual-generic.ru.yaml');
    expect(ru.language).toBe('ru');
    expect(en.language).toBe('en');
    const shape = (q: QuestionnaireInput) => ({
      format: q.format,
      scale: { min: q.scale.min, max: q.scale.max },
      weights: q.weights,
      thresholds: q.thresholds,
      kpis: q.kpis?.map((k) => [k.id, k.type, k.scale?.min, k.scale?.max]),
      items: q.dimensions.map((d) => [d.id, d.items.map((item) => [item.id, item.recommendations?.length])]),
    });
    expect(shape(ru)).toEqual(shape(en));
  });

  it('keeps the bank-branch example on the 22 standard item ids with one reversed item', () => {
    const q = validated('examples/bank-branch/questionnaire.yaml');
    expect(q.format).toBe('two-column');
    expect(q.dimensions.map((d) => d.items.map((item) => item.id))).toEqual(ITEM_IDS);
    expect(q.dimensions.flatMap((d) => d.items).filter((item) => item.reverse === true)).toHaveLength(1);
    expect(q.segments).toEqual(['branch', 'channel']);
  });
});
