import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Comparison, ComparisonRow } from '../core/compare/compare.js';
import type { SegmentComparison } from '../core/compare/segments.js';
import type { Language } from '../core/questionnaire/model.js';
import { mapStrings, terminalText } from '../core/text/safe-text.js';
import { fixed, pValue, signed, wrap } from './format.js';
import { fill, labelsFor, respondentsLine } from './labels.js';

/** The wording `compare` adds to the report labels, in each language. */
const en = {
  heading: 'Comparison: {title}',
  baseline: 'Baseline',
  current: 'Current',
  change: 'Change',
  p: 'p',
  note: 'Note',
  significant: 'significant',
  regression: 'regression',
  onlyInBaseline: 'baseline only',
  onlyInCurrent: 'current only',
  regressions: 'Regressions',
  noRegressions: 'No regressions.',
  changeNote:
    'Change = current - baseline (Welch t-test); significant at α = {alpha}, items on Holm-adjusted p. KPIs show their 95% interval in parentheses.',
  regressionNote: 'A regression: the overall score or a dimension dropped significantly.',
  toleranceNote: 'A regression: the overall score or a dimension dropped significantly or by more than {tolerance}.',
  marker: '* significant',
  segmentHeading: '{column} = {value} (scored: {baseline} → {current})',
  segmentNote: 'Segments: p Holm-adjusted across every row of every segment; a regression is a significant drop.',
  segmentRegressions: 'Segment regressions',
  chartSummary: '{name}: the baseline and current means with their 95% intervals; * marks a significant change.',
};

export type CompareLabels = typeof en;

const ru: CompareLabels = {
  heading: 'Сравнение: {title}',
  baseline: 'Было',
  current: 'Стало',
  change: 'Изменение',
  p: 'p',
  note: 'Примечание',
  significant: 'значимо',
  regression: 'ухудшение',
  onlyInBaseline: 'только в базовом',
  onlyInCurrent: 'только в текущем',
  regressions: 'Ухудшения',
  noRegressions: 'Ухудшений нет.',
  changeNote:
    'Изменение = текущее − базовое (t-тест Уэлча); значимо при α = {alpha}, вопросы — по p с поправкой Холма. У KPI в скобках — 95% интервал.',
  regressionNote: 'Ухудшение: итог или измерение значимо снизились.',
  toleranceNote: 'Ухудшение: итог или измерение снизились значимо или больше чем на {tolerance}.',
  marker: '* значимо',
  segmentHeading: '{column} = {value} (оценено: {baseline} → {current})',
  segmentNote: 'Сегменты: p с поправкой Холма по всем строкам всех сегментов; ухудшение — значимое снижение.',
  segmentRegressions: 'Ухудшения в сегментах',
  chartSummary: '{name}: базовые и текущие средние с 95% интервалами; * — значимое изменение.',
};

export function compareLabelsFor(language: Language): CompareLabels {
  return language === 'ru' ? ru : en;
}

export interface CompareSection {
  heading: string;
  /** Items are judged on Holm-adjusted p, so their p column shows it. */
  holm: boolean;
  rows: ComparisonRow[];
}

/** The comparison's rows grouped as reported: overall, dimensions, items, KPIs (empty groups left out). */
export function compareSections(comparison: Comparison, language: Language): CompareSection[] {
  const l = labelsFor(language);
  const of = (prefix: string) => comparison.rows.filter((r) => r.target.startsWith(prefix));
  const sections: CompareSection[] = [
    { heading: l.overall, holm: false, rows: of('overall:') },
    { heading: l.dimensions, holm: false, rows: of('dimension:') },
    { heading: l.items, holm: true, rows: of('item:') },
    { heading: l.kpis, holm: false, rows: of('kpi:') },
  ];
  return sections.filter((s) => s.rows.length > 0);
}

/** A row's name for people: the localised overall names, else the row's label (an item's followed by its statement). */
export function rowName(row: ComparisonRow, language: Language): string {
  const l = labelsFor(language);
  if (row.target === 'overall:weighted') return l.weighted;
  if (row.target === 'overall:unweighted') return l.unweighted;
  return row.statement ? `${row.label} ${row.statement}` : row.label;
}

/** A side's value as reported; a KPI's followed by its 95% interval (after `separator`) when the result has one. */
export function valueCell(row: ComparisonRow, side: 'baseline' | 'current', separator = ' '): string {
  const ci = side === 'baseline' ? row.baselineCi95 : row.currentCi95;
  const value = fixed(row[side]);
  // Only KPIs: the gaps' intervals are in the score report, and would crowd the table.
  return ci && row.target.startsWith('kpi:') ? `${value}${separator}(${fixed(ci[0])}..${fixed(ci[1])})` : value;
}

/** A segment's name for people: its heading, or for one found in one result only its status. */
export function segmentName(segment: SegmentComparison, language: Language): string {
  const c = compareLabelsFor(language);
  if (segment.status === 'both') {
    return fill(c.segmentHeading, {
      column: segment.column,
      value: segment.value,
      baseline: String(segment.baselineScored),
      current: String(segment.currentScored),
    });
  }
  const only = segment.status === 'only-in-baseline' ? c.onlyInBaseline : c.onlyInCurrent;
  return `${segment.column} = ${segment.value}: ${only}`;
}

/** The notes explaining change, significance and what counts as a regression. */
export function compareNotes(comparison: Comparison, language: Language): string[] {
  const c = compareLabelsFor(language);
  const tolerance = comparison.tolerance;
  return [
    fill(c.changeNote, { alpha: String(comparison.alpha) }),
    tolerance === null ? c.regressionNote : fill(c.toleranceNote, { tolerance: String(tolerance) }),
  ];
}

export interface CompareTableOptions {
  color: boolean;
  /** The language of the labels (the results'). */
  language: Language;
  width?: number;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

function note(row: ComparisonRow, c: CompareLabels): string {
  if (row.status === 'only-in-baseline') return c.onlyInBaseline;
  if (row.status === 'only-in-current') return c.onlyInCurrent;
  const mark = row.significant ? '*' : '';
  return row.regression ? `${mark}${mark ? ' ' : ''}${c.regression}` : mark;
}

function sectionTable(section: CompareSection, options: CompareTableOptions, paint: ChalkInstance): string {
  const c = compareLabelsFor(options.language);
  const l = labelsFor(options.language);
  const width = options.width ?? 80;
  const head = ['', c.baseline, c.current, c.change, section.holm ? l.pHolm : c.p, ''];
  const cells = section.rows.map((r) => [
    rowName(r, options.language),
    // The interval on a second line keeps the table within 80 columns.
    valueCell(r, 'baseline', '\n'),
    valueCell(r, 'current', '\n'),
    signed(r.change),
    pValue(section.holm ? r.pHolm : r.p),
    note(r, c),
  ]);
  // Fit the first column to what the others leave of the width: 2 padding per column, 7 borders.
  const others = [1, 2, 3, 4, 5].reduce(
    (sum, col) =>
      sum + Math.max(...[head, ...cells].flatMap((row) => (row[col] ?? '').split('\n').map((line) => line.length))) + 2,
    0,
  );
  const nameWidth = Math.max(8, width - others - 2 - (head.length + 1));
  const t = new Table({
    head: head.map((h) => paint.bold(h)),
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    colAligns: ['left', 'right', 'right', 'right', 'right', 'left'],
  });
  section.rows.forEach((r, i) => {
    const row = cells[i] as string[];
    const tint = r.significant
      ? r.direction === 'down'
        ? paint.red
        : r.direction === 'up'
          ? paint.green
          : paint
      : paint;
    t.push([
      truncate(row[0] as string, nameWidth),
      row[1] as string,
      row[2] as string,
      tint(row[3] as string),
      row[4] as string,
      r.regression
        ? paint.red.bold(row[5] as string)
        : r.status === 'both'
          ? (row[5] as string)
          : paint.dim(row[5] as string),
    ]);
  });
  return t.toString();
}

/** The segments section: a table per segment in both results, a line per segment in one only, and the segment regressions. */
function segmentsText(comparison: Comparison, options: CompareTableOptions, paint: ChalkInstance): string[] {
  const segments = comparison.segments;
  if (segments === undefined) return [];
  const language = options.language;
  const c = compareLabelsFor(language);
  const l = labelsFor(language);
  const width = options.width ?? 80;
  const out: string[] = ['', paint.bold.underline(l.segments), ...wrap(c.segmentNote, width).map((t) => paint.dim(t))];
  for (const segment of segments) {
    out.push('', ...wrap(segmentName(segment, language), width).map((t) => paint.bold(t)));
    if (segment.rows.length > 0)
      out.push(sectionTable({ heading: '', holm: true, rows: segment.rows }, options, paint));
  }
  out.push('', paint.bold.underline(c.segmentRegressions));
  const regressions = comparison.segmentRegressions ?? [];
  if (regressions.length === 0) out.push(c.noRegressions);
  for (const r of regressions)
    out.push(...wrap(r, width - 2).map((line, j) => paint.red(`${j === 0 ? '!' : ' '} ${line}`)));
  return out;
}

/**
 * The terminal report of a comparison, readable at 80 columns and without colour: for each of
 * overall, dimensions, items and KPIs the baseline and current values, the signed change, the p it
 * is judged on (Holm for items), `*` for a significant change and the regressions; then the
 * regressions listed once more.
 */
export function renderCompareTable(input: Comparison, options: CompareTableOptions): string {
  // Every string of the comparison comes from the two results: escaped once here.
  const comparison = mapStrings(input, terminalText);
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const language = options.language;
  const c = compareLabelsFor(language);
  const width = options.width ?? 80;
  const out: string[] = [];
  out.push(paint.bold(fill(c.heading, { title: comparison.current.title })));
  const pad = Math.max(c.baseline.length, c.current.length) + 1;
  out.push(`${`${c.baseline}:`.padEnd(pad)} ${respondentsLine(comparison.baseline.respondents, language)}`);
  out.push(`${`${c.current}:`.padEnd(pad)} ${respondentsLine(comparison.current.respondents, language)}`);
  for (const line of compareNotes(comparison, language)) out.push(...wrap(line, width).map((text) => paint.dim(text)));

  for (const section of compareSections(comparison, language)) {
    out.push('', paint.bold.underline(section.heading));
    out.push(sectionTable(section, options, paint));
  }
  out.push(paint.dim(c.marker));
  out.push(...segmentsText(comparison, options, paint));

  out.push('', paint.bold.underline(c.regressions));
  const regressions = comparison.rows.filter((r) => r.regression);
  if (regressions.length === 0) out.push(c.noRegressions);
  for (const r of regressions) {
    const p = r.p === null ? '' : `, ${c.p} ${pValue(r.p)}`;
    const text = `${rowName(r, language)}: ${fixed(r.baseline)} → ${fixed(r.current)} (${signed(r.change)}${p})`;
    out.push(...wrap(text, width - 2).map((line, j) => paint.red(`${j === 0 ? '!' : ' '} ${line}`)));
  }
  return `${out.join('\n')}\n`;
}
