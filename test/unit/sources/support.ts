/** Shared helpers of the export tests: the fixture samples, questionnaires with a source section, scoring both ways. */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import type { Questionnaire, SourcePlatform } from '../../../src/core/questionnaire/model.js';
import type { Result } from '../../../src/core/scoring/result.js';
import {
  addRecord,
  beginTable,
  finishScoring,
  startScoring,
  type ScoreOptions,
  type ScoringState,
} from '../../../src/core/scoring/scorer.js';
import type { ExportWarning } from '../../../src/core/sources/adapt.js';
import { readCsvRecords } from '../../../src/io/csv-records.js';
import { scoreExportFile } from '../../../src/io/read-export.js';
import { checkQuestionnaireText } from '../../../src/io/read-questionnaire.js';

export const EXPORTS = new URL('../../fixtures/exports/', import.meta.url).pathname;

export interface Sample {
  platform: SourcePlatform;
  name: string;
  lang: 'en' | 'ru';
}

/** Every export fixture: two per platform. */
export const SAMPLES: Sample[] = [
  { platform: 'google-forms', name: 'gf-en', lang: 'en' },
  { platform: 'google-forms', name: 'gf-ru', lang: 'ru' },
  { platform: 'surveymonkey', name: 'sm-labels', lang: 'en' },
  { platform: 'surveymonkey', name: 'sm-numbers', lang: 'ru' },
  { platform: 'qualtrics', name: 'qx-side-by-side', lang: 'en' },
  { platform: 'qualtrics', name: 'qx-legacy', lang: 'en' },
  { platform: 'limesurvey', name: 'ls-dual', lang: 'en' },
  { platform: 'limesurvey', name: 'ls-arrays', lang: 'ru' },
  { platform: 'long', name: 'long-en', lang: 'en' },
  { platform: 'long', name: 'long-ru', lang: 'ru' },
];

export const samplePath = (s: Sample, suffix: '.csv' | '.generic.csv' | '.source.yaml') =>
  join(EXPORTS, s.platform, `${s.name}${suffix}`);
export const baseText = (lang: 'en' | 'ru') => readFileSync(join(EXPORTS, `questionnaire.${lang}.yaml`), 'utf8');

/** The sample's questionnaire with a source section pasted at its end, through the real validator. */
export function questionnaireWith(lang: 'en' | 'ru', sourceYaml: string): Questionnaire {
  const check = checkQuestionnaireText(`${baseText(lang)}\n${sourceYaml}`, `questionnaire.${lang}.yaml`);
  expect(check.diagnostics).toEqual([]);
  return check.questionnaire as Questionnaire;
}

export const sampleQuestionnaire = (s: Sample) =>
  questionnaireWith(s.lang, readFileSync(samplePath(s, '.source.yaml'), 'utf8'));

/** Scores an export (a file, or CSV text) through readExportRecords and the scorer's string path. */
export async function scoreExport(
  q: Questionnaire,
  input: { file: string } | { text: string; name: string },
  platform: SourcePlatform,
  options: ScoreOptions = {},
): Promise<{ result: Result; warnings: ExportWarning[]; state: ScoringState }> {
  const state = startScoring(q, options);
  const stream = 'file' in input ? createReadStream(input.file) : Readable.from([Buffer.from(input.text)]);
  const warnings = await scoreExportFile(state, 'file' in input ? input.file : input.name, stream, platform);
  return { result: finishScoring(state), warnings, state };
}

/** Scores a generic CSV the plain way: header, then one record per respondent. */
export async function scoreGeneric(q: Questionnaire, file: string, options: ScoreOptions = {}): Promise<Result> {
  const state = startScoring(q, options);
  let table: ReturnType<typeof beginTable>['table'] | null = null;
  for await (const record of readCsvRecords(createReadStream(file), file)) {
    if (table === null) {
      const planned = beginTable(state, record.fields, file);
      expect(planned.missing).toEqual([]);
      table = planned.table;
    } else addRecord(state, table, record.fields, record.line);
  }
  expect(state.invalidCells).toBe(0);
  return finishScoring(state);
}
