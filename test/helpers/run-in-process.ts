import { Readable } from 'node:stream';
import { run } from '../../src/cli.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with fake stdio (colour off), as a user would run `servqual ARGS`. */
export async function runInProcess(
  argv: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<InProcessRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, {
    stdout: { write: (text: string) => out.push(text) > 0 },
    stderr: { write: (text: string) => err.push(text) > 0 },
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    env: { NO_COLOR: '1', ...options.env },
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
