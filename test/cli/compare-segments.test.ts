import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';

const example = join(repoRoot, 'examples', 'bank-branch');
const questionnaire = join(example, 'questionnaire.yaml');
const tempDir = useTempDir();

interface Segment {
  column: string;
  value: string;
  status: string;
  rows: { target: string; pHolm: number | null; significant: boolean; regression: boolean }[];
}

/**
 * baseline.json: the example scored by branch; current.json: North's reliability perceptions two
 * points lower and West's respondents gone; by-channel.json: the baseline's answers by channel.
 */
async function saveWaves(dir: string): Promise<void> {
  const score = async (file: string, groupBy: string, output: string) => {
    const run = await runChecked(
      ['score', questionnaire, file, '--group-by', groupBy, '--format', 'json', '--output', output],
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
  };
  await score(join(example, 'responses.csv'), 'branch', 'baseline.json');
  await score(join(example, 'responses.csv'), 'channel', 'by-channel.json');
  const rows = parse(readFileSync(join(example, 'responses.csv'), 'utf8'), { columns: true }) as Record<
    string,
    string
  >[];
  const kept = rows.filter((row) => row.branch !== 'West');
  for (const row of kept) {
    if (row.branch !== 'North') continue;
    for (const column of Object.keys(row)) {
      if (/^R\d_P$/.test(column) && row[column] !== '') row[column] = String(Math.max(1, Number(row[column]) - 2));
    }
  }
  writeFileSync(join(dir, 'current.csv'), stringify(kept, { header: true }));
  await score('current.csv', 'branch', 'current.json');
}

describe('servqual compare by segment', () => {
  it('finds the branch that dropped, lists the one gone, and gates on it with --fail-on-segment-regression', async () => {
    const dir = tempDir();
    await saveWaves(dir);
    const table = await runChecked(['compare', 'baseline.json', 'current.json'], dir);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('branch = North (scored: 79 → 79)');
    expect(table.stdout).toContain('branch = West: baseline only');
    expect(table.stdout).toMatch(/! branch=North dimension:reliability\n/);
    for (const line of table.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

    const gated = await runChecked(
      ['compare', 'baseline.json', 'current.json', '--fail-on-segment-regression', '--format', 'json'],
      dir,
    );
    expect(gated.code).toBe(1);
    const comparison = JSON.parse(gated.stdout) as { segments: Segment[]; segmentRegressions: string[] };
    expect(comparison.segments.map((s) => [s.value, s.status])).toEqual([
      ['Central', 'both'],
      ['East', 'both'],
      ['North', 'both'],
      ['South', 'both'],
      ['West', 'only-in-baseline'],
    ]);
    expect(comparison.segmentRegressions).toContain('branch=North dimension:reliability');
    expect(comparison.segmentRegressions.every((r) => r.startsWith('branch=North '))).toBe(true);
    expect(gated.stderr).toBe(`segment regression: ${comparison.segmentRegressions.join(', ')}\n`);

    const markdown = await runChecked(['compare', 'baseline.json', 'current.json', '--format', 'markdown'], dir);
    expect(markdown.stdout).toContain('#### branch = North (scored: 79 → 79)');
    expect(markdown.stdout).toContain('- **branch=North dimension:reliability**');

    // Unchanged branches hold the gate.
    const same = await runChecked(['compare', 'baseline.json', 'baseline.json', '--fail-on-segment-regression'], dir);
    expect(same.code, same.stderr).toBe(0);
  });

  it('refuses the segment gate, exit 2, when the group-by columns differ', async () => {
    const dir = tempDir();
    await saveWaves(dir);
    const run = await runChecked(['compare', 'baseline.json', 'by-channel.json', '--fail-on-segment-regression'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'by-channel.json: --fail-on-segment-regression cannot compare segments with baseline.json: the group-by columns differ: baseline "branch", current "channel"\n',
    );
    // Without the gate the same pair is compared, each segment listed as found in one result only.
    const plain = await runChecked(['compare', 'baseline.json', 'by-channel.json', '--format', 'json'], dir);
    expect(plain.code, plain.stderr).toBe(0);
    const segments = (JSON.parse(plain.stdout) as { segments: Segment[] }).segments;
    expect(segments.every((s) => s.status !== 'both' && s.rows.length === 0)).toBe(true);
  });
});
