/**
 * `servqual sql` and `merge` of its exports, in process, on the bank-branch example (400 rows): the
 * golden queries of the engines not run here (BigQuery, Spark SQL, Snowflake), names from the
 * questionnaire and the command line quoted so that none is SQL (run in DuckDB), and exports that
 * are not the query's result refused with their line and column. The 100,000-row runs on DuckDB
 * and PostgreSQL are test/integration/sql-engines.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { fixturesDir, repoRoot, useTempDir } from '../helpers/run-cli.js';
import { differences } from '../helpers/json-differences.js';
import { runChecked } from '../helpers/run-in-process.js';
import { comparable, duckdbExport } from '../helpers/sql-engines.js';

const example = join(repoRoot, 'examples', 'bank-branch');
const questionnaire = join(example, 'questionnaire.yaml');
const responses = join(example, 'responses.csv');
const tempDir = useTempDir();

describe('servqual sql: the queries of the engines not run here', () => {
  // Golden files: regenerate with `node bin/servqual.js sql examples/bank-branch/questionnaire.yaml --dialect D --table cx.responses --group-by branch`.
  for (const dialect of ['bigquery', 'spark', 'snowflake']) {
    it(`${dialect}: the query is the reviewed golden file`, async () => {
      const run = await runChecked(
        ['sql', questionnaire, '--dialect', dialect, '--table', 'cx.responses', '--group-by', 'branch'],
        tempDir(),
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(readFileSync(join(fixturesDir, 'sql', `bank-branch.${dialect}.sql`), 'utf8'));
    });
  }
});

describe('servqual sql: names are quoted, never SQL', () => {
  it('a --group-by column named like an injection is one column in DuckDB; the export merges into score', async () => {
    const dir = tempDir();
    const hostile = `branch"; DROP TABLE responses; --`;
    const [header, ...rows] = parse(readFileSync(responses, 'utf8')) as string[][];
    const csv = join(dir, 'responses.csv');
    writeFileSync(csv, stringify([(header as string[]).map((h) => (h === 'branch' ? hostile : h)), ...rows]));
    const query = await runChecked(
      ['sql', questionnaire, '--dialect', 'duckdb', '--table', 'responses', '--group-by', hostile],
      dir,
    );
    expect(query.code, query.stderr).toBe(0);
    const out = join(dir, 'sums.csv');
    await duckdbExport(csv, query.stdout, out, 'csv');
    const merged = await runChecked(['merge', questionnaire, out, '--format', 'json'], dir);
    expect(merged.code, merged.stderr).toBe(0);
    const scored = await runChecked(['score', questionnaire, csv, '--group-by', hostile, '--format', 'json'], dir);
    expect(differences(comparable(merged.stdout), comparable(scored.stdout))).toEqual([]);
  }, 30_000);

  it('quotes a name with the quote character of its dialect doubled or escaped', async () => {
    const dir = tempDir();
    const name = 'a`b"c\'d\\e';
    const text = async (dialect: string) =>
      (await runChecked(['sql', questionnaire, '--dialect', dialect, '--table', 'r', '--group-by', name], dir)).stdout;
    expect(await text('postgres')).toContain('"a`b""c\'d\\e"');
    expect(await text('spark')).toContain('`a``b"c\'d\\e`');
    expect(await text('bigquery')).toContain('`a\\`b"c\'d\\\\e`');
  });

  it('refuses crossed --group-by columns and a missing --dialect (exit 2, one line each)', async () => {
    const dir = tempDir();
    const crossed = await runChecked(
      ['sql', questionnaire, '--dialect', 'duckdb', '--table', 'r', '--group-by', 'branch,channel'],
      dir,
    );
    expect(crossed.code).toBe(2);
    expect(crossed.stderr).toMatch(/--group-by branch,channel: sql sums one column at a time/);
    const none = await runChecked(['sql', questionnaire, '--table', 'r'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--dialect/);
  });
});

describe('servqual merge: exports that are not the query result', () => {
  async function export400(dir: string): Promise<string> {
    const query = await runChecked(['sql', questionnaire, '--dialect', 'duckdb', '--table', 'responses'], dir);
    const out = join(dir, 'sums.csv');
    await duckdbExport(responses, query.stdout, out, 'csv');
    return out;
  }

  it('a JSON array of rows with every value as text (as BigQuery writes INT64) merges as the CSV does', async () => {
    const dir = tempDir();
    const out = await export400(dir);
    const [header, ...rows] = parse(readFileSync(out, 'utf8')) as string[][];
    const objects = rows.map((row) =>
      Object.fromEntries((header as string[]).map((name, i) => [name, row[i] === '' ? null : row[i]])),
    );
    const json = join(dir, 'sums.json');
    writeFileSync(json, JSON.stringify(objects, null, 2));
    const fromCsv = await runChecked(['merge', questionnaire, out, '--format', 'json'], dir);
    const fromJson = await runChecked(['merge', questionnaire, json, '--format', 'json'], dir);
    expect(fromJson.code, fromJson.stderr).toBe(0);
    expect(differences(comparable(fromJson.stdout), comparable(fromCsv.stdout))).toEqual([]);
  }, 30_000);

  it('a sum that is not a number: invalid-sql-export naming the file, line and column', async () => {
    const dir = tempDir();
    const out = await export400(dir);
    const [header, row] = parse(readFileSync(out, 'utf8')) as string[][];
    const at = (header as string[]).indexOf('s__item__n__3');
    (row as string[])[at] = 'many';
    writeFileSync(out, stringify([header as string[], row as string[]]));
    const run = await runChecked(['merge', questionnaire, out], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/sums\.csv:2:s__item__n__3: expected a number, found "many"/);
  }, 30_000);

  it('a column missing, and a count above the respondents, are refused', async () => {
    const dir = tempDir();
    const out = await export400(dir);
    const [header, row] = parse(readFileSync(out, 'utf8')) as string[][];
    const cut = join(dir, 'cut.csv');
    writeFileSync(cut, stringify([(header as string[]).slice(0, -1), (row as string[]).slice(0, -1)]));
    const missing = await runChecked(['merge', questionnaire, cut], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /cut\.csv:2: not the result of this questionnaire's `servqual sql` query: missing column skippedCells/,
    );
    (row as string[])[(header as string[]).indexOf('s__item__n__0')] = '100000';
    writeFileSync(out, stringify([header as string[], row as string[]]));
    const over = await runChecked(['merge', questionnaire, out], dir);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(
      /sums\.csv:2:s__item__n__0: overall\.item\.n\[0\]: 100000 is more than the 400 respondents/,
    );
  }, 30_000);

  it("another questionnaire's export: questionnaire-mismatch", async () => {
    const dir = tempDir();
    const out = await export400(dir);
    const text = readFileSync(out, 'utf8').replace(/fnv1a64:[0-9a-f]{16}/, 'fnv1a64:0000000000000000');
    writeFileSync(out, text);
    const run = await runChecked(['merge', questionnaire, out], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/sums\.csv:2:questionnaire: computed by the query of a different questionnaire/);
  }, 30_000);
});
