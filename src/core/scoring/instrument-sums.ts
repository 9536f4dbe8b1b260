/**
 * The sufficient statistics of measurement quality and key drivers (issue 16): sums over the whole
 * sample only, kept beside the samples rather than in them, because no segment needs them and a
 * segment's sample would otherwise carry k(k+1)/2 more numbers for nothing.
 *
 * - `items`: over respondents with every item of the instrument (listwise), the item scores alpha
 *   uses (gaps; MSS for three-column; P for perceptions-only, about the scale's midpoint), their
 *   sums and the packed upper triangle of cross products (see `coMomentsOfProducts`).
 * - `drivers`: over respondents with every dimension score and the outcome, the dimension scores
 *   and the outcome last (about their midpoints), with the same sums; empty when no outcome is declared.
 * - `pairs`: per dimension, the P and E sums of the difference-score reliability (`pair-sums.ts`);
 *   empty for perceptions-only (no gap, nothing to pair).
 *
 * Every number is a sum, so shards merge by adding `data`, as samples do.
 */
import type { Questionnaire } from '../questionnaire/model.js';
import { allItems } from '../questionnaire/model.js';
import { coMomentsOfProducts, packedLength } from '../stats/power-sums.js';
import type { CoMoments } from '../stats/comoments.js';
import type { Decoder, JsonPath } from './partial-decode.js';
import {
  addPairs,
  carvePairs,
  decodePairs,
  encodePairs,
  type PairSums,
  type PartialPairs,
  pairSize,
} from './pair-sums.js';
import type { RespondentScores, ScoringLayout } from './respondent.js';

/** Where the drivers' outcome is read from in a respondent's scores, and the midpoint it is summed about. */
export type OutcomeSource = { kind: 'kpi' | 'item'; index: number; shift: number };

/** Co-products of `k` variables observed together: `n`, `sum` (k) and `products` (packed, k(k+1)/2), views of one buffer. */
export interface ProductSums {
  readonly k: number;
  readonly n: Float64Array;
  readonly sum: Float64Array;
  readonly products: Float64Array;
}

export interface InstrumentSums {
  readonly data: Float64Array;
  readonly items: ProductSums;
  /** Null when the questionnaire declares no outcome. */
  readonly drivers: ProductSums | null;
  /** Per dimension, the P and E sums (`pair-sums.ts`); empty for perceptions-only. */
  readonly pairs: readonly PairSums[];
  /**
   * Up to BUFFERED complete respondents' shifted item scores (row r at r * k), whose products are
   * not yet in `items.products` (their `n` and `sum` are); `flushInstrument` adds them. Not a sum.
   */
  readonly buffer: Float64Array;
  /** How many rows of `buffer` are waiting (one number, mutable in a readonly record). */
  readonly buffered: Uint8Array;
}

/**
 * Complete respondents whose cross products are added together: one load and store of each of
 * the k(k+1)/2 products per four rows instead of per row (a rank-4 update; issue 16's speed budget).
 */
const BUFFERED = 4;

/** Where a questionnaire's drivers outcome lives; null without one (or, defensively, an unknown id). */
export function outcomeSource(q: Questionnaire, layout: ScoringLayout): OutcomeSource | null {
  const outcome = q.drivers?.outcome;
  if (outcome === undefined) return null;
  const kpi = q.kpis.findIndex((k) => k.id === outcome);
  if (kpi >= 0) return { kind: 'kpi', index: kpi, shift: (layout.kpis[kpi] as ScoringLayout['kpis'][number]).shift };
  const item = allItems(q).findIndex((i) => i.id === outcome);
  if (item >= 0) return { kind: 'item', index: item, shift: layout.itemMidpoint[item] as number };
  return null;
}

const sizeOf = (k: number): number => 1 + k + packedLength(k);

function carveProducts(data: Float64Array, start: number, k: number): ProductSums {
  return {
    k,
    n: data.subarray(start, start + 1),
    sum: data.subarray(start + 1, start + 1 + k),
    products: data.subarray(start + 1 + k, start + sizeOf(k)),
  };
}

/**
 * Empty sums for a questionnaire of `itemCount` items and `dimensionCount` dimensions, with or
 * without drivers, and with P-E pairs for dimensions of `pairSizes` items each (none for perceptions-only).
 */
export function emptyInstrumentSums(
  itemCount: number,
  dimensionCount: number,
  withDrivers: boolean,
  pairSizes: readonly number[] = [],
): InstrumentSums {
  const itemSize = sizeOf(itemCount);
  const driverSize = withDrivers ? sizeOf(dimensionCount + 1) : 0;
  const pairsSize = pairSizes.reduce((total, k) => total + pairSize(k), 0);
  const data = new Float64Array(itemSize + driverSize + pairsSize);
  let start = itemSize + driverSize;
  const pairs = pairSizes.map((k) => {
    const block = carvePairs(data, start, k);
    start += pairSize(k);
    return block;
  });
  return {
    data,
    items: carveProducts(data, 0, itemCount),
    drivers: withDrivers ? carveProducts(data, itemSize, dimensionCount + 1) : null,
    pairs,
    buffer: new Float64Array(BUFFERED * itemCount),
    buffered: new Uint8Array(1),
  };
}

/**
 * Adds one respondent. The cost that matters is the k(k+1)/2 multiply-adds of a complete
 * respondent (253 for 22 items): flat arrays, the inner loop over j >= i, nothing allocated.
 * `shift` is what the item and dimension scores are summed about (the scale's midpoint for
 * perceptions-only, 0 for gaps), so the sums stay small and, for answers, exact.
 */
export function addToInstrument(
  sums: InstrumentSums,
  s: RespondentScores,
  layout: ScoringLayout,
  outcome: OutcomeSource | null,
  shift: number,
): void {
  const complete = s.dimensionComplete;
  let all = layout.dimensionCount > 0;
  for (let d = 0; d < layout.dimensionCount && all; d++) all = complete[d] === 1;
  if (all) bufferItems(sums, s.gap, shift);
  if (sums.pairs.length > 0) addPairs(sums.pairs, s, layout);
  const drivers = sums.drivers;
  if (drivers === null || outcome === null || Number.isNaN(s.unweighted)) return;
  const y = outcome.kind === 'kpi' ? (s.kpi[outcome.index] as number) : (s.perception[outcome.index] as number);
  if (Number.isNaN(y)) return;
  addDriverProducts(drivers, s.dimensionGap, shift, y - outcome.shift);
}

/** Counts a complete respondent and queues its shifted scores; every BUFFERED rows their products are added. */
function bufferItems(sums: InstrumentSums, x: Float64Array, shift: number): void {
  const { k, sum, n } = sums.items;
  const row = (sums.buffered[0] as number) * k;
  const buffer = sums.buffer;
  for (let i = 0; i < k; i++) {
    const xi = (x[i] as number) - shift;
    buffer[row + i] = xi;
    sum[i] = (sum[i] as number) + xi;
  }
  n[0] = (n[0] as number) + 1;
  sums.buffered[0] = (sums.buffered[0] as number) + 1;
  if (sums.buffered[0] === BUFFERED) flushInstrument(sums);
}

/**
 * Adds the buffered rows' cross products and empties the buffer. Missing rows are zeros, which add
 * exactly nothing, so one loop serves any count. For answers and gaps (whole or half numbers) every
 * product and sum is exact, so the result is the same as adding row by row. Idempotent: called
 * before anything reads, merges or encodes the sums.
 */
export function flushInstrument(sums: InstrumentSums): void {
  const count = sums.buffered[0] as number;
  if (count === 0) return;
  const { k, products } = sums.items;
  const b = sums.buffer;
  b.fill(0, count * k);
  let p = 0;
  for (let i = 0; i < k; i++) {
    const a0 = b[i] as number;
    const a1 = b[k + i] as number;
    const a2 = b[2 * k + i] as number;
    const a3 = b[3 * k + i] as number;
    // A gap of 0 (P = E) in all four rows adds nothing to this row of products: common, and skipping it is exact.
    if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) {
      p += k - i;
      continue;
    }
    for (let j = i; j < k; j++) {
      products[p] =
        (products[p] as number) +
        (a0 * (b[j] as number) +
          a1 * (b[k + j] as number) +
          a2 * (b[2 * k + j] as number) +
          a3 * (b[3 * k + j] as number));
      p++;
    }
  }
  sums.buffered[0] = 0;
}

/** The dimension scores (about `shift`) and then the outcome `y` (already about its midpoint). */
function addDriverProducts(target: ProductSums, scores: Float64Array, shift: number, y: number): void {
  const { k, sum, products } = target;
  const last = k - 1;
  target.n[0] = (target.n[0] as number) + 1;
  let p = 0;
  for (let i = 0; i < k; i++) {
    const xi = i === last ? y : (scores[i] as number) - shift;
    sum[i] = (sum[i] as number) + xi;
    for (let j = i; j < k; j++) {
      const xj = j === last ? y : (scores[j] as number) - shift;
      products[p] = (products[p] as number) + xi * xj;
      p++;
    }
  }
}

/** Adds `source` into `target` in place (every number is a sum). */
export function addInstrumentInto(target: InstrumentSums, source: InstrumentSums): void {
  if (target.data.length !== source.data.length)
    throw new RangeError('cannot merge the instrument sums of different questionnaires');
  flushInstrument(target);
  flushInstrument(source);
  const to = target.data;
  const from = source.data;
  for (let i = 0; i < to.length; i++) to[i] = (to[i] as number) + (from[i] as number);
}

/** Count, means and co-moments of the summed variables. */
export const coMomentsOf = (sums: ProductSums): CoMoments =>
  coMomentsOfProducts(sums.n[0] as number, sums.sum, sums.products, sums.k);

export interface PartialProducts {
  n: number;
  sum: number[];
  products: number[];
}

/** The instrument sums as they go in a partial: `{ items: {n, sum, products}, drivers?: {...}, pairs: [{...}] }` (drivers only when declared). */
export function encodeInstrument(sums: InstrumentSums): {
  items: PartialProducts;
  drivers?: PartialProducts;
  pairs: PartialPairs[];
} {
  flushInstrument(sums);
  const encode = (p: ProductSums): PartialProducts => ({
    n: p.n[0] as number,
    sum: Array.from(p.sum),
    products: Array.from(p.products),
  });
  return {
    items: encode(sums.items),
    ...(sums.drivers ? { drivers: encode(sums.drivers) } : {}),
    pairs: sums.pairs.map(encodePairs),
  };
}

/** Reads `encodeInstrument` JSON into `sums` (empty, of this questionnaire), reporting to `d` what does not fit. */
export function decodeInstrument(
  d: Decoder,
  value: unknown,
  path: JsonPath,
  sums: InstrumentSums,
  total: number,
): void {
  // `drivers` is there exactly when the questionnaire declares an outcome (its fingerprint says so too).
  const o = d.record(value, path, sums.drivers ? ['items', 'drivers', 'pairs'] : ['items', 'pairs']);
  const fill = (target: ProductSums, v: unknown, at: JsonPath, what: string) => {
    const r = d.record(v, at, ['n', 'sum', 'products']);
    const n = d.count(r.n, [...at, 'n']);
    if (n > total) d.fail([...at, 'n'], `${n} is more than the ${total} respondents`);
    target.n[0] = n;
    d.list(r.sum, [...at, 'sum'], target.k, what).forEach((x, i) => {
      target.sum[i] = d.real(x, [...at, 'sum', i]);
    });
    d.list(r.products, [...at, 'products'], target.products.length, `pair of ${what}s`).forEach((x, i) => {
      target.products[i] = d.real(x, [...at, 'products', i]);
    });
  };
  fill(sums.items, o.items, [...path, 'items'], 'item');
  if (sums.drivers) fill(sums.drivers, o.drivers, [...path, 'drivers'], 'dimension or outcome');
  d.list(o.pairs, [...path, 'pairs'], sums.pairs.length, 'dimension').forEach((v, i) => {
    decodePairs(d, v, [...path, 'pairs', i], sums.pairs[i] as PairSums, total);
  });
}
