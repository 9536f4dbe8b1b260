import type { Format } from '../../core/questionnaire/model.js';
import type { Result } from '../../core/scoring/result.js';
import { fixed, interval, signed } from '../format.js';
import type { Labels } from '../labels.js';

/**
 * How the scores of a result read, decided once from the questionnaire's format: gaps are signed
 * around 0 (two- and three-column), perceptions only are plain means around the scale midpoint.
 */
export interface ScoreReading {
  /** The reference a score is above or below: 0 for a gap, the scale midpoint for a perception. */
  baseline: number;
  /** Whether scores are signed gaps (coloured by sign in a terminal). */
  gap: boolean;
  score: (value: number | null) => string;
  interval: (ci: readonly [number, number] | null) => string;
}

/**
 * The answer range a chart of several items' means spans: the questionnaire's scale widened to
 * every item's own scale, so an item on 0-1 beside 1-5 items is drawn on 0-5.
 * @example answerRange(result) // { min: 0, max: 5 }
 */
export function answerRange(result: Result): { min: number; max: number } {
  let { min, max } = result.questionnaire.scale;
  for (const item of result.items) {
    if (!item.scale) continue;
    min = Math.min(min, item.scale.min);
    max = Math.max(max, item.scale.max);
  }
  return { min, max };
}

/**
 * The reference an item's score is read against: the reading's baseline, except for a perception
 * of an item on its own scale, whose midpoint it is.
 */
export function itemBaseline(r: ScoreReading, item: Result['items'][number]): number {
  return !r.gap && item.scale ? (item.scale.min + item.scale.max) / 2 : r.baseline;
}

/** Whether a format's scores are gaps (two- and three-column) rather than mean perceptions. */
export function isGap(format: Format): boolean {
  return byFormat(format, { 'two-column': true, 'three-column': true, 'perceptions-only': false });
}

export function readingOf(result: Result): ScoreReading {
  if (!isGap(result.questionnaire.format)) {
    const { min, max } = result.questionnaire.scale;
    return {
      baseline: (min + max) / 2,
      gap: false,
      score: (v) => fixed(v),
      interval: (ci) => interval(ci).replaceAll('+', ''),
    };
  }
  return { baseline: 0, gap: true, score: (v) => signed(v), interval: (ci) => interval(ci) };
}

/** The name of the score column (an item's or dimension's gap.mean): Gap, MSS or P. */
export function scoreLabel(format: Format, l: Labels): string {
  return byFormat(format, { 'two-column': l.gap, 'three-column': l.mss, 'perceptions-only': l.perception });
}

/** The one-line note under the headline saying how to read the scores. */
export function scoreNote(format: Format, l: Labels): string {
  return byFormat(format, { 'two-column': l.gapNote, 'three-column': l.mssNote, 'perceptions-only': l.perceptionNote });
}

/** The answers a format asks for, as means in report order (the means chart's series). */
export type AnswerMean = 'minimum' | 'desired' | 'expectation' | 'perception';

export function answerMeans(format: Format): readonly AnswerMean[] {
  return byFormat<readonly AnswerMean[]>(format, {
    'two-column': ['expectation', 'perception'],
    'three-column': ['minimum', 'desired', 'perception'],
    'perceptions-only': ['perception'],
  });
}

/** One value per questionnaire format: the record's type makes the list exhaustive (a new format is a compile error until it has its value). */
export function byFormat<T>(format: Format, values: Record<Format, T>): T {
  return values[format];
}

/**
 * A recommendation's score in words: `gap -1.20` (two-column), `MSS -0.50` (three-column), `P 2.31`
 * (perceptions-only, where the number is a mean perception, not a gap).
 * @example recommendationScore(result, labels, -1.2) // 'gap -1.20'
 */
export function recommendationScore(result: Result, l: Labels, value: number | null): string {
  const { format } = result.questionnaire;
  const name = format === 'two-column' ? l.gap.toLowerCase() : scoreLabel(format, l);
  return `${name} ${readingOf(result).score(value)}`;
}
