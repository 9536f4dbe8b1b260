import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';

const example = join(repoRoot, 'examples', 'bank-branch');
const Q = join(example, 'questionnaire.yaml');
const R = join(example, 'responses.csv');
const tempDir = useTempDir();

interface Check {
  target: string;
  threshold: number;
  value: number | null;
  passed: boolean;
  p?: number | null;
}

/** baseline.json: the example scored; current.csv: every reliability perception one point lower. */
async function prepare(dir: string): Promise<void> {
  const saved = await runChecked(['score', Q, R, '--format', 'json', '--output', 'baseline.json'], dir);
  expect(saved.code, saved.stderr).toBe(0);
  const rows = parse(readFileSync(R, 'utf8'), { columns: true }) as Record<string, string>[];
  for (const row of rows) {
    for (const column of Object.keys(row)) {
      if (/^R\d_P$/.test(column) && row[column] !== '') row[column] = String(Math.max(1, Number(row[column]) - 1));
    }
  }
  writeFileSync(join(dir, 'current.csv'), stringify(rows, { header: true }));
}

// The questionnaire's own thresholds are relaxed by flags, so only the regression checks decide.
const relaxed = ['--min-overall', '-9', '--min-dimension', 'reliability=-9', '--min-item', 'R1=-9'];

describe('servqual check --baseline', () => {
  it('fails on the dimension that dropped, in JSON, the terminal, Markdown and JUnit', async () => {
    const dir = tempDir();
    await prepare(dir);
    const json = await runChecked(
      ['check', Q, 'current.csv', ...relaxed, '--baseline', 'baseline.json', '--tolerance', '0.2', '--format', 'json'],
      dir,
    );
    expect(json.code).toBe(1);
    const checks = (JSON.parse(json.stdout) as { checks: Check[] }).checks;
    const regression = checks.filter((c) => c.target.startsWith('regression:'));
    expect(regression.map((c) => c.target)).toEqual([
      'regression:overall:weighted',
      'regression:overall:unweighted',
      'regression:dimension:tangibles',
      'regression:dimension:reliability',
      'regression:dimension:responsiveness',
      'regression:dimension:assurance',
      'regression:dimension:empathy',
    ]);
    const reliability = regression.find((c) => c.target === 'regression:dimension:reliability') as Check;
    expect(reliability).toMatchObject({ threshold: -0.2, passed: false });
    expect(reliability.value as number).toBeLessThan(-0.5);
    expect(reliability.p as number).toBeLessThan(0.001);
    expect(regression.find((c) => c.target === 'regression:dimension:tangibles')).toMatchObject({
      value: 0,
      passed: true,
    });

    const table = await runChecked(
      ['check', Q, 'current.csv', ...relaxed, '--baseline', 'baseline.json', '--tolerance', '0.2', '--junit', 'j.xml'],
      dir,
    );
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(
      /FAIL regression:dimension:reliability \(Reliability\) changed by -0\.\d{3} \(p < 0\.001\): a significant drop beyond the tolerance 0\.2\n/,
    );
    expect(readFileSync(join(dir, 'j.xml'), 'utf8')).toContain('name="regression:dimension:reliability &gt;= -0.2"');

    const markdown = await runChecked(
      ['check', Q, 'current.csv', ...relaxed, '--baseline', 'baseline.json', '--format', 'markdown'],
      dir,
    );
    expect(markdown.stdout).toContain('regression:dimension:reliability');

    // Against itself nothing regressed.
    const same = await runChecked(['check', Q, R, ...relaxed, '--baseline', 'baseline.json'], dir);
    expect(same.code, same.stderr).toBe(0);
  });

  it('refuses a baseline of another questionnaire (other items), exit 2, and --alpha without --baseline', async () => {
    const dir = tempDir();
    await prepare(dir);
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as {
      items: { id: string }[];
      recommendations: { item: string }[];
    };
    baseline.items = baseline.items.filter((i) => i.id !== 'E5');
    baseline.recommendations = baseline.recommendations.filter((r) => r.item !== 'E5');
    writeFileSync(join(dir, 'other.json'), JSON.stringify(baseline));
    const run = await runChecked(['check', Q, R, '--baseline', 'other.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'other.json: not a baseline of this questionnaire: the items differ: the baseline lacks E5',
    );
    const alpha = await runChecked(['check', Q, R, '--alpha', '0.1'], dir);
    expect(alpha.code).toBe(2);
    expect(alpha.stderr).toContain('--alpha needs --baseline RESULT.json');
  });
});
