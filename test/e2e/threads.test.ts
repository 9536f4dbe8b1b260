import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differences } from '../helpers/json-differences.js';
import { generateCsv, makeTempDir, removeTempDir, repoRoot, runChecked } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const GENERIC = join(repoRoot, 'templates', 'servqual-generic.en.yaml');
/** Just enough rows for a file over the 8 MB below which --threads reads on one thread. */
const ROWS = 62_000;

/** A response file of just over 8 MB whose comments are often quoted, multi-line, with `""` and commas. */
async function writeResponses(file: string, crlf: boolean): Promise<void> {
  const stdout = await generateCsv([
    GENERIC,
    '--rows',
    String(ROWS),
    '--seed',
    '5',
    '--duplicate-ids',
    '3',
    // Straight-liners all through the file: threads must name the first ten as one pass does (issue 15).
    '--straight-liners',
    '40',
    ...(crlf ? ['--crlf'] : []),
  ]);
  const eol = crlf ? '\r\n' : '\n';
  const lines = stdout.split(eol);
  const text = lines
    .map((line, i) => {
      const plain = /,"[^"]*"$/.exec(line);
      if (i === 0 || i % 3 !== 0 || plain === null) return line;
      // A comment of several lines, one of them starting like a record, with quotes and commas.
      return `${line.slice(0, plain.index)},"first line${eol}R999999,North,""quoted"",1,2${eol}${eol}""last"" line, ${i}"`;
    })
    .join(eol);
  writeFileSync(file, text);
}

/**
 * Threads need the built worker (dist/io/score-worker.js), so these run the binary; each run scores
 * a file just over the threshold once, and the comparisons stay few.
 */
describe('servqual score --threads', () => {
  let dir: string;
  beforeAll(async () => {
    dir = makeTempDir();
    await writeResponses(join(dir, 'lf.csv'), false);
    await writeResponses(join(dir, 'crlf.csv'), true);
  });
  afterAll(() => {
    removeTempDir(dir);
  });

  it('reads a file of more than 8 MB with quoted multi-line comments', () => {
    const size = readFileSync(join(dir, 'lf.csv')).length;
    expect(size).toBeGreaterThan(8 * 1024 * 1024);
    expect(readFileSync(join(dir, 'lf.csv'), 'utf8')).toContain(
      '"first line\nR999999,North,""quoted"",1,2\n\n""last"" line',
    );
  });

  it('gives the single-threaded result on 3 threads (JSON) and on 0, one per core (table): LF', async () => {
    const args = ['score', GENERIC, 'lf.csv', '--group-by', 'branch'];
    const single = await runChecked([...args, '--format', 'json', '--threads', '1'], dir);
    expect(single.code, single.stderr).toBe(0);
    const expected = JSON.parse(single.stdout) as {
      respondents: { total: number };
      warnings: { code: string; count?: number; respondents?: string[] }[];
    };
    expect(expected.respondents.total).toBe(ROWS);
    const straight = expected.warnings.find((w) => w.code === 'straight-lining');
    expect([straight?.count, straight?.respondents?.length]).toEqual([40, 10]);
    const threaded = await runChecked([...args, '--format', 'json', '--threads', '3'], dir);
    expect(threaded.code, threaded.stderr).toBe(0);
    expect(differences(JSON.parse(threaded.stdout), expected)).toEqual([]);
    // The kept comments (issue 15): the same respondents, texts and order however the file is split.
    const comments = (stdout: string) => (JSON.parse(stdout) as { comments?: { total: number } }).comments;
    expect(comments(single.stdout)?.total).toBeGreaterThan(1000);
    expect(comments(threaded.stdout)).toEqual(comments(single.stdout));
    expect(threaded.stderr).toBe(single.stderr);
    // The human format rounds, so it comes out identical: here to the single-threaded result's
    // table, rendered in process by `report` (which prints what `score` would).
    writeFileSync(join(dir, 'single.json'), single.stdout);
    const table = await runInProcess(['report', 'single.json'], { cwd: dir });
    expect(table.code, table.stderr).toBe(0);
    const threadedTable = await runChecked([...args, '--threads', '0'], dir);
    expect(threadedTable.stdout).toBe(table.stdout);
  });

  it('gives the single-threaded result on 2 threads: CRLF', async () => {
    const args = ['score', GENERIC, 'crlf.csv', '--group-by', 'branch', '--format', 'json'];
    const single = await runChecked([...args, '--threads', '1'], dir);
    expect(single.code, single.stderr).toBe(0);
    expect((JSON.parse(single.stdout) as { respondents: { total: number } }).respondents.total).toBe(ROWS);
    const threaded = await runChecked([...args, '--threads', '2'], dir);
    expect(threaded.code, threaded.stderr).toBe(0);
    expect(differences(JSON.parse(threaded.stdout), JSON.parse(single.stdout))).toEqual([]);
    expect(threaded.stderr).toBe(single.stderr);
  });

  it('reports an invalid cell deep in the second half at the same FILE:LINE:COLUMN', async () => {
    const text = readFileSync(join(dir, 'lf.csv'), 'utf8');
    const rows = text.split('\nR0');
    // Two bad cells in the second half (the comments make lines and rows differ), one in the first.
    for (const at of [Math.floor(rows.length * 0.3), Math.floor(rows.length * 0.8), Math.floor(rows.length * 0.9)]) {
      rows[at] = (rows[at] as string).replace(/^(\d+,[^,]*,[^,]*,)\d/, '$1x');
    }
    writeFileSync(join(dir, 'bad.csv'), rows.join('\nR0'));
    const single = await runChecked(['score', GENERIC, 'bad.csv', '--threads', '1'], dir);
    expect(single.code).toBe(2);
    const cells = single.stderr.split('\n').filter((line) => line.startsWith('bad.csv:'));
    expect(cells).toHaveLength(3);
    expect(Number(cells[2]?.split(':')[1])).toBeGreaterThan(ROWS * 0.9);
    const threaded = await runChecked(['score', GENERIC, 'bad.csv', '--threads', '3'], dir);
    expect(threaded.code).toBe(2);
    expect(threaded.stderr).toBe(single.stderr);
  });
});
