import { allItems, itemScale, type Questionnaire } from '../questionnaire/model.js';
import { answerKinds } from './column-plan.js';
import { own } from '../text/own.js';

type AnswerKind = ReturnType<typeof answerKinds>[number];

/**
 * One respondent's answers as read from a row: raw values on the scale (before reversal), NaN
 * where missing. Buffers are reused from row to row, so consumers must not keep them.
 */
export interface RespondentAnswers {
  /** The respondent id, trimmed; blank when the row has none. */
  id: string;
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
  /** Per item: min + max of its scale (its own, else the questionnaire's), so a reversed answer is `mirror - x`. */
  itemMirror: Float64Array;
  /** Per item: the midpoint of its scale (the perceptions-only test and recommendations compare with it). */
  itemMidpoint: Float64Array;
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
  /** Per KPI: `shift` is its scale's midpoint; `mirror`: a `best: low` scale, whose answers become min + max - x. */
  kpis: readonly { type: Questionnaire['kpis'][number]['type']; max: number; shift: number; mirror: boolean }[];
  /**
   * The questionnaire scale's midpoint: every item's answers are summed about it (see
   * `SampleAccumulator`); answers and midpoints are whole or half numbers, so the sums stay exact
   * for an item on a scale of its own too.
   */
  answerShift: number;
  /** The answers the format asks for, in the order they are given. */
  askedKinds: readonly AnswerKind[];
}

export function scoringLayout(q: Questionnaire): ScoringLayout {
  const items = allItems(q);
  const dimensionIndex = new Map(q.dimensions.map((d, i) => [d.id, i]));
  const fixed = q.weights.fixed;
  const raw = q.dimensions.map((d) => (fixed ? (own(fixed, d.id) ?? 0) : 1));
  const total = raw.reduce((a, b) => a + b, 0);
  let start = 0;
  return {
    format: q.format,
    itemMirror: Float64Array.from(items, (item) => itemScale(q, item).min + itemScale(q, item).max),
    itemMidpoint: Float64Array.from(items, (item) => (itemScale(q, item).min + itemScale(q, item).max) / 2),
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
    kpis: q.kpis.map((k) => ({
      type: k.type,
      max: k.scale.max,
      shift: (k.scale.min + k.scale.max) / 2,
      mirror: k.scale.best === 'low',
    })),
    answerShift: (q.scale.min + q.scale.max) / 2,
    askedKinds: answerKinds(q.format),
  };
}

export function emptyAnswers(layout: ScoringLayout, groups: number): RespondentAnswers {
  const perItem = () => new Float64Array(layout.itemCount).fill(Number.NaN);
  return {
    id: '',
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
  // NaN, not 0: `deriveScores` writes only the quantities of the format.
  const perItem = () => new Float64Array(layout.itemCount).fill(Number.NaN);
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
 * Per item: answers after reversal and the gaps (P - E, or MSS = P - DES and MSA = P - MIN, or P
 * alone), all NaN unless every answer of the item is present. The format is tested once, outside
 * the loop, and only its quantities are written (the others stay NaN from `emptyScores`): this
 * runs for every item of every row.
 */
function deriveItems(a: RespondentAnswers, layout: ScoringLayout, out: RespondentScores): void {
  const { itemMirror, format, reverse, itemCount } = layout;
  const { perception, gap } = out;
  if (format === 'two-column') {
    const expectation = out.expectation;
    for (let i = 0; i < itemCount; i++) {
      let p = a.perception[i] as number;
      let e = a.expectation[i] as number;
      if (reverse[i] === 1) {
        const mirror = itemMirror[i] as number;
        p = mirror - p;
        e = mirror - e;
      }
      const g = p - e;
      // NaN when either answer is missing; then the item is missing as a whole.
      const complete = !Number.isNaN(g);
      perception[i] = complete ? p : Number.NaN;
      expectation[i] = complete ? e : Number.NaN;
      gap[i] = g;
    }
  } else if (format === 'three-column') {
    const { minimum, desired, msa } = out;
    for (let i = 0; i < itemCount; i++) {
      let p = a.perception[i] as number;
      let min = a.minimum[i] as number;
      let des = a.desired[i] as number;
      if (reverse[i] === 1) {
        const mirror = itemMirror[i] as number;
        p = mirror - p;
        min = mirror - min;
        des = mirror - des;
      }
      const complete = !Number.isNaN(p + min + des);
      perception[i] = complete ? p : Number.NaN;
      minimum[i] = complete ? min : Number.NaN;
      desired[i] = complete ? des : Number.NaN;
      gap[i] = complete ? p - des : Number.NaN;
      msa[i] = complete ? p - min : Number.NaN;
    }
  } else {
    for (let i = 0; i < itemCount; i++) {
      const raw = a.perception[i] as number;
      const p = reverse[i] === 1 ? (itemMirror[i] as number) - raw : raw;
      perception[i] = p;
      gap[i] = p;
    }
  }
}

/**
 * Derives every per-respondent quantity of the contract: reversed answers, item gaps (P - E, or
 * MSS = P - DES and MSA = P - MIN, or P alone), dimension scores under the half-of-items rule,
 * the weights used and the unweighted and weighted overall scores.
 */
export function deriveScores(a: RespondentAnswers, layout: ScoringLayout, out: RespondentScores): RespondentScores {
  deriveItems(a, layout, out);
  const format = layout.format;
  let dimensionSum = 0;
  let allDimensions = true;
  for (let d = 0; d < layout.dimensionCount; d++) {
    const items = layout.dimensionItems[d] as Int32Array;
    let sum = 0;
    let msaSum = 0;
    let answered = 0;
    for (let j = 0; j < items.length; j++) {
      const i = items[j] as number;
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
    for (let d = 0; d < layout.dimensionCount; d++)
      weighted += (out.weight[d] as number) * (out.dimensionGap[d] as number);
    out.unweighted = dimensionSum / layout.dimensionCount;
    out.weighted = weighted;
  } else {
    out.unweighted = Number.NaN;
    out.weighted = Number.NaN;
  }
  out.kpi.set(a.kpi);
  for (let k = 0; k < layout.kpiCount; k++) {
    const rule = layout.kpis[k] as ScoringLayout['kpis'][number];
    if (rule.mirror) out.kpi[k] = 2 * rule.shift - (a.kpi[k] as number);
  }
  out.straightLined = isStraightLined(a, layout);
  return out;
}
