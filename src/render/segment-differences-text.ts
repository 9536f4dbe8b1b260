import type { Language } from '../core/questionnaire/model.js';
import type { Result, SegmentDifference } from '../core/scoring/result.js';
import { fixed, pValue } from './format.js';
import { fill, type Labels, labelsFor } from './labels.js';

/**
 * Welch's ANOVA across segments (issue 16) as one plain line per column and measure, shown under
 * the segments table by the terminal, Markdown and HTML renderers; `text` makes data (column names,
 * dimension labels) safe for the medium. Its own wording file, so labels.ts stays untouched.
 */
const en = {
  heading:
    'Do the segments differ? Welch one-way ANOVA per measure, Holm-adjusted across the measures of each --group-by column:',
  differ: '{column}: segments differ on {measure}: Welch F({df1}, {df2}) = {f}, p Holm {p}',
  same: '{column}: no significant difference on {measure}: Welch F({df1}, {df2}) = {f}, p Holm {p}',
  untested: '{column}: {measure} not tested (fewer than two segments with n ≥ 2 and some spread)',
  excluded: ' ({n} segment(s) left out: n < 2 or no spread)',
  overall: 'Overall',
  sheet: 'Segment differences',
  headers: ['Column', 'Measure', 'Segments', 'Left out', 'Welch F', 'df1', 'df2', 'p', 'p (Holm)', 'Differ'],
  yes: 'yes',
  no: 'no',
};

const ru: typeof en = {
  heading:
    'Различаются ли сегменты? Однофакторный дисперсионный анализ Уэлча по каждому показателю, p с поправкой Холма по показателям каждого столбца --group-by:',
  differ: '{column}: сегменты различаются по «{measure}»: F Уэлча({df1}, {df2}) = {f}, p (Холм) {p}',
  same: '{column}: нет значимых различий по «{measure}»: F Уэлча({df1}, {df2}) = {f}, p (Холм) {p}',
  untested: '{column}: «{measure}» не проверялось (меньше двух сегментов с n ≥ 2 и разбросом)',
  excluded: ' (не вошло сегментов: {n}; n < 2 или нет разброса)',
  overall: 'Итог',
  sheet: 'Различия сегментов',
  headers: ['Столбец', 'Показатель', 'Сегментов', 'Не вошло', 'F Уэлча', 'df1', 'df2', 'p', 'p (Холм)', 'Различаются'],
  yes: 'да',
  no: 'нет',
};

const wordingOf = (l: Labels): typeof en => (l === labelsFor('ru' satisfies Language) ? ru : en);

/** The lines (heading first), or none without segment differences in the result. */
export function segmentDifferenceLines(result: Result, l: Labels, text: (s: string) => string): string[] {
  const all = result.segmentDifferences ?? [];
  if (all.length === 0) return [];
  const t = wordingOf(l);
  const labelOf = new Map(result.dimensions.map((d) => [d.id, d.label]));
  return [t.heading, ...all.map((d) => line(d, t, text(d.column), text(measureOf(d, labelOf, t))))];
}

function measureOf(d: SegmentDifference, labelOf: ReadonlyMap<string, string>, t: typeof en): string {
  return d.dimension === null ? t.overall : (labelOf.get(d.dimension) ?? d.dimension);
}

function line(d: SegmentDifference, t: typeof en, column: string, measure: string): string {
  const left = d.excluded > 0 ? fill(t.excluded, { n: String(d.excluded) }) : '';
  if (d.f === null || d.pHolm === null) return fill(t.untested, { column, measure }) + left;
  const figures = { column, measure, df1: fixed(d.df1, 0), df2: fixed(d.df2, 1), f: fixed(d.f, 2), p: pValue(d.pHolm) };
  return fill(d.pHolm < 0.05 ? t.differ : t.same, figures) + left;
}

/** The same tests as a table (the XLSX sheet): one row per column and measure, numbers unrounded. */
export function segmentDifferenceTable(
  result: Result,
  l: Labels,
): { sheet: string; headers: readonly string[]; rows: (string | number | null)[][] } | null {
  const all = result.segmentDifferences ?? [];
  if (all.length === 0) return null;
  const t = wordingOf(l);
  const labelOf = new Map(result.dimensions.map((d) => [d.id, d.label]));
  const rows = all.map((d) => [
    d.column,
    measureOf(d, labelOf, t),
    d.segments,
    d.excluded,
    d.f,
    d.df1,
    d.df2,
    d.p,
    d.pHolm,
    d.pHolm === null ? null : d.pHolm < 0.05 ? t.yes : t.no,
  ]);
  return { sheet: t.sheet, headers: t.headers, rows };
}
