import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { responseInHeader } from '../../../src/core/sources/detect.js';
import { platformById } from '../../../src/core/sources/platforms/index.js';
import { parse } from 'csv-parse/sync';
import { fixturesDir } from '../../helpers/run-cli.js';
import { runInProcess } from '../../helpers/run-in-process.js';

const parseCsvText = (text: string): string[][] =>
  parse(text, { bom: true, relax_column_count: true, relax_quotes: true });

const plainCsv = join(fixturesDir, 'responses', 'plain.csv');
const questionnaire = join(fixturesDir, 'questionnaires', 'minimal-two-column.yaml');

describe('a declared platform whose header rows are responses', () => {
  it('is found in the rows a multi-row header would take', () => {
    const rows = parseCsvText(readFileSync(plainCsv, 'utf8'));
    expect(responseInHeader(platformById('qualtrics'), rows, 3)).toMatchObject({
      row: 1,
      hint: 'leave --source out (and source.platform), or give source.headerRows',
    });
    expect(responseInHeader(platformById('surveymonkey'), rows, 2)?.message).toMatch(
      /^a SurveyMonkey export has 2 header rows, but this one is a response \(12 of its 15 cells are numbers\): it looks like a CSV with one header row$/,
    );
    // One header row takes no response.
    expect(responseInHeader(platformById('google-forms'), rows, 1)).toBeNull();
  });

  it("is not found in the platforms' real header rows", () => {
    for (const [platform, file, count] of [
      ['qualtrics', 'qualtrics/qx-side-by-side.csv', 3],
      ['qualtrics', 'qualtrics/qx-legacy.csv', 2],
      ['surveymonkey', 'surveymonkey/sm-labels.csv', 2],
    ] as const) {
      const rows = parseCsvText(readFileSync(join(fixturesDir, 'exports', file), 'utf8'));
      expect(responseInHeader(platformById(platform), rows.slice(0, count + 1), count), file).toBeNull();
    }
  });

  it('stops score with the line of the response and nothing printed', async () => {
    const flagged = await runInProcess(['score', questionnaire, plainCsv, '--source', 'qualtrics']);
    expect(flagged.code).toBe(2);
    expect(flagged.stdout).toBe('');
    expect(flagged.stderr).toMatch(/plain\.csv:2: a Qualtrics export has 2 header rows, but this one is a response/);
  });
});
