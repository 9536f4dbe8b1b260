/**
 * The measurement-quality fixture (test/fixtures/validity: responses.csv, a questionnaire per
 * format, R's and numpy's expected figures), scored in one pass or as three shards merged
 * through their partials' JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Questionnaire } from '../../src/core/questionnaire/model.js';
import { fromPartial, mergePartials, toPartial } from '../../src/core/scoring/partial.js';
import type { Result } from '../../src/core/scoring/result.js';
import {
  addRecord,
  beginTable,
  finishScoring,
  startScoring,
  type ScoringState,
} from '../../src/core/scoring/scorer.js';

export const VALIDITY_DIR = join(import.meta.dirname, '..', 'fixtures', 'validity');
const lines = readFileSync(join(VALIDITY_DIR, 'responses.csv'), 'utf8').trimEnd().split('\n');
const header = (lines[0] as string).split(',');
// The fixture has no quoted cells: a split is the whole CSV reader it needs.
const rows = lines.slice(1).map((line) => line.split(','));

/** Scores rows [from, to) of the fixture into a fresh state. */
function scoreRows(q: Questionnaire, from: number, to: number): ScoringState {
  const state = startScoring(q);
  const { table } = beginTable(state, header, 'responses.csv');
  for (let i = from; i < to; i++) addRecord(state, table, rows[i] as string[], i + 2);
  return state;
}

/** Every row of the fixture in one pass. */
export function scoreFixture(q: Questionnaire): Result {
  return finishScoring(scoreRows(q, 0, rows.length));
}

/** Three shards, each through a partial's JSON, merged. */
export function scoreFixtureMerged(q: Questionnaire): Result {
  const cuts = [0, 61, 140, rows.length];
  const states = cuts.slice(1).map((to, s) => {
    const read = fromPartial(JSON.parse(JSON.stringify(toPartial(scoreRows(q, cuts[s] as number, to)))), q);
    expect(read.problems).toEqual([]);
    return read.state as ScoringState;
  });
  return finishScoring(mergePartials(states));
}
