import { normaliseAnswer } from './labels.js';

/** Text similarity for matching export headers to questionnaire statements. */

/** Words too common to tell two statements apart. */
const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'to',
  'and',
  'or',
  'in',
  'on',
  'at',
  'for',
  'with',
  'is',
  'are',
  'its',
  'it',
  'their',
  'they',
  'be',
  'by',
  'as',
  'и',
  'в',
  'во',
  'на',
  'с',
  'со',
  'к',
  'по',
  'о',
  'об',
  'за',
  'из',
  'у',
  'а',
  'не',
  'что',
  'это',
]);

/**
 * The content words of a text, lower case, without punctuation and stop words.
 * @example words('The branch has modern-looking equipment.') // ['branch', 'has', 'modern', 'looking', 'equipment']
 */
export function words(text: string): string[] {
  return normaliseAnswer(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !STOPWORDS.has(w));
}

/**
 * Crude stemming so that "firm" meets "firms", "feel" meets "feeling" and "согласен" meets
 * "согласна": common English endings off, then the first 5 letters.
 */
const stem = (w: string) => {
  const bare = w.replace(/(ing|ed|es|s|ly)$/, '');
  return (bare.length >= 3 ? bare : w).slice(0, 5);
};

/**
 * Dice similarity of two texts' stemmed content words, 0 (nothing shared) to 1 (the same words):
 * `2 * |shared| / (|a| + |b|)`, counting repeated words once per occurrence.
 * @example similarity('This bank has modern equipment', 'This firm has modern equipment') // 0.8
 */
export function similarity(a: string, b: string): number {
  const left = words(a).map(stem);
  const right = words(b).map(stem);
  if (left.length === 0 || right.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const w of right) pool.set(w, (pool.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of left) {
    const n = pool.get(w) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(w, n - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/**
 * How much of the shorter text the longer one contains (for a short matrix row label against a
 * long statement): shared stemmed words over the shorter text's words.
 * @example containment('Modern equipment', 'Excellent banks have modern-looking equipment') // 1
 */
export function containment(a: string, b: string): number {
  const left = new Set(words(a).map(stem));
  const right = new Set(words(b).map(stem));
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / small.size;
}
