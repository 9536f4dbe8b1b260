import type { Questionnaire } from '../questionnaire/model.js';
import { recommend } from '../recommend/recommend.js';
import { StringCells, type RecordCells } from './cells.js';
import { planColumns, type ColumnPlan, type MissingColumn } from './column-plan.js';
import { finaliseSample } from './finalise.js';
import { addReliabilityFigures, driversOf, validityOf } from './measurement.js';
import { withStatements } from './statements.js';
import { segmentDifferences } from './segment-anova.js';
import { importanceDisagreement } from '../recommend/importance-agreement.js';
import { testSegments } from './segment-test.js';
import { emptyIdTracker, trackId, type IdTracker } from './id-tracker.js';
import { emptyFlagged, flagRespondent, type Flagged } from './flagged.js';
import { answersGiven, isSpeeder } from './speeders.js';
import { DEFAULT_SPEEDER_SECONDS } from '../questionnaire/validate.js';
import { readAnswers, type CellProblem, type ProblemList } from './read-answers.js';
import {
  deriveScores,
  emptyAnswers,
  emptyScores,
  scoringLayout,
  type RespondentAnswers,
  type RespondentScores,
  type ScoringLayout,
} from './respondent.js';
import { type Result, resultScale, type SegmentResult, type SegmentTest, type Warning } from './result.js';
import { addRespondent, addSampleInto, emptySample, type SampleAccumulator } from './sample.js';
import { collectWarnings } from './warnings.js';
import {
  addToInstrument,
  emptyInstrumentSums,
  flushInstrument,
  type InstrumentSums,
  type OutcomeSource,
  outcomeSource,
} from './instrument-sums.js';
import { emptyComments, noteComment, type CommentState } from './comments.js';
import { commentsResult } from './comments-result.js';
import type { Problem } from '../problem.js';
import {
  keepRow,
  planTableSelection,
  selects,
  tableSelectionWarnings,
  unmatchedWarning,
  type ExcludeEntry,
  type Selection,
} from './selection.js';

export interface ScoreOptions {
  /** Columns whose values split the respondents into segments. */
  groupBy?: readonly string[];
  /** Treat cells that are not numbers on the scale as missing, and count them, instead of failing. */
  skipInvalid?: boolean;
  /** Which respondents are scored (`--where`, `--exclude`); every row when absent. */
  selection?: Selection;
  /**
   * Told of each scored respondent as it is scored (`--respondents`); its arguments are reused
   * buffers, valid during the call only.
   */
  onRespondent?: (row: ScoredRow) => void;
  /**
   * `false` leaves out measurement quality and key drivers (`validity`, `drivers` and the figures
   * beside alpha): their model fits cost a fifth of a second per result, which only callers that
   * score thousands of simulated samples (tests of other statistics) want to save. Default true.
   */
  measurement?: boolean;
}

/** One scored respondent as `ScoreOptions.onRespondent` sees it. */
export interface ScoredRow {
  answers: RespondentAnswers;
  scores: RespondentScores;
  /** The record's line in its file, and the file's name. */
  line: number;
  source: string;
  /** Whether an earlier row had the same respondent id. */
  duplicate: boolean;
}

/** More distinct values than this in a --group-by column means it is not a column of categories. */
export const MAX_SEGMENTS_PER_COLUMN = 1000;
/**
 * A value longer than this is not a category either (a comment, a pasted document): 1000 segments
 * of megabyte values would hold gigabytes and overflow a report, so such a column is refused too.
 */
export const MAX_SEGMENT_VALUE_LENGTH = 1000;

export interface Segment {
  /** Which --group-by column (by position: a column may be given twice). */
  group: number;
  column: string;
  value: string;
  sample: SampleAccumulator;
}

/**
 * Adds a new segment (a value first seen in --group-by column `group`) to the state, or marks the
 * state as having too many segments and returns null.
 */
export function addSegment(
  state: ScoringState,
  group: number,
  column: string,
  value: string,
  sample: SampleAccumulator,
): Segment | null {
  state.segmentCounts[group] = (state.segmentCounts[group] ?? 0) + 1;
  if ((state.segmentCounts[group] as number) > MAX_SEGMENTS_PER_COLUMN || value.length > MAX_SEGMENT_VALUE_LENGTH) {
    state.tooManySegments = column;
    return null;
  }
  const segment = { group, column, value, sample };
  state.segments[group]?.set(value, segment);
  return segment;
}

/** Every segment of every --group-by column (in no particular order: see `compareSegments`). */
export function allSegments(state: ScoringState): Segment[] {
  return state.segments.flatMap((byValue) => [...byValue.values()]);
}

/** Report order: by --group-by column, then by value (code-unit order, so row order does not matter). */
export function compareSegments(a: Segment, b: Segment): number {
  return a.group - b.group || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

/**
 * The running state of a scoring pass over one or more files. Feed it headers and records with
 * `beginTable` and `addRecord`, then call `finishScoring`. Pure: it reads nothing and prints nothing.
 */
export interface ScoringState {
  questionnaire: Questionnaire;
  options: ScoreOptions;
  layout: ScoringLayout;
  /**
   * Everyone. With --group-by it is filled only when needed (`settleOverall`): every row is in
   * exactly one segment of the first --group-by column (or in `unsegmented` past the segment
   * limit), and samples are sums, so adding those up gives the same numbers as adding every row
   * twice, for half the work.
   */
  overall: SampleAccumulator;
  /** Whether `overall` is still to be summed from the first column's segments. */
  overallPending: boolean;
  /** The sums of measurement quality and key drivers, over everyone (never per segment): see instrument-sums.ts. */
  instrument: InstrumentSums;
  /** Where the drivers' outcome is read, and what the item and dimension scores are summed about there. */
  instrumentPlan: { outcome: OutcomeSource | null; shift: number };
  /** Rows whose value in the first --group-by column came after the segment limit. */
  unsegmented: SampleAccumulator | null;
  /** Rows added so far (for progress). */
  rows: number;
  /** Per --group-by column (by position), its segments by value. */
  segments: Map<string, Segment>[];
  segmentCounts: number[];
  ids: IdTracker;
  /** Respondents who gave one answer to every item, and those faster than `source.speederSeconds` an answer. */
  straightLiners: Flagged;
  speeders: Flagged;
  skippedCells: number;
  invalidCells: number;
  /** Warnings of the survey platform exports read (dropped responses, speeders), each naming its file. */
  exportWarnings: Warning[];
  /** The first problems found, for the error message; `invalidCells` counts them all. */
  problems: CellProblem[];
  tooManySegments: string | null;
  /** The exclude entries that matched a response, over every table read. */
  excludeMatched: Set<ExcludeEntry>;
  /** Tables read so far (an exclude list of row numbers names the rows of one file). */
  tables: number;
  /** The kept comments, once a table has a comment column (`comments.ts`). */
  comments: CommentState | null;
}

const MAX_REPORTED_PROBLEMS = 20;

export function startScoring(q: Questionnaire, options: ScoreOptions = {}): ScoringState {
  const layout = scoringLayout(q);
  const groupBy = options.groupBy ?? [];
  return {
    questionnaire: q,
    options,
    layout,
    overall: emptySample(layout),
    overallPending: groupBy.length > 0,
    instrument: emptyInstrumentSums(
      layout.itemCount,
      layout.dimensionCount,
      q.drivers !== undefined,
      q.format === 'perceptions-only' ? [] : q.dimensions.map((d) => d.items.length),
    ),
    instrumentPlan: {
      outcome: outcomeSource(q, layout),
      // Perceptions-only scores are answers: summed about the scale's midpoint, like the samples' answers.
      shift: q.format === 'perceptions-only' ? layout.answerShift : 0,
    },
    unsegmented: null,
    rows: 0,
    segments: groupBy.map(() => new Map()),
    segmentCounts: groupBy.map(() => 0),
    ids: emptyIdTracker(),
    straightLiners: emptyFlagged(),
    speeders: emptyFlagged(),
    skippedCells: 0,
    invalidCells: 0,
    exportWarnings: [],
    problems: [],
    tooManySegments: null,
    excludeMatched: new Set(),
    tables: 0,
    comments: null,
  };
}

/** A state that can only fail: other passes (worker threads) found `invalidCells` bad cells, these first. */
export function failedScoring(
  q: Questionnaire,
  options: ScoreOptions,
  invalidCells: number,
  problems: readonly CellProblem[],
): ScoringState {
  const state = startScoring(q, options);
  state.invalidCells = invalidCells;
  state.problems = problems.slice(0, MAX_REPORTED_PROBLEMS);
  return state;
}

/**
 * One table being read: where its columns are, and the buffers each row is read into and scored
 * in (reused from row to row: no allocation per row).
 */
export interface TableReading {
  plan: ColumnPlan;
  /** The table's name, attached to its problems and told to `onRespondent`. */
  source: string;
  answers: RespondentAnswers;
  scores: RespondentScores;
  /** Where its invalid cells are listed: the state's first problems. */
  found: ProblemList;
}

/**
 * Maps one table's header; the caller reports `missing` columns as errors, and `selectProblems`
 * (an exclude list that is not row numbers for a table without ids) at the exclude file's lines.
 * A survey platform's export (`fromExport`) has had its `--where` conditions applied by its plan,
 * so only its exclude list is planned here, and it says which column holds each response's
 * duration (-1: none).
 */
export function beginTable(
  state: ScoringState,
  header: readonly string[],
  source = '',
  fromExport: { duration: number } | null = null,
): { table: TableReading; missing: MissingColumn[]; selectProblems: Problem[] } {
  const exportTable = fromExport !== null;
  state.tables++;
  const selection = state.options.selection;
  const where = selection && !exportTable ? selection.where.map((c) => c.column) : [];
  const groupBy = state.options.groupBy ?? [];
  const { plan, missing } = planColumns(state.questionnaire, header, groupBy, where);
  if (fromExport) plan.duration = fromExport.duration;
  const table: TableReading = {
    plan,
    source,
    answers: emptyAnswers(state.layout, groupBy.length),
    scores: emptyScores(state.layout),
    found: { problems: state.problems, max: MAX_REPORTED_PROBLEMS, source },
  };
  if (!selects(selection) || missing.length > 0) return { table, missing, selectProblems: [] };
  const { table: rows, problems } = planTableSelection(selection, exportTable ? null : plan.where, plan.respondent);
  if (rows.byLine !== null && state.tables > 1)
    problems.push({
      code: 'exclude-file',
      message: `lists row numbers (the responses have no respondent id column), and row numbers name the rows of one response file, but ${state.tables} files are scored`,
      hint: 'score one file at a time, or add a respondent id column',
    });
  plan.select = rows;
  return { table, missing, selectProblems: problems };
}

/**
 * Adds one record (a CSV row) starting at `line`: its cells as strings, or as a view of the file's
 * bytes (which the file reader uses to avoid a string per cell). Invalid cells are recorded in the state.
 */
export function addRecord(
  state: ScoringState,
  table: TableReading,
  record: readonly string[] | RecordCells,
  line: number,
): void {
  const { plan, answers } = table;
  const cells = Array.isArray(record) ? new StringCells(record) : (record as RecordCells);
  // A dropped row is not read at all: its bad cells are no one's problem.
  if (plan.select !== null && !keepRow(plan.select, cells, line, state.excludeMatched)) return;
  const invalid = readAnswers(state.questionnaire, plan, cells, line, answers, table.found);
  if (invalid > 0) {
    if (state.options.skipInvalid) state.skippedCells += invalid;
    else state.invalidCells += invalid;
  }
  // Once the run is going to fail there is no point in scoring further rows, only in finding bad cells.
  if (state.invalidCells > 0) return;
  const duplicate = answers.id !== '' && trackId(state.ids, answers.id);
  const scores = deriveScores(answers, state.layout, table.scores);
  state.rows++;
  flagRow(state, table, cells, line);
  state.options.onRespondent?.({ answers, scores, line, source: table.source, duplicate });
  if (!state.overallPending) addRespondent(state.overall, scores, state.layout);
  addToInstrument(state.instrument, scores, state.layout, state.instrumentPlan.outcome, state.instrumentPlan.shift);
  const groupBy = state.options.groupBy ?? [];
  for (let g = 0; g < groupBy.length; g++) {
    const column = groupBy[g] as string;
    const value = answers.groups[g] as string;
    const segment =
      (state.segments[g] as Map<string, Segment>).get(value) ??
      addSegment(state, g, column, value, emptySample(state.layout));
    if (segment) addRespondent(segment.sample, scores, state.layout);
    else if (g === 0 && state.overallPending) {
      state.unsegmented ??= emptySample(state.layout);
      addRespondent(state.unsegmented, scores, state.layout);
    }
  }
  if (plan.comment >= 0) {
    state.comments ??= emptyComments(plan.header[plan.comment] as string, state.layout.dimensionCount, groupBy.length);
    noteComment(state.comments, {
      cells,
      column: plan.comment,
      respondent: answers.id === '' ? null : answers.id,
      line,
      dimensionScores: scores.dimensionGap,
      groups: answers.groups,
      kept: state.segments,
    });
  }
}

/** The respondent's id as text, or its row number where the row has none (as `--respondents` and `--exclude`). */
function respondentId(answers: RespondentAnswers, line: number): string {
  return answers.id === '' ? String(line) : answers.id;
}

/** Counts the row among the straight-liners and speeders it is one of. */
function flagRow(state: ScoringState, table: TableReading, cells: RecordCells, line: number): void {
  const { plan, answers } = table;
  if (table.scores.straightLined) flagRespondent(state.straightLiners, respondentId(answers, line));
  if (plan.duration < 0) return;
  const seconds = cells.number(plan.duration) ?? Number.NaN;
  const perAnswer = state.questionnaire.source?.speederSeconds ?? DEFAULT_SPEEDER_SECONDS;
  if (isSpeeder(seconds, answersGiven(answers, state.layout), perAnswer))
    flagRespondent(state.speeders, respondentId(answers, line));
}

/** Fills `overall` from the segments of the first --group-by column, if it is still pending; see `ScoringState.overall`. */
export function settleOverall(state: ScoringState): void {
  if (!state.overallPending) return;
  const overall = state.unsegmented ?? emptySample(state.layout);
  for (const segment of state.segments[0]?.values() ?? []) addSampleInto(overall, segment.sample);
  state.overall = overall;
  state.overallPending = false;
  state.unsegmented = null;
}

/** The contract's result from everything added so far. */
export function finishScoring(state: ScoringState): Result {
  settleOverall(state);
  const q = state.questionnaire;
  const main = finaliseSample(q, state.overall, state.layout);
  const measurement = state.options.measurement !== false;
  flushInstrument(state.instrument);
  if (measurement) addReliabilityFigures(q, state.overall, state.instrument, main.dimensions, main.items);
  const drivers = measurement ? driversOf(q, state.instrument) : null;
  const sorted = allSegments(state).sort(compareSegments);
  const tests = testSegments(
    q.dimensions.map((d) => d.id),
    state.overall,
    sorted.map((segment) => segment.sample),
  );
  const segments: SegmentResult[] = sorted.map((segment, s) => {
    const finalised = finaliseSample(q, segment.sample, state.layout);
    return {
      column: segment.column,
      value: segment.value,
      respondents: { total: segment.sample.total[0] as number, scored: segment.sample.scored[0] as number },
      overall: finalised.overall,
      dimensions: finalised.dimensions,
      items: finalised.items,
      kpis: finalised.kpis,
      test: tests[s] as SegmentTest,
    };
  });
  return {
    schemaVersion: 1,
    questionnaire: {
      title: q.title,
      format: q.format,
      language: q.language,
      scale: resultScale(q.scale),
    },
    respondents: {
      total: state.overall.total[0] as number,
      scored: state.overall.scored[0] as number,
      skippedCells: state.skippedCells,
    },
    overall: main.overall,
    dimensions: main.dimensions,
    items: withStatements(q, main.items),
    segments,
    kpis: main.kpis,
    recommendations: recommend(q, main.items, main.dimensions, state.layout.fallbackWeights),
    warnings: [
      ...collectWarnings(state, main, segments),
      ...[importanceDisagreement(main.dimensions, drivers)].filter((w) => w !== null),
      ...state.exportWarnings,
    ],
    checks: [],
    ...(measurement ? { validity: validityOf(q, state.instrument, main.dimensions) } : {}),
    ...(drivers ? { drivers } : {}),
    ...(state.comments
      ? {
          comments: commentsResult(
            state.comments,
            q.dimensions.map((d) => d.id),
            sorted,
          ),
        }
      : {}),
    ...(sorted.length > 0 ? { segmentDifferences: differencesOf(state, sorted) } : {}),
  };
}

/** Welch's ANOVA per --group-by flag (in flag order) over its kept segments; see segment-anova.ts. */
function differencesOf(state: ScoringState, sorted: readonly Segment[]) {
  const columns = state.segments.flatMap((_, group) => {
    const own = sorted.filter((s) => s.group === group);
    return own.length > 0 ? [{ column: (own[0] as Segment).column, samples: own.map((s) => s.sample) }] : [];
  });
  return segmentDifferences(
    state.questionnaire.dimensions.map((d) => d.id),
    columns,
  );
}

/**
 * The drop counts of the table just read (--where, --exclude), added to the export warnings so
 * that partials carry them too; `file` names the table in the messages.
 */
export function endTable(state: ScoringState, table: TableReading, file: string): void {
  const select = table.plan.select;
  if (select === null) return;
  state.exportWarnings.push(...tableSelectionWarnings(select, file, state.options.selection?.exclude?.file ?? ''));
}

/** After the last table: the exclude entries that matched no response, as a warning. */
export function endSelection(state: ScoringState): void {
  const list = state.options.selection?.exclude;
  if (!list) return;
  const warning = unmatchedWarning(list, state.excludeMatched);
  if (warning) state.exportWarnings.push(warning);
}
