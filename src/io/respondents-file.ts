import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Questionnaire } from '../core/questionnaire/model.js';
import type { ScoredRow } from '../core/scoring/scorer.js';
import { safeCell } from '../render/csv.js';
import { resolveOutputTarget } from './output-target.js';
import { temporaryName, writeError } from './atomic-write.js';

/** Rows are written in batches of about this many characters: streamed, never the whole file in memory. */
const FLUSH_AT = 64 * 1024;

/** Cells that could start a line as a CI workflow command are quoted, as in the other CSV outputs. */
const OPTIONS = { record_delimiter: '\n', quoted_match: /^\s*::|##\[/ } as const;

/** The stable column names of `--respondents` (documented in docs/contract.md). */
function respondentColumns(q: Questionnaire, groupBy: readonly string[]): string[] {
  return [
    'respondent',
    'source',
    'line',
    ...groupBy.map((g) => `segment:${g}`),
    ...q.dimensions.map((d) => `dimension:${d.id}`),
    'overall_unweighted',
    'overall_weighted',
    'weights',
    'straight_liner',
    'duplicate_id',
    'invalid_allocation',
    'excluded',
  ];
}

const number = (value: number): string => (Number.isFinite(value) ? String(value) : '');

/** One respondent's cells; `line` stands in for a missing id (the row numbers `--exclude` takes). */
function respondentCells(row: ScoredRow): string[] {
  const { answers, scores } = row;
  const id = answers.id;
  return [
    safeCell(id === '' ? String(row.line) : id),
    safeCell(row.source),
    String(row.line),
    ...answers.groups.map((g) => safeCell(g)),
    ...Array.from(scores.dimensionGap, number),
    number(scores.unweighted),
    number(scores.weighted),
    scores.weightSource,
    scores.straightLined ? 'true' : 'false',
    row.duplicate ? 'true' : 'false',
    scores.weightSource === 'fallback-invalid' ? 'true' : 'false',
    // Scored, but left out of the overall: fewer than half the items of some dimension answered.
    Number.isNaN(scores.unweighted) ? 'too-few-answers' : '',
  ];
}

/**
 * The `--respondents` file, written as rows are scored: a temporary file beside the target (synchronous
 * writes, since the scorer's hook is synchronous), renamed over it by `commit`; `abort` removes it,
 * so a failed run leaves nothing.
 */
export interface RespondentsFile {
  add(row: ScoredRow): void;
  commit(): void;
  abort(): void;
}

export async function openRespondentsFile(
  file: string,
  q: Questionnaire,
  groupBy: readonly string[],
): Promise<RespondentsFile> {
  const target = await resolveOutputTarget(file).catch((error: unknown) => Promise.reject(writeError(error, file)));
  const through = target.kind === 'through';
  const temporary = through ? target.path : join(dirname(target.path), temporaryName());
  let fd: number;
  try {
    fd = openSync(temporary, through ? 'a' : 'wx', 0o644);
  } catch (error) {
    throw writeError(error, file);
  }
  let pending = stringify([respondentColumns(q, groupBy)], OPTIONS);
  let open = true;
  const flush = () => {
    if (pending !== '') writeSync(fd, pending);
    pending = '';
  };
  const abort = () => {
    if (!open) return;
    open = false;
    try {
      closeSync(fd);
    } catch {
      // the write already failed; the temporary file goes all the same
    }
    if (!through) {
      try {
        unlinkSync(temporary);
      } catch {
        // already gone
      }
    }
  };
  return {
    add(row) {
      pending += stringify([respondentCells(row)], OPTIONS);
      if (pending.length >= FLUSH_AT) {
        try {
          flush();
        } catch (error) {
          abort();
          throw writeError(error, file);
        }
      }
    },
    commit() {
      try {
        flush();
        if (!through) fsyncSync(fd);
        open = false;
        closeSync(fd);
        if (!through) renameSync(temporary, target.path);
      } catch (error) {
        open = true;
        abort();
        throw writeError(error, file);
      }
    },
    abort,
  };
}
