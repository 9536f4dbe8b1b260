import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { differences } from '../helpers/json-differences.js';
import { binPath, repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';

/**
 * One run of the built binary per command: bin/servqual.js, dist/ and the command's lazy import
 * work together in a real process. What each command does is tested in process (test/cli).
 */
const dir = useTempDir();
const example = join(repoRoot, 'examples', 'bank-branch');
const Q = join(example, 'questionnaire.yaml');
const R = join(example, 'responses.csv');

/** Runs a bash script with the CLI as $SQ in the test's directory; resolves on exit, never on a timer. */
function bash(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('bash', ['-c', script], {
    cwd: dir(),
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', SQ: `${process.execPath} ${binPath}`, Q, R },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the built binary, one run per command', () => {
  it('templates', async () => {
    const run = await bash('$SQ templates');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/servqual-generic\s+en\s+two-column\s+22\s/);
  });

  it('init, then validate', async () => {
    const run = await bash('$SQ init audit.yaml --template servqual-generic && $SQ validate audit.yaml');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('22 items');
  });

  it('score', async () => {
    const run = await bash('$SQ score "$Q" "$R" --format json');
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { schemaVersion: number }).schemaVersion).toBe(1);
  });

  it('report and compare of a saved result', async () => {
    const run = await bash(
      '$SQ score "$Q" "$R" --format json --output r.json && $SQ report r.json --format markdown && $SQ compare r.json r.json --fail-on-regression',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^## /m);
  });

  it('trend of the example waves (responsiveness drops in q3: --fail-on-regression exits 1)', async () => {
    const W = join(repoRoot, 'examples', 'waves');
    const run = await bash(`$SQ trend "${W}/q1.json" "${W}/q2.json" "${W}/q3.json" --fail-on-regression`);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^Trend: Retail bank branch service audit\n/);
    expect(run.stdout).toContain('! Responsiveness: q2 -1.43 → q3 -2.16');
  });

  it('plan of the example scored to JSON: respondents for a margin of 0.1', async () => {
    const run = await bash('set -e; $SQ score "$Q" "$R" -f json -o bank.json; $SQ plan bank.json --margin 0.1');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Plan for the next wave: Retail bank branch service audit\n/);
    expect(run.stdout).toMatch(/\nResponsiveness +0\.95 +400 +0\.10 +350 /);
  });

  it('check (the example fails its thresholds on purpose: exit 1)', async () => {
    const run = await bash('$SQ check "$Q" "$R"');
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).not.toBe('');
  });

  it('sql (the query runs on real engines in test/integration/sql-engines.test.ts)', async () => {
    const run = await bash('$SQ sql "$Q" --dialect postgres --table cx.responses --group-by branch');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^WITH answers AS MATERIALIZED \(/);
    expect(run.stdout).toContain('FROM "cx"."responses"');
    expect(run.stdout).toMatch(/GROUP BY g0\n$/);
  });

  it('map of a survey export', async () => {
    const exports = join(repoRoot, 'test', 'fixtures', 'exports');
    const run = await bash(
      `$SQ map "${join(exports, 'google-forms', 'gf-en.csv')}" --questionnaire "${join(exports, 'questionnaire.en.yaml')}"`,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('platform: google-forms');
  });

  it('merge: the README recipe (split keeping the header, score the parts in parallel, merge)', async () => {
    const run = await bash(
      [
        'set -e',
        'head -n 1 "$R" > header.csv',
        'tail -n +2 "$R" | split -l 200 -d - body-',
        'for f in body-*; do cat header.csv "$f" > "part-${f#body-}.csv"; done',
        'ls part-*.csv | xargs -P 4 -I{} sh -c \'$SQ score "$Q" {} --group-by branch --partial --output {}.json\'',
        '$SQ merge "$Q" part-*.csv.json --format json --output merged.json',
      ].join('\n'),
    );
    expect(run.code, run.stderr).toBe(0);
    const whole = await runChecked(['score', Q, R, '--group-by', 'branch', '--format', 'json'], dir());
    // Each names its own inputs in `run` (merge: the partial files): the scores must agree.
    const { run: mergedRun, ...merged } = JSON.parse(readFileSync(join(dir(), 'merged.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const { run: _run, ...scored } = JSON.parse(whole.stdout) as Record<string, unknown>;
    expect(differences(merged, scored)).toEqual([]);
    expect((mergedRun as { inputs: string[] }).inputs).toEqual([
      'part-00.csv.json',
      'part-01.csv.json',
      'part-02.csv.json',
    ]);
  });
});
