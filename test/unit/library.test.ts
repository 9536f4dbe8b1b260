/**
 * The library entry (src/index.ts, the package's `main`): every report renderer is exported, and
 * one scored result renders through each of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as servqual from '../../src/index.js';
import { scoreFiles as scoreFilesImpl } from '../../src/io/score-files.js';
import { repoRoot } from '../helpers/run-cli.js';

describe('the library', () => {
  it('exports a renderer for every report format, and each renders a scored result', async () => {
    const q = await servqual.loadQuestionnaire(
      join(repoRoot, 'test', 'fixtures', 'questionnaires', 'minimal-two-column.yaml'),
    );
    const row = (id: string, e: number, p: number) => ({
      respondent: id,
      ...Object.fromEntries(
        ['T1', 'T2', 'R1', 'RS1', 'A1', 'E1'].flatMap((i) => [
          [`${i}_E`, e],
          [`${i}_P`, p],
        ]),
      ),
    });
    const result = servqual.score(q, [row('r1', 7, 5), row('r2', 6, 6), row('r3', 5, 4)]);
    // Every item: gaps -2, 0, -1, mean -1.
    expect(result.overall.weighted.mean).toBeCloseTo(-1, 12);
    expect(servqual.renderTable(result, { color: false })).toContain(result.questionnaire.title);
    expect(servqual.renderMarkdown(result)).toContain(`## ${result.questionnaire.title}`);
    expect(servqual.renderHtml(result)).toMatch(/^<!DOCTYPE html>/);
    expect(servqual.renderCsv(result).split('\n').length).toBeGreaterThan(1);
    expect(JSON.parse(servqual.renderJson(result)).schemaVersion).toBe(1);
    expect(servqual.renderJunit(result)).toContain('<testsuites');
    const book = await servqual.renderXlsx(result);
    // A workbook is a zip: PK\x03\x04.
    expect([...book.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(typeof servqual.renderComparison).toBe('function');
  });

  it('exports scoreFiles, validateQuestionnaire and questionnaireJsonSchema (through library.ts)', async () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'questionnaire.schema.json'), 'utf8'));
    expect(servqual.questionnaireJsonSchema()).toEqual(schema);
    const checked = servqual.validateQuestionnaire({});
    expect(checked.questionnaire).toBeNull();
    expect(checked.problems.length).toBeGreaterThan(0);
    const csv = join(repoRoot, 'examples', 'bank-branch', 'responses.csv');
    const bank = await servqual.loadQuestionnaire(join(repoRoot, 'examples', 'bank-branch', 'questionnaire.yaml'));
    const result = await servqual.scoreFiles(bank, [csv], { encoding: 'auto' });
    // The wrapper only passes through: the internal reader gives the same score.
    expect(result.respondents.scored).toBeGreaterThan(0);
    expect(result.overall.weighted.mean).toBe((await scoreFilesImpl(bank, [csv])).overall.weighted.mean);
  });

  it('ships a LICENSE that matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(repoRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });
});
