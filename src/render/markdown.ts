import { recommendationRows } from './view/recommendations.js';
import type { Result } from '../core/scoring/result.js';
import { visible } from '../core/text/safe-text.js';
import { fixed } from './format.js';
import { formatInHeadline, htmlLabelsFor } from './html-labels.js';
import { labelsFor, respondentsLine, scaleText, type Labels } from './labels.js';
import {
  type Cell,
  type Column,
  cellText,
  cellWords,
  columnsFor,
  dimensionColumns,
  dimensionRows,
  ITEM_COLUMNS,
  itemRows,
} from './view/columns.js';
import { noRecommendationsText } from './view/advice.js';
import { checkFigure, checksView } from './view/checks.js';
import { kpiView } from './view/kpis.js';
import { readingOf, recommendationScore, type ScoreReading } from './view/reading.js';
import { segmentColumns } from './view/segments.js';
import { segmentDifferenceLines } from './segment-differences-text.js';
import { segmentLegend, segmentPriorityLines } from './segment-tests-text.js';
import { warningText } from './warning-text.js';
import { coverView } from './view/cover.js';
import { commentLines } from './markdown-comments.js';
import { measurementMarkdown } from './measurement-sections.js';
import { measurementOf } from './view/measurement.js';
import { summaryView } from './view/summary.js';

const segmentLegendLines = (result: Result, l: Labels): string[] => {
  const legend = segmentLegend(result, l);
  return legend ? [legend, ''] : [];
};

/** Welch's ANOVA across segments as a paragraph and a list (issue 16). */
const differenceLines = (result: Result, l: Labels): string[] => {
  const [heading, ...lines] = segmentDifferenceLines(result, l, markdownText);
  return heading ? [heading, '', ...lines.map((line) => `- ${line}`), ''] : [];
};

/**
 * Text from a questionnaire or CSV made safe inside GitHub-flavoured Markdown: control characters
 * (CR and LF too, so a table cell stays one line) escaped visibly; table pipes, backticks,
 * emphasis, heading and link characters escaped; `&` and angle brackets as entities so no HTML
 * gets through; `@` followed by a zero-width space so no @mention notifies anyone; and `::` at
 * the start of a word escaped, so no line of the report is a CI workflow command.
 * @example markdownText('a|b <i> @team') // 'a\\|b &lt;i&gt; @\u200bteam'
 */
export function markdownText(text: string): string {
  return visible(text)
    .replace(/[\\`*_[\]|#~]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@\u200b')
    .replace(/(^|\s)::/g, '$1\\::');
}

function table(
  header: readonly string[],
  align: readonly ('l' | 'r')[],
  rows: readonly (readonly string[])[],
): string[] {
  const rule = align.map((a) => (a === 'r' ? '---:' : ':---'));
  return [header, rule, ...rows].map((row) => `| ${row.join(' | ')} |`);
}

/** A cell in Markdown: text from the result escaped, numbers as the view model formats them. */
function markdownCell(cell: Cell, reading: ScoreReading, l: Labels): string {
  switch (cell.kind) {
    case 'text':
      return markdownText(cell.text);
    case 'segment':
      return `${markdownText(cell.column)}=${cell.value === '' ? '(blank)' : markdownText(cell.value)}`;
    case 'statement':
      return cell.statement === null ? '–' : markdownText(cellWords(cell, l) ?? '');
    default:
      return cellText(cell, reading, l);
  }
}

/** One of the view model's tables with the columns Markdown shows. */
function columnTable<Row>(all: readonly Column<Row>[], rows: readonly Row[], result: Result, l: Labels): string[] {
  const format = result.questionnaire.format;
  const columns = columnsFor(all, 'markdown', format);
  const reading = readingOf(result);
  const w = { l, h: htmlLabelsFor(result.questionnaire.language) };
  return table(
    // Headings may be data too (a dimension's label heads its segment column).
    columns.map((c) => markdownText(c.label(w, 'markdown', format))),
    columns.map((c) => (c.align === 'right' ? 'r' : 'l')),
    rows.map((row) => columns.map((c) => markdownCell(c.cell(row), reading, l))),
  );
}

/** The executive summary as a short Markdown section, every sentence escaped. */
function summaryMarkdown(result: Result): string[] {
  const s = summaryView(result);
  return [
    `### ${markdownText(s.heading)}`,
    '',
    markdownText(s.overall),
    '',
    ...(s.fix.length > 0 ? [`**${markdownText(s.fixHeading)}:**`, ''] : []),
    ...(s.fix.length > 1 ? s.fix.map((line, i) => `${i + 1}. ${markdownText(line)}`) : s.fix.map(markdownText)),
    '',
    ...s.fine.map((line) => `- ${markdownText(line)}`),
    '',
    `_${markdownText(s.quality)}_`,
    '',
  ];
}

/**
 * A GitHub-flavoured Markdown report for a pull-request comment or a CI step summary: the headline
 * numbers, the dimension table, the top recommendations, KPIs, segments and warnings.
 */
export function renderMarkdown(result: Result, options: { top?: number; date?: string } = {}): string {
  const l = labelsFor(result.questionnaire.language);
  const { respondents, overall } = result;
  const { score, interval: ci } = readingOf(result);
  const cover = coverView(result, options.date);
  const out: string[] = [`## ${markdownText(cover.title)}`, '', `_${markdownText(cover.line)}_`, ''];
  out.push(...summaryMarkdown(result));
  out.push(
    `${respondentsLine(respondents, result.questionnaire.language)} · ${formatInHeadline(result.questionnaire.format, result.questionnaire.language)}, ${scaleText(result.questionnaire.scale, result.questionnaire.language)}`,
    '',
  );
  out.push(
    ...table(
      ['', l.mean, l.ci95, l.n],
      ['l', 'r', 'r', 'r'],
      [
        [
          `**${l.weighted}**`,
          `**${score(overall.weighted.mean)}**`,
          ci(overall.weighted.ci95),
          String(overall.weighted.n),
        ],
        [l.unweighted, score(overall.unweighted.mean), ci(overall.unweighted.ci95), String(overall.unweighted.n)],
      ],
    ),
    '',
  );

  if (result.checks.length > 0) {
    const view = checksView(result, l);
    out.push(`### ${view.heading}`, '');
    out.push(
      ...table(
        ['', l.target, l.value, l.threshold],
        ['l', 'l', 'r', 'r'],
        view.checks.map((c) => [
          c.passed ? '✅' : '❌',
          markdownText(c.about ? `${c.target} (${c.about})` : c.target),
          checkFigure(c.target, c.value),
          checkFigure(c.target, c.threshold),
        ]),
      ),
      '',
    );
  }

  out.push(`### ${l.dimensions}`, '', ...columnTable(dimensionColumns(result), dimensionRows(result), result, l), '');
  // The item table folded away (GitHub renders Markdown inside <details>), so a PR comment stays short.
  out.push(
    '<details>',
    `<summary>${markdownText(l.items)}</summary>`,
    '',
    ...columnTable(ITEM_COLUMNS, itemRows(result.items, result.dimensions), result, l),
    '',
    '</details>',
    '',
  );

  out.push(`### ${l.recommendations}`, '');
  const top = recommendationRows(result, options.top ?? 5);
  if (top.length === 0) out.push(markdownText(noRecommendationsText(result, l)));
  for (const { rank, rec: r, statement, dimensionLabel } of top) {
    const actions = r.actions.length > 0 ? `: ${r.actions.map(markdownText).join(' ')}` : '';
    out.push(
      `${rank}. **${markdownText(r.item)}**${statement ? ` ${markdownText(statement)}` : ''} (${markdownText(dimensionLabel)}) ${recommendationScore(result, l, r.gap)}, ${l.priority} ${fixed(r.priority, 3)}${actions}`,
    );
  }
  out.push('');

  if (result.kpis.length > 0) {
    out.push(`### ${l.kpis}`, '');
    for (const kpi of result.kpis) {
      const { name, value, detail, ci95 } = kpiView(kpi, l);
      // NPS's detail is a list of shares, set off by a dash.
      out.push(
        `- **${name}** (${markdownText(kpi.id)}): ${value}${kpi.type === 'nps' ? ' — ' : ' '}${detail}, ${l.ci95} ${ci95}, n = ${kpi.n}`,
      );
    }
    out.push('');
  }

  if (result.segments.length > 0) {
    out.push(
      `### ${l.segments}`,
      '',
      ...columnTable(segmentColumns(result.dimensions), result.segments, result, l),
      '',
      ...segmentLegendLines(result, l),
      ...differenceLines(result, l),
      ...segmentPriorityLines(result, l, readingOf(result), markdownText),
    );
  }

  out.push(...commentLines(result, htmlLabelsFor(result.questionnaire.language).blank, markdownText));

  const measurement = measurementOf(result);
  if (measurement) out.push(...measurementMarkdown(measurement));

  if (result.warnings.length > 0) {
    out.push(
      `### ${l.warnings}`,
      '',
      ...result.warnings.map((w) => `- ${markdownText(warningText(w, result.questionnaire.language))}`),
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
