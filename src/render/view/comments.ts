import { COMMENT_CHARS, commentText } from '../../core/scoring/comments.js';
import type { ShownComment } from '../../core/scoring/comment-types.js';
import type { Result } from '../../core/scoring/result.js';

/**
 * What reports show of the respondents' comments (issue 15): per dimension, the dimensions of the
 * top recommendations first (marked as priorities), then the others in the result's order; per
 * segment, those with comments, capped at MAX_COMMENT_SEGMENTS. Lists without a comment are left
 * out. Texts go through `commentText` again, so a hand-edited result is clipped and cleaned alike.
 */

/** The recommendations whose dimensions come first (as the Markdown report's default top list). */
const TOP_RECOMMENDATIONS = 5;
/** A report lists at most this many segments' comments; the JSON result has them all. */
const MAX_COMMENT_SEGMENTS = 20;

export interface CommentLine {
  /** The respondent id, or null: then `line` names the row. */
  respondent: string | null;
  line: number | null;
  text: string;
  /** Per dimension: the respondent's score on it. */
  score: number | null;
}

export interface CommentList {
  /** `dimension` lists carry the dimension's id; `segment` lists `column=value`. */
  kind: 'dimension' | 'segment';
  id: string;
  title: string;
  priority: boolean;
  count: number;
  shown: CommentLine[];
}

export interface CommentsView {
  column: string;
  total: number;
  limit: number;
  chars: number;
  dimensions: CommentList[];
  segments: CommentList[];
  /** Segments with comments beyond MAX_COMMENT_SEGMENTS. */
  moreSegments: number;
}

function lines(shown: readonly (ShownComment & { score?: number })[]): CommentLine[] {
  return shown.flatMap((c) => {
    const text = commentText(c.text);
    if (text === '') return [];
    return [{ respondent: c.respondent ?? null, line: c.line ?? null, text, score: c.score ?? null }];
  });
}

/** The comments as reports show them; null when the result has no comment column. */
export function commentsView(result: Result, blank: string): CommentsView | null {
  const comments = result.comments;
  if (!comments) return null;
  const priority = [...new Set(result.recommendations.slice(0, TOP_RECOMMENDATIONS).map((r) => r.dimension))];
  const labelOf = new Map(result.dimensions.map((d) => [d.id, d.label]));
  const rank = (id: string) => {
    const at = priority.indexOf(id);
    return at < 0 ? priority.length : at;
  };
  const dimensions = comments.dimensions
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => d.count > 0)
    .sort((a, b) => rank(a.d.id) - rank(b.d.id) || a.i - b.i)
    .map(
      ({ d }): CommentList => ({
        kind: 'dimension',
        id: d.id,
        title: labelOf.get(d.id) ?? d.id,
        priority: priority.includes(d.id),
        count: d.count,
        shown: lines(d.shown),
      }),
    );
  const withComments = comments.segments.filter((s) => s.count > 0);
  const segments = withComments.slice(0, MAX_COMMENT_SEGMENTS).map((s): CommentList => {
    const name = `${s.column}=${s.value === '' ? blank : s.value}`;
    return { kind: 'segment', id: name, title: name, priority: false, count: s.count, shown: lines(s.shown) };
  });
  return {
    column: comments.column,
    total: comments.total,
    limit: comments.limit,
    chars: COMMENT_CHARS,
    dimensions,
    segments,
    moreSegments: withComments.length - segments.length,
  };
}
