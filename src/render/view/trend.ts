import type { Language } from '../../core/questionnaire/model.js';
import type { Trend, TrendSeries, TrendStep } from '../../core/trend/trend.js';
import { fixed, interval, pValue, signed } from '../format.js';
import { labelsFor } from '../labels.js';
import { sparkline } from '../sparkline.js';

/** The trend's series grouped as reported: overall, dimensions, KPIs (empty groups left out). */
export function trendSections(trend: Trend, language: Language): { heading: string; series: TrendSeries[] }[] {
  const l = labelsFor(language);
  const of = (kind: TrendSeries['kind']) => trend.series.filter((s) => s.kind === kind);
  return [
    { heading: l.overall, series: of('overall') },
    { heading: l.dimensions, series: of('dimension') },
    { heading: l.kpis, series: of('kpi') },
  ].filter((s) => s.series.length > 0);
}

/** A series' name for people: the localised overall names, else its label. */
export function seriesName(series: TrendSeries, language: Language): string {
  const l = labelsFor(language);
  if (series.target === 'overall:weighted') return l.weighted;
  if (series.target === 'overall:unweighted') return l.unweighted;
  return series.label;
}

/** Decimals a series' values are written with: NPS and CSAT are percentages (1), gaps and CES means (2). */
export function digitsOf(series: TrendSeries): number {
  return series.type === 'nps' || series.type === 'csat' ? 1 : 2;
}

/** A wave's value as reports write it (gaps signed). */
export function valueText(series: TrendSeries, value: number | null): string {
  return series.kind === 'kpi' ? fixed(value, digitsOf(series)) : signed(value, digitsOf(series));
}

/** A wave's 95% interval as `lo..hi`. */
export function intervalText(series: TrendSeries, ci: readonly [number, number] | null): string {
  if (series.kind !== 'kpi') return interval(ci, digitsOf(series));
  return ci ? `${fixed(ci[0], digitsOf(series))}..${fixed(ci[1], digitsOf(series))}` : '–';
}

/** `▲` a significant rise, `▼` a significant drop (on Holm-adjusted p), else nothing; `^`/`v` in ASCII. */
export function stepMark(step: TrendStep | undefined, ascii = false): string {
  if (step === undefined || !step.significant) return '';
  if (step.direction === 'up') return ascii ? '^' : '▲';
  if (step.direction === 'down') return ascii ? 'v' : '▼';
  return '';
}

/** A step as `-0.73 ▼ (p <0.001)`: the change, its mark and Holm-adjusted p. */
export function stepText(series: TrendSeries, step: TrendStep | undefined, ascii = false): string {
  if (step === undefined || step.change === null) return '–';
  const mark = stepMark(step, ascii);
  return `${signed(step.change, digitsOf(series))}${mark ? ` ${mark}` : ''} (p ${pValue(step.pHolm)})`;
}

/**
 * A series' sparkline, spanning its values and their 95% intervals: a wobble inside the intervals
 * stays near flat, a move beyond them fills the height.
 */
export function trendSparkline(series: TrendSeries, ascii = false): string {
  const bounds = series.points
    .flatMap((p) => [p.value, ...(p.ci95 ?? [])])
    .filter((v): v is number => v !== null && Number.isFinite(v));
  const range = bounds.length > 0 ? ([Math.min(...bounds), Math.max(...bounds)] as const) : undefined;
  return sparkline(
    series.points.map((p) => p.value),
    { ascii, ...(range ? { range } : {}) },
  );
}

/** The change columns: every consecutive step, then every step from the first wave not already among them. */
export function stepColumns(trend: Trend): { heading: string; pick: (s: TrendSeries) => TrendStep | undefined }[] {
  const name = (i: number) => trend.waves[i]?.label ?? String(i + 1);
  const columns = trend.waves.slice(1).map((_, i) => ({
    heading: `${name(i)} → ${name(i + 1)}`,
    pick: (s: TrendSeries) => s.consecutive[i],
  }));
  for (let i = 1; i < trend.waves.length - 1; i++) {
    columns.push({ heading: `${name(0)} → ${name(i + 1)}`, pick: (s: TrendSeries) => s.versusFirst[i] });
  }
  return columns;
}
