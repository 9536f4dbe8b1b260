import { plural } from '../text/plural.js';
import { convertAnswer } from './labels.js';
import { passesFilter, type ExportPlan } from './plan.js';

/** What reading an export found besides the answers: dropped responses and speeders. */
export interface ExportStats {
  /** Responses read (kept and dropped). */
  responses: number;
  /** Responses dropped by a filter, per rule (`the filter (kept only where Finished is one of true, 1)`). */
  filtered: Map<string, number>;
  /**
   * Durations of the kept responses, in seconds (blank and non-numeric durations left out), as
   * how many responses took each: exports give whole seconds or hundredths, so this stays small
   * however many responses there are, and the median is still exact.
   */
  durations: Map<number, number>;
}

export function emptyExportStats(): ExportStats {
  return { responses: 0, filtered: new Map(), durations: new Map() };
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
  if (plan.duration >= 0) {
    const text = (record[plan.duration] ?? '').trim();
    const seconds = Number(text);
    if (text !== '' && Number.isFinite(seconds)) stats.durations.set(seconds, (stats.durations.get(seconds) ?? 0) + 1);
  }
  const out = new Array<string>(plan.from.length);
  for (let i = 0; i < plan.from.length; i++) {
    const text = record[plan.from[i] as number] ?? '';
    out[i] = plan.answer[i] ? convertAnswer(text, plan.texts[i] as ExportPlan['texts'][number]) : text;
  }
  return out.concat(record);
}

export interface Speeders {
  count: number;
  median: number;
  /** Respondents faster than this many seconds are speeders. */
  threshold: number;
  /** How many durations the median is over. */
  n: number;
}

/**
 * Speeders: durations below `ratio` times the median duration (the median of an even count is the
 * mean of the middle two). Null without durations.
 * `durations` counts the responses per duration.
 * @example countSpeeders(new Map([[100, 1], [200, 1], [300, 1], [30, 1]]), 1 / 3) // { count: 1, median: 150, threshold: 50, n: 4 }
 */
export function countSpeeders(durations: ReadonlyMap<number, number>, ratio: number): Speeders | null {
  const values = Float64Array.from(durations.keys()).sort();
  let n = 0;
  for (const count of durations.values()) n += count;
  if (n === 0) return null;
  // The k-th smallest duration (from 0), walking the distinct durations in order.
  const kth = (k: number): number => {
    let seen = 0;
    for (const value of values) {
      seen += durations.get(value) as number;
      if (seen > k) return value;
    }
    return values[values.length - 1] as number;
  };
  const mid = n >> 1;
  const median = n % 2 === 1 ? kth(mid) : (kth(mid - 1) + kth(mid)) / 2;
  const threshold = median * ratio;
  let count = 0;
  for (const value of values) {
    if (value >= threshold) break;
    count += durations.get(value) as number;
  }
  return { count, median, threshold, n };
}

/** A type alias, not an interface, so that it fits the result's `Warning` (which has an index signature). */
export type ExportWarning = {
  code: 'filtered-responses' | 'speeders';
  message: string;
  count: number;
  /** Speeders: the export, the cut-off and the median in seconds, so a report words them in its language. */
  file?: string;
  threshold?: number;
  median?: number;
};

/** The data-quality warnings of one export, worded like the scorer's. */
export function exportWarnings(stats: ExportStats, ratio: number, file = ''): ExportWarning[] {
  const where = file === '' ? '' : `${file}: `;
  const warnings: ExportWarning[] = [];
  for (const [drop, count] of stats.filtered) {
    warnings.push({
      code: 'filtered-responses',
      message: `${where}${plural(count, 'response')} dropped by ${drop}`,
      count,
    });
  }
  const speeders = countSpeeders(stats.durations, ratio);
  if (speeders && speeders.count > 0) {
    warnings.push({
      code: 'speeders',
      message: `${where}${plural(speeders.count, 'respondent')} answered in under ${+speeders.threshold.toFixed(1)} s, ${+(ratio * 100).toFixed(1)}% of the median duration (${+speeders.median.toFixed(1)} s): likely speeders`,
      count: speeders.count,
      ...(file === '' ? {} : { file }),
      threshold: speeders.threshold,
      median: speeders.median,
    });
  }
  return warnings;
}
