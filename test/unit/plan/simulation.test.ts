/**
 * The "Done means" for `plan`: the sizes it gives, checked by simulation. From a saved result
 * (the bank example with its branches), draw 1,000 seeded samples of the planned size from a
 * distribution with the result's sd, and check that the achieved 95% half-width averages within 10%
 * of the target, and that the two-wave t-test at the planned size rejects about as often as the
 * requested power.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOf, type PlanRow } from '../../../src/core/plan/plan.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { seededRandom } from '../../../src/core/stats/random.js';
import { tQuantile, tTwoSidedP } from '../../../src/core/stats/t-distribution.js';

const DRAWS = 1000;
const result = JSON.parse(
  readFileSync(join(import.meta.dirname, '../render/golden/bank-segments-checks/result.json'), 'utf8'),
) as Result;

function row(rows: readonly PlanRow[], target: string): PlanRow & { sd: number; respondents: number } {
  const found = rows.find((r) => r.target === target);
  if (!found || found.sd === null || found.respondents === null) throw new Error(`no plan for ${target}`);
  return found as PlanRow & { sd: number; respondents: number };
}

/** Mean and sample sd of n normal draws with the given sd. */
function sample(
  random: ReturnType<typeof seededRandom>,
  n: number,
  mean: number,
  sd: number,
): { mean: number; sd: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const x = mean + sd * random.normal();
    sum += x;
    squares += x * x;
  }
  const m = sum / n;
  return { mean: m, sd: Math.sqrt(Math.max(0, (squares - n * m * m) / (n - 1))) };
}

describe('plan sizes by simulation', () => {
  it('a gap at the planned size gets a 95% half-width within 10% of --margin', () => {
    const plan = planOf(result, { kind: 'margin', target: 0.1, kpiTargets: {}, power: null, alpha: null });
    const random = seededRandom(17);
    for (const target of ['overall:weighted', 'dimension:responsiveness']) {
      const { sd, respondents: n } = row(plan.rows, target);
      const q = tQuantile(0.975, n - 1);
      let total = 0;
      for (let d = 0; d < DRAWS; d++) total += (q * sample(random, n, -1, sd).sd) / Math.sqrt(n);
      expect(Math.abs(total / DRAWS - 0.1) / 0.1).toBeLessThan(0.1);
    }
  });

  it('NPS and CSAT at the planned size get their contract half-widths within 10% of --kpi-margin', () => {
    const plan = planOf(result, {
      kind: 'margin',
      target: 0.1,
      kpiTargets: { nps: 5, csat: 4 },
      power: null,
      alpha: null,
    });
    const random = seededRandom(18);
    const nps = result.kpis.find((k) => k.id === 'nps');
    const csat = result.kpis.find((k) => k.id === 'csat');
    const p = (nps?.promoters ?? 0) / 100;
    const d = (nps?.detractors ?? 0) / 100;
    const share = (csat?.score ?? 0) / 100;
    const nNps = row(plan.rows, 'kpi:nps').respondents;
    const nCsat = row(plan.rows, 'kpi:csat').respondents;
    let npsTotal = 0;
    let csatTotal = 0;
    for (let draw = 0; draw < DRAWS; draw++) {
      let promoters = 0;
      let detractors = 0;
      for (let i = 0; i < nNps; i++) {
        const u = random.uniform();
        if (u < p) promoters += 1;
        else if (u < p + d) detractors += 1;
      }
      const pp = promoters / nNps;
      const pd = detractors / nNps;
      npsTotal += 1.96 * 100 * Math.sqrt((pp + pd - (pp - pd) ** 2) / nNps);
      let top = 0;
      for (let i = 0; i < nCsat; i++) if (random.uniform() < share) top += 1;
      const ph = top / nCsat;
      const z2 = 1.96 * 1.96;
      csatTotal += (100 * 1.96 * Math.sqrt((ph * (1 - ph)) / nCsat + z2 / (4 * nCsat * nCsat))) / (1 + z2 / nCsat);
    }
    expect(Math.abs(npsTotal / DRAWS - 5) / 5).toBeLessThan(0.1);
    expect(Math.abs(csatTotal / DRAWS - 4) / 4).toBeLessThan(0.1);
  });

  it('two waves of the planned size detect a real change of --detect about as often as --power', () => {
    const plan = planOf(result, { kind: 'detect', target: 0.25, kpiTargets: {}, power: 0.8, alpha: 0.05 });
    const { sd, respondents: n } = row(plan.rows, 'dimension:reliability');
    const random = seededRandom(19);
    let detected = 0;
    for (let draw = 0; draw < DRAWS; draw++) {
      const a = sample(random, n, -1, sd);
      const b = sample(random, n, -1 + 0.25, sd);
      const pooled = Math.sqrt((a.sd * a.sd + b.sd * b.sd) / 2);
      const t = (b.mean - a.mean) / (pooled * Math.sqrt(2 / n));
      if (tTwoSidedP(t, 2 * n - 2) < 0.05) detected += 1;
    }
    // Binomial sd of the rate over 1,000 pairs at 0.8 is 0.0126: 0.04 is three of them.
    expect(Math.abs(detected / DRAWS - 0.8)).toBeLessThan(0.04);
  });
});
