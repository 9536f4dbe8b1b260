import { afterEach, beforeEach, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file (test/helpers/run-cli.ts). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The built CLI, run by its absolute path so tests can use any working directory. */
export const binPath = join(repoRoot, 'bin', 'servqual.js');
export const fixturesDir = join(repoRoot, 'test', 'fixtures');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface CliOptions {
  /** Text written to the CLI's stdin. */
  input?: string;
  /** Working directory; defaults to the system temp directory so nothing lands in the repo. */
  cwd?: string;
  /** Extra environment variables (over the inherited ones and NO_COLOR=1). */
  env?: Record<string, string>;
}

/**
 * Runs the built `servqual` binary in a child Node process with colour off, and resolves with its
 * exit code and captured output once it exits. Asynchronous, so the test worker keeps answering
 * vitest while the child runs (a long spawnSync on a busy machine made vitest's RPC time out).
 * @example const { code, stdout } = await runCli(['templates']);
 */
function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  // vitest may set FORCE_COLOR for its own output; the CLI under test must not inherit it.
  if (options.env?.FORCE_COLOR === undefined) delete env.FORCE_COLOR;
  const child = spawn(process.execPath, [binPath, ...args], { cwd: options.cwd ?? tmpdir(), env });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  // A child that exits without reading its stdin closes the pipe: that is not the test's failure.
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}

/** A fresh temporary directory for one test. */
export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'servqual-'));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Copies `test/fixtures/<relative>` into `dir` under its base name (or `as`), returning that name. */
export function copyFixture(relative: string, dir: string, as?: string): string {
  const name = as ?? basename(relative);
  copyFileSync(join(fixturesDir, relative), join(dir, name));
  return name;
}

/** Runs the built CLI in `cwd` and fails the test if any output holds a stack frame. */
export async function runChecked(args: string[], cwd: string, input?: string): Promise<CliRun> {
  const result = await runCli(args, { cwd, ...(input !== undefined ? { input } : {}) });
  expect(result.stdout).not.toContain('    at ');
  expect(result.stderr).not.toContain('    at ');
  return result;
}

/** A fresh temporary directory for each test of the calling file; read it through the getter. */
export function useTempDir(): () => string {
  let dir = '';
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => {
    removeTempDir(dir);
  });
  return () => dir;
}

/**
 * The project's seeded response generator (scripts/generate-responses.js) run as a child, as the
 * README runs it; resolves with its stdout. Asynchronous for the same reason as runCli.
 * @example await generateCsv([questionnaire, '--rows', '60', '--seed', '11'])
 */
export function generateCsv(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'generate-responses.js'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(stdout).toString('utf8'))
        : reject(new Error(`generate-responses failed: ${stderr}`)),
    );
  });
}
