import { comparabilityProblems } from '../compare/comparable.js';
import { welchTest } from '../compare/welch.js';
import type { Problem } from '../problem.js';
import type { Check, Result } from '../scoring/result.js';
import type { Distribution } from '../stats/moments.js';

export interface RegressionOptions {
  /** Significance level of the Welch test, in (0, 1). */
  alpha: number;
  /** A drop must be larger than this many score points (>= 0) to fail. */
  tolerance: number;
}

/** Why a saved result cannot serve as the baseline of this one. */
export interface BaselineProblem extends Problem {
  code: 'incomparable';
  message: string;
}

/**
 * Every reason `baseline` cannot be the baseline of `current`: what `comparabilityProblems` finds
 * (title, format, scales), and items that are not the same set (another questionnaire, or an edited one).
 *
 * @example baselineProblems(a, b) // [{ code: 'incomparable', message: 'the items differ: the baseline lacks T5; the current result lacks R9' }]
 */
export function baselineProblems(baseline: Result, current: Result): BaselineProblem[] {
  const problems: BaselineProblem[] = comparabilityProblems(baseline, current).map((p) => ({
    code: 'incomparable',
    message: p.message,
  }));
  const before = new Set(baseline.items.map((i) => i.id));
  const after = new Set(current.items.map((i) => i.id));
  const notBefore = [...after].filter((id) => !before.has(id));
  const notAfter = [...before].filter((id) => !after.has(id));
  if (notBefore.length > 0 || notAfter.length > 0) {
    const parts = [
      ...(notBefore.length > 0 ? [`the baseline lacks ${notBefore.join(', ')}`] : []),
      ...(notAfter.length > 0 ? [`the current result lacks ${notAfter.join(', ')}`] : []),
    ];
    problems.push({ code: 'incomparable', message: `the items differ: ${parts.join('; ')}` });
  }
  return problems;
}

/** A regression check: `value` the change, `threshold` minus the tolerance, `p` Welch's two-sided p. */
function regressionCheck(target: string, a: Distribution, b: Distribution, options: RegressionOptions): Check {
  const change = a.mean !== null && b.mean !== null ? b.mean - a.mean : null;
  const p = welchTest(a, b)?.p ?? null;
  const significantDrop = change !== null && change < 0 && p !== null && p < options.alpha;
  return {
    target: `regression:${target}`,
    threshold: -options.tolerance,
    value: change,
    // A change that cannot be computed fails, as every other check whose value is missing does.
    passed: change !== null && !(significantDrop && -change > options.tolerance),
    p,
  };
}

/**
 * Regression checks of `current` against a saved `baseline`: the weighted and unweighted overall
 * score and every dimension both have. Each check's value is the change `current - baseline`, its
 * threshold `-tolerance`, its `p` Welch's two-sided p from the saved means, sds and ns; it fails
 * when the drop is significant (`p < alpha`) AND larger than the tolerance, so a noisy small drop
 * or a significant but negligible one passes. Targets: `regression:overall:weighted`,
 * `regression:overall:unweighted`, `regression:dimension:<id>`.
 *
 * @example regressionChecks(q1, q2, { alpha: 0.05, tolerance: 0.1 })[3]
 *   // { target: 'regression:dimension:reliability', threshold: -0.1, value: -0.39, passed: false, p: 1e-9 }
 */
export function regressionChecks(baseline: Result, current: Result, options: RegressionOptions): Check[] {
  const checks = (['weighted', 'unweighted'] as const).map((which) =>
    regressionCheck(`overall:${which}`, baseline.overall[which], current.overall[which], options),
  );
  for (const d of current.dimensions) {
    const earlier = baseline.dimensions.find((x) => x.id === d.id);
    if (earlier) checks.push(regressionCheck(`dimension:${d.id}`, earlier.gap, d.gap, options));
  }
  return checks;
}
