import type { Trend, TrendSeries } from '../core/trend/trend.js';
import { pValue, signed } from './format.js';
import { htmlHead } from './html-style.js';
import { htmlLabelsFor } from './html-labels.js';
import { fill, respondentsLine } from './labels.js';
import { esc, figure } from './svg/common.js';
import { renderTrendLine } from './svg/trend-line.js';
import { trendLabelsFor, type TrendLabels } from './trend-labels.js';
import { digitsOf, intervalText, seriesName, stepColumns, stepText, trendSections, valueText } from './view/trend.js';

/** Charts side by side where the page is wide enough, one per row on a phone. */
const TREND_STYLE = `
.trend-charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 8px 20px; }
.trend-charts figure { margin: 8px 0 16px; }
td.up { color: #23764b; font-weight: 600; }
td.down { color: #b0432e; font-weight: 600; }
`;

/** A step cell: its change, mark and Holm p; bold and coloured (never colour alone: the mark says it) when significant. */
function stepCell(s: TrendSeries, c: ReturnType<typeof stepColumns>[number]): string {
  const step = c.pick(s);
  const kind = step?.significant ? (step.direction === 'up' ? ' up' : step.direction === 'down' ? ' down' : '') : '';
  return `<td class="num${kind}">${esc(stepText(s, step))}</td>`;
}

function section(trend: Trend, heading: string, series: TrendSeries[], t: TrendLabels): string {
  const { language } = trend.questionnaire;
  const waves = trend.waves.map((w) => w.label);
  const values = [
    `<div class="table-wrap"><table data-table="trend-values"><thead><tr><th></th>${waves.map((w) => `<th class="num">${esc(w)}</th>`).join('')}</tr></thead><tbody>`,
    ...series.map(
      (s) =>
        `<tr data-target="${esc(s.target)}"><th>${esc(seriesName(s, language))}</th>${s.points
          .map(
            (p) =>
              `<td class="num">${esc(valueText(s, p.value))}<span class="significance">${esc(intervalText(s, p.ci95))}</span></td>`,
          )
          .join('')}</tr>`,
    ),
    '</tbody></table></div>',
  ].join('\n');
  const columns = stepColumns(trend);
  const changes = [
    `<div class="table-wrap"><table data-table="trend-changes"><thead><tr><th>${esc(t.changes)}</th>${columns.map((c) => `<th class="num">${esc(c.heading)}</th>`).join('')}</tr></thead><tbody>`,
    ...series.map(
      (s) =>
        `<tr data-target="${esc(s.target)}"><th>${esc(seriesName(s, language))}</th>${columns.map((c) => stepCell(s, c)).join('')}</tr>`,
    ),
    '</tbody></table></div>',
  ].join('\n');
  const charts = series.map((s) => {
    const name = seriesName(s, language);
    const summary = fill(t.chartSummary, { name });
    const svg = renderTrendLine({
      target: s.target,
      title: name,
      summary,
      waves,
      points: s.points.map((p) => ({ value: p.value, ci: p.ci95, n: p.n })),
      baseline: s.kind === 'kpi' ? null : 0,
      format: (v) => valueText(s, v),
      formatInterval: (ci) => intervalText(s, ci),
    });
    return figure(`trend-${s.target.replace(/[^A-Za-z0-9_-]/g, '-')}`, svg, name, summary);
  });
  return `<section data-section="${esc(series[0]?.kind ?? '')}">\n<h2>${esc(heading)}</h2>\n${values}\n${changes}\n<div class="trend-charts">\n${charts.join('\n')}\n</div>\n</section>`;
}

/**
 * A trend as one self-contained HTML page (no scripts, no requests; the report's stylesheet): the
 * waves, then per section (overall, dimensions, KPIs) the values with their 95% intervals, the
 * changes with Holm-adjusted p, and one SVG line chart per measure with its intervals as a band;
 * then the regressions the gate reads. Every string from the files is escaped.
 */
export function renderTrendHtml(trend: Trend, options: { generatedBy?: string } = {}): string {
  const language = trend.questionnaire.language === 'ru' ? 'ru' : 'en';
  const t = trendLabelsFor(language);
  const h = htmlLabelsFor(language);
  const title = fill(t.heading, { title: trend.questionnaire.title });
  const last = trend.waves[trend.waves.length - 1]?.label ?? '';
  const previous = trend.waves[trend.waves.length - 2]?.label ?? '';
  const regressions = trend.series.filter((s) => s.regression);
  const regressionItems = regressions.map((s) => {
    const step = s.consecutive[s.consecutive.length - 1];
    const before = valueText(s, s.points[s.points.length - 2]?.value ?? null);
    const after = valueText(s, s.points[s.points.length - 1]?.value ?? null);
    return `<li data-target="${esc(s.target)}"><strong>${esc(seriesName(s, language))}</strong>: ${esc(`${previous} ${before} → ${last} ${after} (${signed(step?.change ?? null, digitsOf(s))}, p ${pValue(step?.p ?? null)})`)}</li>`;
  });
  const by = options.generatedBy;
  const parts = [
    ...htmlHead({ language, title, generatedBy: by, style: TREND_STYLE }),
    '<body>',
    '<main>',
    `<header>\n<h1>${esc(title)}</h1>`,
    `<ul class="meta" data-list="waves">${trend.waves
      .map(
        (w) =>
          `<li><strong>${esc(w.label)}</strong>: ${esc(respondentsLine(w.respondents, language))}${w.date ? ` (${esc(w.date)})` : ''}</li>`,
      )
      .join('')}</ul>`,
    `<p class="note">${esc(t.valuesNote)}</p>`,
    `<p class="note">${esc(fill(t.testsNote, { alpha: String(trend.alpha) }))}</p>`,
    `<p class="note">${esc(fill(t.gateNote, { previous, last, alpha: String(trend.alpha) }))}</p>\n</header>`,
    ...trendSections(trend, language).map((s) => section(trend, s.heading, s.series, t)),
    `<section id="regressions">\n<h2>${esc(t.regressions)}</h2>\n${regressions.length === 0 ? `<p>${esc(t.noRegressions)}</p>` : `<ul class="warnings">${regressionItems.join('')}</ul>`}\n</section>`,
    ...(by ? [`<footer><p>${esc(fill(h.generatedBy, { by }))}</p></footer>`] : []),
    '</main>',
    '</body>',
    '</html>',
  ];
  return `${parts.join('\n')}\n`;
}
