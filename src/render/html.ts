import { recommendationRows, type RecommendationRow } from './view/recommendations.js';
import type { DimensionResult, KpiResult, Result } from '../core/scoring/result.js';
import { fixed } from './format.js';
import { htmlLabelsFor, type HtmlLabels } from './html-labels.js';
import { commentsSection } from './html-comments.js';
import { segmentDifferencesSection, segmentPrioritiesSection } from './html-segments.js';
import { htmlHead } from './html-style.js';
import { coverHtml, summarySection } from './html-summary.js';
import { fill, labelsFor, respondentsLine, scaleText, type Labels } from './labels.js';
import { renderCharts } from './svg/charts.js';
import { esc } from './svg/common.js';
import { type Advice, type AdviceView, adviceView, noRecommendationsText } from './view/advice.js';
import {
  type Cell,
  type Column,
  cellText,
  columnsFor,
  dimensionColumns,
  dimensionRows,
  ITEM_COLUMNS,
  type ItemWording,
  itemRows,
} from './view/columns.js';
import { checkFigure, checksView } from './view/checks.js';
import { kpiView } from './view/kpis.js';
import { byFormat, readingOf, type ScoreReading, scoreLabel, scoreNote } from './view/reading.js';
import { warningText } from './warning-text.js';
import { measurementSection } from './measurement-sections.js';

export interface HtmlOptions {
  /** Who made the report, e.g. `servqual 0.1.0`; shown in the footer. No date: output stays reproducible. */
  generatedBy?: string;
  /** The date the cover shows (YYYY-MM-DD), passed by the shell: the renderer reads no clock. */
  date?: string;
}

/** Everything a section needs: the result, both label sets and how its scores read. */
interface Context {
  result: Result;
  l: Labels;
  h: HtmlLabels;
  r: ScoreReading;
  /** The advice for each dimension and recommendation, decided once in the view model. */
  a: AdviceView;
}

/** An advice's name as a cell or tag shows it: the shared label, capitalised. */
function adviceName(c: Context, advice: Advice | null): string {
  if (advice === null) return '–';
  const text = c.l.advice[advice];
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A record's entry for a key the result names, or the key itself when the record lacks it. */
function named<K extends string>(record: Record<K, string>, key: string | null): string {
  if (key === null) return '–';
  return Object.hasOwn(record, key) ? record[key as K] : key;
}

function signOf(value: number | null, baseline: number): string {
  if (value === null || !Number.isFinite(value)) return '';
  return value < baseline ? ' neg' : value > baseline ? ' pos' : '';
}

/** A numeric cell; `text` is escaped here, `col` names the column for tests and styling. */
function num(col: string, text: string, extraClass = ''): string {
  return `<td class="num${extraClass}" data-col="${col}">${esc(text)}</td>`;
}

function score(c: Context, col: string, value: number | null, ownBaseline?: number): string {
  // A gap is read against 0 whatever the item's scale; a perception against its own scale's midpoint.
  const baseline = !c.r.gap && ownBaseline !== undefined ? ownBaseline : c.r.baseline;
  return num(col, c.r.score(value), signOf(value, baseline));
}

/** A column head: a plain label heads a numeric (right-aligned) column, `left(label)` a text column. */
type Head = string | { left: string };

const left = (label: string): Head => ({ left: label });

function head(cells: readonly Head[]): string {
  const th = (cell: Head, i: number) =>
    typeof cell !== 'string'
      ? `<th scope="col">${esc(cell.left)}</th>`
      : i === 0
        ? `<th scope="col">${esc(cell)}</th>`
        : `<th scope="col" class="num">${esc(cell)}</th>`;
  return `<thead><tr>${cells.map(th).join('')}</tr></thead>`;
}

function table(name: string, headCells: readonly Head[], body: string): string {
  return `<div class="table-wrap"><table data-table="${name}">${head(headCells)}\n${body}\n</table></div>`;
}

function zoneTag(c: Context, zone: string | null): string {
  return zone === null ? '–' : `<span class="tag zone-${esc(zone)}">${esc(named(c.l.zones, zone))}</span>`;
}

function headerSection(c: Context, cover: string): string {
  const { result, l, h, r } = c;
  const { questionnaire: q, respondents } = result;
  const card = (key: string, label: string, d: Result['overall']['weighted']) =>
    `<div class="card" data-overall="${key}"><div class="label">${esc(label)}</div>` +
    `<div class="value${signOf(d.mean, r.baseline)}">${esc(r.score(d.mean))}</div>` +
    `<div class="ci">${esc(`${l.ci95} ${r.interval(d.ci95)} · n = ${d.n}`)}</div></div>`;
  const meta = `${respondentsLine(respondents, q.language, true)} · ${h.format}: ${named(h.formats, q.format)} · ${h.scale}: ${scaleText(q.scale, q.language)}`;
  const note = scoreNote(q.format, l);
  return [
    `<header>`,
    `<h1>${esc(q.title)}</h1>`,
    cover,
    `<p class="meta">${esc(meta)}</p>`,
    `<div class="headline">${card('weighted', l.weighted, result.overall.weighted)}${card('unweighted', l.unweighted, result.overall.unweighted)}</div>`,
    `<p class="note">${esc(note)}</p>`,
    `</header>`,
  ].join('\n');
}

/**
 * An item's wording: the perception statement, then each other statement the format asked on a
 * smaller, muted line headed by its column's short name (E, MIN, DES); `–` for a result saved
 * before statements were written.
 */
function wordingHtml(c: Context, w: ItemWording): string {
  if (w.statement === null) return '–';
  const others = w.others.map(
    (o) => `<span class="other" data-wording="${o.kind}"><b>${esc(c.l[o.kind])}:</b> ${esc(o.text)}</span>`,
  );
  const mark = w.reverse ? `<span class="reverse">${esc(c.l.reversedMark)}</span> ` : '';
  return `${mark}<span class="perception">${esc(w.statement)}</span>${others.join('')}`;
}

/** A cell in HTML: the row's name as its header, scores marked by side, zones as tags, all text escaped. */
function htmlCell(c: Context, key: string, cell: Cell, first: boolean): string {
  switch (cell.kind) {
    case 'text':
      return first ? `<th scope="row">${esc(cell.text)}</th>` : `<td data-col="${key}">${esc(cell.text)}</td>`;
    case 'score':
      return score(c, key, cell.value, cell.baseline);
    case 'zone':
      return `<td data-col="${key}">${zoneTag(c, cell.value)}</td>`;
    case 'advice':
      return `<td data-col="${key}">${esc(adviceName(c, cell.value))}</td>`;
    case 'statement':
      return `<td class="statement" data-col="${key}">${wordingHtml(c, cell)}</td>`;
    default:
      return num(key, cellText(cell, c.r, c.l));
  }
}

/** One of the view model's tables with every column HTML shows, under its heading. */
function columnTable<Row>(
  c: Context,
  name: string,
  heading: string,
  all: readonly Column<Row>[],
  rows: readonly { id: string; row: Row }[],
): string {
  const format = c.result.questionnaire.format;
  const columns = columnsFor(all, 'html', format);
  const w = { l: c.l, h: c.h };
  const headCells = columns.map((col, i): Head => {
    const label = col.label(w, 'html', format);
    return i > 0 && col.align === 'left' ? left(label) : label;
  });
  const body = rows.map(
    ({ id, row }) =>
      `<tr data-id="${esc(id)}">${columns.map((col, i) => htmlCell(c, col.key, col.cell(row), i === 0)).join('')}</tr>`,
  );
  return `<h3>${esc(heading)}</h3>\n${table(name, headCells, `<tbody>\n${body.join('\n')}\n</tbody>`)}`;
}

function dimensionTable(c: Context): string {
  const rows = dimensionRows(c.result).map((d) => ({ id: d.id, row: d }));
  return columnTable(c, 'dimensions', c.l.dimensions, dimensionColumns(c.result), rows);
}

function itemTable(c: Context): string {
  const rows = itemRows(c.result.items, c.result.dimensions).map((row) => ({ id: row.item.id, row }));
  return columnTable(c, 'items', c.l.items, ITEM_COLUMNS, rows);
}

function kpiRow(c: Context, k: KpiResult): string {
  const { name, value, detail, ci95 } = kpiView(k, c.l);
  return `<tr data-id="${esc(k.id)}"><th scope="row">${esc(k.id)}</th><td data-col="type">${esc(name)}</td>${num('n', String(k.n))}${num('score', value)}${num('ci95', ci95)}<td data-col="detail">${esc(detail)}</td></tr>`;
}

function kpiTable(c: Context): string {
  if (c.result.kpis.length === 0) return '';
  const body = `<tbody>\n${c.result.kpis.map((k) => kpiRow(c, k)).join('\n')}\n</tbody>`;
  return `<h3>${esc(c.l.kpis)}</h3>\n${table('kpis', [c.h.kpi, left(c.h.type), c.l.n, c.h.score, c.l.ci95, left(c.h.detail)], body)}`;
}

/** The one-line diagnosis of a dimension's advice, and a note where its gap is significant. */
function diagnosis(c: Context, d: DimensionResult | undefined): string {
  if (!d) return '';
  const parts: string[] = [];
  const advice = c.a.dimension(d.id);
  if (advice !== null) parts.push(`<span class="diagnosis">${esc(c.h.diagnosis[advice])}</span>`);
  const ci = d.gap.ci95;
  if (ci) {
    const ciText = c.r.interval(ci);
    const midpoint = fixed(c.r.baseline, 1);
    if (!c.r.gap) {
      if (ci[1] < c.r.baseline)
        parts.push(
          `<span class="significance">${esc(fill(c.h.significantMidpoint, { ci: ciText, m: midpoint }))}</span>`,
        );
    } else if (ci[0] > 0 || ci[1] < 0) {
      parts.push(`<span class="significance">${esc(fill(c.h.significant, { ci: ciText }))}</span>`);
    }
  }
  return parts.join(' ');
}

/** The perception statement under a recommendation's item id; nothing for a result saved without it. */
function statementOf(statement: string | null): string {
  return statement === null ? '' : `<span class="statement">${esc(statement)}</span>`;
}

/**
 * A cell with its column's heading as `data-label`: at phone width the recommendations table is
 * stacked (html-style.ts) and each value shows its heading before it, the table head being hidden.
 */
function labelled(cell: string, heading: Head | undefined): string {
  const label = heading === undefined ? '' : typeof heading === 'string' ? heading : heading.left;
  return label === '' ? cell : cell.replace(/^<(td|th)/, `<$1 data-label="${esc(label)}"`);
}

function recommendationsSection(c: Context): string {
  const { result, l, h } = c;
  const out = [`<section id="recommendations">`, `<h2>${esc(h.recommendations)}</h2>`];
  if (result.recommendations.length === 0)
    return [...out, `<p>${esc(noRecommendationsText(result, l))}</p>`, `</section>`].join('\n');
  const dims = new Map(result.dimensions.map((d) => [d.id, d]));
  // Groups in the order of each dimension's most urgent item; items keep their global rank.
  const groups = new Map<string, RecommendationRow[]>();
  for (const row of recommendationRows(result)) {
    const group = groups.get(row.rec.dimension) ?? [];
    group.push(row);
    groups.set(row.rec.dimension, group);
  }
  const gapHead = scoreLabel(result.questionnaire.format, l);
  const headCells = [
    h.rank,
    left(l.item),
    left(l.dimension),
    gapHead,
    h.importance,
    h.priority,
    left(l.quadrantHeading),
    left(h.actions),
  ];
  const bodies = [...groups].map(([dimensionId, entries]) => {
    const d = dims.get(dimensionId);
    const label = d?.label ?? dimensionId;
    const groupHead = `<tr class="group-head"><th colspan="${headCells.length}" scope="rowgroup"><span class="group-name">${esc(label)}</span> ${diagnosis(c, d)}</th></tr>`;
    const rows = entries.map(({ rank, rec, statement, dimensionLabel, advice }) => {
      const actions = rec.actions?.length
        ? `<ul class="actions">${rec.actions.map((a) => `<li>${esc(a)}</li>`).join('')}</ul>`
        : '–';
      const cells = [
        num('rank', String(rank)),
        `<th scope="row">${esc(rec.item)}${statementOf(statement)}</th>`,
        `<td data-col="dimension">${esc(dimensionLabel)}</td>`,
        score(c, 'gap', rec.gap),
        num('importance', fixed(rec.importance)),
        num('priority', fixed(rec.priority, 3)),
        `<td data-col="quadrant">${esc(adviceName(c, advice))}</td>`,
        `<td data-col="actions">${actions}</td>`,
      ];
      return `<tr class="rec" data-rank="${rank}" data-item="${esc(rec.item)}">${cells.map((cell, i) => labelled(cell, headCells[i])).join('')}</tr>`;
    });
    return `<tbody class="group" data-dimension="${esc(dimensionId)}">\n${groupHead}\n${rows.join('\n')}\n</tbody>`;
  });
  return [...out, table('recommendations', headCells, bodies.join('\n')), `</section>`].join('\n');
}

/**
 * The checks of `servqual check`, right under the headline (a CI artefact's reader wants the
 * verdict first), failures first; none for `score`.
 */
function checksSection(c: Context): string {
  if (c.result.checks.length === 0) return '';
  const { l } = c;
  const view = checksView(c.result, l);
  const rows = view.checks.map(
    (check) =>
      `<tr class="${check.passed ? 'passed' : 'failed'}" data-target="${esc(check.target)}">` +
      // ✓ and ✗ rather than emoji: every font (and the PDF) has them.
      `<td>${check.passed ? '✓' : '✗'} ${esc(check.passed ? l.passed : l.failed)}</td>` +
      `<th scope="row">${esc(check.target)}${check.about ? ` <span class="statement">${esc(check.about)}</span>` : ''}</th><td class="num">${esc(checkFigure(check.target, check.value))}</td>` +
      `<td class="num">${esc(checkFigure(check.target, check.threshold))}</td></tr>`,
  );
  return [
    `<section id="checks">`,
    `<h2>${esc(view.heading)}</h2>`,
    `<table class="checks">`,
    `<thead><tr><th scope="col"></th><th scope="col">${esc(l.target)}</th><th scope="col" class="num">${esc(l.value)}</th><th scope="col" class="num">${esc(l.threshold)}</th></tr></thead>`,
    `<tbody>`,
    ...rows,
    `</tbody>`,
    `</table>`,
    `</section>`,
  ].join('\n');
}

function warningsSection(c: Context): string {
  if (c.result.warnings.length === 0) return '';
  const items = c.result.warnings.map(
    (w) => `<li data-code="${esc(String(w.code))}">${esc(warningText(w, c.result.questionnaire.language))}</li>`,
  );
  return [
    `<section id="warnings">`,
    `<h2>${esc(c.l.warnings)}</h2>`,
    `<ul class="warnings">`,
    ...items,
    `</ul>`,
    `</section>`,
  ].join('\n');
}

function methodsSection(c: Context): string {
  const { result, h } = c;
  const m = h.methodsText;
  const gap = byFormat(result.questionnaire.format, {
    'two-column': m.gapTwo,
    'three-column': m.gapThree,
    'perceptions-only': fill(m.gapPerceptions, { m: fixed(c.r.baseline, 1) }),
  });
  const { total, scored, skippedCells } = result.respondents;
  const sample = fill(m.sample, {
    total: String(total),
    scored: String(scored),
    notScored: String(total - scored),
    skipped: String(skippedCells),
  });
  const lines = [gap, m.dimension, m.weights, m.ci, m.test, m.alpha, m.ipa, m.priority, sample];
  return [
    `<section id="methods">`,
    `<h2>${esc(h.methods)}</h2>`,
    `<ul class="methods">`,
    ...lines.map((line) => `<li>${esc(line)}</li>`),
    `</ul>`,
    `</section>`,
  ].join('\n');
}

/**
 * The HTML report: one self-contained HTML5 document (inline CSS and SVG, system fonts, no
 * requests, no script) with the headline, charts, tables, prioritised recommendations, warnings
 * and a methods note, in the questionnaire's language. Pure: the same result gives the same bytes.
 * Every string from the result is escaped.
 * @example renderHtml(result, { generatedBy: 'servqual 0.1.0' }).startsWith('<!DOCTYPE html>') // true
 */
export function renderHtml(result: Result, options: HtmlOptions = {}): string {
  const language = result.questionnaire.language === 'ru' ? 'ru' : 'en';
  const c: Context = {
    result,
    l: labelsFor(language),
    h: htmlLabelsFor(language),
    r: readingOf(result),
    a: adviceView(result),
  };
  const by = options.generatedBy;
  const parts = [
    ...htmlHead({ language, title: result.questionnaire.title, generatedBy: by }),
    '<body>',
    '<main>',
    headerSection(c, coverHtml(result, options.date)),
    summarySection(result),
    checksSection(c),
    `<section id="charts">\n<h2>${esc(c.h.charts)}</h2>\n${renderCharts(result, c.l, c.h).join('\n')}\n</section>`,
    `<section id="tables">\n<h2>${esc(c.h.tables)}</h2>\n${[dimensionTable(c), itemTable(c), kpiTable(c)].filter(Boolean).join('\n')}\n</section>`,
    recommendationsSection(c),
    segmentPrioritiesSection(result, c.l, c.r, c.h.blank),
    segmentDifferencesSection(result, c.l),
    commentsSection(result, c.h.blank),
    measurementSection(result),
    warningsSection(c),
    methodsSection(c),
    ...(by ? [`<footer><p>${esc(fill(c.h.generatedBy, { by }))}</p></footer>`] : []),
    '</main>',
    '</body>',
    '</html>',
  ];
  return `${parts.filter(Boolean).join('\n')}\n`;
}
