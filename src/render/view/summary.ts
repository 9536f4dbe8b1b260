import { plural } from '../../core/text/plural.js';
import type { DimensionResult, ItemResult, Result } from '../../core/scoring/result.js';
import { fill } from '../../core/text/fill.js';
import { fixed, pValue, signed } from '../format.js';
import { labelsFor } from '../labels.js';
import { type SummaryLabels, summaryLabelsFor } from '../summary-labels.js';
import { adviceView, noRecommendationsText } from './advice.js';
import { itemBaseline, readingOf, recommendationScore } from './reading.js';

/**
 * The executive summary a report opens with, as plain sentences (each renderer escapes them for
 * its medium). Everything is read from the result: the overall sentence from the weighted
 * overall and its CI; "fix first" from the result's recommendations worded through the advice view
 * (so the summary never contradicts the advice below it); "what is fine" from the dimensions' and
 * items' CIs and Holm-adjusted tests against the same baseline the advice uses.
 */
export interface SummaryView {
  heading: string;
  /** The overall result and its CI in one sentence (two when the scale is mirrored). */
  overall: string;
  fixHeading: string;
  /** Up to three sentences, one per item to fix first; or one sentence saying there is none. */
  fix: string[];
  /** What is fine: one or two sentences. */
  fine: string[];
  /** Data quality in one line. */
  quality: string;
}

/** How many items the summary names to fix first. */
const FIX_COUNT = 3;
/** How many names a "what is fine" list shows before "and N more". */
const LIST_COUNT = 5;

function list(names: readonly string[], s: SummaryLabels): string {
  if (names.length <= LIST_COUNT) return names.join(', ');
  return `${names.slice(0, LIST_COUNT).join(', ')} ${fill(s.more, { n: String(names.length - LIST_COUNT) })}`;
}

function ciText(ci: readonly [number, number] | null, gap: boolean, s: SummaryLabels): string {
  if (ci === null) return s.noCi;
  const show = (v: number) => (gap ? signed(v) : fixed(v));
  return fill(s.ci, { low: show(ci[0]), high: show(ci[1]) });
}

/** Whether a CI lies wholly below (-1), wholly above (1) or across (0) the baseline; null without one. */
function side(ci: readonly [number, number] | null, baseline: number): -1 | 0 | 1 | null {
  if (ci === null) return null;
  return ci[1] < baseline ? -1 : ci[0] > baseline ? 1 : 0;
}

function verdict(mean: number, ci: readonly [number, number] | null, baseline: number, s: SummaryLabels): string {
  const where = side(ci, baseline);
  const base = fixed(baseline).replace(/\.00$/, '');
  if (where === null) return s.untested;
  if (mean < baseline) return where === -1 ? s.significantShortfall : fill(s.unclearShortfall, { baseline: base });
  return where === 1 ? s.significantlyAbove : fill(s.unclearAbove, { baseline: base });
}

/** A number as the summary states a distance: always positive, two decimals. */
const amount = (v: number) => fixed(Math.abs(v));

function overallSentence(result: Result, s: SummaryLabels): string {
  const { mean, ci95 } = result.overall.weighted;
  if (mean === null) return s.noScore;
  const reading = readingOf(result);
  const { baseline } = reading;
  const ci = ciText(ci95, reading.gap, s);
  const said = verdict(mean, ci95, baseline, s);
  const { scale, format } = result.questionnaire;
  const rounded = Math.round((mean - baseline) * 100) === 0;
  let sentence: string;
  if (reading.gap) {
    const reference = format === 'three-column' ? s.referenceThreeColumn : s.referenceTwoColumn;
    sentence = rounded
      ? fill(s.gapEqual, { reference, ci })
      : fill(mean < baseline ? s.gapBelow : s.gapAbove, { amount: amount(mean), reference, ci, verdict: said });
  } else {
    const midpoint = fixed(baseline).replace(/\.00$/, '');
    const position = rounded
      ? fill(s.perceptionEqual, { midpoint })
      : fill(mean < baseline ? s.perceptionBelow : s.perceptionAbove, { amount: amount(mean - baseline), midpoint });
    sentence = fill(s.perception, {
      score: fixed(mean),
      scale: `${scale.min}-${scale.max}`,
      position,
      ci,
      verdict: said,
    });
  }
  return scale.best === 'low' ? `${sentence} ${fill(s.mirrored, { best: String(scale.min) })}` : sentence;
}

function significance(item: ItemResult | undefined, s: SummaryLabels): string {
  if (!item || item.pHolm === null) return s.itemUntested;
  return fill(item.pHolm < 0.05 ? s.itemSignificant : s.itemNotSignificant, { p: pValue(item.pHolm) });
}

function fixSentences(result: Result, s: SummaryLabels): string[] {
  const l = labelsFor(result.questionnaire.language);
  const recommendations = result.recommendations.slice(0, FIX_COUNT);
  if (recommendations.length === 0) return [noRecommendationsText(result, l)];
  const advice = adviceView(result);
  const items = new Map(result.items.map((i) => [i.id, i]));
  const dimensions = new Map(result.dimensions.map((d) => [d.id, d]));
  return recommendations.map((r) => {
    const item = items.get(r.item);
    const said = advice.recommendation(r);
    const values = {
      item: r.item,
      statement: item?.statement ?? '',
      dimension: dimensions.get(r.dimension)?.label ?? r.dimension,
      score: recommendationScore(result, l, r.gap),
      importance: fixed(r.importance),
      significance: significance(item, s),
      advice: said ? l.advice[said] : '',
    };
    const sentence = fill(item?.statement ? s.fix : s.fixNoStatement, values);
    // Without an advice (no quadrant), the sentence ends at the significance.
    return said ? sentence : sentence.replace(/; \.$/, '.');
  });
}

function fineSentences(result: Result, s: SummaryLabels): string[] {
  const reading = readingOf(result);
  const { format } = result.questionnaire;
  const reference =
    format === 'perceptions-only'
      ? s.referenceMidpoint
      : format === 'three-column'
        ? s.referenceDesired
        : s.referenceExpectations;
  const above = (d: DimensionResult) => side(d.gap.ci95, reading.baseline) === 1;
  const dimensionName = (d: DimensionResult) => `${d.label} (${reading.score(d.gap.mean)})`;
  const significant = result.dimensions.filter(above);
  const items = result.items.filter((i) => {
    const base = itemBaseline(reading, i);
    return i.gap.mean !== null && i.gap.mean > base && i.pHolm !== null && i.pHolm < 0.05;
  });
  const meeting = result.dimensions.filter(
    (d) => !above(d) && d.gap.mean !== null && Math.round((d.gap.mean - reading.baseline) * 100) >= 0,
  );
  const out: string[] = [];
  if (significant.length > 0)
    out.push(fill(s.fineDimensions, { reference, dimensions: list(significant.map(dimensionName), s) }));
  if (items.length > 0)
    out.push(
      fill(s.fineItems, {
        reference,
        items: list(
          items.map((i) => `${i.id} (${reading.score(i.gap.mean)})`),
          s,
        ),
      }),
    );
  if (meeting.length > 0)
    out.push(fill(s.meetDimensions, { reference, dimensions: list(meeting.map(dimensionName), s) }));
  // Three-column: short of the desired service may still be within the zone of tolerance.
  const tolerable =
    format === 'three-column' ? result.dimensions.filter((d) => d.zone === 'within' || d.zone === 'above') : [];
  const shown = new Set([...significant, ...meeting]);
  const zone = tolerable.filter((d) => !shown.has(d));
  if (zone.length > 0)
    out.push(
      fill(s.withinZone, {
        dimensions: list(
          zone.map((d) => d.label),
          s,
        ),
      }),
    );
  if (out.length === 0) {
    // Still something a reader can build on: the dimension closest to the baseline.
    const scored = result.dimensions.filter((d) => d.gap.mean !== null);
    const closest = scored.reduce<DimensionResult | null>(
      (best, d) => (best === null || (d.gap.mean as number) > (best.gap.mean as number) ? d : best),
      null,
    );
    out.push(fill(s.nothingFine, { reference, closest: closest ? dimensionName(closest) : '–' }));
  }
  return out;
}

function qualityLine(result: Result, s: SummaryLabels): string {
  const { scored, total, skippedCells } = result.respondents;
  return fill(s.quality, {
    scored: String(scored),
    total: String(total),
    skipped: String(skippedCells),
    warnings: String(result.warnings.length),
    // English counts with their nouns ("1 warning"); the Russian wording puts the bare number after a colon.
    skippedCells: plural(skippedCells, 'skipped cell'),
    warningCount: plural(result.warnings.length, 'warning'),
  });
}

/** The summary as lines of plain text in reading order (a workbook's rows). */
export function summaryLines(s: SummaryView): string[] {
  return [
    s.heading,
    s.overall,
    ...(s.fix.length > 0 ? [`${s.fixHeading}:`] : []),
    ...s.fix.map((line, i) => (s.fix.length > 1 ? `${i + 1}. ${line}` : line)),
    ...s.fine,
    s.quality,
  ];
}

/** The executive summary of a result, in its questionnaire's language. */
export function summaryView(result: Result): SummaryView {
  const s = summaryLabelsFor(result.questionnaire.language);
  return {
    heading: s.heading,
    overall: overallSentence(result, s),
    fixHeading: s.fixHeading,
    // Nothing scored: the overall sentence says so, and there is nothing to fix or to call fine.
    fix: result.overall.weighted.mean === null ? [] : fixSentences(result, s),
    fine: result.overall.weighted.mean === null ? [] : fineSentences(result, s),
    quality: qualityLine(result, s),
  };
}
