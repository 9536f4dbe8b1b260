/**
 * Partial results: the sufficient statistics of a scoring pass as JSON (`score --partial`), so
 * shards scored by separate processes or machines merge (`merge`) into the result of one pass.
 * Pure: the callers read and write the files.
 */
import type { Format, Questionnaire } from '../questionnaire/model.js';
import { Decoder, describe, type PartialProblem } from './partial-decode.js';
import { decodeIds, encodeIds, mergeIdTrackers, type PartialIds } from './partial-ids.js';
import type { IdSet } from './id-set.js';
import { checkPartialShape } from './partial-schema.js';
import { decodeSample, encodeSample, type PartialSample } from './partial-sample.js';
import { addSampleInto, copySample, mergeSamples } from './sample.js';
import { addInstrumentInto, decodeInstrument, encodeInstrument } from './instrument-sums.js';
import {
  addSegment,
  allSegments,
  compareSegments,
  MAX_SEGMENTS_PER_COLUMN,
  settleOverall,
  startScoring,
  type ScoreOptions,
  type ScoringState,
} from './scorer.js';
import { own } from '../text/own.js';
import { decodeFlagged, mergeFlagged, type Flagged } from './flagged.js';
import { mergeComments } from './comments.js';
import { decodeComments, encodeComments, type PartialComments } from './comments-result.js';

export type { PartialProblem } from './partial-decode.js';

const PARTIAL_KIND = 'servqual-partial';
export const PARTIAL_VERSION = 4;

/**
 * What `score --partial` writes (version 4: `instrument.pairs`, each dimension's P and E cross
 * products for the difference-score reliability; version 3: with `instrument`, the item cross products and drivers
 * sums of issue 16, the straight-liners' and speeders' first ids, and the kept comments; version 2:
 * power sums and counts only; version 1 held Welford moments). Every number is a finite double, so
 * JSON round-trips it exactly.
 */
export interface ScoringPartial {
  kind: typeof PARTIAL_KIND;
  version: typeof PARTIAL_VERSION;
  questionnaire: { title: string; format: Format; fingerprint: string };
  options: { groupBy: string[]; skipInvalid: boolean };
  overall: PartialSample;
  segments: { column: string; value: string; sample: PartialSample }[];
  /** Measurement quality and key drivers: over everyone only (see instrument-sums.ts). */
  instrument: ReturnType<typeof encodeInstrument>;
  ids: PartialIds;
  /** Straight-liners and speeders: how many, and the first ids (`flagged.ts`). */
  flags: { straightLiners: Flagged; speeders: Flagged };
  /** The warnings of survey platform exports (dropped responses, --where, --exclude), each naming its file: merge reports them all. */
  exportWarnings: { code: string; message: string; count: number }[];
  skippedCells: number;
  /** The kept comments and their counts (`comments.ts`); absent without a comment column. */
  comments?: PartialComments;
}

/** FNV-1a, 64-bit, over UTF-16 code units, as 16 hex digits. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * Identifies what the numbers of a partial depend on: the format, the scale, the dimensions and
 * their items in order (with `reverse` and an item's own scale), the weights and the KPIs (id, type, scale). Labels,
 * statements, recommendations, thresholds and column names do not change a number, so a
 * questionnaire that differs only in those still matches.
 * @example questionnaireFingerprint(q) // "fnv1a64:9d3a5c0e11b2f7a4"
 */
export function questionnaireFingerprint(q: Questionnaire): string {
  const structure = {
    format: q.format,
    scale: [q.scale.min, q.scale.max],
    // An item's own scale only where given, so the fingerprints of every other questionnaire stay as they were.
    dimensions: q.dimensions.map((d) => [
      d.id,
      d.items.map((item) => [item.id, item.reverse, ...(item.scale ? [item.scale.min, item.scale.max] : [])]),
    ]),
    weights: { source: q.weights.source, fixed: q.dimensions.map((d) => own(q.weights.fixed, d.id) ?? null) },
    // `best: low` only where given, so the fingerprints of every other questionnaire stay as they were.
    kpis: q.kpis.map((k) => [k.id, k.type, k.scale.min, k.scale.max, ...(k.scale.best === 'low' ? ['low'] : [])]),
    // The drivers' outcome decides what the drivers sums hold; only where declared, as above.
    ...(q.drivers ? { drivers: q.drivers.outcome } : {}),
  };
  return `fnv1a64:${fnv1a64(JSON.stringify(structure))}`;
}

/**
 * The sufficient statistics of a scoring pass as a JSON-safe object. The state must have been
 * read without invalid cells and within the segment limit (the readers refuse those first).
 * @example JSON.stringify(toPartial(state)) // {"kind":"servqual-partial","version":2,...}
 */
export function toPartial(state: ScoringState, options: { exactIdsApart?: boolean } = {}): ScoringPartial {
  if (state.invalidCells > 0 || state.tooManySegments !== null) {
    throw new RangeError('a scoring pass that failed (invalid cells or too many segments) has no partial result');
  }
  settleOverall(state);
  const q = state.questionnaire;
  return {
    kind: PARTIAL_KIND,
    version: PARTIAL_VERSION,
    questionnaire: { title: q.title, format: q.format, fingerprint: questionnaireFingerprint(q) },
    options: { groupBy: [...(state.options.groupBy ?? [])], skipInvalid: state.options.skipInvalid === true },
    overall: encodeSample(state.overall),
    segments: allSegments(state)
      .sort(compareSegments)
      .map((segment) => ({ column: segment.column, value: segment.value, sample: encodeSample(segment.sample) })),
    instrument: encodeInstrument(state.instrument),
    ids: encodeIds(state.ids, options.exactIdsApart === true),
    flags: {
      straightLiners: { count: state.straightLiners.count, ids: [...state.straightLiners.ids] },
      speeders: { count: state.speeders.count, ids: [...state.speeders.ids] },
    },
    exportWarnings: state.exportWarnings.map((w) => ({ code: w.code, message: w.message, count: Number(w.count) })),
    skippedCells: state.skippedCells,
    ...(state.comments ? { comments: encodeComments(state.comments) } : {}),
  };
}

/** The partial as the text `score --partial` writes: one line of JSON. */
export function renderPartial(state: ScoringState): string {
  return `${JSON.stringify(toPartial(state))}\n`;
}

const KEYS = [
  'kind',
  'version',
  'questionnaire',
  'options',
  'overall',
  'segments',
  'instrument',
  'ids',
  'flags',
  'exportWarnings',
  'skippedCells',
];
const EXPORT_WARNING_CODES = ['filtered-responses', 'excluded-responses', 'exclude-unmatched'];

/** Kind, version and questionnaire: checked first, as their problems make the rest meaningless. */
function checkHeader(value: unknown, q: Questionnaire): PartialProblem | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      code: 'not-a-partial',
      path: [],
      message: `expected a servqual partial result (an object), found ${describe(value)}`,
    };
  }
  const o = value as Record<string, unknown>;
  if (o.kind !== PARTIAL_KIND) {
    const what =
      'schemaVersion' in o
        ? 'a servqual result, not a partial result'
        : o.kind === undefined
          ? 'no "kind"'
          : `"kind": ${describe(o.kind)}`;
    return {
      code: 'not-a-partial',
      path: ['kind'],
      message: `not a servqual partial result (expected "kind": "${PARTIAL_KIND}"): found ${what}`,
    };
  }
  if (o.version !== PARTIAL_VERSION) {
    return {
      code: 'partial-version',
      path: ['version'],
      message:
        typeof o.version === 'number' && o.version < PARTIAL_VERSION
          ? `partial version ${o.version} was written by an older servqual: this one reads version ${PARTIAL_VERSION} (it adds ${o.version < 3 ? 'the sums of measurement quality and key drivers' : "the P and E sums of the gap score's reliability"})`
          : `unknown partial version ${describe(o.version)}: this servqual reads version ${PARTIAL_VERSION}`,
    };
  }
  const header = o.questionnaire as { title?: unknown; fingerprint?: unknown } | null | undefined;
  const fingerprint = questionnaireFingerprint(q);
  if (header === null || typeof header !== 'object' || header.fingerprint !== fingerprint) {
    const title = typeof header?.title === 'string' ? ` ("${header.title}")` : '';
    return {
      code: 'questionnaire-mismatch',
      path: ['questionnaire', 'fingerprint'],
      message: `scored with a different questionnaire${title} than "${q.title}": the format, scale, items, reverse flags, weights, KPIs or the drivers' outcome differ`,
    };
  }
  return null;
}

/**
 * Reads a parsed partial back into a scoring state for `q` (the questionnaire it was scored
 * with: its fingerprint must match). Checks every key, type and length, so a damaged or
 * hand-edited file gives problems, never a crash; `state` is null when there are any (past the
 * first thousand, `omitted` counts the rest). `exactIds` is the exact id set of a partial written
 * with `exactIdsApart` (handed over by a worker thread as the set itself).
 * @example fromPartial(JSON.parse(text), q).state // a ScoringState ready for mergePartials or finishScoring
 */
export function fromPartial(
  value: unknown,
  q: Questionnaire,
  apart: { exactIds?: IdSet } = {},
): { state: ScoringState | null; problems: PartialProblem[]; omitted?: number } {
  const header = checkHeader(value, q);
  if (header) return { state: null, problems: [header] };
  const d = new Decoder();
  // `comments` is there only when a table had a comment column.
  const o = d.record(value, [], Object.hasOwn(value as object, 'comments') ? [...KEYS, 'comments'] : KEYS);
  const about = d.record(o.questionnaire, ['questionnaire'], ['title', 'format', 'fingerprint']);
  d.string(about.title, ['questionnaire', 'title']);
  d.string(about.format, ['questionnaire', 'format']);
  const options = d.record(o.options, ['options'], ['groupBy', 'skipInvalid']);
  const groupBy = d.list(options.groupBy, ['options', 'groupBy']).map((x, i) => d.string(x, ['options', 'groupBy', i]));
  const state = startScoring(q, { groupBy, skipInvalid: d.boolean(options.skipInvalid, ['options', 'skipInvalid']) });
  state.overall = decodeSample(o.overall, ['overall'], d, state.layout);
  state.overallPending = false;
  state.rows = state.overall.total[0] as number;
  d.list(o.segments, ['segments']).forEach((entry, i) => {
    const path = ['segments', i];
    const s = d.record(entry, path, ['column', 'value', 'sample']);
    const column = d.string(s.column, [...path, 'column']);
    const value = d.string(s.value, [...path, 'value']);
    const sample = decodeSample(s.sample, [...path, 'sample'], d, state.layout);
    // A column given twice to --group-by has a segment per mention: the first free one takes it.
    const group = groupBy.findIndex((name, g) => name === column && !state.segments[g]?.has(value));
    if (group < 0) {
      const why = groupBy.includes(column)
        ? `segment ${column}=${JSON.stringify(value)} is listed twice`
        : `column "${column}" is not in options.groupBy`;
      d.fail([...path, 'column'], why);
      return;
    }
    addSegment(state, group, column, value, sample);
  });
  decodeInstrument(d, o.instrument, ['instrument'], state.instrument, state.rows);
  if (state.segmentCounts.some((n) => n > MAX_SEGMENTS_PER_COLUMN))
    d.fail(['segments'], `more than ${MAX_SEGMENTS_PER_COLUMN} segments in a column`);
  state.ids = decodeIds(o.ids, ['ids'], d);
  if (apart.exactIds && state.ids.exact) state.ids.exact = apart.exactIds;
  const flags = d.record(o.flags, ['flags'], ['straightLiners', 'speeders']);
  state.straightLiners = decodeFlagged(flags.straightLiners, ['flags', 'straightLiners'], d);
  state.speeders = decodeFlagged(flags.speeders, ['flags', 'speeders'], d);
  state.exportWarnings = d.list(o.exportWarnings, ['exportWarnings']).map((entry, i) => {
    const path = ['exportWarnings', i];
    const w = d.record(entry, path, ['code', 'message', 'count']);
    const code = d.string(w.code, [...path, 'code']);
    if (!EXPORT_WARNING_CODES.includes(code))
      d.fail([...path, 'code'], `expected one of ${EXPORT_WARNING_CODES.join(', ')}, found ${describe(code)}`);
    return { code, message: d.string(w.message, [...path, 'message']), count: d.count(w.count, [...path, 'count']) };
  });
  state.skippedCells = d.count(o.skippedCells, ['skippedCells']);
  if (o.comments !== undefined) {
    const comments = decodeComments(o.comments, state.layout.dimensionCount, groupBy.length);
    for (const p of comments.problems) d.fail(['comments', ...p.path], p.message);
    state.comments = comments.state;
  }
  if (d.problems.length > 0)
    return { state: null, problems: d.problems, ...(d.omitted > 0 ? { omitted: d.omitted } : {}) };
  // The decoder knows this questionnaire's layout; the shipped schema is checked too, so the two cannot drift apart.
  for (const p of checkPartialShape(value)) d.fail(p.path, p.message);
  return d.problems.length > 0 ? { state: null, problems: d.problems } : { state, problems: [] };
}

/** Whether two states were grouped by the same --group-by columns, in the same order. */
export function sameGrouping(a: ScoringState, b: ScoringState): boolean {
  const ga = a.options.groupBy ?? [];
  const gb = b.options.groupBy ?? [];
  return ga.length === gb.length && ga.every((column, i) => column === gb[i]);
}

/**
 * Combines two scoring states of the same questionnaire and grouping as if a's rows and then b's
 * had been read in one pass: samples with `mergeSamples` (overall and per segment), ids with
 * `mergeIdTrackers`. A merged column with more than MAX_SEGMENTS_PER_COLUMN values sets
 * `tooManySegments`, as one pass would.
 */
export function mergeStates(a: ScoringState, b: ScoringState): ScoringState {
  if (!sameGrouping(a, b)) throw new RangeError('cannot merge scoring states grouped by different columns');
  settleOverall(a);
  settleOverall(b);
  const merged = startScoring(a.questionnaire, {
    groupBy: [...(a.options.groupBy ?? [])],
    skipInvalid: a.options.skipInvalid === true || b.options.skipInvalid === true,
  });
  merged.overall = mergeSamples(a.overall, b.overall, merged.layout);
  merged.overallPending = false;
  merged.rows = a.rows + b.rows;
  addInstrumentInto(merged.instrument, a.instrument);
  addInstrumentInto(merged.instrument, b.instrument);
  for (const source of [a, b]) {
    for (const segment of allSegments(source)) {
      const known = merged.segments[segment.group]?.get(segment.value);
      if (known) {
        // The merged state's own copy: add in place.
        addSampleInto(known.sample, segment.sample);
        continue;
      }
      // A copy, so the merged state shares no arrays with its inputs.
      addSegment(merged, segment.group, segment.column, segment.value, copySample(segment.sample, merged.layout));
    }
  }
  merged.ids = mergeIdTrackers(a.ids, b.ids);
  merged.straightLiners = mergeFlagged(a.straightLiners, b.straightLiners);
  merged.speeders = mergeFlagged(a.speeders, b.speeders);
  merged.exportWarnings = [...a.exportWarnings, ...b.exportWarnings];
  merged.skippedCells = a.skippedCells + b.skippedCells;
  merged.invalidCells = a.invalidCells + b.invalidCells;
  merged.tooManySegments ??= a.tooManySegments ?? b.tooManySegments;
  merged.comments = mergeComments(a.comments, b.comments);
  return merged;
}

/**
 * Merges the states of shards, in the order their rows would be read in one pass; `finishScoring`
 * on the merged state gives the result of scoring every row at once (within floating-point
 * rounding; see `mergeIdTrackers` for the one approximation, beyond 524,288 distinct ids).
 * @example finishScoring(mergePartials(files.map((text) => fromPartial(JSON.parse(text), q).state!)))
 */
export function mergePartials(states: readonly ScoringState[], options?: ScoreOptions): ScoringState {
  const [first, ...rest] = states;
  if (!first) throw new RangeError('merging needs at least one partial result');
  const merged = rest.reduce(mergeStates, mergeStates(first, startScoring(first.questionnaire, first.options)));
  // The shards of one run (--threads) carry the run's own options on (onRespondent, selection...).
  if (options) merged.options = options;
  return merged;
}
