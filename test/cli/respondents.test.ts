import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/io/read-questionnaire.js';
import { derive, type RawRow } from '../helpers/independent-scoring.js';
import { makeTempDir, removeTempDir, repoRoot } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const bank = join(repoRoot, 'examples', 'bank-branch');
const questionnaire = join(bank, 'questionnaire.yaml');
const responses = join(bank, 'responses.csv');

let dir = '';
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => removeTempDir(dir));

const rowsOf = (file: string): Record<string, string>[] => parse(readFileSync(file, 'utf8'), { columns: true });
const close = (a: string, b: number | null) => (b === null ? expect(a).toBe('') : expect(Number(a)).toBeCloseTo(b, 10));

describe('score --respondents', () => {
  it('writes one row per respondent, equal to an independent per-respondent computation', async () => {
    const out = join(dir, 'respondents.csv');
    const json = join(dir, 'result.json');
    const run = await runInProcess([
      'score',
      questionnaire,
      responses,
      '--group-by',
      'branch',
      '--format',
      'json',
      '--output',
      json,
      '--respondents',
      out,
    ]);
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const q = await loadQuestionnaire(questionnaire);
    const input: RawRow[] = parse(readFileSync(responses, 'utf8'), { columns: true });
    const rows = rowsOf(out);
    expect(rows.length).toBe(input.length);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'respondent',
      'source',
      'line',
      'segment:branch',
      ...q.dimensions.map((d) => `dimension:${d.id}`),
      'overall_unweighted',
      'overall_weighted',
      'weights',
      'straight_liner',
      'duplicate_id',
      'invalid_allocation',
      'excluded',
    ]);
    input.forEach((raw, i) => {
      const row = rows[i] as Record<string, string>;
      const expected = derive(q, raw);
      expect(row.respondent).toBe(raw.respondent);
      expect(row['segment:branch']).toBe(raw.branch);
      for (const [k, d] of q.dimensions.entries()) {
        close(row[`dimension:${d.id}`] as string, expected.dimensionGap[k] ?? null);
      }
      close(row.overall_unweighted as string, expected.unweighted);
      close(row.overall_weighted as string, expected.weighted);
      expect(row.invalid_allocation).toBe(expected.weightSource === 'invalid' ? 'true' : 'false');
    });
    // The column's mean is the report's overall mean.
    const result = JSON.parse(readFileSync(json, 'utf8'));
    for (const key of ['unweighted', 'weighted'] as const) {
      const values = rows
        .map((r) => r[`overall_${key}`] as string)
        .filter((v) => v !== '')
        .map(Number);
      expect(values.length).toBe(result.overall[key].n);
      expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(result.overall[key].mean, 10);
    }
  });

  it('hostile ids are made safe, duplicates flagged, and a missing id column gives row numbers', async () => {
    const lines = readFileSync(responses, 'utf8').split('\n');
    const hostile = ['=HYPERLINK("x")', '\u001b[31mred', '::error::owned', '@SUM(1)', '=HYPERLINK("x")'];
    hostile.forEach((id, i) => {
      const cells = (lines[i + 1] as string).split(',');
      cells[0] = `"${id.replaceAll('"', '""')}"`;
      lines[i + 1] = cells.join(',');
    });
    const file = join(dir, 'hostile.csv');
    writeFileSync(file, lines.slice(0, 8).join('\n'));
    const out = join(dir, 'hostile-respondents.csv');
    const run = await runInProcess(['score', questionnaire, file, '--respondents', out, '--format', 'json']);
    expect(run.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('\u001b');
    expect(text.split('\n').some((line) => line.startsWith('::'))).toBe(false);
    const rows = rowsOf(out);
    expect(rows.map((r) => r.respondent?.[0])).toEqual(["'", '\\', '\\', "'", "'", 'R', 'R']);
    expect(rows.map((r) => r.duplicate_id)).toEqual(['false', 'false', 'false', 'false', 'true', 'false', 'false']);

    // Without the id column: the row's line, as --exclude takes it.
    const noId = join(dir, 'no-id.csv');
    writeFileSync(
      noId,
      lines
        .slice(0, 4)
        .map((line) => line.replace(/^("[^"]*"|[^,]*),/, ''))
        .join('\n'),
    );
    const out2 = join(dir, 'no-id-respondents.csv');
    const second = await runInProcess(['score', questionnaire, noId, '--respondents', out2, '--format', 'json']);
    expect(second.code).toBe(0);
    expect(rowsOf(out2).map((r) => r.respondent)).toEqual(['2', '3', '4']);
  });

  it('a failed run leaves no file behind', async () => {
    const bad = join(dir, 'bad.csv');
    const lines = readFileSync(responses, 'utf8').split('\n').slice(0, 5);
    lines[2] = (lines[2] as string).replace(/,7,/, ',nine,');
    writeFileSync(bad, lines.join('\n'));
    const sub = makeTempDir();
    const out = join(sub, 'respondents.csv');
    const run = await runInProcess(['score', questionnaire, bad, '--respondents', out]);
    expect(run.code).toBe(2);
    expect(readdirSync(sub)).toEqual([]);
    removeTempDir(sub);
  });
});
