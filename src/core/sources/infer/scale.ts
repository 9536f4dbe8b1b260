import { defaultLabels } from '../labels.js';
import { type ColumnProfile, numberRange, wholeNumbers } from './profile.js';

/**
 * Rating columns and their scale, from the values seen: whole numbers on a short range, or text
 * answers from one of the built-in label sets (agreement, satisfaction, quality, frequency; English
 * and Russian). Yes/no columns are recognised, and kept out of the scores (two points are not a
 * rating scale).
 */

/** A built-in set of answer texts: the points of its scale, each with the folded texts that mean it. */
export interface LabelSet {
  name: string;
  points: number;
  labels: ReadonlyMap<string, number>;
}

function labelSet(name: string, points: readonly (readonly string[])[]): LabelSet {
  const labels = new Map<string, number>();
  points.forEach((texts, i) => {
    for (const text of texts) labels.set(text, i + 1);
  });
  return { name, points: points.length, labels };
}

function fromRecord(name: string, points: number, record: Record<string, number>): LabelSet {
  return { name, points, labels: new Map(Object.entries(record)) };
}

/**
 * In the order they are tried: the first set that reads every text seen, giving no two of them the
 * same point, wins (so "agree" and "somewhat agree" together mean the 7-point agreement scale).
 */
const LABEL_SETS: readonly LabelSet[] = [
  fromRecord('agreement', 5, defaultLabels({ min: 1, max: 5 })),
  fromRecord('agreement', 7, defaultLabels({ min: 1, max: 7 })),
  labelSet('satisfaction', [
    [
      'very dissatisfied',
      'extremely dissatisfied',
      'completely dissatisfied',
      'совсем не удовлетворен',
      'очень недоволен',
      'совершенно не удовлетворен',
    ],
    [
      'dissatisfied',
      'somewhat dissatisfied',
      'не удовлетворен',
      'недоволен',
      'скорее не удовлетворен',
      'скорее недоволен',
    ],
    [
      'neutral',
      'neither satisfied nor dissatisfied',
      'neither satisfied or dissatisfied',
      'нейтрально',
      'ни то ни другое',
    ],
    ['satisfied', 'somewhat satisfied', 'удовлетворен', 'доволен', 'скорее удовлетворен', 'скорее доволен'],
    [
      'very satisfied',
      'extremely satisfied',
      'completely satisfied',
      'полностью удовлетворен',
      'очень доволен',
      'совершенно удовлетворен',
    ],
  ]),
  labelSet('quality', [
    ['very poor', 'very bad', 'terrible', 'очень плохо', 'очень плохое'],
    ['poor', 'bad', 'плохо', 'плохое'],
    ['fair', 'average', 'acceptable', 'удовлетворительно', 'средне', 'удовлетворительное'],
    ['good', 'хорошо', 'хорошее'],
    ['very good', 'excellent', 'очень хорошо', 'отлично', 'отличное'],
  ]),
  labelSet('quality', [
    ['poor', 'плохо'],
    ['fair', 'удовлетворительно'],
    ['good', 'хорошо'],
    ['very good', 'очень хорошо'],
    ['excellent', 'отлично'],
  ]),
  labelSet('frequency', [
    ['never', 'никогда'],
    ['rarely', 'seldom', 'редко'],
    ['sometimes', 'occasionally', 'иногда'],
    ['often', 'usually', 'frequently', 'часто', 'обычно'],
    ['always', 'всегда'],
  ]),
];

/** Yes and no (and "maybe" between them): recognised, never scored. */
const YES_NO: LabelSet = labelSet('yes/no', [
  ['no', 'нет'],
  ['maybe', 'possibly', 'возможно', 'может быть'],
  ['yes', 'да'],
]);

/** LimeSurvey answer codes such as AO01 or A1: the number is most likely the scale point. */
const ANSWER_CODE = /^[a-z]{1,3}0*(\d{1,2})$/;

/** The set that reads every one of these folded texts with no two on one point, if any. */
export function findLabelSet(texts: readonly string[], sets: readonly LabelSet[] = LABEL_SETS): LabelSet | undefined {
  return sets.find((set) => {
    // Two texts on one point rule the set out (agree and somewhat agree are 5-point's 4), unless
    // they are one word in two grammatical genders (согласен, согласна).
    const points = new Map<number, string>();
    for (const text of texts) {
      const point = set.labels.get(text);
      const canonical = text.replace(/согласна|согласен\((на|а)\)/g, 'согласен');
      if (point === undefined || (points.has(point) && points.get(point) !== canonical)) return false;
      points.set(point, canonical);
    }
    return true;
  });
}

/** What a column's values say it is. */
export type ColumnReading =
  | {
      kind: 'rating';
      /** Whole numbers seen, if any. */
      range: { min: number; max: number } | null;
      set?: LabelSet;
      /** Texts read as answer codes (`AO05` as 5): a guess. */
      codes: Map<string, number>;
      /** Texts nothing reads, for the user to number (folded -> as spelled). */
      unknown: Map<string, string>;
    }
  | { kind: 'yes-no' }
  | { kind: 'numeric'; range: { min: number; max: number } | null }
  | { kind: 'text' }
  | { kind: 'empty' };

/** The highest whole number a rating scale goes to (0-10 for NPS). */
const RATING_MAX = 10;

/**
 * How a column reads: a rating (numbers 0-10 spanning at least three points, a built-in label set,
 * or answer codes), yes/no, other numbers (ages, ids, points), or text.
 */
export function readColumn(profile: ColumnProfile): ColumnReading {
  if (profile.filled === 0) return { kind: 'empty' };
  const range = numberRange(profile);
  const numbers = wholeNumbers(profile);
  const texts = [...profile.texts.keys()];
  const onRatingRange = range !== null && range.min >= 0 && range.max <= RATING_MAX && profile.otherNumbers === 0;
  if (texts.length === 0) {
    const rating = onRatingRange && range.max >= 3 && range.max - range.min >= 1;
    return rating ? { kind: 'rating', range, codes: new Map(), unknown: new Map() } : { kind: 'numeric', range };
  }
  if (range === null && findLabelSet(texts, [YES_NO])) return { kind: 'yes-no' };
  // Only sets that reach the largest number seen: "somewhat agree" beside a 7 is the 7-point scale's 5.
  const set = findLabelSet(texts, range === null ? LABEL_SETS : LABEL_SETS.filter((s) => s.points >= range.max));
  if (set && (range === null || onRatingRange))
    return { kind: 'rating', range, set, codes: new Map(), unknown: new Map() };
  const codes = new Map<string, number>();
  for (const text of texts) {
    const code = ANSWER_CODE.exec(text);
    if (code) codes.set(text, Number(code[1]));
  }
  if (codes.size === texts.length && [...codes.values()].every((v) => v <= RATING_MAX))
    return { kind: 'rating', range, codes, unknown: new Map() };
  // Mostly numbers with a few words: a rating whose words the user must number.
  if (onRatingRange && numbers >= 0.8 * profile.filled && range.max >= 3) {
    const unknown = new Map(texts.map((t) => [t, profile.texts.get(t)?.text ?? t]));
    return { kind: 'rating', range, codes: new Map(), unknown };
  }
  return { kind: 'text' };
}

/** The scale of the items, and why. */
export interface InferredScale {
  min: number;
  max: number;
  /** Labels of the end points, from a label set, as the export spells them. */
  labels: Record<string, string>;
  /** low when the words of the numbered answers put the best at the bottom (`1 - Excellent`). */
  best: 'high' | 'low';
  note: string;
}

const GOOD =
  /^(excellent|very good|best|very high|very satisfied|strongly agree|extremely|отлично|очень хорошо|лучш|полностью согласен)/i;

/**
 * Whether the words of the lowest point make it the best answer: they read as good, and the
 * highest point's do not ("Extremely dissatisfied ... Extremely satisfied" starts both ends alike).
 * @example lowEndIsBest('Excellent', 'Poor') // true
 */
export function lowEndIsBest(bottom: string | undefined, top: string | undefined): boolean {
  return bottom !== undefined && GOOD.test(bottom.trim()) && !GOOD.test((top ?? '').trim());
}

/**
 * The words a header gives its highest point after the lowest, as in `(1 = Excellent, 5 = Poor)`.
 * @example headerTopWords('Rate the staff (1 = Excellent, 5 = Poor)', 5) // 'Poor'
 */
function headerTopWords(header: string, top: number): string | undefined {
  return new RegExp(`(?:^|[\\s(,;/])${top}\\s*(?:=|:|-|–|—|\\()\\s*([^\\d\\s][^\\d,;)]*)`, 'iu')
    .exec(header)?.[1]
    ?.trim();
}

/**
 * The words a header gives the lowest point when it numbers both ends, as in `(1 = Excellent,
 * 5 = Poor)`, `1: very good ... 5: very bad` or `from 1 (best) to 5 (worst)`; undefined otherwise
 * (`Q1 - Extremely ...` is a question number, not a scale).
 * @example headerBottomWords('Rate the staff (1 = Excellent, 5 = Poor)', 1, 5) // 'Excellent'
 */
export function headerBottomWords(header: string, low: number, top: number): string | undefined {
  const match = new RegExp(
    `(?:^|[\\s(])${low}\\s*(?:=|:|-|–|—|\\()\\s*([^\\d\\s][^\\d]*?)\\s*(?:to\\s+|до\\s+|[,;/]\\s*)?\\(?${top}\\b`,
    'iu',
  ).exec(header);
  return match?.[1]?.trim();
}

/** Rating scales people use, by their top point: a maximum seen is taken up to the next of these. */
const TOPS = [3, 4, 5, 7, 9, 10];

/**
 * The scale that fits every rating column: the label set's points when one was used, else the
 * smallest usual top at or above the largest number seen (a 1-7 scale whose 7 nobody chose in the
 * sample is still 1-7), from 0 when a 0 was seen.
 */
export function inferScale(
  readings: readonly Extract<ColumnReading, { kind: 'rating' }>[],
  profiles: readonly ColumnProfile[],
): InferredScale {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let setPoints = 0;
  for (const r of readings) {
    if (r.range) {
      min = Math.min(min, r.range.min);
      max = Math.max(max, r.range.max);
    }
    for (const v of r.codes.values()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (r.set) setPoints = Math.max(setPoints, r.set.points);
  }
  const low = min === 0 ? 0 : 1;
  const seenMax = Math.max(max, setPoints, low + 2);
  const top = setPoints >= seenMax ? setPoints : (TOPS.find((t) => t >= seenMax) ?? seenMax);
  const labels: Record<string, string> = {};
  const sets = readings.flatMap((r) => (r.set ? [r.set] : []));
  if (sets.length > 0) {
    // The end points' words as the export spells them, where they were seen.
    for (const point of [low, top]) {
      for (const p of profiles) {
        for (const [key, { text }] of p.texts) {
          if (labels[String(point)] === undefined && sets.some((s) => s.points === top && s.labels.get(key) === point))
            labels[String(point)] = text;
        }
      }
    }
  }
  const source =
    sets.length > 0
      ? `the ${sets[0]?.name} labels seen (${sets[0]?.points} points)`
      : `the numbers seen (${Number.isFinite(min) ? min : low} to ${Number.isFinite(max) ? max : top})`;
  // The direction, from numbered answers such as `1 - Excellent` (the words beside the lowest
  // number), else from a header that says so: `(1 = Excellent, 5 = Poor)`, `1 (best) to 5`.
  const numbered = profiles.find((p) => (p.numberedWords.get(low) ?? '') !== '');
  const headed = numbered
    ? undefined
    : profiles
        .map((p) => `${p.column.question} ${p.column.sub}`)
        .find((header) => headerBottomWords(header, low, top) !== undefined);
  const bottom = numbered ? numbered.numberedWords.get(low) : headed && headerBottomWords(headed, low, top);
  const topWords = numbered ? numbered.numberedWords.get(top) : headed && headerTopWords(headed, top);
  const best = lowEndIsBest(bottom, topWords) ? 'low' : 'high';
  // Bare numbers cannot say which end is best: a 1-is-best file (school marks, rankings) needs the user's word.
  const direction =
    best === 'low'
      ? `; best: low, since ${low} is "${bottom}"`
      : sets.length === 0 && bottom === undefined
        ? `; if ${low} is the best answer, add best: low`
        : '';
  return { min: low, max: top, labels, best, note: `scale ${low}-${top} from ${source}${direction}` };
}

/** The number of each text answer seen in the rating columns: from the label sets, codes, or unknown (null). */
export function proposedLabels(
  readings: readonly Extract<ColumnReading, { kind: 'rating' }>[],
  profiles: readonly ColumnProfile[],
): { text: string; value: number | null; note: string }[] {
  const out = new Map<string, { text: string; value: number | null; note: string }>();
  readings.forEach((r, i) => {
    const profile = profiles[i];
    if (!profile) return;
    for (const [key, { text }] of profile.texts) {
      if (out.has(key)) continue;
      const point = r.set?.labels.get(key);
      if (point !== undefined) out.set(key, { text, value: point, note: `${r.set?.name} label` });
      else if (r.codes.has(key)) out.set(key, { text, value: r.codes.get(key) as number, note: 'an answer code' });
      else out.set(key, { text, value: null, note: 'unknown answer' });
    }
  });
  return [...out.values()].sort(
    (a, b) =>
      (a.value ?? Number.POSITIVE_INFINITY) - (b.value ?? Number.POSITIVE_INFINITY) || a.text.localeCompare(b.text),
  );
}
