/**
 * The merge property: score random rows in one pass, and again split at random points into 1-5
 * shards, each scored on its own, written as a partial, read back through JSON and merged. Every
 * number of the two results agrees within 1e-9 (relative; 1e-12 absolute near zero), every null
 * is the same null, and the warnings are the same.
 *
 * Allowed differences, all where a value sits exactly on a boundary that rounding can tip either
 * way (a mean perception equal to the minimum, a mean gap of exactly 0, an item-total r of 0):
 * the zone, whether that item is recommended, and the negative item-total warning. They are
 * reconciled only after checking that the value is within the tolerance of the boundary.
 *
 * Fixed seed; FUZZ_RUNS=2000 npx vitest run test/unit/partial for a longer run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Questionnaire } from '../../../src/core/questionnaire/model.js';
import { fromPartial, mergePartials, mergeStates, toPartial } from '../../../src/core/scoring/partial.js';
import type { Result } from '../../../src/core/scoring/result.js';
import {
  addRecord,
  beginTable,
  finishScoring,
  startScoring,
  type ScoreOptions,
  type ScoringState,
} from '../../../src/core/scoring/scorer.js';
import { generateRows, makeQuestionnaire, type QOptions } from '../scoring/support.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = 20_250_611;

const ITEMS: QOptions['items'] = {
  tangibles: ['T1', 'T2'],
  reliability: ['R1', 'R2', 'R3'],
  responsiveness: ['S1'],
  assurance: ['A1', 'A2'],
  empathy: ['E1', 'E2'],
};
const KPIS: QOptions['kpis'] = [
  { id: 'nps', type: 'nps' },
  { id: 'csat', type: 'csat' },
  { id: 'ces', type: 'ces' },
];
const FIXED = { tangibles: 10, reliability: 30, responsiveness: 25, assurance: 20, empathy: 15 };

const questionnaires: Questionnaire[] = [
  makeQuestionnaire({
    format: 'two-column',
    items: ITEMS,
    reverse: ['R2'],
    kpis: KPIS,
    weights: { source: 'respondents', fixed: FIXED },
  }),
  makeQuestionnaire({
    format: 'three-column',
    items: ITEMS,
    reverse: ['A1'],
    kpis: KPIS,
    weights: { source: 'respondents' },
  }),
  makeQuestionnaire({
    format: 'perceptions-only',
    items: ITEMS,
    kpis: KPIS,
    scale: { min: 1, max: 5 },
    weights: { source: 'fixed', fixed: FIXED },
  }),
];

const ALLOCATIONS = [
  ['20', '20', '20', '20', '20'],
  ['10', '30', '25', '20', '15'],
  ['50', '50', '0', '0', '0'],
  ['33.4', '16.6', '20', '20', '10.5'],
  ['', '', '', '', ''],
  ['-5', '55', '20', '20', '10'],
  ['30', '30', '30', '30', '30'],
  ['', '20', '20', '20', '40'],
];

function headerOf(q: Questionnaire): string[] {
  const kinds = q.format === 'two-column' ? ['E', 'P'] : q.format === 'three-column' ? ['MIN', 'DES', 'P'] : ['P'];
  const answers = q.dimensions.flatMap((d) => d.items.flatMap((item) => kinds.map((k) => `${item.id}_${k}`)));
  return [
    'respondent',
    'branch',
    'channel',
    ...answers,
    ...q.dimensions.map((d) => `W_${d.id}`),
    ...q.kpis.map((k) => k.id),
  ];
}

/** One CSV row for `q`: answers, blanks, the odd invalid cell (when allowed), straight-liners. */
function rowArbitrary(q: Questionnaire, invalid: boolean, idPool: number): fc.Arbitrary<string[]> {
  const answerCount = headerOf(q).length - 3 - q.dimensions.length - q.kpis.length;
  const { min, max } = q.scale;
  const cell = fc.oneof(
    { weight: 16, arbitrary: fc.integer({ min, max }).map(String) },
    { weight: 2, arbitrary: fc.constant('') },
    ...(invalid ? [{ weight: 1, arbitrary: fc.constantFrom('x', String(max + 1)) }] : []),
  );
  const kpi = (lo: number, hi: number) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: lo, max: hi }).map(String) },
      { weight: 1, arbitrary: fc.constant('') },
    );
  return fc
    .record({
      id: fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 1, max: idPool }).map((i) => `r${i}`) },
        { weight: 1, arbitrary: fc.constant('') },
      ),
      branch: fc.constantFrom('north', 'south', 'east', ''),
      channel: fc.constantFrom('web', 'phone'),
      straight: fc.option(fc.integer({ min, max }).map(String), { freq: 8 }),
      answers: fc.array(cell, { minLength: answerCount, maxLength: answerCount }),
      weights: fc.constantFrom(...ALLOCATIONS),
      kpis: fc.tuple(kpi(0, 10), kpi(1, 5), kpi(1, 7)),
    })
    .map((r) => [
      r.id,
      r.branch,
      r.channel,
      ...(r.straight === null ? r.answers : r.answers.map(() => r.straight as string)),
      ...r.weights,
      ...r.kpis,
    ]);
}

interface Case {
  q: Questionnaire;
  options: ScoreOptions;
  rows: string[][];
  cuts: number[];
  /** Merge as a balanced tree, ((1 2) (3 4)) 5, rather than left to right: merging is associative. */
  tree: boolean;
}

const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    qi: fc.integer({ min: 0, max: questionnaires.length - 1 }),
    groupBy: fc.constantFrom<string[]>([], ['branch'], ['branch', 'channel'], ['channel', 'branch']),
    skipInvalid: fc.boolean(),
    // Few ids give many repeats; many ids give the odd repeat across shards.
    idPool: fc.integer({ min: 2, max: 150 }),
    tree: fc.boolean(),
  })
  .chain(({ qi, groupBy, skipInvalid, idPool, tree }) => {
    const q = questionnaires[qi] as Questionnaire;
    return fc.record({
      q: fc.constant(q),
      options: fc.constant({ groupBy, skipInvalid }),
      rows: fc.array(rowArbitrary(q, skipInvalid, idPool), { maxLength: 60 }),
      cuts: fc.array(fc.nat({ max: 60 }), { maxLength: 4 }),
      tree: fc.constant(tree),
    });
  });

function scoreRows(
  q: Questionnaire,
  options: ScoreOptions,
  rows: readonly string[][],
  firstLine: number,
): ScoringState {
  const state = startScoring(q, options);
  const { table, missing } = beginTable(state, headerOf(q));
  expect(missing).toEqual([]);
  rows.forEach((row, i) => {
    addRecord(state, table, row, firstLine + i);
  });
  expect(state.invalidCells).toBe(0);
  return state;
}

/** The shards' states, each through `toPartial`, JSON text and `fromPartial`, merged in order. */
function scoreInShards(
  q: Questionnaire,
  options: ScoreOptions,
  rows: readonly string[][],
  cuts: readonly number[],
  tree = false,
): Result {
  const points = [...new Set(cuts.map((c) => c % (rows.length + 1)))].sort((a, b) => a - b);
  const bounds = [0, ...points, rows.length];
  const states = bounds.slice(1).map((end, i) => {
    const start = bounds[i] as number;
    const shard = scoreRows(q, options, rows.slice(start, end), start + 2);
    const { state, problems } = fromPartial(JSON.parse(JSON.stringify(toPartial(shard))), q);
    expect(problems).toEqual([]);
    return state as ScoringState;
  });
  if (!tree) return finishScoring(mergePartials(states));
  let level = states;
  while (level.length > 1) {
    const next: ScoringState[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(
        i + 1 < level.length
          ? mergeStates(level[i] as ScoringState, level[i + 1] as ScoringState)
          : (level[i] as ScoringState),
      );
    level = next;
  }
  return finishScoring(mergePartials(level));
}

const TOL_REL = 1e-9;
const TOL_ABS = 1e-12;
const close = (a: number, e: number) =>
  a === e || Math.abs(a - e) <= Math.max(TOL_ABS, TOL_REL * Math.max(Math.abs(a), Math.abs(e)));
const atBoundary = (a: number | null | undefined, b: number | null | undefined) =>
  typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Paths where `actual` differs from `expected`: a number beyond tolerance, any other value, or the keys. */
function differences(actual: unknown, expected: unknown, path: string, out: string[]): string[] {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number' || !close(actual, expected)) out.push(`${path}: ${String(actual)} vs ${expected}`);
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      out.push(`${path}: ${JSON.stringify(actual)?.slice(0, 200)} vs ${JSON.stringify(expected).slice(0, 200)}`);
    else
      expected.forEach((e, i) => {
        differences(actual[i], e, `${path}[${i}]`, out);
      });
  } else if (expected !== null && typeof expected === 'object') {
    const keys = Object.keys(expected).sort();
    if (actual === null || typeof actual !== 'object' || Object.keys(actual).sort().join() !== keys.join())
      out.push(`${path}: keys differ`);
    else
      for (const key of keys)
        differences(
          (actual as Record<string, unknown>)[key],
          (expected as Record<string, unknown>)[key],
          `${path}.${key}`,
          out,
        );
  } else if (actual !== expected) {
    out.push(`${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
  }
  return out;
}

/** Every number within tolerance, everything else equal, the same keys everywhere. */
const expectClose = (actual: unknown, expected: unknown) =>
  expect(differences(actual, expected, 'result', [])).toEqual([]);

type Levels = { perception: number | null; minimum: number | null; desired: number | null; zone: string | null };

/** Takes the expected zone where the actual one differs only because P sits on MIN or DES. */
function reconcileZones(actual: Levels[], expected: Levels[]): void {
  actual.forEach((a, i) => {
    const e = expected[i];
    if (!e || a.zone === e.zone) return;
    expect(
      atBoundary(e.perception, e.minimum) || atBoundary(e.perception, e.desired),
      `zone ${a.zone} vs ${e.zone} away from a boundary`,
    ).toBe(true);
    a.zone = e.zone;
  });
}

/** Drops, from both, what exists only because a value sits on a boundary (see the file's comment). */
function reconcile(actual: Result, expected: Result, q: Questionnaire): void {
  const pairs: [Pick<Result, 'items' | 'dimensions'>, Pick<Result, 'items' | 'dimensions'>][] = [[actual, expected]];
  actual.segments.forEach((s, i) => {
    pairs.push([s, expected.segments[i] ?? s]);
  });
  for (const [a, e] of pairs) {
    reconcileZones(a.items, e.items);
    reconcileZones(a.dimensions, e.dimensions);
  }
  const midpoint = (q.scale.min + q.scale.max) / 2;
  const onEdge = (gap: number) => atBoundary(gap, q.format === 'perceptions-only' ? midpoint : 0);
  actual.recommendations = actual.recommendations.filter((r) => !onEdge(r.gap));
  expected.recommendations = expected.recommendations.filter((r) => !onEdge(r.gap));
  const flat = (w: Result['warnings'][number]) =>
    w.code === 'negative-item-total' && atBoundary(w.itemTotal as number, 0);
  actual.warnings = actual.warnings.filter((w) => !flat(w));
  expected.warnings = expected.warnings.filter((w) => !flat(w));
  // Its message prints r to 2 decimals, which an r a rounding away from x.xx5 can tip; r itself is compared.
  for (const w of [...actual.warnings, ...expected.warnings]) if (w.code === 'negative-item-total') w.message = '';
}

describe('merging partial results', () => {
  it('gives the result of one pass, whatever the split (property)', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ q, options, rows, cuts, tree }) => {
        const whole = finishScoring(scoreRows(q, options, rows, 2));
        const merged = scoreInShards(q, options, rows, cuts, tree);
        reconcile(merged, whole, q);
        expectClose(merged, whole);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('gives the result of one pass on realistic data: alphas, recommendations, segments', () => {
    const q = questionnaires[0] as Questionnaire;
    const header = headerOf(q);
    const rows = generateRows(q, { n: 400, seed: 11, branches: ['north', 'south', 'east'] }).map((row) =>
      header.map((column) => (column === 'channel' ? 'web' : String(row[column] ?? ''))),
    );
    const options = { groupBy: ['branch'] };
    const whole = finishScoring(scoreRows(q, options, rows, 2));
    const merged = scoreInShards(q, options, rows, [37, 150, 151, 399]);
    expect(whole.dimensions.filter((d) => d.id !== 'responsiveness').every((d) => d.alpha !== null)).toBe(true);
    expect(whole.recommendations.length).toBeGreaterThan(0);
    expect(whole.warnings.map((w) => w.code)).toContain('duplicate-respondents');
    expect(merged.segments.map((s) => s.value)).toEqual(['east', 'north', 'south']);
    expectClose(merged, whole);
  });

  it('counts a respondent id repeated across shards as one pass does, with the same examples', () => {
    const q = questionnaires[2] as Questionnaire;
    const header = headerOf(q);
    const ids = ['a', 'b', 'c', 'b', 'd', 'a', 'e', 'c', 'f', 'f', 'd', 'g', 'a', 'e'];
    const rows = ids.map((id) =>
      header.map((column) => (column === 'respondent' ? id : column.endsWith('_P') ? '3' : '')),
    );
    const whole = finishScoring(scoreRows(q, {}, rows, 2));
    for (const cuts of [[3], [2, 5], [4, 8, 9, 11], [1, 2, 3, 4], [6]]) {
      const merged = scoreInShards(q, {}, rows, cuts);
      expect(
        merged.warnings.find((w) => w.code === 'duplicate-respondents'),
        `cuts ${cuts.join(',')}`,
      ).toEqual(whole.warnings.find((w) => w.code === 'duplicate-respondents'));
    }
    expect(whole.warnings.find((w) => w.code === 'duplicate-respondents')).toMatchObject({
      count: 7,
      // Six distinct repeated ids, all named now that a warning names up to ten (issue 15).
      examples: ['b', 'a', 'c', 'f', 'd', 'e'],
      respondents: ['b', 'a', 'c', 'f', 'd', 'e'],
    });
  });
});
