import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir, repoRoot, runChecked } from '../helpers/run-cli.js';

const GENERIC = join(repoRoot, 'templates', 'servqual-generic.en.yaml');
const ROWS = 85_000;

/** Numbers may differ by merge rounding (see partial.ts); everything else must be equal. */
function differences(actual: unknown, expected: unknown, path = 'result', out: string[] = []): string[] {
  if (typeof expected === 'number') {
    const a = actual as number;
    if (typeof actual !== 'number' || Math.abs(a - expected) > Math.max(1e-12, 1e-9 * Math.abs(expected)))
      out.push(`${path}: ${String(actual)} vs ${expected}`);
  } else if (expected !== null && typeof expected === 'object') {
    const keys = Object.keys(expected);
    if (actual === null || typeof actual !== 'object' || Object.keys(actual).join() !== keys.join())
      out.push(`${path}: keys differ`);
    else
      for (const key of keys)
        differences(
          (actual as Record<string, unknown>)[key],
          (expected as Record<string, unknown>)[key],
          `${path}.${key}`,
          out,
        );
  } else if (actual !== expected) {
    out.push(`${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
  }
  return out;
}

/** A ~12 MB response file whose comments are often quoted, multi-line, with `""` and commas. */
function writeResponses(file: string, crlf: boolean): string {
  const args = [
    join(repoRoot, 'scripts', 'generate-responses.js'),
    GENERIC,
    '--rows',
    String(ROWS),
    '--seed',
    '5',
    '--duplicate-ids',
    '3',
  ];
  const result = spawnSync(process.execPath, crlf ? [...args, '--crlf'] : args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`generate-responses failed: ${result.stderr}`);
  const eol = crlf ? '\r\n' : '\n';
  const lines = result.stdout.split(eol);
  const text = lines
    .map((line, i) => {
      const plain = /,"[^"]*"$/.exec(line);
      if (i === 0 || i % 3 !== 0 || plain === null) return line;
      // A comment of several lines, one of them starting like a record, with quotes and commas.
      return `${line.slice(0, plain.index)},"first line${eol}R999999,North,""quoted"",1,2${eol}${eol}""last"" line, ${i}"`;
    })
    .join(eol);
  writeFileSync(file, text);
  return text;
}

describe('servqual score --threads', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir();
    writeResponses(join(dir, 'lf.csv'), false);
    writeResponses(join(dir, 'crlf.csv'), true);
  });
  afterAll(() => {
    removeTempDir(dir);
  });

  it('reads a file of more than 8 MB with quoted multi-line comments', () => {
    const size = readFileSync(join(dir, 'lf.csv')).length;
    expect(size).toBeGreaterThan(10 * 1024 * 1024);
    expect(readFileSync(join(dir, 'lf.csv'), 'utf8')).toContain(
      '"first line\nR999999,North,""quoted"",1,2\n\n""last"" line',
    );
  });

  for (const file of ['lf.csv', 'crlf.csv']) {
    it(`gives the single-threaded result with 2, 3 and 0 (per core) threads: ${file}`, () => {
      const args = ['score', GENERIC, file, '--group-by', 'branch'];
      const single = runChecked([...args, '--format', 'json', '--threads', '1'], dir);
      expect(single.code, single.stderr).toBe(0);
      const expected = JSON.parse(single.stdout) as { respondents: { total: number } };
      expect(expected.respondents.total).toBe(ROWS);
      const table = runChecked(args, dir);
      for (const threads of ['2', '3', '0']) {
        const run = runChecked([...args, '--format', 'json', '--threads', threads], dir);
        expect(run.code, run.stderr).toBe(0);
        expect(differences(JSON.parse(run.stdout), expected)).toEqual([]);
        expect(run.stderr).toBe(single.stderr);
        // The human format rounds, so it comes out identical.
        const threadedTable = runChecked([...args, '--threads', threads], dir);
        expect(threadedTable.stdout).toBe(table.stdout);
      }
      // Eight runs over a 10 MB file: minutes on a busy 2-core machine, never a failure for that.
    }, 240_000);
  }

  it('reports an invalid cell deep in the second half at the same FILE:LINE:COLUMN', () => {
    const text = readFileSync(join(dir, 'lf.csv'), 'utf8');
    const rows = text.split('\nR0');
    // Two bad cells in the second half (the comments make lines and rows differ), one in the first.
    for (const at of [Math.floor(rows.length * 0.3), Math.floor(rows.length * 0.8), Math.floor(rows.length * 0.9)]) {
      rows[at] = (rows[at] as string).replace(/^(\d+,[^,]*,[^,]*,)\d/, '$1x');
    }
    writeFileSync(join(dir, 'bad.csv'), rows.join('\nR0'));
    const single = runChecked(['score', GENERIC, 'bad.csv', '--threads', '1'], dir);
    expect(single.code).toBe(2);
    const cells = single.stderr.split('\n').filter((line) => line.startsWith('bad.csv:'));
    expect(cells).toHaveLength(3);
    expect(Number(cells[2]?.split(':')[1])).toBeGreaterThan(ROWS * 0.9);
    for (const threads of ['2', '3']) {
      const run = runChecked(['score', GENERIC, 'bad.csv', '--threads', threads], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(single.stderr);
    }
  });

  it('refuses a --threads that is not a whole number', () => {
    const run = runChecked(['score', GENERIC, 'lf.csv', '--threads', 'two'], dir);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--threads');
  });
});
