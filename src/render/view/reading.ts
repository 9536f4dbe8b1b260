import type { Format } from '../../core/questionnaire/model.js';
import type { Result } from '../../core/scoring/result.js';
import { unreachable } from '../formats.js';
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

export function readingOf(result: Result): ScoreReading {
  if (result.questionnaire.format === 'perceptions-only') {
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
  switch (format) {
    case 'two-column':
      return l.gap;
    case 'three-column':
      return l.mss;
    case 'perceptions-only':
      return l.perception;
    default:
      return unreachable(format);
  }
}

/** The one-line note under the headline saying how to read the scores. */
export function scoreNote(format: Format, l: Labels): string {
  switch (format) {
    case 'two-column':
      return l.gapNote;
    case 'three-column':
      return l.mssNote;
    case 'perceptions-only':
      return l.perceptionNote;
    default:
      return unreachable(format);
  }
}
