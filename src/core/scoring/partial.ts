/**
 * Partial results: the sufficient statistics of a scoring pass as JSON (`score --partial`), so
 * shards scored by separate processes or machines merge (`merge`) into the result of one pass.
 * Pure: the callers read and write the files.
 */
import type { Format, Questionnaire } from '../questionnaire/model.js';
import type { CoMoments } from '../stats/comoments.js';
import type { Moments } from '../stats/moments.js';
import { Decoder, describe, type JsonPath, type PartialProblem } from './partial-decode.js';
import { decodeIds, encodeIds, mergeIdTrackers, type PartialIds } from './partial-ids.js';
import type { ScoringLayout } from './respondent.js';
import { emptySample, mergeSamples, type KpiAccumulator, type SampleAccumulator } from './sample.js';
import { addSegment, compareSegments, MAX_SEGMENTS_PER_COLUMN, segmentKey, startScoring, type ScoringState } from './scorer.js';

export type { PartialProblem } from './partial-decode.js';

export const PARTIAL_KIND = 'servqual-partial';
export const PARTIAL_VERSION = 1;

/** `[n, mean, m2]` of one variable (see `Moments`). */
export type PartialMoments = [number, number, number];

/** `CoMoments` with plain lists: `c` is the k x k co-moment matrix, row-major. */
export interface PartialCoMoments {
  n: number;
  mean: number[];
  c: number[];
}

/** One `SampleAccumulator` as JSON; lists are per item, dimension or KPI in questionnaire order. */
export interface PartialSample {
  total: number;
  scored: number;
  item: Record<(typeof ITEM_LISTS)[number], PartialMoments[]>;
  dimension: { gap: PartialMoments[]; msa: PartialMoments[]; reliability: PartialCoMoments[] };
  overall: { unweighted: PartialMoments; weighted: PartialMoments };
  importance: number[];
  kpi: { values: PartialMoments; promoters: number; passives: number; detractors: number; topTwo: number }[];
  weightFallback: { missing: number; invalid: number };
  straightLined: number;
}

/** What `score --partial` writes (version 1). Every number is a finite double, so JSON round-trips it exactly. */
export interface ScoringPartial {
  kind: typeof PARTIAL_KIND;
  version: typeof PARTIAL_VERSION;
  questionnaire: { title: string; format: Format; fingerprint: string };
  options: { groupBy: string[]; skipInvalid: boolean };
  overall: PartialSample;
  segments: { column: string; value: string; sample: PartialSample }[];
  ids: PartialIds;
  skippedCells: number;
}

const ITEM_LISTS = ['expectation', 'perception', 'minimum', 'desired', 'gap', 'msa'] as const;

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
 * their items in order (with `reverse`), the weights and the KPIs (id, type, scale). Labels,
 * statements, recommendations, thresholds and column names do not change a number, so a
 * questionnaire that differs only in those still matches.
 * @example questionnaireFingerprint(q) // "fnv1a64:9d3a5c0e11b2f7a4"
 */
export function questionnaireFingerprint(q: Questionnaire): string {
  const structure = {
    format: q.format,
    scale: [q.scale.min, q.scale.max],
    dimensions: q.dimensions.map((d) => [d.id, d.items.map((item) => [item.id, item.reverse])]),
    weights: { source: q.weights.source, fixed: q.dimensions.map((d) => q.weights.fixed?.[d.id] ?? null) },
    kpis: q.kpis.map((k) => [k.id, k.type, k.scale.min, k.scale.max]),
  };
  return `fnv1a64:${fnv1a64(JSON.stringify(structure))}`;
}

function finite(x: number): number {
  // The accumulators only ever hold finite sums; anything else is a bug, not bad input.
  if (!Number.isFinite(x)) throw new RangeError(`a partial result cannot hold ${x}`);
  return x;
}

const encodeMoments = (m: Moments): PartialMoments => [m.n, finite(m.mean), finite(m.m2)];

function encodeSample(s: SampleAccumulator): PartialSample {
  const item = {} as PartialSample['item'];
  for (const key of ITEM_LISTS) item[key] = s.item[key].map(encodeMoments);
  return {
    total: s.total,
    scored: s.scored,
    item,
    dimension: {
      gap: s.dimension.gap.map(encodeMoments),
      msa: s.dimension.msa.map(encodeMoments),
      reliability: s.dimension.reliability.map((cm) => ({ n: cm.n, mean: Array.from(cm.mean, finite), c: Array.from(cm.c, finite) })),
    },
    overall: { unweighted: encodeMoments(s.overall.unweighted), weighted: encodeMoments(s.overall.weighted) },
    importance: Array.from(s.importance, finite),
    kpi: s.kpi.map((k) => ({ values: encodeMoments(k.values), promoters: k.promoters, passives: k.passives, detractors: k.detractors, topTwo: k.topTwo })),
    weightFallback: { missing: s.weightFallback.missing, invalid: s.weightFallback.invalid },
    straightLined: s.straightLined,
  };
}

/**
 * The sufficient statistics of a scoring pass as a JSON-safe object. The state must have been
 * read without invalid cells and within the segment limit (the readers refuse those first).
 * @example JSON.stringify(toPartial(state)) // {"kind":"servqual-partial","version":1,...}
 */
export function toPartial(state: ScoringState): ScoringPartial {
  if (state.invalidCells > 0 || state.tooManySegments !== null) {
    throw new RangeError('a scoring pass that failed (invalid cells or too many segments) has no partial result');
  }
  const q = state.questionnaire;
  return {
    kind: PARTIAL_KIND,
    version: PARTIAL_VERSION,
    questionnaire: { title: q.title, format: q.format, fingerprint: questionnaireFingerprint(q) },
    options: { groupBy: [...(state.options.groupBy ?? [])], skipInvalid: state.options.skipInvalid === true },
    overall: encodeSample(state.overall),
    segments: [...state.segments.values()].sort(compareSegments).map((segment) => ({ column: segment.column, value: segment.value, sample: encodeSample(segment.sample) })),
    ids: encodeIds(state.ids),
    skippedCells: state.skippedCells,
  };
}

/** The partial as the text `score --partial` writes: one line of JSON. */
export function renderPartial(state: ScoringState): string {
  return `${JSON.stringify(toPartial(state))}\n`;
}

function decodeMoments(value: unknown, path: JsonPath, d: Decoder): Moments {
  const list = d.list(value, path, 3, 'of n, mean and m2');
  return { n: d.count(list[0], [...path, 0]), mean: d.real(list[1], [...path, 1]), m2: d.nonNegative(list[2], [...path, 2]) };
}

const decodeMomentsList = (value: unknown, path: JsonPath, d: Decoder, length: number, what: string): Moments[] =>
  d.list(value, path, length, what).map((m, i) => decodeMoments(m, [...path, i], d));

function decodeCoMoments(value: unknown, path: JsonPath, d: Decoder, k: number): CoMoments {
  const o = d.record(value, path, ['n', 'mean', 'c']);
  const mean = d.list(o.mean, [...path, 'mean'], k, 'item of the dimension').map((x, i) => d.real(x, [...path, 'mean', i]));
  const c = d.list(o.c, [...path, 'c'], k * k, 'pair of items of the dimension').map((x, i) => d.real(x, [...path, 'c', i]));
  return { k, n: d.count(o.n, [...path, 'n']), mean: Float64Array.from(mean), c: Float64Array.from(c) };
}

function decodeKpi(value: unknown, path: JsonPath, d: Decoder): KpiAccumulator {
  const o = d.record(value, path, ['values', 'promoters', 'passives', 'detractors', 'topTwo']);
  return {
    values: decodeMoments(o.values, [...path, 'values'], d),
    promoters: d.count(o.promoters, [...path, 'promoters']),
    passives: d.count(o.passives, [...path, 'passives']),
    detractors: d.count(o.detractors, [...path, 'detractors']),
    topTwo: d.count(o.topTwo, [...path, 'topTwo']),
  };
}

function decodeSample(value: unknown, path: JsonPath, d: Decoder, layout: ScoringLayout): SampleAccumulator {
  const o = d.record(value, path, ['total', 'scored', 'item', 'dimension', 'overall', 'importance', 'kpi', 'weightFallback', 'straightLined']);
  const sample = emptySample(layout);
  sample.total = d.count(o.total, [...path, 'total']);
  sample.scored = d.count(o.scored, [...path, 'scored']);
  if (sample.scored > sample.total) d.fail([...path, 'scored'], `${sample.scored} scored of ${sample.total} respondents`);
  const item = d.record(o.item, [...path, 'item'], ITEM_LISTS);
  for (const key of ITEM_LISTS) sample.item[key] = decodeMomentsList(item[key], [...path, 'item', key], d, layout.itemCount, 'item');
  const dim = d.record(o.dimension, [...path, 'dimension'], ['gap', 'msa', 'reliability']);
  sample.dimension.gap = decodeMomentsList(dim.gap, [...path, 'dimension', 'gap'], d, layout.dimensionCount, 'dimension');
  sample.dimension.msa = decodeMomentsList(dim.msa, [...path, 'dimension', 'msa'], d, layout.dimensionCount, 'dimension');
  sample.dimension.reliability = d
    .list(dim.reliability, [...path, 'dimension', 'reliability'], layout.dimensionCount, 'dimension')
    .map((cm, i) => decodeCoMoments(cm, [...path, 'dimension', 'reliability', i], d, (layout.dimensionItems[i] as Int32Array).length));
  const overall = d.record(o.overall, [...path, 'overall'], ['unweighted', 'weighted']);
  sample.overall.unweighted = decodeMoments(overall.unweighted, [...path, 'overall', 'unweighted'], d);
  sample.overall.weighted = decodeMoments(overall.weighted, [...path, 'overall', 'weighted'], d);
  sample.importance = Float64Array.from(
    d.list(o.importance, [...path, 'importance'], layout.dimensionCount, 'dimension').map((x, i) => d.nonNegative(x, [...path, 'importance', i])),
  );
  sample.kpi = d.list(o.kpi, [...path, 'kpi'], layout.kpiCount, 'KPI').map((k, i) => decodeKpi(k, [...path, 'kpi', i], d));
  const fallback = d.record(o.weightFallback, [...path, 'weightFallback'], ['missing', 'invalid']);
  sample.weightFallback = { missing: d.count(fallback.missing, [...path, 'weightFallback', 'missing']), invalid: d.count(fallback.invalid, [...path, 'weightFallback', 'invalid']) };
  sample.straightLined = d.count(o.straightLined, [...path, 'straightLined']);
  return sample;
}

const KEYS = ['kind', 'version', 'questionnaire', 'options', 'overall', 'segments', 'ids', 'skippedCells'];

/** Kind, version and questionnaire: checked first, as their problems make the rest meaningless. */
function checkHeader(value: unknown, q: Questionnaire): PartialProblem | null {
  const hint = 'write partial results with: servqual score QUESTIONNAIRE RESPONSES... --partial --output part.json';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { code: 'not-a-partial', path: [], message: `expected a servqual partial result (an object), found ${describe(value)}`, hint };
  }
  const o = value as Record<string, unknown>;
  if (o.kind !== PARTIAL_KIND) {
    const what = 'schemaVersion' in o ? 'a servqual result, not a partial result' : o.kind === undefined ? 'no "kind"' : `"kind": ${describe(o.kind)}`;
    return { code: 'not-a-partial', path: ['kind'], message: `not a servqual partial result (expected "kind": "${PARTIAL_KIND}"): found ${what}`, hint };
  }
  if (o.version !== PARTIAL_VERSION) {
    return {
      code: 'partial-version',
      path: ['version'],
      message: `unknown partial version ${describe(o.version)}: this servqual reads version ${PARTIAL_VERSION}`,
      hint: 'score the shard again with this version of servqual',
    };
  }
  const header = o.questionnaire as { title?: unknown; fingerprint?: unknown } | null | undefined;
  const fingerprint = questionnaireFingerprint(q);
  if (header === null || typeof header !== 'object' || header.fingerprint !== fingerprint) {
    const title = typeof header?.title === 'string' ? ` ("${header.title}")` : '';
    return {
      code: 'questionnaire-mismatch',
      path: ['questionnaire', 'fingerprint'],
      message: `scored with a different questionnaire${title} than "${q.title}": the format, scale, items, reverse flags, weights or KPIs differ`,
      hint: 'merge only partials scored with this questionnaire',
    };
  }
  return null;
}

/**
 * Reads a parsed partial back into a scoring state for `q` (the questionnaire it was scored
 * with: its fingerprint must match). Checks every key, type and length, so a damaged or
 * hand-edited file gives problems, never a crash; `state` is null when there are any.
 * @example fromPartial(JSON.parse(text), q).state // a ScoringState ready for mergePartials or finishScoring
 */
export function fromPartial(value: unknown, q: Questionnaire): { state: ScoringState | null; problems: PartialProblem[] } {
  const header = checkHeader(value, q);
  if (header) return { state: null, problems: [header] };
  const d = new Decoder();
  const o = d.record(value, [], KEYS);
  const about = d.record(o.questionnaire, ['questionnaire'], ['title', 'format', 'fingerprint']);
  d.string(about.title, ['questionnaire', 'title']);
  d.string(about.format, ['questionnaire', 'format']);
  const options = d.record(o.options, ['options'], ['groupBy', 'skipInvalid']);
  const groupBy = d.list(options.groupBy, ['options', 'groupBy']).map((x, i) => d.string(x, ['options', 'groupBy', i]));
  const state = startScoring(q, { groupBy, skipInvalid: d.boolean(options.skipInvalid, ['options', 'skipInvalid']) });
  state.overall = decodeSample(o.overall, ['overall'], d, state.layout);
  d.list(o.segments, ['segments']).forEach((entry, i) => {
    const path = ['segments', i];
    const s = d.record(entry, path, ['column', 'value', 'sample']);
    const column = d.string(s.column, [...path, 'column']);
    const value = d.string(s.value, [...path, 'value']);
    const sample = decodeSample(s.sample, [...path, 'sample'], d, state.layout);
    // A column given twice to --group-by has a segment per mention: the first free one takes it.
    const group = groupBy.findIndex((name, g) => name === column && !state.segments.has(segmentKey(g, value)));
    if (group < 0) {
      const why = groupBy.includes(column) ? `segment ${column}=${JSON.stringify(value)} is listed twice` : `column "${column}" is not in options.groupBy`;
      d.fail([...path, 'column'], why);
      return;
    }
    addSegment(state, group, column, value, sample);
  });
  if (state.segmentCounts.some((n) => n > MAX_SEGMENTS_PER_COLUMN)) d.fail(['segments'], `more than ${MAX_SEGMENTS_PER_COLUMN} segments in a column`);
  state.ids = decodeIds(o.ids, ['ids'], d);
  state.skippedCells = d.count(o.skippedCells, ['skippedCells']);
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
  const merged = startScoring(a.questionnaire, { groupBy: [...(a.options.groupBy ?? [])], skipInvalid: a.options.skipInvalid === true || b.options.skipInvalid === true });
  merged.overall = mergeSamples(a.overall, b.overall);
  for (const source of [a, b]) {
    for (const [key, segment] of source.segments) {
      const known = merged.segments.get(key);
      if (known) {
        known.sample = mergeSamples(known.sample, segment.sample);
        continue;
      }
      // Merging with an empty sample copies, so the merged state shares no arrays with its inputs.
      addSegment(merged, segment.group, segment.column, segment.value, mergeSamples(segment.sample, emptySample(merged.layout)));
    }
  }
  merged.ids = mergeIdTrackers(a.ids, b.ids);
  merged.skippedCells = a.skippedCells + b.skippedCells;
  merged.invalidCells = a.invalidCells + b.invalidCells;
  merged.tooManySegments ??= a.tooManySegments ?? b.tooManySegments;
  return merged;
}

/**
 * Merges the states of shards, in the order their rows would be read in one pass; `finishScoring`
 * on the merged state gives the result of scoring every row at once (within floating-point
 * rounding; see `mergeIdTrackers` for the one approximation, beyond 200,000 distinct ids).
 * @example finishScoring(mergePartials(files.map((text) => fromPartial(JSON.parse(text), q).state!)))
 */
export function mergePartials(states: readonly ScoringState[]): ScoringState {
  const [first, ...rest] = states;
  if (!first) throw new RangeError('merging needs at least one partial result');
  return rest.reduce(mergeStates, mergeStates(first, startScoring(first.questionnaire, first.options)));
}
