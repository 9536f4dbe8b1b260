import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../src/core/scoring/result.js';
import { BINARY_REPORT_FORMATS, isBinaryFormat, REPORT_FORMATS } from '../../../src/render/formats.js';
import { labelsFor } from '../../../src/render/labels.js';
import { fill } from '../../../src/core/text/fill.js';
import { dimensionWords, measurementLabelsFor } from '../../../src/render/measurement-labels.js';
import { renderBinaryReport } from '../../../src/render/report.js';
import { segmentDifferenceTable } from '../../../src/render/segment-differences-text.js';
import { scoreLabel } from '../../../src/render/view/reading.js';
import { renderXlsx } from '../../../src/render/xlsx.js';
import { warningText } from '../../../src/render/warning-text.js';
import { type GoldenResults, goldenResults } from './golden-results.js';
import { buildResult } from './html-fixtures.js';

/** Bytes as exceljs' load() declares its argument (its own Buffer type; Node's Buffer at run time). */
const asLoadable = (bytes: Uint8Array) => Buffer.from(bytes) as unknown as ExcelJS.Buffer;

/** The workbook of a result, read back as a user's spreadsheet program would read it. */
async function workbookOf(result: Result): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(asLoadable(await renderXlsx(result, { generatedBy: 'servqual (test)' })));
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}: ${workbook.worksheets.map((s) => s.name).join(', ')}`);
  return found;
}

/** A table sheet as records by heading (row 1), each cell as exceljs read it. */
function records(ws: ExcelJS.Worksheet): Map<string, ExcelJS.Cell>[] {
  const headers: string[] = [];
  ws.getRow(1).eachCell((cell, column) => {
    headers[column] = String(cell.value);
  });
  const rows: Map<string, ExcelJS.Cell>[] = [];
  ws.eachRow((row, index) => {
    if (index === 1) return;
    const record = new Map<string, ExcelJS.Cell>();
    headers.forEach((header, column) => {
      if (header !== undefined) record.set(header, row.getCell(column));
    });
    rows.push(record);
  });
  return rows;
}

/** A number cell's value: fails when the cell is not stored as a number. */
function numberIn(record: Map<string, ExcelJS.Cell> | undefined, header: string): number {
  const cell = record?.get(header);
  expect(cell?.type, header).toBe(ExcelJS.ValueType.Number);
  return cell?.value as number;
}

let golden: GoldenResults;
beforeAll(async () => {
  golden = await goldenResults();
}, 60_000);

const CASES = [
  'bank-segments-checks',
  'bank-no-recommendations',
  'three-column',
  'perceptions-only',
  'invalid-cells-warnings',
  'ru-two-column-segments-checks',
  'ru-three-column',
  'ru-perceptions-only-segments',
] as const;

describe('the xlsx format', () => {
  it('is a binary report format among the --format choices', () => {
    expect(BINARY_REPORT_FORMATS).toContain('xlsx');
    expect(REPORT_FORMATS).toContain('xlsx');
    expect(isBinaryFormat('xlsx')).toBe(true);
    expect(isBinaryFormat('csv')).toBe(false);
  });

  describe.each(CASES)('the workbook of %s', (name) => {
    const result = () => {
      const found = golden.results[name];
      if (!found) throw new Error(`no golden result ${name}`);
      return found;
    };

    it('holds the numbers of the JSON result, stored as numbers with formats', async () => {
      const r = result();
      const l = labelsFor(r.questionnaire.language);
      const m = measurementLabelsFor(r.questionnaire.language);
      const wb = await workbookOf(r);
      const expected = [l.sheet.summary, l.dimensions, l.items];
      if (r.segments.length > 0) expected.push(l.segments);
      const differences = segmentDifferenceTable(r, l);
      if (differences) expected.push(differences.sheet);
      expect(wb.worksheets.map((s) => s.name)).toEqual([
        ...expected,
        l.recommendations,
        ...(r.validity || r.drivers ? [m.heading] : []),
        l.warnings,
      ]);
      if (r.validity) {
        // The measurement sheet, one figure a row: omega and the five-dimension CFI as the JSON has them.
        const rows = records(sheet(wb, m.heading));
        const figure = (table: string, row: string, name: string) =>
          rows
            .find(
              (x) =>
                x.get(m.sheetTable)?.value === table &&
                x.get(m.sheetRow)?.value === row &&
                x.get(m.sheetFigure)?.value === name,
            )
            ?.get(m.sheetValue)?.value ?? null;
        for (const d of r.dimensions) expect(figure(m.reliability, d.label, m.omega)).toBe(d.omega ?? null);
        const model = fill(m.fiveFactors, dimensionWords(r.dimensions.length, r.questionnaire.language));
        expect(figure(m.structure, model, m.cfi)).toBe(r.validity.cfa?.cfi ?? null);
        // The basis and the structure figures the reports put in sentences, as numbers.
        expect(figure(m.structure, '', m.respondentsAll)).toBe(r.validity.n);
        expect(figure(m.structure, '', 'KMO')).toBe(r.validity.kmo?.overall ?? null);
        expect(figure(m.structure, '', 'Bartlett p')).toBe(r.validity.bartlett?.p ?? null);
        expect(figure(m.structure, '', m.parallelFactors)).toBe(r.validity.parallel ?? null);
      }

      const score = scoreLabel(r.questionnaire.format, l);
      const signed = r.questionnaire.format !== 'perceptions-only';
      const dims = records(sheet(wb, l.dimensions));
      expect(dims.map((d) => d.get(l.dimension)?.value)).toEqual(r.dimensions.map((d) => d.label));
      r.dimensions.forEach((d, i) => {
        expect(numberIn(dims[i], score)).toBe(d.gap.mean);
        expect(numberIn(dims[i], l.n)).toBe(d.gap.n);
        expect(numberIn(dims[i], l.sheet.ciLow)).toBe(d.gap.ci95?.[0]);
        expect(dims[i]?.get(score)?.numFmt).toBe(signed ? '+0.00;-0.00;0.00' : '0.00');
        expect(dims[i]?.get(l.n)?.numFmt).toBe('0');
      });

      const items = records(sheet(wb, l.items));
      expect(items.map((row) => row.get(l.item)?.value)).toEqual(r.items.map((item) => item.id));
      r.items.forEach((item, i) => {
        expect(items[i]?.get(l.statement)?.value ?? null).toBe(
          item.statement === undefined ? null : `${item.reverse ? `${l.reversedMark} ` : ''}${item.statement}`,
        );
        expect(numberIn(items[i], score)).toBe(item.gap.mean);
        expect(numberIn(items[i], l.n)).toBe(item.gap.n);
        if (signed) expect(numberIn(items[i], l.perception)).toBe(item.perception);
        if (item.pHolm !== null) {
          expect(numberIn(items[i], l.pHolm)).toBe(item.pHolm);
          expect(items[i]?.get(l.pHolm)?.numFmt).toBe('0.000');
        }
      });

      const summary = sheet(wb, l.sheet.summary);
      expect(summary.getCell('A1').value).toBe(r.questionnaire.title);
      const weighted = summary.getColumn(1).values.indexOf(l.weighted);
      expect(weighted).toBeGreaterThan(0);
      const row = summary.getRow(weighted);
      expect(row.getCell(2).value).toBe(r.overall.weighted.mean);
      expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(3).value).toBe(r.overall.weighted.ci95?.[0] ?? null);
      expect(row.getCell(5).value).toBe(r.overall.weighted.n);
      const total = summary.getColumn(1).values.indexOf(l.sheet.total);
      expect(summary.getRow(total).getCell(2).value).toBe(r.respondents.total);

      if (r.segments.length > 0) {
        const segments = records(sheet(wb, l.segments));
        expect(segments).toHaveLength(r.segments.length);
        r.segments.forEach((s, i) => {
          expect(numberIn(segments[i], l.n)).toBe(s.respondents.total);
          expect(numberIn(segments[i], l.overall)).toBe(s.overall.weighted.mean);
        });
      }

      const recommendations = records(sheet(wb, l.recommendations));
      expect(recommendations.map((rec) => rec.get(l.item)?.value)).toEqual(r.recommendations.map((rec) => rec.item));
      r.recommendations.forEach((rec, i) => {
        expect(numberIn(recommendations[i], l.sheet.priority)).toBe(rec.priority);
        expect(recommendations[i]?.get(l.sheet.priority)?.numFmt).toBe('0.000');
      });
      if (differences) {
        // Welch's ANOVA across segments, as the JSON has it, numbers unrounded.
        const rows = records(sheet(wb, differences.sheet));
        const [, , , , f, , df2, , pHolm] = differences.headers as string[];
        expect(rows).toHaveLength(r.segmentDifferences?.length ?? -1);
        r.segmentDifferences?.forEach((d, i) => {
          if (d.f !== null) expect(numberIn(rows[i], f as string)).toBe(d.f);
          if (d.df2 !== null) expect(numberIn(rows[i], df2 as string)).toBe(d.df2);
          if (d.pHolm !== null) expect(numberIn(rows[i], pHolm as string)).toBe(d.pHolm);
        });
      }
      const warnings = records(sheet(wb, l.warnings));
      // Every warning that is about a number of things has it in the Count column.
      r.warnings.forEach((w, i) => {
        const count =
          typeof w.count === 'number'
            ? w.count
            : w.code === 'weights-fallback'
              ? (w.invalid as number) + (w.missing as number)
              : null;
        if (count !== null) expect(numberIn(warnings[i], l.sheet.count)).toBe(count);
      });
      expect(warnings.map((w) => w.get(l.sheet.message)?.value)).toEqual(
        // The sheet words each warning in the report's language (issue 15).
        r.warnings.map((w) => warningText(w, r.questionnaire.language)),
      );
    });
  });

  it('formats a share as a percentage, heads its tables in bold and freezes them', async () => {
    const r = buildResult({ format: 'two-column', n: 30 });
    const wb = await workbookOf(r);
    const dims = sheet(wb, 'Dimensions');
    expect(dims.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(dims.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    const importance = records(dims)[0]?.get('Importance');
    expect(importance?.numFmt).toBe('0.0%');
    expect(importance?.value).toBe(r.dimensions[0]?.importance);
    for (const column of [1, 2]) {
      const width = sheet(wb, 'Items').getColumn(column).width ?? 0;
      expect(width).toBeGreaterThanOrEqual(6);
      expect(width).toBeLessThanOrEqual(60);
    }
  });

  it('labels a Russian result in Russian', async () => {
    const wb = await workbookOf(buildResult({ format: 'two-column', n: 30, language: 'ru' }));
    expect(wb.worksheets.map((s) => s.name).slice(0, 3)).toEqual(['Сводка', 'Измерения', 'Вопросы']);
    expect(sheet(wb, 'Измерения').getRow(1).values).toContain('Разрыв');
  });

  it('stores text that looks like a formula as text, never as a formula', async () => {
    const r = buildResult({ format: 'two-column', n: 30 });
    const hostile = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', 'bell\u0007and nul\u0000'];
    const first = r.items[0];
    const dimension = r.dimensions[0];
    if (!first || !dimension) throw new Error('no items');
    const changed: Result = {
      ...r,
      dimensions: [{ ...dimension, label: hostile[0] ?? '' }, ...r.dimensions.slice(1)],
      items: [{ ...first, statement: hostile[1] ?? '' }, ...r.items.slice(1)],
      warnings: [
        { code: 'x', message: hostile[2] ?? '' },
        { code: 'y', message: hostile[3] ?? '' },
        { code: 'z', message: hostile[4] ?? '' },
      ],
    };
    const wb = await workbookOf(changed);
    const cells = [
      records(sheet(wb, 'Dimensions'))[0]?.get('Dimension'),
      records(sheet(wb, 'Items'))[0]?.get('Statement'),
      ...records(sheet(wb, 'Warnings')).map((w) => w.get('Message')),
    ];
    for (const cell of cells) {
      expect(cell?.type).toBe(ExcelJS.ValueType.String);
      expect(cell?.formula).toBeUndefined();
    }
    expect(cells.slice(0, 4).map((c) => c?.value)).toEqual(hostile.slice(0, 4));
    // Control characters cannot be written in XML: exceljs drops them (the file stays valid).
    expect(cells[4]?.value).toBe('belland nul');
  });

  describe('its bytes', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('are the same for the same result whenever it is written', async () => {
      const r = buildResult({ format: 'three-column', n: 30 });
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
      const first = await renderBinaryReport(r, 'xlsx', { generatedBy: 'servqual (test)' });
      vi.setSystemTime(new Date('2027-06-30T23:59:58Z'));
      const second = await renderBinaryReport(r, 'xlsx', { generatedBy: 'servqual (test)' });
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(asLoadable(first));
      expect(wb.created?.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    });
  });
});
