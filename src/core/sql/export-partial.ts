/**
 * The result of `servqual sql`'s query, as an engine exports it (rows of named values), turned
 * into the partial result `score --partial` would have written for the same rows, so `merge`
 * reads both alike. Pure: the shell parses the file (CSV, JSON rows or JSON lines) into rows.
 */
import type { Problem } from '../problem.js';
import type { Questionnaire } from '../questionnaire/model.js';
import { encodeInstrument, emptyInstrumentSums } from '../scoring/instrument-sums.js';
import { PARTIAL_VERSION, questionnaireFingerprint, type ScoringPartial } from '../scoring/partial.js';
import { encodeSample, type PartialSample } from '../scoring/partial-sample.js';
import { scoringLayout } from '../scoring/respondent.js';
import { emptySample } from '../scoring/sample.js';
import { KEY_COLUMNS, columnOf, sumColumns, type SumColumn, type SumPath } from './export-columns.js';

/** One row of the export: its values by column name (as the file has them), and its line in the file. */
export interface ExportRow {
  values: Record<string, unknown>;
  line: number;
}

export interface ExportProblem extends Problem {
  code: 'invalid-sql-export' | 'questionnaire-mismatch';
}

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

/** A value as a number: JSON numbers, and the text of one (CSV cells; BigQuery writes INT64 as strings in JSON). */
function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMBER.test(value)) return Number(value);
  return undefined;
}

const isBlank = (value: unknown) => value === null || value === undefined || value === '';
const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

function setAt(target: unknown, path: SumPath, value: number): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}

/**
 * The partial of an export, or the problems that stop it (each with its line and column name).
 * Engines may change the case of names (Snowflake, PostgreSQL unquoted), so names match ignoring case.
 */
export function partialFromExport(
  q: Questionnaire,
  rows: readonly ExportRow[],
): { partial: ScoringPartial | null; problems: ExportProblem[] } {
  const problems: ExportProblem[] = [];
  const fail = (line: number | undefined, column: string | undefined, message: string) => {
    problems.push({
      code: 'invalid-sql-export',
      ...(line !== undefined ? { line } : {}),
      ...(column !== undefined ? { column } : {}),
      message,
    });
  };
  const layout = scoringLayout(q);
  const sums = sumColumns(q, layout);
  const expected = [...KEY_COLUMNS, ...sums.map(columnOf)];
  const first = rows[0];
  if (!first) {
    fail(1, undefined, 'no rows: expected the result of `servqual sql` (an overall row, then one per segment)');
    return { partial: null, problems };
  }
  // Each expected name, as the export spells it.
  const spelled = new Map(Object.keys(first.values).map((name) => [name.toLowerCase(), name]));
  const missing = expected.filter((name) => !spelled.has(name.toLowerCase()));
  const known = new Set(expected.map((name) => name.toLowerCase()));
  const extra = Object.keys(first.values).filter((name) => !known.has(name.toLowerCase()));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      missing.length > 0
        ? `missing column${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`
        : '',
      extra.length > 0
        ? `unknown column${extra.length > 1 ? 's' : ''} ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ` and ${extra.length - 5} more` : ''}`
        : '',
    ].filter(Boolean);
    fail(first.line, undefined, `not the result of this questionnaire's \`servqual sql\` query: ${parts.join('; ')}`);
    return { partial: null, problems };
  }
  const get = (row: ExportRow, name: string): unknown => row.values[spelled.get(name.toLowerCase()) as string];

  const overallRows = rows.filter((row) => get(row, 'sample') === 'overall');
  if (overallRows.length !== 1) {
    fail(
      overallRows[1]?.line ?? first.line,
      'sample',
      `expected one row with sample "overall", found ${overallRows.length}`,
    );
    return { partial: null, problems };
  }
  const overallRow = overallRows[0] as ExportRow;
  const fingerprint = questionnaireFingerprint(q);
  if (get(overallRow, 'questionnaire') !== fingerprint) {
    problems.push({
      code: 'questionnaire-mismatch',
      line: overallRow.line,
      column: 'questionnaire',
      message: `computed by the query of a different questionnaire than "${q.title}": the format, scale, items, reverse flags, weights, KPIs or the drivers' outcome differ`,
      hint: 'run the query `servqual sql` prints for this questionnaire',
    });
    return { partial: null, problems };
  }
  let groupBy: string[] = [];
  try {
    const parsed: unknown = JSON.parse(textOf(get(overallRow, 'group_by')));
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) throw new Error('not a list');
    groupBy = parsed;
  } catch {
    fail(overallRow.line, 'group_by', 'expected the --group-by columns as a JSON list of names');
    return { partial: null, problems };
  }

  const readSample = (row: ExportRow): PartialSample => {
    const sample = encodeSample(emptySample(layout));
    for (const c of sums) if (c.scope === 'sample') setAt(sample, c.path, readNumber(row, c));
    return sample;
  };
  const readNumber = (row: ExportRow, c: SumColumn): number => {
    const name = columnOf(c);
    const value = get(row, name);
    const x = numberOf(value);
    if (x === undefined) {
      fail(row.line, name, `expected a number, found ${isBlank(value) ? 'nothing' : JSON.stringify(value)}`);
      return 0;
    }
    return x;
  };

  const segments: ScoringPartial['segments'] = [];
  for (const row of rows) {
    if (row === overallRow) continue;
    const kind = get(row, 'sample');
    const column = textOf(get(row, 'segment_column'));
    if (kind !== 'segment') fail(row.line, 'sample', `expected "overall" or "segment", found ${JSON.stringify(kind)}`);
    else if (!groupBy.includes(column))
      fail(row.line, 'segment_column', `column ${JSON.stringify(column)} is not one of the query's --group-by columns`);
    else segments.push({ column, value: textOf(get(row, 'segment_value')), sample: readSample(row) });
  }
  // In the order score writes them: by --group-by column, then by value.
  segments.sort(
    (a, b) =>
      groupBy.indexOf(a.column) - groupBy.indexOf(b.column) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );

  const overall = readSample(overallRow);
  const rest = {
    instrument: encodeInstrument(
      emptyInstrumentSums(
        layout.itemCount,
        layout.dimensionCount,
        q.drivers !== undefined,
        q.format === 'perceptions-only' ? [] : q.dimensions.map((d) => d.items.length),
      ),
    ),
    ids: { duplicates: 0 },
    flags: { straightLiners: { count: 0 } },
    skippedCells: 0,
  };
  for (const c of sums) if (c.scope === 'partial') setAt(rest, c.path, readNumber(overallRow, c));
  if (problems.length > 0) return { partial: null, problems };
  return {
    partial: {
      kind: 'servqual-partial',
      version: PARTIAL_VERSION,
      questionnaire: { title: q.title, format: q.format, fingerprint },
      // Cells off the scale were read as missing and counted, as with --skip-invalid.
      options: { groupBy, skipInvalid: true },
      overall,
      segments,
      instrument: rest.instrument,
      // The engine counted the repeats; the ids themselves stay in the warehouse.
      ids: { exact: [], bloom: null, duplicates: rest.ids.duplicates, examples: [], exampleAt: [], approximate: false },
      flags: {
        straightLiners: { count: rest.flags.straightLiners.count, ids: [] },
        speeders: { count: 0, ids: [] },
      },
      exportWarnings: [],
      skippedCells: rest.skippedCells,
    },
    problems,
  };
}
