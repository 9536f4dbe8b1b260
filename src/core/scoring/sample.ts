import { packedLength } from '../stats/power-sums.js';
import type { RespondentScores, ScoringLayout } from './respondent.js';

/** The per-item quantities a sample sums: answers after reversal, and the gaps. */
const ITEM_KINDS = ['expectation', 'perception', 'minimum', 'desired', 'gap', 'msa'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
const DIMENSION_KINDS = ['gap', 'msa'] as const;
export type DimensionKind = (typeof DIMENSION_KINDS)[number];
const OVERALL_KINDS = ['unweighted', 'weighted'] as const;
export type OverallKind = (typeof OVERALL_KINDS)[number];

/**
 * The sufficient statistics of one sample (everyone, or one segment). Every number is a sum over
 * respondents (counts, power sums about a fixed shift, cross products), so memory does not grow
 * with the respondents and two samples merge by adding their `data` (see `momentsOfSums` for why
 * power sums). The other fields are views into `data`; answers and KPI values are summed about the
 * midpoint of their scale (`layout.answerShift`, `layout.kpis[k].shift`), gaps about 0.
 */
export interface SampleAccumulator {
  readonly data: Float64Array;
  /** Respondents read. */
  readonly total: Float64Array;
  /** Respondents with an overall score (every dimension scored): the count of `overall`. */
  readonly scored: Float64Array;
  readonly straightLined: Float64Array;
  /** Respondents whose allocation was blank (`missing`) or unusable (`invalid`), so fell back to fixed weights. */
  readonly fallbackMissing: Float64Array;
  readonly fallbackInvalid: Float64Array;
  /** Per item: respondents with every answer of the item; and the sums of each quantity over them. */
  readonly item: PowerSums<ItemKind>;
  /** Per dimension: respondents scored on it (the half-of-items rule). */
  readonly dimension: CompensatedSums<DimensionKind>;
  /** Per dimension, sum of the normalised weights used, over scored respondents. */
  readonly importance: Float64Array;
  /** Per dimension, over respondents with every item's gap: the gap sums and packed cross products (Cronbach's alpha). */
  readonly reliability: { n: Float64Array; sum: Float64Array[]; products: Float64Array[] };
  /** The respondents' overall scores, over `scored` respondents (length 1 each). */
  readonly overall: Omit<CompensatedSums<OverallKind>, 'n'>;
  /** Per KPI: answers, their sums, and the NPS bands (promoters 9-10, passives 7-8, detractors 0-6) or CSAT's top two points. */
  readonly kpi: PowerSums<'value'> & {
    promoters: Float64Array;
    passives: Float64Array;
    detractors: Float64Array;
    topTwo: Float64Array;
  };
}

/** Count, Σ(x - c) and Σ(x - c)² of quantities observed together, one entry per item, dimension or KPI. */
interface PowerSums<K extends string> {
  n: Float64Array;
  sum: Record<K, Float64Array>;
  squares: Record<K, Float64Array>;
}

/**
 * Power sums of quantities that are not whole numbers (dimension means, weighted scores), with the
 * Neumaier compensation of each sum in `carry`: the mean is `(sum + carry) / n`, so a quantity
 * that is -0.2 for everyone has the mean -0.2, not -0.19999999999999718.
 */
export interface CompensatedSums<K extends string> extends PowerSums<K> {
  carry: Record<K, Float64Array>;
}

/** Hands out consecutive views of one buffer: first counts the lengths, then slices. */
class Carver {
  private offset = 0;
  constructor(private readonly data: Float64Array | null) {}
  take(length: number): Float64Array {
    const start = this.offset;
    this.offset += length;
    return this.data ? this.data.subarray(start, start + length) : new Float64Array(0);
  }
  get size(): number {
    return this.offset;
  }
  powerSums<K extends string>(kinds: readonly K[], length: number): PowerSums<K> {
    const n = this.take(length);
    const sum = {} as Record<K, Float64Array>;
    const squares = {} as Record<K, Float64Array>;
    for (const kind of kinds) {
      sum[kind] = this.take(length);
      squares[kind] = this.take(length);
    }
    return { n, sum, squares };
  }
  compensatedSums<K extends string>(kinds: readonly K[], length: number): CompensatedSums<K> {
    const sums = this.powerSums(kinds, length);
    const carry = {} as Record<K, Float64Array>;
    for (const kind of kinds) carry[kind] = this.take(length);
    return { ...sums, carry };
  }
}

function carve(carver: Carver, layout: ScoringLayout): Omit<SampleAccumulator, 'data'> {
  const { itemCount: items, dimensionCount: dimensions, kpiCount: kpis } = layout;
  const overall = carver.compensatedSums(OVERALL_KINDS, 1);
  return {
    total: carver.take(1),
    // The count of the overall scores.
    scored: overall.n,
    straightLined: carver.take(1),
    fallbackMissing: carver.take(1),
    fallbackInvalid: carver.take(1),
    item: carver.powerSums(ITEM_KINDS, items),
    dimension: carver.compensatedSums(DIMENSION_KINDS, dimensions),
    importance: carver.take(dimensions),
    reliability: {
      n: carver.take(dimensions),
      sum: layout.dimensionItems.map((list) => carver.take(list.length)),
      products: layout.dimensionItems.map((list) => carver.take(packedLength(list.length))),
    },
    overall: { sum: overall.sum, squares: overall.squares, carry: overall.carry },
    kpi: {
      ...carver.powerSums(['value'], kpis),
      promoters: carver.take(kpis),
      passives: carver.take(kpis),
      detractors: carver.take(kpis),
      topTwo: carver.take(kpis),
    },
  };
}

/** An empty sample; with `data`, a sample over that buffer (which must be `sampleSize(layout)` long). */
export function emptySample(layout: ScoringLayout, data?: Float64Array): SampleAccumulator {
  const size = sampleSize(layout);
  const buffer = data ?? new Float64Array(size);
  if (buffer.length !== size)
    throw new RangeError(`a sample of this questionnaire holds ${size} numbers, not ${buffer.length}`);
  return { data: buffer, ...carve(new Carver(buffer), layout) };
}

/** How many numbers a sample of this questionnaire holds. */
function sampleSize(layout: ScoringLayout): number {
  const counter = new Carver(null);
  carve(counter, layout);
  return counter.size;
}

/** Adds `x` and its square at index `i`. */
function addTo(sum: Float64Array, squares: Float64Array, i: number, x: number): void {
  sum[i] = (sum[i] as number) + x;
  squares[i] = (squares[i] as number) + x * x;
}

/** Adds `x` and its square at index `i`, compensating the sum (Neumaier): for quantities that are not whole numbers. */
function addCompensated(sums: Omit<CompensatedSums<string>, 'n'>, kind: string, i: number, x: number): void {
  const sum = sums.sum[kind] as Float64Array;
  const carry = sums.carry[kind] as Float64Array;
  const before = sum[i] as number;
  const after = before + x;
  carry[i] = (carry[i] as number) + (Math.abs(before) >= Math.abs(x) ? before - after + x : x - after + before);
  sum[i] = after;
  const squares = sums.squares[kind] as Float64Array;
  squares[i] = (squares[i] as number) + x * x;
}

/** Adds one respondent's derived scores to a sample. */
export function addRespondent(sample: SampleAccumulator, s: RespondentScores, layout: ScoringLayout): void {
  sample.total[0] = (sample.total[0] as number) + 1;
  addItems(sample.item, s, layout);
  addDimensions(sample, s, layout);
  if (s.weightSource === 'fallback-missing') sample.fallbackMissing[0] = (sample.fallbackMissing[0] as number) + 1;
  if (s.weightSource === 'fallback-invalid') sample.fallbackInvalid[0] = (sample.fallbackInvalid[0] as number) + 1;
  if (!Number.isNaN(s.weighted)) {
    sample.scored[0] = (sample.scored[0] as number) + 1;
    addCompensated(sample.overall, 'unweighted', 0, s.unweighted);
    addCompensated(sample.overall, 'weighted', 0, s.weighted);
    const importance = sample.importance;
    for (let d = 0; d < layout.dimensionCount; d++) importance[d] = (importance[d] as number) + (s.weight[d] as number);
  }
  addKpis(sample.kpi, s.kpi, layout);
  if (s.straightLined) sample.straightLined[0] = (sample.straightLined[0] as number) + 1;
}

/**
 * The per-item sums. The arrays are taken out of the records once and the format is tested once,
 * outside the loop: this runs for every item of every respondent and every sample they are in.
 */
function addItems(item: SampleAccumulator['item'], s: RespondentScores, layout: ScoringLayout): void {
  const { n, sum, squares } = item;
  const shift = layout.answerShift;
  const gap = s.gap;
  const perception = s.perception;
  const gapSum = sum.gap;
  const gapSquares = squares.gap;
  const perceptionSum = sum.perception;
  const perceptionSquares = squares.perception;
  const twoColumn = layout.format === 'two-column';
  const threeColumn = layout.format === 'three-column';
  for (let i = 0; i < layout.itemCount; i++) {
    const g = gap[i] as number;
    if (Number.isNaN(g)) continue; // NaN: the item is missing
    n[i] = (n[i] as number) + 1;
    gapSum[i] = (gapSum[i] as number) + g;
    gapSquares[i] = (gapSquares[i] as number) + g * g;
    const p = (perception[i] as number) - shift;
    perceptionSum[i] = (perceptionSum[i] as number) + p;
    perceptionSquares[i] = (perceptionSquares[i] as number) + p * p;
    if (twoColumn) addTo(sum.expectation, squares.expectation, i, (s.expectation[i] as number) - shift);
    else if (threeColumn) {
      addTo(sum.minimum, squares.minimum, i, (s.minimum[i] as number) - shift);
      addTo(sum.desired, squares.desired, i, (s.desired[i] as number) - shift);
      addTo(sum.msa, squares.msa, i, s.msa[i] as number);
    }
  }
}

function addDimensions(sample: SampleAccumulator, s: RespondentScores, layout: ScoringLayout): void {
  const dimension = sample.dimension;
  const n = dimension.n;
  const threeColumn = layout.format === 'three-column';
  for (let d = 0; d < layout.dimensionCount; d++) {
    const gap = s.dimensionGap[d] as number;
    if (Number.isNaN(gap)) continue; // NaN: too few items answered
    n[d] = (n[d] as number) + 1;
    addCompensated(dimension, 'gap', d, gap);
    if (threeColumn) addCompensated(dimension, 'msa', d, s.dimensionMsa[d] as number);
    if (s.dimensionComplete[d] === 1)
      addCrossProducts(sample.reliability, d, layout.dimensionItems[d] as Int32Array, s.gap);
  }
}

function addCrossProducts(
  reliability: SampleAccumulator['reliability'],
  d: number,
  items: Int32Array,
  gap: Float64Array,
): void {
  reliability.n[d] = (reliability.n[d] as number) + 1;
  const sum = reliability.sum[d] as Float64Array;
  const products = reliability.products[d] as Float64Array;
  let p = 0;
  for (let a = 0; a < items.length; a++) {
    const x = gap[items[a] as number] as number;
    sum[a] = (sum[a] as number) + x;
    for (let b = a; b < items.length; b++) {
      products[p] = (products[p] as number) + x * (gap[items[b] as number] as number);
      p++;
    }
  }
}

function addKpis(kpi: SampleAccumulator['kpi'], values: Float64Array, layout: ScoringLayout): void {
  for (let k = 0; k < layout.kpiCount; k++) {
    const x = values[k] as number;
    if (Number.isNaN(x)) continue;
    const rule = layout.kpis[k] as ScoringLayout['kpis'][number];
    kpi.n[k] = (kpi.n[k] as number) + 1;
    addTo(kpi.sum.value, kpi.squares.value, k, x - rule.shift);
    if (rule.type === 'nps') {
      const band = x >= 9 ? kpi.promoters : x >= 7 ? kpi.passives : kpi.detractors;
      band[k] = (band[k] as number) + 1;
    } else if (x >= rule.max - 1) {
      kpi.topTwo[k] = (kpi.topTwo[k] as number) + 1;
    }
  }
}

/** Combines two samples of the same questionnaire as if every respondent had been added to one: every number is a sum. */
export function mergeSamples(a: SampleAccumulator, b: SampleAccumulator, layout: ScoringLayout): SampleAccumulator {
  return addSampleInto(copySample(a, layout), b);
}

/** Adds `source` into `target` in place (every number is a sum); returns `target`. */
export function addSampleInto(target: SampleAccumulator, source: SampleAccumulator): SampleAccumulator {
  if (target.data.length !== source.data.length)
    throw new RangeError('cannot merge samples of different questionnaires');
  const to = target.data;
  const from = source.data;
  for (let i = 0; i < to.length; i++) to[i] = (to[i] as number) + (from[i] as number);
  return target;
}

/** An independent copy of a sample. */
export const copySample = (sample: SampleAccumulator, layout: ScoringLayout): SampleAccumulator =>
  emptySample(layout, sample.data.slice());
