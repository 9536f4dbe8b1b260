import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { diagnosticOf, problemsError, UserError } from '../errors.js';
import type { Questionnaire, SourcePlatform } from '../core/questionnaire/model.js';
import { sourceHint } from '../core/sources/detect.js';
import { readsThroughPlan } from '../core/sources/plan.js';
import { platformById } from '../core/sources/platforms/index.js';
import { cellTexts, StringCells, type RecordCells } from '../core/scoring/cells.js';
import type { MissingColumn } from '../core/scoring/column-plan.js';
import type { Result } from '../core/scoring/result.js';
import {
  addRecord,
  beginTable,
  endSelection,
  endTable,
  finishScoring,
  MAX_SEGMENT_VALUE_LENGTH,
  MAX_SEGMENTS_PER_COLUMN,
  startScoring,
  type ScoreOptions,
  type TableReading,
  type ScoringState,
} from '../core/scoring/scorer.js';
import { scanCsv } from './csv-scan.js';
import type { CsvRecord } from './csv-records.js';
import { decodeToUtf8 } from './decode.js';
import type { Progress } from './progress.js';
import { scoreExportFile, scoreExportRecords } from './read-export.js';
import { fileFormat, openInput } from './input-format.js';
import { inputName } from './open-input.js';
import { scoreFileThreaded } from './score-threads.js';
import { selectionError } from './read-exclude.js';
import { selects } from '../core/scoring/selection.js';

/** A header that lacks dozens of columns is the wrong file or an export: a few examples say enough. */
const MAX_MISSING_SHOWN = 10;

/** For a shard of a file (see score-threads.ts): where its lines start, and whether it may hold no rows. */
export interface ShardOptions {
  /** Added to every record's line, so a shard read after the header reports the file's lines. */
  lineOffset?: number;
  allowNoRows?: boolean;
}

export async function scoreOneFile(
  state: ScoringState,
  file: string,
  input: AsyncIterable<Buffer | string>,
  shard: ShardOptions = {},
): Promise<void> {
  const table = tableScorer(state, inputName(file), shard);
  // The scanner hands out each record as a view of its bytes, valid during the call only.
  await scanCsv(input, inputName(file), table.add);
  table.end();
}

/** Scores the records of a workbook sheet or an SPSS file, as `scoreOneFile` scores a CSV's. */
async function scoreRecords(state: ScoringState, name: string, records: AsyncIterable<CsvRecord>): Promise<void> {
  const table = tableScorer(state, name, {});
  for await (const record of records) table.add(new StringCells(record.fields), record.line);
  table.end();
}

/** The header's plan (or the error for its missing columns) from the first record, then each row scored. */
function tableScorer(
  state: ScoringState,
  name: string,
  shard: ShardOptions,
): { add(cells: RecordCells, line: number): void; end(): void } {
  const lineOffset = shard.lineOffset ?? 0;
  let header: { table: TableReading; line: number } | null = null;
  let rows = 0;
  return {
    add(cells, line) {
      if (header !== null) {
        addRecord(state, header.table, cells, line + lineOffset);
        rows++;
        return;
      }
      const texts = cellTexts(cells);
      const { table, missing, selectProblems } = beginTable(state, texts, name);
      if (missing.length > 0) throw missingColumns(missing, texts, name, line);
      if (selectProblems.length > 0) throw selectionError(state, selectProblems);
      header = { table, line };
    },
    end() {
      if (header !== null) endTable(state, header.table, name);
      if (header === null)
        throw new UserError({
          code: 'empty-file',
          file: name,
          message: 'the file is empty: expected a header row and one row per respondent',
        });
      if (rows === 0 && shard.allowNoRows !== true)
        throw new UserError({
          code: 'no-rows',
          file: name,
          line: header.line,
          message: 'the header has no rows after it',
        });
    },
  };
}

function missingColumns(missing: MissingColumn[], texts: string[], name: string, line: number): UserError {
  const shown = missing.slice(0, MAX_MISSING_SHOWN);
  const trailer =
    missing.length > shown.length ? [`... and ${missing.length - shown.length} more problems with the header`] : [];
  if (missing.some((m) => m.code === 'missing-column' && m.byFlag !== true)) {
    // A survey platform's export read as a generic CSV: say which --source would read it.
    const suggestion = sourceHint([texts]);
    trailer.push(
      `hint: ${suggestion ?? "if this is a survey platform's export, `servqual map FILE --questionnaire QUESTIONNAIRE` proposes how its columns map to the items"}`,
    );
  }
  return new UserError(
    shown.map((m) => diagnosticOf(m, name, { line })),
    { trailer },
  );
}

export interface ReadOptions {
  stdin?: Readable;
  /** The export's shape; default: the questionnaire's source.platform, else generic. */
  source?: SourcePlatform;
  /** A decoder label (see decode.ts), or 'auto' (UTF-8, or UTF-16 found by its BOM; an SPSS file's own). */
  encoding?: string;
  /** `--sheet`: which sheet of an XLSX workbook (a 1-based number or a name); the first by default. */
  sheet?: string;
  /** Told how far reading has got, and when it is over (a progress bar). */
  progress?: { update(progress: Progress): void; stop(): void };
  /** Worker threads for one large generic UTF-8 file (see score-threads.ts); 1 (default) reads on this thread, 0 means one per core. */
  threads?: number;
  /** Told, in a sentence, why threads asked for were not used. */
  note?: (text: string) => void;
}

/** The run scored on worker threads, or null when one thread reads it (the user is told why, unless to report bad input). */
async function tryThreads(
  q: Questionnaire,
  files: readonly string[],
  platform: SourcePlatform,
  options: ScoreOptions & ReadOptions,
): Promise<ScoringState | null> {
  const attempt = readsThroughPlan(q, platform, platformById(platform).layout)
    ? { oneThread: 'a survey platform export (or a file read through its source section) is read on one thread' }
    : selects(options.selection)
      ? { oneThread: '--where and --exclude are applied on one thread' }
      : // Only a regular file can be split: opening a pipe to look at it would lose what its writer sent.
        !(await regularFiles(files))
        ? { oneThread: 'only regular files are split' }
        : options.sheet !== undefined
          ? { oneThread: '--sheet reads a workbook, which is read as it streams' }
          : (await spreadsheets(files))
            ? { oneThread: 'only CSV files are split; an XLSX workbook or SPSS file is read as it streams' }
            : await scoreFileThreaded(q, files, options);
  if (!('oneThread' in attempt)) return attempt;
  if (attempt.oneThread !== null) options.note?.(`--threads: read on one thread: ${attempt.oneThread}`);
  return null;
}

/** The total size of the named files, or 0 when one of them is stdin (unknown). */
async function totalSize(files: readonly string[]): Promise<number> {
  if (files.includes('-')) return 0;
  let total = 0;
  for (const file of files)
    total += await stat(file).then(
      (info) => info.size,
      () => 0,
    );
  return total;
}

/** Whether any of the (regular) files is a workbook or an SPSS file rather than a CSV. */
async function spreadsheets(files: readonly string[]): Promise<boolean> {
  for (const file of files) if ((await fileFormat(file)) !== 'csv') return true;
  return false;
}

/** Whether every named input is a regular file (not stdin, a pipe such as `<(zcat x.gz)`, or a device). */
async function regularFiles(files: readonly string[]): Promise<boolean> {
  for (const file of files) {
    if (
      file === '-' ||
      !(await stat(file).then(
        (info) => info.isFile(),
        () => false,
      ))
    )
      return false;
  }
  return true;
}

/**
 * Scores one or more response files (`-` is stdin) as one sample, streaming each: memory does not
 * grow with the number of rows. Returns the running state (for `--partial`); throws a UserError
 * listing bad cells (the first 20, then a count).
 */
export async function scoreFilesToState(
  q: Questionnaire,
  files: readonly string[],
  options: ScoreOptions & ReadOptions = {},
): Promise<ScoringState> {
  const platform = options.source ?? q.source?.platform ?? 'generic';
  const threaded = (options.threads ?? 1) !== 1 ? await tryThreads(q, files, platform, options) : null;
  const state = threaded ?? startScoring(q, options);
  const { progress } = options;
  // The threaded path has read everything already (and drawn its own progress).
  const totalBytes = progress && threaded === null ? await totalSize(files) : 0;
  let bytes = 0;
  const count = (n: number) => {
    bytes += n;
    progress?.update({ bytes, totalBytes, rows: state.rows });
  };
  try {
    for (const file of threaded === null ? files : []) {
      const name = inputName(file);
      // The byte scanner copies each chunk (generic CSVs and exports alike), so the reader reuses its buffers.
      const input = await openInput(file, options.stdin ?? process.stdin, {
        ...(progress ? { count } : {}),
        ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
        ...(q.source?.sheet !== undefined ? { defaultSheet: q.source.sheet } : {}),
        encoding: options.encoding ?? 'auto',
      });
      try {
        const throughPlan = readsThroughPlan(q, platform, platformById(platform).layout);
        if (input.format === 'csv') {
          const text = decodeToUtf8(input.chunks, options.encoding ?? 'auto', name);
          if (!throughPlan) await scoreOneFile(state, file, text);
          else state.exportWarnings.push(...(await scoreExportFile(state, name, text, platform)));
        } else if (!throughPlan) await scoreRecords(state, name, input.records);
        else state.exportWarnings.push(...(await scoreExportRecords(state, name, input.records, platform)));
      } finally {
        await input.close();
      }
    }
  } finally {
    progress?.stop();
  }
  // A threaded run never selects (see tryThreads); partials of shards each tell their own unmatched entries.
  if (threaded === null) endSelection(state);
  if (state.invalidCells > 0) {
    throw problemsError(state.problems, {
      file: (p) => p.source ?? '',
      total: state.invalidCells,
      noun: 'invalid cells',
      max: Number.POSITIVE_INFINITY,
      trailer: ['hint: fix the cells, or pass --skip-invalid to treat them as missing answers'],
    });
  }
  if (state.tooManySegments !== null) {
    throw new UserError({
      code: 'too-many-segments',
      message: `--group-by ${state.tooManySegments}: more than ${MAX_SEGMENTS_PER_COLUMN} distinct values, or a value longer than ${MAX_SEGMENT_VALUE_LENGTH} characters; group by a column of categories`,
    });
  }
  return state;
}

/** Scores response files into the contract's result, with any export warnings added. */
export async function scoreFiles(
  q: Questionnaire,
  files: readonly string[],
  options: ScoreOptions & ReadOptions = {},
): Promise<Result> {
  return finishScoring(await scoreFilesToState(q, files, options));
}
