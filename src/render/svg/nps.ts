import { COLOURS, esc, px, svgFrame, text } from './common.js';

export interface NpsOptions {
  /** The KPI's id, kept as `data-kpi`. */
  id: string;
  title: string;
  summary: string;
  n: number;
  score: number | null;
  detractors: number | null;
  passives: number | null;
  promoters: number | null;
  names: { detractors: string; passives: string; promoters: string };
  formatScore: (value: number | null) => string;
  formatShare: (value: number | null) => string;
}

const WIDTH = 720;
const LEFT = 8;
const RIGHT = WIDTH - 8;
const BAR_Y = 34;
const BAR_H = 26;

/** NPS as one bar of detractor, passive and promoter shares (percent), with the score above it. */
export function renderNps(o: NpsOptions): string {
  const parts: string[] = [
    text(
      LEFT,
      20,
      `NPS ${o.formatScore(o.score)}`,
      ` class="nps-score" font-size="16" font-weight="700" fill="${COLOURS.text}"`,
    ),
    text(RIGHT, 20, `n = ${o.n}`, ` text-anchor="end" fill="${COLOURS.muted}"`),
  ];
  const segments = [
    { key: 'detractors', share: o.detractors, colour: COLOURS.negative, name: o.names.detractors },
    { key: 'passives', share: o.passives, colour: COLOURS.neutral, name: o.names.passives },
    { key: 'promoters', share: o.promoters, colour: COLOURS.positive, name: o.names.promoters },
  ];
  const complete = segments.every((s) => s.share !== null && Number.isFinite(s.share)) && o.n > 0;
  if (!complete) {
    parts.push(
      `<rect class="nps-empty" x="${LEFT}" y="${BAR_Y}" width="${RIGHT - LEFT}" height="${BAR_H}" fill="none" stroke="${COLOURS.grid}"/>`,
    );
    parts.push(text(WIDTH / 2, BAR_Y + 17, '–', ` text-anchor="middle" fill="${COLOURS.muted}"`));
  } else {
    const total = segments.reduce((s, seg) => s + Math.max(0, seg.share as number), 0) || 1;
    let at = LEFT;
    for (const seg of segments) {
      const w = (Math.max(0, seg.share as number) / total) * (RIGHT - LEFT);
      const tip = `${seg.name}: ${o.formatShare(seg.share)}`;
      parts.push(
        `<rect class="nps-${seg.key}" data-share="${seg.share}" x="${px(at)}" y="${BAR_Y}" width="${px(w)}" height="${BAR_H}" fill="${seg.colour}"><title>${esc(tip)}</title></rect>`,
      );
      if (w >= 44)
        parts.push(
          text(at + w / 2, BAR_Y + 17, o.formatShare(seg.share), ` text-anchor="middle" fill="#fff" font-weight="600"`),
        );
      at += w;
    }
  }
  let legendAt = LEFT;
  for (const seg of segments) {
    const label = `${seg.name} ${o.formatShare(seg.share)}`;
    parts.push(`<rect x="${px(legendAt)}" y="${BAR_Y + BAR_H + 10}" width="12" height="10" fill="${seg.colour}"/>`);
    parts.push(text(legendAt + 16, BAR_Y + BAR_H + 19, label, ` fill="${COLOURS.text}"`));
    legendAt += 40 + label.length * 7;
  }
  return svgFrame({
    chart: 'nps',
    title: o.title,
    summary: o.summary,
    width: WIDTH,
    height: BAR_Y + BAR_H + 30,
    body: parts.join(''),
    attributes: ` data-kpi="${esc(o.id)}"`,
  });
}
