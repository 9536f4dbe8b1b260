import type { Quadrant } from '../../core/scoring/result.js';
import { COLOURS, clip, esc, linear, px, svgFrame, text, textWidth, ticks } from './common.js';

interface IpaPoint {
  id: string;
  label: string;
  performance: number | null;
  importance: number | null;
  quadrant: Quadrant | null;
  /** Significantly below expectations (or the midpoint): ringed in red wherever the corner puts it. */
  shortfall: boolean;
}

export interface IpaOptions {
  title: string;
  summary: string;
  points: readonly IpaPoint[];
  quadrantNames: Record<Quadrant, string>;
  xLabel: string;
  yLabel: string;
  /** The words a shortfall point's tooltip adds, e.g. "significantly below expectations". */
  shortfallName: string;
}

const WIDTH = 720;
const HEIGHT = 440;
const LEFT = 64;
const RIGHT = WIDTH - 16;
const TOP = 16;
const BOTTOM = HEIGHT - 48;

const QUADRANT_COLOURS: Record<Quadrant, string> = {
  'concentrate-here': COLOURS.negative,
  'keep-up-the-good-work': COLOURS.positive,
  'low-priority': COLOURS.neutral,
  'possible-overkill': COLOURS.within,
};

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Where a point's label goes: right of it, else left, above or below, whichever first stays in
 * the plot and clear of the points and labels already drawn (right when none is clear).
 */
function placeLabel(
  cx: number,
  cy: number,
  width: number,
  taken: readonly Box[],
): { x: number; y: number; anchor: 'start' | 'end' | 'middle'; box: Box } {
  const candidates = [
    { x: cx + 10, y: cy + 4, anchor: 'start' as const, box: { x: cx + 10, y: cy - 8, w: width, h: 15 } },
    { x: cx - 10, y: cy + 4, anchor: 'end' as const, box: { x: cx - 10 - width, y: cy - 8, w: width, h: 15 } },
    { x: cx, y: cy - 12, anchor: 'middle' as const, box: { x: cx - width / 2, y: cy - 24, w: width, h: 15 } },
    { x: cx, y: cy + 21, anchor: 'middle' as const, box: { x: cx - width / 2, y: cy + 9, w: width, h: 15 } },
  ];
  const inside = (b: Box) => b.x >= LEFT && b.x + b.w <= RIGHT && b.y >= TOP && b.y + b.h <= BOTTOM;
  const clear = candidates.find((c) => inside(c.box) && !taken.some((t) => overlaps(c.box, t)));
  return clear ?? candidates.find((c) => inside(c.box)) ?? (candidates[0] as (typeof candidates)[number]);
}

/** A padded axis range around values, wide enough to separate points even when they coincide. */
function range(values: readonly number[], minimumPad: number): [number, number] {
  if (values.length === 0) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max((hi - lo) * 0.15, minimumPad);
  return [lo - pad, hi + pad];
}

/**
 * The importance-performance grid: mean perception across, importance up, dashed lines at the
 * means over dimensions (as the core places quadrants), quadrant names in the corners and each
 * dimension as a labelled point. Dimensions lacking either number are left out.
 */
export function renderIpa(o: IpaOptions): string {
  const placed = o.points.filter(
    (p) =>
      p.performance !== null &&
      p.importance !== null &&
      Number.isFinite(p.performance) &&
      Number.isFinite(p.importance),
  );
  const perf = placed.map((p) => p.performance as number);
  const imp = placed.map((p) => p.importance as number);
  const xDomain = range(perf, 0.25);
  const yDomain = range(imp, 0.02);
  const x = linear(xDomain, [LEFT, RIGHT]);
  const y = linear(yDomain, [BOTTOM, TOP]);
  const parts: string[] = [
    `<rect class="plot" x="${LEFT}" y="${TOP}" width="${RIGHT - LEFT}" height="${BOTTOM - TOP}" fill="#fff" stroke="${COLOURS.grid}"/>`,
  ];

  for (const v of ticks(xDomain[0], xDomain[1], 6)) {
    parts.push(text(x(v), BOTTOM + 15, v.toFixed(2), ` text-anchor="middle" font-size="11" fill="${COLOURS.muted}"`));
  }
  for (const v of ticks(yDomain[0], yDomain[1], 5)) {
    parts.push(text(LEFT - 6, y(v) + 4, v.toFixed(2), ` text-anchor="end" font-size="11" fill="${COLOURS.muted}"`));
  }
  parts.push(
    text((LEFT + RIGHT) / 2, HEIGHT - 10, o.xLabel, ` class="axis-label" text-anchor="middle" fill="${COLOURS.text}"`),
  );
  parts.push(
    text(
      14,
      (TOP + BOTTOM) / 2,
      o.yLabel,
      ` class="axis-label" text-anchor="middle" fill="${COLOURS.text}" transform="rotate(-90 14 ${px((TOP + BOTTOM) / 2)})"`,
    ),
  );

  if (placed.length > 0) {
    const mx = x(perf.reduce((s, v) => s + v, 0) / perf.length);
    const my = y(imp.reduce((s, v) => s + v, 0) / imp.length);
    parts.push(
      `<line class="mean-line mean-performance" x1="${px(mx)}" x2="${px(mx)}" y1="${TOP}" y2="${BOTTOM}" stroke="${COLOURS.axis}" stroke-dasharray="5 4"/>`,
    );
    parts.push(
      `<line class="mean-line mean-importance" x1="${LEFT}" x2="${RIGHT}" y1="${px(my)}" y2="${px(my)}" stroke="${COLOURS.axis}" stroke-dasharray="5 4"/>`,
    );
  }

  const corners: [Quadrant, number, number, 'start' | 'end'][] = [
    ['concentrate-here', LEFT + 8, TOP + 18, 'start'],
    ['keep-up-the-good-work', RIGHT - 8, TOP + 18, 'end'],
    ['low-priority', LEFT + 8, BOTTOM - 10, 'start'],
    ['possible-overkill', RIGHT - 8, BOTTOM - 10, 'end'],
  ];
  for (const [quadrant, cx, cy, anchor] of corners) {
    parts.push(
      text(
        cx,
        cy,
        o.quadrantNames[quadrant],
        ` class="quadrant-label" data-quadrant="${quadrant}" text-anchor="${anchor}" font-weight="600" fill="${QUADRANT_COLOURS[quadrant]}"`,
      ),
    );
  }

  const centres = placed.map((p) => ({ cx: x(p.performance as number), cy: y(p.importance as number) }));
  const taken: Box[] = centres.map(({ cx, cy }) => ({ x: cx - 7, y: cy - 7, w: 14, h: 14 }));
  placed.forEach((p, i) => {
    const { cx: px0, cy: py0 } = centres[i] as { cx: number; cy: number };
    const label = clip(p.label, 24);
    const spot = placeLabel(
      px0,
      py0,
      textWidth(label),
      taken.filter((_, j) => j !== i),
    );
    taken.push(spot.box);
    const colour =
      p.quadrant !== null && Object.hasOwn(QUADRANT_COLOURS, p.quadrant)
        ? QUADRANT_COLOURS[p.quadrant]
        : COLOURS.neutral;
    const tip = `${p.label}: ${(p.performance as number).toFixed(2)}, ${(p.importance as number).toFixed(3)}${p.shortfall ? ` (${o.shortfallName})` : ''}`;
    // A significant shortfall keeps its SPEC quadrant's place and colour, and gets a red ring, so a
    // point in a right-hand corner is never read as "fine".
    const ring = p.shortfall
      ? `<circle class="shortfall-ring" cx="${px(px0)}" cy="${px(py0)}" r="10" fill="none" stroke="${COLOURS.negative}" stroke-width="2.5"/>`
      : '';
    parts.push(
      `<g class="point" data-id="${esc(p.id)}" data-quadrant="${esc(p.quadrant ?? '')}" data-shortfall="${String(p.shortfall)}"><title>${esc(tip)}</title>` +
        ring +
        `<circle cx="${px(px0)}" cy="${px(py0)}" r="6" fill="${colour}" stroke="#fff" stroke-width="1.5"/>` +
        text(spot.x, spot.y, label, ` text-anchor="${spot.anchor}" fill="${COLOURS.text}"`) +
        '</g>',
    );
  });
  if (placed.length === 0)
    parts.push(text((LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2, '–', ` text-anchor="middle" fill="${COLOURS.muted}"`));
  return svgFrame({
    chart: 'ipa',
    title: o.title,
    summary: o.summary,
    width: WIDTH,
    height: HEIGHT,
    body: parts.join(''),
  });
}
