import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateResponses } from '../../scripts/generate-responses.js';
import { validateQuestionnaire } from '../../src/core/questionnaire/validate.js';
import { scoreTable } from '../../src/core/scoring/score-table.js';

const dir = new URL('../../templates/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const load = (file: string) => parseYaml(readFileSync(new URL(file, dir), 'utf8')) as Record<string, unknown>;

describe('the template library', () => {
  it('has at least the 7 settings in English and Russian', () => {
    const settings = [
      'servqual-generic',
      'retail',
      'it-service-desk',
      'hotel',
      'bank-branch',
      'healthcare-clinic',
      'contact-centre',
    ];
    for (const setting of settings) {
      expect(files).toContain(`${setting}.en.yaml`);
      expect(files).toContain(`${setting}.ru.yaml`);
    }
    expect(files.length).toBeGreaterThanOrEqual(14);
  });

  it.each(files)('%s validates and scores a generated sample', (file) => {
    const raw = load(file);
    const { questionnaire, problems } = validateQuestionnaire(raw);
    expect(problems).toEqual([]);
    if (!questionnaire) return;
    const lines = [...generateResponses(raw as never, { rows: 120, seed: file })];
    const [header = [], ...rows] = parseCsv(lines.join('\n'), { relax_column_count: true }) as string[][];
    const scored = scoreTable(questionnaire, header, rows, { groupBy: ['branch'] });
    expect(scored.missing).toEqual([]);
    expect(scored.result?.respondents.total).toBe(120);
    expect(scored.result?.respondents.scored).toBeGreaterThan(100);
    expect(scored.result?.dimensions.every((d) => d.gap.mean !== null && d.alpha !== null)).toBe(true);
    expect(scored.result?.recommendations.every((r) => r.actions.length > 0)).toBe(true);
    expect(scored.result?.segments.length).toBeGreaterThan(0);
  });

  it.each(files.filter((f) => f.endsWith('.ru.yaml')))(
    '%s matches its English version in ids, weights and thresholds',
    (file) => {
      const ru = load(file);
      const en = load(file.replace('.ru.yaml', '.en.yaml'));
      const shape = (doc: Record<string, unknown>) => ({
        format: doc.format,
        scale: (doc.scale as { min: number; max: number }) && {
          min: (doc.scale as { min: number }).min,
          max: (doc.scale as { max: number }).max,
        },
        weights: doc.weights,
        thresholds: doc.thresholds,
        kpis: (doc.kpis as { id: string; type: string }[]).map((k) => `${k.id}:${k.type}`),
        items: (doc.dimensions as { id: string; items: { id: string; recommendations?: string[] }[] }[]).map((d) => [
          d.id,
          d.items.map((i) => `${i.id}:${i.recommendations?.length ?? 0}`),
        ]),
      });
      expect(ru.language).toBe('ru');
      expect(shape(ru)).toEqual(shape(en));
    },
  );
});
