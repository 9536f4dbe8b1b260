import { fixed, pValue } from './format.js';
import { recommendationRows } from './view/recommendations.js';
import { coverView } from './view/cover.js';
import { summaryLines, summaryView } from './view/summary.js';
import type { Workbook, Worksheet } from 'exceljs';
import type { KpiResult, Result } from '../core/scoring/result.js';
import { unreachable } from './formats.js';
import { loadExcelJs } from './exceljs.js';
import { htmlLabelsFor } from './html-labels.js';
import { type Labels, labelsFor, scaleText } from './labels.js';
import {
  type Cell,
  cellWords,
  type Column,
  columnsFor,
  dimensionColumns,
  dimensionRows,
  ITEM_COLUMNS,
  itemRows,
} from './view/columns.js';
import type { Advice } from './view/advice.js';
import { readingOf, scoreLabel, scoreNote, type ScoreReading } from './view/reading.js';
import { segmentColumns } from './view/segments.js';
import { type MeasurementView, measurementOf } from './view/measurement.js';
import { qualityTables } from './view/measurement-tables.js';
import { warningText } from './warning-text.js';
import { segmentDifferenceTable } from './segment-differences-text.js';

/**
 * The report as an Excel workbook (`--format xlsx`), for an analyst who takes the numbers further:
 * one sheet per section (Summary, Dimensions, Items, Segments when there are any, Recommendations,
 * Warnings), laid out from the same view model as the other reports. Numbers are stored as numbers,
 * unrounded, with a number format (two decimals for means, signed for gaps, three for p-values and
 * priorities, a percentage for a share); text from the result is stored as text, never as a formula.
 * exceljs is loaded only when a workbook is written, so other formats do not pay for it.
 */

/** A value a workbook cell holds. */
type Value = string | number | boolean | null;

/** One column of a sheet: its heading, how its numbers look, and whether its text wraps (statements). */
interface SheetColumn {
  header: string;
  numFmt?: string;
  wrap?: boolean;
}

const FMT = {
  mean: '0.00',
  /** A gap: its sign shown, as every report reads it; -0.00 shown as 0.00. */
  signed: '+0.00;-0.00;0.00',
  p: '0.000',
  share: '0.0%',
  count: '0',
} as const;

/**
 * The workbook's dates, fixed so that the same result gives the same bytes (the result carries no
 * date of its own); the zip entries are dated the same way (see `fixZipDates`).
 */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/** Widths in characters: enough for the longest value, within bounds; statements and actions wrap. */
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** The sheet columns one view-model column becomes: an interval is two (its ends), anything else one. */
function sheetColumns(kind: Cell['kind'] | undefined, header: string, reading: ScoreReading, l: Labels): SheetColumn[] {
  const score = reading.gap ? FMT.signed : FMT.mean;
  switch (kind) {
    case 'interval':
      // The view model heads the interval "95% CI"; the workbook heads its two ends.
      return [
        { header: l.sheet.ciLow, numFmt: score },
        { header: l.sheet.ciHigh, numFmt: score },
      ];
    case 'number':
      return [{ header, numFmt: FMT.mean }];
    case 'share':
      return [{ header, numFmt: FMT.share }];
    case 'count':
      return [{ header, numFmt: FMT.count }];
    case 'score':
    case 'bar':
      return [{ header, numFmt: score }];
    case 'p':
      return [{ header, numFmt: FMT.p }];
    case 'statement':
      return [{ header, wrap: true }];
    case 'text':
    case 'zone':
    case 'advice':
    case 'segment':
    case undefined:
      return [{ header }];
    default:
      return unreachable(kind);
  }
}

/** A view-model cell as workbook values: numbers unrounded (null when missing), words in the result's language. */
function cellValues(cell: Cell, l: Labels): Value[] {
  switch (cell.kind) {
    case 'number':
    case 'share':
    case 'count':
    case 'score':
    case 'bar':
    case 'p':
      return [finite(cell.value)];
    case 'interval':
      return cell.value ? [finite(cell.value[0]), finite(cell.value[1])] : [null, null];
    case 'text':
    case 'zone':
    case 'advice':
    case 'segment':
    case 'statement':
      return [cellWords(cell, l)];
    default:
      return unreachable(cell);
  }
}

const finite = (value: number | null | undefined): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : value;

/** One of the view model's tables as a sheet's columns and rows, with the columns the workbook shows. */
function viewTable<Row>(
  all: readonly Column<Row>[],
  rows: readonly Row[],
  result: Result,
  l: Labels,
): { columns: SheetColumn[]; rows: Value[][] } {
  const format = result.questionnaire.format;
  const columns = columnsFor(all, 'xlsx', format);
  const reading = readingOf(result);
  const w = { l, h: htmlLabelsFor(result.questionnaire.language) };
  const first = rows[0];
  return {
    columns: columns.flatMap((c) =>
      sheetColumns(first === undefined ? undefined : c.cell(first).kind, c.label(w, 'xlsx', format), reading, l),
    ),
    rows: rows.map((row) => columns.flatMap((c) => cellValues(c.cell(row), l))),
  };
}

/** The width a value takes when shown (numbers as their format shows them, about). */
function shownLength(value: Value): number {
  if (value === null) return 1;
  if (typeof value === 'number') return 7;
  if (typeof value === 'boolean') return 5;
  return Math.max(...value.split('\n').map((line) => line.length));
}

/** Adds a sheet holding one table: a bold, frozen heading row, a filter, typed and formatted cells. */
function addTable(
  workbook: Workbook,
  name: string,
  table: { columns: readonly SheetColumn[]; rows: readonly (readonly Value[])[] },
): Worksheet {
  // The first column names the row (dimension, item, segment): it stays in view too.
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  writeRow(
    sheet,
    1,
    table.columns,
    table.columns.map((c) => c.header),
    true,
  );
  table.rows.forEach((row, i) => {
    writeRow(sheet, i + 2, table.columns, row, false);
  });
  table.columns.forEach((c, i) => {
    const longest = Math.max(c.header.length, ...table.rows.map((row) => shownLength(row[i] ?? null)));
    sheet.getColumn(i + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
  });
  if (table.columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }
  return sheet;
}

function writeRow(
  sheet: Worksheet,
  index: number,
  columns: readonly (SheetColumn | undefined)[],
  values: readonly Value[],
  header: boolean,
): void {
  const row = sheet.getRow(index);
  values.forEach((value, i) => {
    const cell = row.getCell(i + 1);
    // A string is stored as a string: exceljs writes a formula only from a { formula } value.
    cell.value = value;
    const column = columns[i];
    if (header) cell.font = { bold: true };
    else if (column?.numFmt && typeof value === 'number') cell.numFmt = column.numFmt;
    if (column?.wrap && !header) cell.alignment = { wrapText: true, vertical: 'top' };
  });
}

/** A KPI's score and its format: NPS signed points, CSAT a share, CES a mean. */
function kpiScore(kpi: KpiResult): { value: number | null; ci: readonly [number, number] | null; numFmt: string } {
  const ci = kpi.ci95 ?? null;
  const type = kpi.type;
  switch (type) {
    case 'nps':
      return { value: finite(kpi.score), ci, numFmt: '+0.0;-0.0;0.0' };
    case 'csat': {
      const share = (v: number) => v / 100;
      return {
        value: kpi.score === null ? null : share(kpi.score),
        ci: ci ? [share(ci[0]), share(ci[1])] : null,
        numFmt: FMT.share,
      };
    }
    case 'ces':
      return { value: finite(kpi.score), ci, numFmt: FMT.mean };
    default:
      return unreachable(type);
  }
}

/** The Summary sheet: the title, the respondents, the overall scores with their CIs, KPIs and checks. */
function addSummary(workbook: Workbook, result: Result, l: Labels, date: string | undefined): void {
  const { questionnaire: q, respondents, overall } = result;
  const reading = readingOf(result);
  const score = reading.gap ? FMT.signed : FMT.mean;
  const sheet = workbook.addWorksheet(l.sheet.summary);
  let index = 1;
  const put = (values: readonly Value[], formats: readonly (string | undefined)[] = [], bold = false) => {
    const row = sheet.getRow(index++);
    values.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      cell.value = value;
      const numFmt = formats[i];
      if (numFmt && typeof value === 'number') cell.numFmt = numFmt;
      if (bold) cell.font = { bold: true };
    });
  };
  sheet.getCell('A1').value = q.title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = coverView(result, date).line;
  // The executive summary as the first rows, one sentence a row (text overflows into empty cells).
  index = 3;
  for (const line of summaryLines(summaryView(result))) put([line]);
  index++;
  put([l.sheet.format, q.format]);
  put([l.sheet.scale, scaleText(q.scale, q.language)]);
  put([l.sheet.total, respondents.total], [undefined, FMT.count]);
  put([l.sheet.scored, respondents.scored], [undefined, FMT.count]);
  put([l.sheet.skippedCells, respondents.skippedCells], [undefined, FMT.count]);
  index++;
  put(['', l.mean, l.sheet.ciLow, l.sheet.ciHigh, l.n], [], true);
  for (const [label, stat] of [
    [l.weighted, overall.weighted],
    [l.unweighted, overall.unweighted],
  ] as const) {
    put(
      [label, finite(stat.mean), finite(stat.ci95?.[0]), finite(stat.ci95?.[1]), stat.n],
      [undefined, score, score, score, FMT.count],
    );
  }
  put([l.sheet.note, scoreNote(q.format, l)]);
  if (result.kpis.length > 0) {
    index++;
    put([l.kpis, l.sheet.id, l.sheet.score, l.sheet.ciLow, l.sheet.ciHigh, l.n], [], true);
    for (const kpi of result.kpis) {
      const { value, ci, numFmt } = kpiScore(kpi);
      put(
        [kpi.type.toUpperCase(), kpi.id, value, finite(ci?.[0]), finite(ci?.[1]), kpi.n],
        [undefined, undefined, numFmt, numFmt, numFmt, FMT.count],
      );
    }
  }
  if (result.checks.length > 0) {
    index++;
    put([l.checks, l.target, l.value, l.threshold, l.sheet.passed], [], true);
    for (const c of result.checks) {
      put(['', c.target, finite(c.value), finite(c.threshold), c.passed], [undefined, undefined, FMT.mean, FMT.mean]);
    }
  }
  sheet.getColumn(1).width = Math.max(
    MIN_WIDTH,
    ...[l.weighted, l.unweighted, l.sheet.skippedCells].map((t) => t.length + 2),
  );
  for (const column of [2, 3, 4, 5, 6]) sheet.getColumn(column).width = 14;
}

function adviceText(advice: Advice | null, l: Labels): string | null {
  return advice ? l.advice[advice] : null;
}

/** The Recommendations sheet: every recommendation in priority order, with its item's statement and actions. */
function recommendationsTable(result: Result, l: Labels): { columns: SheetColumn[]; rows: Value[][] } {
  const { format } = result.questionnaire;
  const reading = readingOf(result);
  const h = htmlLabelsFor(result.questionnaire.language);
  return {
    columns: [
      { header: l.sheet.rank, numFmt: FMT.count },
      { header: l.item },
      { header: l.statement, wrap: true },
      { header: l.dimension },
      { header: scoreLabel(format, l), numFmt: reading.gap ? FMT.signed : FMT.mean },
      { header: h.importance, numFmt: FMT.share },
      { header: l.sheet.priority, numFmt: FMT.p },
      { header: l.quadrantHeading },
      { header: l.sheet.actions, wrap: true },
    ],
    rows: recommendationRows(result).map(({ rank, rec: r, statement, dimensionLabel, advice }) => [
      rank,
      r.item,
      statement,
      dimensionLabel,
      finite(r.gap),
      finite(r.importance),
      finite(r.priority),
      adviceText(advice, l),
      r.actions.length > 0 ? r.actions.join('\n') : null,
    ]),
  };
}

/**
 * The measurement-quality sheet in long form, one figure a row (table, row, figure, value, as shown,
 * below its threshold), so an analyst filters it; then what to do, one finding a row.
 */
function measurementTable(
  view: MeasurementView,
  validity: Result['validity'],
): { columns: SheetColumn[]; rows: Value[][] } {
  const m = view.labels;
  const rows: Value[][] = [];
  // The basis and the structure figures as numbers (the reports say them in one sentence each).
  const figure = (name: string, value: number | null | undefined, shown: (v: number) => string) => {
    if (value !== null && value !== undefined) rows.push([m.structure, '', name, value, shown(value), null]);
  };
  if (validity) {
    figure(m.respondentsAll, validity.n, String);
    figure('KMO', validity.kmo?.overall, (v) => fixed(v, 2));
    figure('Bartlett χ²', validity.bartlett?.chisq, (v) => fixed(v, 1));
    figure('Bartlett df', validity.bartlett?.df, String);
    figure('Bartlett p', validity.bartlett?.p, pValue);
    figure(m.parallelFactors, validity.parallel, String);
  }
  for (const t of qualityTables(view))
    for (const row of t.rows)
      row.slice(1).forEach((cell, i) => {
        rows.push([t.title, row[0]?.text ?? '', t.header[i + 1] ?? '', cell.value, cell.text, cell.fails]);
      });
  if (view.gapNote) rows.push([m.reliability, '', m.gapReliability, null, view.gapNote, null]);
  for (const finding of view.findings) rows.push([m.findings, '', '', null, finding, null]);
  return {
    columns: [
      { header: m.sheetTable },
      { header: m.sheetRow },
      { header: m.sheetFigure },
      { header: m.sheetValue, numFmt: '0.000' },
      { header: m.sheetShown, wrap: true },
      { header: m.fails },
    ],
    rows,
  };
}

/** The Warnings sheet: each warning's code, message and count (when it has one). */
function warningsTable(result: Result, l: Labels): { columns: SheetColumn[]; rows: Value[][] } {
  return {
    columns: [
      { header: l.sheet.code },
      { header: l.sheet.message, wrap: true },
      { header: l.sheet.count, numFmt: FMT.count },
    ],
    rows: result.warnings.map((w) => [w.code, warningText(w, result.questionnaire.language), warningCount(w)]),
  };
}

/** How many a warning is about: its count, or for `weights-fallback` the invalid and blank allocations together. */
function warningCount(w: Result['warnings'][number]): number | null {
  if (typeof w.count === 'number') return w.count;
  if (typeof w.invalid === 'number' && typeof w.missing === 'number') return w.invalid + w.missing;
  return null;
}

/** Welch's ANOVA across segments (issue 16), one row per column and measure. */
function segmentDifferencesTable(
  result: Result,
  l: Labels,
): { name: string; columns: SheetColumn[]; rows: Value[][] } | null {
  const table = segmentDifferenceTable(result, l);
  if (table === null) return null;
  const formats = [undefined, undefined, FMT.count, FMT.count, '0.00', '0', '0.0', FMT.p, FMT.p, undefined];
  return {
    name: table.sheet,
    columns: table.headers.map((header, i) => ({ header, ...(formats[i] ? { numFmt: formats[i] } : {}) })),
    rows: table.rows,
  };
}

/**
 * Sets every entry's modification time in a zip to 1980-01-01 00:00 (the earliest DOS date), in
 * the central directory and the local headers: the zip library stamps entries with the time of
 * writing, which would make two runs differ. The times are outside the entries' checksums.
 */
function fixZipDates(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1;
  // The end of central directory record: the last 22 bytes when the zip has no comment.
  let end = zip.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) return zip;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) return zip;
    view.setUint16(at + 12, DOS_TIME, true);
    view.setUint16(at + 14, DOS_DATE, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) === 0x04034b50) {
      view.setUint16(local + 10, DOS_TIME, true);
      view.setUint16(local + 12, DOS_DATE, true);
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return zip;
}

/** The result as the bytes of an .xlsx workbook; the same result gives the same bytes. */
export async function renderXlsx(
  result: Result,
  options: { generatedBy?: string; date?: string } = {},
): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJs();
  const l = labelsFor(result.questionnaire.language);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.generatedBy ?? 'servqual';
  workbook.lastModifiedBy = workbook.creator;
  workbook.title = result.questionnaire.title;
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;

  addSummary(workbook, result, l, options.date);
  addTable(workbook, l.dimensions, viewTable(dimensionColumns(result), dimensionRows(result), result, l));
  addTable(workbook, l.items, viewTable(ITEM_COLUMNS, itemRows(result.items, result.dimensions), result, l));
  if (result.segments.length > 0) {
    addTable(workbook, l.segments, viewTable(segmentColumns(result.dimensions, l), result.segments, result, l));
  }
  const differences = segmentDifferencesTable(result, l);
  if (differences) addTable(workbook, differences.name, differences);
  addTable(workbook, l.recommendations, recommendationsTable(result, l));
  const measurement = measurementOf(result);
  if (measurement) addTable(workbook, measurement.labels.heading, measurementTable(measurement, result.validity));
  addTable(workbook, l.warnings, warningsTable(result, l));

  const buffer = await workbook.xlsx.writeBuffer();
  return fixZipDates(new Uint8Array(buffer as ArrayBuffer));
}
