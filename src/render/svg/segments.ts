import { COLOURS, clip, esc, px, svgFrame, text, textWidth } from './common.js';

interface SegmentRow {
  label: string;
  n: number;
  /** One value per column, in column order (the weighted overall first, then each dimension). */
  values: readonly (number | null)[];
  /** Per column, a significant difference from the other respondents ('above' / 'below'), if any. */
  marks?: readonly ('above' | 'below' | undefined)[];
}

export interface SegmentsOptions {
  title: string;
  summary: string;
  /** Column heads: ids for `data-column`, labels to show. */
  columns: readonly { id: string; label: string }[];
  rows: readonly SegmentRow[];
  /** 0 for gaps, the scale midpoint for perceptions only. */
  baseline: number;
  format: (value: number | null) => string;
  /** The words a mark's tooltip says (▲ / ▼ alone would be colour-free but not self-explaining). */
  markTitles?: { above: string; below: string };
}

const MARK_SYMBOL = { above: '▲', below: '▼' } as const;

const CELL_H = 26;
const MIN_CELL_W = 64;

/**
 * A heat grid of segments (rows) by the weighted overall and each dimension (columns): each cell
 * shows its score, tinted red below the baseline and green above it, stronger the further away.
 */
export function renderSegments(o: SegmentsOptions): string {
  const rowLabels = o.rows.map((r) => clip(`${r.label} (n = ${r.n})`, 34));
  const labelWidth = Math.min(260, Math.max(80, ...rowLabels.map((l) => textWidth(l) + 14)));
  const cellW = Math.max(MIN_CELL_W, Math.floor((720 - labelWidth) / Math.max(1, o.columns.length)));
  const width = labelWidth + cellW * o.columns.length + 4;
  // Bold 12px heads run to ~8 px a character in Cyrillic (7 in Latin): a margin so neighbours never touch.
  const headChars = Math.max(4, Math.floor((cellW - 8) / 8));
  const top = 28;
  const height = top + Math.max(1, o.rows.length) * CELL_H + 8;
  const extent = Math.max(
    1e-9,
    ...o.rows.flatMap((r) =>
      r.values.filter((v): v is number => v !== null && Number.isFinite(v)).map((v) => Math.abs(v - o.baseline)),
    ),
  );
  const parts: string[] = [];
  o.columns.forEach((c, ci) => {
    const cx = labelWidth + ci * cellW + cellW / 2;
    parts.push(
      `<g class="column-head" data-column="${esc(c.id)}">${text(cx, top - 10, clip(c.label, headChars), ` text-anchor="middle" font-weight="600" fill="${COLOURS.text}"`)}<title>${esc(c.label)}</title></g>`,
    );
  });
  o.rows.forEach((r, ri) => {
    const y = top + ri * CELL_H;
    parts.push(
      `<g class="row-head"><title>${esc(`${r.label} (n = ${r.n})`)}</title>${text(labelWidth - 8, y + CELL_H / 2 + 4, rowLabels[ri] ?? '', ` text-anchor="end" fill="${COLOURS.text}"`)}</g>`,
    );
    o.columns.forEach((c, ci) => {
      const value = r.values[ci] ?? null;
      const known = value !== null && Number.isFinite(value);
      const sign = !known ? 'none' : value < o.baseline ? 'neg' : value > o.baseline ? 'pos' : 'zero';
      const colour = sign === 'neg' ? COLOURS.negative : sign === 'pos' ? COLOURS.positive : '#ffffff';
      const strength = known ? 0.12 + 0.6 * Math.min(1, Math.abs(value - o.baseline) / extent) : 0;
      const x = labelWidth + ci * cellW;
      const mark = r.marks?.[ci];
      const shown = mark ? `${o.format(value)} ${MARK_SYMBOL[mark]}` : o.format(value);
      parts.push(
        `<g class="cell ${sign}" data-segment="${ri}" data-column="${esc(c.id)}"${known ? ` data-value="${value}"` : ''}${mark ? ` data-mark="${mark}"` : ''}>` +
          (mark ? `<title>${esc(`${MARK_SYMBOL[mark]} ${o.markTitles?.[mark] ?? mark}`)}</title>` : '') +
          `<rect x="${px(x + 1)}" y="${px(y + 1)}" width="${px(cellW - 2)}" height="${CELL_H - 2}" fill="${colour}" fill-opacity="${Math.round(strength * 100) / 100}" stroke="${COLOURS.grid}"/>` +
          text(
            x + cellW / 2,
            y + CELL_H / 2 + 4,
            shown,
            ` text-anchor="middle" fill="${COLOURS.text}"${mark ? ' font-weight="700"' : ''}`,
          ) +
          '</g>',
      );
    });
  });
  if (o.rows.length === 0)
    parts.push(text(width / 2, top + CELL_H / 2 + 4, '–', ` text-anchor="middle" fill="${COLOURS.muted}"`));
  return svgFrame({ chart: 'segments', title: o.title, summary: o.summary, width, height, body: parts.join('') });
}
