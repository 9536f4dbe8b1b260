import type { Readable } from 'node:stream';
import { UserError, type Diagnostic } from '../errors.js';
import type { Questionnaire, SourcePlatform } from '../core/questionnaire/model.js';
import { addRecord, beginTable, endTable, type ScoringState } from '../core/scoring/scorer.js';
import type { WhereCondition } from '../core/scoring/selection.js';
import { selectionError } from './read-exclude.js';
import {
  adaptRecord,
  emptyExportStats,
  exportWarnings,
  type ExportStats,
  type ExportWarning,
} from '../core/sources/adapt.js';
import { finishLong, planLong, pushLong, startLong, type LongPlan } from '../core/sources/long.js';
import { planExport, type ExportPlan, type PlanProblem } from '../core/sources/plan.js';
import { responseInHeader } from '../core/sources/detect.js';
import type { ColumnLabels } from '../core/sources/infer/value-labels.js';
import { platformById } from '../core/sources/platforms/index.js';
import type { Platform } from '../core/sources/platforms/platform.js';
import type { CsvRecord } from './csv-records.js';
import { scanCsvRecords } from './csv-scan.js';
import { decodeToUtf8 } from './decode.js';
import { openInput, type TableOptions } from './input-format.js';
import type { SavVariable } from './sav-dictionary.js';
import { inputName } from './open-input.js';

/** One generic record read from an export. */
interface ExportRecord {
  fields: string[];
  /** The line on which the response starts in the export (its first row, for the long format). */
  line: number;
  /** Long format: the export line of each field (0 where no row gave it). */
  lines?: number[];
}

/** An export opened for reading: the generic header, then the records as they stream. */
interface ExportTable {
  platform: Platform;
  /** The generic header the scorer plans its columns from. */
  header: string[];
  /** The line of the last header row. */
  headerLine: number;
  records: AsyncGenerator<ExportRecord>;
  /** Filled as records are read. */
  stats: ExportStats;
  /** Where generic column `index` of `record` is in the export: its line and the export's header for it. */
  origin(record: ExportRecord, index: number): { line: number; column: string };
  /** The generic column of the response's duration in seconds (the export's own cell), or -1. */
  duration: number;
  /** Dropped responses; complete once `records` is exhausted. */
  warnings(): ExportWarning[];
}

/** How far ahead of the header the reader looks (Qualtrics' optional third header row, detection). */
const LOOKAHEAD = 4;

function planError(problems: PlanProblem[], file: string, line: number): UserError {
  return new UserError(
    problems.map(
      (p): Diagnostic => ({ code: p.code, file, line, message: p.message, ...(p.hint ? { hint: p.hint } : {}) }),
    ),
  );
}

async function* remaining(buffered: CsvRecord[], rest: AsyncGenerator<CsvRecord>): AsyncGenerator<CsvRecord> {
  yield* buffered;
  yield* rest;
}

async function* wideRecords(
  plan: ExportPlan,
  source: AsyncGenerator<CsvRecord>,
  stats: ExportStats,
): AsyncGenerator<ExportRecord> {
  for await (const record of source) {
    const fields = adaptRecord(plan, record.fields, stats);
    if (fields !== null) yield { fields, line: record.line };
  }
}

async function* longRecords(
  plan: LongPlan,
  source: AsyncGenerator<CsvRecord>,
  stats: ExportStats,
  file: string,
): AsyncGenerator<ExportRecord> {
  const state = startLong(plan);
  for await (const row of source) {
    const { record, problem } = pushLong(state, row.fields, row.line);
    if (problem)
      throw new UserError({
        code: 'long-format',
        file,
        line: problem.line,
        column: problem.column,
        message: problem.message,
        ...(problem.hint ? { hint: problem.hint } : {}),
      });
    if (record) {
      stats.responses++;
      yield record;
    }
  }
  const last = finishLong(state);
  if (last) {
    stats.responses++;
    yield last;
  }
}

/**
 * Opens a platform's export for scoring: reads and checks its header rows, plans the mapping of
 * `q.source` onto the generic header, and streams generic records (labels converted, missing
 * codes blank, incomplete responses dropped). The long format is pivoted, one record per
 * respondent. Header problems are thrown as one UserError positioned at the header.
 * @example const table = await readExportRecords(stream, 'export.csv', q, qualtrics);
 */
async function readExportRecords(
  csv: AsyncGenerator<CsvRecord>,
  file: string,
  q: Questionnaire,
  platform: Platform,
  where: readonly WhereCondition[] = [],
): Promise<ExportTable> {
  const buffered: CsvRecord[] = [];
  for (let i = 0; i < LOOKAHEAD + (q.source?.headerRows ?? 0); i++) {
    const next = await csv.next();
    if (next.done) break;
    buffered.push(next.value);
  }
  if (buffered.length === 0)
    throw new UserError({
      code: 'empty-file',
      file,
      message: "the file is empty: expected the export's header rows and one row per response",
    });
  const stats = emptyExportStats();
  const rows = buffered.map((r) => r.fields);

  if (platform.layout === 'long') {
    const header = buffered.shift() as CsvRecord;
    const { plan, problems } = planLong(q, header.fields);
    if (problems.length > 0) throw planError(problems, file, header.line);
    return {
      platform,
      header: plan.header,
      headerLine: header.line,
      duration: -1,
      records: longRecords(plan, remaining(buffered, csv), stats, file),
      stats,
      origin: (record, i) => {
        if (i === 0) return { line: record.line, column: plan.header[0] ?? '' };
        return { line: record.lines?.[i] || record.line, column: plan.valueLabel };
      },
      warnings: () => exportWarnings(stats, file),
    };
  }

  const count = q.source?.headerRows ?? platform.headerRows(rows);
  // A declared platform whose header rows do not fit would read a response as a header; told header rows are the user's word.
  const misfit = q.source?.headerRows === undefined ? responseInHeader(platform, rows, count) : null;
  if (misfit !== null) {
    throw new UserError({
      code: 'wrong-source',
      file,
      line: buffered[misfit.row]?.line ?? 1,
      message: misfit.message,
      hint: misfit.hint,
    });
  }
  if (buffered.length < count) {
    throw new UserError({
      code: 'short-header',
      file,
      line: buffered.at(-1)?.line ?? 1,
      message: `the file ends inside its header: a ${platform.id} export has ${count} header rows`,
    });
  }
  const headerRecords = buffered.splice(0, count);
  const headerLine = (headerRecords.at(-1) as CsvRecord).line;
  const { plan, problems } = planExport(
    q,
    platform,
    headerRecords.map((r) => r.fields),
    buffered[0]?.fields,
    where,
  );
  if (problems.length > 0) throw planError(problems, file, headerRecords[0]?.line ?? 1);
  return {
    platform,
    header: plan.header,
    headerLine,
    // The export's own cells follow the mapped ones in each generic record (`adaptRecord`).
    duration: plan.duration >= 0 ? plan.from.length + plan.duration : -1,
    records: wideRecords(plan, remaining(buffered, csv), stats),
    stats,
    origin: (record, i) => {
      const column = plan.header[i] ?? String(i + 1);
      if (i >= plan.from.length) return { line: record.line, column };
      return { line: record.line, column: plan.exportLabels[plan.from[i] as number] ?? column };
    },
    warnings: () => exportWarnings(stats, file),
  };
}

/**
 * Scores one export (CSV bytes) into a running scoring state, as `score --source PLATFORM` does for
 * each file: bad cells are reported at the export's line and under the export's own column header.
 * Returns the export's warnings (dropped responses, speeders).
 */
export async function scoreExportFile(
  state: ScoringState,
  file: string,
  input: AsyncIterable<Buffer | string>,
  platform: SourcePlatform,
): Promise<ExportWarning[]> {
  return scoreExportRecords(state, file, scanCsvRecords(input, file), platform);
}

/** `scoreExportFile` on records already read: a CSV's, a workbook sheet's or an SPSS file's (rows numbered as lines). */
export async function scoreExportRecords(
  state: ScoringState,
  file: string,
  records: AsyncGenerator<CsvRecord>,
  platform: SourcePlatform,
): Promise<ExportWarning[]> {
  const platformRules = platformById(platform);
  if (platformRules.layout === 'long' && (state.options.selection?.where.length ?? 0) > 0)
    throw new UserError({
      code: 'usage',
      file,
      message: '--where is not supported for a long-format export (its rows are answers, not respondents)',
      hint: 'filter the export first, or use --exclude with respondent ids',
    });
  const table = await readExportRecords(
    records,
    file,
    state.questionnaire,
    platformRules,
    state.options.selection?.where ?? [],
  );
  const {
    table: reading,
    missing,
    selectProblems,
  } = beginTable(state, table.header, file, { duration: table.duration });
  if (missing.length > 0) {
    throw new UserError(
      missing.map(
        (m): Diagnostic => ({
          code: m.code,
          file,
          line: table.headerLine,
          message: m.message,
          ...(m.hint ? { hint: m.hint } : {}),
        }),
      ),
    );
  }
  if (selectProblems.length > 0) throw selectionError(state, selectProblems);
  for await (const record of table.records) {
    const before = state.problems.length;
    addRecord(state, reading, record.fields, record.line);
    for (let i = before; i < state.problems.length; i++) {
      const problem = state.problems[i];
      if (problem === undefined) continue;
      const at = table.origin(record, problem.index);
      const text = record.fields[problem.index] ?? '';
      const hint = /\p{L}/u.test(text) ? '; give its number under source.labels, or list it under source.missing' : '';
      state.problems[i] = { ...problem, line: at.line, column: at.column, message: `${problem.message}${hint}` };
    }
  }
  if (table.stats.responses === 0) {
    throw new UserError({
      code: 'no-rows',
      file,
      line: table.headerLine,
      message: 'the export has no responses after its header',
    });
  }
  endTable(state, reading, file);
  return table.warnings();
}

/**
 * The first `limit` records of an export (`-` reads `stdin`): a CSV, a workbook's sheet or an SPSS
 * file, for `servqual map`: its header rows and a sample of responses. Stops reading there, so a
 * large export costs no more than its head.
 */
export async function readExportSample(
  file: string,
  limit: number,
  stdin: Readable,
  options: TableOptions = {},
): Promise<string[][]> {
  return (await readExportHead(file, limit, stdin, options)).rows;
}

/**
 * `readExportSample` for `init --from`: also the labels an SPSS file's dictionary gives each column
 * (variable label, value labels of numeric codes other than user-missing ones), null for other
 * formats. `limit` may be a function of the first rows (the header rows and a response or two), for
 * a sample whose size depends on the shape (a long file spends a row per answer, so needs more rows
 * for as many respondents).
 */
export async function readExportHead(
  file: string,
  limit: number | ((head: readonly (readonly string[])[]) => number),
  stdin: Readable,
  options: TableOptions = {},
): Promise<{ rows: string[][]; labels: ColumnLabels[] | null }> {
  const name = inputName(file);
  let labels: ColumnLabels[] | null = null;
  const input = await openInput(file, stdin, {
    ...options,
    onDictionary: (dict) => {
      labels = dict.variables.map(columnLabels);
    },
  });
  const rows: string[][] = [];
  try {
    const records =
      input.format === 'csv'
        ? scanCsvRecords(decodeToUtf8(input.chunks, options.encoding ?? 'auto', name), name)
        : input.records;
    let most = typeof limit === 'number' ? limit : Number.POSITIVE_INFINITY;
    for await (const record of records) {
      rows.push(record.fields);
      if (typeof limit !== 'number' && rows.length === LOOKAHEAD) most = limit(rows);
      if (rows.length >= most) break;
    }
  } finally {
    await input.close();
  }
  if (rows.length === 0)
    throw new UserError({
      code: 'empty-file',
      file,
      message: 'the file is empty: expected an export with its header rows',
    });
  return { rows, labels };
}

/** A variable's labels as the inference reads them: user-missing codes are not answers, so not scale points. */
function columnLabels(variable: SavVariable): ColumnLabels {
  const values = new Map<number, string>();
  const { values: missing, range } = variable.missing;
  for (const [code, text] of variable.labels) {
    if (typeof code !== 'number' || missing.includes(code)) continue;
    if (range !== null && code >= range[0] && code <= range[1]) continue;
    values.set(code, text);
  }
  return { label: variable.label, values };
}
