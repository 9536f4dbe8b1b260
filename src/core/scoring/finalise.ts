import { allItems, type Questionnaire } from '../questionnaire/model.js';
import { reliability } from '../stats/cronbach.js';
import { holmAdjust } from '../stats/holm.js';
import { summarise, type Moments } from '../stats/moments.js';
import { npsInterval, wilsonInterval } from '../stats/kpi-intervals.js';
import { pairedTest } from '../stats/paired-test.js';
import { coMomentsOfProducts, momentsOfSums } from '../stats/power-sums.js';
import { quadrants } from '../recommend/quadrant.js';
import {
  type DimensionResult,
  type ItemResult,
  type KpiResult,
  type OverallResult,
  resultScale,
  type Zone,
} from './result.js';
import type { ScoringLayout } from './respondent.js';
import type { CompensatedSums, DimensionKind, ItemKind, OverallKind, SampleAccumulator } from './sample.js';

const meanOf = (m: Moments): number | null => (m.n > 0 ? m.mean : null);

/** Mean of the non-null values, or null. */
function meanOfMeans(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length > 0 ? present.reduce((a, b) => a + b, 0) / present.length : null;
}

/** Zone of tolerance: below when P < MIN, above when P > DES, else within; null without all three. */
function zoneOf(perception: number | null, minimum: number | null, desired: number | null): Zone | null {
  if (perception === null || minimum === null || desired === null) return null;
  if (perception < minimum) return 'below';
  if (perception > desired) return 'above';
  return 'within';
}

/** The moments of one summed quantity; answers are summed about the scale midpoint, gaps about 0. */
function itemMoments(sample: SampleAccumulator, layout: ScoringLayout, kind: ItemKind, i: number): Moments {
  const shift = kind === 'gap' || kind === 'msa' ? 0 : layout.answerShift;
  return momentsOfSums(
    sample.item.n[i] as number,
    sample.item.sum[kind][i] as number,
    sample.item.squares[kind][i] as number,
    shift,
  );
}

/** The moments of a compensated quantity (dimension and overall scores, summed about 0) over n respondents. */
function compensatedMoments<K extends string>(
  n: number,
  sums: Omit<CompensatedSums<K>, 'n'>,
  kind: K,
  i: number,
): Moments {
  return momentsOfSums(
    n,
    (sums.sum[kind][i] as number) + (sums.carry[kind][i] as number),
    sums.squares[kind][i] as number,
    0,
  );
}

const dimensionMoments = (sample: SampleAccumulator, kind: DimensionKind, d: number) =>
  compensatedMoments(sample.dimension.n[d] as number, sample.dimension, kind, d);
const overallMoments = (sample: SampleAccumulator, kind: OverallKind) =>
  compensatedMoments(sample.scored[0] as number, sample.overall, kind, 0);

/** Item results, before the reliability statistics of their dimension are attached. */
function finaliseItems(q: Questionnaire, layout: ScoringLayout, sample: SampleAccumulator): ItemResult[] {
  const threeColumn = q.format === 'three-column';
  const items = allItems(q).map((item, i): ItemResult => {
    const gap = itemMoments(sample, layout, 'gap', i);
    // Perceptions-only: P against the midpoint of the item's scale (a test of P against 0 means nothing).
    const test = pairedTest(gap, q.format === 'perceptions-only' ? (layout.itemMidpoint[i] as number) : 0);
    const perception = meanOf(itemMoments(sample, layout, 'perception', i));
    const minimum = threeColumn ? meanOf(itemMoments(sample, layout, 'minimum', i)) : null;
    const desired = threeColumn ? meanOf(itemMoments(sample, layout, 'desired', i)) : null;
    return {
      id: item.id,
      dimension: item.dimension,
      ...(item.scale ? { scale: resultScale(item.scale) } : {}),
      expectation: q.format === 'two-column' ? meanOf(itemMoments(sample, layout, 'expectation', i)) : null,
      perception,
      minimum,
      desired,
      gap: summarise(gap),
      msa: threeColumn ? summarise(itemMoments(sample, layout, 'msa', i)) : null,
      t: test.t,
      p: test.p,
      dz: test.dz,
      pHolm: null,
      zone: threeColumn ? zoneOf(perception, minimum, desired) : null,
      alphaIfDeleted: null,
      itemTotal: null,
    };
  });
  const adjusted = holmAdjust(items.map((item) => item.p));
  items.forEach((item, i) => {
    item.pHolm = adjusted[i] ?? null;
  });
  return items;
}

function finaliseDimensions(q: Questionnaire, sample: SampleAccumulator, items: ItemResult[]): DimensionResult[] {
  const threeColumn = q.format === 'three-column';
  const scored = sample.scored[0] as number;
  const dimensions = q.dimensions.map((d, index): DimensionResult => {
    const own = items.filter((item) => item.dimension === d.id);
    const { n, sum, products } = sample.reliability;
    const rel = reliability(
      coMomentsOfProducts(
        n[index] as number,
        sum[index] as Float64Array,
        products[index] as Float64Array,
        d.items.length,
      ),
    );
    own.forEach((item, j) => {
      item.alphaIfDeleted = rel.alphaIfDeleted[j] ?? null;
      item.itemTotal = rel.itemTotal[j] ?? null;
    });
    const perception = meanOfMeans(own.map((item) => item.perception));
    const minimum = threeColumn ? meanOfMeans(own.map((item) => item.minimum)) : null;
    const desired = threeColumn ? meanOfMeans(own.map((item) => item.desired)) : null;
    return {
      id: d.id,
      label: d.label,
      importance: scored > 0 ? (sample.importance[index] as number) / scored : null,
      expectation: q.format === 'two-column' ? meanOfMeans(own.map((item) => item.expectation)) : null,
      perception,
      minimum,
      desired,
      gap: summarise(dimensionMoments(sample, 'gap', index)),
      msa: threeColumn ? summarise(dimensionMoments(sample, 'msa', index)) : null,
      zone: threeColumn ? zoneOf(perception, minimum, desired) : null,
      alpha: rel.alpha,
      quadrant: null,
    };
  });
  const placed = quadrants(dimensions.map((d) => ({ importance: d.importance, performance: d.perception })));
  dimensions.forEach((d, i) => {
    d.quadrant = placed[i] ?? null;
  });
  return dimensions;
}

function finaliseKpis(q: Questionnaire, layout: ScoringLayout, sample: SampleAccumulator): KpiResult[] {
  const acc = sample.kpi;
  return q.kpis.map((kpi, k) => {
    const n = acc.n[k] as number;
    const values = momentsOfSums(
      n,
      acc.sum.value[k] as number,
      acc.squares.value[k] as number,
      (layout.kpis[k] as ScoringLayout['kpis'][number]).shift,
    );
    const share = (count: number) => (n > 0 ? (100 * count) / n : null);
    const base = {
      id: kpi.id,
      type: kpi.type,
      question: kpi.question,
      scale: resultScale(kpi.scale),
      n,
    };
    if (kpi.type === 'nps') {
      const promoters = share(acc.promoters[k] as number);
      const detractors = share(acc.detractors[k] as number);
      return {
        ...base,
        score: promoters === null || detractors === null ? null : promoters - detractors,
        ci95: npsInterval(acc.promoters[k] as number, acc.detractors[k] as number, n),
        promoters,
        passives: share(acc.passives[k] as number),
        detractors,
      };
    }
    if (kpi.type === 'csat')
      return { ...base, score: share(acc.topTwo[k] as number), ci95: wilsonInterval(acc.topTwo[k] as number, n) };
    // CES is a mean: its sd lets `compare` test a change between waves.
    const ces = summarise(values);
    return { ...base, score: meanOf(values), ci95: ces.ci95, sd: ces.sd };
  });
}

function finaliseOverall(sample: SampleAccumulator): OverallResult {
  return {
    unweighted: summarise(overallMoments(sample, 'unweighted')),
    weighted: summarise(overallMoments(sample, 'weighted')),
  };
}

export interface FinalisedSample {
  overall: OverallResult;
  dimensions: DimensionResult[];
  items: ItemResult[];
  kpis: KpiResult[];
}

/** Every statistic of one sample, from its sufficient statistics. */
export function finaliseSample(q: Questionnaire, sample: SampleAccumulator, layout: ScoringLayout): FinalisedSample {
  const items = finaliseItems(q, layout, sample);
  const dimensions = finaliseDimensions(q, sample, items);
  return { overall: finaliseOverall(sample), dimensions, items, kpis: finaliseKpis(q, layout, sample) };
}
