import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PlanGoal, planOf, segmentColumns } from '../../../src/core/plan/plan.js';
import type { Result } from '../../../src/core/scoring/result.js';

const saved = JSON.parse(
  readFileSync(join(import.meta.dirname, '../render/golden/bank-segments-checks/result.json'), 'utf8'),
) as Result;
const MARGIN: PlanGoal = { kind: 'margin', target: 0.1, kpiTargets: { ces: 0.2 }, power: null, alpha: null };

describe('planOf', () => {
  it('plans the overall scores, every dimension and every KPI, in the result order', () => {
    const plan = planOf(saved, MARGIN);
    expect(plan.rows.map((r) => r.target)).toEqual([
      'overall:weighted',
      'overall:unweighted',
      ...saved.dimensions.map((d) => `dimension:${d.id}`),
      ...saved.kpis.map((k) => `kpi:${k.id}`),
    ]);
    expect(plan.segments).toEqual([]);
  });

  it('says why a measure is not planned: no KPI target, too few answers, no spread', () => {
    const few: Result = {
      ...saved,
      dimensions: saved.dimensions.map((d, i) =>
        i === 0 ? { ...d, gap: { ...d.gap, n: 1, sd: null } } : i === 1 ? { ...d, gap: { ...d.gap, sd: 0 } } : d,
      ),
    };
    const rows = planOf(few, MARGIN).rows;
    const reason = (target: string) => rows.find((r) => r.target === target)?.reason;
    expect(reason(`dimension:${saved.dimensions[0]?.id}`)).toBe('too-few');
    expect(reason(`dimension:${saved.dimensions[1]?.id}`)).toBe('no-spread');
    expect(reason('kpi:nps')).toBe('no-goal');
    expect(reason('kpi:ces')).toBeNull();
  });

  it('plans each segment of the --group-by column', () => {
    expect(segmentColumns(saved)).toEqual(['branch']);
    const plan = planOf(saved, MARGIN, 'branch');
    expect(plan.segments.map((s) => s.value)).toEqual(saved.segments.map((s) => s.value));
    // A smaller segment's spread differs, but every segment plans the same measures.
    for (const s of plan.segments) expect(s.rows.map((r) => r.target)).toEqual(plan.rows.map((r) => r.target));
  });
});
