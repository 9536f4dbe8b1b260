/**
 * Segments tested against the rest of the respondents (issue 15). Expected values come from scipy,
 * not from servqual: `python3 test/fixtures/segment-test/expected.py > test/fixtures/segment-test/expected.json`
 * (scipy.stats.ttest_ind(segment, rest, equal_var=False) on the raw rows, Holm by hand as R's
 * p.adjust(p, "holm"), one family per measure over all segments of both --group-by columns).
 * The fixture has respondents missing a dimension (so each dimension has its own n and their
 * overall is unscored) and a one-respondent segment (untested: null, not NaN).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SegmentResult, VersusRest } from '../../../src/core/scoring/result.js';
import { checkResult } from '../../../src/core/scoring/result-schema.js';
import { fixturesDir, useTempDir } from '../../helpers/run-cli.js';
import { runChecked } from '../../helpers/run-in-process.js';

const dir = join(fixturesDir, 'segment-test');
const questionnaire = join(dir, 'questionnaire.yaml');
const responses = join(dir, 'responses.csv');
const tempDir = useTempDir();

type Expected = Omit<VersusRest, 'pHolm'> & { pHolm: number };
interface ExpectedSegment {
  column: string;
  value: string;
  overall: Expected | null;
  dimensions: (Expected | null)[];
}
const expectedByFormat = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<
  'two-column' | 'perceptions-only',
  ExpectedSegment[]
>;
const groupBy = ['--group-by', 'branch', '--group-by', 'channel'];

function expectClose(actual: VersusRest, wanted: Expected | null, where: string): void {
  if (wanted === null) {
    expect(actual.t, where).toBeNull();
    expect(actual.df, where).toBeNull();
    expect(actual.p, where).toBeNull();
    expect(actual.pHolm, where).toBeNull();
    return;
  }
  for (const key of ['difference', 't', 'df', 'p', 'pHolm'] as const) {
    expect(Math.abs((actual[key] as number) - (wanted[key] as number)), `${where} ${key}`).toBeLessThan(1e-10);
  }
}

function checkAgainstScipy(segments: SegmentResult[], expected = expectedByFormat['two-column']): void {
  expect(segments.map((s) => [s.column, s.value])).toEqual(expected.map((s) => [s.column, s.value]));
  segments.forEach((segment, i) => {
    const wanted = expected[i] as ExpectedSegment;
    const where = `${segment.column}=${segment.value}`;
    const test = segment.test;
    if (test === undefined) throw new Error(`${where} has no test`);
    expectClose(test.overall, wanted.overall, `${where} overall`);
    expect(test.dimensions.map((d) => d.id)).toEqual(segment.dimensions.map((d) => d.id));
    test.dimensions.forEach((d, k) => {
      expectClose(d, wanted.dimensions[k] ?? null, `${where} ${d.id}`);
    });
  });
}

async function scoreJson(args: string[]): Promise<{ segments: SegmentResult[] }> {
  const run = await runChecked(args, dir);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { segments: SegmentResult[] };
}

describe('segments tested against the rest', () => {
  it('gives scipy’s Welch t, df, p and Holm-adjusted p for the overall and each dimension (to 1e-10)', async () => {
    const result = await scoreJson(['score', questionnaire, responses, ...groupBy, '--format', 'json']);
    checkAgainstScipy(result.segments);
    // The fixture is built so that some differences are significant after Holm, and some not.
    const pHolm = result.segments.flatMap((s) => s.test?.dimensions.map((d) => d.pHolm) ?? []);
    expect(pHolm.some((p) => p !== null && p < 0.05)).toBe(true);
    expect(pHolm.some((p) => p !== null && p > 0.05)).toBe(true);
  });

  it('tests the perception means the same way for a perceptions-only questionnaire', async () => {
    const perceptions = join(dir, 'questionnaire-perceptions.yaml');
    const result = await scoreJson(['score', perceptions, responses, ...groupBy, '--format', 'json']);
    checkAgainstScipy(result.segments, expectedByFormat['perceptions-only']);
  });

  it('gives the same tests from partials scored per shard and merged as in one pass', async () => {
    const work = tempDir();
    const [header, ...rows] = readFileSync(responses, 'utf8').trimEnd().split('\n');
    const partials: string[] = [];
    for (const [k, [from, to]] of [
      [0, 17],
      [17, 18],
      [18, rows.length],
    ].entries()) {
      const csv = join(work, `shard-${k}.csv`);
      writeFileSync(csv, `${[header, ...rows.slice(from, to)].join('\n')}\n`);
      const json = join(work, `shard-${k}.json`);
      const run = await runChecked(['score', questionnaire, csv, ...groupBy, '--partial', '--output', json], work);
      expect(run.code, run.stderr).toBe(0);
      partials.push(json);
    }
    const merged = await scoreJson(['merge', questionnaire, ...partials, '--format', 'json']);
    checkAgainstScipy(merged.segments);
  });

  it('marks the differences scipy finds significant (Holm p < .05) in the Markdown table and the workbook', async () => {
    const md = (await runChecked(['score', questionnaire, responses, ...groupBy, '--format', 'markdown'], dir)).stdout;
    const work = tempDir();
    const file = join(work, 'r.xlsx');
    expect(
      (await runChecked(['score', questionnaire, responses, ...groupBy, '--format', 'xlsx', '--output', file], work))
        .code,
    ).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Segments');
    const header = sheet?.getRow(1).values as unknown[];
    const column = header.indexOf('Versus the rest');
    expect(column).toBeGreaterThan(0);
    const labels = ['Overall', 'Tangibles', 'Reliability', 'Responsiveness', 'Assurance', 'Empathy'];
    const mark = (e: Expected | null) =>
      e !== null && e.pHolm < 0.05 ? ((e.difference as number) < 0 ? '▼' : '▲') : null;
    expectedByFormat['two-column'].forEach((segment, i) => {
      const marks = [segment.overall, ...segment.dimensions].map(mark);
      const words = marks.flatMap((m, k) => (m ? [`${m} ${labels[k]}`] : []));
      expect(sheet?.getRow(i + 2).getCell(column).value ?? '', segment.value).toBe(words.join('; '));
      const line = md.split('\n').find((l) => l.startsWith(`| ${segment.column}=${segment.value} |`)) ?? '';
      const cells = line
        .split('|')
        .slice(3, -1)
        .map((c) => c.trim());
      expect(
        cells.map((c) => (c.endsWith('▲') ? '▲' : c.endsWith('▼') ? '▼' : null)),
        segment.value,
      ).toEqual(marks);
    });
    expect(md).toContain('▼ significantly below the other respondents (Welch, Holm-adjusted p < .05');
  });

  it('reads a saved result written before segments carried a test', async () => {
    const result = await scoreJson(['score', questionnaire, responses, ...groupBy, '--format', 'json']);
    const older = { ...result, segments: result.segments.map(({ test: _, ...rest }) => rest) };
    expect(checkResult(older).problems).toEqual([]);
    expect(checkResult(result).problems).toEqual([]);
    const read = checkResult(result).result;
    expect(read?.segments[0]?.test?.dimensions[0]?.id).toBe('tangibles');
  });
});
