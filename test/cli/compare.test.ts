import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { copyFixture, repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';

const example = join(repoRoot, 'examples', 'bank-branch');
const questionnaire = join(example, 'questionnaire.yaml');
const tempDir = useTempDir();

interface Row {
  target: string;
  status: string;
  change: number | null;
  p: number | null;
  significant: boolean;
  regression: boolean;
}

/** Saves the example's result as baseline.json and, with every reliability perception one point lower, current.json. */
async function saveWaves(dir: string): Promise<void> {
  expect(
    (
      await runChecked(
        ['score', questionnaire, join(example, 'responses.csv'), '--format', 'json', '--output', 'baseline.json'],
        dir,
      )
    ).code,
  ).toBe(0);
  const rows = parse(readFileSync(join(example, 'responses.csv'), 'utf8'), { columns: true }) as Record<
    string,
    string
  >[];
  for (const row of rows) {
    for (const column of Object.keys(row)) {
      if (/^R\d_P$/.test(column) && row[column] !== '') row[column] = String(Math.max(1, Number(row[column]) - 1));
    }
  }
  writeFileSync(join(dir, 'current.csv'), stringify(rows, { header: true }));
  expect(
    (await runChecked(['score', questionnaire, 'current.csv', '--format', 'json', '--output', 'current.json'], dir))
      .code,
  ).toBe(0);
}

describe('servqual compare', () => {
  it('flags the lowered dimension and fails with --fail-on-regression', async () => {
    const dir = tempDir();
    await saveWaves(dir);
    const table = await runChecked(['compare', 'baseline.json', 'current.json'], dir);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^Comparison: Retail bank branch service audit\n/);
    expect(table.stdout).toMatch(/│ Reliability +│.*│ \* regression │/);
    for (const line of table.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

    const gated = await runChecked(['compare', 'baseline.json', 'current.json', '--fail-on-regression'], dir);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toBe(table.stdout);

    const json = await runChecked(
      ['compare', 'baseline.json', 'current.json', '--format', 'json', '--fail-on-regression'],
      dir,
    );
    expect(json.code).toBe(1);
    const comparison = JSON.parse(json.stdout) as {
      alpha: number;
      tolerance: number | null;
      rows: Row[];
      regressions: string[];
    };
    expect(comparison.alpha).toBe(0.05);
    expect(comparison.tolerance).toBeNull();
    const reliability = comparison.rows.find((r) => r.target === 'dimension:reliability') as Row;
    expect(reliability).toMatchObject({ status: 'both', significant: true, regression: true });
    expect(reliability.change as number).toBeLessThan(-0.5);
    expect(comparison.regressions).toContain('dimension:reliability');
    expect(
      comparison.rows
        .filter((r) => r.target.startsWith('item:R') && !r.target.startsWith('item:RS'))
        .every((r) => r.significant),
    ).toBe(true);
    expect(json.stderr).toBe(`regression: ${comparison.regressions.join(', ')}\n`);
    // Byte-identical on a second run.
    expect((await runChecked(['compare', 'baseline.json', 'current.json', '--format', 'json'], dir)).stdout).toBe(
      json.stdout,
    );
  });

  it('shows each item statement beside its code, and just the code for results saved without them (issue 15)', async () => {
    const dir = tempDir();
    await saveWaves(dir);
    // R1's perception statement in the bank example's questionnaire.
    const R1 = 'This bank delivers cards, loan decisions and documents by the date it promised.';
    const md = await runChecked(['compare', 'baseline.json', 'current.json', '--format', 'markdown'], dir);
    expect(md.stdout).toMatch(new RegExp(`^\\| R1 ${R1.replace(/\./g, '\\.')} \\| `, 'm'));
    const table = await runChecked(['compare', 'baseline.json', 'current.json'], dir);
    // Cut to the name column's width at 80 columns; the code first.
    expect(table.stdout).toMatch(/│ R1 This bank delivers.*… +│/);
    for (const line of table.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const json = JSON.parse(
      (await runChecked(['compare', 'baseline.json', 'current.json', '--format', 'json'], dir)).stdout,
    ) as { rows: { target: string; statement?: string }[] };
    expect(json.rows.find((r) => r.target === 'item:R1')?.statement).toBe(R1);
    expect(json.rows.find((r) => r.target === 'dimension:reliability')?.statement).toBeUndefined();

    // Results saved before statements were written: the reader accepts them and the rows name the code alone.
    for (const file of ['baseline.json', 'current.json']) {
      const saved = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { items: Record<string, unknown>[] };
      for (const item of saved.items) {
        delete item.statement;
        delete item.statements;
      }
      writeFileSync(join(dir, `old-${file}`), JSON.stringify(saved));
    }
    const old = await runChecked(['compare', 'old-baseline.json', 'old-current.json', '--format', 'markdown'], dir);
    expect(old.code, old.stderr).toBe(0);
    expect(old.stdout).toMatch(/^\| R1 \| /m);
    expect(old.stdout).not.toContain(R1);
  });

  it('passes the gate when nothing changed, and writes Markdown to --output', async () => {
    const dir = tempDir();
    await saveWaves(dir);
    const same = await runChecked(
      ['compare', 'baseline.json', 'baseline.json', '--fail-on-regression', '--tolerance', '0'],
      dir,
    );
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No regressions.');
    const md = await runChecked(
      ['compare', 'baseline.json', 'current.json', '--format', 'markdown', '--output', 'compare.md'],
      dir,
    );
    expect(md.code).toBe(0);
    expect(md.stdout).toBe('');
    expect(md.stderr).toBe('wrote compare.md\n');
    const text = readFileSync(join(dir, 'compare.md'), 'utf8');
    expect(text).toMatch(/^## Comparison: Retail bank branch service audit\n/);
    expect(text).toMatch(/\| Reliability \| .* \| \*\*regression\*\* \|/);
  });

  it('refuses results of different questionnaires and bad flags with exit 2', async () => {
    const dir = tempDir();
    await saveWaves(dir);
    copyFixture('questionnaires/minimal-two-column.yaml', dir);
    copyFixture('responses/plain.csv', dir);
    expect(
      (
        await runChecked(
          ['score', 'minimal-two-column.yaml', 'plain.csv', '--format', 'json', '--output', 'other.json'],
          dir,
        )
      ).code,
    ).toBe(0);
    const other = await runChecked(['compare', 'baseline.json', 'other.json'], dir);
    expect(other.code).toBe(2);
    expect(other.stdout).toBe('');
    expect(other.stderr).toBe(
      'other.json: not comparable with baseline.json: the questionnaire title differs: baseline "Retail bank branch service audit", current "Minimal two-column audit"\n' +
        '  hint: compare two results scored with the same questionnaire\n',
    );
    const alpha = await runChecked(['compare', 'baseline.json', 'current.json', '--alpha', '5'], dir);
    expect(alpha.code).toBe(2);
    expect(alpha.stderr).toContain('--alpha must be a number between 0 and 1 (exclusive), got "5"');
    const missing = await runChecked(['compare', 'nope.json', 'current.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('nope.json: no such file\n');
  });

  it('has --help with an example', async () => {
    const help = await runChecked(['compare', '--help'], tempDir());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('$ servqual compare');
  });
});
