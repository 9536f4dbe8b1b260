/**
 * The cover's provenance through the commands, in process: `run` in the JSON result (version,
 * questionnaire file and SHA-256, input names), `--date` (a real calendar date, else exit 2),
 * byte-identical JSON without it, and `report` of an older result without `run`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';
import { version } from '../../src/version.js';

const example = join(repoRoot, 'examples', 'bank-branch');
const questionnaire = join(example, 'questionnaire.yaml');
const responses = join(example, 'responses.csv');
const tempDir = useTempDir();

interface Run {
  servqual: string;
  questionnaire: { file: string; sha256: string };
  inputs: string[];
  date?: string;
}

const runOf = (stdout: string) => (JSON.parse(stdout) as { run?: Run }).run;

describe('run: where a result came from', () => {
  it('names the version, the questionnaire and its SHA-256, and the inputs; no date without --date', async () => {
    const scored = await runChecked(['score', questionnaire, responses, '--format', 'json'], tempDir());
    expect(scored.code, scored.stderr).toBe(0);
    // The hash of the file's bytes, computed here with node:crypto as `sha256sum questionnaire.yaml` would.
    const sha256 = createHash('sha256').update(readFileSync(questionnaire)).digest('hex');
    expect(runOf(scored.stdout)).toEqual({
      servqual: version,
      questionnaire: { file: 'questionnaire.yaml', sha256 },
      inputs: ['responses.csv'],
    });
    // Read first in the JSON, after schemaVersion.
    expect(Object.keys(JSON.parse(scored.stdout) as object).slice(0, 2)).toEqual(['schemaVersion', 'run']);
  });

  it('gives byte-identical JSON on two runs without --date', async () => {
    const args = ['score', questionnaire, responses, '--group-by', 'branch', '--format', 'json'];
    const first = await runChecked(args, tempDir());
    const second = await runChecked(args, tempDir());
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it('writes --date to run.date and shows it on the cover of score, check and report', async () => {
    const dir = tempDir();
    const saved = join(dir, 'result.json');
    const scored = await runChecked(
      ['score', questionnaire, responses, '--date', '2026-02-28', '--format', 'json', '--output', saved],
      dir,
    );
    expect(scored.code, scored.stderr).toBe(0);
    expect(runOf(readFileSync(saved, 'utf8'))?.date).toBe('2026-02-28');
    const table = await runChecked(['report', saved], dir);
    // The cover wraps at 80 columns: two lines under the title.
    expect(table.stdout.split('\n').slice(1, 3).join(' ')).toMatch(
      /^Prepared 2026-02-28 · 400 respondents · inputs: responses\.csv · servqual .+ · questionnaire sha256 [0-9a-f]{12}$/,
    );
    // report --date changes the date shown, not the saved JSON.
    expect((await runChecked(['report', saved, '--date', '2027-01-01', '--format', 'markdown'], dir)).stdout).toContain(
      '_Prepared 2027-01-01 · ',
    );
    expect((await runChecked(['report', saved, '--date', '2027-01-01', '--format', 'json'], dir)).stdout).toBe(
      readFileSync(saved, 'utf8'),
    );
    const checked = await runChecked(
      ['check', questionnaire, responses, '--min-overall', '-5', '--date', '2026-03-01', '--format', 'html'],
      dir,
    );
    // The example's own thresholds fail (exit 1): the report is written either way.
    expect(checked.code, checked.stderr).toBe(1);
    expect(checked.stdout).toMatch(/<p class="cover">Prepared 2026-03-01 · 400 respondents/);
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', 'today', '2026-1-5'])(
    'refuses --date %s with exit 2 and a clear message',
    async (value) => {
      for (const command of [
        ['score', questionnaire, responses],
        ['check', questionnaire, responses],
        ['report', join(tempDir(), 'missing.json')],
      ]) {
        const result = await runChecked([...command, '--date', value], tempDir());
        expect(result.code, command[0]).toBe(2);
        expect(result.stderr).toContain(`'${value}'`);
        expect(result.stderr).toContain('expected a calendar date as YYYY-MM-DD');
        expect(result.stdout).toBe('');
      }
    },
  );

  it('shows today on a report without --date (the shell reads the clock; the JSON does not)', async () => {
    const before = new Date().toISOString().slice(0, 10);
    const table = await runChecked(['score', questionnaire, responses], tempDir());
    const after = new Date().toISOString().slice(0, 10);
    const shown = /^Prepared (\d{4}-\d{2}-\d{2}) /.exec(table.stdout.split('\n')[1] ?? '')?.[1];
    expect([before, after]).toContain(shown);
  });

  it('renders an older result without run: the cover shows what it has', async () => {
    const dir = tempDir();
    const saved = join(dir, 'result.json');
    await runChecked(['score', questionnaire, responses, '--format', 'json', '--output', saved], dir);
    const { run: _run, ...old } = JSON.parse(readFileSync(saved, 'utf8')) as Record<string, unknown>;
    writeFileSync(saved, JSON.stringify(old));
    const md = await runChecked(['report', saved, '--format', 'markdown', '--date', '2026-12-05'], dir);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('_Prepared 2026-12-05 · 400 respondents_');
    const json = await runChecked(['report', saved, '--format', 'json'], dir);
    expect(runOf(json.stdout)).toBeUndefined();
  });

  it('refuses a saved result whose run is malformed, naming the path', async () => {
    const dir = tempDir();
    const saved = join(dir, 'result.json');
    await runChecked(['score', questionnaire, responses, '--format', 'json', '--output', saved], dir);
    const value = JSON.parse(readFileSync(saved, 'utf8')) as { run: Run };
    value.run.questionnaire.sha256 = 'not-a-hash';
    writeFileSync(saved, JSON.stringify(value));
    const result = await runChecked(['report', saved], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('run.questionnaire.sha256');
  });
});
