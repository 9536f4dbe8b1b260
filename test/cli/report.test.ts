import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parse as parseHtml } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';

const example = join(repoRoot, 'examples', 'bank-branch');
const score = [join(example, 'questionnaire.yaml'), join(example, 'responses.csv'), '--group-by', 'branch'];
const tempDir = useTempDir();

describe('report formats', () => {
  it('renders a saved JSON result in every format exactly as score does', async () => {
    const saved = join(tempDir(), 'result.json');
    expect((await runChecked(['score', ...score, '--format', 'json', '--output', saved], tempDir())).code).toBe(0);
    for (const format of ['table', 'markdown', 'html', 'csv', 'json']) {
      const direct = await runChecked(['score', ...score, '--format', format], tempDir());
      const rendered = await runChecked(['report', saved, '--format', format], tempDir());
      expect(rendered.code, rendered.stderr).toBe(0);
      expect(rendered.stdout, format).toBe(direct.stdout);
    }
  });

  it('writes each format to --output, atomically and readable back', async () => {
    const dir = tempDir();
    for (const [format, file] of [
      ['markdown', 'r.md'],
      ['html', 'r.html'],
      ['csv', 'r.csv'],
    ] as const) {
      const run = await runChecked(['score', ...score, '--format', format, '--output', join(dir, file)], dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
    }
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toMatch(/^## Retail bank branch service audit\n/);
    const html = parseHtml(readFileSync(join(dir, 'r.html'), 'utf8'));
    expect(html.querySelectorAll('svg[data-chart]').length).toBeGreaterThanOrEqual(6);
    const rows = parse(readFileSync(join(dir, 'r.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(22 * 6);
  });

  it('renders a result saved before items carried statements, each item by its id alone', async () => {
    // A three-column result as servqual wrote it before items[].statement (a golden file of that version).
    const saved = join(repoRoot, 'test', 'fixtures', 'results', 'before-statements.json');
    for (const format of ['table', 'markdown', 'html', 'csv', 'json']) {
      const run = await runChecked(['report', saved, '--format', format], tempDir());
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout, format).toContain('RS1');
    }
    const json = await runChecked(['report', saved, '--format', 'json'], tempDir());
    expect(json.stdout).not.toContain('"statement');
    const table = await runChecked(['report', saved], tempDir());
    expect(table.stdout).toMatch(/│ T1 +│ – +│/);
    const csv = parse((await runChecked(['report', saved, '--format', 'csv'], tempDir())).stdout, {
      columns: true,
    }) as Record<string, string>[];
    expect(csv.map((row) => row.statement)).toEqual(['', '', '', '', '']);
  });

  it('refuses a result of an unknown schemaVersion, broken JSON, and a missing file, with exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'v2.json'), JSON.stringify({ schemaVersion: 2 }));
    writeFileSync(join(dir, 'broken.json'), '{\n  "schemaVersion": 1,\n  "overall": }\n');
    writeFileSync(join(dir, 'partial.json'), JSON.stringify({ schemaVersion: 1, items: [] }));
    const v2 = await runChecked(['report', 'v2.json'], dir);
    expect(v2.code).toBe(2);
    expect(v2.stderr).toMatch(
      /^v2\.json:1:18: not a servqual result this version reads: schemaVersion 2, expected schemaVersion 1\n {2}hint: rescore/,
    );
    const broken = await runChecked(['report', 'broken.json'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^broken\.json:3:14: not valid JSON: value expected\n/);
    const partial = await runChecked(['report', 'partial.json'], dir);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain('partial.json:1:1: $: missing key "questionnaire"');
    const missing = await runChecked(['report', 'nope.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('nope.json: no such file\n');
  });

  it('refuses to write a report over its own input', async () => {
    const dir = tempDir();
    const saved = join(dir, 'result.json');
    expect((await runChecked(['score', ...score, '--format', 'json', '--output', saved], dir)).code).toBe(0);
    const before = readFileSync(saved, 'utf8');
    const run = await runChecked(['report', saved, '--format', 'markdown', '--output', saved], dir);
    expect(run.code).toBe(2);
    expect(readFileSync(saved, 'utf8')).toBe(before);
  });
});
