import { whyNotComputed } from '../../core/check/thresholds.js';
import type { Check, Result } from '../../core/scoring/result.js';
import type { Labels } from '../labels.js';

/** A check with what its target is, in words: an item's perception statement, a dimension's label. */
export interface CheckRow extends Check {
  /** Absent for `overall`, `respondents`, KPIs and items of results saved before statements. */
  about?: string;
  /** Why the value could not be computed, where more is known than "no answers" (a CFA without a fit). */
  missing?: string;
}

/**
 * What a check target names, in the result's own words: `item:<id>` its perception statement,
 * `dimension:<id>`, `alpha:<id>` and `omega:<id>` the dimension's label (a reader of "item:R4" never saw R4's wording).
 */
export function targetAbout(result: Pick<Result, 'items' | 'dimensions'>): (target: string) => string | undefined {
  const statements = new Map(result.items.map((i) => [i.id, i.statement]));
  const labels = new Map(result.dimensions.map((d) => [d.id, d.label]));
  const aboutTarget = (target: string): string | undefined => {
    // A regression check is about what it compares: `regression:dimension:<id>` names the dimension.
    if (target.startsWith('regression:')) return aboutTarget(target.slice('regression:'.length));
    const colon = target.indexOf(':');
    const kind = target.slice(0, colon);
    const id = target.slice(colon + 1);
    if (kind === 'item') return statements.get(id) || undefined;
    if (kind === 'dimension' || kind === 'alpha' || kind === 'omega') {
      const label = labels.get(id);
      // A label that only repeats the id says nothing more.
      return label && label !== id ? label : undefined;
    }
    return undefined;
  };
  return aboutTarget;
}

/** The checks section as a reader of a CI run wants it: the verdict in the heading, failures first, each target in words. */
export function checksView(
  result: Pick<Result, 'checks' | 'items' | 'dimensions' | 'validity'>,
  l: Labels,
): { heading: string; checks: CheckRow[] } {
  const checks = result.checks;
  const failed = checks.filter((c) => !c.passed).length;
  const about = targetAbout(result);
  const why = whyNotComputed(result);
  return {
    heading: `${l.checks}: ${checks.length - failed} ${l.passed}, ${failed} ${l.failed}`,
    checks: [...checks]
      .sort((a, b) => Number(a.passed) - Number(b.passed))
      .map((c) => {
        const text = about(c.target);
        const missing = c.value === null ? why(c.target) : undefined;
        return { ...c, ...(text === undefined ? {} : { about: text }), ...(missing === undefined ? {} : { missing }) };
      }),
  };
}

/**
 * A check's value or threshold as the reports show it: a count of respondents whole, a
 * reliability or fit index with three decimals (RMSEA .041 against .06), every other score with two.
 * @example checkFigure('respondents', 399) // '399'
 */
export function checkFigure(target: string, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (target === 'respondents') return String(Math.round(value));
  const kind = target.split(':')[0] ?? '';
  return ['cfi', 'rmsea', 'omega', 'alpha'].includes(kind) ? value.toFixed(3) : value.toFixed(2);
}
