import { describe, expect, it } from 'vitest';
import {
  measurementHtml,
  measurementMarkdown,
  measurementTerminalLines,
} from '../../../src/render/measurement-sections.js';
import {
  type DimensionQualityInput,
  type DriversInput,
  measurementView,
  type ValidityInput,
} from '../../../src/render/view/measurement.js';
import { qualityTables } from '../../../src/render/view/measurement-tables.js';

const dimensions: DimensionQualityInput[] = [
  {
    id: 'T',
    label: 'Tangibles',
    importance: 0.1,
    alpha: 0.8,
    alphaStd: 0.81,
    alphaCi: [0.75, 0.85],
    omega: 0.82,
    ave: 0.55,
  },
  {
    id: 'R',
    label: 'Reliability',
    importance: 0.3,
    alpha: 0.6,
    alphaStd: 0.61,
    alphaCi: [0.5, 0.7],
    omega: 0.62,
    ave: 0.31,
  },
  {
    id: 'S',
    label: 'Responsiveness',
    importance: 0.2,
    alpha: 0.9,
    alphaStd: 0.9,
    alphaCi: [0.87, 0.92],
    omega: 0.91,
    ave: 0.7,
  },
];

const goodFit = {
  chisq: 50.2,
  df: 41,
  p: 0.15,
  cfi: 0.97,
  tli: 0.96,
  rmsea: 0.04,
  rmseaCi: [0, 0.07] as [number, number],
  srmr: 0.05,
};
const poorFit = {
  chisq: 300.5,
  df: 41,
  p: 0.0001,
  cfi: 0.81,
  tli: 0.77,
  rmsea: 0.12,
  rmseaCi: [0.1, 0.14] as [number, number],
  srmr: 0.11,
};

const validity = (over: Partial<ValidityInput> = {}): ValidityInput => ({
  n: 180,
  kmo: { overall: 0.88 },
  bartlett: { chisq: 1234.5, df: 231, p: 1e-20 },
  eigenvalues: [6, 2, 1.5, 0.5],
  parallel: 3,
  cfa: goodFit,
  cfa3: poorFit,
  htmt: [
    { a: 'T', b: 'R', value: 0.5 },
    { a: 'T', b: 'S', value: 0.6 },
    { a: 'R', b: 'S', value: 0.9 },
  ],
  ...over,
});

describe('measurement-quality view', () => {
  it('is absent for a result without validity or drivers (an older result)', () => {
    expect(measurementView(dimensions, undefined, undefined, 'en')).toBeNull();
  });

  it('judges each figure against its usual threshold', () => {
    const view = measurementView(dimensions, validity(), undefined, 'en');
    expect(view?.reliability.map((r) => [r.omega.ok, r.ave.ok])).toEqual([
      [true, true],
      [false, false],
      [true, true],
    ]);
    expect(view?.fits.map((f) => [f.model, f.cfi.ok, f.rmsea.ok, f.srmr.ok])).toEqual([
      ['five', true, true, true],
      ['three', false, false, false],
    ]);
    expect(view?.htmt.map((h) => [h.pair, h.value.ok])).toEqual([
      ['Tangibles – Reliability', true],
      ['Tangibles – Responsiveness', true],
      ['Reliability – Responsiveness', false],
    ]);
  });

  it('says what to do for each failed criterion, and only for those', () => {
    const view = measurementView(dimensions, validity(), undefined, 'en');
    const findings = view?.findings.join('\n') ?? '';
    expect(findings).toContain('Reliability: ω below .70');
    expect(findings).toContain('Reliability: AVE below .50');
    expect(findings).toContain('Reliability – Responsiveness: HTMT');
    expect(findings).not.toContain('fits poorly');
    expect(findings).not.toContain('Tangibles: ω');
  });

  it('says when the model fits poorly and the three-factor one fits as well, with the real number of dimensions', () => {
    const view = measurementView(dimensions, validity({ cfa: poorFit, cfa3: goodFit, parallel: 3 }), undefined, 'en');
    const findings = view?.findings.join('\n') ?? '';
    expect(findings).toContain('The 3-dimension model fits poorly (CFI 0.810, RMSEA 0.120, SRMR 0.110)');
    expect(findings).toContain('do not group into the 3 dimensions in this sample');
    expect(findings).toContain('and compare with the three-factor model.');
    expect(findings).not.toMatch(/five/i);
    expect(view?.fits[0]?.label).toBe('3 dimensions');
  });

  it('speaks of five SERVQUAL dimensions only with five, and of the three-factor model only when it was fitted', () => {
    const five = ['A', 'B', 'C', 'D', 'E'].map((id, i) => ({
      ...(dimensions[i % 3] as (typeof dimensions)[number]),
      id,
    }));
    const view = measurementView(five, validity({ cfa: poorFit, cfa3: null, htmt: [] }), undefined, 'en');
    const poor = view?.findings.find((f) => f.startsWith('The five-dimension model fits poorly'));
    expect(poor).toContain(
      'do not group into the five SERVQUAL dimensions in this sample; read dimension scores with care.',
    );
    expect(poor).not.toContain('three-factor');
    // Eight dimensions in Russian: "8 измерений", "из 8 измерений"; two: "2 измерения".
    const eight = Array.from({ length: 8 }, (_, i) => ({
      ...(dimensions[i % 3] as (typeof dimensions)[number]),
      id: `d${i}`,
    }));
    const ru = measurementView(eight, validity({ cfa: poorFit, cfa3: null, htmt: [] }), undefined, 'ru');
    expect(ru?.fits[0]?.label).toBe('8 измерений');
    expect(ru?.findings.join('\n')).toContain('Модель из 8 измерений плохо согласуется');
    expect(ru?.findings.join('\n')).not.toContain('пят');
    const two = measurementView(eight.slice(0, 2), validity({ htmt: [] }), undefined, 'ru');
    expect(two?.fits[0]?.label).toBe('2 измерения');
  });

  it('says why the factor model has no fit', () => {
    const view = measurementView(
      dimensions,
      validity({ cfa: null, cfa3: null, cfaUnavailable: 'improper-solution' }),
      undefined,
      'en',
    );
    expect(view?.findings).toContain(
      'The 3-dimension factor model has no fit: the solution is improper (a Heywood case: a residual variance at or below zero, or dimensions the data cannot tell apart); consider merging the most correlated dimensions.',
    );
    const ru = measurementView(
      dimensions,
      validity({ cfa: null, cfa3: null, cfaUnavailable: 'no-convergence' }),
      undefined,
      'ru',
    );
    expect(ru?.findings.join('\n')).toContain(
      'Факторную модель из 3 измерений оценить не удалось: поиск максимального правдоподобия не сошёлся.',
    );
  });

  it('reports every criterion holding when none fails', () => {
    const fine = dimensions.map((d) => ({ ...d, omega: 0.9, ave: 0.6 }));
    const view = measurementView(fine, validity({ htmt: [], cfa3: null }), undefined, 'en');
    expect(view?.findings).toEqual(['Every criterion holds: the 3 dimensions are measured reliably and distinctly.']);
  });

  it('flags low KMO, a non-significant Bartlett test and a parallel analysis that keeps another number', () => {
    const view = measurementView(
      dimensions,
      validity({ kmo: { overall: 0.5 }, bartlett: { chisq: 10, df: 3, p: 0.2 }, parallel: 1 }),
      undefined,
      'en',
    );
    const findings = view?.findings.join('\n') ?? '';
    expect(findings).toContain('KMO below .60');
    expect(findings).toContain('Bartlett');
    expect(findings).toContain('The number of factors parallel analysis retains is 1, not 3');
  });

  it('puts derived importance beside the stated one and flags strong disagreement', () => {
    const drivers: DriversInput = {
      outcome: 'NPS',
      n: 150,
      r2: 0.42,
      dimensions: [
        { id: 'T', r: 0.5, beta: 0.3, weight: 0.168, share: 0.4 },
        { id: 'R', r: 0.4, beta: 0.2, weight: 0.126, share: 0.3 },
        { id: 'S', r: 0.3, beta: 0.1, weight: 0.126, share: 0.3 },
      ],
    };
    const view = measurementView(dimensions, undefined, drivers, 'en');
    // T: stated 0.10, derived 0.40 (4x, +0.30): disagree. R: 0.30 vs 0.30: agree. S: 0.20 vs 0.30 (1.5x): agree.
    expect(view?.drivers?.rows.map((r) => [r.id, r.stated, r.derived, r.disagree])).toEqual([
      ['T', 0.1, 0.4, true],
      ['R', 0.3, 0.3, false],
      ['S', 0.2, 0.3, false],
    ]);
    expect(view?.findings.join('\n')).toContain('Tangibles: stated and derived importance disagree strongly');
    expect(view?.drivers?.line).toBe('Outcome NPS: the 3 dimensions explain R² = 0.42 over 150 respondents.');
  });

  it('says when too few respondents answered every item', () => {
    const view = measurementView(
      dimensions,
      validity({
        n: 1,
        kmo: null,
        bartlett: null,
        cfa: null,
        cfa3: null,
        htmt: null,
        parallel: null,
        eigenvalues: null,
      }),
      undefined,
      'en',
    );
    expect(view?.basis).toBe(view?.labels.noBasis);
    expect(view?.structureLine).toBeNull();
    // Nothing judged (no omega, no AVE, no fit, no HTMT): never "every criterion holds".
    const unjudged = measurementView(
      dimensions.map((d) => ({ ...d, alpha: null, omega: null, ave: null })),
      validity({
        n: 1,
        kmo: null,
        bartlett: null,
        cfa: null,
        cfa3: null,
        htmt: null,
        parallel: null,
        eigenvalues: null,
      }),
      undefined,
      'en',
    );
    expect(unjudged?.findings).toEqual([]);
  });

  it('words everything in Russian for a Russian questionnaire', () => {
    const view = measurementView(dimensions, validity(), undefined, 'ru');
    expect(view?.labels.heading).toBe('Качество измерения');
    expect(view?.findings.join('\n')).toMatch(/ω ниже 0,70/);
  });
});

describe('measurement-quality tables and sections', () => {
  const view = measurementView(dimensions, validity(), undefined, 'en');
  if (!view) throw new Error('expected a view');

  it('defines the tables once, failing cells marked', () => {
    const tables = qualityTables(view);
    expect(tables.map((t) => t.key)).toEqual(['reliability', 'fit', 'htmt']);
    const reliability = tables[0];
    expect(reliability?.rows[1]?.map((c) => c.text)).toEqual([
      'Reliability',
      '0.60',
      '0.61',
      '0.50–0.70',
      '0.62',
      '0.31',
    ]);
    expect(reliability?.rows[1]?.map((c) => c.fails)).toEqual([false, false, false, false, true, true]);
    expect(reliability?.rows[1]?.[4]?.value).toBe(0.62);
  });

  it('is compact in the terminal', () => {
    const lines = measurementTerminalLines(view);
    expect(lines[0]).toBe('Over 180 respondents who answered every item.');
    expect(lines[1]).toBe('ω: Tangibles 0.82, Reliability 0.62!, Responsiveness 0.91');
    expect(lines.length).toBeLessThan(12);
  });

  it('escapes labels from the questionnaire in Markdown and HTML', () => {
    const hostile = [
      { ...dimensions[0], label: '<script>alert(1)</script> | **x**' } as DimensionQualityInput,
      ...dimensions.slice(1),
    ];
    const v = measurementView(hostile, validity(), undefined, 'en');
    if (!v) throw new Error('expected a view');
    const html = measurementHtml(v);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<td class="num fails" title="below threshold">0.62</td>');
    const md = measurementMarkdown(v).join('\n');
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\| \\*\\*x\\*\\*');
    expect(md).toContain('| Reliability | 0.60 | 0.61 | 0.50–0.70 | **0.62** | **0.31** |');
  });
});
