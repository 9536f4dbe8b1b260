/**
 * One `SampleAccumulator` as JSON, and back. The JSON mirrors the accumulator's named views
 * (`item.sum.gap`, `reliability.products`, ...): a list per view, a list of lists for the
 * per-dimension views of reliability, and a plain number for the one-number views (the counts at
 * the top and everything under `overall`). Walking the accumulator itself keeps the two in step.
 */
import type { Decoder, JsonPath } from './partial-decode.js';
import type { ScoringLayout } from './respondent.js';
import { emptySample, type SampleAccumulator } from './sample.js';

type PartialValue = number | number[] | number[][] | { [key: string]: PartialValue };
export type PartialSample = { [key: string]: PartialValue };

/** Views written as one number rather than a list of one. */
const SCALAR_KEYS = new Set(['total', 'scored', 'straightLined', 'fallbackMissing', 'fallbackInvalid']);
/** Views holding counts of respondents or answers: whole numbers. */
const COUNT_KEYS = new Set([...SCALAR_KEYS, 'n', 'promoters', 'passives', 'detractors', 'topTwo']);

type Tree = Float64Array | Float64Array[] | { [key: string]: Tree };

const isScalar = (path: JsonPath): boolean =>
  (path.length === 1 && SCALAR_KEYS.has(path[0] as string)) || path[0] === 'overall';

function finite(x: number): number {
  // The accumulators only ever hold finite sums; anything else is a bug, not bad input.
  if (!Number.isFinite(x)) throw new RangeError(`a partial result cannot hold ${x}`);
  return x;
}

function encodeTree(tree: Tree, path: JsonPath): PartialValue {
  if (tree instanceof Float64Array) return isScalar(path) ? finite(tree[0] as number) : Array.from(tree, finite);
  if (Array.isArray(tree)) return tree.map((view) => Array.from(view, finite));
  const out: { [key: string]: PartialValue } = {};
  for (const [key, child] of Object.entries(tree)) out[key] = encodeTree(child, [...path, key]);
  return out;
}

/** The named views of a sample, without the buffer they share. */
function viewsOf(sample: SampleAccumulator): Tree {
  const { data: _data, ...views } = sample;
  return views as unknown as Tree;
}

/** The sample's numbers as JSON. */
export function encodeSample(sample: SampleAccumulator): PartialSample {
  return encodeTree(viewsOf(sample), []) as PartialSample;
}

/** Reads one number of the view at `where` (its path inside the sample), checked by what the view holds. */
function readNumber(d: Decoder, value: unknown, path: JsonPath, where: JsonPath): number {
  const key = where[where.length - 1] as string;
  if (COUNT_KEYS.has(key)) return d.count(value, path);
  if (where.includes('squares') || key === 'importance') return d.nonNegative(value, path);
  return d.real(value, path);
}

/** What one entry of a view's list stands for, for messages. */
const ENTRY: Record<string, string> = {
  item: 'item',
  dimension: 'dimension',
  importance: 'dimension',
  reliability: 'dimension',
  kpi: 'KPI',
};

function fillView(d: Decoder, view: Float64Array, value: unknown, path: JsonPath, where: JsonPath, what: string): void {
  if (isScalar(where)) {
    view[0] = readNumber(d, value, path, where);
    return;
  }
  d.list(value, path, view.length, what).forEach((x, i) => {
    view[i] = readNumber(d, x, [...path, i], where);
  });
}

/** Fills `tree` (views of an empty sample; `where` is its path inside the sample) from `value`, reporting to `d` what does not fit. */
function decodeTree(d: Decoder, tree: Tree, value: unknown, path: JsonPath, where: JsonPath): void {
  if (tree instanceof Float64Array) fillView(d, tree, value, path, where, ENTRY[where[0] as string] ?? 'entry');
  else if (Array.isArray(tree)) {
    const lists = d.list(value, path, tree.length, 'dimension');
    tree.forEach((view, i) => {
      fillView(d, view, lists[i], [...path, i], where, 'item (or pair of items) of the dimension');
    });
  } else {
    const o = d.record(value, path, Object.keys(tree));
    for (const [key, child] of Object.entries(tree)) decodeTree(d, child, o[key], [...path, key], [...where, key]);
  }
}

/** Reads `encodeSample` JSON back into a sample of this layout. */
export function decodeSample(value: unknown, path: JsonPath, d: Decoder, layout: ScoringLayout): SampleAccumulator {
  const sample = emptySample(layout);
  decodeTree(d, viewsOf(sample), value, path, []);
  const total = sample.total[0] as number;
  if ((sample.scored[0] as number) > total)
    d.fail([...path, 'scored'], `${sample.scored[0]} scored of ${total} respondents`);
  // Counts of subsets cannot pass the respondents they are counted among.
  const within = (counts: Float64Array, where: JsonPath, of: (i: number) => number, what: string) =>
    counts.forEach((n, i) => {
      if (n > of(i)) d.fail([...where, i], `${n} is more than the ${of(i)} ${what}`);
    });
  within(sample.item.n, [...path, 'item', 'n'], () => total, 'respondents');
  within(sample.dimension.n, [...path, 'dimension', 'n'], () => total, 'respondents');
  within(sample.kpi.n, [...path, 'kpi', 'n'], () => total, 'respondents');
  within(
    sample.reliability.n,
    [...path, 'reliability', 'n'],
    (i) => sample.dimension.n[i] as number,
    'respondents scored on the dimension',
  );
  return sample;
}
