/**
 * Welch's ANOVA across segments (issue 16). Expected values come from R, not from servqual:
 * `cd test/fixtures/segment-anova && Rscript expected.R > expected.json`
 * (oneway.test(gap ~ segment, var.equal = FALSE) on the raw rows of ../segment-test/responses.csv,
 * Holm by p.adjust(p, "holm") across each column's measures). The fixture has a one-respondent
 * segment (West: left out, counted in `excluded`) and respondents missing a dimension.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SegmentDifference } from '../../../src/core/scoring/result.js';
import { fixturesDir, useTempDir } from '../../helpers/run-cli.js';
import { runChecked } from '../../helpers/run-in-process.js';

const dir = join(fixturesDir, 'segment-test');
const questionnaire = join(dir, 'questionnaire.yaml');
const responses = join(dir, 'responses.csv');
const expected = JSON.parse(
  readFileSync(join(fixturesDir, 'segment-anova', 'expected.json'), 'utf8'),
) as SegmentDifference[];
const groupBy = ['--group-by', 'branch', '--group-by', 'channel', '--group-by', 'branch,channel'];
const tempDir = useTempDir();

async function differences(args: string[]): Promise<SegmentDifference[]> {
  const run = await runChecked(args, dir);
  expect(run.code, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout) as { segmentDifferences?: SegmentDifference[] };
  return result.segmentDifferences ?? [];
}

function checkAgainstR(actual: SegmentDifference[]): void {
  expect(actual.map((d) => [d.column, d.dimension, d.segments, d.excluded])).toEqual(
    expected.map((d) => [d.column, d.dimension, d.segments, d.excluded]),
  );
  actual.forEach((d, i) => {
    const wanted = expected[i] as SegmentDifference;
    for (const key of ['f', 'df1', 'df2', 'p', 'pHolm'] as const) {
      const where = `${d.column} ${d.dimension ?? 'overall'} ${key}`;
      if (wanted[key] === null) expect(d[key], where).toBeNull();
      else expect(Math.abs((d[key] as number) - (wanted[key] as number)), where).toBeLessThan(1e-9);
    }
  });
}

describe('segment differences by Welch ANOVA', () => {
  it('gives R oneway.test F, df and p, and Holm across each column’s measures, crossed columns too', async () => {
    const actual = await differences(['score', questionnaire, responses, ...groupBy, '--format', 'json']);
    checkAgainstR(actual);
    // The fixture has a difference that survives Holm and many that do not.
    expect(actual.some((d) => d.pHolm !== null && d.pHolm < 0.05)).toBe(true);
    expect(actual.some((d) => d.pHolm !== null && d.pHolm > 0.05)).toBe(true);
  });

  it('gives the same from partials scored per shard and merged as in one pass', async () => {
    const work = tempDir();
    const [header, ...rows] = readFileSync(responses, 'utf8').trimEnd().split('\n');
    const partials: string[] = [];
    for (const [k, [from, to]] of [
      [0, 20],
      [20, 21],
      [21, rows.length],
    ].entries()) {
      const csv = join(work, `shard-${k}.csv`);
      writeFileSync(csv, `${[header, ...rows.slice(from, to)].join('\n')}\n`);
      const json = join(work, `shard-${k}.json`);
      const run = await runChecked(['score', questionnaire, csv, ...groupBy, '--partial', '--output', json], work);
      expect(run.code, run.stderr).toBe(0);
      partials.push(json);
    }
    checkAgainstR(await differences(['merge', questionnaire, ...partials, '--format', 'json']));
  });

  it('is absent without --group-by', async () => {
    const run = await runChecked(['score', questionnaire, responses, '--format', 'json'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).not.toHaveProperty('segmentDifferences');
  });
});
