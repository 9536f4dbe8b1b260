/**
 * Golden outputs of `plan`: every plan format, for a margin and for a change to detect, per branch,
 * rendered from the committed golden results (English and Russian) byte for byte. A deliberate
 * change of the plan report is reviewed as a diff of these files (`vitest -u`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PlanGoal, planOf } from '../../../src/core/plan/plan.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { PLAN_FORMATS, type PlanFormat } from '../../../src/render/formats.js';
import { renderPlan } from '../../../src/render/plan.js';

const FILES: Record<PlanFormat, string> = {
  table: 'table.txt',
  json: 'plan.json',
  markdown: 'plan.md',
  html: 'plan.html',
};

function saved(name: string): Result {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'golden', name, 'result.json'), 'utf8')) as Result;
}

const GOALS: Record<string, PlanGoal> = {
  margin: { kind: 'margin', target: 0.1, kpiTargets: { nps: 5, csat: 5, ces: 0.2 }, power: null, alpha: null },
  detect: { kind: 'detect', target: 0.25, kpiTargets: { nps: 10 }, power: 0.8, alpha: 0.05 },
};

describe.each([
  ['bank-segments-checks', 'margin'],
  ['bank-segments-checks', 'detect'],
  ['ru-two-column-segments-checks', 'margin'],
] as const)('the plan of %s for a %s', (name, goal) => {
  const plan = planOf(saved(name), GOALS[goal] as PlanGoal, 'branch');
  it.each(PLAN_FORMATS)('as %s', async (format) => {
    const text = renderPlan(plan, format, { color: false, generatedBy: 'servqual (golden)' });
    await expect(text).toMatchFileSnapshot(`./golden/plan-${name}-${goal}/${FILES[format]}`);
  });
});
