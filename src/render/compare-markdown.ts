import type { Comparison, ComparisonRow } from '../core/compare/compare.js';
import type { Language } from '../core/questionnaire/model.js';
import {
  compareLabelsFor,
  compareNotes,
  compareSections,
  rowName,
  type CompareLabels,
  segmentName,
  valueCell,
} from './compare-table.js';
import { fixed, pValue, signed } from './format.js';
import { fill, labelsFor, respondentsLine } from './labels.js';
import { markdownText } from './markdown.js';

function note(row: ComparisonRow, c: CompareLabels): string {
  if (row.status === 'only-in-baseline') return c.onlyInBaseline;
  if (row.status === 'only-in-current') return c.onlyInCurrent;
  if (row.regression) return `**${c.regression}**`;
  return row.significant ? c.significant : '';
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const rule = header.map((_, i) => (i === 0 || i === header.length - 1 ? ':---' : '---:'));
  return [header, rule, ...rows].map((row) => `| ${row.join(' | ')} |`);
}

/** Rows as a Markdown table; `holm` when they are judged on Holm-adjusted p. */
function rowsTable(rows: readonly ComparisonRow[], holm: boolean, language: Language): string[] {
  const c = compareLabelsFor(language);
  const l = labelsFor(language);
  return table(
    ['', c.baseline, c.current, c.change, holm ? l.pHolm : c.p, c.note],
    rows.map((r) => {
      const change = signed(r.change);
      return [
        markdownText(rowName(r, language)),
        valueCell(r, 'baseline'),
        valueCell(r, 'current'),
        r.significant ? `**${change}**` : change,
        pValue(holm ? r.pHolm : r.p),
        note(r, c),
      ];
    }),
  );
}

/**
 * A comparison as GitHub-flavoured Markdown (for a pull-request comment or a CI step summary): the
 * same sections as the terminal table, a Note column naming significant changes and regressions,
 * and the regressions listed at the end. Text from the results is escaped.
 */
export function renderCompareMarkdown(comparison: Comparison, options: { language: Language }): string {
  const language = options.language;
  const c = compareLabelsFor(language);
  const l = labelsFor(language);
  const out: string[] = [`## ${markdownText(fill(c.heading, { title: comparison.current.title }))}`, ''];
  out.push(`- ${c.baseline}: ${respondentsLine(comparison.baseline.respondents, language)}`);
  out.push(`- ${c.current}: ${respondentsLine(comparison.current.respondents, language)}`, '');
  out.push(...compareNotes(comparison, language).map(markdownText).join(' ').split('\n'), '');

  for (const section of compareSections(comparison, language)) {
    out.push(`### ${markdownText(section.heading)}`, '');
    out.push(...rowsTable(section.rows, section.holm, language), '');
  }
  if (comparison.segments) {
    out.push(`### ${l.segments}`, '', c.segmentNote, '');
    for (const segment of comparison.segments) {
      out.push(`#### ${markdownText(segmentName(segment, language))}`, '');
      if (segment.rows.length > 0) out.push(...rowsTable(segment.rows, true, language), '');
    }
    out.push(`#### ${c.segmentRegressions}`, '');
    const regressions = comparison.segmentRegressions ?? [];
    out.push(
      ...(regressions.length === 0 ? [c.noRegressions] : regressions.map((r) => `- **${markdownText(r)}**`)),
      '',
    );
  }

  out.push(`### ${c.regressions}`, '');
  const regressions = comparison.rows.filter((r) => r.regression);
  if (regressions.length === 0) out.push(c.noRegressions);
  for (const r of regressions) {
    const p = r.p === null ? '' : `, ${c.p} ${pValue(r.p)}`;
    out.push(
      `- **${markdownText(rowName(r, language))}**: ${fixed(r.baseline)} → ${fixed(r.current)} (${signed(r.change)}${p})`,
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
