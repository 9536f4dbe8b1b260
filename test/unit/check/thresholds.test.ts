import { describe, expect, it } from 'vitest';
import {
  whyNotComputed,
  checkThresholdTargets,
  evaluateChecks,
  explainCheck,
  mergeThresholds,
} from '../../../src/core/check/thresholds.js';
import { validateQuestionnaire } from '../../../src/core/questionnaire/validate.js';
import { scoreObjects } from '../../../src/core/scoring/score-table.js';
import { renderJunit } from '../../../src/render/junit.js';
import { targetAbout } from '../../../src/render/view/checks.js';

const dims = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'];
const { questionnaire } = validateQuestionnaire({
  servqual: 1,
  title: 'Gate <&>',
  format: 'two-column',
  scale: { min: 1, max: 7 },
  dimensions: dims.map((id, d) => ({
    id,
    items:
      d === 0
        ? [{ id: 'T1', expectation: 'e', perception: 'p' }]
        : [0, 1].map((k) => ({ id: `${id[0]?.toUpperCase()}${d}${k}`, expectation: 'e', perception: 'p' })),
  })),
  kpis: [{ id: 'nps', type: 'nps', question: 'q' }],
  thresholds: { overall: -1, dimensions: { reliability: -0.5 }, minRespondents: 2, minAlpha: 0.5, kpis: { nps: 0 } },
});
if (!questionnaire) throw new Error('invalid');
const q = questionnaire;

// Three respondents: every E is 7; P is 6, 5 and 4 everywhere, so every gap mean is -2 and
// the weighted overall (equal weights) is -2; NPS answers 9, 9, 3 -> 66.67 - 33.33 = 33.33.
const rows = [6, 5, 4].map((p, r) => {
  const row: Record<string, string | number> = { respondent: `r${r}`, nps: r < 2 ? 9 : 3 };
  for (const d of q.dimensions)
    for (const item of d.items) Object.assign(row, { [`${item.id}_E`]: 7, [`${item.id}_P`]: p });
  return row;
});
const result = scoreObjects(q, rows).result;
if (!result) throw new Error('not scored');

describe('thresholds', () => {
  it('lets each flag win over the questionnaire for its own target only', () => {
    const merged = mergeThresholds(q.thresholds, {
      overall: -3,
      dimensions: { empathy: -1 },
      items: {},
      kpis: {},
      minAlpha: 0.9,
    });
    expect(merged).toEqual({
      overall: -3,
      dimensions: { reliability: -0.5, empathy: -1 },
      items: {},
      kpis: { nps: 0 },
      minRespondents: 2,
      minAlpha: 0.9,
    });
  });

  it('refuses flags that name an unknown dimension, item or KPI, with a hint', () => {
    const problems = checkThresholdTargets(q, { dimensions: { reliabilty: -1 }, items: { Z9: 0 }, kpis: { csat: 1 } });
    expect(problems.map((p) => [p.section, p.id, p.message])).toEqual([
      ['dimensions', 'reliabilty', 'the questionnaire has no dimension "reliabilty"'],
      ['items', 'Z9', 'the questionnaire has no item "Z9"'],
      ['kpis', 'csat', 'the questionnaire has no KPI "csat"'],
    ]);
    expect(problems[0]?.hint).toBe('did you mean "reliability"?');
  });

  it('tests every kind of threshold: respondents, overall, dimension, item, alpha, KPI', () => {
    const checks = evaluateChecks(
      q,
      result,
      mergeThresholds(q.thresholds, { dimensions: {}, items: { R10: -2 }, kpis: {} }),
    );
    const byTarget = Object.fromEntries(checks.map((c) => [c.target, c]));
    expect(byTarget.respondents).toEqual({ target: 'respondents', threshold: 2, value: 3, passed: true });
    expect(byTarget.overall).toMatchObject({ threshold: -1, value: -2, passed: false });
    expect(byTarget['dimension:reliability']).toMatchObject({ value: -2, passed: false });
    expect(byTarget['item:R10']).toMatchObject({ threshold: -2, value: -2, passed: true });
    // Items of a dimension move together: alpha is 1 where there are two items; tangibles has one item and no alpha check.
    expect(byTarget['alpha:reliability']).toMatchObject({ value: 1, passed: true });
    expect(byTarget['alpha:tangibles']).toBeUndefined();
    expect(byTarget['kpi:nps']?.value).toBeCloseTo(100 / 3, 10);
    expect(byTarget['kpi:nps']?.passed).toBe(true);
    expect(checks.map((c) => c.target)).toEqual([
      'respondents',
      'overall',
      'dimension:reliability',
      'item:R10',
      'alpha:reliability',
      'alpha:responsiveness',
      'alpha:assurance',
      'alpha:empathy',
      'kpi:nps',
    ]);
  });

  it('fails a check whose value could not be computed', () => {
    const blank = Object.fromEntries(
      Object.keys(rows[0] ?? {}).map((column) => [column, column === 'respondent' ? 'x' : '']),
    );
    const empty = scoreObjects(q, [blank]).result;
    if (!empty) throw new Error('not scored');
    const checks = evaluateChecks(q, empty, q.thresholds);
    expect(checks.find((c) => c.target === 'overall')).toMatchObject({ value: null, passed: false });
    expect(explainCheck({ target: 'overall', threshold: -1, value: null, passed: false })).toMatch(
      /could not be computed/,
    );
  });

  it('fails, and says so, a gate on omega that cannot apply: no dimension has two items', () => {
    const one = validateQuestionnaire({
      servqual: 1,
      title: 'One item each',
      format: 'two-column',
      scale: { min: 1, max: 7 },
      dimensions: dims.map((id, d) => ({ id, items: [{ id: `X${d}`, expectation: 'e', perception: 'p' }] })),
    }).questionnaire;
    if (!one) throw new Error('invalid');
    const oneRows = rows.map((_row, r) =>
      Object.fromEntries([
        ['respondent', `r${r}`],
        ...dims.flatMap((_, d) => [
          [`X${d}_E`, 7],
          [`X${d}_P`, 4 + r],
        ]),
      ]),
    );
    const scored = scoreObjects(one, oneRows).result;
    if (!scored) throw new Error('not scored');
    const checks = evaluateChecks(one, scored, { dimensions: {}, items: {}, kpis: {}, minOmega: 0.7, minAlpha: 0.6 });
    // Alpha keeps the contract's targets: nothing to test, nothing listed.
    expect(checks).toEqual([{ target: 'omega', threshold: 0.7, value: null, passed: false }]);
    const why = whyNotComputed(scored);
    expect(explainCheck(checks[0] as (typeof checks)[number], undefined, why('omega'))).toBe(
      'omega could not be computed (no dimension has two items or more, so omega cannot be computed and this gate cannot apply); the threshold is 0.7',
    );
  });

  it('says why a CFA gate has no value: the reason the factor model has no fit, or a result saved before it', () => {
    const why = whyNotComputed({
      validity: {
        n: 207,
        kmo: null,
        bartlett: null,
        eigenvalues: null,
        htmt: null,
        parallel: null,
        cfa: null,
        cfa3: null,
        cfaUnavailable: 'improper-solution',
      },
    });
    expect(why('cfi')).toBe(
      'CFA not available: the solution is improper (a Heywood case: dimensions the data cannot tell apart)',
    );
    expect(why('rmsea')).toBe(why('cfi'));
    expect(why('overall')).toBeUndefined();
    expect(whyNotComputed({})('cfi')).toBe('the result has no measurement quality (saved before it was added)');
  });

  it('names a ceiling "<=" and a floor ">=" in JUnit', () => {
    const xml = renderJunit({
      ...result,
      checks: [
        { target: 'rmsea', threshold: 0.06, value: 0.04, passed: true },
        { target: 'cfi', threshold: 0.95, value: 0.96, passed: true },
      ],
    });
    expect(xml).toContain('name="rmsea &lt;= 0.06"');
    expect(xml).toContain('name="cfi &gt;= 0.95"');
  });

  it('explains with enough decimals to tell a value from its threshold', () => {
    expect(explainCheck({ target: 'overall', threshold: -1.2, value: -1.2004, passed: false })).toBe(
      'overall is -1.2004, below the threshold -1.2000',
    );
    expect(explainCheck({ target: 'overall', threshold: -1.5, value: -1.25, passed: true })).toBe(
      'overall is -1.25, at or above the threshold -1.50',
    );
  });

  it('names the target in words beside its code when given', () => {
    expect(explainCheck({ target: 'item:R4', threshold: -1, value: -1.5, passed: false }, 'Staff keep promises')).toBe(
      'item:R4 (Staff keep promises) is -1.50, below the threshold -1',
    );
    expect(explainCheck({ target: 'overall', threshold: -1, value: null, passed: false }, 'x')).toMatch(
      /^overall \(x\) could not be computed/,
    );
  });

  it('finds the words for each kind of target: statement, dimension label, none', () => {
    const about = targetAbout({
      items: [{ ...result.items[0], id: 'R4', statement: 'Staff keep promises' } as (typeof result.items)[number]],
      dimensions: [
        { ...result.dimensions[0], id: 'rel', label: 'Reliability' } as (typeof result.dimensions)[number],
        { ...result.dimensions[0], id: 'same', label: 'same' } as (typeof result.dimensions)[number],
      ],
    });
    expect(
      ['item:R4', 'dimension:rel', 'alpha:rel', 'alpha:same', 'overall', 'kpi:rel', 'item:none'].map(about),
    ).toEqual(['Staff keep promises', 'Reliability', 'Reliability', undefined, undefined, undefined, undefined]);
  });

  it('writes JUnit XML with one test case per check and escaped text', () => {
    const xml = renderJunit({ ...result, checks: evaluateChecks(q, result, q.thresholds) });
    expect(xml).toContain('<testsuite name="servqual check: Gate &lt;&amp;&gt;" tests="8" failures="2"');
    expect(xml.match(/<testcase /g)).toHaveLength(8);
    expect(xml).toContain('<failure type="threshold" message="overall is -2, below the threshold -1">');
  });
});
