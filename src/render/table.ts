import { recommendationRows } from './view/recommendations.js';
import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import type { KpiResult, Result } from '../core/scoring/result.js';
import { explainCheck } from '../core/check/thresholds.js';
import { mapStrings, terminalText } from '../core/text/safe-text.js';
import { fixed, signed, wrap } from './format.js';
import { formatInHeadline, htmlLabelsFor } from './html-labels.js';
import { labelsFor, respondentsLine, scaleText, type Labels } from './labels.js';
import {
  type Cell,
  type Column,
  cellText,
  columnsFor,
  dimensionColumns,
  dimensionRows,
  ITEM_COLUMNS,
  itemRows,
  type Wording,
} from './view/columns.js';
import { noRecommendationsText } from './view/advice.js';
import { checksView } from './view/checks.js';
import { kpiView } from './view/kpis.js';
import { readingOf, recommendationScore, type ScoreReading, scoreNote } from './view/reading.js';
import { segmentDifferenceLines } from './segment-differences-text.js';
import { segmentLegend, segmentPriorityLines } from './segment-tests-text.js';
import { withMark } from './view/segment-tests.js';
import { segmentColumns } from './view/segments.js';
import { coverView } from './view/cover.js';
import { summaryView } from './view/summary.js';
import { warningText } from './warning-text.js';
import { measurementTerminalLines } from './measurement-sections.js';
import { measurementOf } from './view/measurement.js';

export interface TableOptions {
  color: boolean;
  /** How many recommendations to show. */
  top?: number;
  width?: number;
  /** The date the cover line shows. */
  date?: string;
}

const BAR_HALF = 5;

/** A bar of at most BAR_HALF cells each side of a centre line: left for negative gaps, right for positive. */
function gapBar(gap: number | null, extent: number, paint: ChalkInstance): string {
  if (gap === null) return ' '.repeat(BAR_HALF * 2 + 1);
  const cells = Math.min(BAR_HALF, Math.round((Math.abs(gap) / extent) * BAR_HALF));
  const bar = '█'.repeat(cells);
  if (gap < 0) return `${' '.repeat(BAR_HALF - cells)}${paint.red(bar)}|${' '.repeat(BAR_HALF)}`;
  return `${' '.repeat(BAR_HALF)}|${paint.green(bar)}${' '.repeat(BAR_HALF - cells)}`;
}

function table(head: string[], paint: ChalkInstance, align?: ('left' | 'right')[]): Table.Table {
  return new Table({
    head: head.map((h) => paint.bold(h)),
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    ...(align ? { colAligns: align } : {}),
  });
}

function colourGap(value: number | null, paint: ChalkInstance, text = signed(value)): string {
  if (value === null) return text;
  return value < 0 ? paint.red(text) : paint.green(text);
}

interface TableContext {
  result: Result;
  w: Wording;
  reading: ScoreReading;
  paint: ChalkInstance;
}

/** Widest segment name the terminal's segments table shows. */
const SEGMENT_WIDTH = 22;

/** Characters of a long --group-by column kept before the ellipsis in the segments table. */
const SEGMENT_COLUMN = 6;

/**
 * `column=value` within SEGMENT_WIDTH: a long column is shortened to the same few characters on
 * every row (`age,ge…=21-30 × Female`), so the rows of one --group-by line up and the width goes to
 * the values, which tell the rows apart; a value still too long loses its end.
 */
function segmentName(name: string, column: string): string {
  if (name.length <= SEGMENT_WIDTH) return name;
  const value = name.slice(column.length + 1);
  // Crossed columns (`branch,channel`): the values alone (`Central × in-person`), the × tells the
  // row apart and the line above the table names the columns.
  if (column.includes(',')) return value.length <= SEGMENT_WIDTH ? value : `${value.slice(0, SEGMENT_WIDTH - 1)}…`;
  const shown = column.length <= SEGMENT_COLUMN + 1 ? column : `${column.slice(0, SEGMENT_COLUMN)}…`;
  const text = `${shown}=${value}`;
  return text.length <= SEGMENT_WIDTH ? text : `${text.slice(0, SEGMENT_WIDTH - 1)}…`;
}

/**
 * Widest statement the terminal's item table shows, the ellipsis included: with it the item table
 * of every format stays within 110 columns (the dimension table is unchanged). The whole wording is
 * in the recommendations, the Markdown, the HTML, the CSV and the JSON.
 */
export const STATEMENT_WIDTH = 40;

/**
 * `text` within `width` characters (code points, so no surrogate pair is split): cut at the last
 * space past half the width when there is one, and ended with an ellipsis.
 * @example clip('This branch has modern-looking equipment.', 24) // 'This branch has modern…'
 */
export function clip(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  const head = chars.slice(0, width - 1).join('');
  const space = head.lastIndexOf(' ');
  return `${(space >= width / 2 ? head.slice(0, space) : head).replace(/[\s,;:.]+$/, '')}…`;
}

/** A cell as the terminal shows it: gap scores coloured by sign, the gap as a bar. */
function tableCell(cell: Cell, c: TableContext, barExtent: number): string {
  switch (cell.kind) {
    case 'score':
      return c.reading.gap ? withMark(colourGap(cell.value, c.paint), cell.mark) : cellText(cell, c.reading, c.w.l);
    case 'bar':
      return gapBar(cell.value, barExtent, c.paint);
    case 'segment':
      return segmentName(cellText(cell, c.reading, c.w.l), cell.column);
    case 'statement':
      return clip(cellText(cell, c.reading, c.w.l), STATEMENT_WIDTH);
    default:
      return cellText(cell, c.reading, c.w.l);
  }
}

/** One of the view model's tables (dimensions, items) with the columns the terminal shows. */
function columnTable<Row>(all: readonly Column<Row>[], rows: readonly Row[], c: TableContext): string {
  const format = c.result.questionnaire.format;
  const columns = columnsFor(all, 'table', format);
  // Bars share one scale: the largest dimension gap, at least one point.
  const extent = Math.max(1, ...c.result.dimensions.map((d) => Math.abs(d.gap.mean ?? 0)));
  const t = table(
    columns.map((col) => col.label(c.w, 'table', format)),
    c.paint,
    columns.map((col) => col.align),
  );
  for (const row of rows) t.push(columns.map((col) => tableCell(col.cell(row), c, extent)));
  return t.toString();
}

function kpiLine(kpi: KpiResult, l: Labels): string {
  const { name, value, detail, ci95 } = kpiView(kpi, l);
  // NPS's detail is a list of shares, set off by a comma (the line is wrapped, so spacing cannot).
  return `${name} (${kpi.id}): ${value}${kpi.type === 'nps' ? ', ' : ' '}${detail}, ${l.ci95} ${ci95}, n = ${kpi.n}`;
}

/** Wrapped text with a first-line prefix and a hanging indent for the rest. */
function hanging(text: string, width: number, first: string, rest: string): string[] {
  // The wider indent bounds every line, so a continuation line never runs past the width.
  return wrap(text, width - Math.max(first.length, rest.length)).map((line, j) => `${j === 0 ? first : rest}${line}`);
}

/**
 * The terminal report: headline, dimensions, items, recommendations, KPIs, segments and warnings.
 * Readable at 80 columns and without colour (bars and signs carry the meaning, not only colour).
 */
export function renderTable(input: Result, options: TableOptions): string {
  // Every string of the result is data (titles, labels, ids, segment values, warnings): escaped once here.
  const result = mapStrings(input, terminalText);
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const l = labelsFor(result.questionnaire.language);
  const width = options.width ?? 80;
  const out: string[] = [];
  const heading = (text: string) => out.push('', paint.bold.underline(text));
  const { respondents, overall } = result;
  const format = result.questionnaire.format;

  const cover = coverView(result, options.date);
  out.push(paint.bold(cover.title));
  // One or two lines within the width (the inputs can be long).
  out.push(...hanging(cover.line, width, '', '').map((line) => paint.dim(line)));
  // The executive summary first: what a reader who stops here must know.
  const summary = summaryView(result);
  heading(summary.heading);
  out.push(...hanging(summary.overall, width, '', ''));
  if (summary.fix.length > 0) out.push(`${summary.fixHeading}:`);
  summary.fix.forEach((line, i) => {
    out.push(...hanging(line, width, summary.fix.length > 1 ? `${i + 1}. ` : '   ', '   '));
  });
  for (const line of summary.fine) out.push(...hanging(line, width, '', ''));
  out.push(...hanging(summary.quality, width, '', ''));
  out.push('');
  out.push(
    `${respondentsLine(respondents, result.questionnaire.language)} · ${formatInHeadline(format, result.questionnaire.language)}, ${scaleText(result.questionnaire.scale, result.questionnaire.language)}`,
  );
  if (result.checks.length > 0) {
    // A CI reader wants the verdict first.
    const view = checksView(result, l);
    heading(view.heading);
    for (const c of view.checks) {
      out.push(
        `${c.passed ? paint.green('PASS') : paint.red.bold('FAIL')} ${explainCheck(c, c.about && clip(c.about, STATEMENT_WIDTH), c.missing)}`,
      );
    }
  }
  const reading = readingOf(result);
  const show = (v: number | null) => (reading.gap ? colourGap(v, paint) : reading.score(v));
  const ciText = reading.interval;
  out.push(
    `${l.weighted}: ${show(overall.weighted.mean)}  (${l.ci95} ${ciText(overall.weighted.ci95)}, n = ${overall.weighted.n})`,
  );
  out.push(
    `${l.unweighted}: ${show(overall.unweighted.mean)}  (${l.ci95} ${ciText(overall.unweighted.ci95)}, n = ${overall.unweighted.n})`,
  );
  out.push(paint.dim(scoreNote(format, l)));

  const c: TableContext = { result, w: { l, h: htmlLabelsFor(result.questionnaire.language) }, reading, paint };
  heading(l.dimensions);
  out.push(columnTable(dimensionColumns(result), dimensionRows(result), c));
  heading(l.items);
  out.push(columnTable(ITEM_COLUMNS, itemRows(result.items, result.dimensions), c));

  heading(l.recommendations);
  const top = recommendationRows(result, options.top ?? 5);
  if (top.length === 0) out.push(noRecommendationsText(result, l));
  top.forEach(({ rank, rec: r, statement, dimensionLabel, advice }) => {
    const quadrant = advice ? `, ${l.advice[advice]}` : '';
    const first = `${rank}. `;
    // Wrapped as plain text, then the id (the first word) made bold, so colour codes do not count as width.
    const lines = hanging(
      `${r.item}${statement ? ` ${statement}` : ''} (${dimensionLabel}${quadrant}) ${recommendationScore(result, l, r.gap)}, ${l.priority} ${fixed(r.priority, 3)}`,
      width,
      first,
      '   ',
    );
    const [head = '', ...rest] = lines;
    out.push(
      head.startsWith(`${first}${r.item}`)
        ? `${first}${paint.bold(r.item)}${head.slice(first.length + r.item.length)}`
        : head,
      ...rest,
    );
    for (const action of r.actions.slice(0, 2)) out.push(...hanging(action, width, '   - ', '     '));
  });

  if (result.kpis.length > 0) {
    heading(l.kpis);
    // With its interval a KPI line can pass 80 columns: wrapped, the rest indented.
    for (const kpi of result.kpis) out.push(...hanging(kpiLine(kpi, l), width, '', '  '));
  }

  const measurement = measurementOf(result);
  if (measurement) {
    heading(measurement.labels.heading);
    for (const line of measurementTerminalLines(measurement)) out.push(...hanging(line, width, '', '  '));
  }

  if (result.segments.length > 0) {
    heading(l.segments);
    const crossed = [...new Set(result.segments.map((seg) => seg.column).filter((col) => col.includes(',')))];
    for (const col of crossed) out.push(...hanging(col.split(',').join(' × '), width, '', ''));
    out.push(columnTable(segmentColumns(result.dimensions), result.segments, c));
    const legend = segmentLegend(result, l);
    if (legend) out.push(...hanging(legend, width, '', ''));
    for (const line of segmentDifferenceLines(result, l, (s) => s)) out.push(...hanging(line, width, '', '  '));
    // The top priorities per segment, as Markdown and HTML give them (the data already escaped for the terminal).
    const priorities = segmentPriorityLines(result, l, c.reading, (s) => s, false);
    while (priorities.at(-1) === '') priorities.pop();
    priorities.forEach((line, i) => {
      if (i === 0) out.push('', paint.bold(line));
      else out.push(...(line === '' ? [''] : hanging(line, width, '', '  ')));
    });
  }

  if (result.warnings.length > 0) {
    heading(l.warnings);
    for (const w of result.warnings)
      out.push(
        ...hanging(warningText(w, result.questionnaire.language), width, '! ', '  ').map((line) => paint.yellow(line)),
      );
  }
  return `${out.join('\n')}\n`;
}
