/**
 * Respondents' free-text comments (issue 15): which column holds them, and a capped,
 * deterministic selection kept while scoring. Memory is bounded whatever the input's size: per
 * dimension the COMMENTS_SHOWN comments of the respondents who scored it lowest (ties: the
 * earlier row), per segment the first COMMENTS_SHOWN by input order, each clipped to
 * COMMENT_CHARS characters, plus counts. Merging two states (shards, partials) gives the
 * selection one pass over a's rows then b's would, because each list is a prefix of its rows in
 * one total order (score, then input order; or input order alone). Pure.
 */
import type { Questionnaire } from '../questionnaire/model.js';
import { isBuiltInMissing, LONGEST_MISSING } from '../sources/labels.js';
import type { RecordCells } from './cells.js';

/** At most this many comments are kept per dimension and per segment. */
export const COMMENTS_SHOWN = 5;
/** A kept comment is clipped to this many characters (code points), an ellipsis marking the cut. */
export const COMMENT_CHARS = 500;

/** One kept comment: whose (the id, or null without an id column), the row's line, the text. */
export interface KeptComment {
  respondent: string | null;
  line: number;
  text: string;
  /** Per dimension only: the respondent's score on it (gap, or perception mean when perceptions-only). */
  score?: number;
}

export interface CommentBucket {
  /** Non-empty comments of the respondents in this bucket (scored on the dimension; in the segment). */
  count: number;
  /** At most COMMENTS_SHOWN, in the order they are shown. */
  shown: KeptComment[];
}

export interface CommentState {
  /** The comment column's header name (the first table's that had one). */
  column: string;
  /** Every non-empty comment of a scored respondent. */
  total: number;
  /** Per dimension, in questionnaire order: the lowest scores first. */
  dimensions: CommentBucket[];
  /** Per --group-by column (by position), per segment value: the first comments by input order. */
  segments: Map<string, CommentBucket>[];
}

export function emptyComments(column: string, dimensions: number, groups: number): CommentState {
  return {
    column,
    total: 0,
    dimensions: Array.from({ length: dimensions }, () => ({ count: 0, shown: [] })),
    segments: Array.from({ length: groups }, () => new Map()),
  };
}

/**
 * Header names that mean a comment column when the questionnaire names none, after `commentKey`
 * (lower case, a trailing `[...]`/`(...)` and punctuation dropped, spaces collapsed).
 */
const COMMENT_NAMES = new Set([
  'comment',
  'comments',
  'feedback',
  'remark',
  'remarks',
  'suggestions',
  'other comments',
  'any other comments',
  'additional comments',
  'any comments',
  'general comments',
  'open feedback',
  'free text',
  'verbatim',
  'комментарий',
  'комментарии',
  'ваш комментарий',
  'ваши комментарии',
  'другие комментарии',
  'отзыв',
  'ваш отзыв',
  'пожелания',
  'ваши пожелания',
  'замечания',
  'замечания и предложения',
  'предложения',
]);

/** A header name reduced for matching against COMMENT_NAMES. */
export function commentKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\s*[[(][^\])]*[\])]\s*$/u, '')
    .replace(/[?!.:;*"'«»]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * The comment column when the questionnaire names none: the first header cell named like one that
 * nothing else reads (`claimed`) and that no `source.columns` entry maps (an export's answer cells
 * are in the header twice, as answers and as the export's own), or -1.
 */
export function detectCommentColumn(
  q: Questionnaire,
  names: readonly string[],
  claimed: (index: number) => boolean,
): number {
  const mapped = new Set((q.source?.columns ?? []).map((c) => commentKey(c.column)));
  return names.findIndex((name, index) => {
    const key = commentKey(name);
    return !claimed(index) && COMMENT_NAMES.has(key) && !mapped.has(key);
  });
}

/** C0/C1 controls but the line feed, DEL, and bidi embeddings, overrides and isolates: dropped from stored text. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * A cell as a stored comment: line breaks as `\n` (at most one blank line), tabs as spaces,
 * control and bidi characters dropped, trimmed, clipped to `max` code points with `…`; '' when
 * nothing is left or the cell is a missing code (N/A, -99...).
 * @example commentText('Slow\r\nqueue\u202e') // 'Slow\nqueue'
 */
export function commentText(raw: string, max = COMMENT_CHARS): string {
  // A megabyte cell is cut before any regex runs over it (4 units a code point is ample).
  const head = raw.length > max * 4 ? raw.slice(0, max * 4) : raw;
  const text = head
    .replace(/\r\n?|[\u2028\u2029]/gu, '\n')
    .replace(/\t/gu, ' ')
    .replace(UNSAFE, '')
    .replace(/[ \u00a0]+\n/gu, '\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
  if (text === '' || isBuiltInMissing(text)) return '';
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max
    ? text
    : `${points
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * Whether `commentText(raw)` is not '', without making it for plain ASCII text with more visible
 * characters than the longest missing code (most comments): cleaning keeps every visible ASCII
 * character, so such text is neither empty nor a code. Most comments are only counted, never
 * kept, and cleaning each was a tenth of scoring a row.
 */
export function hasComment(raw: string, max = COMMENT_CHARS): boolean {
  const length = Math.min(raw.length, max * 4);
  let visible = 0;
  for (let k = 0; k < length; k++) {
    const c = raw.charCodeAt(k);
    if (c >= 0x80) break;
    if (c > 32 && c !== 127 && ++visible > LONGEST_MISSING + 1) return true;
  }
  return commentText(raw, max) !== '';
}

/**
 * Where a new comment with `score` goes in a bucket kept lowest first (after every equal score: an
 * earlier row wins a tie), or -1 when it would fall past the cap.
 */
function placeByScore(shown: readonly KeptComment[], score: number): number {
  let i = shown.length;
  while (i > 0 && (shown[i - 1]?.score as number) > score) i--;
  return i < COMMENTS_SHOWN ? i : -1;
}

/** What `noteComment` needs of one scored row. */
export interface CommentRow {
  cells: RecordCells;
  /** The comment column's index in the record. */
  column: number;
  /** The respondent's id (trimmed), or null when the row has none. */
  respondent: string | null;
  line: number;
  /** The respondent's score per dimension (NaN: not scored on it). */
  dimensionScores: Float64Array;
  /** Per --group-by column, the row's segment value. */
  groups: readonly string[];
  /** Per --group-by column, the segments kept (a value past the segment limit has none: no comments kept for it). */
  kept: readonly ReadonlyMap<string, unknown>[];
}

/** Adds one scored row's comment (if any) to the counts and, when it makes the cut, to the kept lists. */
export function noteComment(state: CommentState, row: CommentRow): void {
  const raw = row.cells.text(row.column);
  if (raw.trim() === '' || !hasComment(raw)) return;
  state.total++;
  let kept: KeptComment | null = null;
  // The comment is cleaned only if some list keeps it.
  const keep = (): KeptComment => {
    kept ??= {
      respondent: row.respondent,
      line: row.line,
      text: commentText(raw),
    };
    return kept;
  };
  for (let d = 0; d < state.dimensions.length; d++) {
    const score = row.dimensionScores[d] as number;
    if (Number.isNaN(score)) continue;
    const bucket = state.dimensions[d] as CommentBucket;
    bucket.count++;
    const at = placeByScore(bucket.shown, score);
    if (at < 0) continue;
    bucket.shown.splice(at, 0, { ...keep(), score });
    if (bucket.shown.length > COMMENTS_SHOWN) bucket.shown.pop();
  }
  for (let g = 0; g < row.groups.length; g++) {
    const value = row.groups[g] as string;
    if (!row.kept[g]?.has(value)) continue;
    const byValue = state.segments[g] as Map<string, CommentBucket>;
    let bucket = byValue.get(value);
    if (!bucket) {
      bucket = { count: 0, shown: [] };
      byValue.set(value, bucket);
    }
    bucket.count++;
    if (bucket.shown.length < COMMENTS_SHOWN) bucket.shown.push(keep());
  }
}

/** Two dimension buckets as one pass over a's rows then b's: stable sort by score keeps a's first on ties. */
function mergeByScore(a: CommentBucket, b: CommentBucket): CommentBucket {
  const shown = [...a.shown, ...b.shown].sort((x, y) => (x.score as number) - (y.score as number));
  return { count: a.count + b.count, shown: shown.slice(0, COMMENTS_SHOWN).map((c) => ({ ...c })) };
}

function mergeByOrder(a: CommentBucket | undefined, b: CommentBucket | undefined): CommentBucket {
  const shown = [...(a?.shown ?? []), ...(b?.shown ?? [])].slice(0, COMMENTS_SHOWN).map((c) => ({ ...c }));
  return { count: (a?.count ?? 0) + (b?.count ?? 0), shown };
}

/** The comments of a's rows followed by b's (either may have had no comment column: null). */
export function mergeComments(a: CommentState | null, b: CommentState | null): CommentState | null {
  if (a === null || b === null) {
    const only = a ?? b;
    return only === null
      ? null
      : mergeComments(only, emptyComments(only.column, only.dimensions.length, only.segments.length));
  }
  return {
    column: a.column,
    total: a.total + b.total,
    dimensions: a.dimensions.map((bucket, d) => mergeByScore(bucket, b.dimensions[d] ?? { count: 0, shown: [] })),
    segments: a.segments.map((byValue, g) => {
      const other = b.segments[g] ?? new Map<string, CommentBucket>();
      const merged = new Map<string, CommentBucket>();
      for (const value of new Set([...byValue.keys(), ...other.keys()]))
        merged.set(value, mergeByOrder(byValue.get(value), other.get(value)));
      return merged;
    }),
  };
}
