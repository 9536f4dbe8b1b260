import type { Comparison } from '../core/compare/compare.js';
import type { Language } from '../core/questionnaire/model.js';
import { renderCompareHtml } from './compare-html.js';
import { renderCompareMarkdown } from './compare-markdown.js';
import { renderCompareTable } from './compare-table.js';
import { type CompareFormat, unreachable } from './formats.js';

/** The comparison as JSON: every number unrounded, in the comparison's own key order. */
function renderCompareJson(comparison: Comparison): string {
  return `${JSON.stringify(comparison, null, 2)}\n`;
}

/** A comparison as the text of one `compare` format, labelled in the results' language. */
export function renderComparison(
  comparison: Comparison,
  format: CompareFormat,
  options: { color: boolean; language: Language },
): string {
  switch (format) {
    case 'table':
      return renderCompareTable(comparison, options);
    case 'json':
      return renderCompareJson(comparison);
    case 'markdown':
      return renderCompareMarkdown(comparison, { language: options.language });
    case 'html':
      return renderCompareHtml(comparison, { language: options.language });
    default:
      return unreachable(format);
  }
}
