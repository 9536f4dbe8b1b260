import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { validateQuestionnaire } from '../../../src/core/questionnaire/validate.js';
import { scoreTable } from '../../../src/core/scoring/score-table.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { renderCsv, safeCell } from '../../../src/render/csv.js';
import { markdownText, renderMarkdown } from '../../../src/render/markdown.js';
import { mulberry32 } from '../../helpers/random.js';

const HOSTILE = '<img src=x onerror=alert(1)> | *bold* =cmd';
const dims = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'];

function result(options: { hostile?: boolean; groupBy?: boolean } = {}): Result {
  const { questionnaire: q } = validateQuestionnaire({
    servqual: 1,
    title: options.hostile ? `Audit ${HOSTILE}` : 'Audit',
    format: 'two-column',
    scale: { min: 1, max: 7 },
    dimensions: dims.map((id, d) => ({
      id,
      label: options.hostile && d === 0 ? `Tangibles ${HOSTILE}` : undefined,
      items: [0, 1].map((k) => ({
        id: `${id.slice(0, 3).toUpperCase()}${k}`,
        expectation: 'e',
        perception: 'p',
        recommendations: options.hostile ? [`Fix ${HOSTILE}`] : ['Fix it.'],
      })),
    })),
    kpis: [{ id: 'nps', type: 'nps', question: 'q' }],
  });
  if (!q) throw new Error('invalid questionnaire');
  const items = q.dimensions.flatMap((d) => d.items.map((i) => i.id));
  const header = ['respondent', 'branch', ...items.flatMap((i) => [`${i}_E`, `${i}_P`]), 'nps'];
  const random = mulberry32(11);
  const rows = Array.from({ length: 60 }, (_, r) => [
    `r${r}`,
    options.hostile && r % 2 === 0 ? '=HYPERLINK("http://x")' : 'North',
    ...items.flatMap(() => [String(5 + Math.floor(random() * 3)), String(2 + Math.floor(random() * 6))]),
    String(Math.floor(random() * 11)),
  ]);
  const scored = scoreTable(q, header, rows, options.groupBy ? { groupBy: ['branch'] } : {});
  if (!scored.result) throw new Error('scoring failed');
  return scored.result;
}

/** The rows of the first GFM table after a heading. */
function markdownTable(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  const table = lines
    .slice(start + 1)
    .filter((line, i, all) => line.startsWith('|') && all.slice(0, i).every((l) => l === '' || l.startsWith('|')));
  return table.map((line) => line.slice(2, -2).split(' | '));
}

describe('markdown report', () => {
  it('has the headline, a dimension table that matches the result, recommendations and KPIs', () => {
    const r = result();
    const md = renderMarkdown(r);
    expect(md.startsWith('## Audit\n')).toBe(true);
    const rows = markdownTable(md, '### Dimensions');
    expect(rows[0]).toEqual(['Dimension', 'Imp', 'E', 'P', 'Gap', '95% CI', 'n', 'α', 'Quadrant']);
    expect(rows[1]?.every((cell) => /^:?-+:?$/.test(cell))).toBe(true);
    expect(rows.slice(2).map((row) => row[0])).toEqual(r.dimensions.map((d) => d.label));
    expect(rows.slice(2).map((row) => row[4])).toEqual(
      r.dimensions.map((d) =>
        (d.gap.mean as number)
          .toFixed(2)
          .replace(/^(?!-)/, '+')
          .replace('+-', '-'),
      ),
    );
    expect(md).toContain('### Top recommendations');
    expect(md).toContain(`1. **${r.recommendations[0]?.item}**`);
    expect(md).toMatch(/- \*\*NPS\*\* \(nps\): [+-]?\d/);
  });

  it('escapes text from the questionnaire so it cannot break a table or inject HTML', () => {
    const md = renderMarkdown(result({ hostile: true }));
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt; \\| \\*bold\\* =cmd');
    for (const row of markdownTable(md, '### Dimensions').slice(2)) expect(row).toHaveLength(9);
    // A line break in data is shown escaped (rendered as `\x0a`), so a table cell stays one line.
    expect(markdownText('a|b\nc')).toBe('a\\|b\\\\x0ac');
  });

  it('lists segments when grouped', () => {
    const md = renderMarkdown(result({ groupBy: true }));
    expect(markdownTable(md, '### Segments')[2]?.[0]).toBe('branch=North');
  });
});

describe('csv report', () => {
  it('has one row per item with every statistic, unrounded, that reads back', () => {
    const r = result();
    const records = parse(renderCsv(r), { columns: true }) as Record<string, string>[];
    expect(records.map((row) => row.item)).toEqual(r.items.map((i) => i.id));
    const first = r.items[0];
    expect(Number(records[0]?.gap_mean)).toBe(first?.gap.mean);
    expect(Number(records[0]?.gap_ci_low)).toBe(first?.gap.ci95?.[0]);
    expect(Number(records[0]?.p_holm)).toBe(first?.pHolm);
    expect(Number(records[0]?.item_total)).toBe(first?.itemTotal);
    expect(records[0]?.minimum).toBe('');
  });

  it('adds one row per segment and item after the overall rows', () => {
    const r = result({ groupBy: true });
    const records = parse(renderCsv(r), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(r.items.length * (1 + r.segments.length));
    expect(records[r.items.length]).toMatchObject({
      segment_column: 'branch',
      segment_value: 'North',
      item: r.items[0]?.id,
    });
  });

  it('neutralises cells that a spreadsheet would run, but keeps negative numbers as numbers', () => {
    const records = parse(renderCsv(result({ hostile: true, groupBy: true })), { columns: true }) as Record<
      string,
      string
    >[];
    const values = records.map((row) => row.segment_value);
    expect(values).toContain(`'=HYPERLINK("http://x")`);
    expect(values).not.toContain('=HYPERLINK("http://x")');
    expect(records.some((row) => row.gap_mean?.startsWith('-'))).toBe(true);
    // Tab and CR are escaped visibly (the cell stays one line), which also leaves nothing to run.
    expect(['=1', '+1', '-x', '@a', '\tx', '\rx', 'ok', '＝1'].map(safeCell)).toEqual([
      "'=1",
      "'+1",
      "'-x",
      "'@a",
      '\\x09x',
      '\\x0dx',
      'ok',
      "'＝1",
    ]);
  });
});
