import { betaPowerTerms, incompleteBeta, logBeta } from './incomplete-beta.js';

/**
 * `P(|T| >= t)` and `P(|T| < t)` for Student's t with `df` degrees of freedom, t >= 0:
 * `I_x(df/2, 1/2)` and its complement with `x = df / (df + t²)` (Abramowitz & Stegun 26.7.1).
 * x and y = 1 - x are each formed without a subtraction, so both tails keep their digits.
 */
function tails(t: number, df: number): { outside: number; inside: number; density: number } {
  const a = df / 2;
  const r = df / t / t;
  if (r < 1e-20) {
    // So far out that x = df / (df + t²) may underflow: I_x(a, 1/2) = x^a / (a B(a, 1/2)) (1 + O(x)),
    // with ln x = ln df - 2 ln t, and the density (of P in t) is a P / t to the same order.
    const outside = Math.exp(a * (Math.log(df) - 2 * Math.log(t)) - Math.log(a) - logBeta(a, 0.5));
    return { outside, inside: 1 - outside, density: (a * outside) / t };
  }
  let x: number;
  let y: number;
  if (r > 1) {
    const ratio = (t / df) * t;
    x = 1 / (1 + ratio);
    y = ratio / (1 + ratio);
  } else {
    x = r / (1 + r);
    y = 1 / (1 + r);
  }
  const ib = incompleteBeta(a, 0.5, x, y);
  // d P(|T| >= t) / dt = -2 f(t) = -2 x^(df/2) y^(1/2) / B(df/2, 1/2) / t.
  const density = y > 0 ? betaPowerTerms(a, 0.5, x, y) / t : 0;
  return { outside: ib.lower, inside: ib.upper, density };
}

/**
 * Two-sided p-value of a t statistic: `P(|T| >= |t|) = 2 F(-|t|)` with Student's t, `df` degrees of
 * freedom (any real df > 0: Welch's df is fractional).
 *
 * The regularised incomplete beta `I_x(df/2, 1/2)`, `x = df / (df + t²)`, computed directly (not as
 * `1 - F(|t|)`), keeps full relative accuracy far in the tail, down to underflow. Capped at 1; NaN
 * when t is NaN or df is not a positive finite number.
 *
 * @example tTwoSidedP(-2, 10) // 0.07338803477074037  (scipy: 2 * t.cdf(-2, 10))
 */
export function tTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0 && Number.isFinite(df))) return NaN;
  if (t === 0) return 1;
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, tails(Math.abs(t), df).outside);
}

/**
 * Quantile (inverse CDF) of Student's t distribution with `df` degrees of freedom (real df > 0).
 *
 * Returns the t with P(T <= t) = p; NaN when p is outside [0, 1] or df is not a positive finite number.
 * Starts from Hill's approximation (Algorithm 396, CACM 13(10), 1970, as in R's qt) and takes Newton
 * steps in log t on the log of the smaller tail of `P(|T| >= t)`, whose slope is `∓2 t f(t) / tail`;
 * that function is nearly linear both near 0 and far out, so two to four steps reach full precision.
 *
 * @example tQuantile(0.975, 2) // 4.302652729749464  (= 0.95 / sqrt(2 * 0.975 * 0.025))
 */
export function tQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0 && Number.isFinite(df))) return NaN;
  if (p === 0.5) return 0;
  if (p === 0 || p === 1) return p === 0 ? -Infinity : Infinity;
  // Both exact: 1 - p for p >= 0.5 is exact (Sterbenz), and so are 2p and 2(1 - p).
  const outside = p < 0.5 ? 2 * p : 2 * (1 - p);
  const inside = p < 0.5 ? 1 - 2 * p : 2 * p - 1;
  const q = absoluteQuantile(outside, inside, df);
  return p < 0.5 ? -q : q;
}

const MAX_STEPS = 60;

/** The t > 0 with P(|T| >= t) = outside and P(|T| < t) = inside (the two given exactly). */
function absoluteQuantile(outside: number, inside: number, df: number): number {
  // Solve on the smaller of the two tails, the one whose digits are known.
  const useOutside = outside <= 0.5;
  const target = Math.log(useOutside ? outside : inside);
  let u = Math.log(hillStart(outside, inside, df));
  // A bracket [lo, hi] in u = ln t, kept so that a wild step falls back to bisection.
  let lo = -Infinity;
  let hi = Infinity;
  for (let step = 0; step < MAX_STEPS; step++) {
    const t = Math.exp(u);
    const tail = tails(t, df);
    const value = useOutside ? tail.outside : tail.inside;
    const g = Math.log(value) - target; // falls with t when useOutside, rises otherwise
    if (g === 0) return t;
    if (g > 0 === useOutside) lo = u;
    else hi = u;
    // d ln(outside) / d ln t = -2 t f(t) / outside; d ln(inside) / d ln t = +2 t f(t) / inside.
    const slope = ((useOutside ? -2 : 2) * tail.density * t) / value;
    const delta = g / slope;
    // Newton converges quadratically: after a step this small the next one is below rounding.
    if (Math.abs(delta) <= 1e-10 * Math.max(1, Math.abs(u))) return Math.exp(u - delta);
    let next = u - delta;
    if (!(next > lo && next < hi)) {
      next = Number.isFinite(lo) && Number.isFinite(hi) ? (lo + hi) / 2 : u + (next > u ? 1 : -1);
    }
    u = next;
  }
  return Math.exp(u);
}

/**
 * Hill's (1970) approximation of the t with P(|T| >= t) = outside, accurate to a few digits: the
 * closed forms for df = 1 and 2, else an expansion about the normal quantile or, far in the tail,
 * about the power law P ~ C t^-df.
 */
function hillStart(outside: number, inside: number, df: number): number {
  if (df === 1) return outside < 0.5 ? 1 / Math.tan((outside * Math.PI) / 2) : Math.tan((inside * Math.PI) / 2);
  if (df === 2) return inside * Math.sqrt(2 / (outside * (1 + inside)));
  // Hill's expansions need df > 1; the Newton steps in log t find their way from 1.
  if (df < 1) return 1;
  const a = 1 / (df - 0.5);
  const b = 48 / (a * a);
  let c = (((20700 * a) / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * df;
  let y = (d * outside) ** (2 / df);
  if ((df < 2.1 && outside > 0.5) || y > 0.05 + a) {
    const x = normalUpperQuantile(outside / 2);
    const x2 = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * x2 + 6.3) * x2 + 36) * x2 + 94.5) / c - x2 - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
  } else {
    y =
      ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1) *
        ((df + 1) / (df + 2)) +
      1 / y;
  }
  const start = Math.sqrt(df * y);
  return Number.isFinite(start) && start > 0 ? start : 1;
}

/**
 * The z with P(Z >= z) = q for a standard normal Z, 0 < q < 1, within 4.5e-4 (Abramowitz &
 * Stegun 26.2.23): enough for a starting point.
 */
function normalUpperQuantile(q: number): number {
  const tail = Math.min(q, 1 - q);
  const s = Math.sqrt(-2 * Math.log(tail));
  const z =
    s - (2.515517 + 0.802853 * s + 0.010328 * s * s) / (1 + 1.432788 * s + 0.189269 * s * s + 0.001308 * s * s * s);
  return q <= 0.5 ? z : -z;
}
