import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir, repoRoot } from '../../helpers/run-cli.js';

/**
 * Several auditors finishing respondents into one responses file at the same moment: four
 * processes run the built journal and append layer, released together each round by one line on
 * their stdin, for 20 rounds. Every row must be in the file exactly once, under one header, and no
 * journal may hold another interview's lines.
 */

const WRITER = join(repoRoot, 'test', 'e2e', 'audit', 'concurrent-writer.mjs');
const WORKERS = 4;
const ROUNDS = 20;

interface Reply {
  round: number;
  id: string;
  mixed: boolean;
  written: boolean;
}

class Writer {
  private readonly replies: Reply[] = [];
  private waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | null = null;
  readonly child: ChildProcessWithoutNullStreams;
  stderr = '';

  constructor(out: string, index: number) {
    this.child = spawn(process.execPath, [WRITER, out, String(index)], { cwd: repoRoot });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const reply = JSON.parse(line) as Reply;
      if (this.waiting) {
        const { resolve } = this.waiting;
        this.waiting = null;
        resolve(reply);
      } else this.replies.push(reply);
    });
    this.child.on('exit', (code) => this.waiting?.reject(new Error(`writer exited with ${code}: ${this.stderr}`)));
  }

  next(): Promise<Reply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }
}

describe('several audits finishing into one responses file at once', () => {
  let dir = '';
  let writers: Writer[] = [];
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => {
    for (const writer of writers) writer.child.kill();
    writers = [];
    removeTempDir(dir);
  });

  it(`${WORKERS} writers x ${ROUNDS} rounds (half of them starting from a dead writer's lock): every row once, one header, no journal mixed, nothing left behind`, {
    timeout: 180_000,
  }, async () => {
    expect(existsSync(join(repoRoot, 'dist', 'io', 'csv-append.js')), 'run `npm run build` first').toBe(true);
    const out = join(dir, 'r.csv');
    writers = Array.from({ length: WORKERS }, (_, index) => new Writer(out, index + 1));
    const replies: Reply[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Every other round starts with a lock left by a process that died (a kill -9 mid-append):
      // all four writers find it stale at once, and exactly one may break it.
      if (round % 2 === 0)
        writeFileSync(
          `${out}.lock`,
          JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), nonce: `dead-${round}`, at: 't' }),
        );
      // All writers get their go in the same tick: the file is created and appended to by all at once.
      for (const writer of writers) writer.child.stdin.write(`${round}\n`);
      replies.push(...(await Promise.all(writers.map((writer) => writer.next()))));
    }
    for (const writer of writers) writer.child.stdin.end();

    expect(replies.filter((reply) => reply.mixed)).toEqual([]);
    expect(replies.every((reply) => reply.written)).toBe(true);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n').filter((line) => line.startsWith('respondent,'))).toHaveLength(1);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const ids = rows.map((row) => row.respondent);
    const expected = Array.from({ length: ROUNDS }, (_, r) =>
      Array.from({ length: WORKERS }, (_, w) => `W${w + 1}-R${r + 1}`),
    ).flat();
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of rows) expect(row.comment).toBe(`from ${row.respondent},\n"quoted"`);
    // No journal, claim or lock file is left.
    expect(readdirSync(dir)).toEqual(['r.csv']);
  });
});
