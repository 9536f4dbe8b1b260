/**
 * 95% intervals of the KPI scores, in the scores' own units (docs/contract.md, "KPIs"). Each is
 * null when fewer than two people answered. The CES interval is the t interval of its mean
 * (`summarise` in moments.ts).
 */

/** The normal quantile the contract fixes for the NPS and CSAT intervals. */
const Z = 1.96;

/**
 * NPS = 100 (p₊ − p₋), with the variance of the promoter-minus-detractor score: each answer scores
 * +1, 0 or −1, so var = p₊ + p₋ − (p₊ − p₋)², and the interval is score ± 1.96 · 100 · sqrt(var / n).
 * @example npsInterval(50, 20, 100) // [~16.4, ~43.6] around NPS 30
 */
export function npsInterval(promoters: number, detractors: number, n: number): [number, number] | null {
  if (n < 2) return null;
  const plus = promoters / n;
  const minus = detractors / n;
  const score = 100 * (plus - minus);
  const half = Z * 100 * Math.sqrt(Math.max(0, plus + minus - (plus - minus) ** 2) / n);
  return [score - half, score + half];
}

/**
 * The Wilson score interval (z = 1.96) of a proportion `successes / n`, in percent: the CSAT share
 * of answers in the top two points. Unlike p ± z·se it stays inside 0-100 and is not empty at 0 or n.
 * @example wilsonInterval(8, 10) // [~49.0, ~94.3]
 */
export function wilsonInterval(successes: number, n: number): [number, number] | null {
  if (n < 2) return null;
  const p = successes / n;
  const z2 = Z * Z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [100 * (centre - half), 100 * (centre + half)];
}
