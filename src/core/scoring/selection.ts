import type { Problem } from '../problem.js';
import { isOneOf } from '../text/one-of.js';
import type { SourceFilter } from '../questionnaire/model.js';
import { passesFilter, type RowFilter, rowFilter } from '../sources/plan.js';
import { plural } from '../text/plural.js';
import type { RecordCells } from './cells.js';

/**
 * Choosing respondents (`--where`, `--exclude`): which rows of the responses are scored. Pure: the
 * exclude file is read by `src/io/read-exclude.ts`, the conditions are applied per row by the scorer
 * (generic tables) or by the export plan as `source.filter` rules (platform exports).
 */

/** `--where COLUMN=VALUE` flags on one column: a row is kept when its cell is any of the values. */
export interface WhereCondition {
  /** The column as first typed (trimmed). */
  column: string;
  values: string[];
}

/** One respondent id (or row number) of an exclude file, with the line it is on. */
export interface ExcludeEntry {
  value: string;
  line: number;
}

export interface ExcludeList {
  /** The file's name, for messages. */
  file: string;
  entries: ExcludeEntry[];
}

/** Which respondents to score besides the questionnaire's own `source.filter`. */
export interface Selection {
  where: WhereCondition[];
  exclude: ExcludeList | null;
}

/** Whether a selection drops anything at all. */
export const selects = (s: Selection | undefined): s is Selection =>
  s !== undefined && (s.where.length > 0 || s.exclude !== null);

/**
 * Parses `--where` flags: `COLUMN=VALUE`, split at the first `=` (a value may hold `=`; a column
 * name cannot). Flags naming the same column (trimmed, ignoring case, as header names match) are
 * one condition whose values are alternatives (OR); different columns must all hold (AND).
 * `sex=` keeps rows whose cell is blank.
 * @example parseWhere(['sex=F', 'city=Oslo', 'sex=M']) // { conditions: [{column: 'sex', values: ['F', 'M']}, {column: 'city', values: ['Oslo']}], problems: [] }
 */
export function parseWhere(specs: readonly string[]): { conditions: WhereCondition[]; problems: Problem[] } {
  const conditions: WhereCondition[] = [];
  const byColumn = new Map<string, WhereCondition>();
  const problems: Problem[] = [];
  for (const spec of specs) {
    const at = spec.indexOf('=');
    const column = at < 0 ? '' : spec.slice(0, at).trim();
    if (column === '') {
      problems.push({
        code: 'usage',
        message: `--where ${spec}: expected COLUMN=VALUE`,
        hint: 'e.g. --where sex=F (repeat --where for more values or columns)',
      });
      continue;
    }
    const value = spec.slice(at + 1);
    const key = column.toLowerCase();
    const known = byColumn.get(key);
    if (known) known.values.push(value);
    else {
      const condition = { column, values: [value] };
      byColumn.set(key, condition);
      conditions.push(condition);
    }
  }
  return { conditions, problems };
}

/** A `--where` condition as the `source.filter` rule that platform exports apply. */
export function whereFilter(condition: WhereCondition): SourceFilter {
  return { column: condition.column, in: condition.values };
}

/**
 * The first field of a CSV-shaped line: up to the first `,`, `;` or tab, unquoted (`""` is a quote).
 * @example firstField('"a,b",x') // 'a,b'
 */
function firstField(line: string): string {
  if (!line.startsWith('"')) return line.split(/[,;\t]/, 1)[0] as string;
  let out = '';
  for (let i = 1; i < line.length; i++) {
    const c = line[i] as string;
    if (c !== '"') out += c;
    else if (line[i + 1] === '"') {
      out += '"';
      i++;
    } else break;
  }
  return out;
}

/** Names an id column's header commonly has, besides the questionnaire's own respondent column. */
const ID_HEADERS = ['id', 'respondent', 'respondent id', 'respondentid', 'responseid', 'response id', 'row', 'line'];

/**
 * The entries of an exclude file: one respondent id (or row number) per line, trimmed; blank lines
 * and lines starting with `#` are skipped; a CSV line gives its first field, so a one-column export
 * of ids or a CSV whose first column is the id both work. A first entry equal to one of `headers`
 * (the questionnaire's respondent column and its source's), or to a usual id header (`id`,
 * `ResponseId`...), ignoring case, is that CSV's header and is skipped.
 * @example parseExcludeList('# pilot\nR7\n\nR9,too fast\n', ['respondent']) // [{value: 'R7', line: 2}, {value: 'R9', line: 4}]
 */
export function parseExcludeList(text: string, headers: readonly string[]): ExcludeEntry[] {
  const entries: ExcludeEntry[] = [];
  const names = new Set([...headers, ...ID_HEADERS].map((h) => h.trim().toLowerCase()));
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const value = firstField(line).trim();
    if (entries.length === 0 && names.has(value.toLowerCase())) return;
    if (value !== '') entries.push({ value, line: i + 1 });
  });
  return entries;
}

/**
 * What one table drops: its --where conditions (empty for an export, whose plan applies them), and
 * the exclude list by id (`idIndex` >= 0) or by the line a row starts on.
 */
export interface TableSelection {
  /** The --where conditions as the export plans' row filters (one matching, with its verdicts remembered). */
  conditions: RowFilter[];
  idIndex: number;
  /** Exclude entries by id, or by row number (positive integers) when the table has no id column. */
  excluded: Map<string, ExcludeEntry> | null;
  byLine: Map<number, ExcludeEntry> | null;
  /** Rows dropped per reason, in the order first seen. */
  dropped: Map<string, number>;
  excludedRows: number;
}

/** `sex is F` / `sex is one of F, M`, as `source.filter` words its reasons. */
export function describeWhere(condition: WhereCondition): string {
  const { column, values } = condition;
  return isOneOf(
    column,
    values.map((v) => (v.trim() === '' ? '(blank)' : v.trim())),
  );
}

/**
 * Prepares a selection for one table. `whereIndexes` are the header positions of the conditions
 * (none for an export: its plan filters); `idIndex` is the respondent id column, or -1, in which
 * case the exclude entries are row numbers and must be positive integers (problems otherwise, at
 * the exclude file's lines).
 */
export function planTableSelection(
  selection: Selection,
  whereIndexes: readonly number[] | null,
  idIndex: number,
): { table: TableSelection; problems: Problem[] } {
  const problems: Problem[] = [];
  const conditions =
    whereIndexes === null
      ? []
      : selection.where.map((condition, i) =>
          rowFilter(whereIndexes[i] as number, whereFilter(condition), '--where', describeWhere(condition)),
        );
  let excluded: Map<string, ExcludeEntry> | null = null;
  let byLine: Map<number, ExcludeEntry> | null = null;
  const entries = selection.exclude?.entries ?? [];
  if (selection.exclude !== null && idIndex >= 0) excluded = new Map(entries.map((e) => [e.value, e]));
  else if (selection.exclude !== null) {
    byLine = new Map();
    for (const entry of entries) {
      const n = Number(entry.value);
      if (/^\d+$/.test(entry.value) && Number.isSafeInteger(n) && n > 0) byLine.set(n, entry);
      else
        problems.push({
          code: 'exclude-file',
          line: entry.line,
          message: `"${entry.value}" is not a row number: the responses have no respondent id column, so each line names the line on which a response starts (the header is line 1)`,
          hint: 'list row numbers, or add the respondent id column to the responses',
        });
    }
  }
  return { table: { conditions, idIndex, excluded, byLine, dropped: new Map(), excludedRows: 0 }, problems };
}

/**
 * Whether a row is scored: every --where condition holds (its cell, folded as `source.filter`'s
 * `in` folds, is one of the values) and it is not excluded. A dropped row is counted once, under
 * the first rule it fails; `matched` collects the exclude entries that matched a row.
 */
export function keepRow(table: TableSelection, cells: RecordCells, line: number, matched: Set<ExcludeEntry>): boolean {
  const entry =
    table.excluded !== null
      ? table.excluded.get(cells.text(table.idIndex).trim())
      : table.byLine !== null
        ? table.byLine.get(line)
        : undefined;
  // An entry matched a response even when a --where condition drops that response first.
  if (entry !== undefined) matched.add(entry);
  for (const condition of table.conditions) {
    if (!passesFilter(condition, condition.index >= 0 ? cells.text(condition.index) : '')) {
      table.dropped.set(condition.reason, (table.dropped.get(condition.reason) ?? 0) + 1);
      return false;
    }
  }
  if (entry === undefined) return true;
  table.excludedRows++;
  return false;
}

/** A warning of choosing respondents, in the shape of the exports' (`count` is what a partial keeps). */
export type SelectionWarning = {
  code: 'filtered-responses' | 'excluded-responses' | 'exclude-unmatched';
  message: string;
  count: number;
  examples?: string[];
};

/** The drop counts of one table, worded as the exports' `filtered-responses`. */
export function tableSelectionWarnings(table: TableSelection, file: string, excludeFile: string): SelectionWarning[] {
  const where = file === '' ? '' : `${file}: `;
  const warnings: SelectionWarning[] = [...table.dropped].map(([reason, count]) => ({
    code: 'filtered-responses',
    message: `${where}${plural(count, 'response')} dropped by --where (kept only where ${reason})`,
    count,
  }));
  if (table.excludedRows > 0) {
    warnings.push({
      code: 'excluded-responses',
      message: `${where}${plural(table.excludedRows, 'response')} dropped by --exclude ${excludeFile} (${table.byLine ? 'by row number' : 'by respondent id'})`,
      count: table.excludedRows,
    });
  }
  return warnings;
}

/** Examples of unmatched exclude entries shown in the warning. */
const MAX_EXAMPLES = 5;

/** The exclude entries that matched no response: a warning (a typo, or the wrong file), not an error. */
export function unmatchedWarning(list: ExcludeList, matched: ReadonlySet<ExcludeEntry>): SelectionWarning | null {
  const unmatched = list.entries.filter((e) => !matched.has(e));
  if (unmatched.length === 0) return null;
  const examples = unmatched.slice(0, MAX_EXAMPLES).map((e) => e.value);
  return {
    code: 'exclude-unmatched',
    message: `${list.file}: ${plural(unmatched.length, 'entry', 'entries')} matched no response (${examples.join(', ')}${unmatched.length > examples.length ? ', ...' : ''})`,
    count: unmatched.length,
    examples,
  };
}
