/**
 * The HTML report, rendered from results scored by the real core over seeded data, parsed back
 * with node-html-parser: which charts exist, one mark per dimension or item with the right sign,
 * the IPA grid, the tables' numbers, recommendation order, no external requests, determinism.
 */
import { dimensionMark, overallMark, withMark } from '../../../src/render/view/segment-tests.js';
import { describe, expect, it } from 'vitest';
import type { HTMLElement } from 'node-html-parser';
import type { Format } from '../../../src/core/questionnaire/model.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { fixed, interval, pValue, signed } from '../../../src/render/format.js';
import { renderHtml } from '../../../src/render/html.js';
import { htmlLabelsFor } from '../../../src/render/html-labels.js';
import { type Advice, adviceView } from '../../../src/render/view/advice.js';
import { buildResult, charts, dom, one } from './html-fixtures.js';

const QUADRANT_NAMES = ['Concentrate here', 'Keep up the good work', 'Low priority', 'Possible overkill'];
const DIAGNOSIS: Record<string, string> = {
  'concentrate-here': 'High importance, low performance: fix first.',
  'keep-up-the-good-work': 'High importance, high performance: keep it up.',
  'low-priority': 'Low importance, low performance: low priority.',
  'possible-overkill': 'Low importance, high performance: possible overkill — consider moving resources.',
};

/** How a format's scores read: gaps around 0, perceptions around the scale midpoint. */
function reading(result: Result) {
  const po = result.questionnaire.format === 'perceptions-only';
  const { min, max } = result.questionnaire.scale;
  return {
    baseline: po ? (min + max) / 2 : 0,
    score: (v: number | null) => (po ? fixed(v) : signed(v)),
    interval: (ci: [number, number] | null) => (po ? interval(ci).replaceAll('+', '') : interval(ci)),
  };
}

const sign = (value: number, baseline: number) => (value < baseline ? 'neg' : value > baseline ? 'pos' : 'zero');

function cellText(row: HTMLElement, col: string): string {
  return one(row, `[data-col="${col}"]`).text;
}

/** The bars of a gap chart against the entries they draw. */
function expectGapBars(
  svg: HTMLElement,
  entries: readonly { id: string; gap: Result['items'][number]['gap'] }[],
  result: Result,
): void {
  const r = reading(result);
  const drawn = entries.filter((e) => e.gap.mean !== null);
  const bars = svg.querySelectorAll('rect.bar');
  expect(bars.map((b) => b.getAttribute('data-id'))).toEqual(drawn.map((e) => e.id));
  bars.forEach((bar, i) => {
    const mean = drawn[i]?.gap.mean as number;
    expect(Number(bar.getAttribute('data-value'))).toBe(mean);
    expect(bar.classList.contains(sign(mean, r.baseline))).toBe(true);
    expect(bar.classList.contains(sign(mean, r.baseline) === 'neg' ? 'pos' : 'neg')).toBe(false);
  });
  expect(svg.querySelectorAll('g.whisker')).toHaveLength(drawn.filter((e) => e.gap.ci95 !== null).length);
  expect(svg.querySelectorAll('line.zero-line')).toHaveLength(1);
  expect(svg.querySelectorAll('text.value').map((t) => t.text)).toEqual(entries.map((e) => r.score(e.gap.mean)));
}

const formats: Format[] = ['two-column', 'three-column', 'perceptions-only'];

describe.each(formats)('renderHtml, %s with segments', (format) => {
  const result = buildResult({
    format,
    branches: ['north', 'south', 'east'],
    n: 150,
    seed: formats.indexOf(format) + 21,
  });
  const html = renderHtml(result, { generatedBy: 'servqual test' });
  const root = dom(html);
  const r = reading(result);

  it('is one HTML5 document in the questionnaire language, with inline style and no script', () => {
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(one(root, 'html').getAttribute('lang')).toBe('en');
    expect(one(root, 'head title').text).toBe(result.questionnaire.title);
    expect(root.querySelectorAll('style')).toHaveLength(1);
    expect(html).toContain('@media print');
    expect(root.querySelectorAll('script, link, img, iframe, object, embed')).toHaveLength(0);
    expect(one(root, 'footer').text).toContain('servqual test');
  });

  it('makes no external requests: no URLs in attributes, no CSS url() or @import', () => {
    for (const el of root.querySelectorAll('*')) {
      for (const [name, value] of Object.entries(el.attributes)) {
        if (['src', 'href', 'xlink:href', 'action', 'poster', 'data'].includes(name.toLowerCase()))
          expect.fail(`${el.tagName} has ${name}="${value}"`);
        expect(value, `${el.tagName}[${name}]`).not.toMatch(/^\s*(https?:)?\/\//i);
      }
    }
    expect(html).not.toMatch(/https?:\/\//i);
    expect(one(root, 'style').text).not.toMatch(/url\(|@import/i);
  });

  it('has exactly the expected charts, each an img SVG with a title and aria-label inside a captioned figure', () => {
    const expected = [
      'means-dimensions',
      'gap-dimensions',
      'gap-items',
      'ipa',
      ...(format === 'three-column' ? ['zones'] : []),
      'nps',
      'segments',
    ];
    expect(charts(root)).toEqual(expected);
    const figures = root.querySelectorAll('figure');
    expect(figures).toHaveLength(expected.length);
    for (const fig of figures) {
      const svg = one(fig, 'svg');
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.getAttribute('aria-label')?.length).toBeGreaterThan(10);
      expect(svg.childNodes.find((n) => (n as HTMLElement).tagName !== undefined) as HTMLElement).toHaveProperty(
        'tagName',
        'TITLE',
      );
      expect(one(fig, 'figcaption').text.length).toBeGreaterThan(10);
    }
    expect(new Set(figures.map((f) => f.id)).size).toBe(figures.length);
  });

  it('draws the means chart with one bar per dimension and series', () => {
    const svg = one(root, 'svg[data-chart="means-dimensions"]');
    const series =
      format === 'three-column'
        ? ['minimum', 'desired', 'perception']
        : format === 'two-column'
          ? ['expectation', 'perception']
          : ['perception'];
    const bars = svg.querySelectorAll('rect.bar');
    expect(bars.map((b) => `${b.getAttribute('data-id')}:${b.getAttribute('data-series')}`)).toEqual(
      result.dimensions.flatMap((d) => series.map((s) => `${d.id}:${s}`)),
    );
  });

  it('draws one gap bar per dimension and per item, signed, with whiskers and value labels', () => {
    expectGapBars(one(root, 'svg[data-chart="gap-dimensions"]'), result.dimensions, result);
    expectGapBars(one(root, 'svg[data-chart="gap-items"]'), result.items, result);
    // The data are not one-sided in every format: something is coloured each way somewhere.
    if (format === 'perceptions-only')
      expect(root.querySelectorAll('svg[data-chart="gap-items"] rect.bar.neg').length).toBeGreaterThan(0);
  });

  it('places one IPA point per dimension, in its quadrant, with the four quadrant names and the mean lines', () => {
    const svg = one(root, 'svg[data-chart="ipa"]');
    const points = svg.querySelectorAll('g.point');
    expect(points.map((p) => [p.getAttribute('data-id'), p.getAttribute('data-quadrant')])).toEqual(
      result.dimensions.map((d) => [d.id, d.quadrant]),
    );
    expect(points.map((p) => one(p, 'text').text)).toEqual(result.dimensions.map((d) => d.label));
    expect(
      svg
        .querySelectorAll('text.quadrant-label')
        .map((t) => t.text)
        .sort(),
    ).toEqual([...QUADRANT_NAMES].sort());
    expect(svg.querySelectorAll('line.mean-line')).toHaveLength(2);
    expect(svg.querySelectorAll('line.mean-line').every((l) => l.getAttribute('stroke-dasharray'))).toBe(true);
  });

  it('rings each significant shortfall wherever its quadrant puts it, and names them under the grid', () => {
    const { baseline } = reading(result);
    const short = result.dimensions.filter((d) => d.gap.ci95 !== null && d.gap.ci95[1] < baseline);
    const svg = one(root, 'svg[data-chart="ipa"]');
    const ringed = svg.querySelectorAll('g.point').filter((p) => p.querySelector('circle.shortfall-ring') !== null);
    expect(ringed.map((p) => p.getAttribute('data-id'))).toEqual(short.map((d) => d.id));
    expect(ringed.every((p) => p.getAttribute('data-shortfall') === 'true')).toBe(true);
    const caption = one(root, '#fig-ipa figcaption').text;
    if (short.length === 0) expect(caption).not.toContain('Ringed in red');
    else
      expect(caption).toContain(
        `Ringed in red, ${result.questionnaire.format === 'perceptions-only' ? 'significantly below the scale midpoint' : 'significantly below expectations'}: ${short.map((d) => d.label).join(', ')}.`,
      );
  });

  it('marks each item in the zone of tolerance (three-column only)', () => {
    if (format !== 'three-column') return;
    const svg = one(root, 'svg[data-chart="zones"]');
    expect(svg.querySelectorAll('rect.zone-band')).toHaveLength(result.items.length);
    expect(
      svg.querySelectorAll('path.zone-mark').map((m) => [m.getAttribute('data-id'), m.getAttribute('data-zone')]),
    ).toEqual(result.items.map((i) => [i.id, i.zone]));
  });

  it('stacks the NPS shares', () => {
    const kpi = result.kpis.find((k) => k.type === 'nps');
    const svg = one(root, 'svg[data-chart="nps"]');
    expect(svg.getAttribute('data-kpi')).toBe('nps');
    for (const key of ['detractors', 'passives', 'promoters'] as const) {
      expect(Number(one(svg, `rect.nps-${key}`).getAttribute('data-share'))).toBe(kpi?.[key]);
    }
    expect(one(svg, 'text.nps-score').text).toBe(`NPS ${signed(kpi?.score, 1)}`);
  });

  it('shows every segment against every dimension', () => {
    const svg = one(root, 'svg[data-chart="segments"]');
    expect(result.segments.length).toBe(3);
    const cells = svg.querySelectorAll('g.cell');
    expect(cells).toHaveLength(result.segments.length * (result.dimensions.length + 1));
    result.segments.forEach((s, si) => {
      const row = cells.filter((c) => c.getAttribute('data-segment') === String(si));
      // A significant difference from the other respondents carries its ▲/▼ and says so in a tooltip.
      expect(row.map((c) => one(c, 'text').text)).toEqual([
        withMark(r.score(s.overall.weighted.mean), overallMark(s)),
        ...s.dimensions.map((d) => withMark(r.score(d.gap.mean), dimensionMark(s, d.id))),
      ]);
      for (const cell of row.filter((c) => Boolean(c.getAttribute('data-mark'))))
        expect(cell.toString()).toMatch(/<title>[▲▼] significantly (above|below) the other respondents<\/title>/);
    });
  });

  it('prints the headline and the dimension table with the result numbers, formatted', () => {
    expect(one(root, '[data-overall="weighted"] .value').text).toBe(r.score(result.overall.weighted.mean));
    expect(one(root, '[data-overall="unweighted"] .ci').text).toContain(r.interval(result.overall.unweighted.ci95));
    const rows = one(root, 'table[data-table="dimensions"]').querySelectorAll('tbody tr');
    expect(rows.map((row) => row.getAttribute('data-id'))).toEqual(result.dimensions.map((d) => d.id));
    rows.forEach((row, i) => {
      const d = result.dimensions[i] as Result['dimensions'][number];
      expect(one(row, 'th').text).toBe(d.label);
      expect(cellText(row, 'importance')).toBe(fixed(d.importance));
      expect(cellText(row, 'gap')).toBe(r.score(d.gap.mean));
      expect(cellText(row, 'ci95')).toBe(r.interval(d.gap.ci95));
      expect(cellText(row, 'n')).toBe(String(d.gap.n));
      expect(cellText(row, 'alpha')).toBe(fixed(d.alpha));
      if (format === 'two-column')
        expect([cellText(row, 'expectation'), cellText(row, 'perception')]).toEqual([
          fixed(d.expectation),
          fixed(d.perception),
        ]);
      if (format === 'three-column') {
        expect([cellText(row, 'minimum'), cellText(row, 'desired'), cellText(row, 'msa')]).toEqual([
          fixed(d.minimum),
          fixed(d.desired),
          signed(d.msa?.mean),
        ]);
        expect(cellText(row, 'zone')).toBe(d.zone);
      }
    });
  });

  it('prints the item table with tests and reliability', () => {
    const rows = one(root, 'table[data-table="items"]').querySelectorAll('tbody tr');
    expect(rows.map((row) => row.getAttribute('data-id'))).toEqual(result.items.map((i) => i.id));
    rows.forEach((row, i) => {
      const item = result.items[i] as Result['items'][number];
      expect(cellText(row, 'gap')).toBe(r.score(item.gap.mean));
      expect(cellText(row, 't')).toBe(fixed(item.t));
      expect(cellText(row, 'pHolm')).toBe(pValue(item.pHolm));
      expect(cellText(row, 'dz')).toBe(fixed(item.dz));
      expect(cellText(row, 'alphaIfDeleted')).toBe(fixed(item.alphaIfDeleted));
      expect(cellText(row, 'itemTotal')).toBe(fixed(item.itemTotal));
    });
    expect(
      one(root, 'table[data-table="kpis"]')
        .querySelectorAll('tbody tr')
        .map((row) => row.getAttribute('data-id')),
    ).toEqual(['nps', 'csat', 'ces']);
  });

  it('lists recommendations by dimension, groups and items in priority order, each group diagnosed', () => {
    expect(result.recommendations.length).toBeGreaterThan(1);
    const groups = one(root, 'table[data-table="recommendations"]').querySelectorAll('tbody.group');
    const ranks = groups.map((g) => g.querySelectorAll('tr.rec').map((row) => Number(row.getAttribute('data-rank'))));
    for (const group of ranks) expect(group).toEqual([...group].sort((a, b) => a - b));
    const firsts = ranks.map((g) => g[0] as number);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    expect(firsts[0]).toBe(1);
    const byRank = new Map(
      root
        .querySelectorAll('tr.rec')
        .map((row) => [Number(row.getAttribute('data-rank')), row.getAttribute('data-item')]),
    );
    expect([...byRank.keys()].sort((a, b) => a - b)).toEqual(result.recommendations.map((_, i) => i + 1));
    result.recommendations.forEach((rec, i) => {
      expect(byRank.get(i + 1)).toBe(rec.item);
      const row = root.querySelectorAll('tr.rec')[ranks.flat().indexOf(i + 1)] as HTMLElement;
      expect(cellText(row, 'priority')).toBe(fixed(rec.priority, 3));
      expect(row.querySelectorAll('[data-col="actions"] li').map((li) => li.text)).toEqual(rec.actions);
    });
    for (const group of groups) {
      const d = result.dimensions.find(
        (dim) => dim.id === group.getAttribute('data-dimension'),
      ) as Result['dimensions'][number];
      const ci = d.gap.ci95;
      const significant = ci !== null && (format === 'perceptions-only' ? ci[1] < r.baseline : ci[0] > 0 || ci[1] < 0);
      const advice = adviceView(result).dimension(d.id);
      expect(one(group, '.diagnosis').text).toBe(htmlLabelsFor('en').diagnosis[advice as Advice]);
      // The quadrant's wording stands unless the gap says otherwise; a significant shortfall is never "fine".
      if (ci !== null && ci[1] < r.baseline)
        expect(one(group, '.diagnosis').text).not.toMatch(/keep it up|overkill|low priority/);
      else if (d.quadrant !== null && (d.gap.mean as number) >= r.baseline)
        expect(one(group, '.diagnosis').text).toBe(DIAGNOSIS[d.quadrant]);
      expect(group.querySelectorAll('.significance')).toHaveLength(significant ? 1 : 0);
    }
  });

  it('lists the warnings and a methods note with n', () => {
    expect(root.querySelectorAll('#warnings li').map((li) => li.text)).toEqual(result.warnings.map((w) => w.message));
    const methods = one(root, '#methods').text;
    expect(methods).toContain(`${result.respondents.total} respondents read, ${result.respondents.scored} scored`);
    expect(methods).toContain('Holm');
    expect(methods).toContain('α');
  });

  it('is deterministic: the same result gives byte-identical output', () => {
    expect(renderHtml(result, { generatedBy: 'servqual test' })).toBe(html);
    expect(renderHtml(structuredClone(result), { generatedBy: 'servqual test' })).toBe(html);
  });
});

describe('renderHtml in Russian', () => {
  const result = buildResult({ format: 'two-column', language: 'ru', n: 60, seed: 5 });
  const root = dom(renderHtml(result));

  it('uses the questionnaire language for lang and every label', () => {
    expect(one(root, 'html').getAttribute('lang')).toBe('ru');
    expect(root.querySelectorAll('h2').map((h) => h.text)).toEqual([
      'Кратко',
      'Диаграммы',
      'Таблицы',
      'Рекомендации по приоритету',
      'Качество измерения',
      'Предупреждения',
      'Методика',
    ]);
    expect(
      one(root, 'svg[data-chart="ipa"]')
        .querySelectorAll('text.quadrant-label')
        .map((t) => t.text)
        .sort(),
    ).toEqual(['Возможно, избыточно', 'Низкий приоритет', 'Сосредоточиться', 'Так держать'].sort());
    expect(one(root, 'table[data-table="dimensions"] thead').text).toContain('Измерение');
    const diagnoses = root.querySelectorAll('.diagnosis').map((d) => d.text);
    expect(diagnoses.length).toBeGreaterThan(0);
    for (const text of diagnoses) expect(text).toMatch(/^(Высокая|Низкая) важность/);
    expect(root.text).not.toMatch(/Concentrate here|Dimensions|Recommendations/);
    expect(root.querySelectorAll('footer')).toHaveLength(0);
  });
});

describe('renderHtml edge cases', () => {
  it('draws a custom model with a single dimension', () => {
    const result = buildResult({
      format: 'two-column',
      items: { speed: ['X1', 'X2', 'X3'] },
      n: 40,
      seed: 3,
      kpis: false,
    });
    const root = dom(renderHtml(result));
    expect(charts(root)).toEqual(['means-dimensions', 'gap-dimensions', 'gap-items', 'ipa']);
    expect(
      one(root, 'svg[data-chart="gap-dimensions"]')
        .querySelectorAll('rect.bar')
        .map((b) => b.getAttribute('data-id')),
    ).toEqual(['speed']);
    expect(
      one(root, 'svg[data-chart="ipa"]')
        .querySelectorAll('g.point')
        .map((p) => p.getAttribute('data-id')),
    ).toEqual(['speed']);
    expect(root.querySelectorAll('table[data-table="kpis"]')).toHaveLength(0);
  });

  it('draws custom dimension ids with segments in perceptions-only', () => {
    const result = buildResult({
      format: 'perceptions-only',
      items: { speed: ['X1', 'X2'], comfort: ['C1', 'C2'], staff: ['F1'] },
      branches: ['a', 'b'],
      n: 80,
      seed: 8,
    });
    const root = dom(renderHtml(result));
    expect(one(root, 'svg[data-chart="gap-items"]').querySelectorAll('rect.bar')).toHaveLength(5);
    expect(
      one(root, 'svg[data-chart="segments"]')
        .querySelectorAll('g.column-head')
        .map((h) => h.getAttribute('data-column')),
    ).toEqual(['overall', 'speed', 'comfort', 'staff']);
  });

  it('shows "–" and no marks when nobody answered (n = 0, every value null)', () => {
    for (const format of formats) {
      const result = buildResult({ format, n: 0, branches: ['x'] });
      expect(result.respondents.total).toBe(0);
      const html = renderHtml(result);
      const root = dom(html);
      expect(root.querySelectorAll('rect.bar, g.point, path.zone-mark, rect.nps-promoters')).toHaveLength(0);
      const values = one(root, 'svg[data-chart="gap-dimensions"]')
        .querySelectorAll('text.value')
        .map((t) => t.text);
      expect(values).toEqual(result.dimensions.map(() => '–'));
      expect(one(root, 'svg[data-chart="ipa"]').querySelectorAll('text.quadrant-label')).toHaveLength(4);
      expect(one(root, 'svg[data-chart="nps"]').querySelectorAll('rect.nps-empty')).toHaveLength(1);
      expect(one(root, '#recommendations').text).toContain('nothing to recommend');
      expect(html).not.toMatch(/NaN|Infinity|undefined/);
    }
  });
});
