/**
 * Real engines for the tests of `servqual sql`: DuckDB in process (@duckdb/node-api) and a
 * throwaway PostgreSQL server (Debian's, started here in a temp dir on a unix socket, stopped after).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** Runs `query` in a new in-memory DuckDB over the CSV `csv` as table `responses`, exporting its result with COPY. */
export async function duckdbExport(csv: string, query: string, out: string, format: 'csv' | 'json'): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(
      `CREATE TABLE responses AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}', header = true)`,
    );
    const options = format === 'csv' ? '(HEADER)' : '(FORMAT JSON)';
    await connection.run(`COPY (${query}) TO '${out.replaceAll("'", "''")}' ${options}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The newest Debian PostgreSQL's binaries (apt-get install postgresql; .ci/run installs it). */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (.ci/run does)');
  return bin;
}

export interface PostgresServer {
  /** Runs psql with these arguments against the server's `postgres` database; returns stdout. */
  psql(args: string[]): string;
  stop(): void;
}

/**
 * Starts a PostgreSQL server in `dir` (initdb, then pg_ctl on a unix socket in `dir`, no TCP),
 * as the `postgres` user when run as root, since the server refuses to run as root.
 */
export function startPostgres(dir: string): PostgresServer {
  const bin = postgresBin();
  const data = join(dir, 'data');
  mkdirSync(data);
  const asRoot = userInfo().uid === 0;
  const owner = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : -1;
  if (asRoot) {
    chownSync(dir, owner, -1);
    chownSync(data, owner, -1);
  }
  const run = (command: string, args: string[]) => {
    const full = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
      : [join(bin, command), args];
    const result = spawnSync(full[0] as string, full[1] as string[], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
    return result.stdout;
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  run('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'server.log'), '-o', `-k ${dir} -c listen_addresses=`, 'start']);
  return {
    psql: (args) =>
      run('psql', ['-h', dir, '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', ...args]),
    stop: () => {
      run('pg_ctl', ['-D', data, '-w', '-m', 'immediate', 'stop']);
    },
  };
}

/** Writes `text` as a file the server's user can read. */
export function writeShared(file: string, text: string): void {
  writeFileSync(file, text);
  chmodSync(file, 0o644);
}

/**
 * A `score --format json` result without what a warehouse's sums cannot hold: the run's inputs,
 * the comments, the ids named in warnings (each warning keeps its code and count).
 */
export function comparable(stdout: string): Record<string, unknown> {
  const {
    run: _run,
    comments: _comments,
    warnings,
    ...rest
  } = JSON.parse(stdout) as Record<string, unknown> & {
    warnings: { code: string; count?: number }[];
  };
  return { ...rest, warnings: warnings.map((w) => ({ code: w.code, count: w.count })) };
}
