import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UserError, type Diagnostic } from '../errors.js';
import type { Questionnaire } from '../core/questionnaire/model.js';
import type { Result } from '../core/scoring/result.js';
import {
  addRecord,
  beginTable,
  finishScoring,
  MAX_SEGMENTS_PER_COLUMN,
  startScoring,
  type ScoreOptions,
  type ScoringState,
} from '../core/scoring/scorer.js';
import { readCsvRecords } from './csv-records.js';
import { fileError } from './read-text.js';

export const STDIN_NAME = '<stdin>';

/** Opens a file for streaming, or stdin for `-`, naming the file in any error. */
async function openInput(file: string, stdin: Readable): Promise<Readable> {
  if (file === '-') return stdin;
  try {
    const handle = await open(file, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) {
      await handle.close();
      throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    }
    return createReadStream('', { fd: handle, highWaterMark: 256 * 1024 });
  } catch (error) {
    throw fileError(error, file);
  }
}

async function scoreOneFile(state: ScoringState, file: string, input: Readable): Promise<void> {
  const name = file === '-' ? STDIN_NAME : file;
  const records = readCsvRecords(input, name);
  const first = await records.next();
  if (first.done) throw new UserError({ code: 'empty-file', file: name, message: 'the file is empty: expected a header row and one row per respondent' });
  const { plan, missing } = beginTable(state, first.value.fields, name);
  if (missing.length > 0) {
    throw new UserError(
      missing.map((m): Diagnostic => ({ code: 'missing-column', file: name, line: first.value.line, message: m.message, ...(m.hint ? { hint: m.hint } : {}) })),
    );
  }
  let rows = 0;
  for await (const record of records) {
    addRecord(state, plan, record.fields, record.line);
    rows++;
  }
  if (rows === 0) throw new UserError({ code: 'no-rows', file: name, line: first.value.line, message: 'the header has no rows after it' });
}

/**
 * Scores one or more response files (`-` is stdin) as one sample, streaming each: memory does not
 * grow with the number of rows. Throws a UserError listing bad cells (the first 20, then a count).
 */
export async function scoreFiles(
  q: Questionnaire,
  files: readonly string[],
  options: ScoreOptions & { stdin?: Readable } = {},
): Promise<Result> {
  const state = startScoring(q, options);
  for (const file of files) {
    const input = await openInput(file, options.stdin ?? process.stdin);
    try {
      await scoreOneFile(state, file, input);
    } finally {
      if (file !== '-') input.destroy();
    }
  }
  if (state.invalidCells > 0) {
    const diagnostics = state.problems.map((p): Diagnostic => ({ code: 'invalid-cell', file: p.source ?? '', line: p.line, column: p.column, message: p.message }));
    const more = state.invalidCells - state.problems.length;
    const trailer = more > 0 ? [`... and ${more} more invalid cells (${state.invalidCells} in all)`] : [];
    trailer.push('hint: fix the cells, or pass --skip-invalid to treat them as missing answers');
    throw new UserError(diagnostics, { trailer });
  }
  if (state.tooManySegments !== null) {
    throw new UserError({
      code: 'too-many-segments',
      message: `--group-by ${state.tooManySegments}: more than ${MAX_SEGMENTS_PER_COLUMN} distinct values; group by a column of categories`,
    });
  }
  return finishScoring(state);
}
