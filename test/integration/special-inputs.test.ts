import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, openSync, closeSync, ftruncateSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, useTempDir } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const cli = (args: string[]) => runInProcess(args);

const dir = useTempDir();
const QUESTIONNAIRE = join(fixturesDir, 'questionnaires', 'minimal-two-column.yaml');
const RESPONSES = join(fixturesDir, 'responses', 'plain.csv');

/** A named pipe in the test's directory, fed with `content` by a `cat` of another process. */
function fifoFedWith(name: string, source: string): { path: string; done: Promise<unknown> } {
  const path = join(dir(), name);
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', source, path], { stdio: 'ignore' });
  return { path, done: new Promise((resolve) => writer.on('close', resolve)) };
}

/** A sparse file of `bytes` (nothing is written: it costs no disk). */
function sparse(name: string, bytes: number): string {
  const path = join(dir(), name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return path;
}

const THREE_GB = 3 * 1024 * 1024 * 1024;

describe('named pipes are read in order, like stdin (no positioned reads: ESPIPE)', () => {
  it('responses, a questionnaire and a saved result through FIFOs give what the files give', async () => {
    const plain = await cli(['score', QUESTIONNAIRE, RESPONSES, '--format', 'json']);
    expect(plain.code).toBe(0);
    const responses = fifoFedWith('responses.fifo', RESPONSES);
    const questionnaire = fifoFedWith('questionnaire.fifo', QUESTIONNAIRE);
    const piped = await cli(['score', questionnaire.path, responses.path, '--format', 'json']);
    await Promise.all([responses.done, questionnaire.done]);
    expect(piped.stderr).not.toMatch(/internal error|ESPIPE/);
    expect(piped.code).toBe(0);
    // A questionnaire read from a pipe cannot be read again to hash it: that result has no `run`
    // (docs/decisions.md); the scores are the same.
    const { run: _run, ...scored } = JSON.parse(plain.stdout) as Record<string, unknown>;
    expect(JSON.parse(piped.stdout)).toEqual(scored);

    const saved = join(dir(), 'result.json');
    writeFileSync(saved, plain.stdout);
    const result = fifoFedWith('result.fifo', saved);
    const report = await cli(['report', result.path, '--format', 'csv']);
    await result.done;
    expect(report.code).toBe(0);
    expect(report.stdout).toBe((await cli(['report', saved, '--format', 'csv'])).stdout);
  });

  it('--threads does not open a pipe to plan a split (that would lose what was sent): one thread reads it', async () => {
    const plain = await cli(['score', QUESTIONNAIRE, RESPONSES, '--format', 'json']);
    const responses = fifoFedWith('responses.fifo', RESPONSES);
    const piped = await cli(['score', QUESTIONNAIRE, responses.path, '--format', 'json', '--threads', '2']);
    await responses.done;
    expect(piped.code).toBe(0);
    // The same but for the input's name in `run`.
    expect(piped.stdout).toBe(plain.stdout.replace('"plain.csv"', '"responses.fifo"'));
  });
});

describe('huge and endless inputs are refused before memory fills', () => {
  it('/dev/zero as a questionnaire or a result: refused after reading at most the limit', async () => {
    const questionnaire = await cli(['validate', '/dev/zero']);
    expect(questionnaire.code).toBe(2);
    expect(questionnaire.stderr).toBe('/dev/zero: the file is larger than 4 MB\n');
    const result = await cli(['report', '/dev/zero']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('/dev/zero: the file is larger than 64 MB\n');
  });

  it('a sparse 3 GB file as a questionnaire, a result or a partial: refused by its size', async () => {
    const huge = sparse('huge.yaml', THREE_GB);
    expect(await cli(['validate', huge])).toMatchObject({ code: 2, stderr: `${huge}: the file is larger than 4 MB\n` });
    expect(await cli(['report', huge])).toMatchObject({ code: 2, stderr: `${huge}: the file is larger than 64 MB\n` });
    expect(await cli(['merge', QUESTIONNAIRE, huge])).toMatchObject({
      code: 2,
      stderr: `${huge}: the file is larger than 64 MB\n`,
    });
  });

  it('a sparse 3 GB file or /dev/zero as responses: the record cap stops it (exit 2, not a crash)', async () => {
    for (const file of [sparse('huge.csv', THREE_GB), '/dev/zero']) {
      const result = await cli(['score', QUESTIONNAIRE, file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/:1: a record is longer than 16 MiB/);
    }
  });

  it('a --group-by value longer than 1000 characters is refused like a column of too many values', async () => {
    const lines = readFileSync(RESPONSES, 'utf8').split('\n');
    const long = lines.map((line, i) =>
      i === 0 || line === ''
        ? line
        : line.replace(/^(r\d+),(\w+),/, (_, id: string, branch: string) => `${id},${branch}${'x'.repeat(1000)},`),
    );
    const file = join(dir(), 'long.csv');
    writeFileSync(file, long.join('\n'));
    const result = await cli(['score', QUESTIONNAIRE, file, '--group-by', 'branch']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--group-by branch: more than 1000 distinct values, or a value longer than 1000 characters',
    );
    // 1000 characters is still a value
    writeFileSync(
      file,
      lines
        .map((line, i) =>
          i === 0 || line === ''
            ? line
            : line.replace(/^(r\d+),(\w+),/, (_, id: string) => `${id},${'y'.repeat(1000)},`),
        )
        .join('\n'),
    );
    const fine = await cli(['score', QUESTIONNAIRE, file, '--group-by', 'branch', '--format', 'json']);
    expect(fine.code).toBe(0);
    expect((JSON.parse(fine.stdout) as { segments: { value: string }[] }).segments.map((s) => s.value.length)).toEqual([
      1000,
    ]);
  });

  it('a 15 MB header cell is read (the record cap is 16 MiB) and is not an answer column', async () => {
    const text = readFileSync(RESPONSES, 'utf8').replace('\n', `,"${'h'.repeat(15 * 1024 * 1024)}"\n`);
    const file = join(dir(), 'wide-header.csv');
    writeFileSync(file, text);
    copyFileSync(QUESTIONNAIRE, join(dir(), 'q.yaml'));
    const result = await cli(['score', join(dir(), 'q.yaml'), file, '--format', 'json']);
    expect(result.code).toBe(0);
    const plain = JSON.parse((await cli(['score', QUESTIONNAIRE, RESPONSES, '--format', 'json'])).stdout) as Record<
      string,
      unknown
    >;
    const wide = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(wide.respondents).toEqual(plain.respondents);
    expect(wide.overall).toEqual(plain.overall);
  });
});
