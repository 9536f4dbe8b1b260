import type { Questionnaire } from '../core/questionnaire/model.js';
import { fromPartial, mergeStates, sameGrouping } from '../core/scoring/partial.js';
import type { PartialProblem } from '../core/scoring/partial-decode.js';
import { MAX_SEGMENTS_PER_COLUMN, type ScoringState } from '../core/scoring/scorer.js';
import { problemsError, UserError } from '../errors.js';
import { locateAll, parseJsonText } from './read-json.js';
import { readTextFile } from './read-text.js';
import { isSqlExport, readSqlExport } from './read-sql-export.js';

/** What to do about a partial that is not one this servqual can merge (the core says what is wrong, the shell how to fix it). */
const HINTS: Partial<Record<PartialProblem['code'], string>> = {
  'not-a-partial': 'write partial results with: servqual score QUESTIONNAIRE RESPONSES... --partial --output part.json',
  'partial-version': 'score the shard again with this version of servqual',
  'questionnaire-mismatch': 'merge only partials scored with this questionnaire',
};

/** At most this many problems of one damaged partial are listed, then a count. */
const MAX_LISTED = 20;

/**
 * Reads one partial result (from `score --partial`, or the export of `servqual sql`'s query) for questionnaire `q`, refusing anything else
 * with every problem located as `FILE:LINE:COL: path: message`.
 */
export async function readPartial(file: string, q: Questionnaire): Promise<ScoringState> {
  const text = await readTextFile(file);
  if (isSqlExport(file, text)) return readSqlExport(file, text, q);
  const { state, problems, omitted = 0 } = fromPartial(parseJsonText(text, file), q);
  if (state) return state;
  const places = locateAll(
    text,
    problems.slice(0, MAX_LISTED).map((p) => p.path),
  );
  const hinted = problems.map((p) => (HINTS[p.code] && !p.hint ? { ...p, hint: HINTS[p.code] } : p));
  throw problemsError(hinted, { file, places, max: MAX_LISTED, total: problems.length + omitted });
}

const grouping = (state: ScoringState) => {
  const columns = state.options.groupBy ?? [];
  return columns.length > 0 ? `--group-by ${columns.join(' --group-by ')}` : 'no --group-by';
};

/**
 * Reads partial results one at a time and merges them in the order given (so memory holds two
 * at most). They must share the questionnaire's fingerprint and the --group-by columns.
 */
export async function readAndMergePartials(files: readonly string[], q: Questionnaire): Promise<ScoringState> {
  let merged: ScoringState | null = null;
  const first = files[0] ?? '';
  for (const file of files) {
    const state = await readPartial(file, q);
    if (merged && !sameGrouping(merged, state)) {
      throw new UserError({
        code: 'partial-grouping',
        file,
        message: `scored with ${grouping(state)}, but ${first} with ${grouping(merged)}`,
        hint: 'score every shard with the same --group-by columns, in the same order',
      });
    }
    merged = merged ? mergeStates(merged, state) : state;
  }
  if (!merged) throw new UserError({ code: 'usage', message: 'merge needs at least one partial result' });
  if (merged.tooManySegments !== null) {
    throw new UserError({
      code: 'too-many-segments',
      message: `--group-by ${merged.tooManySegments}: more than ${MAX_SEGMENTS_PER_COLUMN} distinct values over all partials; group by a column of categories`,
    });
  }
  return merged;
}
