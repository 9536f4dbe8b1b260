/**
 * Item statements in every report: the view model's wording entry, each renderer showing it beside
 * the id (escaped for its medium), a Russian template's wording in UTF-8, and a result saved before
 * statements were written still rendering.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core/scoring/result.js';
import { scoreObjects } from '../../../src/core/scoring/score-table.js';
import { loadQuestionnaire } from '../../../src/io/read-questionnaire.js';
import { renderCsv } from '../../../src/render/csv.js';
import { renderHtml } from '../../../src/render/html.js';
import { renderMarkdown } from '../../../src/render/markdown.js';
import { TEXT_REPORT_FORMATS } from '../../../src/render/formats.js';
import { renderReport } from '../../../src/render/report.js';
import { clip, renderTable, STATEMENT_WIDTH } from '../../../src/render/table.js';
import { columnsFor, ITEM_COLUMNS, itemRows, itemWording, itemWordings } from '../../../src/render/view/columns.js';
import { generateRows } from '../scoring/support.js';
import { buildResult, dom } from './html-fixtures.js';

/** A pipe, a tag, a newline and a formula: data that each medium must neutralise. */
const HOSTILE = '=cmd|calc <script>alert(1)</script>\nsecond line';

/** The first recommended item's statement (and its expectation) made hostile. */
function hostileResult(): { result: Result; id: string } {
  const result = buildResult({ format: 'two-column', itemRecommendations: {} });
  const id = result.recommendations[0]?.item as string;
  expect(id).toBeDefined();
  const items = result.items.map((item) =>
    item.id === id ? { ...item, statement: HOSTILE, statements: { expectation: `E ${HOSTILE}` } } : item,
  );
  return { result: { ...result, items }, id };
}

/** A result as servqual wrote it before statements: no `statement` or `statements` on any item. */
function withoutStatements(result: Result): Result {
  return { ...result, items: result.items.map(({ statement: _s, statements: _o, ...item }) => item) };
}

describe('the view model: an item’s wording', () => {
  it('holds the perception and the other statements in the order they are asked, once when MIN and DES read alike', () => {
    const base = buildResult({ format: 'two-column', n: 10 }).items[0];
    expect(itemWording(base)).toEqual({
      statement: 'P T1',
      others: [{ kind: 'expectation', text: 'E T1' }],
      reverse: false,
    });
    const three = buildResult({ format: 'three-column', n: 10 }).items[0];
    expect(itemWording(three)).toEqual({
      statement: 'P T1',
      others: [{ kind: 'desired', text: 'E T1' }],
      reverse: false,
    });
    const apart = { ...three, statements: { minimum: 'adequate', desired: 'excellent' } } as typeof three;
    expect(itemWording(apart).others).toEqual([
      { kind: 'minimum', text: 'adequate' },
      { kind: 'desired', text: 'excellent' },
    ]);
    expect(itemWording(buildResult({ format: 'perceptions-only', n: 10 }).items[0])).toEqual({
      statement: 'P T1',
      others: [],
      reverse: false,
    });
  });

  it('is null for a result saved without statements, and for an id the result lacks', () => {
    const old = withoutStatements(buildResult({ format: 'two-column', n: 10 }));
    expect(itemWording(old.items[0])).toEqual({ statement: null, others: [], reverse: false });
    expect(itemWordings(old.items)('nope')).toEqual({ statement: null, others: [], reverse: false });
  });

  it('marks a reverse-scored item in every report, so its score is not read backwards', () => {
    const r = buildResult({ format: 'two-column', n: 10 });
    const first = r.items[0] as (typeof r.items)[number];
    r.items[0] = { ...first, reverse: true };
    expect(itemWording(r.items[0]).reverse).toBe(true);
    expect(renderTable(r, { color: false })).toContain('(reverse-scored) P T1');
    expect(renderMarkdown(r)).toContain('(reverse-scored) P T1');
    expect(renderHtml(r)).toContain(
      '<span class="reverse">(reverse-scored)</span> <span class="perception">P T1</span>',
    );
    expect(renderTable({ ...r, questionnaire: { ...r.questionnaire, language: 'ru' } }, { color: false })).toContain(
      '(обратный вопрос) P T1',
    );
  });

  it('is one statement column of the item table, right after the id, in every view and format', () => {
    const result = buildResult({ format: 'two-column', n: 10 });
    const row = itemRows(result.items, result.dimensions)[0];
    const statement = ITEM_COLUMNS.find((c) => c.key === 'statement');
    expect(row && statement?.cell(row)).toEqual({
      kind: 'statement',
      statement: 'P T1',
      others: [{ kind: 'expectation', text: 'E T1' }],
      reverse: false,
    });
    for (const view of ['table', 'markdown', 'html'] as const)
      for (const format of ['two-column', 'three-column', 'perceptions-only'] as const)
        expect(
          columnsFor(ITEM_COLUMNS, view, format)
            .map((c) => c.key)
            .slice(0, 2),
        ).toEqual(['item', 'statement']);
  });
});

describe('each report shows the statement beside the id, escaped', () => {
  it('terminal: clipped in the item table, whole in the recommendations, control characters visible', () => {
    const { result, id } = hostileResult();
    const text = renderTable(result, { color: false });
    expect(text).not.toContain('<script>alert(1)</script>\n');
    expect(text).toContain(clip('=cmd|calc <script>alert(1)</script>\\x0asecond line', STATEMENT_WIDTH));
    // The recommendation names the item with its whole statement, the newline escaped and wrapped as text.
    const flat = text.replace(/\n {3}/g, ' ');
    expect(flat).toContain(`1. ${id} =cmd|calc <script>alert(1)</script>\\x0asecond line (`);
    expect(text).toContain(`│ T1   │ P T1 `);
  });

  it('keeps every table within 110 columns, whatever the format, with statements longer than the clip', () => {
    const long = 'Staff at this branch readily help customers with the app, the ATMs and the forms.';
    for (const format of ['two-column', 'three-column', 'perceptions-only'] as const) {
      const result = buildResult({ format, n: 40 });
      const items = result.items.map((item) => ({ ...item, statement: long }));
      const lines = renderTable({ ...result, items }, { color: false }).split('\n');
      expect(Math.max(...lines.map((line) => Array.from(line).length)), format).toBeLessThanOrEqual(110);
    }
  });

  it('clips at a word near the width with an ellipsis, and leaves short text alone', () => {
    expect(clip('This branch has modern-looking equipment.', 24)).toBe('This branch has…');
    expect(clip('Short.', 24)).toBe('Short.');
    expect(Array.from(clip('Персонал отделения всегда вежлив и внимателен к клиентам', 20)).length).toBeLessThanOrEqual(
      20,
    );
    expect(clip('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('Markdown: a Statement column in the folded item table and in the recommendations, pipes, tags and newlines escaped', () => {
    const { result, id } = hostileResult();
    const md = renderMarkdown(result);
    // The newline shown as \x0a, its backslash escaped so Markdown shows it.
    const escaped = '=cmd\\|calc &lt;script&gt;alert(1)&lt;/script&gt;\\\\x0asecond line';
    expect(md).toContain('| Item | Statement | E | P |');
    expect(md).toContain(`| ${id} | ${escaped} |`);
    expect(md).toContain(`**${id}** ${escaped} (`);
    expect(md).not.toContain('<script>');
  });

  it('HTML: both wordings in the item table, the statement under the id in the recommendations, all escaped', () => {
    const { result, id } = hostileResult();
    const shown = '=cmd|calc <script>alert(1)</script>\\x0asecond line';
    const html = renderHtml(result);
    expect(html).not.toContain('<script>');
    const root = dom(html);
    const cell = root.querySelector(`table[data-table="items"] tr[data-id="${id}"] td[data-col="statement"]`);
    expect(cell?.querySelector('.perception')?.text).toBe(shown);
    expect(cell?.querySelector('.other[data-wording="expectation"]')?.text).toBe(`E: E ${shown}`);
    const rec = root.querySelector(`tr.rec[data-item="${id}"] th .statement`);
    expect(rec?.text).toBe(shown);
    const t1 = root.querySelector('table[data-table="items"] tr[data-id="T1"] td[data-col="statement"]');
    expect(t1?.text).toBe('P T1E: E T1');
  });

  it('CSV: a last statement column, the formula neutralised, one line per row; segment rows too', () => {
    const { result, id } = hostileResult();
    const csv = renderCsv(result);
    const [header, ...rows] = csv.trimEnd().split('\n');
    expect(header?.endsWith(',item_total,statement')).toBe(true);
    expect(rows).toHaveLength(result.items.length);
    expect(rows.find((r) => r.startsWith(`${id},`))).toMatch(
      /,'=cmd\|calc <script>alert\(1\)<\/script>\\x0asecond line$/,
    );
    const segmented = renderCsv(buildResult({ format: 'two-column', n: 40, branches: ['north', 'south'] }));
    const segmentRow = segmented.split('\n').find((r) => r.startsWith('branch,north,T1,'));
    expect(segmentRow?.endsWith(',P T1')).toBe(true);
  });
});

describe('a Russian template', () => {
  it('renders its statements in UTF-8 in every format', async () => {
    const q = await loadQuestionnaire(join(import.meta.dirname, '../../../templates/bank-branch.ru.yaml'));
    const scored = scoreObjects(q, generateRows(q, { n: 30, seed: 5 }));
    const result = scored.result as Result;
    const first = q.dimensions[0]?.items[0];
    expect(first?.perception).toMatch(/[а-я]/);
    expect(result.items[0]?.statement).toBe(first?.perception);
    for (const format of TEXT_REPORT_FORMATS) {
      const text = renderReport(result, format, { color: false, generatedBy: 'servqual (test)' });
      const shown = format === 'table' ? clip(first?.perception ?? '', STATEMENT_WIDTH) : (first?.perception ?? '');
      expect(text, format).toContain(format === 'json' ? JSON.stringify(shown).slice(1, -1) : shown);
    }
    expect(renderHtml(result)).toContain(first?.expectation ?? '?');
    expect(renderMarkdown(result)).toContain('| Вопрос | Формулировка |');
  });
});

describe('a result saved before statements were written', () => {
  it('renders in every format, each item by its id alone', () => {
    const old = withoutStatements(buildResult({ format: 'two-column', n: 40 }));
    for (const format of TEXT_REPORT_FORMATS)
      expect(renderReport(old, format, { color: false, generatedBy: 'servqual (test)' }), format).toContain('T1');
    expect(renderTable(old, { color: false })).toContain('│ T1   │ –  ');
    expect(renderCsv(old).split('\n')[1]?.endsWith(',')).toBe(true);
    expect(dom(renderHtml(old)).querySelector('tr[data-id="T1"] td[data-col="statement"]')?.text).toBe('–');
  });
});
