import { allItems, type Questionnaire } from '../questionnaire/model.js';
import type { CoMoments } from '../stats/comoments.js';
import { reliability } from '../stats/cronbach.js';
import { holmAdjust } from '../stats/holm.js';
import { summarise, type Moments } from '../stats/moments.js';
import { pairedTest } from '../stats/paired-test.js';
import { quadrants } from '../recommend/quadrant.js';
import type { DimensionResult, ItemResult, KpiResult, OverallResult, Zone } from './result.js';
import type { KpiAccumulator, SampleAccumulator } from './sample.js';

const meanOf = (m: Moments): number | null => (m.n > 0 ? m.mean : null);

/** Mean of the non-null values, or null. */
function meanOfMeans(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length > 0 ? present.reduce((a, b) => a + b, 0) / present.length : null;
}

/** Zone of tolerance: below when P < MIN, above when P > DES, else within; null without all three. */
export function zoneOf(perception: number | null, minimum: number | null, desired: number | null): Zone | null {
  if (perception === null || minimum === null || desired === null) return null;
  if (perception < minimum) return 'below';
  if (perception > desired) return 'above';
  return 'within';
}

/** Item results, before the reliability statistics of their dimension are attached. */
function finaliseItems(q: Questionnaire, sample: SampleAccumulator): ItemResult[] {
  const threeColumn = q.format === 'three-column';
  const items = allItems(q).map((item, i): ItemResult => {
    const at = <T>(list: T[]) => list[i] as T;
    const gap = at(sample.item.gap);
    const test = pairedTest(gap);
    const perception = meanOf(at(sample.item.perception));
    const minimum = threeColumn ? meanOf(at(sample.item.minimum)) : null;
    const desired = threeColumn ? meanOf(at(sample.item.desired)) : null;
    return {
      id: item.id,
      dimension: item.dimension,
      expectation: q.format === 'two-column' ? meanOf(at(sample.item.expectation)) : null,
      perception,
      minimum,
      desired,
      gap: summarise(gap),
      msa: threeColumn ? summarise(at(sample.item.msa)) : null,
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
  const dimensions = q.dimensions.map((d, index): DimensionResult => {
    const own = items.filter((item) => item.dimension === d.id);
    const rel = reliability(sample.dimension.reliability[index] as CoMoments);
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
      importance: sample.scored > 0 ? (sample.importance[index] as number) / sample.scored : null,
      expectation: q.format === 'two-column' ? meanOfMeans(own.map((item) => item.expectation)) : null,
      perception,
      minimum,
      desired,
      gap: summarise(sample.dimension.gap[index] as Moments),
      msa: threeColumn ? summarise(sample.dimension.msa[index] as Moments) : null,
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

function finaliseKpis(q: Questionnaire, sample: SampleAccumulator): KpiResult[] {
  return q.kpis.map((kpi, k) => {
    const acc = sample.kpi[k] as KpiAccumulator;
    const n = acc.values.n;
    const share = (count: number) => (n > 0 ? (100 * count) / n : null);
    const base = { id: kpi.id, type: kpi.type, question: kpi.question, scale: kpi.scale, n };
    if (kpi.type === 'nps') {
      const promoters = share(acc.promoters);
      const detractors = share(acc.detractors);
      return {
        ...base,
        score: promoters === null || detractors === null ? null : promoters - detractors,
        promoters,
        passives: share(acc.passives),
        detractors,
      };
    }
    if (kpi.type === 'csat') return { ...base, score: share(acc.topTwo) };
    // CES is a mean: its sd lets `compare` test a change between waves.
    return { ...base, score: meanOf(acc.values), sd: summarise(acc.values).sd };
  });
}

export function finaliseOverall(sample: SampleAccumulator): OverallResult {
  return { unweighted: summarise(sample.overall.unweighted), weighted: summarise(sample.overall.weighted) };
}

export interface FinalisedSample {
  overall: OverallResult;
  dimensions: DimensionResult[];
  items: ItemResult[];
  kpis: KpiResult[];
}

/** Every statistic of one sample, from its sufficient statistics. */
export function finaliseSample(q: Questionnaire, sample: SampleAccumulator): FinalisedSample {
  const items = finaliseItems(q, sample);
  const dimensions = finaliseDimensions(q, sample, items);
  return { overall: finaliseOverall(sample), dimensions, items, kpis: finaliseKpis(q, sample) };
}
