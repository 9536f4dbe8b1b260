import type { Result } from '../core/scoring/result.js';
import { fill, type Labels } from './labels.js';
import { segmentDifferenceLines } from './segment-differences-text.js';
import { segmentTestLabelsOf } from './segment-test-labels.js';
import { priorityReasons } from './segment-tests-text.js';
import { esc } from './svg/common.js';
import { isGap, type ScoreReading } from './view/reading.js';
import { segmentPriorities } from './view/segment-tests.js';

/**
 * The HTML report's "top priorities per segment" (issue 15): a short list per segment with
 * significant findings, capped (see `segmentPriorities`), every string from the result escaped.
 * Nothing without segments.
 */
export function segmentPrioritiesSection(result: Result, l: Labels, r: ScoreReading, blank: string): string {
  if (result.segments.length === 0) return '';
  const t = segmentTestLabelsOf(l);
  const zero = isGap(result.questionnaire.format) ? t.zeroGap : t.midpoint;
  const { shown, more } = segmentPriorities(result);
  const out = [
    `<section id="segment-priorities">`,
    `<h2>${esc(t.priorities)}</h2>`,
    `<p class="note">${esc(fill(t.prioritiesRule, { zero }))}</p>`,
  ];
  if (shown.length === 0) return [...out, `<p>${esc(fill(t.none, { zero }))}</p>`, `</section>`].join('\n');
  // Only "below the rest" gets the ▼ of the tables; the words say it too, so it is never the only signal.
  const mark = `<span class="mark" role="img" aria-label="${esc(t.below)}" title="${esc(t.below)}">▼</span> `;
  out.push(`<ul class="segment-priorities">`);
  for (const { segment, priorities } of shown) {
    const name = `${segment.column}=${segment.value === '' ? blank : segment.value}`;
    const list = priorities.map(
      (p) =>
        `<li data-dimension="${esc(p.id)}">${p.belowRest ? mark : ''}${esc(p.label)} <span class="num">${esc(r.score(p.score))}</span> (${esc(priorityReasons(p, result, l))})</li>`,
    );
    out.push(
      `<li data-segment="${esc(name)}"><b>${esc(name)}</b> (n = ${segment.respondents.total})<ol>${list.join('')}</ol></li>`,
    );
  }
  out.push(`</ul>`);
  if (more > 0) out.push(`<p class="more">${esc(fill(t.more, { n: String(more) }))}</p>`);
  return [...out, `</section>`].join('\n');
}

/** Welch's ANOVA across segments (issue 16): a note and a list, every line escaped whole (data included). */
export function segmentDifferencesSection(result: Result, l: Labels): string {
  const [heading, ...lines] = segmentDifferenceLines(result, l, (s) => s);
  if (heading === undefined) return '';
  return [
    `<section id="segment-differences">`,
    `<p class="note">${esc(heading)}</p>`,
    `<ul>${lines.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`,
    `</section>`,
  ].join('\n');
}
