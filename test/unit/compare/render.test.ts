import { describe, expect, it } from 'vitest';
import type { Comparison, ComparisonRow } from '../../../src/core/compare/compare.js';
import { renderCompareMarkdown } from '../../../src/render/compare-markdown.js';
import { renderCompareTable } from '../../../src/render/compare-table.js';

function row(target: string, label: string, fields: Partial<ComparisonRow> = {}): ComparisonRow {
  return {
    target,
    label,
    baseline: -0.5,
    current: -0.45,
    change: 0.05,
    t: 0.4,
    df: 190,
    p: 0.69,
    pHolm: null,
    significant: false,
    direction: 'up',
    regression: false,
    status: 'both',
    ...fields,
  };
}

const only = { current: null, change: null, t: null, df: null, p: null, direction: null } as const;

const comparison: Comparison = {
  baseline: { title: 'Branch audit | Q1 <b>', respondents: { total: 200, scored: 198, skippedCells: 0 } },
  current: { title: 'Branch audit | Q1 <b>', respondents: { total: 210, scored: 209, skippedCells: 3 } },
  alpha: 0.05,
  tolerance: 0.2,
  rows: [
    row('overall:weighted', 'overall (weighted)', {
      baseline: -0.8,
      current: -1.05,
      change: -0.25,
      p: 0.012,
      significant: true,
      direction: 'down',
      regression: true,
    }),
    row('overall:unweighted', 'overall (unweighted)'),
    row('dimension:reliability', 'Reliability and accuracy of every promise we make to customers', {
      baseline: -1.2,
      current: -1.5,
      change: -0.3,
      p: 0.2,
      direction: 'down',
      regression: true,
    }),
    row('dimension:courtesy', 'Courtesy', { ...only, status: 'only-in-baseline' }),
    row('dimension:access', 'Access', { ...only, baseline: null, current: -0.3, status: 'only-in-current' }),
    row('item:R1', 'R1', { change: 0.6, baseline: -1, current: -0.4, p: 0.0001, pHolm: 0.0004, significant: true }),
    row('item:R2', 'R2', { p: 0.02, pHolm: 0.06 }),
    row('kpi:nps', 'NPS (nps)', { baseline: 12, current: 20, change: 8, p: 0.3, pHolm: null }),
  ],
  regressions: ['overall:weighted', 'dimension:reliability'],
};

describe('renderCompareTable', () => {
  const text = renderCompareTable(comparison, { color: false, language: 'en' });

  it('fits 80 columns without colour codes', () => {
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('has the sections, signed changes, p, markers and the regressions at the end', () => {
    expect(text).toMatch(
      /^Comparison: Branch audit \| Q1 <b>\nBaseline: 200 respondents, 198 scored\nCurrent: {2}210 respondents, 209 scored, 3 cells skipped\n/,
    );
    expect(text).toMatch(/by more\s+than 0\.2\./);
    const sections = ['Overall', 'Dimensions', 'Items', 'KPIs', 'Regressions'].map((h) => text.indexOf(`\n${h}\n`));
    expect(sections.every((i) => i > 0)).toBe(true);
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);
    expect(text).toMatch(/│ Weighted overall +│ +-0\.80 │ +-1\.05 │ +-0\.25 │ +0\.012 │ \* regression │/);
    expect(text).toMatch(/│ Unweighted overall +│ +-0\.50 │ +-0\.45 │ +\+0\.05 │ +0\.690 │ +│/);
    // Not significant, but beyond the tolerance.
    expect(text).toMatch(/│ Reliability and accur… │ +-1\.20 │ +-1\.50 │ +-0\.30 │ +0\.200 │ regression +│/);
    expect(text).toMatch(/│ Courtesy +│ +-0\.50 │ +– │ +– │ +– │ baseline only │/);
    expect(text).toMatch(/│ Access +│ +– │ +-0\.30 │ +– │ +– │ current only +│/);
    // Items show the Holm p they are judged on.
    expect(text).toContain('p (Holm)');
    expect(text).toMatch(/│ R1 +│ +-1\.00 │ +-0\.40 │ +\+0\.60 │ +<0\.001 │ \* +│/);
    expect(text).toMatch(/│ R2 +│ .* │ +0\.060 │ +│/);
    expect(text).toMatch(/│ NPS \(nps\) +│ +12\.00 │ +20\.00 │ +\+8\.00 │/);
    expect(text).toMatch(
      /\nRegressions\n! Weighted overall: -0\.80 → -1\.05 \(-0\.25, p 0\.012\)\n! Reliability and accuracy/,
    );
  });

  it('says so when nothing regressed, and leaves out empty sections', () => {
    const calm = {
      ...comparison,
      tolerance: null,
      regressions: [],
      rows: comparison.rows.slice(0, 2).map((r) => ({ ...r, regression: false })),
    };
    const out = renderCompareTable(calm, { color: false, language: 'en' });
    expect(out).toContain('dropped significantly.\n');
    expect(out).toMatch(/\nRegressions\nNo regressions\.\n$/);
    expect(out).not.toContain('\nItems\n');
  });

  it('colours only when asked', () => {
    expect(renderCompareTable(comparison, { color: true, language: 'en' })).toMatch(/\u001b\[/);
  });

  it('speaks Russian for a Russian questionnaire', () => {
    const ru = renderCompareTable(comparison, { color: false, language: 'ru' });
    expect(ru).toContain('Сравнение: Branch audit');
    expect(ru).toContain('Взвешенный итог');
    expect(ru).toContain('p (Холм)');
    expect(ru).toContain('только в базовом');
    expect(ru).toContain('\nУхудшения\n');
    for (const line of ru.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});

describe('renderCompareMarkdown', () => {
  const md = renderCompareMarkdown(comparison, { language: 'en' });

  it('escapes text from the results', () => {
    expect(md).toMatch(/^## Comparison: Branch audit \\\| Q1 &lt;b&gt;\n/);
    expect(md).not.toContain('<b>');
  });

  it('writes one GFM table per section with the same columns on every line', () => {
    const tables = md.split('\n\n').filter((block) => block.startsWith('|'));
    expect(tables).toHaveLength(4);
    for (const table of tables) {
      const lines = table.trim().split('\n');
      expect(lines[0]).toMatch(/^\| +\| Baseline \| Current \| Change \| p( \(Holm\))? \| Note \|$/);
      expect(lines[1]).toBe('| :--- | ---: | ---: | ---: | ---: | :--- |');
      for (const line of lines) expect(line.replaceAll('\\|', '').split('|').length).toBe(8);
    }
    expect(md).toContain('| Weighted overall | -0.80 | -1.05 | **-0.25** | 0.012 | **regression** |');
    expect(md).toContain('| R1 | -1.00 | -0.40 | **+0.60** | <0.001 | significant |');
    expect(md).toContain('| Courtesy | -0.50 | – | – | – | baseline only |');
    expect(md).toMatch(
      /### Regressions\n\n- \*\*Weighted overall\*\*: -0\.80 → -1\.05 \(-0\.25, p 0\.012\)\n- \*\*Reliability and accuracy of every promise we make to customers\*\*: -1\.20 → -1\.50 \(-0\.30, p 0\.200\)\n$/,
    );
  });
});
