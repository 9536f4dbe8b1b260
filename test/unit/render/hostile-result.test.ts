/**
 * Every renderer given a result whose text is hostile (terminal escapes, workflow commands after a
 * line break, Markdown and HTML markup, @mentions, spreadsheet formulas, bidi overrides) and whose
 * numbers are extreme: nothing gets through raw, and no NaN, undefined or [object Object] appears.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { evaluateChecks } from '../../../src/core/check/thresholds.js';
import { compareResults } from '../../../src/core/compare/compare.js';
import { checkResult, MAX_RESULT_MAGNITUDE } from '../../../src/core/scoring/result-schema.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { renderCompareMarkdown } from '../../../src/render/compare-markdown.js';
import { renderCompareTable } from '../../../src/render/compare-table.js';
import { renderCsv } from '../../../src/render/csv.js';
import { renderHtml } from '../../../src/render/html.js';
import { renderJson } from '../../../src/render/json.js';
import { renderJunit } from '../../../src/render/junit.js';
import { renderMarkdown } from '../../../src/render/markdown.js';
import { renderTable } from '../../../src/render/table.js';
import { buildQuestionnaire, buildResult } from './html-fixtures.js';

const ESC = '\u001b';
const HOSTILE = [
  `${ESC}[2J${ESC}]0;owned${ESC}\\`,
  '\n::error::injected',
  '\r\n  ::add-mask::secret',
  'x ::stop-commands::token',
  '##[error]legacy',
  '| a | b |',
  '`rm -rf`',
  '@team',
  '<script>alert(1)</script>',
  "=cmd|' /C calc'!A0",
  '\u202eevil\u202c',
  '\u0085\u009b31m',
];
const hostile = (i: number) => `${HOSTILE[i % HOSTILE.length]} ${HOSTILE[(i + 5) % HOSTILE.length]}`;

/** A real scored result whose every text field a saved file could hold is then made hostile. */
function hostileResult(): Result {
  const base = buildResult({ format: 'two-column', n: 60, branches: ['North', 'South'] });
  const q = buildQuestionnaire({ format: 'two-column' });
  const r: Result = JSON.parse(
    JSON.stringify({
      ...base,
      checks: evaluateChecks(q, base, { overall: 5, dimensions: {}, items: {}, kpis: {}, minRespondents: 1 }),
    }),
  );
  let i = 0;
  r.questionnaire.title = hostile(i++);
  const ids = new Map<string, string>();
  for (const d of r.dimensions) {
    const id = hostile(i++);
    ids.set(d.id, id);
    d.id = id;
    d.label = hostile(i++);
  }
  const itemIds = new Map<string, string>();
  for (const item of r.items) {
    item.dimension = ids.get(item.dimension) ?? item.dimension;
    const id = `${hostile(i++)}#${i}`;
    itemIds.set(item.id, id);
    item.id = id;
  }
  for (const s of r.segments) {
    s.column = hostile(i++);
    s.value = hostile(i++);
    s.dimensions.forEach((d, j) => {
      Object.assign(d, { id: r.dimensions[j]?.id, label: r.dimensions[j]?.label });
    });
    s.items.forEach((item, j) => {
      Object.assign(item, { id: r.items[j]?.id, dimension: r.items[j]?.dimension });
    });
  }
  for (const rec of r.recommendations) {
    rec.dimension = ids.get(rec.dimension) ?? rec.dimension;
    // A recommendation names one of the (hostile) item ids, as a consistent saved result must.
    rec.item = itemIds.get(rec.item) ?? rec.item;
    rec.actions = [hostile(i++), hostile(i++)];
  }
  for (const d of r.segmentDifferences ?? []) {
    if (d.dimension !== null) d.dimension = ids.get(d.dimension) ?? d.dimension;
    d.column = r.segments.find((s) => s.column !== undefined)?.column ?? d.column;
  }
  for (const k of r.kpis) k.id = `${hostile(i++)}#${i}`;
  for (const s of r.segments)
    s.kpis.forEach((k, j) => {
      Object.assign(k, { id: r.kpis[j]?.id });
    });
  r.warnings.push({ code: 'x', message: hostile(i++) }, { code: 'y', message: hostile(i++) });
  for (const c of r.checks) c.target = hostile(i++);
  // Still a valid result: only its text is hostile.
  expect(checkResult(JSON.parse(JSON.stringify(r))).problems).toEqual([]);
  return r;
}

/** What no output may hold: raw control or bidi characters (but line breaks), a command line, an unfilled value. */
function expectClean(output: string, what: string, options: { ansi?: boolean } = {}): void {
  const text = options.ansi ? output.replace(/\u001b\[[0-9;]*m/g, '') : output;
  expect(text, `${what}: raw control character`).not.toMatch(
    /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
  );
  for (const line of text.split('\n')) {
    expect(line.trimStart().startsWith('::'), `${what}: a line starts a workflow command: ${line}`).toBe(false);
    expect(line, `${what}: legacy workflow command`).not.toContain('##[');
  }
  expect(text, what).not.toMatch(/NaN|undefined|\[object Object\]|Infinity/);
}

const result = hostileResult();

describe('renderers given hostile text', () => {
  it('table, without and with colour: data escaped, the only escape sequences are its own colours', () => {
    expectClean(renderTable(result, { color: false }), 'table');
    const coloured = renderTable(result, { color: true });
    expectClean(coloured, 'coloured table', { ansi: true });
    expect(coloured).toContain('\\x1b[2J');
  });

  it('Markdown: markup, pipes, backticks, mentions and HTML neutralised; every table row keeps its cells', () => {
    const md = renderMarkdown(result);
    expectClean(md, 'markdown');
    expect(md).not.toContain('<script');
    expect(md).not.toMatch(/@(?!\u200b)/);
    expect(md).not.toMatch(/(^|[^\\])`/m);
    // Each table keeps its shape: every row has as many unescaped pipes as its header.
    let header: string | null = null;
    const cells = (line: string) => line.split(/(?<!\\)\|/).length;
    for (const line of md.split('\n')) {
      if (!line.startsWith('|')) header = null;
      else if (header === null) header = line;
      else expect(cells(line), line).toBe(cells(header));
    }
  });

  it('CSV: every text cell is one line with no formula, numbers stay numbers', () => {
    const csv = renderCsv(result);
    expectClean(csv, 'csv');
    const rows = parseCsv(csv, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(result.items.length * (1 + result.segments.length));
    for (const row of rows) {
      for (const key of ['item', 'dimension', 'segment_column', 'segment_value'])
        expect(row[key]).not.toMatch(/^[=+\-@\uff1d\uff0b\uff0d\uff20]/);
      expect(Number.isFinite(Number(row.gap_mean))).toBe(true);
    }
  });

  it('JUnit: XML-escaped, no control characters', () => {
    const xml = renderJunit(result);
    expectClean(xml, 'junit');
    expect(xml).not.toContain('<script');
    expect(xml.match(/<testcase /g)?.length).toBe(result.checks.length);
  });

  it('HTML: no markup or bidi controls from data', () => {
    const html = renderHtml(result);
    expectClean(html, 'html');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('JSON: clean lines that still parse back to the same result', () => {
    const json = renderJson(result);
    expectClean(json, 'json');
    expect(JSON.parse(json)).toEqual(result);
  });

  it('compare, table and Markdown', () => {
    const comparison = compareResults(result, result, { alpha: 0.05 });
    expectClean(renderCompareTable(comparison, { color: false, language: 'en' }), 'compare table');
    expectClean(renderCompareTable(comparison, { color: true, language: 'en' }), 'coloured compare table', {
      ansi: true,
    });
    const md = renderCompareMarkdown(comparison, { language: 'en' });
    expectClean(md, 'compare markdown');
    expect(md).not.toMatch(/@(?!\u200b)/);
  });
});

describe('renderers given extreme numbers', () => {
  /** Every number of the result replaced: the largest a saved result may hold, alternating in sign. */
  function extreme(r: Result, value: (i: number) => number): Result {
    let i = 0;
    const walk = (v: unknown, key: string): unknown => {
      if (typeof v === 'number') return ['n', 'total', 'scored', 'skippedCells'].includes(key) ? v : value(i++);
      if (Array.isArray(v)) return v.map((x) => walk(x, key));
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
      return v;
    };
    return walk(r, '') as Result;
  }

  const base = buildResult({ format: 'two-column', n: 60, branches: ['North', 'South'] });
  const cases: [string, Result][] = [
    ['the bound', extreme(base, (i) => (i % 2 ? MAX_RESULT_MAGNITUDE : -MAX_RESULT_MAGNITUDE))],
    ['a tiny spread far from zero', extreme(base, (i) => 1e15 + (i % 7) / 8)],
    // What a library user could pass without reading a file: the renderers still stay finite.
    ['1.7e308 and NaN', extreme(base, (i) => (i % 3 === 0 ? Number.NaN : i % 3 === 1 ? 1.7e308 : -1.7e308))],
  ];

  for (const [name, r] of cases) {
    it(`HTML charts hold only finite coordinates (${name})`, () => {
      const html = renderHtml(r);
      expect(html).not.toMatch(/="[^"]*(NaN|Infinity|undefined)[^"]*"/);
      for (const m of html.matchAll(/ (?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"/g))
        expect(Number.isFinite(Number(m[1])), m[0]).toBe(true);
    });

    // Text formats are given only what a saved result may hold (NaN cannot pass the schema).
    if (name.includes('NaN')) continue;
    it(`table, Markdown, CSV and compare show no NaN or undefined (${name})`, () => {
      for (const out of [renderTable(r, { color: false }), renderMarkdown(r), renderCsv(r)])
        expect(out).not.toMatch(/NaN|undefined|\[object Object\]/);
      const comparison = compareResults(r, r, { alpha: 0.05 });
      expect(renderCompareTable(comparison, { color: false, language: 'en' })).not.toMatch(
        /NaN|undefined|\[object Object\]/,
      );
    });
  }
});
