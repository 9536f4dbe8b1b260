import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { copyFixture, generateCsv, makeTempDir, removeTempDir, repoRoot } from '../helpers/run-cli.js';
import { type InProcessRun, runChecked, runInProcess } from '../helpers/run-in-process.js';

const GENERIC = join(repoRoot, 'templates', 'servqual-generic.en.yaml');
const MINIMAL = 'minimal-two-column.yaml';

interface Stat {
  mean: number | null;
  sd: number | null;
  n: number;
  ci95: [number, number] | null;
}
interface JsonResult {
  schemaVersion: number;
  respondents: { total: number; scored: number; skippedCells: number };
  overall: { unweighted: Stat; weighted: Stat };
  dimensions: { id: string; label: string; gap: Stat }[];
  items: { id: string; expectation: number | null; perception: number | null; gap: Stat }[];
  segments: { column: string; value: string; respondents: { total: number; scored: number } }[];
  warnings: { code: string; message: string }[];
}

const run = runChecked;

function parseJson(stdout: string): JsonResult {
  return JSON.parse(stdout) as JsonResult;
}

/** The JSON without `run`, whose input names differ between runs on different files (tested in cli/cover.test.ts). */
function scoredJson(stdout: string): JsonResult {
  const { run: _run, ...rest } = JSON.parse(stdout) as JsonResult & { run?: unknown };
  return rest;
}

/** Writes a seeded response CSV for `questionnaire` with the project's generator. */
async function generate(questionnaire: string, out: string, args: string[]): Promise<void> {
  await generateCsv([questionnaire, '--out', out, ...args]);
}

/** Lines of stderr that are `file:LINE:COLUMN: message` diagnostics. */
function cellLines(stderr: string, file: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith(`${file}:`));
}

describe('servqual score: the generic template against a generated CSV', () => {
  let dir: string;
  let generated: string;
  let jsonRun: InProcessRun;

  beforeAll(async () => {
    dir = makeTempDir();
    await generate(GENERIC, join(dir, 'responses.csv'), ['--rows', '60', '--seed', '11']);
    generated = readFileSync(join(dir, 'responses.csv'), 'utf8');
    jsonRun = await run(['score', GENERIC, 'responses.csv', '--format', 'json'], dir);
  });
  afterAll(() => {
    removeTempDir(dir);
  });

  it('prints the table with the dimension labels and the weighted overall', async () => {
    const result = await run(['score', GENERIC, 'responses.csv'], dir);
    expect(result.code).toBe(0);
    for (const label of ['Tangibles', 'Reliability', 'Responsiveness', 'Assurance', 'Empathy']) {
      expect(result.stdout).toContain(label);
    }
    expect(result.stdout).toContain('Weighted overall');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('prints pure JSON with schemaVersion 1, 5 dimensions and 22 items', async () => {
    expect(jsonRun.code).toBe(0);
    expect(jsonRun.stdout.startsWith('{')).toBe(true);
    const json = parseJson(jsonRun.stdout);
    expect(json.schemaVersion).toBe(1);
    expect(json.dimensions).toHaveLength(5);
    expect(json.items).toHaveLength(22);
    expect(json.respondents.total).toBe(60);
    expect(json.overall.weighted.n).toBeGreaterThan(0);
  });

  it('gives byte-identical JSON across two runs', async () => {
    const again = await run(['score', GENERIC, 'responses.csv', '--format', 'json'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(jsonRun.stdout);
  });

  it('reads stdin for - and gives the same JSON as the file', async () => {
    const fromStdin = await run(['score', GENERIC, '-', '--format', 'json'], dir, generated);
    expect(fromStdin.code).toBe(0);
    expect(scoredJson(fromStdin.stdout)).toEqual(scoredJson(jsonRun.stdout));
    expect((JSON.parse(fromStdin.stdout) as { run: { inputs: string[] } }).run.inputs).toEqual(['stdin']);
  });

  it('scores two files together as their concatenation', async () => {
    const split = makeTempDir();
    try {
      await generate(GENERIC, join(split, 'all.csv'), ['--rows', '40', '--seed', '5', '--no-comments']);
      const [header, ...rows] = readFileSync(join(split, 'all.csv'), 'utf8').trimEnd().split('\n');
      writeFileSync(join(split, 'wave1.csv'), `${[header, ...rows.slice(0, 15)].join('\n')}\n`);
      writeFileSync(join(split, 'wave2.csv'), `${[header, ...rows.slice(15)].join('\n')}\n`);
      const together = await run(['score', GENERIC, 'wave1.csv', 'wave2.csv', '--format', 'json'], split);
      const whole = await run(['score', GENERIC, 'all.csv', '--format', 'json'], split);
      expect(together.code).toBe(0);
      expect(whole.code).toBe(0);
      expect(parseJson(together.stdout).respondents.total).toBe(40);
      expect(scoredJson(together.stdout)).toEqual(scoredJson(whole.stdout));
    } finally {
      removeTempDir(split);
    }
  });

  it('writes --output atomically, leaving no temporary file, and prints nothing on stdout', async () => {
    const outDir = join(dir, 'reports');
    mkdirSync(outDir);
    const result = await run(
      ['score', GENERIC, 'responses.csv', '--format', 'json', '--output', 'reports/result.json'],
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(readdirSync(outDir)).toEqual(['result.json']);
    expect(readFileSync(join(outDir, 'result.json'), 'utf8')).toBe(jsonRun.stdout);
  });

  it('replaces an existing --output file, again leaving no temporary file', async () => {
    const outDir = join(dir, 'again');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'result.json'), 'old\n');
    const result = await run(
      ['score', GENERIC, 'responses.csv', '--format', 'json', '--output', 'again/result.json'],
      dir,
    );
    expect(result.code).toBe(0);
    expect(readdirSync(outDir)).toEqual(['result.json']);
    expect(readFileSync(join(outDir, 'result.json'), 'utf8')).toBe(jsonRun.stdout);
  });

  it('refuses --output into a directory that does not exist, naming it', async () => {
    const result = await run(['score', GENERIC, 'responses.csv', '--output', 'nowhere/result.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('nowhere');
    expect(readdirSync(dir)).not.toContain('nowhere');
  });

  it('refuses --output naming the responses input, leaving the input unchanged', async () => {
    const result = await run(['score', GENERIC, 'responses.csv', '--output', './responses.csv'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('responses.csv');
    expect(result.stderr).toMatch(/input/);
    expect(readFileSync(join(dir, 'responses.csv'), 'utf8')).toBe(generated);
  });

  it('segments the results with --group-by branch', async () => {
    const result = await run(['score', GENERIC, 'responses.csv', '--format', 'json', '--group-by', 'branch'], dir);
    expect(result.code).toBe(0);
    const json = parseJson(result.stdout);
    expect(json.segments.length).toBeGreaterThan(1);
    expect(json.segments.every((s) => s.column === 'branch')).toBe(true);
    const total = json.segments.reduce((sum, s) => sum + s.respondents.total, 0);
    expect(total).toBe(60);
  });

  it('rejects an unknown --format with exit 2', async () => {
    const result = await run(['score', GENERIC, 'responses.csv', '--format', 'xml'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('xml');
  });
});

describe('servqual score: reading CSV variants (minimal questionnaire)', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
    copyFixture(`questionnaires/${MINIMAL}`, dir);
  });
  afterEach(() => {
    removeTempDir(dir);
  });

  const score = (csv: string, ...flags: string[]) =>
    run(['score', MINIMAL, copyFixture(`responses/${csv}`, dir), ...flags], dir);

  it.each(['bom.csv', 'crlf.csv', 'semicolon.csv', 'tab.csv', 'quoted-newline.csv', 'bare-quotes.csv'])(
    '%s scores to the same JSON as the plain comma version',
    async (variant) => {
      const plain = await score('plain.csv', '--format', 'json');
      const other = await score(variant, '--format', 'json');
      expect(plain.code).toBe(0);
      expect(other.code).toBe(0);
      const json = parseJson(other.stdout);
      expect(json.respondents).toEqual({ total: 5, scored: 5, skippedCells: 0 });
      // The comment cells themselves differ in some variants (a quoted line break, bare quotes): the
      // scores must agree, and every variant's five comments are read (issue 15).
      const scores = (stdout: string) => {
        const { comments, ...rest } = scoredJson(stdout) as JsonResult & { comments?: { total: number } };
        expect(comments?.total).toBe(5);
        return rest;
      };
      expect(scores(other.stdout)).toEqual(scores(plain.stdout));
    },
  );

  it('treats blank cells as missing answers', async () => {
    const result = await score('blank-cells.csv', '--format', 'json');
    expect(result.code).toBe(0);
    const json = parseJson(result.stdout);
    // r3 left E1_E blank: empathy (one item) has no score, so r3 is not scored.
    expect(json.respondents).toEqual({ total: 5, scored: 4, skippedCells: 0 });
    const t1 = json.items.find((i) => i.id === 'T1');
    // r2 left T1_P blank: T1 is over r1, r3, r4, r5: E = (7+5+7+6)/4, P = (5+4+3+5)/4.
    expect(t1?.gap.n).toBe(4);
    expect(t1?.expectation).toBeCloseTo(6.25, 12);
    expect(t1?.perception).toBeCloseTo(4.25, 12);
    expect(t1?.gap.mean).toBeCloseTo(-2, 12);
    expect(json.items.find((i) => i.id === 'E1')?.gap.n).toBe(4);
    // r2 still answered T2, half of tangibles, so tangibles keeps all five respondents.
    expect(json.dimensions.find((d) => d.id === 'tangibles')?.gap.n).toBe(5);
    expect(json.dimensions.find((d) => d.id === 'empathy')?.gap.n).toBe(4);
  });

  it('stops at a quote left open in a comment instead of reading the next rows into it', async () => {
    // Line 3 opens a quote it never closes; line 5's quoted "Poor" would close it, two rows later.
    const result = await score('unclosed-quote.csv', '--format', 'json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^unclosed-quote\.csv:3:comment: a quote is not closed: /m);
  });

  it('reads the built-in missing codes (NA, Нет ответа, N/A, -99 ...) of a plain CSV as blank cells, not invalid ones', async () => {
    // missing-codes.csv is blank-cells.csv with NA and "Нет ответа" where that file has blank cells.
    const blank = await score('blank-cells.csv', '--format', 'json');
    const coded = await score('missing-codes.csv', '--format', 'json');
    expect(coded.code).toBe(0);
    expect(parseJson(coded.stdout).respondents).toEqual({ total: 5, scored: 4, skippedCells: 0 });
    expect(scoredJson(coded.stdout)).toEqual(scoredJson(blank.stdout));
    for (const code of ['N/A', "Don't know", '-', '-99', ' na ']) {
      writeFileSync(
        join(dir, 'one-code.csv'),
        readFileSync(join(dir, 'missing-codes.csv'), 'utf8').replace('NA', code),
      );
      const result = await run(['score', MINIMAL, 'one-code.csv', '--format', 'json'], dir);
      expect(result.code, code).toBe(0);
      expect(scoredJson(result.stdout), code).toEqual(scoredJson(blank.stdout));
    }
  });

  it('lists invalid cells as FILE:LINE:COLUMN with the line on which each record starts, and prints nothing on stdout', async () => {
    const result = await score('invalid-cells.csv');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    // r2 starts on line 3 and its comment runs onto line 4; r3 is on line 5, r4 on line 6.
    expect(cellLines(result.stderr, 'invalid-cells.csv')).toEqual([
      'invalid-cells.csv:3:E1_E: "0" is not a number on the 1-7 scale',
      'invalid-cells.csv:5:R1_P: "six" is not a number on the 1-7 scale',
      'invalid-cells.csv:6:E1_E: "9" is not a number on the 1-7 scale',
    ]);
    expect(result.stderr).toContain('--skip-invalid');
  });

  it('gives the same lines for the CRLF version of the invalid cells (CRLF inside the quoted comment too)', async () => {
    const result = await score('crlf-invalid-cells.csv');
    expect(readFileSync(join(dir, 'crlf-invalid-cells.csv'), 'utf8')).toContain('friendly.\r\nWould');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(cellLines(result.stderr, 'crlf-invalid-cells.csv')).toEqual([
      'crlf-invalid-cells.csv:3:E1_E: "0" is not a number on the 1-7 scale',
      'crlf-invalid-cells.csv:5:R1_P: "six" is not a number on the 1-7 scale',
      'crlf-invalid-cells.csv:6:E1_E: "9" is not a number on the 1-7 scale',
    ]);
  });

  it('gives the same lines when the invalid file is piped to stdin', async () => {
    const text = readFileSync(join(dir, copyFixture('responses/invalid-cells.csv', dir)), 'utf8');
    const result = await run(['score', MINIMAL, '-'], dir, text);
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n').filter((l) => /:\d+:[A-Z0-9_]+: /.test(l));
    expect(lines.map((l) => l.replace(/^.*?:(\d+:[A-Z0-9_]+): .*$/, '$1'))).toEqual(['3:E1_E', '5:R1_P', '6:E1_E']);
  });

  it('lists at most 20 invalid cells, then a count line', async () => {
    const result = await score('many-invalid.csv');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = cellLines(result.stderr, 'many-invalid.csv');
    expect(lines).toHaveLength(20);
    expect(lines[0]).toBe('many-invalid.csv:2:T1_E: "x" is not a number on the 1-7 scale');
    expect(lines[19]).toBe('many-invalid.csv:3:RS1_P: "x" is not a number on the 1-7 scale');
    const rest = result.stderr.split('\n').filter((l) => !l.startsWith('many-invalid.csv:'));
    expect(rest.some((l) => /\b4 more\b/.test(l) && /\b24\b/.test(l))).toBe(true);
  });

  it('--skip-invalid treats invalid cells as missing and counts them', async () => {
    const result = await score('invalid-cells.csv', '--skip-invalid', '--format', 'json');
    expect(result.code).toBe(0);
    const json = parseJson(result.stdout);
    expect(json.respondents.total).toBe(5);
    expect(json.respondents.skippedCells).toBe(3);
    expect(json.items.find((i) => i.id === 'R1')?.gap.n).toBe(4);
    expect(json.items.find((i) => i.id === 'E1')?.gap.n).toBe(3);
  });

  it('names a needed column that the header lacks', async () => {
    const result = await score('missing-column.csv');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^missing-column\.csv:1: missing column "E1_P"/m);
  });

  it('rejects an empty file with a clear message', async () => {
    const result = await score('empty.csv');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^empty\.csv: .*empty/m);
  });

  it('rejects a header with no rows with a clear message', async () => {
    const result = await score('header-only.csv');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^header-only\.csv:1: .*no rows/m);
  });

  it('refuses a --threads that is not a whole number', async () => {
    const result = await score('plain.csv', '--threads', 'two');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--threads');
  });

  it('names a responses file that does not exist', async () => {
    const result = await run(['score', MINIMAL, 'absent.csv'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^absent\.csv: no such file/m);
  });

  it('segments the fixture by branch', async () => {
    const result = await score('plain.csv', '--format', 'json', '--group-by', 'branch');
    expect(result.code).toBe(0);
    const segments = parseJson(result.stdout).segments.map((s) => [s.column, s.value, s.respondents.total]);
    expect(segments).toEqual([
      ['branch', 'North', 2],
      ['branch', 'South', 3],
    ]);
  });
});

describe('servqual score: other formats of questionnaire', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => {
    removeTempDir(dir);
  });

  it('scores a three-column questionnaire with MSS, MSA and zones', async () => {
    const q = copyFixture('questionnaires/minimal-three-column.yaml', dir);
    const csv = copyFixture('responses/three-column.csv', dir);
    const result = await run(['score', q, csv, '--format', 'json'], dir);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { items: { id: string; gap: Stat; msa: Stat; zone: string }[] };
    const byId = Object.fromEntries(json.items.map((i) => [i.id, i]));
    // T1: P - DES = 6-8, 5-7; P - MIN = 6-4, 5-3.
    expect(byId.T1?.gap.mean).toBe(-2);
    expect(byId.T1?.msa.mean).toBe(2);
    // mean P of RS1 (8.5) is above mean DES (7.5); mean P of A1 (4) is below mean MIN (5.5).
    expect(byId.RS1?.zone).toBe('above');
    expect(byId.A1?.zone).toBe('below');
    expect(byId.R1?.zone).toBe('within');
  });

  it('scores a perceptions-only questionnaire and recommends items below the midpoint', async () => {
    const q = copyFixture('questionnaires/minimal-perceptions-only.yaml', dir);
    const csv = copyFixture('responses/perceptions-only.csv', dir);
    const result = await run(['score', q, csv, '--format', 'json'], dir);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { recommendations: { item: string; priority: number }[] };
    // midpoint 3, equal weights 0.2: E1 (3 - 1.5) * 0.2 = 0.3, R1 (3 - 2) * 0.2 = 0.2.
    expect(json.recommendations.map((r) => r.item)).toEqual(['E1', 'R1']);
    expect(json.recommendations[0]?.priority).toBeCloseTo(0.3, 12);
    expect(json.recommendations[1]?.priority).toBeCloseTo(0.2, 12);
  });
});

describe('--help', () => {
  it.each(['templates', 'init', 'validate', 'score'])(
    'servqual %s --help exits 0 and shows an example',
    async (command) => {
      const result = await runInProcess([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Examples?:/);
      expect(result.stdout).toContain(`$ servqual ${command === 'templates' ? 'templates' : command}`);
      expect(result.stderr).toBe('');
    },
  );

  it('servqual --help exits 0 and lists the commands', async () => {
    const result = await runInProcess(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['templates', 'init', 'validate', 'score']) expect(result.stdout).toContain(command);
  });
});
