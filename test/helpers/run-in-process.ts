import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { run } from '../../src/cli.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  /** Text (or bytes: a workbook piped in) on the CLI's stdin (empty when absent). */
  stdin?: string | Uint8Array;
  /** The whole environment the command sees (over NO_COLOR=1); the test process's is not inherited. */
  env?: Record<string, string>;
  /**
   * Working directory for this run, so relative names (and the messages naming them) are as a user
   * in that directory would see them. vitest's default `forks` pool allows `process.chdir`; the
   * previous directory is restored afterwards.
   */
  cwd?: string;
}

/** Runs the CLI in this process with fake stdio (colour off), as a user would run `servqual ARGS`. */
export async function runInProcess(argv: string[], options: InProcessOptions = {}): Promise<InProcessRun> {
  const out: string[] = [];
  const err: string[] = [];
  const previous = process.cwd();
  if (options.cwd !== undefined) process.chdir(options.cwd);
  try {
    const code = await run(argv, {
      stdout: { write: (text: string) => out.push(text) > 0 },
      stderr: { write: (text: string) => err.push(text) > 0 },
      stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin as string)]),
      env: { NO_COLOR: '1', ...options.env },
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    if (options.cwd !== undefined) process.chdir(previous);
  }
}

/** Runs the CLI in process in `cwd` and fails the test if any output holds a stack frame. */
export async function runChecked(args: string[], cwd: string, stdin?: string): Promise<InProcessRun> {
  const result = await runInProcess(args, { cwd, ...(stdin !== undefined ? { stdin } : {}) });
  expect(result.stdout).not.toContain('    at ');
  expect(result.stderr).not.toContain('    at ');
  return result;
}
