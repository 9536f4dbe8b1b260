import type { ExportColumn } from '../headers.js';
import { DEFAULT_MISSING, NUMBER, NUMBERED_LABEL, normaliseAnswer } from '../labels.js';

/**
 * What the first records say about one export column, for `init --from`: how many cells are
 * filled, which are whole numbers (and which), which are text (by their folded form), which are
 * missing codes. Built from strings only, so any reader that yields a header and string records
 * (CSV today, XLSX or SPSS later) feeds it.
 */
export interface ColumnProfile {
  column: ExportColumn;
  /** Cells that are neither blank nor a missing code. */
  filled: number;
  /** Whole numbers (also the number of a numbered label such as `7 - Strongly agree`), counted. */
  numbers: Map<number, number>;
  /** Cells that are numbers but not whole (decimals), or out of every rating range. */
  otherNumbers: number;
  /** Text cells by folded form: the first spelling seen and how many times. */
  texts: Map<string, { text: string; count: number }>;
  /** Missing codes seen, as first spelled. */
  missing: Map<string, string>;
  /** Distinct filled values (capped), to tell ids and comments from categories. */
  distinct: number;
  /** The longest filled cell, in characters. */
  longest: number;
  /** The words of numbered labels (`1 - Excellent`), by number, as first seen. */
  numberedWords: Map<number, string>;
}

/** Distinct values counted at most: past this a column is an id or free text anyway. */
const MAX_DISTINCT = 1000;

/**
 * Profiles of every column from the records after the header rows.
 * @example profileColumns(columns, [['1', 'Agree'], ['2', 'N/A']])[1].texts.get('agree') // { text: 'Agree', count: 1 }
 */
export function profileColumns(
  columns: readonly ExportColumn[],
  records: readonly (readonly string[])[],
): ColumnProfile[] {
  return columns.map((column) => {
    const profile: ColumnProfile = {
      column,
      filled: 0,
      numbers: new Map(),
      otherNumbers: 0,
      texts: new Map(),
      missing: new Map(),
      distinct: 0,
      longest: 0,
      numberedWords: new Map(),
    };
    const seen = new Set<string>();
    for (const record of records) {
      const cell = (record[column.index] ?? '').trim();
      if (cell === '') continue;
      const key = normaliseAnswer(cell);
      if (DEFAULT_MISSING.includes(key)) {
        if (!profile.missing.has(key)) profile.missing.set(key, cell);
        continue;
      }
      profile.filled++;
      profile.longest = Math.max(profile.longest, cell.length);
      if (seen.size < MAX_DISTINCT) seen.add(key);
      const numbered = NUMBER.test(cell) ? cell : NUMBERED_LABEL.exec(cell)?.[1];
      if (numbered !== undefined && numbered !== cell && !profile.numberedWords.has(Number(numbered)))
        profile.numberedWords.set(Number(numbered), cell.slice(numbered.length).replace(/^[\s\-=:.)(]+/, ''));
      const value = numbered === undefined ? Number.NaN : Number(numbered.replace(',', '.'));
      if (Number.isInteger(value)) profile.numbers.set(value, (profile.numbers.get(value) ?? 0) + 1);
      else if (Number.isFinite(value)) profile.otherNumbers++;
      else {
        const known = profile.texts.get(key);
        if (known) known.count++;
        else profile.texts.set(key, { text: cell, count: 1 });
      }
    }
    profile.distinct = seen.size;
    return profile;
  });
}

/** How many filled cells are whole numbers. */
export function wholeNumbers(profile: ColumnProfile): number {
  let n = 0;
  for (const count of profile.numbers.values()) n += count;
  return n;
}

/** The smallest and largest whole number seen, or null. */
export function numberRange(profile: ColumnProfile): { min: number; max: number } | null {
  if (profile.numbers.size === 0) return null;
  const values = [...profile.numbers.keys()];
  return { min: Math.min(...values), max: Math.max(...values) };
}
