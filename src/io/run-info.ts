import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Result, RunInfo } from '../core/scoring/result.js';
import { fileError } from './read-text.js';

/**
 * The result's `run`: the questionnaire's file name and the SHA-256 of its bytes (read again here,
 * a small file, so the core never hashes), the inputs' names without folders (`stdin` for -), the
 * version, and the date only when `--date` gave one. Null when the questionnaire is not a regular
 * file (a pipe such as `<(zcat q.yaml.gz)`, already read): its bytes cannot be read twice.
 */
export async function runInfo(
  questionnaireFile: string,
  inputs: readonly string[],
  servqual: string,
  date: string | undefined,
): Promise<RunInfo | null> {
  let bytes: Buffer;
  try {
    if (!(await stat(questionnaireFile)).isFile()) return null;
    bytes = await readFile(questionnaireFile);
  } catch (error) {
    throw fileError(error, questionnaireFile);
  }
  return {
    servqual,
    questionnaire: { file: basename(questionnaireFile), sha256: createHash('sha256').update(bytes).digest('hex') },
    inputs: inputs.map((file) => (file === '-' ? 'stdin' : basename(file))),
    ...(date !== undefined ? { date } : {}),
  };
}

/** A result with its `run`, placed after `schemaVersion` so a reader of the JSON meets it first. */
export function withRun(result: Result, run: RunInfo | null): Result {
  if (run === null) return result;
  const { schemaVersion, run: _old, ...rest } = result;
  return { schemaVersion, run, ...rest };
}
