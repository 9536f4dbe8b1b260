import { COLOURS, clip, domainOf, esc, linear, px, svgFrame, text, textWidth, ticks, xAxis } from './common.js';

export interface GapBar {
  id: string;
  label: string;
  mean: number | null;
  ci: readonly [number, number] | null;
  n: number;
  /** This bar's own reference line (a perception of an item on its own scale: its midpoint), else the chart's. */
  baseline?: number;
}

export interface GapBarsOptions {
  chart: string;
  title: string;
  summary: string;
  bars: readonly GapBar[];
  /** The reference line: 0 for gaps, the scale midpoint for perceptions only. */
  baseline: number;
  /** How a value is written beside its bar. */
  format: (value: number | null) => string;
  /** How the interval is written in a bar's tooltip. */
  formatInterval: (ci: readonly [number, number] | null) => string;
}

/** `neg` below the baseline, `pos` above, `zero` on it: the class tests and styles read. */
function signClass(value: number, baseline: number): 'neg' | 'pos' | 'zero' {
  return value < baseline ? 'neg' : value > baseline ? 'pos' : 'zero';
}

const ROW = 24;
const BAR = 14;
const WIDTH = 720;

/**
 * Horizontal bars diverging from a reference line, one row per entry, with 95% interval
 * whiskers and value labels; a missing mean draws no bar and writes "–".
 */
export function renderGapBars(o: GapBarsOptions): string {
  const labels = o.bars.map((b) => clip(b.label, 28));
  const labelWidth = Math.min(220, Math.max(48, ...labels.map((l) => textWidth(l) + 14)));
  const valueWidth = 58;
  const top = 12;
  const plotBottom = top + Math.max(1, o.bars.length) * ROW;
  const height = plotBottom + 26;
  const values = o.bars.flatMap((b) =>
    [b.mean, ...(b.ci ?? [])].filter((v): v is number => v !== null && Number.isFinite(v)),
  );
  for (const b of o.bars) if (b.baseline !== undefined) values.push(b.baseline);
  const domain = domainOf(values, o.baseline);
  const x = linear(domain, [labelWidth, WIDTH - valueWidth - 8]);
  const step = ticks(domain[0], domain[1], 6);
  const digits = step.length > 1 && Math.abs((step[1] as number) - (step[0] as number)) < 0.1 ? 2 : 1;
  const parts: string[] = [xAxis(step, x, top, plotBottom, (v) => v.toFixed(digits))];

  o.bars.forEach((b, i) => {
    const y = top + i * ROW;
    const mid = y + ROW / 2;
    parts.push(text(labelWidth - 8, mid + 4, labels[i] ?? '', ` text-anchor="end" fill="${COLOURS.text}"`));
    parts.push(text(WIDTH - 4, mid + 4, o.format(b.mean), ` class="value" text-anchor="end" fill="${COLOURS.text}"`));
    if (b.mean === null || !Number.isFinite(b.mean)) return;
    const baseline = b.baseline ?? o.baseline;
    const sign = signClass(b.mean, baseline);
    const x0 = Math.min(x(baseline), x(b.mean));
    const colour = sign === 'neg' ? COLOURS.negative : sign === 'pos' ? COLOURS.positive : COLOURS.neutral;
    const tip = `${b.label}: ${o.format(b.mean)} (95% CI ${o.formatInterval(b.ci)}, n = ${b.n})`;
    parts.push(
      `<rect class="bar ${sign}" data-id="${esc(b.id)}" data-value="${b.mean}" x="${px(x0)}" y="${px(mid - BAR / 2)}" ` +
        `width="${px(Math.abs(x(b.mean) - x(baseline)))}" height="${BAR}" fill="${colour}"><title>${esc(tip)}</title></rect>`,
    );
    if (baseline !== o.baseline) {
      const bx = px(x(baseline));
      parts.push(
        `<line class="own-baseline" x1="${bx}" x2="${bx}" y1="${px(mid - BAR / 2 - 2)}" y2="${px(mid + BAR / 2 + 2)}" stroke="${COLOURS.axis}" stroke-width="1.5"/>`,
      );
    }
    if (b.ci) {
      const [lo, hi] = [x(b.ci[0]), x(b.ci[1])];
      parts.push(
        `<g class="whisker" stroke="${COLOURS.axis}" stroke-width="1.2"><line x1="${px(lo)}" x2="${px(hi)}" y1="${px(mid)}" y2="${px(mid)}"/>` +
          `<line x1="${px(lo)}" x2="${px(lo)}" y1="${px(mid - 4)}" y2="${px(mid + 4)}"/><line x1="${px(hi)}" x2="${px(hi)}" y1="${px(mid - 4)}" y2="${px(mid + 4)}"/></g>`,
      );
    }
  });
  if (o.bars.length === 0)
    parts.push(text(WIDTH / 2, top + ROW / 2 + 4, '–', ` text-anchor="middle" fill="${COLOURS.muted}"`));
  const zx = px(x(o.baseline));
  parts.push(
    `<line class="zero-line" x1="${zx}" x2="${zx}" y1="${px(top - 4)}" y2="${px(plotBottom)}" stroke="${COLOURS.axis}" stroke-width="1.5"/>`,
  );
  return svgFrame({ chart: o.chart, title: o.title, summary: o.summary, width: WIDTH, height, body: parts.join('') });
}
