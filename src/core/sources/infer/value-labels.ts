import { normaliseAnswer } from '../labels.js';
import { type ColumnReading, type InferredScale, lowEndIsBest } from './scale.js';

/**
 * What a file with a dictionary (an SPSS .sav) says about its columns beside the cells: the
 * variable label (the question's wording) and the value labels of the numeric codes. Read by the
 * shell, used by `init --from` for the scale's labels and direction and for the items' words.
 */
export interface ColumnLabels {
  /** The variable label, or '' when it has none. */
  label: string;
  /** Numeric code -> its label (user-missing codes left out by the reader). */
  values: ReadonlyMap<number, string>;
}

/** The rating codes a scale can have (whole numbers 0-10), as `scale.ts` reads ratings. */
const ratingCodes = (values: ReadonlyMap<number, string>) =>
  [...values].filter(([code]) => Number.isInteger(code) && code >= 0 && code <= 10).sort((a, b) => a[0] - b[0]);

/**
 * The value labels every one of these columns has, the same codes with the same words (case and
 * spaces aside), or null when they differ or some column has none.
 * @example sharedValueLabels([{ label: '', values: new Map([[1, 'Bad'], [5, 'Good']]) }]) // Map { 1 => 'Bad', 5 => 'Good' }
 */
export function sharedValueLabels(columns: readonly (ColumnLabels | undefined)[]): Map<number, string> | null {
  let shared: [number, string][] | null = null;
  for (const column of columns) {
    const codes = column ? ratingCodes(column.values) : [];
    if (codes.length < 2) return null;
    if (shared === null) shared = codes;
    else if (
      shared.length !== codes.length ||
      shared.some(
        ([code, text], i) => codes[i]?.[0] !== code || normaliseAnswer(codes[i]?.[1] ?? '') !== normaliseAnswer(text),
      )
    )
      return null;
  }
  return shared === null ? null : new Map(shared);
}

/**
 * The scale with the value labels the answer columns share: its ends widened to the labelled codes
 * (a 1-5 scale whose 5 nobody chose in the sample is still 1-5), every labelled point as a label,
 * and `best: low` when the lowest point's label is the best answer ("Excellent", "Very satisfied")
 * and the highest point's is not.
 * @example withValueLabels({ min: 1, max: 4, labels: {}, best: 'high', note: '' }, new Map([[1, 'Excellent'], [5, 'Very poor']])) // { min: 1, max: 5, best: 'low', ... }
 */
export function withValueLabels(scale: InferredScale, labels: ReadonlyMap<number, string>): InferredScale {
  const codes = [...labels.keys()];
  const min = Math.min(scale.min, ...codes);
  const max = Math.max(scale.max, ...codes);
  const out: Record<string, string> = {};
  for (const [code, text] of labels) if (text.trim() !== '') out[String(code)] = text.trim();
  const bottom = labels.get(min);
  const top = labels.get(max) ?? '';
  const best = lowEndIsBest(bottom, top) ? 'low' : scale.best;
  const ends = [min, max].map((c) => (labels.has(c) ? `${c} "${labels.get(c)}"` : String(c))).join(' ... ');
  const direction = best === 'low' ? `; best: low, since ${min} is "${bottom}"` : '';
  return { min, max, labels: out, best, note: `scale ${min}-${max} from the SPSS value labels (${ends})${direction}` };
}

/**
 * A column of few distinct numbers (`numeric`: 1-2 only, in a small sample) is still a rating when
 * its value labels make a scale of three or more points and every number seen is one of its codes.
 * @example labelledRating({ kind: 'numeric', range: { min: 1, max: 2 } }, { label: '', values: new Map([[1, 'Good'], [2, 'Fair'], [3, 'Poor']]) }) // { kind: 'rating', ... }
 */
export function labelledRating(reading: ColumnReading, labels: ColumnLabels | undefined): ColumnReading {
  if (reading.kind !== 'numeric' || reading.range === null || labels === undefined) return reading;
  const codes = ratingCodes(labels.values).map(([code]) => code);
  const { min, max } = reading.range;
  if (codes.length < 3 || min < (codes[0] as number) || max > (codes.at(-1) as number)) return reading;
  return { kind: 'rating', range: reading.range, codes: new Map(), unknown: new Map() };
}
