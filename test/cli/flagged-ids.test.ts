import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { generateCsv, repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

/**
 * Issue 15: the straight-lining and duplicate warnings name the first ten respondents by input
 * order and count them all, and shards scored apart (`score --partial`, `merge`) name the same ones
 * as one pass. (`--threads` is compared with one pass in test/e2e/threads.test.ts, which needs the
 * built worker.)
 */
const GENERIC = join(repoRoot, 'templates', 'servqual-generic.en.yaml');

interface Warning {
  code: string;
  message: string;
  count?: number;
  respondents?: string[];
}

const flagged = (warnings: Warning[]) =>
  warnings.filter((w) => w.code === 'straight-lining' || w.code === 'duplicate-respondents');

/** Straight-liners read straight from the CSV: every answer cell given holds one value (at least half given). */
function straightLinersOf(csv: string): string[] {
  const [header, ...rows] = parse(csv) as string[][];
  const answers = (header as string[]).flatMap((h, i) => (/_[EP]$/.test(h) ? [i] : []));
  return rows
    .filter((row) => {
      const given = answers.map((i) => row[i] as string).filter((x) => x !== '');
      return given.length >= 3 && given.length * 2 >= answers.length && new Set(given).size === 1;
    })
    .map((row) => row[0] as string);
}

describe('respondent ids in warnings', () => {
  const dir = useTempDir();

  it('names the first ten straight-liners and repeats, the same after score --partial and merge', async () => {
    const csv = await generateCsv([
      GENERIC,
      '--rows',
      '600',
      '--seed',
      '15',
      '--straight-liners',
      '24',
      '--duplicate-ids',
      '14',
    ]);
    writeFileSync(join(dir(), 'all.csv'), csv);
    const [header, ...lines] = csv.trimEnd().split('\n');
    // Three shards in input order, each with the header.
    const cuts = [0, 170, 390, lines.length];
    for (let k = 0; k < 3; k++)
      writeFileSync(join(dir(), `part${k}.csv`), `${header}\n${lines.slice(cuts[k], cuts[k + 1]).join('\n')}\n`);

    const one = await runInProcess(['score', GENERIC, 'all.csv', '--format', 'json'], { cwd: dir() });
    expect(one.code, one.stderr).toBe(0);
    const warnings = flagged((JSON.parse(one.stdout) as { warnings: Warning[] }).warnings);

    const expected = straightLinersOf(csv);
    expect(expected.length).toBe(24);
    expect(warnings.find((w) => w.code === 'straight-lining')).toMatchObject({
      count: 24,
      respondents: expected.slice(0, 10),
      message: `24 respondents gave the same answer to every item (${expected.slice(0, 10).join(', ')}, ...)`,
    });
    expect(warnings.find((w) => w.code === 'duplicate-respondents')?.count).toBe(14);
    // The stderr lines name them too.
    expect(one.stderr).toContain(`gave the same answer to every item (${expected[0]}, `);

    for (let k = 0; k < 3; k++) {
      const part = await runInProcess(['score', GENERIC, `part${k}.csv`, '--partial', '--output', `part${k}.json`], {
        cwd: dir(),
      });
      expect(part.code, part.stderr).toBe(0);
    }
    const merged = await runInProcess(
      ['merge', GENERIC, 'part0.json', 'part1.json', 'part2.json', '--format', 'json'],
      {
        cwd: dir(),
      },
    );
    expect(merged.code, merged.stderr).toBe(0);
    expect(flagged((JSON.parse(merged.stdout) as { warnings: Warning[] }).warnings)).toEqual(warnings);
  });

  it('names a row without an id by its row number, in Russian too', async () => {
    const csv = await generateCsv([GENERIC, '--rows', '40', '--seed', '3', '--straight-liners', '2']);
    const [header, ...lines] = csv.trimEnd().split('\n');
    // Blank every id: the row number stands in, as --respondents and --exclude use it.
    const blanked = lines.map((line) => line.replace(/^[^,]*/, ''));
    writeFileSync(join(dir(), 'r.csv'), `${header}\n${blanked.join('\n')}\n`);
    const rows = straightLinersOf(csv).map((id) => String(lines.findIndex((l) => l.startsWith(`${id},`)) + 2));
    const run = await runInProcess(['score', GENERIC, 'r.csv', '--format', 'json'], { cwd: dir() });
    expect(run.code, run.stderr).toBe(0);
    const warning = (JSON.parse(run.stdout) as { warnings: Warning[] }).warnings.find(
      (w) => w.code === 'straight-lining',
    );
    expect(warning?.respondents).toEqual(rows);
    // A report speaks the questionnaire's language, which the result carries.
    const result = JSON.parse(run.stdout) as { questionnaire: { language: string } };
    result.questionnaire.language = 'ru';
    writeFileSync(join(dir(), 'r.json'), JSON.stringify(result));
    const ru = await runInProcess(['report', 'r.json'], { cwd: dir() });
    expect(ru.code, ru.stderr).toBe(0);
    expect(ru.stdout).toContain(`2 респондента дали один и тот же ответ на все вопросы (${rows.join(', ')})`);
  });
});
