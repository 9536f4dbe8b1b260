import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../../src/core/compare/compare.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { trendOf, TrendInputError, type TrendSeries } from '../../../src/core/trend/trend.js';
import { trendComparabilityProblems } from '../../../src/core/trend/waves-comparable.js';
import { sparkline } from '../../../src/render/sparkline.js';
import { renderTrendLine } from '../../../src/render/svg/trend-line.js';
import { renderTrend } from '../../../src/render/trend.js';
import { repoRoot } from '../../helpers/run-cli.js';

const load = (name: string) =>
  JSON.parse(readFileSync(join(repoRoot, 'examples', 'waves', `${name}.json`), 'utf8')) as Result;
const [q1, q2, q3] = [load('q1'), load('q2'), load('q3')] as [Result, Result, Result];
const waves = [
  { label: 'q1', result: q1 },
  { label: 'q2', result: q2 },
  { label: 'q3', result: q3 },
];
const series = (target: string) =>
  trendOf(waves, { alpha: 0.05 }).series.find((s) => s.target === target) as TrendSeries;

describe('trendOf on the example waves', () => {
  it('lists the overall scores, the dimensions and the KPIs with each wave value, interval and n from the results', () => {
    const trend = trendOf(waves, { alpha: 0.05 });
    expect(trend.kind).toBe('trend');
    expect(trend.trendVersion).toBe(1);
    expect(trend.waves.map((w) => w.label)).toEqual(['q1', 'q2', 'q3']);
    expect(trend.series.map((s) => s.target)).toEqual([
      'overall:weighted',
      'overall:unweighted',
      'dimension:tangibles',
      'dimension:reliability',
      'dimension:responsiveness',
      'dimension:assurance',
      'dimension:empathy',
      'kpi:nps',
      'kpi:csat',
      'kpi:ces',
    ]);
    const responsiveness = series('dimension:responsiveness');
    const gap = (r: Result) => r.dimensions.find((d) => d.id === 'responsiveness')?.gap;
    expect(responsiveness.points).toEqual(
      [q1, q2, q3].map((r) => ({ value: gap(r)?.mean, ci95: gap(r)?.ci95, n: gap(r)?.n })),
    );
    const nps = series('kpi:nps');
    expect(nps.type).toBe('nps');
    expect(nps.points[2]).toEqual({ value: q3.kpis[0]?.score, ci95: q3.kpis[0]?.ci95, n: q3.kpis[0]?.n });
  });

  it("gives Welch's p for consecutive waves and against the first, as scipy does", () => {
    // python3: from scipy.stats import ttest_ind_from_stats; with each result's gap mean, sd, n:
    // ttest_ind_from_stats(m3, sd3, n3, m2, sd2, n2, equal_var=False) -> t, p (below)
    const r = series('dimension:responsiveness');
    expect(r.consecutive[1]?.t).toBeCloseTo(-11.284526321671626, 9);
    expect((r.consecutive[1]?.p as number) / 1.6718235879518686e-27).toBeCloseTo(1, 6);
    expect(r.consecutive[0]?.p).toBeCloseTo(0.6061705337087515, 12);
    expect((r.versusFirst[1]?.p as number) / 1.7067808436499646e-26).toBeCloseTo(1, 6);
    const weighted = series('overall:weighted');
    expect(weighted.consecutive[1]?.p).toBeCloseTo(0.001187458882852944, 12);
    expect(weighted.consecutive[0]?.p).toBeCloseTo(0.9824550691326123, 12);
    expect(weighted.versusFirst[1]?.p).toBeCloseTo(0.001171529824487188, 12);
    // NPS: sd from the shares, sqrt(1e4 * (P + D - (P - D)^2) * n / (n - 1)) with P, D proportions.
    const nps = series('kpi:nps');
    expect(nps.consecutive[1]?.p).toBeCloseTo(0.47544795680589325, 12);
    expect(nps.versusFirst[1]?.p).toBeCloseTo(0.15797356510158372, 12);
  });

  it('adjusts p by Holm within one measure and one kind of comparison', () => {
    // Holm of two (R: p.adjust(c(0.4870198180451669, 0.15797356510158372), "holm")): the smaller
    // p doubled, 0.31594712..., the larger max(that, itself), 0.48701981...
    const nps = series('kpi:nps');
    expect(nps.versusFirst[0]?.pHolm).toBeCloseTo(0.4870198180451669, 12);
    expect(nps.versusFirst[1]?.pHolm).toBeCloseTo(0.31594713020316744, 12);
    expect(nps.versusFirst[1]?.significant).toBe(false);
    // The consecutive family: p(q1 -> q2) = 0.48701981... and p(q2 -> q3) = 0.47544795...: both 0.95089...
    expect(nps.consecutive[1]?.pHolm).toBeCloseTo(2 * 0.47544795680589325, 12);
    const r = series('dimension:responsiveness');
    expect(r.consecutive[1]).toMatchObject({ from: 1, to: 2, direction: 'down', significant: true });
    expect(r.consecutive[0]).toMatchObject({ from: 0, to: 1, significant: false });
    expect(r.versusFirst[0]).toEqual({ ...r.consecutive[0], pHolm: r.versusFirst[0]?.pHolm });
  });

  it('gates exactly as compare does on the last two waves', () => {
    const trend = trendOf(waves, { alpha: 0.05 });
    expect(trend.regressions).toEqual(compareResults(q2, q3, { alpha: 0.05 }).regressions);
    expect(trend.regressions).toContain('dimension:responsiveness');
    expect(series('kpi:nps').regression).toBe(false);
    // The same waves in another order: q3 first, so the last step is a rise and nothing regresses.
    const reversed = trendOf([...waves].reverse(), { alpha: 0.05 });
    expect(reversed.regressions).toEqual([]);
  });

  it('keeps a KPI that only some waves have, with no value or test where it is missing', () => {
    const withoutCes: Result = { ...q2, kpis: q2.kpis.filter((k) => k.id !== 'ces') };
    const trend = trendOf(
      [
        { label: 'a', result: q1 },
        { label: 'b', result: withoutCes },
      ],
      { alpha: 0.05 },
    );
    const ces = trend.series.find((s) => s.target === 'kpi:ces') as TrendSeries;
    expect(ces.points[1]).toEqual({ value: null, ci95: null, n: 0 });
    expect(ces.consecutive[0]).toMatchObject({ change: null, p: null, pHolm: null, significant: false });
  });
});

describe('waves that cannot be compared', () => {
  it('refuses fewer than two waves and a bad alpha', () => {
    expect(() => trendOf([{ label: 'q1', result: q1 }], { alpha: 0.05 })).toThrow(TrendInputError);
    expect(() => trendOf(waves, { alpha: 1 })).toThrow(RangeError);
  });

  it('names the wave and the reason: format, scale, items added, dropped or moved', () => {
    const threeColumn: Result = { ...q2, questionnaire: { ...q2.questionnaire, format: 'three-column' } };
    const fewer: Result = { ...q3, items: q3.items.filter((i) => i.id !== 'T4') };
    const moved: Result = {
      ...q3,
      items: q3.items.map((i) => (i.id === 'E1' ? { ...i, dimension: 'assurance' } : i)),
    };
    const problems = trendComparabilityProblems([q1, threeColumn, fewer, moved]);
    expect(problems.map((p) => [p.wave, p.message])).toEqual([
      [1, 'the questionnaire format differs: baseline "two-column", current "three-column"'],
      [2, "the items differ from the first wave's: it lacks T4"],
      [3, "the items differ from the first wave's: it moves E1 to another dimension"],
    ]);
    expect(() =>
      trendOf(
        [
          { label: 'a', result: q1 },
          { label: 'b', result: fewer },
        ],
        { alpha: 0.05 },
      ),
    ).toThrow(/lacks T4/);
    expect(trendComparabilityProblems([q1, q2, q3])).toEqual([]);
  });
});

describe('sparkline', () => {
  it('draws each value at its place in the range, a gap as a space, no spread at mid height', () => {
    expect(sparkline([1, 2, 3])).toBe('▁▅█');
    expect(sparkline([1, null, 3], { ascii: true })).toBe('_ #');
    expect(sparkline([2, 2])).toBe('▄▄');
    expect(sparkline([1, 2], { range: [0, 4] })).toBe('▃▅');
  });
});

describe('trend renderers and hostile text', () => {
  it('escapes a title and labels from the files in every format', () => {
    const title = 'Bank \u001b[31m<img src=x onerror=alert(1)> | *x* \u202e';
    const hostile = (r: Result): Result => ({
      ...r,
      questionnaire: { ...r.questionnaire, title },
      dimensions: r.dimensions.map((d) => (d.id === 'empathy' ? { ...d, label: '<b>Empathy</b>\u001b[2J' } : d)),
    });
    const trend = trendOf(
      [
        { label: 'a\u001b[1m', result: hostile(q1) },
        { label: '<i>b</i>', result: hostile(q3) },
      ],
      { alpha: 0.05 },
    );
    const options = { color: false, ascii: false, language: 'en' as const };
    const table = renderTrend(trend, 'table', options);
    expect(table).not.toMatch(/[\u001b\u202e]/);
    expect(table).toContain('\\x1b[31m');
    const markdown = renderTrend(trend, 'markdown', options);
    expect(markdown).not.toMatch(/[\u001b\u202e]|<img|<b>|<i>/);
    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt; \\| \\*x\\*');
    const html = renderTrend(trend, 'html', options);
    expect(html).not.toMatch(/[\u001b\u202e]|<img|<b>Empathy|<i>b/);
    expect(html).toContain('&lt;b&gt;Empathy&lt;/b&gt;');
    expect(html).toContain('data-wave="&lt;i&gt;b&lt;/i&gt;"');
    // JSON keeps the data as it is: escaping is the readers' business.
    expect(
      (JSON.parse(renderTrend(trend, 'json', options)) as { questionnaire: { title: string } }).questionnaire.title,
    ).toBe(title);
  });
});

describe('renderTrendLine', () => {
  it('breaks the line and the band at a wave with no value, and marks it with a dash', () => {
    const svg = renderTrendLine({
      target: 'kpi:ces',
      title: 'CES',
      summary: 'CES in each wave.',
      waves: ['a', 'b', 'c'],
      points: [
        { value: 5, ci: [4.8, 5.2], n: 100 },
        { value: null, ci: null, n: 0 },
        { value: 5.4, ci: [5.2, 5.6], n: 90 },
      ],
      baseline: null,
      format: (v) => (v === null ? '–' : v.toFixed(2)),
      formatInterval: (ci) => (ci ? `${ci[0]}..${ci[1]}` : '–'),
    });
    expect(svg.match(/<path class="line" d="M[\d.]+ [\d.]+"/g)).toHaveLength(2);
    expect(svg.match(/<polygon class="band"/g)).toHaveLength(2);
    expect(svg.match(/<circle class="point"/g)).toHaveLength(2);
    expect(svg).toContain('<title>c: 5.40 (95% CI 5.2..5.6, n = 90)</title>');
    expect(svg).not.toContain('zero-line');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});
