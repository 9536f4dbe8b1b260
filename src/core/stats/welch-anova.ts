import { incompleteBeta } from './incomplete-beta.js';

/** One group's summary: size, mean and sample variance (divisor n - 1). */
export interface GroupSummary {
  n: number;
  mean: number;
  variance: number;
}

/** Welch's one-way ANOVA: the F statistic, its (fractional) degrees of freedom and upper-tail p. */
export interface WelchAnova {
  f: number;
  df1: number;
  df2: number;
  p: number;
}

/**
 * Welch's (1951) one-way ANOVA of k group means without assuming equal variances, from summaries
 * only (so merged partials work), as R `oneway.test(y ~ g, var.equal = FALSE)`:
 * `w_i = n_i / s_i²`, `m = Σ w_i x̄_i / Σ w_i`, `t = Σ (1 - w_i / Σw)² / (n_i - 1)`,
 * `F = [Σ w_i (x̄_i - m)² / (k - 1)] / [1 + 2 (k - 2) t / (k² - 1)]`, df1 = k - 1, df2 = (k² - 1) / (3 t).
 *
 * Null when there are fewer than 2 groups, a group has n < 2 (R stops: "not enough observations")
 * or a variance that is not positive (its weight would be infinite; R gives NaN).
 *
 * @example welchAnova([{ n: 12, mean: 0.86, variance: 1.21 }, { n: 9, mean: -0.48, variance: 16.5 }])
 */
export function welchAnova(groups: readonly GroupSummary[]): WelchAnova | null {
  const k = groups.length;
  if (k < 2) return null;
  if (groups.some((g) => !(g.n >= 2) || !(g.variance > 0) || !Number.isFinite(g.mean))) return null;
  const weights = groups.map((g) => g.n / g.variance);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const grandMean = groups.reduce((sum, g, i) => sum + (weights[i] as number) * g.mean, 0) / totalWeight;
  let between = 0;
  let tmp = 0;
  groups.forEach((g, i) => {
    const w = weights[i] as number;
    between += w * (g.mean - grandMean) ** 2;
    tmp += (1 - w / totalWeight) ** 2 / (g.n - 1);
  });
  const df1 = k - 1;
  const df2 = (k * k - 1) / (3 * tmp);
  const f = between / df1 / (1 + (2 * (k - 2) * tmp) / (k * k - 1));
  return { f, df1, df2, p: fUpper(f, df1, df2) };
}

/** `P(F > f)` for F(df1, df2): `I_x(df2 / 2, df1 / 2)` with `x = df2 / (df2 + df1 f)`, the small side kept exact. */
function fUpper(f: number, df1: number, df2: number): number {
  if (!(f > 0)) return 1;
  const denominator = df2 + df1 * f;
  return incompleteBeta(df2 / 2, df1 / 2, df2 / denominator, (df1 * f) / denominator).lower;
}
