/**
 * Measurement quality and key drivers (issue 16, contract "Measurement quality" and "Key
 * drivers"): every figure from merged sums, never from rows, so shards and threads give what one
 * pass gives. The instrument-wide figures (KMO, Bartlett, eigenvalues, HTMT, factor fits) are
 * over the respondents with every item (`validity.n`); the figures that sit beside alpha
 * (standardized alpha, its Feldt interval, the uncorrected item-total r) over the same
 * respondents as alpha, so the interval is the interval of the alpha shown.
 */
import { allItems, type Questionnaire, SERVQUAL_DIMENSIONS } from '../questionnaire/model.js';
import { feldtInterval, itemTotalRaw, standardizedAlpha } from '../stats/alpha-extras.js';
import { correlationRows, subMatrix } from '../stats/correlation.js';
import { eigenvaluesDescending } from '../stats/eigenvalues.js';
import { htmt } from '../stats/htmt.js';
import { bartlett, kmo } from '../stats/kmo.js';
import { coMomentsOfProducts } from '../stats/power-sums.js';
import { driverWeights, factorReliabilityOf, fitCfaOf, parallelOf } from './measurement-models.js';
import { coMomentsOf, type InstrumentSums } from './instrument-sums.js';
import { differenceReliabilityOf } from './pair-sums.js';
import type {
  CfaFit,
  CfaFitFigures,
  DimensionResult,
  Drivers,
  FornellLarcker,
  ItemResult,
  Validity,
} from './result.js';
import type { SampleAccumulator } from './sample.js';

/** The dimensions merged in the common three-factor alternative: all but tangibles and reliability. */
const THREE_FACTOR_KEPT = ['tangibles', 'reliability'];

/**
 * Which factor each item loads on, by dimension (the five-factor model), and in the three-factor
 * alternative: tangibles, reliability, and the other dimensions as one. Null for the alternative
 * when the questionnaire lacks tangibles or reliability (a custom model has no such alternative).
 */
function factorsOf(q: Questionnaire): { five: number[]; three: number[] | null } {
  const dimensionOf = allItems(q).map((item) => q.dimensions.findIndex((d) => d.id === item.dimension));
  const kept = THREE_FACTOR_KEPT.map((id) => q.dimensions.findIndex((d) => d.id === id));
  // The three-factor alternative of the SERVQUAL literature merges responsiveness, assurance and
  // empathy: it means something only for those five dimensions (not for a custom model that happens
  // to have a tangibles and a reliability dimension among others).
  const servqual =
    q.dimensions.length === SERVQUAL_DIMENSIONS.length &&
    q.dimensions.every((d) => (SERVQUAL_DIMENSIONS as readonly string[]).includes(d.id));
  if (kept.some((index) => index < 0) || !servqual) return { five: dimensionOf, three: null };
  const three = dimensionOf.map((d) => {
    const at = kept.indexOf(d);
    return at >= 0 ? at : kept.length;
  });
  return { five: dimensionOf, three };
}

/** The item indices of each dimension, in questionnaire order. */
function blocksOf(q: Questionnaire): number[][] {
  let start = 0;
  return q.dimensions.map((d) => {
    const block = d.items.map((_, j) => start + j);
    start += d.items.length;
    return block;
  });
}

/** The instrument-wide figures, over respondents with every item; keys in the result schema's order (`report` re-renders byte for byte). */
export function validityOf(q: Questionnaire, sums: InstrumentSums, dimensions: readonly DimensionResult[]): Validity {
  const cm = coMomentsOf(sums.items);
  const n = cm.n;
  const r = correlationRows(cm);
  const ids = allItems(q).map((item) => item.id);
  const blocks = blocksOf(q);
  const factors = factorsOf(q);
  const adequacy = r ? kmo(r) : null;
  const eigenvalues = r ? eigenvaluesDescending(r) : null;
  const fiveOutcome = fitCfaOf(cm, factors.five);
  const five = 'unavailable' in fiveOutcome ? null : fiveOutcome;
  const threeOutcome = factors.three ? fitCfaOf(cm, factors.three) : null;
  const three = threeOutcome === null || 'unavailable' in threeOutcome ? null : threeOutcome;
  return {
    n,
    kmo: adequacy
      ? { overall: adequacy.overall, items: Object.fromEntries(ids.map((id, i) => [id, adequacy.items[i] as number])) }
      : null,
    bartlett: r ? bartlett(r, n) : null,
    eigenvalues,
    htmt: r
      ? q.dimensions.flatMap((a, i) =>
          q.dimensions.slice(i + 1).map((b, j) => ({
            a: a.id,
            b: b.id,
            value: htmt(r, blocks[i] as number[], blocks[i + 1 + j] as number[]),
          })),
        )
      : null,
    parallel: eigenvalues ? parallelOf(eigenvalues, n) : null,
    cfa: five ? figuresOf(five) : null,
    // Why the model with one factor per dimension has no fit (only then), for the report and `check`.
    ...('unavailable' in fiveOutcome ? { cfaUnavailable: fiveOutcome.unavailable } : {}),
    cfa3: three ? figuresOf(three) : null,
    fornellLarcker: five ? fornellLarcker(q, five.factorCorrelations, dimensions) : null,
  };
}

/** The fit without its factor correlations (those are reported per pair in `fornellLarcker`). */
function figuresOf({ factorCorrelations: _, ...figures }: CfaFit): CfaFitFigures {
  return figures;
}

/**
 * Fornell-Larcker per pair of dimensions: r from the five-factor CFA (factor i is dimension i),
 * AVE the result's (one-factor fit per dimension, the AVE the report shows beside omega), so a
 * reader can check the verdict from the figures on the page: holds when r² < min(AVE_a, AVE_b).
 */
function fornellLarcker(
  q: Questionnaire,
  correlations: number[][],
  dimensions: readonly DimensionResult[],
): FornellLarcker[] {
  const aveOf = new Map(dimensions.map((d) => [d.id, d.ave ?? null]));
  return q.dimensions.flatMap((a, i) =>
    q.dimensions.slice(i + 1).map((b, j) => {
      const r = correlations[i]?.[i + 1 + j] ?? null;
      const aveA = aveOf.get(a.id) ?? null;
      const aveB = aveOf.get(b.id) ?? null;
      const holds = r === null || aveA === null || aveB === null ? null : r * r < Math.min(aveA, aveB);
      return { a: a.id, b: b.id, correlation: r, holds };
    }),
  );
}

/**
 * Adds the reliability figures beside alpha to the result's dimensions and items, in place:
 * `alphaStd`, `alphaCi` and `itemTotalRaw` from the dimension's own sums (alpha's respondents),
 * `omega` and `ave` from the dimension's block of the instrument-wide correlations, and the
 * difference-score reliability from the dimension's P-E sums (null for perceptions-only: no pairs).
 */
export function addReliabilityFigures(
  q: Questionnaire,
  sample: SampleAccumulator,
  sums: InstrumentSums,
  dimensions: DimensionResult[],
  items: ItemResult[],
): void {
  const instrument = correlationRows(coMomentsOf(sums.items));
  const blocks = blocksOf(q);
  q.dimensions.forEach((d, index) => {
    const { n, sum, products } = sample.reliability;
    const cm = coMomentsOfProducts(
      n[index] as number,
      sum[index] as Float64Array,
      products[index] as Float64Array,
      d.items.length,
    );
    const result = dimensions[index] as DimensionResult;
    const factor = instrument ? factorReliabilityOf(subMatrix(instrument, blocks[index] as number[])) : null;
    result.alphaStd = standardizedAlpha(correlationRows(cm));
    result.alphaCi = feldtInterval(result.alpha, cm.n, d.items.length);
    result.omega = factor?.omega ?? null;
    result.ave = factor?.ave ?? null;
    const pair = sums.pairs[index];
    result.differenceReliability = pair ? differenceReliabilityOf(pair) : null;
    const raw = itemTotalRaw(cm);
    (blocks[index] as number[]).forEach((i, j) => {
      (items[i] as ItemResult).itemTotalRaw = raw[j] ?? null;
    });
  });
}

/** Key drivers over respondents with every dimension score and the outcome; null without a declared outcome. */
export function driversOf(q: Questionnaire, sums: InstrumentSums): Drivers | null {
  const outcome = q.drivers?.outcome;
  if (outcome === undefined || sums.drivers === null) return null;
  const cm = coMomentsOf(sums.drivers);
  const r = correlationRows(cm);
  const fit = r ? driverWeights(r) : null;
  return {
    outcome,
    n: cm.n,
    r2: fit?.r2 ?? null,
    dimensions: q.dimensions.map((d, i) => {
      const weight = fit?.weight?.[i] ?? null;
      return {
        id: d.id,
        r: fit?.r[i] ?? null,
        beta: fit?.beta[i] ?? null,
        weight,
        share: weight !== null && fit && fit.r2 > 0 ? weight / fit.r2 : null,
      };
    }),
  };
}
