/**
 * Golden outputs: every report format of every result in golden-results.ts, byte for byte, in
 * committed files (test/unit/render/golden/). They were written from the renderers before the
 * report view model replaced each renderer's own column choices, and guard that it changed no
 * byte. A deliberate change of a report is reviewed as a diff of these files (`vitest -u`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCompareMarkdown } from '../../../src/render/compare-markdown.js';
import { renderCompareTable } from '../../../src/render/compare-table.js';
import { renderCsv } from '../../../src/render/csv.js';
import { renderHtml } from '../../../src/render/html.js';
import { renderJson } from '../../../src/render/json.js';
import { renderJunit } from '../../../src/render/junit.js';
import { renderMarkdown } from '../../../src/render/markdown.js';
import { renderTable } from '../../../src/render/table.js';
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
  it('as a table, without and with colour', async () => {
    await expect(renderTable(result(name), { color: false })).toMatchFileSnapshot(file('table.txt'));
    await expect(renderTable(result(name), { color: true })).toMatchFileSnapshot(file('table.color.txt'));
  });
  it('as Markdown', async () => {
    await expect(renderMarkdown(result(name))).toMatchFileSnapshot(file('report.md'));
  });
  it('as HTML', async () => {
    await expect(renderHtml(result(name), { generatedBy: 'servqual (golden)' })).toMatchFileSnapshot(
      file('report.html'),
    );
  });
  it('as CSV, JUnit and JSON', async () => {
    await expect(renderCsv(result(name))).toMatchFileSnapshot(file('items.csv'));
    await expect(renderJunit(result(name))).toMatchFileSnapshot(file('checks.xml'));
    await expect(renderJson(result(name))).toMatchFileSnapshot(file('result.json'));
  });
});

describe.each(COMPARE_CASES)('the comparison %s', (name) => {
  const file = (format: string) => `./golden/compare-${name}/${format}`;
  it('as a table, without and with colour, Markdown and JSON', async () => {
    const { comparison: c, language } = comparison(name);
    await expect(renderCompareTable(c, { color: false, language })).toMatchFileSnapshot(file('table.txt'));
    await expect(renderCompareTable(c, { color: true, language })).toMatchFileSnapshot(file('table.color.txt'));
    await expect(renderCompareMarkdown(c, { language })).toMatchFileSnapshot(file('compare.md'));
    await expect(`${JSON.stringify(c, null, 2)}\n`).toMatchFileSnapshot(file('comparison.json'));
  });
});
