import { COLOURS, clip, domainOf, esc, linear, px, svgFrame, text, ticks } from './common.js';

interface TrendLinePoint {
  value: number | null;
  ci: readonly [number, number] | null;
  n: number;
}

export interface TrendLineOptions {
  /** The measure's target (`dimension:reliability`), written as `data-target`. */
  target: string;
  title: string;
  summary: string;
  /** The waves' labels, in order: one x position each. */
  waves: readonly string[];
  points: readonly TrendLinePoint[];
  /** A reference line (0 for gaps), drawn when the data's range reaches it; null for none (KPIs). */
  baseline: number | null;
  format: (value: number | null) => string;
  formatInterval: (ci: readonly [number, number] | null) => string;
}

const WIDTH = 480;
const HEIGHT = 200;
const LEFT = 52;
const RIGHT = 24;
const TOP = 14;
const BOTTOM = 150;

/** Runs of consecutive indices whose point satisfies `keep`: a line or band breaks at a gap. */
function runs(count: number, keep: (i: number) => boolean): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  for (let i = 0; i < count; i++) {
    if (keep(i)) current.push(i);
    else if (current.length > 0) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * One measure over the waves: its 95% intervals as a shaded band, its values as a line with a dot
 * per wave (a tooltip with value, interval and n), the waves' labels along the bottom and a
 * reference line (0 for gaps) when it falls inside the data's range. A missing value breaks the
 * line and the band.
 */
export function renderTrendLine(o: TrendLineOptions): string {
  const count = o.waves.length;
  const values: number[] = [];
  for (const p of o.points) {
    if (p.value !== null && Number.isFinite(p.value)) values.push(p.value);
    for (const v of p.ci ?? []) if (Number.isFinite(v)) values.push(v);
  }
  // The domain is the data's alone: held open to 0, a gap's movement between waves would shrink to a few pixels.
  const domain = domainOf(values, null);
  const y = linear(domain, [BOTTOM, TOP]);
  const x = (i: number) =>
    count <= 1 ? (LEFT + WIDTH - RIGHT) / 2 : LEFT + (i * (WIDTH - RIGHT - LEFT)) / (count - 1);
  const step = ticks(domain[0], domain[1], 4);
  const digits = step.length > 1 && Math.abs((step[1] as number) - (step[0] as number)) < 0.1 ? 2 : 1;
  const parts: string[] = step.map(
    (v) =>
      `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${px(y(v))}" y2="${px(y(v))}" stroke="${COLOURS.grid}"/>` +
      text(LEFT - 6, y(v) + 4, v.toFixed(digits), ` text-anchor="end" fill="${COLOURS.muted}" font-size="11"`),
  );
  if (o.baseline !== null && o.baseline >= domain[0] && o.baseline <= domain[1]) {
    const by = px(y(o.baseline));
    parts.push(
      `<line class="zero-line" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${by}" y2="${by}" stroke="${COLOURS.axis}" stroke-width="1.2"/>`,
    );
  }
  const withCi = (i: number) => {
    const ci = o.points[i]?.ci;
    return ci !== null && ci !== undefined && Number.isFinite(ci[0]) && Number.isFinite(ci[1]);
  };
  // Runs hold only indices whose interval exists (withCi), so the fallback is never drawn.
  const ciAt = (i: number): readonly [number, number] => o.points[i]?.ci ?? [0, 0];
  for (const run of runs(count, withCi)) {
    const upper = run.map((i) => `${px(x(i))},${px(y(ciAt(i)[1]))}`);
    const lower = [...run].reverse().map((i) => `${px(x(i))},${px(y(ciAt(i)[0]))}`);
    parts.push(
      `<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="${COLOURS.band}" stroke="${COLOURS.expectation}" stroke-width="0.5"/>`,
    );
  }
  const hasValue = (i: number) => {
    const v = o.points[i]?.value;
    return v !== null && v !== undefined && Number.isFinite(v);
  };
  for (const run of runs(count, hasValue)) {
    const d = run.map((i, j) => `${j === 0 ? 'M' : 'L'}${px(x(i))} ${px(y(o.points[i]?.value as number))}`).join(' ');
    parts.push(`<path class="line" d="${d}" fill="none" stroke="${COLOURS.perception}" stroke-width="2"/>`);
  }
  o.waves.forEach((wave, i) => {
    parts.push(text(x(i), BOTTOM + 18, clip(wave, 14), ` class="wave" text-anchor="middle" fill="${COLOURS.text}"`));
    const p = o.points[i];
    if (p === undefined || !hasValue(i)) {
      parts.push(text(x(i), BOTTOM + 34, '–', ` text-anchor="middle" fill="${COLOURS.muted}"`));
      return;
    }
    const tip = `${wave}: ${o.format(p.value)} (95% CI ${o.formatInterval(p.ci)}, n = ${p.n})`;
    parts.push(
      `<circle class="point" data-wave="${esc(wave)}" data-value="${p.value}" cx="${px(x(i))}" cy="${px(y(p.value as number))}" r="4" fill="${COLOURS.perception}"><title>${esc(tip)}</title></circle>`,
      text(
        x(i),
        BOTTOM + 34,
        o.format(p.value),
        ` class="value" text-anchor="middle" fill="${COLOURS.muted}" font-size="11"`,
      ),
    );
  });
  return svgFrame({
    chart: 'trend',
    title: o.title,
    summary: o.summary,
    width: WIDTH,
    height: HEIGHT,
    body: parts.join(''),
    attributes: ` data-target="${esc(o.target)}"`,
  });
}
