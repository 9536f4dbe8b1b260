import type { Result } from '../core/scoring/result.js';
import { fill, type Labels } from './labels.js';
import { segmentTestLabelsOf } from './segment-test-labels.js';
import { isGap, type ScoreReading } from './view/reading.js';
import { anyMark, type SegmentPriority, segmentPriorities } from './view/segment-tests.js';

/**
 * The segment tests' legend and priorities as plain lines (the terminal and Markdown), in the
 * result's language. `text` makes data (segment values, labels) safe for the medium.
 */

/** The legend of the ▲/▼ marks, when any segment carries one. */
export function segmentLegend(result: Result, l: Labels): string | null {
  if (!anyMark(result)) return null;
  const t = segmentTestLabelsOf(l);
  return isGap(result.questionnaire.format) ? t.legend : t.legendPerceptions;
}

/** Why a priority is listed: below the rest, below 0 (the midpoint), or both. */
export function priorityReasons(p: SegmentPriority, result: Result, l: Labels): string {
  const t = segmentTestLabelsOf(l);
  const zero = isGap(result.questionnaire.format) ? t.zeroGap : t.midpoint;
  return [...(p.belowRest ? [t.belowRest] : []), ...(p.belowZero ? [fill(t.belowZero, { zero })] : [])].join(', ');
}

/**
 * The "top priorities per segment" section as list lines (with its heading), or none without
 * segments: Markdown, or plain for the terminal (`markup` false: no `###`, no bold).
 */
export function segmentPriorityLines(
  result: Result,
  l: Labels,
  r: ScoreReading,
  text: (s: string) => string,
  markup = true,
): string[] {
  if (result.segments.length === 0) return [];
  const t = segmentTestLabelsOf(l);
  const zero = isGap(result.questionnaire.format) ? t.zeroGap : t.midpoint;
  const { shown, more } = segmentPriorities(result);
  const out = [markup ? `### ${t.priorities}` : t.priorities, '', fill(t.prioritiesRule, { zero }), ''];
  if (shown.length === 0) return [...out, fill(t.none, { zero }), ''];
  for (const { segment, priorities } of shown) {
    const name = `${text(segment.column)}=${segment.value === '' ? '(blank)' : text(segment.value)}`;
    const list = priorities.map((p) => `${text(p.label)} ${r.score(p.score)} (${priorityReasons(p, result, l)})`);
    out.push(`- ${markup ? `**${name}**` : name} (n = ${segment.respondents.total}): ${list.join('; ')}`);
  }
  if (more > 0) out.push(`- ${fill(t.more, { n: String(more) })}`);
  return [...out, ''];
}
