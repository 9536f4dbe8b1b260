import type { Language } from '../core/questionnaire/model.js';
import type { Trend } from '../core/trend/trend.js';
import { type TrendFormat, unreachable } from './formats.js';
import { renderTrendHtml } from './trend-html.js';
import { renderTrendMarkdown } from './trend-markdown.js';
import { renderTrendTable } from './trend-table.js';

/** A trend as the text of one `trend` format; JSON keeps every number unrounded, in the trend's own key order. */
export function renderTrend(
  trend: Trend,
  format: TrendFormat,
  options: { color: boolean; ascii: boolean; language: Language; generatedBy?: string },
): string {
  switch (format) {
    case 'table':
      return renderTrendTable(trend, { color: options.color, ascii: options.ascii, language: options.language });
    case 'json':
      return `${JSON.stringify(trend, null, 2)}\n`;
    case 'markdown':
      return renderTrendMarkdown(trend, { language: options.language });
    case 'html':
      return renderTrendHtml(trend, options.generatedBy !== undefined ? { generatedBy: options.generatedBy } : {});
    default:
      return unreachable(format);
  }
}
