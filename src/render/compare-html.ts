import type { Comparison, ComparisonRow } from '../core/compare/compare.js';
import type { Language } from '../core/questionnaire/model.js';
import { compareLabelsFor, compareNotes, compareSections, rowName, segmentName, valueCell } from './compare-table.js';
import { fixed, pValue, signed } from './format.js';
import { htmlHead } from './html-style.js';
import { fill, labelsFor, respondentsLine } from './labels.js';
import { type CompareIntervalRow, renderCompareIntervals } from './svg/compare-intervals.js';
import { esc, figure } from './svg/common.js';

const COMPARE_STYLE = `
.compare-charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 8px 20px; }
.compare-charts figure { margin: 8px 0 16px; }
td.up { color: #23764b; font-weight: 600; }
td.down { color: #b0432e; font-weight: 600; }
`;

function rowsTable(rows: readonly ComparisonRow[], holm: boolean, language: Language): string {
  const c = compareLabelsFor(language);
  const l = labelsFor(language);
  const head = ['', c.baseline, c.current, c.change, holm ? l.pHolm : c.p, c.note];
  const body = rows.map((r) => {
    const note =
      r.status === 'only-in-baseline'
        ? c.onlyInBaseline
        : r.status === 'only-in-current'
          ? c.onlyInCurrent
          : r.regression
            ? c.regression
            : r.significant
              ? c.significant
              : '';
    // The word in the note says it, so colour is never the only sign.
    const kind = r.significant ? (r.direction === 'up' ? ' up' : r.direction === 'down' ? ' down' : '') : '';
    return `<tr data-target="${esc(r.target)}"><th scope="row">${esc(rowName(r, language))}</th><td class="num">${esc(valueCell(r, 'baseline'))}</td><td class="num">${esc(valueCell(r, 'current'))}</td><td class="num${kind}">${esc(signed(r.change))}</td><td class="num">${esc(pValue(holm ? r.pHolm : r.p))}</td><td>${r.regression ? `<strong>${esc(note)}</strong>` : esc(note)}</td></tr>`;
  });
  return `<div class="table-wrap"><table data-table="compare"><thead><tr>${head.map((h, i) => `<th${i > 0 && i < 5 ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table></div>`;
}

function intervalRow(r: ComparisonRow, language: Language): CompareIntervalRow {
  return {
    target: r.target,
    label: rowName(r, language),
    baseline: r.baseline,
    current: r.current,
    baselineCi: r.baselineCi95 ?? null,
    currentCi: r.currentCi95 ?? null,
    significant: r.significant,
  };
}

/** The charts: the overall scores and dimensions on one scale (gaps), then each KPI on its own. */
function charts(comparison: Comparison, language: Language): string {
  const c = compareLabelsFor(language);
  const l = labelsFor(language);
  const chart = (id: string, title: string, rows: ComparisonRow[], reference: number | null) => {
    const summary = fill(c.chartSummary, { name: title });
    const svg = renderCompareIntervals({
      chart: id,
      title,
      summary,
      rows: rows.map((r) => intervalRow(r, language)),
      baselineLabel: c.baseline,
      currentLabel: c.current,
      significantMark: '*',
      format: (v) => fixed(v),
      reference,
    });
    return figure(id, svg, title, summary);
  };
  const gaps = comparison.rows.filter((r) => r.target.startsWith('overall:') || r.target.startsWith('dimension:'));
  const kpis = comparison.rows.filter((r) => r.target.startsWith('kpi:'));
  const out = [chart('compare-gaps', `${l.overall} · ${l.dimensions}`, gaps, 0)];
  for (const k of kpis) out.push(chart(`compare-${k.target.replace(/[^A-Za-z0-9_-]/g, '-')}`, k.label, [k], null));
  return `<div class="compare-charts">\n${out.join('\n')}\n</div>`;
}

function segmentsSection(comparison: Comparison, language: Language): string {
  if (comparison.segments === undefined) return '';
  const c = compareLabelsFor(language);
  const l = labelsFor(language);
  const parts = [`<section id="segments">`, `<h2>${esc(l.segments)}</h2>`, `<p class="note">${esc(c.segmentNote)}</p>`];
  for (const s of comparison.segments) {
    parts.push(`<h3>${esc(segmentName(s, language))}</h3>`);
    if (s.rows.length > 0) parts.push(rowsTable(s.rows, true, language));
  }
  const regressions = comparison.segmentRegressions ?? [];
  parts.push(
    `<h3>${esc(c.segmentRegressions)}</h3>`,
    regressions.length === 0
      ? `<p>${esc(c.noRegressions)}</p>`
      : `<ul class="warnings">${regressions.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`,
    '</section>',
  );
  return parts.join('\n');
}

/**
 * A comparison as one self-contained HTML page (no scripts, no requests; the score report's
 * stylesheet): both waves, the notes, an SVG chart of both waves' means with their 95% intervals
 * (overall and dimensions together, each KPI alone; significant changes marked), a table per
 * section, the segments when there are any, and the regressions. Every string from the files is escaped.
 */
export function renderCompareHtml(comparison: Comparison, options: { language: Language }): string {
  const language = options.language;
  const c = compareLabelsFor(language);
  const title = fill(c.heading, { title: comparison.current.title });
  const regressions = comparison.rows.filter((r) => r.regression);
  const parts = [
    ...htmlHead({ language, title, style: COMPARE_STYLE }),
    '<body>',
    '<main>',
    `<header>\n<h1>${esc(title)}</h1>`,
    `<ul class="meta"><li><strong>${esc(c.baseline)}</strong>: ${esc(respondentsLine(comparison.baseline.respondents, language))}</li><li><strong>${esc(c.current)}</strong>: ${esc(respondentsLine(comparison.current.respondents, language))}</li></ul>`,
    ...compareNotes(comparison, language).map((n) => `<p class="note">${esc(n)}</p>`),
    '</header>',
    charts(comparison, language),
    ...compareSections(comparison, language).map(
      (s) => `<section>\n<h2>${esc(s.heading)}</h2>\n${rowsTable(s.rows, s.holm, language)}\n</section>`,
    ),
    segmentsSection(comparison, language),
    `<section id="regressions">\n<h2>${esc(c.regressions)}</h2>\n${
      regressions.length === 0
        ? `<p>${esc(c.noRegressions)}</p>`
        : `<ul class="warnings">${regressions.map((r) => `<li data-target="${esc(r.target)}"><strong>${esc(rowName(r, language))}</strong>: ${esc(`${fixed(r.baseline)} → ${fixed(r.current)} (${signed(r.change)}, ${c.p} ${pValue(r.p)})`)}</li>`).join('')}</ul>`
    }\n</section>`,
    '</main>',
    '</body>',
    '</html>',
  ];
  return `${parts.filter((p) => p !== '').join('\n')}\n`;
}
