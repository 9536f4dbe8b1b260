import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Trend } from '../../src/core/trend/trend.js';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runChecked, runInProcess } from '../helpers/run-in-process.js';

const waves = join(repoRoot, 'examples', 'waves');
const tempDir = useTempDir();

/** A directory holding q1.json, q2.json and q3.json (the example waves). */
function withWaves(): string {
  const dir = tempDir();
  for (const name of ['q1', 'q2', 'q3']) copyFileSync(join(waves, `${name}.json`), join(dir, `${name}.json`));
  return dir;
}

describe('servqual trend', () => {
  it('prints the three waves with sparklines, readable at 80 columns, and gates on the last step', async () => {
    const dir = withWaves();
    const table = await runChecked(['trend', 'q1.json', 'q2.json', 'q3.json'], dir);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^Trend: Retail bank branch service audit\n/);
    expect(table.stdout).toMatch(/│ Responsiveness +│ +-1\.46 │ +-1\.43 │ +-2\.16 ▼ │ +-0\.70 ▼ │/);
    expect(table.stdout).toMatch(/│ [▁▂▃▄▅▆▇█]{3} +│/);
    expect(table.stdout).toContain('! Responsiveness: q2 -1.43 → q3 -2.16 (-0.73, p <0.001)');
    for (const line of table.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);

    const gated = await runChecked(['trend', 'q1.json', 'q2.json', 'q3.json', '--fail-on-regression'], dir);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toBe(table.stdout);
    // The first two waves differ by chance only: nothing to gate on.
    const calm = await runChecked(['trend', 'q1.json', 'q2.json', '--fail-on-regression'], dir);
    expect(calm.code, calm.stdout).toBe(0);
    expect(calm.stdout).toContain('No regressions.');
  });

  it('prints what the README\'s "Waves over time" shows', async () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const command = '$ cd examples/waves && servqual trend q1.json q2.json q3.json --fail-on-regression\n';
    const start = readme.indexOf(command);
    expect(start).toBeGreaterThan(0);
    const shown = readme.slice(start + command.length, readme.indexOf('\n$ echo $?', start) + 1);
    const run = await runChecked(['trend', 'q1.json', 'q2.json', 'q3.json', '--fail-on-regression'], waves);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(shown);
  });

  it('gates exactly when compare of the last two waves does', async () => {
    const dir = withWaves();
    const trend = await runChecked(['trend', 'q1.json', 'q2.json', 'q3.json', '--format', 'json'], dir);
    const compare = await runChecked(['compare', 'q2.json', 'q3.json', '--format', 'json'], dir);
    expect((JSON.parse(trend.stdout) as Trend).regressions).toEqual(
      (JSON.parse(compare.stdout) as { regressions: string[] }).regressions,
    );
  });

  it('writes stable JSON with labels from --label, and says the regressions on stderr when gating', async () => {
    const dir = withWaves();
    // Run twice, gating and not: the same JSON both times.
    const args = [
      'trend',
      'q1.json',
      'q2.json',
      'q3.json',
      '--label',
      'Q1 2026',
      '--label',
      'Q2 2026',
      '--label',
      'Q3 2026',
      '--format',
      'json',
      '--alpha',
      '0.01',
    ];
    const run = await runChecked([...args, '--fail-on-regression'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('regression: overall:weighted, overall:unweighted, dimension:responsiveness\n');
    const trend = JSON.parse(run.stdout) as Trend;
    expect(Object.keys(trend)).toEqual([
      'kind',
      'trendVersion',
      'questionnaire',
      'alpha',
      'waves',
      'series',
      'regressions',
    ]);
    expect(trend).toMatchObject({ kind: 'trend', trendVersion: 1, alpha: 0.01 });
    expect(trend.waves.map((w) => w.label)).toEqual(['Q1 2026', 'Q2 2026', 'Q3 2026']);
    const again = await runChecked(args, dir);
    expect(again.stdout).toBe(run.stdout);
  });

  it('writes Markdown and HTML to --output, escaping labels from the command line', async () => {
    const dir = withWaves();
    const md = await runChecked(
      [
        'trend',
        'q1.json',
        'q3.json',
        '--label',
        '<b>q1</b>',
        '--label',
        'q3|x',
        '--format',
        'markdown',
        '--output',
        'trend.md',
      ],
      dir,
    );
    expect(md.code, md.stderr).toBe(0);
    expect(md.stderr).toBe('wrote trend.md\n');
    const markdown = readFileSync(join(dir, 'trend.md'), 'utf8');
    expect(markdown).toMatch(/^## Trend: Retail bank branch service audit\n/);
    expect(markdown).toContain('|  | &lt;b&gt;q1&lt;/b&gt; | q3\\|x | Trend |');
    expect(markdown).toMatch(
      /\| Responsiveness \| -1\.46 \[-1\.54\.\.-1\.37\] \| -2\.16 \[-2\.25\.\.-2\.07\] \| [▁▂▃▄▅▆▇█]{2} \|/,
    );
    expect(markdown).toContain('| Responsiveness | **-0.70 ▼ (p <0.001)** |');

    const html = await runChecked(
      [
        'trend',
        'q1.json',
        'q2.json',
        'q3.json',
        '--label',
        '<script>',
        '--label',
        'b',
        '--label',
        'c',
        '--format',
        'html',
        '--output',
        'trend.html',
      ],
      dir,
    );
    expect(html.code, html.stderr).toBe(0);
    const page = readFileSync(join(dir, 'trend.html'), 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;');
    // One chart per overall score, dimension and KPI, each with its CI band.
    expect(page.match(/<svg class="chart" data-chart="trend"/g)).toHaveLength(10);
    expect(page.match(/<polygon class="band"/g)).toHaveLength(10);
  });

  it('draws ASCII when the locale is not UTF-8', async () => {
    const dir = withWaves();
    const run = await runInProcess(['trend', 'q1.json', 'q2.json', 'q3.json'], { cwd: dir, env: { LANG: 'C' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\| Responsiveness +\| +-1\.46 \| +-1\.43 \| +-2\.16 v \| +-0\.70 v \|/);
    expect(run.stdout).not.toMatch(/[^\x20-\x7e\n]/);
    const utf8 = await runInProcess(['trend', 'q1.json', 'q2.json'], {
      cwd: dir,
      env: { LC_ALL: 'en_US.UTF-8', LANG: 'C' },
    });
    expect(utf8.stdout).toContain('┌');
  });

  it('refuses bad usage: one file, labels that do not match, duplicate names, a bad alpha', async () => {
    const dir = withWaves();
    const one = await runChecked(['trend', 'q1.json'], dir);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/^a trend needs at least two result files, got 1\n/);
    const labels = await runChecked(['trend', 'q1.json', 'q2.json', '--label', 'only'], dir);
    expect(labels.code).toBe(2);
    expect(labels.stderr).toContain('--label was given 1 time for 2 result files');
    copyFileSync(join(dir, 'q1.json'), join(dir, 'q1.copy'));
    const twice = await runChecked(['trend', 'q1.json', 'q1.copy'], dir);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('two waves are labelled "q1"');
    const alpha = await runChecked(['trend', 'q1.json', 'q2.json', '--alpha', '5%'], dir);
    expect(alpha.code).toBe(2);
    expect(alpha.stderr).toContain('--alpha must be a number between 0 and 1');
  });

  it('refuses waves that are not comparable, naming the file and the reason, and files that are not results', async () => {
    const dir = withWaves();
    const q2 = JSON.parse(readFileSync(join(dir, 'q2.json'), 'utf8')) as {
      items: { id: string }[];
      recommendations: { item: string }[];
      questionnaire: { format: string };
    };
    // A wave scored without T4 (its recommendations go with it, as in a real result).
    writeFileSync(
      join(dir, 'fewer.json'),
      JSON.stringify({
        ...q2,
        items: q2.items.filter((i) => i.id !== 'T4'),
        recommendations: q2.recommendations.filter((r) => r.item !== 'T4'),
      }),
    );
    const fewer = await runChecked(['trend', 'q1.json', 'fewer.json', 'q3.json'], dir);
    expect(fewer.code).toBe(2);
    expect(fewer.stderr.split('\n')[0]).toBe(
      "fewer.json: not comparable with q1.json: the items differ from the first wave's: it lacks T4",
    );
    expect(fewer.stdout).toBe('');

    writeFileSync(join(dir, 'notes.json'), '{"hello": 1}\n');
    const notResult = await runChecked(['trend', 'q1.json', 'notes.json'], dir);
    expect(notResult.code).toBe(2);
    expect(notResult.stderr).toMatch(/notes\.json:1:1: not a servqual result/);
  });
});
