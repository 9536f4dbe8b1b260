/**
 * The sums of the difference-score reliability (issue 16): per dimension, over alpha's respondents
 * (every item of the dimension has a gap), each item's P and E answers (DES for three-column, the
 * E of MSS), about the item's midpoint, and the dimension's P and E sums:
 *
 * `[n, ΣP_1..ΣP_k, ΣE_1..ΣE_k, ΣP_1²..ΣP_k², ΣE_1²..ΣE_k², Σ(ΣP)², Σ(ΣE)², Σ(ΣP)(ΣE)]`
 *
 * 4k + 4 numbers and as many multiply-adds a respondent: alpha needs only the items' variances and
 * the sum's variance, so no item cross products are kept. Views of the instrument's one buffer, so
 * shards merge by adding it. Answers about a midpoint are whole or half numbers: every sum is exact.
 */
import { differenceReliability, type DifferenceReliability } from '../stats/difference-reliability.js';
import type { Decoder, JsonPath } from './partial-decode.js';
import type { RespondentScores, ScoringLayout } from './respondent.js';

export interface PairSums {
  readonly k: number;
  readonly n: Float64Array;
  /** ΣP_i then ΣE_i (2k). */
  readonly sum: Float64Array;
  /** ΣP_i² then ΣE_i² (2k). */
  readonly squares: Float64Array;
  /** Σ(ΣP)², Σ(ΣE)², Σ(ΣP)(ΣE). */
  readonly totals: Float64Array;
}

/** Numbers one dimension of `k` items takes. */
export const pairSize = (k: number): number => 4 * k + 4;

/** The dimension's sums as views of `data` from `start`. */
export function carvePairs(data: Float64Array, start: number, k: number): PairSums {
  return {
    k,
    n: data.subarray(start, start + 1),
    sum: data.subarray(start + 1, start + 1 + 2 * k),
    squares: data.subarray(start + 1 + 2 * k, start + 1 + 4 * k),
    totals: data.subarray(start + 1 + 4 * k, start + pairSize(k)),
  };
}

/** Adds a respondent to every dimension whose items all have a gap. */
export function addPairs(pairs: readonly PairSums[], s: RespondentScores, layout: ScoringLayout): void {
  const other = layout.format === 'three-column' ? s.desired : s.expectation;
  for (let d = 0; d < pairs.length; d++) {
    if (s.dimensionComplete[d] !== 1) continue;
    const { k, n, sum, squares, totals } = pairs[d] as PairSums;
    const items = layout.dimensionItems[d] as Int32Array;
    let p = 0;
    let e = 0;
    for (let j = 0; j < k; j++) {
      const item = items[j] as number;
      const mid = layout.itemMidpoint[item] as number;
      const pj = (s.perception[item] as number) - mid;
      const ej = (other[item] as number) - mid;
      sum[j] = (sum[j] as number) + pj;
      sum[k + j] = (sum[k + j] as number) + ej;
      squares[j] = (squares[j] as number) + pj * pj;
      squares[k + j] = (squares[k + j] as number) + ej * ej;
      p += pj;
      e += ej;
    }
    n[0] = (n[0] as number) + 1;
    totals[0] = (totals[0] as number) + p * p;
    totals[1] = (totals[1] as number) + e * e;
    totals[2] = (totals[2] as number) + p * e;
  }
}

/** The dimension's difference-score reliability from its sums. */
export function differenceReliabilityOf(pair: PairSums): DifferenceReliability {
  const { k, sum, squares, totals } = pair;
  const n = pair.n[0] as number;
  // Sample (n - 1) variances and covariance from sums: (Σxy - ΣxΣy / n) / (n - 1).
  const co = (xy: number, x: number, y: number) => (n < 2 ? 0 : (xy - (x * y) / n) / (n - 1));
  let itemVarianceP = 0;
  let itemVarianceE = 0;
  let totalP = 0;
  let totalE = 0;
  for (let j = 0; j < k; j++) {
    const pj = sum[j] as number;
    const ej = sum[k + j] as number;
    itemVarianceP += co(squares[j] as number, pj, pj);
    itemVarianceE += co(squares[k + j] as number, ej, ej);
    totalP += pj;
    totalE += ej;
  }
  return differenceReliability({
    n,
    k,
    itemVarianceP,
    itemVarianceE,
    varianceP: co(totals[0] as number, totalP, totalP),
    varianceE: co(totals[1] as number, totalE, totalE),
    covariance: co(totals[2] as number, totalP, totalE),
  });
}

/** The sums as they go in a partial. */
export interface PartialPairs {
  n: number;
  sum: number[];
  squares: number[];
  totals: number[];
}

export const encodePairs = (pair: PairSums): PartialPairs => ({
  n: pair.n[0] as number,
  sum: Array.from(pair.sum),
  squares: Array.from(pair.squares),
  totals: Array.from(pair.totals),
});

/** Reads `encodePairs` JSON into `target`, reporting to `d` what does not fit. */
export function decodePairs(d: Decoder, value: unknown, at: JsonPath, target: PairSums, total: number): void {
  const r = d.record(value, at, ['n', 'sum', 'squares', 'totals']);
  const n = d.count(r.n, [...at, 'n']);
  if (n > total) d.fail([...at, 'n'], `${n} is more than the ${total} respondents`);
  target.n[0] = n;
  for (const key of ['sum', 'squares', 'totals'] as const) {
    const into = target[key];
    d.list(r[key], [...at, key], into.length, key === 'totals' ? 'total' : 'answer').forEach((x, i) => {
      into[i] = d.real(x, [...at, key, i]);
    });
  }
}
