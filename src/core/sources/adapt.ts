import { plural } from '../text/plural.js';
import { convertAnswer } from './labels.js';
import { passesFilter, type ExportPlan } from './plan.js';

/** What reading an export found besides the answers: dropped responses (speeders are the scorer's, per row). */
export interface ExportStats {
  /** Responses read (kept and dropped). */
  responses: number;
  /** Responses dropped by a filter, per rule (`the filter (kept only where Finished is one of true, 1)`). */
  filtered: Map<string, number>;
}

export function emptyExportStats(): ExportStats {
  return { responses: 0, filtered: new Map() };
}

/**
 * One export record as the generic record of `plan.header`, or null when the filter drops it
 * (counted in `stats`). Answer cells go through the labels and missing codes; the export's own
 * cells follow unchanged, so --group-by can name any export column.
 * @example adaptRecord(plan, ['R_1', 'True', 'Strongly agree'], stats) // ['R_1', '7', 'R_1', 'True', 'Strongly agree']
 */
export function adaptRecord(plan: ExportPlan, record: readonly string[], stats: ExportStats): string[] | null {
  stats.responses++;
  for (const rule of plan.filters) {
    if (!passesFilter(rule, record[rule.index] ?? '')) {
      stats.filtered.set(rule.drop, (stats.filtered.get(rule.drop) ?? 0) + 1);
      return null;
    }
  }
  const out = new Array<string>(plan.from.length);
  for (let i = 0; i < plan.from.length; i++) {
    const text = record[plan.from[i] as number] ?? '';
    out[i] = plan.answer[i] ? convertAnswer(text, plan.texts[i] as ExportPlan['texts'][number]) : text;
  }
  return out.concat(record);
}

/** A type alias, not an interface, so that it fits the result's `Warning` (which has an index signature). */
export type ExportWarning = {
  code: 'filtered-responses';
  message: string;
  count: number;
};

/** The data-quality warnings of one export, worded like the scorer's. */
export function exportWarnings(stats: ExportStats, file = ''): ExportWarning[] {
  const where = file === '' ? '' : `${file}: `;
  return [...stats.filtered].map(([drop, count]) => ({
    code: 'filtered-responses',
    message: `${where}${plural(count, 'response')} dropped by ${drop}`,
    count,
  }));
}
