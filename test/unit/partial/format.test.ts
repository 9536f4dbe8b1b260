/** The partial result as a file format: exact round trips, the questionnaire fingerprint, strict reading. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Questionnaire } from '../../../src/core/questionnaire/model.js';
import {
  fromPartial,
  mergePartials,
  mergeStates,
  questionnaireFingerprint,
  renderPartial,
  toPartial,
  type ScoringPartial,
} from '../../../src/core/scoring/partial.js';
import {
  addRecord,
  addSegment,
  beginTable,
  finishScoring,
  MAX_SEGMENTS_PER_COLUMN,
  startScoring,
  type ScoreOptions,
  type ScoringState,
} from '../../../src/core/scoring/scorer.js';
import { generateRows, makeQuestionnaire, type QOptions } from '../scoring/support.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const ITEMS: QOptions['items'] = {
  tangibles: ['T1', 'T2'],
  reliability: ['R1', 'R2', 'R3'],
  responsiveness: ['S1'],
  assurance: ['A1', 'A2'],
  empathy: ['E1', 'E2'],
};
const BASE: QOptions = {
  format: 'three-column',
  items: ITEMS,
  reverse: ['R2'],
  kpis: [
    { id: 'nps', type: 'nps' },
    { id: 'csat', type: 'csat' },
  ],
  weights: {
    source: 'respondents',
    fixed: { tangibles: 10, reliability: 30, responsiveness: 25, assurance: 20, empathy: 15 },
  },
};
const q = makeQuestionnaire(BASE);

function scored(
  questionnaire: Questionnaire,
  options: ScoreOptions = { groupBy: ['branch'] },
  n = 120,
  seed = 5,
): ScoringState {
  const rows = generateRows(questionnaire, { n, seed, branches: ['north', 'south'] });
  const header = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const state = startScoring(questionnaire, options);
  const { table, missing } = beginTable(state, header);
  expect(missing).toEqual([]);
  rows.forEach((row, i) => {
    addRecord(
      state,
      table,
      header.map((h) => String(row[h] ?? '')),
      i + 2,
    );
  });
  return state;
}

const state = scored(q);
const partial = (): ScoringPartial => JSON.parse(renderPartial(state)) as ScoringPartial;
const read = (value: unknown, questionnaire = q) => fromPartial(value, questionnaire);
const messages = (value: unknown) => read(value).problems.map((p) => p.message);

describe('round trip', () => {
  it('reads back to the same result, exactly, and writes the same bytes again', () => {
    const back = read(partial());
    expect(back.problems).toEqual([]);
    expect(finishScoring(back.state as ScoringState)).toEqual(finishScoring(state));
    expect(renderPartial(back.state as ScoringState)).toBe(renderPartial(state));
  });

  it('writes one line of JSON holding no NaN, Infinity or null number', () => {
    const text = renderPartial(state);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(2);
    // The one null says the id tracker is still exact.
    expect(text.replace('"bloom":null', '')).not.toMatch(/NaN|Infinity|null/);
    expect(partial()).toMatchObject({
      kind: 'servqual-partial',
      version: 4,
      questionnaire: { title: 'Test audit', format: 'three-column' },
      options: { groupBy: ['branch'], skipInvalid: false },
    });
  });

  it('one partial merged alone gives the one-pass result exactly', () => {
    expect(finishScoring(mergePartials([read(partial()).state as ScoringState]))).toEqual(finishScoring(state));
  });

  it('refuses to write the partial of a failed pass', () => {
    const failed = startScoring(q);
    failed.invalidCells = 1;
    expect(() => toPartial(failed)).toThrow(RangeError);
  });
});

describe('questionnaire fingerprint', () => {
  const fp = (o: QOptions) => questionnaireFingerprint(makeQuestionnaire({ ...BASE, ...o }));
  it('changes with anything a number depends on', () => {
    const base = fp({});
    expect(fp({ format: 'two-column' })).not.toBe(base);
    expect(fp({ scale: { min: 1, max: 9 } })).not.toBe(base);
    expect(fp({ reverse: [] })).not.toBe(base);
    expect(fp({ items: { ...ITEMS, tangibles: ['T2', 'T1'] } })).not.toBe(base);
    expect(fp({ items: { ...ITEMS, empathy: ['E1'] } })).not.toBe(base);
    expect(
      fp({
        weights: {
          source: 'fixed',
          fixed: { tangibles: 10, reliability: 30, responsiveness: 25, assurance: 20, empathy: 15 },
        },
      }),
    ).not.toBe(base);
    expect(fp({ weights: { source: 'respondents' } })).not.toBe(base);
    expect(
      fp({
        kpis: [
          { id: 'nps', type: 'nps' },
          { id: 'csat', type: 'ces' },
        ],
      }),
    ).not.toBe(base);
    expect(
      fp({
        kpis: [
          { id: 'nps', type: 'nps' },
          { id: 'csat', type: 'csat', scale: { min: 1, max: 7 } },
        ],
      }),
    ).not.toBe(base);
  });
  it('ignores titles, labels, statements and recommendations', () => {
    const other = structuredClone(q);
    other.title = 'Another title';
    other.dimensions[0]!.label = 'Physical things';
    other.dimensions[0]!.items[0]!.perception = 'Reworded.';
    other.dimensions[0]!.recommendations = ['Something else.'];
    expect(questionnaireFingerprint(other)).toBe(questionnaireFingerprint(q));
    expect(questionnaireFingerprint(q)).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
  });
});

describe('strict reading', () => {
  it('refuses what is not a partial, naming what it found', () => {
    expect(read([1, 2]).problems[0]).toMatchObject({
      code: 'not-a-partial',
      message: expect.stringContaining('found a list of 2'),
    });
    expect(read({ schemaVersion: 1, overall: {} }).problems[0]).toMatchObject({
      code: 'not-a-partial',
      message: expect.stringContaining('a servqual result, not a partial result'),
    });
    expect(read({ kind: 'other' }).problems[0]?.message).toContain('"kind": "other"');
    // Version 1 held Welford moments; version 2 lacks the sums of measurement quality (issue 16).
    for (const version of [1, 2, 3])
      expect(read({ ...partial(), version }).problems[0]).toMatchObject({
        code: 'partial-version',
        message: expect.stringContaining(
          `partial version ${version} was written by an older servqual: this one reads version 4`,
        ),
      });
    expect(read({ ...partial(), version: 5 }).problems[0]?.message).toContain(
      'unknown partial version 5: this servqual reads version 4',
    );
  });

  it('refuses a partial of another questionnaire', () => {
    const problems = read(partial(), makeQuestionnaire({ ...BASE, reverse: [] })).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'questionnaire-mismatch', path: ['questionnaire', 'fingerprint'] });
    expect(problems[0]?.message).toContain('scored with a different questionnaire ("Test audit")');
    // One that differs only in its drivers' outcome is another questionnaire too, and the message says it can be.
    const withDrivers = read(partial(), { ...q, drivers: { outcome: 'nps' } } satisfies Questionnaire);
    expect(withDrivers.problems[0]?.code).toBe('questionnaire-mismatch');
    expect(withDrivers.problems[0]?.message).toContain("KPIs or the drivers' outcome differ");
  });

  it('names every wrong length, type, key and count with its path', () => {
    const p = partial() as unknown as Record<string, any>;
    p.overall.item.n.pop();
    p.overall.reliability.products[1].push(0);
    p.overall.kpi.sum.value[0] = null;
    p.overall.kpi.n[0] = 2.5;
    p.overall.item.squares.gap[0] = -1;
    p.overall.overall.sum.weighted = [1];
    p.overall.dimension.n[0] = p.overall.total + 5;
    p.overall.scored = p.overall.total + 1;
    p.segments[0].sample.importance[0] = 'x';
    p.segments[1].extra = true;
    delete p.skippedCells;
    const found = messages(p);
    expect(found).toEqual(
      expect.arrayContaining([
        'overall.item.n: expected 10 entries (one per item), found 9',
        'overall.reliability.products[1]: expected 6 entries (one per item (or pair of items) of the dimension), found 7',
        'overall.kpi.sum.value[0]: expected a finite number, found null',
        'overall.kpi.n[0]: expected a whole number >= 0, found 2.5',
        'overall.item.squares.gap[0]: expected a number >= 0, found -1',
        'overall.overall.sum.weighted: expected a finite number, found a list of 1',
        `overall.dimension.n[0]: ${p.overall.total + 5} is more than the ${p.overall.total} respondents`,
        `overall.scored: ${p.overall.total + 1} scored of ${p.overall.total} respondents`,
        'segments[0].sample.importance[0]: expected a finite number, found "x"',
        'segments[1].extra: unknown key',
        'document: missing key "skippedCells"',
      ]),
    );
    expect(read(p).state).toBeNull();
  });

  it('refuses segments outside the grouping, twice over, and broken id trackers', () => {
    const p = partial() as unknown as Record<string, any>;
    p.segments.push(structuredClone(p.segments[0]));
    p.segments.push({ ...structuredClone(p.segments[0]), column: 'channel' });
    p.ids.exact.push(p.ids.exact[0]);
    expect(messages(p)).toEqual(
      expect.arrayContaining([
        'segments[2].column: segment branch="north" is listed twice',
        'segments[3].column: column "channel" is not in options.groupBy',
        'ids.exact: a respondent id is listed twice',
      ]),
    );
    const bloom = partial() as unknown as Record<string, any>;
    bloom.ids.exact = null;
    bloom.ids.bloom = 'AAAA';
    expect(messages(bloom)).toEqual(
      expect.arrayContaining([
        'ids.bloom: expected the base64 text of a 134217728-bit filter',
        'ids.approximate: a Bloom filter counts approximately: expected true',
      ]),
    );
  });

  it('never throws, whatever the JSON (property)', () => {
    const valid = partial();
    // Replace one value somewhere in a valid partial with anything JSON can hold.
    const mutated = fc.tuple(fc.nat(), fc.jsonValue()).map(([pick, replacement]) => {
      const copy = structuredClone(valid) as unknown;
      const slots: [Record<string, unknown> | unknown[], string | number][] = [];
      const walk = (v: unknown) => {
        if (v === null || typeof v !== 'object') return;
        for (const [k, child] of Object.entries(v)) {
          slots.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
          walk(child);
        }
      };
      walk(copy);
      const [parent, key] = slots[pick % slots.length] as [Record<string | number, unknown>, string | number];
      parent[key] = replacement;
      return copy;
    });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mutated), (value) => {
        const { state: back, problems } = read(value);
        expect(back === null).toBe(problems.length > 0);
        if (back) finishScoring(back);
      }),
      { seed: 11, numRuns: RUNS },
    );
  });
});

describe('merging states', () => {
  it('refuses states grouped differently', () => {
    expect(() => mergeStates(scored(q, { groupBy: ['branch'] }, 10), scored(q, {}, 10))).toThrow(/different columns/);
  });

  it('marks a column with too many values over all shards, as one pass would', () => {
    const shard = (from: number) => {
      const s = startScoring(q, { groupBy: ['branch'] });
      for (let i = 0; i < MAX_SEGMENTS_PER_COLUMN / 2 + 1; i++) {
        addSegment(s, 0, 'branch', `b${from + i}`, startScoring(q).overall);
      }
      return s;
    };
    expect(mergeStates(shard(0), shard(0)).tooManySegments).toBeNull();
    expect(mergeStates(shard(0), shard(MAX_SEGMENTS_PER_COLUMN)).tooManySegments).toBe('branch');
  });
});
