import type { Result, SegmentResult, VersusRest } from '../../core/scoring/result.js';
import { isGap } from './reading.js';

/**
 * What reports show of the segment tests (issue 15): a mark beside a segment's score when it
 * differs from the other respondents' after Holm, and the top priorities per segment.
 */

/** The significance level of the marks and priorities (on Holm-adjusted p). */
const ALPHA = 0.05;

export type Mark = 'above' | 'below';

/** ▲ above, ▼ below the other respondents; undefined when not significant or untested. */
function markOf(test: VersusRest | undefined): Mark | undefined {
  if (!test || test.pHolm === null || test.difference === null || !(test.pHolm < ALPHA)) return undefined;
  return test.difference < 0 ? 'below' : test.difference > 0 ? 'above' : undefined;
}

export const MARK_SYMBOL: Record<Mark, string> = { above: '▲', below: '▼' };

/** A score's text with its mark, if any, after it. */
export const withMark = (text: string, mark: Mark | undefined): string =>
  mark ? `${text} ${MARK_SYMBOL[mark]}` : text;

export const overallMark = (s: SegmentResult): Mark | undefined => markOf(s.test?.overall);

export const dimensionMark = (s: SegmentResult, id: string): Mark | undefined =>
  markOf(s.test?.dimensions.find((d) => d.id === id));

export interface SegmentPriority {
  id: string;
  label: string;
  /** The segment's mean gap (perceptions only: mean perception). */
  score: number;
  /** Gap × importance; perceptions only: (perception − midpoint) × importance. Negative is a shortfall. */
  shortfall: number;
  belowRest: boolean;
  belowZero: boolean;
}

export interface SegmentPriorities {
  segment: SegmentResult;
  priorities: SegmentPriority[];
}

/** Priorities shown per segment, and segments listed before "and N more". */
export const PRIORITIES_PER_SEGMENT = 3;
export const PRIORITY_SEGMENTS_SHOWN = 12;

/**
 * The rule (docs/decisions.md): a dimension of a segment qualifies when it is significantly below
 * the other respondents (Welch, Holm p < .05, negative difference) or its 95% CI lies wholly below
 * 0 (perceptions only: below the scale midpoint). Qualifying dimensions rank by weighted shortfall
 * (score minus baseline, times the segment's importance, or the result's when the segment has none),
 * most negative first; ties by the dimension's order. Segments with findings keep the result's
 * order; the first `cap` are listed and the rest counted.
 */
export function segmentPriorities(
  result: Result,
  cap = PRIORITY_SEGMENTS_SHOWN,
): { shown: SegmentPriorities[]; more: number } {
  const baseline = isGap(result.questionnaire.format)
    ? 0
    : (result.questionnaire.scale.min + result.questionnaire.scale.max) / 2;
  const label = new Map(result.dimensions.map((d) => [d.id, d.label]));
  const overallImportance = new Map(result.dimensions.map((d) => [d.id, d.importance]));
  const found: SegmentPriorities[] = [];
  for (const segment of result.segments) {
    const priorities: SegmentPriority[] = [];
    for (const d of segment.dimensions) {
      const score = d.gap.mean;
      if (score === null) continue;
      const belowRest = dimensionMark(segment, d.id) === 'below';
      const belowZero = d.gap.ci95 !== null && d.gap.ci95[1] < baseline;
      if (!belowRest && !belowZero) continue;
      const importance = d.importance ?? overallImportance.get(d.id) ?? 1;
      priorities.push({
        id: d.id,
        label: label.get(d.id) ?? d.label,
        score,
        shortfall: (score - baseline) * importance,
        belowRest,
        belowZero,
      });
    }
    if (priorities.length === 0) continue;
    // Array.prototype.sort is stable: equal shortfalls keep the dimensions' order.
    priorities.sort((a, b) => a.shortfall - b.shortfall);
    found.push({ segment, priorities: priorities.slice(0, PRIORITIES_PER_SEGMENT) });
  }
  return { shown: found.slice(0, cap), more: Math.max(0, found.length - cap) };
}

/** Whether any segment carries a mark: the legend is shown only then. */
export const anyMark = (result: Result): boolean =>
  result.segments.some((s) => overallMark(s) !== undefined || s.dimensions.some((d) => dimensionMark(s, d.id)));
