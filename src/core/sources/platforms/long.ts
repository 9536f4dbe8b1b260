import { countNames, bracketedColumns } from '../headers.js';
import type { Platform } from './platform.js';

/** The long format: one row per answer, `respondent,item,kind,value` (read by `core/sources/long.ts`). */

const NAMES = ['respondent', 'item', 'kind', 'value'];
const KIND_CELL = /^(e|p|min|des|expectation|perception|minimum|desired|weight|kpi|segment)$/i;

/** A long export under other column names: few columns, ids repeating, a column of kinds. */
function looksLong(rows: readonly (readonly string[])[]): boolean {
  const data = rows.slice(1);
  if (data.length < 2 || (rows[0]?.length ?? 0) > 6) return false;
  const repeats = data.every((row) => row[0] !== undefined && row[0].trim() !== '' && row[0] === data[0]?.[0]);
  const width = rows[0]?.length ?? 0;
  const kinds = Array.from({ length: width }, (_, c) =>
    data.every((row) => KIND_CELL.test((row[c] ?? '').trim())),
  ).some(Boolean);
  return repeats && kinds;
}

export const longFormat: Platform<'long'> = {
  id: 'long',
  name: 'long-format',
  layout: 'long',
  detectOrder: 50,
  detect(rows) {
    const first = rows[0] ?? [];
    if (countNames(first, NAMES) === 4 || (countNames(first, NAMES.slice(1)) === 3 && first.length <= 6))
      return { confidence: 'high', reason: 'columns respondent, item, kind, value' };
    if (looksLong(rows))
      return {
        confidence: 'high',
        reason: 'one row per answer: ids repeat down the first column beside a column of answer kinds',
      };
    return null;
  },
  headerRows: () => 1,
  describeColumns: bracketedColumns,
  respondentColumns: ['respondent'],
  durationColumns: [],
  filters: [],
  metadata: { names: [] },
};
