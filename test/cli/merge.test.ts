/**
 * `score --partial` and `merge`, in process: the bank-branch example split into shards and merged
 * gives the report of scoring it at once; bad partials exit 2 naming the file. The README's split +
 * xargs recipe runs the real binary in test/e2e/smoke.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { fixturesDir, repoRoot, useTempDir } from '../helpers/run-cli.js';
import { differences } from '../helpers/json-differences.js';
import { runChecked } from '../helpers/run-in-process.js';

const example = join(repoRoot, 'examples', 'bank-branch');
const questionnaire = join(example, 'questionnaire.yaml');
const responses = join(example, 'responses.csv');
const tempDir = useTempDir();

/** The example's rows cut into parts at these row indices, each part a CSV with the header. */
function writeParts(dir: string, cuts: number[]): string[] {
  const [header, ...rows] = parse(readFileSync(responses, 'utf8')) as string[][];
  const bounds = [0, ...cuts, rows.length];
  return bounds.slice(1).map((end, i) => {
    const file = join(dir, `part-${i + 1}.csv`);
    writeFileSync(file, stringify([header as string[], ...rows.slice(bounds[i], end)]));
    return file;
  });
}

describe('servqual score --partial, then servqual merge', () => {
  it('gives the report of scoring every response at once: JSON within rounding, table and markdown identical', async () => {
    const dir = tempDir();
    const partials: string[] = [];
    for (const csv of writeParts(dir, [1, 150, 151, 320])) {
      const json = csv.replace(/\.csv$/, '.json');
      const run = await runChecked(
        ['score', questionnaire, csv, '--group-by', 'branch', '--partial', '--output', json],
        dir,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe('');
      partials.push(json);
    }
    const whole = await runChecked(
      ['score', questionnaire, responses, '--group-by', 'branch', '--format', 'json'],
      dir,
    );
    const merged = await runChecked(['merge', questionnaire, ...partials, '--format', 'json'], dir);
    expect(merged.code, merged.stderr).toBe(0);
    // `run` names the inputs (here the partials, there the CSV): only the scores must agree.
    type Run = { servqual: string; questionnaire: { file: string; sha256: string }; inputs: string[]; date?: string };
    const { run: wholeRun, ...scored } = JSON.parse(whole.stdout) as Record<string, unknown> & { run: Run };
    const { run: mergedRun, ...mergedScores } = JSON.parse(merged.stdout) as Record<string, unknown> & { run: Run };
    expect(differences(mergedScores, scored)).toEqual([]);
    // merge writes `run` as score does: the questionnaire's name and hash, the partials as its inputs.
    expect(mergedRun).toEqual({ ...wholeRun, inputs: partials.map((p) => basename(p)) });
    const dated = await runChecked(
      ['merge', questionnaire, ...partials, '--format', 'json', '--date', '2026-12-05'],
      dir,
    );
    expect((JSON.parse(dated.stdout) as { run: Run }).run.date).toBe('2026-12-05');
    expect(Object.keys(JSON.parse(dated.stdout) as object)[1]).toBe('run');
    const badDate = await runChecked(['merge', questionnaire, ...partials, '--date', '2026-02-30'], dir);
    expect(badDate.code).toBe(2);
    // The wordings come from the questionnaire, so the merge writes them as one pass does.
    const wordings = (stdout: string) =>
      (JSON.parse(stdout) as { items: { statement?: string; statements?: object }[] }).items.map((item) => [
        item.statement,
        item.statements,
      ]);
    expect(wordings(merged.stdout)).toEqual(wordings(whole.stdout));
    expect(wordings(whole.stdout)[0]).toEqual([
      expect.stringMatching(/^This branch has modern ATMs/),
      { expectation: expect.stringMatching(/^Excellent bank branches have modern ATMs/) },
    ]);
    expect(merged.stderr).toBe(whole.stderr);
    // Human formats round, so they come out identical but for the cover line (the score's names its inputs).
    const withoutCover = (text: string) => {
      const lines = text.split('\n');
      const start = lines.findIndex((line) => /^_?Prepared \d{4}-/.test(line));
      // The cover runs to the next blank line (wrapped in a terminal, one line in Markdown).
      const end = lines.indexOf('', start);
      return [...lines.slice(0, start), ...lines.slice(end)];
    };
    for (const format of ['table', 'markdown']) {
      const date = ['--date', '2026-12-05'];
      expect(
        withoutCover((await runChecked(['merge', questionnaire, ...partials, '--format', format], dir)).stdout),
        format,
      ).toEqual(
        withoutCover(
          (
            await runChecked(
              ['score', questionnaire, responses, '--group-by', 'branch', '--format', format, ...date],
              dir,
            )
          ).stdout,
        ),
      );
    }
    const toFile = await runChecked(
      ['merge', questionnaire, ...partials, '--format', 'html', '--output', join(dir, 'report.html')],
      dir,
    );
    expect(toFile.code).toBe(0);
    expect(toFile.stderr).toContain(`wrote ${join(dir, 'report.html')}`);
  });

  it('writes pure JSON on stdout, read from stdin', async () => {
    const dir = tempDir();
    const run = await runChecked(['score', questionnaire, '-', '--partial'], dir, readFileSync(responses, 'utf8'));
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'servqual-partial', version: 4, options: { groupBy: [] } });
    expect(run.stderr).toBe('');
  });

  it('refuses --partial with --format', async () => {
    const run = await runChecked(['score', questionnaire, responses, '--partial', '--format', 'json'], tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--partial.*cannot be used with.*--format/);
  });

  it('refuses bad partials with exit 2, naming the file', async () => {
    const dir = tempDir();
    const [csv] = writeParts(dir, []);
    const good = join(dir, 'good.json');
    expect((await runChecked(['score', questionnaire, csv as string, '--partial', '--output', good], dir)).code).toBe(
      0,
    );
    const ungrouped = join(dir, 'grouped.json');
    expect(
      (
        await runChecked(
          ['score', questionnaire, csv as string, '--group-by', 'channel', '--partial', '--output', ungrouped],
          dir,
        )
      ).code,
    ).toBe(0);
    const result = join(dir, 'result.json');
    expect(
      (await runChecked(['score', questionnaire, csv as string, '--format', 'json', '--output', result], dir)).code,
    ).toBe(0);
    writeFileSync(join(dir, 'broken.json'), '{"kind": "servqual-partial", ');
    // A shard written before issue 16 (version 2, without the instrument's sums) cannot give the new figures.
    const { instrument: _instrument, ...older } = JSON.parse(readFileSync(good, 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'older.json'), JSON.stringify({ ...older, version: 2 }));

    const cases: [string[], RegExp][] = [
      [
        [result],
        /result\.json:1:1: not a servqual partial result .*found a servqual result, not a partial result\n {2}hint: write partial results with: servqual score/,
      ],
      [[join(dir, 'broken.json')], /broken\.json:1:\d+: not valid JSON/],
      [
        [join(dir, 'older.json')],
        /^[^\n]*older\.json:1:\d+: partial version 2 was written by an older servqual: this one reads version 4[^\n]*\n {2}hint: score the shard again with this version of servqual\n$/,
      ],
      [[good, ungrouped], /grouped\.json: scored with --group-by channel, but .*good\.json with no --group-by/],
      [[join(dir, 'missing.json')], /missing\.json: no such file/],
    ];
    for (const [files, message] of cases) {
      const run = await runChecked(['merge', questionnaire, ...files], dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    }
    const other = await runChecked(
      ['merge', join(fixturesDir, 'questionnaires', 'minimal-two-column.yaml'), good],
      dir,
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(
      /good\.json:\d+:\d+: scored with a different questionnaire \("Retail bank branch service audit"\) than "Minimal two-column audit"/,
    );
  });
});
