/** The result's comments as types only (no zod), so the published result type needs nothing more (issue 15). */

/** Whose comment: the respondent id, or without one the row's line in its file (a shard's own file, for a partial). */
export interface ShownComment {
  respondent?: string;
  line?: number;
  /** Clipped to 500 characters; control and bidi characters dropped; line breaks kept as `\n`. */
  text: string;
}

interface DimensionComments {
  id: string;
  /** Non-empty comments of the respondents scored on this dimension. */
  count: number;
  /** The comments of the lowest scores on the dimension, lowest first (ties: input order), with that score. */
  shown: (ShownComment & { score: number })[];
}

interface SegmentComments {
  column: string;
  value: string;
  count: number;
  /** The segment's first comments by input order. */
  shown: ShownComment[];
}

/** The result's `comments`: absent without a comment column, and in results written before 2026-12-05. */
export interface CommentsResult {
  /** The comment column's header name. */
  column: string;
  /** Every non-empty comment of a scored respondent. */
  total: number;
  /** At most this many comments are shown per dimension and per segment. */
  limit: number;
  /** Every dimension, in the result's order. */
  dimensions: DimensionComments[];
  /** The result's segments, in its order. */
  segments: SegmentComments[];
}
