import { betaPowerTerms, incompleteBeta } from './incomplete-beta.js';

const MAX_STEPS = 200;

/**
 * Quantile of Snedecor's F distribution with `d1` and `d2` degrees of freedom: the f with
 * P(F <= f) = p. NaN when p is outside (0, 1) or a df is not a positive finite number.
 *
 * P(F <= f) = I_x(d1/2, d2/2) with x = d1 f / (d1 f + d2), so this inverts the incomplete beta in
 * x by Newton steps (the beta density `x^a y^b / B / (x y)` as the slope) kept inside a bracket
 * that bisection shrinks whenever a step would leave it; then f = d2 x / (d1 y). Either tail is
 * matched on the smaller of I and 1 - I, so p near 1 keeps its digits too.
 *
 * @example fQuantile(0.975, 199, 597) // 1.2202... (R: qf(0.975, 199, 597))
 */
export function fQuantile(p: number, d1: number, d2: number): number {
  if (!(p > 0 && p < 1) || !(d1 > 0 && Number.isFinite(d1)) || !(d2 > 0 && Number.isFinite(d2))) return NaN;
  const a = d1 / 2;
  const b = d2 / 2;
  const upper = p > 0.5;
  const target = upper ? 1 - p : p;
  let lo = 0;
  let hi = 1;
  let x = a / (a + b);
  for (let step = 0; step < MAX_STEPS; step++) {
    const y = 1 - x;
    const ib = incompleteBeta(a, b, x, y);
    // g rises with x in both cases: the lower tail rises, the upper tail falls and is negated.
    const g = upper ? target - ib.upper : ib.lower - target;
    if (g === 0) break;
    if (g > 0) hi = x;
    else lo = x;
    const density = betaPowerTerms(a, b, x, y) / (x * y);
    let next = density > 0 ? x - g / density : Number.NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * x || hi - lo <= 1e-16 * hi) {
      x = next;
      break;
    }
    x = next;
  }
  return (d2 * x) / (d1 * (1 - x));
}
