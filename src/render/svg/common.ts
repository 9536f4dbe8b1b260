/** Shared pieces of the inline SVG charts: escaping, coordinates, scales, ticks, the chart frame. */

import { visible } from '../../core/text/safe-text.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML and SVG content and attribute values: markup as entities, control and
 * bidi characters escaped visibly (a U+202E in a label would reverse what a reader sees), and the
 * characters that could make a line of the page a CI workflow command (`::`, `##[`) as entities,
 * which a browser shows unchanged.
 * @example esc('<a & "b">') // '&lt;a &amp; &quot;b&quot;&gt;'
 */
export function esc(text: string): string {
  return visible(text)
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
    .replace(/(^|\s)::/g, '$1&#58;:')
    .replace(/##\[/g, '#&#35;[');
}

/** Coordinates are clamped to this many pixels: a chart is a few hundred wide, so only absurd data gets here. */
const MAX_PX = 1e6;

/**
 * A coordinate rounded to 0.1 px, so output is short and stable. Every number in an SVG attribute
 * passes here, so it is where a chart is clamped: never `NaN` or `Infinity` in the markup.
 * @example px(1.26) // '1.3'
 */
export function px(value: number): string {
  const finite = Number.isFinite(value) ? Math.min(MAX_PX, Math.max(-MAX_PX, value)) : 0;
  const rounded = Math.round(finite * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Text cut to `max` characters (code points, never half a pair) with an ellipsis. Escape after clipping. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** A rough width of text in the chart font, for layout without measuring. */
export function textWidth(text: string, fontSize = 12): number {
  return Array.from(text).length * fontSize * 0.6;
}

/** A linear map from a domain onto a range. @example linear([0, 10], [0, 100])(5) // 50 */
export function linear(domain: readonly [number, number], range: readonly [number, number]): (x: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (x) => (span === 0 ? (r0 + r1) / 2 : r0 + ((x - d0) / span) * (r1 - r0));
}

/** About `count` round tick values (steps of 1, 2 or 5 times a power of ten) covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(hi - lo) || !(count > 0)) return Number.isFinite(lo) ? [lo] : [];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const out: number[] = [];
  // Bounded: far from zero a step below the doubles' spacing would never advance `i * step`.
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + 1e-9 * step && out.length <= 2 * count + 2; i++)
    out.push(Math.round(i * step * 1e9) / 1e9);
  return out;
}

/** A domain holding every value and the baseline, padded a little each side; never empty. */
export function domainOf(values: readonly number[], baseline: number | null, pad = 0.06): [number, number] {
  const all = baseline === null ? [...values] : [...values, baseline];
  if (all.length === 0) return [0, 1];
  // A loop, not Math.min(...all): a spread of a very long list overflows the stack.
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of all) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const margin = (hi - lo) * pad;
  return [
    baseline !== null && lo === baseline ? lo : lo - margin,
    baseline !== null && hi === baseline ? hi : hi + margin,
  ];
}

/** Colours shared by the charts (also in the stylesheet's legend swatches). */
export const COLOURS = {
  negative: '#c4553f',
  positive: '#2f8a5b',
  neutral: '#9aa1ab',
  expectation: '#a9bcd3',
  minimum: '#d5dce6',
  desired: '#a9bcd3',
  perception: '#2f5d8a',
  within: '#d09a2c',
  band: '#dfe6ef',
  axis: '#4a5260',
  grid: '#e3e7ec',
  text: '#1f2630',
  muted: '#5d6673',
} as const;

export interface ChartFrame {
  /** Stable name for tests and styling, e.g. `gap-dimensions`. */
  chart: string;
  /** Short title: the SVG's `<title>` and the start of its `aria-label`. */
  title: string;
  /** A sentence for screen readers summarising what the chart shows. */
  summary: string;
  width: number;
  height: number;
  body: string;
  /** Extra attributes, already escaped, e.g. ` data-kpi="nps"`. */
  attributes?: string;
}

/** The `<svg>` element: role img, aria-label, `<title>`, a viewBox that scales with the page. */
export function svgFrame(f: ChartFrame): string {
  const label = esc(`${f.title}. ${f.summary}`);
  return (
    `<svg class="chart" data-chart="${esc(f.chart)}"${f.attributes ?? ''} role="img" aria-label="${label}" ` +
    `viewBox="0 0 ${px(f.width)} ${px(f.height)}" width="${px(f.width)}" height="${px(f.height)}" font-size="12">` +
    `<title>${esc(f.title)}</title>${f.body}</svg>`
  );
}

/** A `<figure>` around one chart, captioned with its title and a sentence (both escaped here). */
export function figure(id: string, svg: string, title: string, caption: string): string {
  return `<figure class="chart-figure" id="${esc(id)}">\n${svg}\n<figcaption><strong>${esc(title)}.</strong> ${esc(caption)}</figcaption>\n</figure>`;
}

/** An SVG `<text>` element; `content` is escaped here. */
export function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attributes}>${esc(content)}</text>`;
}

/** A legend row of coloured swatches, laid out left to right from (x, y). */
export function legend(
  x: number,
  y: number,
  entries: readonly { label: string; colour: string; className: string }[],
): string {
  let at = x;
  return entries
    .map((e) => {
      const out = `<g class="legend ${e.className}"><rect x="${px(at)}" y="${px(y - 9)}" width="12" height="10" fill="${e.colour}"/>${text(at + 16, y, e.label, ` fill="${COLOURS.text}"`)}</g>`;
      at += 32 + textWidth(e.label);
      return out;
    })
    .join('');
}

/** Vertical grid lines and tick labels along the bottom of a plot area. */
export function xAxis(
  values: readonly number[],
  x: (v: number) => number,
  top: number,
  bottom: number,
  format: (v: number) => string,
): string {
  return values
    .map(
      (v) =>
        `<line class="grid" x1="${px(x(v))}" x2="${px(x(v))}" y1="${px(top)}" y2="${px(bottom)}" stroke="${COLOURS.grid}"/>` +
        text(x(v), bottom + 14, format(v), ` text-anchor="middle" fill="${COLOURS.muted}" font-size="11"`),
    )
    .join('');
}
