import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { binPath, repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

/**
 * What only a real process shows: a reader that closes the pipe early, stdout on a full device,
 * bash's process substitution, and `kill -9` in the middle of writing a report. The reference
 * outputs they are compared with are made in process; every wait is on the child's exit.
 */
const dir = useTempDir();
const QUESTIONNAIRE = join(repoRoot, 'examples', 'bank-branch', 'questionnaire.yaml');
const RESPONSES = join(repoRoot, 'examples', 'bank-branch', 'responses.csv');

/** Runs a bash script with the CLI as $SQ; resolves with its exit code and streams when it exits. */
function bash(script: string, env: Record<string, string> = {}) {
  const child = spawn('bash', ['-c', script], {
    cwd: dir(),
    env: {
      ...process.env,
      NO_COLOR: '1',
      SQ: `${process.execPath} ${binPath}`,
      Q: QUESTIONNAIRE,
      R: RESPONSES,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The same command in process, in the test's directory: the reference a real process must match. */
const inProcess = (args: string[]) => runInProcess(args, { cwd: dir() });

/**
 * The stack trace on a closed pipe used to come in about half the runs; two rounds of each case
 * (ten runs in all) catch that with high probability at a fraction of the cost of more.
 */
const ROUNDS = 2;

describe('stdout closed early: quiet, and the command keeps its own exit code', () => {
  const cases: [string, string, number][] = [
    ['help into head -1', '$SQ score --help', 0],
    ['a table into head -1', '$SQ score "$Q" "$R"', 0],
    ['an HTML report into head -c 1', '$SQ score "$Q" "$R" --format html', 0],
    ['a failed check into head -1', '$SQ check "$Q" "$R" --min-respondents 100000', 1],
  ];
  for (const [name, command, expected] of cases) {
    it(name, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const reader = name.includes('head -c') ? 'head -c 1' : 'head -1';
        const run = await bash(`${command} 2>err.txt | ${reader} >/dev/null; echo "\${PIPESTATUS[0]}"; cat err.txt`);
        const [code, ...stderr] = run.stdout.split('\n');
        expect(Number(code), stderr.join('\n')).toBe(expected);
        expect(stderr.join('\n')).not.toMatch(/EPIPE|internal error|\n\s+at /);
      }
    });
  }

  it('a reader that is gone before anything is written (| true), also with stderr into the pipe', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const run = await bash('$SQ score "$Q" "$R" --format html 2>&1 | true; echo "${PIPESTATUS[0]}"');
      expect(run.stdout).toBe('0\n');
      expect(run.stderr).toBe('');
    }
  });

  it('--output still gets its file when stdout is gone', async () => {
    const unpiped = await inProcess(['check', QUESTIONNAIRE, RESPONSES, '--format', 'json']);
    const run = await bash('$SQ check "$Q" "$R" --junit j.xml --format json | true; echo "${PIPESTATUS[0]}"');
    expect(run.stdout).toBe(`${unpiped.code}\n`);
    expect(readFileSync(join(dir(), 'j.xml'), 'utf8')).toContain('<testsuite');
  });

  it('stdout on a full device (> /dev/full): exit 2 and one line, not a stack', async () => {
    const run = await bash('$SQ score "$Q" "$R" > /dev/full');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^<stdout>: no space left on the device$/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('stderr that cannot be written', () => {
  it("2> /dev/full: the report on stdout is whole and the exit code is the command's", async () => {
    const plain = await inProcess(['score', QUESTIONNAIRE, RESPONSES, '--format', 'json']);
    const run = await bash('$SQ score "$Q" "$R" --format json 2>/dev/full');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(plain.stdout);
  });
});

describe('an open descriptor as --output is written through', () => {
  // /proc/self/fd/N rather than /dev/stdout: even a broken servqual could not rename over a /proc entry.
  it('appended to, as >> would: the log keeps its first line', async () => {
    const run = await bash('echo first > log; $SQ score "$Q" "$R" --format json --output /proc/self/fd/3 3>>log');
    expect(run.code).toBe(0);
    const [first, ...rest] = readFileSync(join(dir(), 'log'), 'utf8').split('\n');
    expect(first).toBe('first');
    expect((JSON.parse(rest.join('\n')) as { schemaVersion: number }).schemaVersion).toBe(1);
  });

  it('into a pipe', async () => {
    const run = await bash('$SQ score "$Q" "$R" --format json --output /proc/self/fd/3 3>&1 | wc -c');
    expect(run.code).toBe(0);
    expect(Number(run.stdout.trim())).toBeGreaterThan(1000);
  });
});

describe('process substitution streams like stdin', () => {
  it('score q <(cat r) and <(gzip -dc r.gz) give the same report as the file', async () => {
    const plain = await inProcess(['score', QUESTIONNAIRE, RESPONSES, '--format', 'json', '--group-by', 'branch']);
    expect(plain.code).toBe(0);
    const substituted = await bash(
      'gzip -c "$R" > r.csv.gz; $SQ score <(cat "$Q") <(gzip -dc r.csv.gz) --format json --group-by branch',
    );
    expect(substituted.stderr).not.toMatch(/ESPIPE|internal error/);
    expect(substituted.code).toBe(0);
    // A questionnaire read from a pipe cannot be hashed a second time, so that result has no `run`.
    const { run: _run, ...scored } = JSON.parse(plain.stdout) as Record<string, unknown>;
    expect(JSON.parse(substituted.stdout)).toEqual(scored);
  });

  it('validate, report and merge read process substitutions', async () => {
    expect((await bash('$SQ validate <(cat "$Q")')).code).toBe(0);
    expect(
      (await inProcess(['score', QUESTIONNAIRE, RESPONSES, '--format', 'json', '--output', 'res.json'])).code,
    ).toBe(0);
    const report = await inProcess(['report', 'res.json', '--format', 'csv']);
    expect(report.code).toBe(0);
    const substituted = await bash('$SQ report <(cat res.json) --format csv');
    expect(substituted.code, substituted.stderr).toBe(0);
    expect(substituted.stdout).toBe(report.stdout);
    expect((await inProcess(['score', QUESTIONNAIRE, RESPONSES, '--partial', '--output', 'p.json'])).code).toBe(0);
    const merged = await bash('$SQ merge "$Q" <(cat p.json) --format json > m.json');
    expect(merged.code, merged.stderr).toBe(0);
  });
});

describe('kill -9 while writing --output', () => {
  it('leaves a temporary file that the next run in that directory removes, and the previous report intact', async () => {
    const report = join(dir(), 'report.json');
    writeFileSync(report, 'the previous report\n');
    // A writer that stops for ever between writing its temporary file and flushing it, to be killed there.
    const script = `
      import { writeCalls, writeFileAtomic } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'dist', 'io', 'atomic-write.js')).href)};
      writeCalls.sync = () => { process.stdout.write('written\\n'); return new Promise(() => {}); };
      await writeFileAtomic(${JSON.stringify(report)}, 'x'.repeat(1 << 20));
    `;
    const writer = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => writer.stdout.on('data', () => resolve()));
    writer.kill('SIGKILL');
    await new Promise((resolve) => writer.on('close', resolve));
    const left = readdirSync(dir()).filter((name) => name.endsWith('.tmp'));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(new RegExp(`^\\.servqual-[0-9a-f]{4}-${writer.pid}-[0-9a-f]{8}\\.tmp$`));
    expect(readFileSync(report, 'utf8')).toBe('the previous report\n');

    const next = await bash('$SQ score "$Q" "$R" --output other.txt');
    expect(next.code).toBe(0);
    expect(readdirSync(dir()).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(report, 'utf8')).toBe('the previous report\n');
  });
});

describe('bounded memory for huge cells (under a 48 MB heap)', () => {
  const MINIMAL = join(repoRoot, 'test', 'fixtures', 'questionnaires', 'minimal-two-column.yaml');
  const PLAIN = readFileSync(join(repoRoot, 'test', 'fixtures', 'responses', 'plain.csv'), 'utf8');
  const small = (args: string) =>
    bash(`${process.execPath} --max-old-space-size=48 ${binPath} ${args} > out.json`, { M: MINIMAL });

  it('a 15 MB header cell', async () => {
    writeFileSync(join(dir(), 'wide.csv'), PLAIN.replace('\n', `,"${'h'.repeat(15 * 1024 * 1024)}"\n`));
    const run = await small('score "$M" wide.csv --format json');
    expect(run.stderr).not.toMatch(/heap out of memory|internal error/i);
    expect(run.code).toBe(0);
  });

  it('1000 segments of 999-character values, and a 1001st value refused', async () => {
    const rows = PLAIN.trimEnd().split('\n');
    const body = rows.slice(1).map((row) => row.split(',').slice(2).join(','));
    const lines = (n: number) =>
      Array.from(
        { length: n },
        (_, k) => `id${k},b${String(k % 1000).padStart(4, '0')}${'z'.repeat(994)},${body[k % body.length]}`,
      );
    writeFileSync(join(dir(), 'many.csv'), [rows[0], ...lines(1200)].join('\n'));
    const run = await small('score "$M" many.csv --format json --group-by branch');
    expect(run.stderr).not.toMatch(/heap out of memory|internal error/i);
    expect(run.code).toBe(0);
    expect(
      (JSON.parse(readFileSync(join(dir(), 'out.json'), 'utf8')) as { segments: unknown[] }).segments,
    ).toHaveLength(1000);
    writeFileSync(
      join(dir(), 'many.csv'),
      [rows[0], ...lines(1000), `id-x,b${'z'.repeat(1000)},${body[0]}`].join('\n'),
    );
    const refused = await small('score "$M" many.csv --format json --group-by branch');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      '--group-by branch: more than 1000 distinct values, or a value longer than 1000 characters',
    );
  });
});
