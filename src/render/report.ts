import type { Result } from '../core/scoring/result.js';
import { renderCsv } from './csv.js';
import { type RenderedBinaryFormat, type TextReportFormat, unreachable } from './formats.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';
import { renderXlsx } from './xlsx.js';

export interface ReportOptions {
  /** ANSI colour in a terminal table. */
  color: boolean;
  /** Who made the report (HTML footer and generator), e.g. `servqual 0.1.0`. */
  generatedBy: string;
  /** The date the cover shows (YYYY-MM-DD), chosen by the shell: renderers never read the clock. */
  date?: string;
}

/** The date option, only when there is one (exactOptionalPropertyTypes). */
function dated(options: Pick<ReportOptions, 'date'>): { date?: string } {
  return options.date !== undefined ? { date: options.date } : {};
}

/** A result as the text of one report format. JSON is the result itself; the others read it through the view model. */
export function renderReport(result: Result, format: TextReportFormat, options: ReportOptions): string {
  switch (format) {
    case 'table':
      return renderTable(result, { color: options.color, ...dated(options) });
    case 'json':
      return renderJson(result);
    case 'markdown':
      return renderMarkdown(result, dated(options));
    case 'html':
      return renderHtml(result, { generatedBy: options.generatedBy, ...dated(options) });
    case 'csv':
      return renderCsv(result);
    default:
      return unreachable(format);
  }
}

/** A result as the bytes of a binary report format (a workbook), built from the same view model. */
export function renderBinaryReport(
  result: Result,
  format: RenderedBinaryFormat,
  options: Pick<ReportOptions, 'generatedBy' | 'date'>,
): Promise<Uint8Array> {
  switch (format) {
    case 'xlsx':
      return renderXlsx(result, { generatedBy: options.generatedBy, ...dated(options) });
    default:
      return unreachable(format);
  }
}
