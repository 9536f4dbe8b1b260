import type { Zone } from '../../core/scoring/result.js';
import { COLOURS, clip, esc, legend, linear, px, svgFrame, text, textWidth, ticks, xAxis } from './common.js';

interface ZoneRow {
  id: string;
  label: string;
  minimum: number | null;
  desired: number | null;
  perception: number | null;
  zone: Zone | null;
}

export interface ZonesOptions {
  title: string;
  summary: string;
  scale: { min: number; max: number };
  rows: readonly ZoneRow[];
  zoneNames: Record<Zone, string>;
  bandLabel: string;
  format: (value: number | null) => string;
}

const WIDTH = 720;
const ROW = 22;

const ZONE_COLOURS: Record<Zone, string> = {
  below: COLOURS.negative,
  within: COLOURS.within,
  above: COLOURS.positive,
};

const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);

/**
 * The zone of tolerance per item: a band from mean MIN to mean DES on the answer scale, the mean
 * perception as a diamond coloured by zone, and the perception's value at the right.
 */
export function renderZones(o: ZonesOptions): string {
  const labels = o.rows.map((r) => clip(r.label, 28));
  const labelWidth = Math.min(220, Math.max(48, ...labels.map((l) => textWidth(l) + 14)));
  const top = 30;
  const plotBottom = top + Math.max(1, o.rows.length) * ROW;
  const height = plotBottom + 26;
  const x = linear([o.scale.min, o.scale.max], [labelWidth, WIDTH - 58]);
  const zones: Zone[] = ['below', 'within', 'above'];
  const parts: string[] = [
    legend(labelWidth, 14, [
      { label: o.bandLabel, colour: COLOURS.band, className: 'zone-band' },
      ...zones.map((z) => ({ label: o.zoneNames[z], colour: ZONE_COLOURS[z], className: `zone-${z}` })),
    ]),
    xAxis(ticks(o.scale.min, o.scale.max, Math.min(10, o.scale.max - o.scale.min)), x, top - 4, plotBottom, (v) =>
      String(v),
    ),
  ];
  o.rows.forEach((r, i) => {
    const mid = top + i * ROW + ROW / 2;
    parts.push(text(labelWidth - 8, mid + 4, labels[i] ?? '', ` text-anchor="end" fill="${COLOURS.text}"`));
    parts.push(
      text(WIDTH - 4, mid + 4, o.format(r.perception), ` class="value" text-anchor="end" fill="${COLOURS.text}"`),
    );
    if (finite(r.minimum) && finite(r.desired)) {
      const [a, b] = [x(Math.min(r.minimum, r.desired)), x(Math.max(r.minimum, r.desired))];
      parts.push(
        `<rect class="zone-band" data-id="${esc(r.id)}" x="${px(a)}" y="${px(mid - 6)}" width="${px(Math.max(1, b - a))}" height="12" fill="${COLOURS.band}" stroke="${COLOURS.expectation}">` +
          `<title>${esc(`${r.label}: ${o.format(r.minimum)}–${o.format(r.desired)}`)}</title></rect>`,
      );
    }
    if (finite(r.perception)) {
      const cx = x(r.perception);
      const zone = r.zone !== null && Object.hasOwn(ZONE_COLOURS, r.zone) ? r.zone : null;
      const colour = zone ? ZONE_COLOURS[zone] : COLOURS.perception;
      parts.push(
        `<path class="zone-mark${zone ? ` zone-${zone}` : ''}" data-id="${esc(r.id)}" data-zone="${zone ?? ''}" d="M${px(cx)} ${px(mid - 7)}L${px(cx + 6)} ${px(mid)}L${px(cx)} ${px(mid + 7)}L${px(cx - 6)} ${px(mid)}Z" fill="${colour}" stroke="#fff">` +
          `<title>${esc(`${r.label}: ${o.format(r.perception)}${zone ? ` (${o.zoneNames[zone]})` : ''}`)}</title></path>`,
      );
    }
  });
  if (o.rows.length === 0)
    parts.push(text(WIDTH / 2, top + ROW / 2 + 4, '–', ` text-anchor="middle" fill="${COLOURS.muted}"`));
  return svgFrame({ chart: 'zones', title: o.title, summary: o.summary, width: WIDTH, height, body: parts.join('') });
}
