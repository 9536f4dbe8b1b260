import type { Problem } from '../problem.js';
import type { Questionnaire, Thresholds } from '../questionnaire/model.js';
import type { Check, Result } from '../scoring/result.js';
import type { CfaUnavailable } from '../stats/cfa.js';
import { didYouMean } from '../text/did-you-mean.js';
import { emptyRecord, own } from '../text/own.js';

/** Thresholds given on the command line (the questionnaire's shape); each wins over the file's for its target. */
export type ThresholdFlags = Thresholds;

/** A threshold for a target the questionnaire lacks; the shell names the flag that gave it. */
export interface ThresholdProblem extends Problem {
  code: 'unknown-threshold-target';
  section: 'dimensions' | 'items' | 'kpis';
  id: string;
}

/** Thresholds naming a dimension, item or KPI the questionnaire lacks: an input error, never a silent pass. */
export function checkThresholdTargets(q: Questionnaire, flags: ThresholdFlags): ThresholdProblem[] {
  const known = {
    dimensions: { noun: 'dimension', ids: q.dimensions.map((d) => d.id) },
    items: { noun: 'item', ids: q.dimensions.flatMap((d) => d.items.map((i) => i.id)) },
    kpis: { noun: 'KPI', ids: q.kpis.map((k) => k.id) },
  };
  const problems: ThresholdProblem[] = [];
  for (const section of ['dimensions', 'items', 'kpis'] as const) {
    const { noun, ids } = known[section];
    for (const id of Object.keys(flags[section])) {
      if (ids.includes(id)) continue;
      const hint = didYouMean(id, ids);
      problems.push({
        code: 'unknown-threshold-target',
        section,
        id,
        message: `the questionnaire has no ${noun} "${id}"`,
        ...(hint ? { hint } : {}),
      });
    }
  }
  return problems;
}

/** The questionnaire's thresholds with the flags laid over them. */
export function mergeThresholds(file: Thresholds, flags: ThresholdFlags): Thresholds {
  const overall = flags.overall ?? file.overall;
  const minRespondents = flags.minRespondents ?? file.minRespondents;
  const minAlpha = flags.minAlpha ?? file.minAlpha;
  const minOmega = flags.minOmega ?? file.minOmega;
  const minCfi = flags.minCfi ?? file.minCfi;
  const maxRmsea = flags.maxRmsea ?? file.maxRmsea;
  return {
    ...(overall !== undefined ? { overall } : {}),
    dimensions: Object.assign(emptyRecord<number>(), file.dimensions, flags.dimensions),
    items: Object.assign(emptyRecord<number>(), file.items, flags.items),
    kpis: Object.assign(emptyRecord<number>(), file.kpis, flags.kpis),
    ...(minRespondents !== undefined ? { minRespondents } : {}),
    ...(minAlpha !== undefined ? { minAlpha } : {}),
    ...(minOmega !== undefined ? { minOmega } : {}),
    ...(minCfi !== undefined ? { minCfi } : {}),
    ...(maxRmsea !== undefined ? { maxRmsea } : {}),
  };
}

/**
 * Targets whose threshold is a ceiling (a fit index where lower is better): they pass at or below
 * it. Every other threshold is a floor. The JSON check keeps its four fields; the target says which.
 */
const CEILINGS: ReadonlySet<string> = new Set(['rmsea']);

/** Whether a check's threshold is a maximum (the check passes at or below it). */
export const isCeiling = (target: string): boolean => CEILINGS.has(target);

const check = (target: string, threshold: number, value: number | null): Check => ({
  target,
  threshold,
  value,
  passed: value !== null && (isCeiling(target) ? value <= threshold : value >= threshold),
});

/**
 * Tests every threshold against a result: the scored respondents, the weighted overall score, each
 * dimension's and item's mean gap (mean P for perceptions-only), Cronbach's alpha and McDonald's
 * omega of every dimension with at least two items, the five-dimension CFA's CFI and RMSEA, and KPI scores. A value that could not be computed fails its check.
 */
export function evaluateChecks(q: Questionnaire, result: Result, thresholds: Thresholds): Check[] {
  const checks: Check[] = [];
  if (thresholds.minRespondents !== undefined)
    checks.push(check('respondents', thresholds.minRespondents, result.respondents.scored));
  if (thresholds.overall !== undefined) checks.push(check('overall', thresholds.overall, result.overall.weighted.mean));
  for (const d of result.dimensions) {
    const threshold = own(thresholds.dimensions, d.id);
    if (threshold !== undefined) checks.push(check(`dimension:${d.id}`, threshold, d.gap.mean));
  }
  for (const item of result.items) {
    const threshold = own(thresholds.items, item.id);
    if (threshold !== undefined) checks.push(check(`item:${item.id}`, threshold, item.gap.mean));
  }
  const itemsOf = (id: string) => q.dimensions.find((qd) => qd.id === id)?.items.length ?? 0;
  const testable = result.dimensions.filter((d) => itemsOf(d.id) >= 2);
  // Alpha and omega need two items; a one-item dimension has none to test. When no dimension has
  // two, an omega gate (issue 16's, asked for the instrument) cannot apply: one failing check says
  // so, never a silent pass. Alpha keeps the contract's targets (`alpha:<dimension>` only) and skips.
  if (thresholds.minAlpha !== undefined)
    for (const d of testable) checks.push(check(`alpha:${d.id}`, thresholds.minAlpha, d.alpha));
  if (thresholds.minOmega !== undefined) {
    for (const d of testable) checks.push(check(`omega:${d.id}`, thresholds.minOmega, d.omega ?? null));
    if (testable.length === 0) checks.push(check('omega', thresholds.minOmega, null));
  }
  // The five-dimension CFA's fit; an older result or a fit that could not be computed fails.
  if (thresholds.minCfi !== undefined) checks.push(check('cfi', thresholds.minCfi, result.validity?.cfa?.cfi ?? null));
  if (thresholds.maxRmsea !== undefined)
    checks.push(check('rmsea', thresholds.maxRmsea, result.validity?.cfa?.rmsea ?? null));
  for (const kpi of result.kpis) {
    const threshold = own(thresholds.kpis, kpi.id);
    if (threshold !== undefined) checks.push(check(`kpi:${kpi.id}`, threshold, kpi.score));
  }
  return checks;
}

/** A regression check (`check --baseline`) in words: the change, its p and the tolerance. */
function explainRegression(c: Check, target: string): string {
  if (c.value === null) return `${target} could not be computed (a result has no value for it)`;
  const p = c.p === null || c.p === undefined ? 'untested' : c.p < 0.001 ? 'p < 0.001' : `p = ${c.p.toFixed(3)}`;
  const change = `${c.value > 0 ? '+' : ''}${c.value.toFixed(3)}`;
  const tolerance = (-c.threshold).toFixed(3).replace(/\.?0+$/, '') || '0';
  return c.passed
    ? `${target} changed by ${change} (${p}): not a significant drop beyond the tolerance ${tolerance}`
    : `${target} changed by ${change} (${p}): a significant drop beyond the tolerance ${tolerance}`;
}

/** Why a check of `result` has no value, in words (English, as every check message), when more is known than "no answers". */
export function whyNotComputed(result: Pick<Result, 'validity'>): (target: string) => string | undefined {
  return (target) => {
    if (target === 'omega')
      return 'no dimension has two items or more, so omega cannot be computed and this gate cannot apply';
    if (target !== 'cfi' && target !== 'rmsea') return undefined;
    if (result.validity === undefined) return 'the result has no measurement quality (saved before it was added)';
    const reason = result.validity.cfaUnavailable;
    return reason ? `CFA not available: ${CFA_REASONS[reason]}` : undefined;
  };
}

const CFA_REASONS: Record<CfaUnavailable, string> = {
  'too-few-respondents': 'too few respondents answered every item (fewer than the items)',
  'one-item-factor': 'a dimension has fewer than two items, so its factor is not identified',
  'no-degrees-of-freedom': 'the model has as many parameters as the data have moments',
  'singular-covariance': "the items' covariance matrix is singular",
  'no-convergence': 'the maximum-likelihood search did not converge',
  'improper-solution': 'the solution is improper (a Heywood case: dimensions the data cannot tell apart)',
};

/**
 * One line saying why a check failed, naming value and threshold; `about` (the target in words) goes
 * beside the target, `missing` (from `whyNotComputed`) says why there is no value.
 */
export function explainCheck(c: Check, about?: string, missing?: string): string {
  const target = about ? `${c.target} (${about})` : c.target;
  if (c.target.startsWith('regression:')) return explainRegression(c, target);
  if (c.value === null)
    return `${target} could not be computed (${missing ?? 'no respondent had the answers it needs'}); the threshold is ${c.threshold}`;
  // Enough decimals that a value just below its threshold does not print as equal to it.
  let digits = 2;
  while (digits < 6 && c.value !== c.threshold && c.value.toFixed(digits) === c.threshold.toFixed(digits)) digits++;
  const value = Number.isInteger(c.value) ? String(c.value) : c.value.toFixed(digits);
  const threshold = Number.isInteger(c.threshold) ? String(c.threshold) : c.threshold.toFixed(digits);
  if (isCeiling(c.target))
    return c.passed
      ? `${target} is ${value}, at or below the maximum ${threshold}`
      : `${target} is ${value}, above the maximum ${threshold}`;
  return c.passed
    ? `${target} is ${value}, at or above the threshold ${threshold}`
    : `${target} is ${value}, below the threshold ${threshold}`;
}
