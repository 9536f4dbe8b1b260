import { COLOURS, clip, esc, legend, linear, px, svgFrame, text, textWidth, ticks, xAxis } from './common.js';

export interface MeanSeries {
  /** Stable key, e.g. `expectation`; becomes the class `series-<key>`. */
  key: string;
  label: string;
  colour: string;
}

interface MeanGroup {
  id: string;
  label: string;
  /** One value per series, in series order. */
  values: readonly (number | null)[];
}

export interface MeansOptions {
  chart: string;
  title: string;
  summary: string;
  scale: { min: number; max: number };
  series: readonly MeanSeries[];
  groups: readonly MeanGroup[];
  format: (value: number | null) => string;
}

const WIDTH = 720;
const BAR = 11;
const GAP = 2;

/**
 * Paired horizontal bars per group on the answer scale: one bar per series (E and P, or MIN, DES
 * and P, or P alone), each from the scale's minimum to the mean, with its value at the end.
 */
export function renderMeans(o: MeansOptions): string {
  const labels = o.groups.map((g) => clip(g.label, 28));
  const labelWidth = Math.min(220, Math.max(48, ...labels.map((l) => textWidth(l) + 14)));
  const groupHeight = o.series.length * (BAR + GAP) + 12;
  const top = 30;
  const plotBottom = top + Math.max(1, o.groups.length) * groupHeight;
  const height = plotBottom + 26;
  const x = linear([o.scale.min, o.scale.max], [labelWidth, WIDTH - 52]);
  const parts: string[] = [
    legend(
      labelWidth,
      14,
      o.series.map((s) => ({ label: s.label, colour: s.colour, className: `series-${s.key}` })),
    ),
    xAxis(ticks(o.scale.min, o.scale.max, Math.min(10, o.scale.max - o.scale.min)), x, top - 4, plotBottom, (v) =>
      String(v),
    ),
  ];
  o.groups.forEach((g, gi) => {
    const y0 = top + gi * groupHeight + 6;
    parts.push(
      text(
        labelWidth - 8,
        y0 + (o.series.length * (BAR + GAP)) / 2 + 3,
        labels[gi] ?? '',
        ` text-anchor="end" fill="${COLOURS.text}"`,
      ),
    );
    o.series.forEach((s, si) => {
      const value = g.values[si] ?? null;
      const y = y0 + si * (BAR + GAP);
      const shown =
        value === null || !Number.isFinite(value) ? null : Math.min(o.scale.max, Math.max(o.scale.min, value));
      const end = shown === null ? x(o.scale.min) : x(shown);
      if (shown !== null) {
        const tip = `${g.label} · ${s.label}: ${o.format(value)}`;
        parts.push(
          `<rect class="bar series-${s.key}" data-id="${esc(g.id)}" data-series="${s.key}" data-value="${value}" x="${px(x(o.scale.min))}" y="${px(y)}" ` +
            `width="${px(end - x(o.scale.min))}" height="${BAR}" fill="${s.colour}"><title>${esc(tip)}</title></rect>`,
        );
      }
      parts.push(text(end + 4, y + BAR - 2, o.format(value), ` class="value" font-size="10" fill="${COLOURS.muted}"`));
    });
  });
  if (o.groups.length === 0)
    parts.push(text(WIDTH / 2, top + 20, '–', ` text-anchor="middle" fill="${COLOURS.muted}"`));
  parts.push(
    `<line class="axis" x1="${px(x(o.scale.min))}" x2="${px(x(o.scale.min))}" y1="${px(top - 4)}" y2="${px(plotBottom)}" stroke="${COLOURS.axis}"/>`,
  );
  return svgFrame({ chart: o.chart, title: o.title, summary: o.summary, width: WIDTH, height, body: parts.join('') });
}
