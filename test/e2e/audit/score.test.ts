import { expect, it } from 'vitest';
import { runChecked } from '../../helpers/run-in-process.js';
import {
  copyQuestionnaire,
  describeWithTmux,
  drive,
  readSpec,
  respondentSteps,
  startAudit,
  useAuditDir,
  type Respondent,
} from './driver.js';

const two = readSpec('two-column.yaml');
const three = readSpec('three-column.yaml');

interface Stat {
  mean: number | null;
  sd: number | null;
  n: number;
}
interface Result {
  respondents: { total: number; scored: number; skippedCells: number };
  overall: { unweighted: Stat; weighted: Stat };
  dimensions: { id: string; importance: number | null; gap: Stat; msa: Stat | null }[];
  items: {
    id: string;
    expectation: number | null;
    perception: number | null;
    minimum: number | null;
    desired: number | null;
    gap: Stat;
    msa: Stat | null;
  }[];
  kpis: { id: string; n: number; score: number | null; promoters?: number; passives?: number; detractors?: number }[];
}

async function score(dir: string): Promise<Result> {
  const run = await runChecked(['score', 'q.yaml', 'r.csv', '--format', 'json'], dir);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Result;
}

describeWithTmux('servqual audit → servqual score', () => {
  const dir = useAuditDir();

  it('two-column: the CSV the audit wrote scores to the gaps of the answers typed', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const first: Respondent = {
      defaultId: 'R0001',
      segments: { branch: 'North' },
      items: { T1: [6, 5], T2: [7, 6], R1: [7, 4], RS1: [5, 6], A1: [6, 6], E1: [4, 2] },
      weights: [30, 25, 15, 20, 10],
      kpis: { nps: 9 },
      comment: '',
    };
    const second: Respondent = {
      defaultId: 'R0002',
      segments: { branch: 'South' },
      items: { T1: [5, 5], T2: [null, 3], R1: [6, 6], RS1: [7, 4], A1: [5, 6], E1: [6, 5] },
      weights: 'equal',
      kpis: { nps: 6 },
      comment: '',
    };
    const s = startAudit(dir(), ['q.yaml', '--out', 'r.csv', '--repeat', '2']);
    await drive(s, respondentSteps(two, first));
    await drive(s, respondentSteps(two, second));
    expect(await s.waitForExit()).toBe(0);

    const result = await score(dir());
    expect(result.respondents).toEqual({ total: 2, scored: 2, skippedCells: 0 });

    // Item gaps P - E. R0001: T1 -1, T2 -1, R1 -3, RS1 +1, A1 0, E1 -2.
    // R0002: T1 0, T2 missing (E skipped), R1 0, RS1 -3, A1 +1, E1 -1.
    const items = Object.fromEntries(result.items.map((item) => [item.id, item]));
    const expected: Record<string, { e: number; p: number; gap: number; n: number }> = {
      T1: { e: 5.5, p: 5, gap: -0.5, n: 2 },
      T2: { e: 7, p: 6, gap: -1, n: 1 }, // only R0001 gave both answers
      R1: { e: 6.5, p: 5, gap: -1.5, n: 2 },
      RS1: { e: 6, p: 5, gap: -1, n: 2 },
      A1: { e: 5.5, p: 6, gap: 0.5, n: 2 },
      E1: { e: 5, p: 3.5, gap: -1.5, n: 2 },
    };
    for (const [id, want] of Object.entries(expected)) {
      expect(items[id]?.expectation, `${id} E`).toBeCloseTo(want.e, 10);
      expect(items[id]?.perception, `${id} P`).toBeCloseTo(want.p, 10);
      expect(items[id]?.gap.mean, `${id} gap`).toBeCloseTo(want.gap, 10);
      expect(items[id]?.gap.n, `${id} n`).toBe(want.n);
    }

    // Dimension scores. R0001: tangibles -1, reliability -3, responsiveness +1, assurance 0, empathy -2.
    // R0002: tangibles 0 (T1 alone: 1 of 2 items is enough), reliability 0, responsiveness -3,
    // assurance +1, empathy -1.
    const dimensions = Object.fromEntries(result.dimensions.map((d) => [d.id, d]));
    const gaps: Record<string, number> = {
      tangibles: -0.5,
      reliability: -1.5,
      responsiveness: -1,
      assurance: 0.5,
      empathy: -1.5,
    };
    for (const [id, gap] of Object.entries(gaps)) {
      expect(dimensions[id]?.gap.mean, `${id} gap`).toBeCloseTo(gap, 10);
      expect(dimensions[id]?.gap.n).toBe(2);
    }
    // Importance: R0001 allocated 30/25/15/20/10, R0002 chose equal weights (20 each).
    const importance: Record<string, number> = {
      tangibles: 0.25,
      reliability: 0.225,
      responsiveness: 0.175,
      assurance: 0.2,
      empathy: 0.15,
    };
    for (const [id, value] of Object.entries(importance))
      expect(dimensions[id]?.importance, `${id} importance`).toBeCloseTo(value, 10);

    // Weighted overall: R0001 .3(-1) + .25(-3) + .15(1) + .2(0) + .1(-2) = -1.1; R0002 (-3)/5 = -0.6.
    expect(result.overall.weighted.mean).toBeCloseTo(-0.85, 10);
    expect(result.overall.weighted.n).toBe(2);
    expect(result.overall.weighted.sd).toBeCloseTo(Math.SQRT2 * 0.25, 10);
    // Unweighted: R0001 -5/5 = -1; R0002 -3/5 = -0.6.
    expect(result.overall.unweighted.mean).toBeCloseTo(-0.8, 10);

    // NPS: one promoter (9), one detractor (6).
    const nps = result.kpis.find((k) => k.id === 'nps');
    expect(nps).toMatchObject({ n: 2, promoters: 50, passives: 0, detractors: 50 });
    expect(nps?.score).toBeCloseTo(0, 10);
  });

  it('three-column: MSS = P - DES and MSA = P - MIN of the answers typed, with the fixed weights', async () => {
    copyQuestionnaire('three-column.yaml', dir());
    const r: Respondent = {
      defaultId: 'R0001',
      segments: {},
      items: { T1: [3, 8, 5], R1: [5, 9, 9], RS1: [4, 7, 3], A1: [6, 8, 7], E1: [2, 6, 6] },
      kpis: {},
      comment: '',
    };
    const s = startAudit(dir(), ['q.yaml', '--out', 'r.csv', '--repeat', '1']);
    await drive(s, respondentSteps(three, r));
    expect(await s.waitForExit()).toBe(0);

    const result = await score(dir());
    const items = Object.fromEntries(result.items.map((item) => [item.id, item]));
    // MSS: T1 -3, R1 0, RS1 -4, A1 -1, E1 0.  MSA: T1 2, R1 4, RS1 -1, A1 1, E1 4.
    const want: Record<string, [number, number]> = { T1: [-3, 2], R1: [0, 4], RS1: [-4, -1], A1: [-1, 1], E1: [0, 4] };
    for (const [id, [mss, msa]] of Object.entries(want)) {
      expect(items[id]?.gap.mean, `${id} MSS`).toBeCloseTo(mss, 10);
      expect(items[id]?.msa?.mean, `${id} MSA`).toBeCloseTo(msa, 10);
    }
    expect(items.T1).toMatchObject({ minimum: 3, desired: 8, perception: 5 });
    // Fixed weights 10/30/20/20/20: .1(-3) + .3(0) + .2(-4) + .2(-1) + .2(0) = -1.3.
    expect(result.overall.weighted.mean).toBeCloseTo(-1.3, 10);
    expect(result.overall.unweighted.mean).toBeCloseTo(-8 / 5, 10);
  });
});
