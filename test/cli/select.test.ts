/**
 * Choosing respondents from the command line: --where, --exclude, the questionnaire's source.filter
 * on a plain CSV, and crossed --group-by, on a table small enough to check by hand.
 * The questionnaire (minimal-two-column) has six items over five dimensions and equal weights; every
 * respondent answers each item's E and P the same, so a respondent's weighted overall is P - E.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';

const tempDir = useTempDir();
const ITEMS = ['T1', 'T2', 'R1', 'RS1', 'A1', 'E1'];
// id, sex, frequency, status, E, P -> overall P - E
const PEOPLE: [string, string, string, string, number, number][] = [
  ['r1', 'F', 'daily', 'complete', 7, 5], // -2
  ['r2', 'M', 'daily', 'complete', 6, 6], //  0
  ['r3', 'f', 'weekly', 'complete', 5, 7], // +2
  ['r4', 'M', 'weekly', 'partial', 7, 4], // -3
  ['r5', ' F ', 'daily', 'complete', 6, 5], // -1
  ['r6', 'M', 'daily', 'complete', 4, 5], // +1
];

/** Writes q.yaml (with an optional source section) and r.csv (with or without the id column). */
function setup(options: { ids?: boolean; source?: string } = {}): string {
  const dir = tempDir();
  const name = copyFixture('questionnaires/minimal-two-column.yaml', dir, 'q.yaml');
  if (options.source) writeFileSync(join(dir, name), `${readFileSync(join(dir, name), 'utf8')}${options.source}`);
  const ids = options.ids !== false;
  const header = [
    ...(ids ? ['respondent'] : []),
    'sex',
    'frequency',
    'status',
    ...ITEMS.flatMap((id) => [`${id}_E`, `${id}_P`]),
  ];
  const rows = PEOPLE.map(([id, sex, frequency, status, e, p]) => [
    ...(ids ? [id] : []),
    sex,
    frequency,
    status,
    ...ITEMS.flatMap(() => [e, p]),
  ]);
  writeFileSync(join(dir, 'r.csv'), `${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`);
  return dir;
}

interface Json {
  respondents: { total: number };
  overall: { weighted: { mean: number } };
  segments: {
    column: string;
    value: string;
    respondents: { total: number };
    overall: { weighted: { mean: number } };
  }[];
  warnings: { code: string; message: string; count?: number; examples?: string[] }[];
  checks: { target: string; passed: boolean }[];
}

async function scoreJson(dir: string, args: string[]): Promise<{ json: Json; stderr: string }> {
  const run = await runChecked(['score', 'q.yaml', 'r.csv', '--format', 'json', ...args], dir);
  expect(run.code, run.stderr).toBe(0);
  return { json: JSON.parse(run.stdout) as Json, stderr: run.stderr };
}

const near = (x: number) => Number(x.toFixed(12));
const selectionWarnings = (json: Json) =>
  json.warnings.filter((w) => ['filtered-responses', 'excluded-responses', 'exclude-unmatched'].includes(w.code));

describe('score --where', () => {
  it('keeps one value, ignoring case and spaces: r1, r3, r5 = (-2 + 2 - 1) / 3', async () => {
    const { json, stderr } = await scoreJson(setup(), ['--where', 'sex=F']);
    expect(json.respondents.total).toBe(3);
    expect(near(json.overall.weighted.mean)).toBe(near(-1 / 3));
    expect(selectionWarnings(json)).toEqual([
      {
        code: 'filtered-responses',
        message: 'r.csv: 3 responses dropped by --where (kept only where sex is F)',
        count: 3,
      },
    ]);
    expect(stderr).toContain('warning: r.csv: 3 responses dropped by --where (kept only where sex is F)');
  });

  it('ORs values of one column: r1, r3, r4, r5 = (-2 + 2 - 3 - 1) / 4 = -1', async () => {
    const { json } = await scoreJson(setup(), ['--where', 'sex=F', '-w', 'frequency=weekly', '--where', 'SEX=m']);
    // sex F or M (everyone) AND frequency weekly: r3 (+2), r4 (-3) -> -0.5
    expect(json.respondents.total).toBe(2);
    expect(near(json.overall.weighted.mean)).toBe(-0.5);
    const { json: or } = await scoreJson(setup(), ['--where', 'frequency=weekly', '--where', 'frequency=daily']);
    expect(or.respondents.total).toBe(6);
  });

  it('ANDs columns: sex M and frequency daily are r2, r6 = (0 + 1) / 2', async () => {
    const { json } = await scoreJson(setup(), ['--where', 'sex=M', '--where', 'frequency=daily']);
    expect(json.respondents.total).toBe(2);
    expect(near(json.overall.weighted.mean)).toBe(0.5);
    expect(selectionWarnings(json).map((w) => w.count)).toEqual([3, 1]);
  });

  it('refuses an unknown column (exit 2) with a did-you-mean hint, and a flag without =', async () => {
    const dir = setup();
    const unknown = await runChecked(['score', 'q.yaml', 'r.csv', '--where', 'gender=F'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('r.csv:1: missing column "gender" (named by --where)');
    const typo = await runChecked(['score', 'q.yaml', 'r.csv', '--where', 'sexx=F'], dir);
    expect(typo.stderr).toContain('hint: did you mean "sex"?');
    expect(typo.stderr).not.toContain('servqual map');
    const malformed = await runChecked(['score', 'q.yaml', 'r.csv', '--where', 'sex'], dir);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--where sex: expected COLUMN=VALUE');
    expect(malformed.stderr).toContain('hint: e.g. --where sex=F');
  });

  it("adds to the questionnaire's source.filter on a plain CSV (platform: generic)", async () => {
    // The filter keeps status complete (drops r4); --where sex=M keeps r2, r6: (0 + 1) / 2.
    const dir = setup({
      source: 'source:\n  platform: generic\n  filter:\n    - { column: status, in: [complete] }\n',
    });
    const { json } = await scoreJson(dir, ['--where', 'sex=M']);
    expect(json.respondents.total).toBe(2);
    expect(near(json.overall.weighted.mean)).toBe(0.5);
    // Each drop counted once, under the first rule it fails; listed in the order first met.
    expect(selectionWarnings(json).map((w) => w.message)).toEqual([
      'r.csv: 3 responses dropped by --where (kept only where sex is M)',
      'r.csv: 1 response dropped by the filter (kept only where status is complete)',
    ]);
    // A segment that source.columns maps is named by its own name too, as --group-by names it.
    const mapped = setup({
      source:
        'source:\n  platform: generic\n  columns:\n    - { column: sex, segment: gender }\n  filter:\n    - { column: status, in: [complete] }\n',
    });
    const { json: byName } = await scoreJson(mapped, ['--where', 'gender=M', '--group-by', 'gender,frequency']);
    expect(byName.respondents.total).toBe(2);
    expect(byName.segments.map((s) => [s.column, s.value])).toEqual([['gender,frequency', 'M × daily']]);
    const unknown = await runChecked(['score', 'q.yaml', 'r.csv', '--where', 'sexx=M'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('the export has no column "sexx" (named by --where)');
    expect(unknown.stderr).toContain('did you mean "sex"?');
  });

  it('reads on one thread with a note when --threads is asked for', async () => {
    const dir = setup();
    const run = await runChecked(['score', 'q.yaml', 'r.csv', '--where', 'sex=F', '--threads', '2'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'note: --threads: read on one thread: --where and --exclude are applied on one thread',
    );
  });
});

describe('score --exclude', () => {
  it('drops listed ids (comments, blank lines and a header skipped) and warns about unmatched ones', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'drop.txt'), 'respondent,why\n# pilot\nr1,tester\n\nr9\nr10\n');
    const { json, stderr } = await scoreJson(dir, ['--exclude', 'drop.txt']);
    // Without r1: (0 + 2 - 3 - 1 + 1) / 5 = -0.2
    expect(json.respondents.total).toBe(5);
    expect(near(json.overall.weighted.mean)).toBe(-0.2);
    expect(selectionWarnings(json)).toEqual([
      {
        code: 'excluded-responses',
        message: 'r.csv: 1 response dropped by --exclude drop.txt (by respondent id)',
        count: 1,
      },
      {
        code: 'exclude-unmatched',
        message: 'drop.txt: 2 entries matched no response (r9, r10)',
        count: 2,
        examples: ['r9', 'r10'],
      },
    ]);
    expect(stderr).toContain('warning: drop.txt: 2 entries matched no response (r9, r10)');
  });

  it('does not call an id unmatched when --where dropped its response first', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'drop.txt'), 'id\nr3\nr2\n');
    // frequency=daily keeps r1, r2, r5, r6: r3 (weekly) is dropped by --where, r2 by --exclude.
    const { json } = await scoreJson(dir, ['--where', 'frequency=daily', '--exclude', 'drop.txt']);
    expect(json.respondents.total).toBe(3);
    expect(selectionWarnings(json).map((w) => w.code)).toEqual(['filtered-responses', 'excluded-responses']);
  });

  it('reads row numbers when the responses have no id column: lines 3 and 5 are r2 and r4', async () => {
    const dir = setup({ ids: false });
    writeFileSync(join(dir, 'rows.txt'), '3\n5\n');
    const { json } = await scoreJson(dir, ['--exclude', 'rows.txt']);
    // Left: r1 -2, r3 +2, r5 -1, r6 +1 -> 0
    expect(json.respondents.total).toBe(4);
    expect(near(json.overall.weighted.mean)).toBe(0);
    expect(selectionWarnings(json).map((w) => w.message)).toEqual([
      'r.csv: 2 responses dropped by --exclude rows.txt (by row number)',
    ]);
  });

  it('refuses a missing file, and a row-number line that is not one, at FILE:LINE', async () => {
    const dir = setup({ ids: false });
    const missing = await runChecked(['score', 'q.yaml', 'r.csv', '--exclude', 'nope.txt'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.txt: no such file');
    writeFileSync(join(dir, 'rows.txt'), '3\n# fine\nr4\n');
    const bad = await runChecked(['score', 'q.yaml', 'r.csv', '--exclude', 'rows.txt'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('rows.txt:3: "r4" is not a row number');
  });
});

describe('score --partial with --where and --exclude', () => {
  it('carries the drop counts to merge', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'drop.txt'), 'r2\nr9\n');
    const part = await runChecked(
      ['score', 'q.yaml', 'r.csv', '--where', 'frequency=daily', '--exclude', 'drop.txt', '--partial', '-o', 'p.json'],
      dir,
    );
    expect(part.code, part.stderr).toBe(0);
    const merged = await runChecked(['merge', 'q.yaml', 'p.json', '--format', 'json'], dir);
    expect(merged.code, merged.stderr).toBe(0);
    const json = JSON.parse(merged.stdout) as Json;
    // daily: r1, r2, r5, r6; without r2: r1 -2, r5 -1, r6 +1 -> -2/3
    expect(json.respondents.total).toBe(3);
    expect(near(json.overall.weighted.mean)).toBe(near(-2 / 3));
    expect(selectionWarnings(json).map((w) => [w.code, w.count])).toEqual([
      ['filtered-responses', 2],
      ['excluded-responses', 1],
      ['exclude-unmatched', 1],
    ]);
  });
});

describe('score --group-by a,b (a cross-table)', () => {
  it('gives one segment per observed combination, and keeps repeated --group-by one-way', async () => {
    const dir = setup();
    const { json } = await scoreJson(dir, ['--group-by', 'sex , frequency', '--group-by', 'frequency']);
    // F × daily: r1 -2, r5 -1 -> -1.5; M × daily: r2 0, r6 +1 -> 0.5; M × weekly: r4 -3; f × weekly: r3 +2
    // (segments keep the cells' text, trimmed, as one-way segments do; --where is what folds case).
    expect(json.segments.map((s) => [s.column, s.value, s.respondents.total, near(s.overall.weighted.mean)])).toEqual([
      ['sex,frequency', 'F × daily', 2, -1.5],
      ['sex,frequency', 'M × daily', 2, 0.5],
      ['sex,frequency', 'M × weekly', 1, -3],
      ['sex,frequency', 'f × weekly', 1, 2],
      ['frequency', 'daily', 4, -0.5],
      ['frequency', 'weekly', 2, -0.5],
    ]);
    const table = await runChecked(['score', 'q.yaml', 'r.csv', '--group-by', 'sex,frequency', '-q'], dir);
    // The terminal names the crossed columns once above the table and each row by its values.
    expect(table.stdout).toContain('\nsex × frequency\n');
    expect(table.stdout).toContain('│ M × weekly ');
    const markdown = await runChecked(['score', 'q.yaml', 'r.csv', '-g', 'sex,frequency', '-f', 'markdown'], dir);
    expect(markdown.stdout).toContain('| sex,frequency=F × daily |');
    const csv = await runChecked(['score', 'q.yaml', 'r.csv', '-g', 'sex,frequency', '-f', 'csv'], dir);
    expect(csv.stdout).toContain('"sex,frequency",F × daily,T1,tangibles');
  });

  it('names a crossed column the header lacks', async () => {
    const run = await runChecked(['score', 'q.yaml', 'r.csv', '--group-by', 'sex,frequncy'], setup());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing column "frequncy" (named by --group-by sex,frequncy)');
  });
});

describe('check --where', () => {
  it('tests the thresholds on the chosen respondents only', async () => {
    const dir = setup();
    // Everyone: -0.5 fails --min-overall 0; sex M and frequency daily: 0.5 passes.
    const all = await runChecked(['check', 'q.yaml', 'r.csv', '--min-overall', '0', '-f', 'json'], dir);
    expect(all.code).toBe(1);
    const chosen = await runChecked(
      [
        'check',
        'q.yaml',
        'r.csv',
        '--min-overall',
        '0',
        '-f',
        'json',
        '--where',
        'sex=M',
        '--where',
        'frequency=daily',
      ],
      dir,
    );
    expect(chosen.code).toBe(0);
    const json = JSON.parse(chosen.stdout) as Json;
    expect(json.respondents.total).toBe(2);
    expect(json.checks).toEqual([expect.objectContaining({ target: 'overall', passed: true })]);
  });
});
