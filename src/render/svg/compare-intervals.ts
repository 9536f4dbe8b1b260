import { COLOURS, clip, domainOf, esc, legend, linear, px, svgFrame, text, ticks, xAxis } from './common.js';

/** One measure of a comparison: both waves' means and 95% intervals. */
export interface CompareIntervalRow {
  /** `overall:weighted`, `dimension:<id>`, `kpi:<id>`: written as `data-target`. */
  target: string;
  label: string;
  baseline: number | null;
  current: number | null;
  baselineCi: readonly [number, number] | null;
  currentCi: readonly [number, number] | null;
  significant: boolean;
}

export interface CompareIntervalsOptions {
  /** Stable name of the chart, e.g. `compare-dimensions`. */
  chart: string;
  title: string;
  summary: string;
  rows: readonly CompareIntervalRow[];
  baselineLabel: string;
  currentLabel: string;
  /** Marks a significant change beside its label. */
  significantMark: string;
  format: (value: number) => string;
  /** A reference line (0 for gaps) drawn when the data reach it; null for none (KPIs). */
  reference: number | null;
}

const WIDTH = 480;
const LABEL = 150;
const RIGHT = 20;
const TOP = 30;
const ROW = 30;

const SIDES = [
  { key: 'baseline', className: 'baseline', colour: COLOURS.expectation, offset: -6 },
  { key: 'current', className: 'current', colour: COLOURS.perception, offset: 6 },
] as const;

/**
 * Baseline and current means of each measure with their 95% intervals, one row per measure: a
 * whisker per wave (baseline light, current dark) with a dot at the mean, the measure's label on the
 * left with a mark when the change is significant, a shared axis along the bottom. A side without a
 * value draws nothing; a side without an interval draws only its dot. Labels are escaped.
 */
export function renderCompareIntervals(o: CompareIntervalsOptions): string {
  const values: number[] = [];
  for (const r of o.rows) {
    for (const v of [r.baseline, r.current, ...(r.baselineCi ?? []), ...(r.currentCi ?? [])]) {
      if (v !== null && Number.isFinite(v)) values.push(v);
    }
  }
  const domain = domainOf(values, o.reference);
  const bottom = TOP + o.rows.length * ROW;
  const x = linear(domain, [LABEL, WIDTH - RIGHT]);
  const height = bottom + 24;
  const parts: string[] = [
    legend(LABEL, 16, [
      { label: o.baselineLabel, colour: COLOURS.expectation, className: 'baseline' },
      { label: o.currentLabel, colour: COLOURS.perception, className: 'current' },
    ]),
    xAxis(ticks(domain[0], domain[1], 4), x, TOP, bottom, o.format),
  ];
  if (o.reference !== null && o.reference >= domain[0] && o.reference <= domain[1]) {
    parts.push(
      `<line class="reference" x1="${px(x(o.reference))}" x2="${px(x(o.reference))}" y1="${px(TOP)}" y2="${px(bottom)}" stroke="${COLOURS.axis}"/>`,
    );
  }
  o.rows.forEach((r, i) => {
    const mid = TOP + i * ROW + ROW / 2;
    const name = `${clip(r.label, 22)}${r.significant ? ` ${o.significantMark}` : ''}`;
    const marks = SIDES.map((side) => {
      const value = r[side.key];
      if (value === null || !Number.isFinite(value)) return '';
      const ci = side.key === 'baseline' ? r.baselineCi : r.currentCi;
      const y = mid + side.offset;
      const whisker = ci
        ? `<line class="interval ${side.className}" x1="${px(x(ci[0]))}" x2="${px(x(ci[1]))}" y1="${px(y)}" y2="${px(y)}" stroke="${side.colour}" stroke-width="3"/>`
        : '';
      const tip = `${side.key === 'baseline' ? o.baselineLabel : o.currentLabel}: ${o.format(value)}${ci ? ` (${o.format(ci[0])}..${o.format(ci[1])})` : ''}`;
      return `${whisker}<circle class="point ${side.className}" cx="${px(x(value))}" cy="${px(y)}" r="4" fill="${side.colour}"><title>${esc(tip)}</title></circle>`;
    }).join('');
    parts.push(
      `<g class="row${r.significant ? ' significant' : ''}" data-target="${esc(r.target)}">${text(LABEL - 8, mid + 4, name, ` text-anchor="end" fill="${COLOURS.text}"${r.significant ? ' font-weight="600"' : ''}`)}${marks}</g>`,
    );
  });
  return svgFrame({
    chart: o.chart,
    title: o.title,
    summary: o.summary,
    width: WIDTH,
    height,
    body: parts.join(''),
    attributes: ' data-kind="compare"',
  });
}
