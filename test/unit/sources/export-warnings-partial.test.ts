import { describe, expect, it } from 'vitest';
import { fromPartial, mergeStates, renderPartial } from '../../../src/core/scoring/partial.js';
import { finishScoring, type ScoringState } from '../../../src/core/scoring/scorer.js';
import { scoreFiles, scoreFilesToState } from '../../../src/io/score-files.js';
import { SAMPLES, sampleQuestionnaire, samplePath, type Sample } from './support.js';

/** An export's warnings (dropped responses, speeders) must survive `score --partial` and `merge`. */

const s = SAMPLES.find((x) => x.name === 'qx-side-by-side') as Sample;
const q = sampleQuestionnaire(s);
const file = samplePath(s, '.csv');
const exportCodes = (warnings: { code: string; count?: unknown }[]) =>
  warnings.filter((w) => w.code === 'filtered-responses' || w.code === 'speeders').map((w) => [w.code, w.count]);

function roundTrip(state: ScoringState): ScoringState {
  const back = fromPartial(JSON.parse(renderPartial(state)), q);
  expect(back.problems).toEqual([]);
  return back.state as ScoringState;
}

describe('export warnings in partial results', () => {
  it('are reported once when scoring directly, and for every shard after merging partials', async () => {
    const direct = await scoreFiles(q, [file], { source: 'qualtrics' });
    expect(exportCodes(direct.warnings)).toEqual([
      ['speeders', 3],
      ['filtered-responses', 6],
    ]);

    const shard = await scoreFilesToState(q, [file], { source: 'qualtrics' });
    const merged = finishScoring(
      mergeStates(roundTrip(shard), roundTrip(await scoreFilesToState(q, [file], { source: 'qualtrics' }))),
    );
    // Speeders are one warning over every shard (a's first ids, then b's); dropped responses one per file.
    expect(exportCodes(merged.warnings)).toEqual([
      ['speeders', 6],
      ['filtered-responses', 6],
      ['filtered-responses', 6],
    ]);
    const ids = direct.warnings.find((w) => w.code === 'speeders')?.respondents as string[];
    expect(merged.warnings.find((w) => w.code === 'speeders')?.respondents).toEqual([...ids, ...ids]);
    // Each dropped-responses warning names its file, as when scored directly.
    const messages = merged.warnings.filter((w) => w.code === 'filtered-responses').map((w) => w.message);
    expect(messages.every((m) => m.startsWith(`${file}: `))).toBe(true);
  });

  it('refuses a partial whose export warnings are not ones servqual writes', async () => {
    const partial = JSON.parse(renderPartial(await scoreFilesToState(q, [file], { source: 'qualtrics' }))) as {
      exportWarnings: unknown[];
    };
    partial.exportWarnings.push({ code: 'other', message: 'x', count: 1.5 });
    const { state, problems } = fromPartial(partial, q);
    expect(state).toBeNull();
    expect(problems.map((p) => p.message)).toEqual([
      'exportWarnings[1].code: expected one of filtered-responses, excluded-responses, exclude-unmatched, found "other"',
      'exportWarnings[1].count: expected a whole number >= 0, found 1.5',
    ]);
  });
});
