import { addValue, emptyMoments, mergeMoments, type Moments } from '../stats/moments.js';
import { addVector, emptyCoMoments, mergeCoMoments, type CoMoments } from '../stats/comoments.js';
import type { RespondentScores, ScoringLayout } from './respondent.js';

/**
 * The sufficient statistics of one sample (everyone, or one segment): mergeable sums only, so
 * memory does not grow with the number of respondents and shards can be combined.
 */
export interface SampleAccumulator {
  total: number;
  scored: number;
  item: {
    expectation: Moments[];
    perception: Moments[];
    minimum: Moments[];
    desired: Moments[];
    gap: Moments[];
    msa: Moments[];
  };
  dimension: { gap: Moments[]; msa: Moments[]; reliability: CoMoments[] };
  overall: { unweighted: Moments; weighted: Moments };
  /** Sum of the normalised weights used, over scored respondents. */
  importance: Float64Array;
  kpi: KpiAccumulator[];
  weightFallback: { missing: number; invalid: number };
  straightLined: number;
}

export interface KpiAccumulator {
  values: Moments;
  /** NPS: promoters (9-10), passives (7-8), detractors (0-6); CSAT: answers in the top two points. */
  promoters: number;
  passives: number;
  detractors: number;
  topTwo: number;
}

const emptyKpi = (): KpiAccumulator => ({ values: emptyMoments(), promoters: 0, passives: 0, detractors: 0, topTwo: 0 });
const momentsList = (count: number) => Array.from({ length: count }, emptyMoments);

export function emptySample(layout: ScoringLayout): SampleAccumulator {
  return {
    total: 0,
    scored: 0,
    item: {
      expectation: momentsList(layout.itemCount),
      perception: momentsList(layout.itemCount),
      minimum: momentsList(layout.itemCount),
      desired: momentsList(layout.itemCount),
      gap: momentsList(layout.itemCount),
      msa: momentsList(layout.itemCount),
    },
    dimension: {
      gap: momentsList(layout.dimensionCount),
      msa: momentsList(layout.dimensionCount),
      reliability: layout.dimensionItems.map((items) => emptyCoMoments(items.length)),
    },
    overall: { unweighted: emptyMoments(), weighted: emptyMoments() },
    importance: new Float64Array(layout.dimensionCount),
    kpi: Array.from({ length: layout.kpiCount }, emptyKpi),
    weightFallback: { missing: 0, invalid: 0 },
    straightLined: 0,
  };
}

function addIfPresent(m: Moments, x: number): void {
  if (!Number.isNaN(x)) addValue(m, x);
}

/** Adds one respondent's derived scores to a sample. `kpiScales` gives each KPI's scale max (for CSAT's top two). */
export function addRespondent(
  sample: SampleAccumulator,
  s: RespondentScores,
  layout: ScoringLayout,
  kpiTypes: readonly { type: string; max: number }[],
  scratch: Float64Array,
): void {
  sample.total++;
  const { item, dimension } = sample;
  for (let i = 0; i < layout.itemCount; i++) {
    const gap = s.gap[i] as number;
    if (Number.isNaN(gap)) continue;
    addValue(item.gap[i] as Moments, gap);
    addValue(item.perception[i] as Moments, s.perception[i] as number);
    addIfPresent(item.expectation[i] as Moments, s.expectation[i] as number);
    addIfPresent(item.minimum[i] as Moments, s.minimum[i] as number);
    addIfPresent(item.desired[i] as Moments, s.desired[i] as number);
    addIfPresent(item.msa[i] as Moments, s.msa[i] as number);
  }
  for (let d = 0; d < layout.dimensionCount; d++) {
    addIfPresent(dimension.gap[d] as Moments, s.dimensionGap[d] as number);
    addIfPresent(dimension.msa[d] as Moments, s.dimensionMsa[d] as number);
    if (s.dimensionComplete[d] === 1) {
      const items = layout.dimensionItems[d] as Int32Array;
      for (let j = 0; j < items.length; j++) scratch[j] = s.gap[items[j] as number] as number;
      addVector(dimension.reliability[d] as CoMoments, scratch.subarray(0, items.length));
    }
  }
  if (s.weightSource === 'fallback-missing') sample.weightFallback.missing++;
  if (s.weightSource === 'fallback-invalid') sample.weightFallback.invalid++;
  if (!Number.isNaN(s.weighted)) {
    sample.scored++;
    addValue(sample.overall.unweighted, s.unweighted);
    addValue(sample.overall.weighted, s.weighted);
    for (let d = 0; d < layout.dimensionCount; d++) sample.importance[d] = (sample.importance[d] as number) + (s.weight[d] as number);
  }
  for (let k = 0; k < layout.kpiCount; k++) {
    const x = s.kpi[k] as number;
    if (Number.isNaN(x)) continue;
    const kpi = sample.kpi[k] as KpiAccumulator;
    const { type, max } = kpiTypes[k] as { type: string; max: number };
    addValue(kpi.values, x);
    if (type === 'nps') {
      if (x >= 9) kpi.promoters++;
      else if (x >= 7) kpi.passives++;
      else kpi.detractors++;
    } else if (x >= max - 1) {
      kpi.topTwo++;
    }
  }
  if (s.straightLined) sample.straightLined++;
}

const mergeLists = (a: Moments[], b: Moments[]) => a.map((m, i) => mergeMoments(m, b[i] as Moments));

/** Combines two samples of the same questionnaire as if every respondent had been added to one. */
export function mergeSamples(a: SampleAccumulator, b: SampleAccumulator): SampleAccumulator {
  return {
    total: a.total + b.total,
    scored: a.scored + b.scored,
    item: {
      expectation: mergeLists(a.item.expectation, b.item.expectation),
      perception: mergeLists(a.item.perception, b.item.perception),
      minimum: mergeLists(a.item.minimum, b.item.minimum),
      desired: mergeLists(a.item.desired, b.item.desired),
      gap: mergeLists(a.item.gap, b.item.gap),
      msa: mergeLists(a.item.msa, b.item.msa),
    },
    dimension: {
      gap: mergeLists(a.dimension.gap, b.dimension.gap),
      msa: mergeLists(a.dimension.msa, b.dimension.msa),
      reliability: a.dimension.reliability.map((cm, d) => mergeCoMoments(cm, b.dimension.reliability[d] as CoMoments)),
    },
    overall: {
      unweighted: mergeMoments(a.overall.unweighted, b.overall.unweighted),
      weighted: mergeMoments(a.overall.weighted, b.overall.weighted),
    },
    importance: a.importance.map((x, d) => x + (b.importance[d] as number)),
    kpi: a.kpi.map((k, i) => {
      const other = b.kpi[i] as KpiAccumulator;
      return {
        values: mergeMoments(k.values, other.values),
        promoters: k.promoters + other.promoters,
        passives: k.passives + other.passives,
        detractors: k.detractors + other.detractors,
        topTwo: k.topTwo + other.topTwo,
      };
    }),
    weightFallback: {
      missing: a.weightFallback.missing + b.weightFallback.missing,
      invalid: a.weightFallback.invalid + b.weightFallback.invalid,
    },
    straightLined: a.straightLined + b.straightLined,
  };
}
