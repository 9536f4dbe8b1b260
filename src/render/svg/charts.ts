import { segmentTestLabelsOf } from '../segment-test-labels.js';
import { segmentLegend } from '../segment-tests-text.js';
import { dimensionMark, overallMark } from '../view/segment-tests.js';
import type { Result } from '../../core/scoring/result.js';
import { fixed, percent, signed } from '../format.js';
import type { HtmlLabels } from '../html-labels.js';
import { fill, type Labels } from '../labels.js';
import { answerMeans, answerRange, byFormat, itemBaseline, readingOf, type ScoreReading } from '../view/reading.js';
import { dimensionStanding } from '../view/advice.js';
import { COLOURS, figure } from './common.js';
import { renderGapBars, type GapBar } from './gap-bars.js';
import { renderIpa } from './ipa.js';
import { renderMeans, type MeanSeries } from './means.js';
import { renderNps } from './nps.js';
import { renderSegments } from './segments.js';
import { renderZones } from './zones.js';
import { heatmapSegments } from '../view/segment-cap.js';

/** Where scores are measured from, as the charts' summaries say it: 0, or the scale midpoint. */
function reference(r: ScoreReading, h: HtmlLabels): string {
  return r.gap ? '0' : fill(h.midpoint, { m: fixed(r.baseline, 1) });
}

function meansChart(result: Result, h: HtmlLabels): string {
  const { format } = result.questionnaire;
  // Dimension means of items on their own scales lie within the widest range.
  const scale = answerRange(result);
  const series: MeanSeries[] = answerMeans(format).map((key) => ({ key, label: h[key], colour: COLOURS[key] }));
  const title = byFormat(format, {
    'two-column': h.chart.meansTwo,
    'three-column': h.chart.meansThree,
    'perceptions-only': h.chart.meansPerceptions,
  });
  const summary = fill(h.chart.meansSummary, { scale: `${scale.min}-${scale.max}` });
  const groups = result.dimensions.map((d) => ({
    id: d.id,
    label: d.label,
    values: answerMeans(format).map((key) => d[key]),
  }));
  const svg = renderMeans({
    chart: 'means-dimensions',
    title,
    summary,
    scale,
    series,
    groups,
    format: (v) => fixed(v),
  });
  return figure('fig-means-dimensions', svg, title, summary);
}

function gapCharts(result: Result, h: HtmlLabels, r: ScoreReading): string[] {
  const [dimTitle, itemTitle] = byFormat(result.questionnaire.format, {
    'two-column': [h.chart.gapDimensions, h.chart.gapItems],
    'three-column': [h.chart.mssDimensions, h.chart.mssItems],
    'perceptions-only': [h.chart.perceptionDimensions, h.chart.perceptionItems],
  });
  const ref = reference(r, h);
  const summary = fill(h.chart.gapSummary, { ref });
  const dims: GapBar[] = result.dimensions.map((d) => ({
    id: d.id,
    label: d.label,
    mean: d.gap.mean,
    ci: d.gap.ci95,
    n: d.gap.n,
  }));
  const items: GapBar[] = result.items.map((i) => ({
    id: i.id,
    label: i.id,
    mean: i.gap.mean,
    ci: i.gap.ci95,
    n: i.gap.n,
    ...(itemBaseline(r, i) !== r.baseline ? { baseline: itemBaseline(r, i) } : {}),
  }));
  const common = { summary, baseline: r.baseline, format: r.score, formatInterval: r.interval };
  return [
    figure(
      'fig-gap-dimensions',
      renderGapBars({ ...common, chart: 'gap-dimensions', title: dimTitle, bars: dims }),
      dimTitle,
      summary,
    ),
    figure(
      'fig-gap-items',
      renderGapBars({ ...common, chart: 'gap-items', title: itemTitle, bars: items }),
      itemTitle,
      summary,
    ),
  ];
}

function ipaChart(result: Result, h: HtmlLabels): string {
  const reading = readingOf(result);
  const short = new Set(
    result.dimensions.filter((d) => dimensionStanding(d, reading.baseline) === 'shortfall').map((d) => d.id),
  );
  const points = result.dimensions.map((d) => ({
    id: d.id,
    label: d.label,
    performance: d.perception,
    importance: d.importance,
    quadrant: d.quadrant,
    shortfall: short.has(d.id),
  }));
  const shortfallName = reading.gap ? h.chart.ipaShortfallGap : h.chart.ipaShortfallMidpoint;
  const svg = renderIpa({
    title: h.chart.ipa,
    summary: h.chart.ipaSummary,
    points,
    quadrantNames: h.quadrantNames,
    xLabel: h.chart.ipaX,
    yLabel: h.chart.ipaY,
    shortfallName,
  });
  const ringed = points.filter((p) => p.shortfall && p.performance !== null && p.importance !== null);
  const caption =
    ringed.length === 0
      ? h.chart.ipaSummary
      : `${h.chart.ipaSummary} ${fill(h.chart.ipaRinged, { what: shortfallName, dimensions: ringed.map((p) => p.label).join(', ') })}`;
  return figure('fig-ipa', svg, h.chart.ipa, caption);
}

function zonesChart(result: Result, l: Labels, h: HtmlLabels): string {
  const svg = renderZones({
    title: h.chart.zones,
    summary: h.chart.zonesSummary,
    scale: answerRange(result),
    rows: result.items.map((i) => ({
      id: i.id,
      label: i.id,
      minimum: i.minimum,
      desired: i.desired,
      perception: i.perception,
      zone: i.zone,
    })),
    zoneNames: l.zones,
    bandLabel: `${h.minimum} – ${h.desired}`,
    format: (v) => fixed(v),
  });
  return figure('fig-zones', svg, h.chart.zones, h.chart.zonesSummary);
}

function npsCharts(result: Result, h: HtmlLabels): string[] {
  return result.kpis
    .filter((k) => k.type === 'nps')
    .map((k, i) => {
      const title = fill(h.chart.nps, { id: k.id });
      const svg = renderNps({
        id: k.id,
        title,
        summary: h.chart.npsSummary,
        n: k.n,
        score: k.score,
        detractors: k.detractors ?? null,
        passives: k.passives ?? null,
        promoters: k.promoters ?? null,
        names: { detractors: h.detractors, passives: h.passives, promoters: h.promoters },
        formatScore: (v) => signed(v, 1),
        formatShare: (v) => percent(v),
      });
      return figure(`fig-nps-${i + 1}`, svg, title, h.chart.npsSummary);
    });
}

function segmentsChart(result: Result, l: Labels, h: HtmlLabels, r: ScoreReading): string {
  const ref = reference(r, h);
  const legend = segmentLegend(result, l);
  const summary = legend
    ? `${fill(h.chart.segmentsSummary, { ref })} ${legend}`
    : fill(h.chart.segmentsSummary, { ref });
  const t = segmentTestLabelsOf(l);
  const columns = [
    { id: 'overall', label: l.overall },
    ...result.dimensions.map((d) => ({ id: d.id, label: d.label })),
  ];
  const { shown, more } = heatmapSegments(result.segments);
  const rows = shown.map((s) => {
    const byId = new Map(s.dimensions.map((d) => [d.id, d.gap.mean]));
    return {
      label: `${s.column}=${s.value === '' ? h.blank : s.value}`,
      n: s.respondents.total,
      values: [s.overall.weighted.mean, ...result.dimensions.map((d) => byId.get(d.id) ?? null)],
      marks: [overallMark(s), ...result.dimensions.map((d) => dimensionMark(s, d.id))],
    };
  });
  const svg = renderSegments({
    title: h.chart.segments,
    summary,
    columns,
    rows,
    baseline: r.baseline,
    format: r.score,
    markTitles: { above: t.above, below: t.below },
  });
  const caption =
    more > 0 ? `${summary} ${fill(h.chart.segmentsMore, { shown: String(shown.length), n: String(more) })}` : summary;
  return figure('fig-segments', svg, h.chart.segments, caption);
}

/** Every chart of the report, as `<figure>` elements in reading order. */
export function renderCharts(result: Result, l: Labels, h: HtmlLabels): string[] {
  const reading = readingOf(result);
  return [
    meansChart(result, h),
    ...gapCharts(result, h, reading),
    ipaChart(result, h),
    // Zones of tolerance need MIN and DES.
    ...(answerMeans(result.questionnaire.format).includes('minimum') ? [zonesChart(result, l, h)] : []),
    ...npsCharts(result, h),
    ...(result.segments.length > 0 ? [segmentsChart(result, l, h, reading)] : []),
  ];
}
