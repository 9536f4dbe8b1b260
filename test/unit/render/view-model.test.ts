import { describe, expect, it } from 'vitest';
import type { Format } from '../../../src/core/questionnaire/model.js';
import { unreachable } from '../../../src/render/formats.js';
import { htmlLabelsFor } from '../../../src/render/html-labels.js';
import { labelsFor } from '../../../src/render/labels.js';
import { renderReport } from '../../../src/render/report.js';
import {
  type Column,
  columnsFor,
  DIMENSION_COLUMNS,
  ITEM_COLUMNS,
  type View,
} from '../../../src/render/view/columns.js';
import { answerMeans, readingOf } from '../../../src/render/view/reading.js';
import { buildResult } from './html-fixtures.js';

const FORMATS: Format[] = ['two-column', 'three-column', 'perceptions-only'];
const VIEWS: View[] = ['table', 'markdown', 'html'];
const TABLES = { dimensions: DIMENSION_COLUMNS, items: ITEM_COLUMNS } as Record<string, readonly Column<unknown>[]>;

describe('the report view model', () => {
  it.each(Object.keys(TABLES))(
    'shows every %s column of the shorter reports in HTML too (the full report), the terminal bar aside',
    (table) => {
      const all = TABLES[table] ?? [];
      for (const format of FORMATS) {
        const html = new Set(columnsFor(all, 'html', format).map((c) => c.key));
        for (const view of ['table', 'markdown'] as const)
          for (const c of columnsFor(all, view, format))
            if (c.key !== 'bar') expect(html, `${view} ${format}`).toContain(c.key);
      }
    },
  );

  it.each(Object.keys(TABLES))('names each %s column once per view, in English and Russian', (table) => {
    const all = TABLES[table] ?? [];
    for (const language of ['en', 'ru'] as const) {
      const w = { l: labelsFor(language), h: htmlLabelsFor(language) };
      for (const format of FORMATS)
        for (const view of VIEWS) {
          const columns = columnsFor(all, view, format);
          expect(new Set(columns.map((c) => c.key)).size).toBe(columns.length);
          for (const c of columns) if (c.key !== 'bar') expect(c.label(w, view, format), `${c.key}`).not.toBe('');
        }
    }
  });

  it('shows a format’s answer means, and the perception column only where the score is a gap', () => {
    for (const format of FORMATS) {
      const keys = columnsFor(DIMENSION_COLUMNS, 'html', format).map((c) => c.key);
      const means = answerMeans(format).filter((key) => keys.includes(key));
      expect(means).toEqual(format === 'perceptions-only' ? [] : answerMeans(format));
    }
  });

  it('reads gaps signed around 0 and perceptions unsigned around the scale midpoint', () => {
    const gap = readingOf(buildResult({ format: 'two-column', n: 20 }));
    const perception = readingOf(buildResult({ format: 'perceptions-only', n: 20 }));
    expect([gap.baseline, gap.score(0.5), gap.interval([0.1, 0.2])]).toEqual([0, '+0.50', '+0.10..+0.20']);
    expect([perception.baseline, perception.score(4.5), perception.interval([4.1, 4.2])]).toEqual([
      4,
      '4.50',
      '4.10..4.20',
    ]);
  });

  it('picks up a new column in every report that lays out the table', () => {
    // As a new statistic would be added: one entry in the view model.
    const omega: Column<(typeof DIMENSION_COLUMNS)[number] extends Column<infer R> ? R : never> = {
      key: 'omega',
      label: () => 'ω',
      align: 'right',
      cell: () => ({ kind: 'number', value: 0.875 }),
    };
    const result = buildResult({ format: 'two-column', n: 20 });
    const original = [...DIMENSION_COLUMNS];
    (DIMENSION_COLUMNS as Column<unknown>[]).push(omega as Column<unknown>);
    try {
      const dims = result.dimensions.length;
      const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;
      const render = (format: 'table' | 'markdown' | 'html') =>
        renderReport(result, format, { color: false, generatedBy: 'test' });
      expect(count(render('table'), / ω │\n/g)).toBe(1);
      expect(count(render('table'), / 0\.88 │\n/g)).toBe(dims);
      expect(count(render('markdown'), /\| ω \|\n/g)).toBe(1);
      expect(count(render('markdown'), /\| 0\.88 \|\n/g)).toBe(dims);
      expect(count(render('html'), /<td class="num" data-col="omega">0\.88<\/td><\/tr>/g)).toBe(dims);
    } finally {
      (DIMENSION_COLUMNS as Column<unknown>[]).length = original.length;
    }
  });
});

describe('unreachable', () => {
  it('throws when a value the types ruled out arrives at run time', () => {
    expect(() => unreachable('omega' as never)).toThrow('unexpected value: omega');
  });
});
