/**
 * Comments in the result and in partials: the types, their zod schemas (the result's is optional,
 * so results written before comments still read), and the conversions from and to `CommentState`.
 */
import { z } from 'zod';
import { COMMENTS_SHOWN, type CommentBucket, type CommentState, type KeptComment } from './comments.js';
import type { CommentsResult, ShownComment } from './comment-types.js';
import { issueProblems } from './schema-issues.js';

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = z.string();
const shown = {
  respondent: text.optional(),
  line: count.optional(),
  text: text.max(10_000),
};
const keptShape = { respondent: text.nullable(), line: count, text: text.max(10_000) };
const shownList = <T extends z.ZodType>(entry: T) => z.array(entry).max(1000);

/** The result's `comments` (optional in the result schema). */
export const commentsSchema = z
  .object({
    column: text,
    total: count,
    limit: count,
    dimensions: z
      .array(z.object({ id: text, count, shown: shownList(z.object({ ...shown, score: z.number() })) }))
      .max(10_000),
    segments: z.array(z.object({ column: text, value: text, count, shown: shownList(z.object(shown)) })).max(10_000),
  })
  .describe(
    "Respondents' free-text comments: counts, and per dimension the comments of its lowest scores, per segment its first ones (capped, clipped); absent without a comment column.",
  );

// The id when there is one: a shard's line numbers are its own file's, so only ids name a row alike in every run.
const copy = (c: KeptComment): ShownComment => ({
  ...(c.respondent !== null ? { respondent: c.respondent } : { line: c.line }),
  text: c.text,
});

/** The result's `comments` from the state, for `dimensionIds` and the result's segments in order. */
export function commentsResult(
  state: CommentState,
  dimensionIds: readonly string[],
  segments: readonly { group: number; column: string; value: string }[],
): CommentsResult {
  return {
    column: state.column,
    total: state.total,
    limit: COMMENTS_SHOWN,
    dimensions: dimensionIds.map((id, d) => {
      const bucket = state.dimensions[d] ?? { count: 0, shown: [] };
      return { id, count: bucket.count, shown: bucket.shown.map((c) => ({ ...copy(c), score: c.score as number })) };
    }),
    segments: segments.map((s) => {
      const bucket = state.segments[s.group]?.get(s.value) ?? { count: 0, shown: [] };
      return { column: s.column, value: s.value, count: bucket.count, shown: bucket.shown.map(copy) };
    }),
  };
}

/** A bucket as a partial writes it. */
const partialBucket = z.strictObject({
  count,
  shown: z.array(z.strictObject({ ...keptShape, score: z.number().optional() })).max(COMMENTS_SHOWN),
});

/** The partial's `comments` (version 3): absent when no table had a comment column. */
export const partialCommentsSchema = z
  .strictObject({
    column: text,
    total: count,
    dimensions: z.array(partialBucket),
    segments: z.array(z.strictObject({ group: count, value: text, bucket: partialBucket })),
  })
  .describe('The kept comments and their counts, merged as if one pass read every shard.');

export type PartialComments = z.infer<typeof partialCommentsSchema>;

const bucketOut = (b: CommentBucket) => ({ count: b.count, shown: b.shown.map((c) => ({ ...c })) });

export function encodeComments(state: CommentState): PartialComments {
  return {
    column: state.column,
    total: state.total,
    dimensions: state.dimensions.map(bucketOut),
    segments: state.segments.flatMap((byValue, group) =>
      [...byValue].map(([value, bucket]) => ({ group, value, bucket: bucketOut(bucket) })),
    ),
  };
}

/**
 * A partial's `comments` back as a state, or the problems (paths inside `comments`) when it does
 * not fit the questionnaire (`dimensions` entries) or the grouping (`groups` columns).
 */
export function decodeComments(
  value: unknown,
  dimensions: number,
  groups: number,
): { state: CommentState | null; problems: { path: (string | number)[]; message: string }[] } {
  const parsed = partialCommentsSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) return { state: null, problems: issueProblems(parsed.error.issues) };
  const data = parsed.data;
  const problems: { path: (string | number)[]; message: string }[] = [];
  if (data.dimensions.length !== dimensions)
    problems.push({
      path: ['dimensions'],
      message: `expected ${dimensions} entries (one per dimension), found ${data.dimensions.length}`,
    });
  for (const [d, b] of data.dimensions.entries())
    for (const [i, c] of b.shown.entries())
      if (c.score === undefined || !Number.isFinite(c.score))
        problems.push({
          path: ['dimensions', d, 'shown', i, 'score'],
          message: 'expected a finite number (the score it was kept for)',
        });
  const state: CommentState = {
    column: data.column,
    total: data.total,
    dimensions: data.dimensions.map((b) => ({ count: b.count, shown: b.shown.map(kept) })),
    segments: Array.from({ length: groups }, () => new Map()),
  };
  data.segments.forEach((s, i) => {
    const byValue = state.segments[s.group];
    if (!byValue || byValue.has(s.value)) {
      problems.push({
        path: ['segments', i, 'group'],
        message: byValue ? 'segment listed twice' : `expected a --group-by position below ${groups}`,
      });
      return;
    }
    byValue.set(s.value, { count: s.bucket.count, shown: s.bucket.shown.map(kept) });
  });
  return problems.length > 0 ? { state: null, problems } : { state, problems };
}

function kept(c: { respondent: string | null; line: number; text: string; score?: number | undefined }): KeptComment {
  return { respondent: c.respondent, line: c.line, text: c.text, ...(c.score !== undefined ? { score: c.score } : {}) };
}
