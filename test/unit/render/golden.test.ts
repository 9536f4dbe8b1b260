/**
 * Golden outputs: every report format of every result in golden-results.ts, byte for byte, in
 * committed files (test/unit/render/golden/). They were written from the renderers before the
 * report view model replaced each renderer's own column choices, and guard that it changed no
 * byte. A deliberate change of a report is reviewed as a diff of these files (`vitest -u`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderComparison } from '../../../src/render/compare.js';
import {
  COMPARE_FORMATS,
  type CompareFormat,
  TEXT_REPORT_FORMATS,
  type TextReportFormat,
} from '../../../src/render/formats.js';
import { renderJunit } from '../../../src/render/junit.js';
import { renderReport } from '../../../src/render/report.js';
import { goldenResults, type GoldenResults } from './golden-results.js';

const RESULT_CASES = [
  'bank-segments-checks',
  'bank-plain',
  'bank-no-recommendations',
  'three-column',
  'perceptions-only',
  'invalid-cells-warnings',
  'ru-two-column-segments-checks',
  'ru-three-column',
  'ru-perceptions-only-segments',
  'en-perceptions-only-segments',
] as const;

const COMPARE_CASES = ['bank-waves', 'bank-waves-tolerance', 'ru-waves'] as const;

/**
 * The golden file of each text format: a new format fails here until it has one (and its golden
 * files). The workbook (binary) is read back and compared with the JSON in xlsx.test.ts instead.
 */
const REPORT_FILES: Record<TextReportFormat, string> = {
  table: 'table.txt',
  json: 'result.json',
  markdown: 'report.md',
  html: 'report.html',
  csv: 'items.csv',
};
const COMPARE_FILES: Record<CompareFormat, string> = {
  table: 'table.txt',
  json: 'comparison.json',
  markdown: 'compare.md',
  html: 'compare.html',
};
const GENERATED_BY = 'servqual (golden)';
/** The cover's date, fixed so the goldens stay byte-identical (the shell passes today's). */
const DATE = '2026-01-15';

let golden: GoldenResults;
beforeAll(async () => {
  golden = await goldenResults();
}, 60_000);

function result(name: string) {
  const found = golden.results[name];
  if (!found) throw new Error(`no golden result ${name}`);
  return found;
}

function comparison(name: string) {
  const found = golden.comparisons[name];
  if (!found) throw new Error(`no golden comparison ${name}`);
  return found;
}

describe.each(RESULT_CASES)('the report of %s', (name) => {
  const file = (format: string) => `./golden/${name}/${format}`;
  it.each(TEXT_REPORT_FORMATS)('as %s', async (format) => {
    const text = renderReport(result(name), format, { color: false, generatedBy: GENERATED_BY, date: DATE });
    await expect(text).toMatchFileSnapshot(file(REPORT_FILES[format]));
  });
  it('as a table with colour', async () => {
    const text = renderReport(result(name), 'table', { color: true, generatedBy: GENERATED_BY, date: DATE });
    await expect(text).toMatchFileSnapshot(file('table.color.txt'));
  });
  it('as JUnit (check --junit)', async () => {
    await expect(renderJunit(result(name))).toMatchFileSnapshot(file('checks.xml'));
  });
});

describe.each(COMPARE_CASES)('the comparison %s', (name) => {
  const file = (format: string) => `./golden/compare-${name}/${format}`;
  it.each(COMPARE_FORMATS)('as %s', async (format) => {
    const { comparison: c, language } = comparison(name);
    await expect(renderComparison(c, format, { color: false, language })).toMatchFileSnapshot(
      file(COMPARE_FILES[format]),
    );
  });
  it('as a table with colour', async () => {
    const { comparison: c, language } = comparison(name);
    await expect(renderComparison(c, 'table', { color: true, language })).toMatchFileSnapshot(file('table.color.txt'));
  });
});
