import { z } from 'zod';
import { issueProblems, type SchemaProblem } from './schema-issues.js';
import { MAX_FLAGGED } from './flagged.js';
import { MAX_EXAMPLES } from './id-tracker.js';
import { partialCommentsSchema } from './comments-result.js';

/**
 * The partial result (`score --partial`, version 4) as one zod definition: the structure every
 * partial has, whatever its questionnaire. It produces the shipped `schema/partial.schema.json`
 * and checks each partial `merge` reads, after `fromPartial`'s decoder, which knows the
 * questionnaire and so also checks each list's length and each count against its total.
 */

const real = z.number();
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A sample's views: a number, a list of them, a list of lists (per dimension), or an object of views. */
type View = number | number[] | number[][] | { [key: string]: View };
const view: z.ZodType<View> = z.lazy(() =>
  z.union([real, z.array(real), z.array(z.array(real)), z.record(z.string(), view)]),
);
const sample = z
  .record(z.string(), view)
  .describe("The sample's sufficient statistics (power sums and counts) by view, e.g. item.sum.gap.");

const products = z.strictObject({ n: count, sum: z.array(real), products: z.array(real) });
const instrument = z
  .strictObject({
    items: products.describe(
      'Over respondents with every item: the item scores alpha uses, their sums and packed cross products (upper triangle, row by row).',
    ),
    drivers: products
      .optional()
      .describe(
        'Only when the questionnaire declares drivers: over respondents with every dimension score and the outcome, the dimension scores, then the outcome.',
      ),
    pairs: z
      .array(
        z.strictObject({
          n: count,
          sum: z
            .array(real)
            .describe('ΣP_i of the k items, then ΣE_i (DES for three-column), about each item’s midpoint.'),
          squares: z.array(real).describe('ΣP_i², then ΣE_i².'),
          totals: z.array(real).length(3).describe('Σ(ΣP)², Σ(ΣE)², Σ(ΣP)(ΣE) of the dimension’s P and E sums.'),
        }),
      )
      .describe(
        "Per dimension, over respondents with every item's gap: the sums of the difference-score reliability; empty for perceptions-only.",
      ),
  })
  .describe('The sums of measurement quality and key drivers, over every respondent (version 4).');

const ids = z
  .strictObject({
    exact: z
      .array(z.string())
      .nullable()
      .describe(
        'Every distinct respondent id, in the order first seen; null once the shard counted with the Bloom filter.',
      ),
    bloom: z.string().nullable().describe('The Bloom filter of respondent ids as base64; null while exact.'),
    duplicates: count,
    examples: z.array(z.string()).max(MAX_EXAMPLES),
    exampleAt: z.array(z.union([count, z.literal(-1)])),
    approximate: z.boolean(),
  })
  .describe('Respondent ids, to count repeats across shards.');

const flagged = z.strictObject({
  count,
  ids: z
    .array(z.string())
    .max(MAX_FLAGGED)
    .describe('The first flagged respondents by input order (their row number without an id).'),
});

const partialSchema = z
  .strictObject({
    kind: z.literal('servqual-partial'),
    version: z.literal(4),
    questionnaire: z.strictObject({
      title: z.string(),
      format: z.enum(['two-column', 'three-column', 'perceptions-only']),
      fingerprint: z
        .string()
        .describe(
          'What the numbers depend on (format, scale, items, weights, KPIs): merge refuses another questionnaire.',
        ),
    }),
    options: z.strictObject({ groupBy: z.array(z.string()), skipInvalid: z.boolean() }),
    overall: sample,
    segments: z.array(z.strictObject({ column: z.string(), value: z.string(), sample })),
    instrument,
    ids,
    flags: z
      .strictObject({ straightLiners: flagged, speeders: flagged })
      .describe('Straight-liners and speeders: how many, and the first ids, for the warnings.'),
    exportWarnings: z.array(
      z.strictObject({
        code: z.enum(['filtered-responses', 'excluded-responses', 'exclude-unmatched']),
        message: z.string(),
        count,
      }),
    ),
    skippedCells: count,
    comments: partialCommentsSchema.optional(),
  })
  .describe(
    'A servqual partial result (version 4), written by `servqual score --partial` and read by `servqual merge`.',
  );

/**
 * Checks a parsed partial against the schema.
 * @example checkPartialShape(JSON.parse(text)) // [] or [{ path: ['ids', 'duplicates'], message: 'expected a whole number, found a string' }]
 */
export function checkPartialShape(value: unknown): SchemaProblem[] {
  const parsed = partialSchema.safeParse(value, { reportInput: true });
  return parsed.success ? [] : issueProblems(parsed.error.issues);
}

/** The JSON Schema of partial results, generated from `partialSchema`. */
export function partialJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(partialSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { ...schema, title: 'servqual partial result' };
}
