import type { KpiResult } from '../scoring/result.js';
import type { SampleSummary } from './welch.js';

/**
 * A KPI as a sample summary for Welch's test. A result saves no sd for NPS and CSAT, but each is the
 * mean of a per-answer score, so its sample sd follows from the saved shares:
 *
 * - NPS: an answer scores +100 (promoter), 0 (passive) or -100 (detractor); with shares P and D in
 *   percent the mean is `P - D` and the sample variance is
 *   `100² * ((P + D)/100 - ((P - D)/100)²) * n/(n - 1)`.
 * - CSAT: an answer scores 100 when in the top two points, else 0; with `p = score/100` the sample
 *   variance is `100² * p(1 - p) * n/(n - 1)`.
 * - CES: the saved `sd` of the answers; a result without it gives sd null (no test).
 *
 * The sd is null when n < 2 or the shares are missing.
 *
 * @example kpiSummary({ type: 'csat', score: 75, n: 5, ... }) // { mean: 75, sd: sqrt(1e4 * 0.1875 * 5/4) = 48.4123, n: 5 }
 */
export function kpiSummary(kpi: KpiResult): SampleSummary {
  const mean = kpi.score;
  const n = kpi.n;
  const correction = n / (n - 1);
  if (mean === null || n < 2) return { mean, sd: null, n };
  if (kpi.type === 'nps') {
    const p = kpi.promoters;
    const d = kpi.detractors;
    if (p === null || p === undefined || d === null || d === undefined) return { mean, sd: null, n };
    const diff = (p - d) / 100;
    // Rounding can leave a tiny negative variance when every answer falls in one group.
    const variance = Math.max(0, 100 * 100 * ((p + d) / 100 - diff * diff) * correction);
    return { mean, sd: Math.sqrt(variance), n };
  }
  if (kpi.type === 'csat') {
    const share = mean / 100;
    const variance = Math.max(0, 100 * 100 * share * (1 - share) * correction);
    return { mean, sd: Math.sqrt(variance), n };
  }
  return { mean, sd: kpi.sd ?? null, n };
}
