/** Shared builders for the scoring tests: questionnaires from plain objects, a seeded PRNG, data, comparisons. */
import { expect } from 'vitest';
import type { Format, Questionnaire } from '../../../src/core/questionnaire/model.js';
import { validateQuestionnaire } from '../../../src/core/questionnaire/validate.js';
import type { Distribution } from '../../../src/core/stats/moments.js';
import type { Result } from '../../../src/core/scoring/result.js';
import type { Dist, IndResult, RawRow } from '../../helpers/independent-scoring.js';

const DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;

export interface QOptions {
  format?: Format;
  scale?: { min: number; max: number; best?: 'high' | 'low' };
  /** Item ids per dimension (default one item per dimension: T1, R1, S1, A1, E1). */
  items?: Partial<Record<(typeof DIMENSIONS)[number], string[]>>;
  reverse?: string[];
  weights?: { source: 'respondents' | 'fixed'; fixed?: Record<string, number> };
  kpis?: { id: string; type: 'nps' | 'csat' | 'ces'; scale?: { min: number; max: number; best?: 'high' | 'low' } }[];
  itemRecommendations?: Record<string, string[]>;
}

const prefix: Record<string, string> = {
  tangibles: 'T',
  reliability: 'R',
  responsiveness: 'S',
  assurance: 'A',
  empathy: 'E',
};

/** A questionnaire through the real validator; fails the test on any problem. */
export function makeQuestionnaire(o: QOptions = {}): Questionnaire {
  const format = o.format ?? 'two-column';
  const raw = {
    servqual: 1,
    title: 'Test audit',
    format,
    scale: o.scale ?? { min: 1, max: 7 },
    ...(o.weights ? { weights: o.weights } : {}),
    dimensions: DIMENSIONS.map((d) => ({
      id: d,
      recommendations: [`${d}: dimension action`],
      items: (o.items?.[d] ?? [`${prefix[d]}1`]).map((id) => ({
        id,
        perception: `P ${id}`,
        ...(format === 'perceptions-only' ? {} : { expectation: `E ${id}` }),
        ...(o.reverse?.includes(id) ? { reverse: true } : {}),
        ...(o.itemRecommendations?.[id] ? { recommendations: o.itemRecommendations[id] } : {}),
      })),
    })),
    ...(o.kpis ? { kpis: o.kpis.map((k) => ({ ...k, question: `Q ${k.id}` })) } : {}),
  };
  const { questionnaire, problems } = validateQuestionnaire(raw);
  expect(problems).toEqual([]);
  return questionnaire as Questionnaire;
}

import { mulberry32 as prng } from '../../helpers/random.js';

export interface GenOptions {
  n: number;
  seed: number;
  missingRate?: number;
  branches?: string[];
}

/**
 * Random respondents for `q`: answers correlated through a per-respondent level (so alphas mean
 * something), reversed items answered reversed, blank answers, and allocations that are valid
 * (sums 99-101), invalid (sum 90, a negative, one blank) or wholly blank.
 */
export function generateRows(q: Questionnaire, g: GenOptions): RawRow[] {
  const rnd = prng(g.seed);
  const { min, max } = q.scale;
  const clamp = (x: number) => Math.min(max, Math.max(min, Math.round(x)));
  const miss = g.missingRate ?? 0.06;
  const cell = (x: number) => (rnd() < miss ? '' : String(x));
  const rows: RawRow[] = [];
  for (let r = 0; r < g.n; r++) {
    const row: RawRow = { respondent: `r${r % Math.max(1, g.n - 3)}` }; // the last 3 ids repeat earlier ones
    if (g.branches) row.branch = g.branches[Math.floor(rnd() * g.branches.length)] as string;
    const level = min + (max - min) * (0.3 + 0.5 * rnd());
    for (const [di, d] of q.dimensions.entries()) {
      // The last dimension is weaker, so perceptions-only has items below the midpoint.
      const dimLevel = level + (rnd() - 0.5) * 2 - (di === q.dimensions.length - 1 ? 0.25 * (max - min) : 0);
      for (const item of d.items) {
        const answer = (base: number) => {
          const x = clamp(base + (rnd() - 0.5) * 3);
          return item.reverse ? min + max - x : x;
        };
        const p = answer(dimLevel);
        row[`${item.id}_P`] = cell(p);
        if (q.format === 'two-column') row[`${item.id}_E`] = cell(answer(dimLevel + 1));
        if (q.format === 'three-column') {
          row[`${item.id}_MIN`] = cell(answer(dimLevel - 1));
          row[`${item.id}_DES`] = cell(answer(dimLevel + 1.5));
        }
      }
    }
    const kind = rnd();
    const raw = q.dimensions.map(() => 1 + rnd() * 10);
    const total = raw.reduce((a, b) => a + b, 0);
    let alloc: (number | string)[] = raw.map((w) => Math.round((100 * w) / total));
    const sum = (alloc as number[]).reduce((a, b) => a + b, 0);
    alloc[0] = (alloc[0] as number) + (100 - sum) + (kind < 0.1 ? 1 : kind < 0.2 ? -1 : 0); // 101, 99 or 100
    if (kind >= 0.75 && kind < 0.8) alloc[0] = (alloc[0] as number) - 10; // sums to 90: invalid
    if (kind >= 0.8 && kind < 0.85)
      alloc = alloc.map((w, i) => (i === 0 ? -5 : i === 1 ? (w as number) + 5 + (alloc[0] as number) : w)); // negative
    if (kind >= 0.85 && kind < 0.9) alloc[2] = ''; // incomplete
    if (kind >= 0.9) alloc = alloc.map(() => ''); // blank
    q.dimensions.forEach((d, i) => {
      row[`W_${d.id}`] = String(alloc[i]);
    });
    for (const k of q.kpis) {
      if (rnd() < 0.15) row[k.id] = '';
      else row[k.id] = String(k.scale.min + Math.floor(rnd() * (k.scale.max - k.scale.min + 1)));
    }
    rows.push(row);
  }
  return rows;
}

/** |a - e| <= 1e-9 relative (absolute below 1). */
function near(actual: number | null | undefined, expected: number | null | undefined, path: string): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, path).toBeNull();
    return;
  }
  expect(actual, path).not.toBeNull();
  expect(actual, path).toBeTypeOf('number');
  const tol = 1e-9 * Math.max(1, Math.abs(expected));
  if (Math.abs((actual as number) - expected) > tol) expect(actual, path).toBe(expected);
}

function nearDist(actual: Distribution | null, expected: Dist | null, path: string): void {
  if (expected === null) {
    expect(actual, path).toBeNull();
    return;
  }
  expect(actual, path).not.toBeNull();
  const a = actual as Distribution;
  expect(a.n, `${path}.n`).toBe(expected.n);
  near(a.mean, expected.mean, `${path}.mean`);
  near(a.sd, expected.sd, `${path}.sd`);
  if (expected.ci95 === null) expect(a.ci95, `${path}.ci95`).toBeNull();
  else {
    near(a.ci95?.[0], expected.ci95[0], `${path}.ci95[0]`);
    near(a.ci95?.[1], expected.ci95[1], `${path}.ci95[1]`);
  }
}

type Sectioned = Pick<Result, 'overall' | 'dimensions'>;

export function expectOverallAndDimensions(
  actual: Sectioned,
  expected: Pick<IndResult, 'overall' | 'dimensions'>,
  at = '',
): void {
  nearDist(actual.overall.unweighted, expected.overall.unweighted, `${at}overall.unweighted`);
  nearDist(actual.overall.weighted, expected.overall.weighted, `${at}overall.weighted`);
  expect(actual.dimensions.map((d) => d.id)).toEqual(expected.dimensions.map((d) => d.id));
  actual.dimensions.forEach((d, i) => {
    const e = expected.dimensions[i] as IndResult['dimensions'][number];
    const p = `${at}dimensions.${d.id}`;
    expect(d.label, `${p}.label`).toBe(e.label);
    for (const key of ['importance', 'expectation', 'perception', 'minimum', 'desired', 'alpha'] as const)
      near(d[key], e[key], `${p}.${key}`);
    nearDist(d.gap, e.gap, `${p}.gap`);
    nearDist(d.msa, e.msa, `${p}.msa`);
    expect(d.zone, `${p}.zone`).toBe(e.zone);
    expect(d.quadrant, `${p}.quadrant`).toBe(e.quadrant);
  });
}

/** Every field of `result` that the contract defines, against the independent implementation. */
export function expectMatches(actual: Result, expected: IndResult): void {
  expect(actual.respondents.total).toBe(expected.respondents.total);
  expect(actual.respondents.scored).toBe(expected.respondents.scored);
  expectOverallAndDimensions(actual, expected);
  expect(actual.items.map((i) => i.id)).toEqual(expected.items.map((i) => i.id));
  actual.items.forEach((item, i) => {
    const e = expected.items[i] as IndResult['items'][number];
    const p = `items.${item.id}`;
    expect(item.dimension, `${p}.dimension`).toBe(e.dimension);
    for (const key of [
      'expectation',
      'perception',
      'minimum',
      'desired',
      't',
      'p',
      'dz',
      'pHolm',
      'alphaIfDeleted',
      'itemTotal',
    ] as const) {
      near(item[key], e[key], `${p}.${key}`);
    }
    nearDist(item.gap, e.gap, `${p}.gap`);
    nearDist(item.msa, e.msa, `${p}.msa`);
    expect(item.zone, `${p}.zone`).toBe(e.zone);
  });
  expect(actual.kpis.map((k) => [k.id, k.type, k.n])).toEqual(expected.kpis.map((k) => [k.id, k.type, k.n]));
  actual.kpis.forEach((k, i) => {
    const e = expected.kpis[i] as IndResult['kpis'][number];
    for (const key of ['score', 'promoters', 'passives', 'detractors'] as const)
      near(k[key], e[key], `kpis.${k.id}.${key}`);
    expect(k.ci95 === null || k.ci95 === undefined, `kpis.${k.id}.ci95`).toBe(e.ci95 === null);
    near(k.ci95?.[0], e.ci95?.[0], `kpis.${k.id}.ci95[0]`);
    near(k.ci95?.[1], e.ci95?.[1], `kpis.${k.id}.ci95[1]`);
  });
  expect(actual.recommendations.map((r) => r.item)).toEqual(expected.recommendations.map((r) => r.item));
  actual.recommendations.forEach((r, i) => {
    const e = expected.recommendations[i] as IndResult['recommendations'][number];
    expect(r.dimension).toBe(e.dimension);
    expect(r.actions).toEqual(e.actions);
    for (const key of ['gap', 'importance', 'priority'] as const)
      near(r[key], e[key], `recommendations.${r.item}.${key}`);
  });
}

/** The warning with this code, or undefined. */
export function warning(result: Result, code: string): Result['warnings'][number] | undefined {
  return result.warnings.find((w) => w.code === code);
}

/**
 * Deep equality where numbers may differ by summation order only: within 1e-12 relative
 * (absolute below 1). Everything else, keys included, must be equal.
 */
export function expectSameUpToRounding(actual: unknown, expected: unknown, path = 'result'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-12 * Math.max(1, Math.abs(expected))) expect(actual, path).toBe(expected);
    return;
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    expect(Object.keys(actual), path).toEqual(Object.keys(expected));
    for (const key of Object.keys(expected)) {
      expectSameUpToRounding(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}
