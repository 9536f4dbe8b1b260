/**
 * Comments through the commands (issue 15), in process: a generated response file whose comment
 * column is found by its (Russian) name or named by the questionnaire; the JSON, HTML and Markdown
 * carry it; shards scored with --partial and merged keep the selection of one pass.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';
import { mulberry32 } from '../helpers/random.js';

const example = join(repoRoot, 'examples', 'bank-branch');
const questionnaire = join(example, 'questionnaire.yaml');
const tempDir = useTempDir();

/**
 * The bank example's rows with unique ids, its comment column renamed `header`, and every comment
 * made unique (its row's number), so a selection that picked other rows could not look the same.
 */
function responses(dir: string, header: string): { file: string; rows: string[][]; head: string[] } {
  const [head, ...rows] = parse(readFileSync(join(example, 'responses.csv'), 'utf8')) as string[][];
  const columns = head as string[];
  const at = columns.indexOf('comment');
  const r = mulberry32(11);
  const body = rows.map((row, i) => {
    const copy = [...row];
    copy[0] = `X${i}`;
    copy[at] = r() < 0.4 ? `Отзыв ${i}: ${copy[at] || 'без слов'}` : '';
    return copy;
  });
  const renamed = columns.map((c) => (c === 'comment' ? header : c));
  const file = join(dir, 'responses.csv');
  writeFileSync(file, stringify([renamed, ...body]));
  return { file, rows: body, head: renamed };
}

function commentsOf(stdout: string): Record<string, unknown> & { column: string; total: number } {
  return (JSON.parse(stdout) as { comments: Record<string, unknown> & { column: string; total: number } }).comments;
}

describe('comments in score, report and merge', () => {
  it('finds a column named like a comment and shows it in JSON, HTML and Markdown', async () => {
    const dir = tempDir();
    const { rows } = responses(dir, 'Комментарий');
    const json = await runChecked(['score', questionnaire, 'responses.csv', '--format', 'json'], dir);
    expect(json.code, json.stderr).toBe(0);
    const comments = commentsOf(json.stdout);
    expect(comments.column).toBe('Комментарий');
    expect(comments.total).toBe(rows.filter((row) => row[row.length - 1] !== '').length);
    writeFileSync(join(dir, 'result.json'), json.stdout);
    const html = await runChecked(['report', 'result.json', '--format', 'html'], dir);
    expect(html.stdout).toMatch(/<section id="comments">\n<h2>Comments<\/h2>/);
    expect(html.stdout).toContain('(showing 5 of');
    const md = await runChecked(['report', 'result.json', '--format', 'markdown'], dir);
    expect(md.stdout).toMatch(
      /### Comments\n\n<details>\n<summary>Free-text comments from the column “Комментарий”: \d+ in all/,
    );
    expect(md.stdout).toMatch(/^- Отзыв \d+: .* — _X\d+, gap -\d\.\d\d_$/m);
  });

  it('reads the column the questionnaire names, and stops when the file lacks it', async () => {
    const dir = tempDir();
    responses(dir, 'Notes');
    const yaml = readFileSync(questionnaire, 'utf8').replace(
      /^thresholds:/m,
      'columns:\n  comment: notes\nthresholds:',
    );
    writeFileSync(join(dir, 'q.yaml'), yaml);
    const run = await runChecked(['score', 'q.yaml', 'responses.csv', '--format', 'json'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(commentsOf(run.stdout).column).toBe('Notes');
    writeFileSync(join(dir, 'q.yaml'), yaml.replace('comment: notes', 'comment: Notez'));
    const missing = await runChecked(['score', 'q.yaml', 'responses.csv'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing column "Notez" (the comment column)');
    expect(missing.stderr).toContain('did you mean "Notes"?');
  });

  it('finds it in a survey platform export too (SurveyMonkey: question and sub-label header rows)', async () => {
    const dir = tempDir();
    const exports = join(repoRoot, 'test', 'fixtures', 'exports');
    const [top, sub, ...rows] = parse(readFileSync(join(exports, 'surveymonkey', 'sm-labels.csv'))) as string[][];
    const body = rows.map((row, i) => [...row, i % 2 === 0 ? `slow <b>queue</b> ${i}` : '']);
    writeFileSync(
      join(dir, 'sm.csv'),
      stringify([
        [...(top as string[]), 'Any other comments?'],
        [...(sub as string[]), 'Open-Ended Response'],
        ...body,
      ]),
    );
    const yaml = ['questionnaire.en.yaml', 'surveymonkey/sm-labels.source.yaml']
      .map((f) => readFileSync(join(exports, f), 'utf8'))
      .join('\n');
    writeFileSync(join(dir, 'q.yaml'), yaml);
    const run = await runChecked(['score', 'q.yaml', 'sm.csv', '--format', 'json'], dir);
    expect(run.code, run.stderr).toBe(0);
    const comments = commentsOf(run.stdout);
    expect(comments.column).toBe('Any other comments?');
    expect(comments.total).toBe(Math.ceil(rows.length / 2));
  });

  it('keeps the selection of one pass when shards are scored apart and merged', async () => {
    const dir = tempDir();
    const { rows, head } = responses(dir, 'feedback');
    const parts = [0, 90, 91, 250, rows.length];
    const partials: string[] = [];
    for (let k = 1; k < parts.length; k++) {
      writeFileSync(join(dir, `part-${k}.csv`), stringify([head, ...rows.slice(parts[k - 1], parts[k])]));
      const run = await runChecked(
        [
          'score',
          questionnaire,
          `part-${k}.csv`,
          '--group-by',
          'branch,channel',
          '--partial',
          '--output',
          `part-${k}.json`,
        ],
        dir,
      );
      expect(run.code, run.stderr).toBe(0);
      partials.push(`part-${k}.json`);
    }
    const whole = await runChecked(
      ['score', questionnaire, 'responses.csv', '--group-by', 'branch,channel', '--format', 'json'],
      dir,
    );
    const merged = await runChecked(['merge', questionnaire, ...partials, '--format', 'json'], dir);
    expect(merged.code, merged.stderr).toBe(0);
    const expected = commentsOf(whole.stdout);
    expect(expected.total).toBeGreaterThan(100);
    expect((expected.segments as unknown[]).length).toBeGreaterThan(3);
    expect(commentsOf(merged.stdout)).toEqual(expected);
  });
});
