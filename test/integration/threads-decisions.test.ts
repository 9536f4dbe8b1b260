import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// `--threads` is never ignored in silence, and a worker that fails is reported, not retried.
// The worker is replaced by one that fails as soon as it starts (a bug in the worker, say).
vi.mock('node:worker_threads', async (original) => {
  const real = await original<typeof import('node:worker_threads')>();
  const { EventEmitter } = await import('node:events');
  class FailingWorker extends EventEmitter {
    constructor() {
      super();
      setImmediate(() => this.emit('error', new Error('the worker broke')));
    }
    terminate(): Promise<number> {
      return Promise.resolve(0);
    }
  }
  return { ...real, Worker: FailingWorker };
});

// Test files share one module cache (isolate: false): the CLI is imported afresh, after the mock.
let runInProcess: typeof import('../helpers/run-in-process.js').runInProcess;
beforeAll(async () => {
  vi.resetModules();
  ({ runInProcess } = await import('../helpers/run-in-process.js'));
});
// ...and the files after this one get the real worker back.
afterAll(() => {
  vi.doUnmock('node:worker_threads');
  vi.resetModules();
});

const QUESTIONNAIRE = 'examples/bank-branch/questionnaire.yaml';
const RESPONSES = 'examples/bank-branch/responses.csv';
const dir = mkdtempSync(join(tmpdir(), 'servqual-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The example's rows repeated past the 8 MB a split needs. */
function bigFile(): string {
  const [header, ...rows] = readFileSync(RESPONSES, 'utf8').trimEnd().split('\n');
  const body = rows.join('\n');
  const copies = Math.ceil((9 * 1024 * 1024) / body.length);
  const file = join(dir, 'big.csv');
  writeFileSync(file, `${header}\n${Array.from({ length: copies }, () => body).join('\n')}\n`);
  return file;
}

describe('score --threads', () => {
  it('says why one thread reads a file the split does not suit', async () => {
    const small = await runInProcess(['score', QUESTIONNAIRE, RESPONSES, '--threads', '2']);
    expect(small.code).toBe(0);
    expect(small.stderr).toContain('note: --threads: read on one thread: it is smaller than 8 MB\n');
    const two = await runInProcess(['score', QUESTIONNAIRE, RESPONSES, RESPONSES, '--threads', '2']);
    expect(two.stderr).toContain('note: --threads: read on one thread: it splits one file, and 2 were given\n');
    const stdin = await runInProcess(['score', QUESTIONNAIRE, '-', '--threads', '2'], {
      stdin: readFileSync(RESPONSES, 'utf8'),
    });
    expect(stdin.code).toBe(0);
    expect(stdin.stderr).toContain('note: --threads: read on one thread: only regular files are split\n');
  });

  it('says nothing with --quiet, or when one thread was asked for', async () => {
    for (const extra of [['--threads', '2', '--quiet'], ['--threads', '1'], []]) {
      const run = await runInProcess(['score', QUESTIONNAIRE, RESPONSES, ...extra]);
      expect(run.code).toBe(0);
      expect(run.stderr).not.toContain('note:');
    }
  });

  it('reports a failed worker as a bug (exit 3) instead of scoring again on one thread', async () => {
    const file = bigFile();
    const run = await runInProcess(['score', QUESTIONNAIRE, file, '--threads', '2', '--format', 'json']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^servqual: internal error: --threads: the worker thread for bytes \d+-\d+ of .*big\.csv failed: the worker broke\n/,
    );
  });
});
