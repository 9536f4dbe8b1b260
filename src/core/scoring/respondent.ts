import { allItems, type Questionnaire } from '../questionnaire/model.js';
import { answerKinds } from './column-plan.js';

type AnswerKind = ReturnType<typeof answerKinds>[number];

/**
 * One respondent's answers as read from a row: raw values on the scale (before reversal), NaN
 * where missing. Buffers are reused from row to row, so consumers must not keep them.
 */
export interface RespondentAnswers {
  id: string | null;
  expectation: Float64Array;
  perception: Float64Array;
  minimum: Float64Array;
  desired: Float64Array;
  weight: Float64Array;
  kpi: Float64Array;
  /** The values of the --group-by columns. */
  groups: string[];
}

/** What one respondent contributes to every statistic, derived once and added to each sample it belongs to. */
export interface RespondentScores {
  /** Per item, after reversal; NaN unless every answer of that item is present. */
  expectation: Float64Array;
  perception: Float64Array;
  minimum: Float64Array;
  desired: Float64Array;
  gap: Float64Array;
  msa: Float64Array;
  /** Per dimension; NaN when fewer than half of its items (rounded up) have a gap. */
  dimensionGap: Float64Array;
  dimensionMsa: Float64Array;
  /** Per dimension: whether every item has a gap (for Cronbach's alpha). */
  dimensionComplete: Uint8Array;
  /** Normalised weights used for this respondent. */
  weight: Float64Array;
  weightSource: 'respondent' | 'fallback-missing' | 'fallback-invalid' | 'fixed';
  unweighted: number;
  weighted: number;
  kpi: Float64Array;
  straightLined: boolean;
}

/** Immutable facts about the questionnaire that the hot path needs, computed once. */
export interface ScoringLayout {
  format: Questionnaire['format'];
  scaleMin: number;
  scaleMax: number;
  itemCount: number;
  dimensionCount: number;
  reverse: Uint8Array;
  itemDimension: Int32Array;
  /** Item indices of each dimension. */
  dimensionItems: Int32Array[];
  fallbackWeights: Float64Array;
  weightsFromRespondents: boolean;
  kpiCount: number;
  /** What the samples need of each KPI: its type, scale max (CSAT's top two) and the midpoint its sums are taken about. */
  kpis: readonly { type: Questionnaire['kpis'][number]['type']; max: number; shift: number }[];
  /** The scale midpoint: answers are summed about it (see `SampleAccumulator`). */
  answerShift: number;
  /** The answers the format asks for, in the order they are given. */
  askedKinds: readonly AnswerKind[];
}

export function scoringLayout(q: Questionnaire): ScoringLayout {
  const items = allItems(q);
  const dimensionIndex = new Map(q.dimensions.map((d, i) => [d.id, i]));
  const fixed = q.weights.fixed;
  const raw = q.dimensions.map((d) => (fixed ? (fixed[d.id] ?? 0) : 1));
  const total = raw.reduce((a, b) => a + b, 0);
  let start = 0;
  return {
    format: q.format,
    scaleMin: q.scale.min,
    scaleMax: q.scale.max,
    itemCount: items.length,
    dimensionCount: q.dimensions.length,
    reverse: Uint8Array.from(items, (item) => (item.reverse ? 1 : 0)),
    itemDimension: Int32Array.from(items, (item) => dimensionIndex.get(item.dimension) ?? -1),
    dimensionItems: q.dimensions.map((d) => {
      const indices = Int32Array.from(d.items, (_, j) => start + j);
      start += d.items.length;
      return indices;
    }),
    fallbackWeights: Float64Array.from(raw, (w) => (total > 0 ? w / total : 1 / raw.length)),
    weightsFromRespondents: q.weights.source === 'respondents',
    kpiCount: q.kpis.length,
    kpis: q.kpis.map((k) => ({ type: k.type, max: k.scale.max, shift: (k.scale.min + k.scale.max) / 2 })),
    answerShift: (q.scale.min + q.scale.max) / 2,
    askedKinds: answerKinds(q.format),
  };
}

export function emptyAnswers(layout: ScoringLayout, groups: number): RespondentAnswers {
  const perItem = () => new Float64Array(layout.itemCount).fill(Number.NaN);
  return {
    id: null,
    expectation: perItem(),
    perception: perItem(),
    minimum: perItem(),
    desired: perItem(),
    weight: new Float64Array(layout.dimensionCount).fill(Number.NaN),
    kpi: new Float64Array(layout.kpiCount).fill(Number.NaN),
    groups: new Array<string>(groups).fill(''),
  };
}

export function emptyScores(layout: ScoringLayout): RespondentScores {
  const perItem = () => new Float64Array(layout.itemCount);
  const perDimension = () => new Float64Array(layout.dimensionCount);
  return {
    expectation: perItem(),
    perception: perItem(),
    minimum: perItem(),
    desired: perItem(),
    gap: perItem(),
    msa: perItem(),
    dimensionGap: perDimension(),
    dimensionMsa: perDimension(),
    dimensionComplete: new Uint8Array(layout.dimensionCount),
    weight: perDimension(),
    weightSource: 'fixed',
    unweighted: Number.NaN,
    weighted: Number.NaN,
    kpi: new Float64Array(layout.kpiCount),
    straightLined: false,
  };
}

/** Tolerance on a 100-point allocation: the contract accepts sums of 99 to 101. */
const ALLOCATION_TOLERANCE = 1;

/** The respondent's normalised allocation, or why it cannot be used. */
function allocation(weights: Float64Array, out: Float64Array): 'ok' | 'missing' | 'invalid' {
  let sum = 0;
  let blank = 0;
  for (let d = 0; d < weights.length; d++) {
    const w = weights[d] as number;
    if (Number.isNaN(w)) blank++;
    else if (w < 0) return 'invalid';
    else sum += w;
  }
  if (blank === weights.length) return 'missing';
  // The 1e-9 absorbs binary rounding of decimal allocations (44.4 + 4 * 14.15 is 101.00000000000001).
  if (blank > 0 || Math.abs(sum - 100) > ALLOCATION_TOLERANCE + 1e-9 || sum === 0) return 'invalid';
  for (let d = 0; d < weights.length; d++) out[d] = (weights[d] as number) / sum;
  return 'ok';
}

/** Whether every answer given is the same value, over at least half the answer cells (and at least 3). */
function isStraightLined(a: RespondentAnswers, layout: ScoringLayout): boolean {
  const kinds = layout.askedKinds;
  let first = Number.NaN;
  let answered = 0;
  for (const kind of kinds) {
    const column = a[kind];
    for (let i = 0; i < layout.itemCount; i++) {
      const x = column[i] as number;
      if (Number.isNaN(x)) continue;
      if (answered === 0) first = x;
      else if (x !== first) return false;
      answered++;
    }
  }
  return answered >= 3 && answered * 2 >= kinds.length * layout.itemCount;
}

/**
 * Derives every per-respondent quantity of the contract: reversed answers, item gaps (P - E, or
 * MSS = P - DES and MSA = P - MIN, or P alone), dimension scores under the half-of-items rule,
 * the weights used and the unweighted and weighted overall scores.
 */
export function deriveScores(a: RespondentAnswers, layout: ScoringLayout, out: RespondentScores): RespondentScores {
  const { scaleMin, scaleMax, format } = layout;
  const flip = (x: number, i: number) => (layout.reverse[i] === 1 ? scaleMin + scaleMax - x : x);
  for (let i = 0; i < layout.itemCount; i++) {
    const p = flip(a.perception[i] as number, i);
    let e = Number.NaN;
    let min = Number.NaN;
    let des = Number.NaN;
    let gap = Number.NaN;
    let msa = Number.NaN;
    if (format === 'two-column') {
      e = flip(a.expectation[i] as number, i);
      gap = p - e;
    } else if (format === 'three-column') {
      min = flip(a.minimum[i] as number, i);
      des = flip(a.desired[i] as number, i);
      gap = p - des;
      msa = p - min;
    } else {
      gap = p;
    }
    // An item with any answer missing is missing as a whole (NaN propagates through the gap).
    const complete = !Number.isNaN(gap) && (format !== 'three-column' || !Number.isNaN(msa));
    out.perception[i] = complete ? p : Number.NaN;
    out.expectation[i] = complete ? e : Number.NaN;
    out.minimum[i] = complete ? min : Number.NaN;
    out.desired[i] = complete ? des : Number.NaN;
    out.gap[i] = complete ? gap : Number.NaN;
    out.msa[i] = complete ? msa : Number.NaN;
  }

  let dimensionSum = 0;
  let allDimensions = true;
  for (let d = 0; d < layout.dimensionCount; d++) {
    const items = layout.dimensionItems[d] as Int32Array;
    let sum = 0;
    let msaSum = 0;
    let answered = 0;
    for (const i of items) {
      const gap = out.gap[i] as number;
      if (Number.isNaN(gap)) continue;
      sum += gap;
      msaSum += out.msa[i] as number;
      answered++;
    }
    const enough = answered > 0 && answered >= Math.ceil(items.length / 2);
    out.dimensionGap[d] = enough ? sum / answered : Number.NaN;
    out.dimensionMsa[d] = enough && format === 'three-column' ? msaSum / answered : Number.NaN;
    out.dimensionComplete[d] = answered === items.length ? 1 : 0;
    if (enough) dimensionSum += sum / answered;
    else allDimensions = false;
  }

  if (!layout.weightsFromRespondents) {
    out.weight.set(layout.fallbackWeights);
    out.weightSource = 'fixed';
  } else {
    const status = allocation(a.weight, out.weight);
    if (status === 'ok') out.weightSource = 'respondent';
    else {
      out.weight.set(layout.fallbackWeights);
      out.weightSource = status === 'missing' ? 'fallback-missing' : 'fallback-invalid';
    }
  }

  if (allDimensions && layout.dimensionCount > 0) {
    let weighted = 0;
    for (let d = 0; d < layout.dimensionCount; d++) weighted += (out.weight[d] as number) * (out.dimensionGap[d] as number);
    out.unweighted = dimensionSum / layout.dimensionCount;
    out.weighted = weighted;
  } else {
    out.unweighted = Number.NaN;
    out.weighted = Number.NaN;
  }
  out.kpi.set(a.kpi);
  out.straightLined = isStraightLined(a, layout);
  return out;
}
