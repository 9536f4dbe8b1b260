import { z } from 'zod';
import { PLATFORM_IDS } from '../sources/platforms/index.js';

/**
 * The questionnaire format as one zod definition. The same definition validates questionnaires
 * and produces the shipped JSON Schema (`scripts/write-schema.js`), so the two cannot drift.
 * Rules that JSON Schema cannot express (the five dimensions, weights summing to 100, unique ids)
 * live in `rules.ts`.
 */

const id = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'an id starts with a letter and holds letters, digits, _ . or -')
  .describe('Identifier used in CSV column names and in thresholds.');

const statement = z.string().min(1);

const scaleSchema = z
  .strictObject({
    min: z.number().int().describe('Lowest point of the answer scale.'),
    max: z.number().int().describe('Highest point of the answer scale.'),
    labels: z
      .record(z.string().regex(/^-?\d+$/, 'a scale label key is a point of the scale'), z.string())
      .optional()
      .describe('Text shown for some points of the scale, e.g. {1: Strongly disagree}.'),
    best: z
      .enum(['high', 'low'])
      .optional()
      .describe(
        'Which end of the scale is best (default high). low: 1 means excellent; answers are then mirrored (min + max - x) when scored, so every score in the result reads higher-is-better.',
      ),
  })
  .describe('The answer scale, e.g. 1-7.');

const itemSchema = z.strictObject({
  id,
  expectation: statement.optional().describe('What an excellent provider would do (two-column).'),
  perception: statement.describe('What this provider does.'),
  minimum: statement.optional().describe('The minimum acceptable level (three-column).'),
  desired: statement.optional().describe('The desired level (three-column).'),
  reverse: z
    .boolean()
    .optional()
    .describe("Negatively worded: answers are scored as min + max - x (the item's own scale, when it has one)."),
  scale: scaleSchema
    .optional()
    .describe(
      "This item's own answer scale, replacing the questionnaire's for all its answers (e.g. 1-4, or {min: 0, max: 1, labels: {0: No, 1: Yes}}); best defaults to high. Gaps stay raw P - E on this scale.",
    ),
  recommendations: z.array(z.string().min(1)).optional().describe('Actions when this item falls short.'),
});

const dimensionSchema = z.strictObject({
  id,
  label: z.string().min(1).optional(),
  description: z.string().optional(),
  items: z.array(itemSchema),
  recommendations: z
    .array(z.string().min(1))
    .optional()
    .describe('Actions for any item of this dimension without its own.'),
});

const kpiSchema = z.strictObject({
  id,
  type: z.enum(['nps', 'csat', 'ces']),
  question: z.string().min(1),
  scale: scaleSchema.optional().describe('NPS is always 0-10; CSAT defaults to 1-5, CES to 1-7.'),
});

const thresholdsSchema = z.strictObject({
  overall: z.number().optional().describe('Minimum weighted overall score.'),
  dimensions: z.record(z.string(), z.number()).optional().describe('Minimum score per dimension id.'),
  items: z.record(z.string(), z.number()).optional().describe('Minimum mean gap per item id.'),
  kpis: z.record(z.string(), z.number()).optional().describe('Minimum score per KPI id.'),
  minRespondents: z.number().int().nonnegative().optional(),
  // A threshold outside the statistic's range can never pass (or never fail): refused, not silently kept.
  minAlpha: z
    .number()
    .max(1, 'alpha is at most 1: a higher minimum can never be met')
    .optional()
    .describe("Minimum Cronbach's alpha of every dimension."),
  minOmega: z
    .number()
    .min(0, 'omega lies between 0 and 1')
    .max(1, 'omega lies between 0 and 1')
    .optional()
    .describe("Minimum McDonald's omega of every dimension (usually 0.7)."),
  minCfi: z
    .number()
    .min(0, 'CFI lies between 0 and 1')
    .max(1, 'CFI lies between 0 and 1')
    .optional()
    .describe('Minimum CFI of the confirmatory factor model with one factor per dimension (usually 0.95).'),
  maxRmsea: z
    .number()
    .min(0, 'RMSEA is at least 0: a negative maximum can never be met')
    .optional()
    .describe('Maximum RMSEA of the confirmatory factor model with one factor per dimension (usually 0.06).'),
});

const columnsSchema = z.strictObject({
  respondent: z.string().min(1).optional(),
  expectation: z.string().min(1).optional(),
  perception: z.string().min(1).optional(),
  minimum: z.string().min(1).optional(),
  desired: z.string().min(1).optional(),
  weight: z.string().min(1).optional(),
  comment: z
    .string()
    .min(1)
    .optional()
    .describe(
      'The free-text comment column, by header name (default: a column named like one: comment(s), feedback, remarks, комментарий, отзыв, пожелания...). Not scored; shown in the HTML and Markdown reports.',
    ),
});

/** The values of `source.platform` and `--source`: the platform registry's ids. */
export const SOURCE_PLATFORMS = PLATFORM_IDS;

const exportColumn = z
  .string()
  .min(1)
  .describe(
    'An export column, named as the export names it: the header text (Google Forms `Title [Row]`; SurveyMonkey `Question [Sub-label]`, or the question alone for a `Response` column), or the code (Qualtrics export tag such as `Q1#1_1`, its question text or ImportId; LimeSurvey `Q1[SQ001][1]`). Matched case- and space-insensitively.',
  );

const sourceColumnSchema = z
  .strictObject({
    column: exportColumn,
    item: id.optional().describe('The questionnaire item this column answers (give `kind` too).'),
    kind: z
      .enum(['expectation', 'perception', 'minimum', 'desired'])
      .optional()
      .describe('Which answer of the item the column holds (default perception).'),
    weight: id.optional().describe('The dimension whose 100-point importance allocation this column holds.'),
    kpi: id.optional().describe('The KPI id whose answers this column holds.'),
    segment: z.string().min(1).optional().describe('Name under which this column is a segment (for --group-by).'),
    labels: z
      .record(z.string(), z.number())
      .optional()
      .describe(
        "Answer text -> number for this column only, e.g. {Yes: 1, No: 0}; matched case- and space-insensitively, and tried before source.labels and the built-in labels. The number must be on the scale of the column's item or KPI.",
      ),
  })
  .describe('One export column and what it holds: exactly one of item (with kind), weight, kpi or segment.');

const filterValue = z.union([z.string(), z.number(), z.boolean()]);

const sourceFilterSchema = z
  .strictObject({
    column: exportColumn,
    in: z
      .array(filterValue)
      .min(1)
      .optional()
      .describe('Keep a response only when the cell is one of these values (case-insensitive), e.g. [true, 1].'),
    min: z
      .number()
      .optional()
      .describe('Keep a response only when the cell is a number at least this, e.g. Progress 100.'),
    notBlank: z
      .boolean()
      .optional()
      .describe('Keep a response only when the cell is not blank, e.g. LimeSurvey submitdate.'),
  })
  .describe('A condition every kept response meets; the others are dropped and counted.');

const sourceSchema = z
  .strictObject({
    platform: z
      .enum(SOURCE_PLATFORMS)
      .describe('The survey platform whose export shape the responses have (long: one row per answer).'),
    headerRows: z
      .number()
      .int()
      .min(1)
      .max(10)
      .optional()
      .describe(
        'Header rows before the first response (default: 2 for SurveyMonkey, 2 or 3 for Qualtrics as its third row shows, else 1).',
      ),
    respondent: exportColumn
      .optional()
      .describe(
        'The respondent id column (default: Respondent ID, ResponseId or ResponseID, id, respondent, as the platform names it).',
      ),
    columns: z
      .array(sourceColumnSchema)
      .optional()
      .describe('Which export column holds which answer; `servqual map` proposes this list.'),
    labels: z
      .record(z.string(), z.number())
      .optional()
      .describe(
        'Answer text -> number, matched case- and space-insensitively, e.g. {Strongly agree: 7}. Added to, and winning over, the built-in English and Russian agreement labels of the scale.',
      ),
    missing: z
      .array(z.union([z.string(), z.number()]))
      .optional()
      .describe(
        "Answer texts that mean a missing answer, added to the built-in ones (N/A, NA, Don't know, Не знаю, -99 ...).",
      ),
    filter: z
      .array(sourceFilterSchema)
      .optional()
      .describe(
        'Conditions a response must meet to be scored (default: Qualtrics Finished is true; LimeSurvey submitdate is not blank; [] keeps every response).',
      ),
    sheet: z
      .union([z.string().min(1), z.number().int().min(1)])
      .optional()
      .describe(
        'The sheet of an XLSX workbook to read, by name or 1-based number, when --sheet is not given (init --from writes it); a CSV or SPSS file ignores it.',
      ),
    duration: exportColumn
      .optional()
      .describe(
        'Column with the time taken in seconds, for the speeder warning (default: Qualtrics `Duration (in seconds)`, LimeSurvey `interviewtime`, when present).',
      ),
    speederSeconds: z
      .number()
      .gt(0)
      .max(60)
      .optional()
      .describe(
        'A respondent who took fewer seconds than this per answer given is a speeder (default 2, after Huang et al. 2012).',
      ),
    long: z
      .strictObject({
        item: z
          .string()
          .min(1)
          .optional()
          .describe('Column naming the item, dimension (weights), KPI or segment (default item).'),
        kind: z
          .string()
          .min(1)
          .optional()
          .describe('Column naming the answer kind: E, P, MIN, DES, weight, kpi, segment (default kind).'),
        value: z.string().min(1).optional().describe('Column holding the answer (default value).'),
      })
      .optional()
      .describe('Column names of the long format (one row per answer); the respondent column is `respondent`.'),
  })
  .describe("How a survey platform's export maps onto this questionnaire (`servqual map EXPORT.csv` proposes it).");

export const questionnaireSchema = z
  .strictObject({
    $schema: z.string().optional(),
    servqual: z.literal(1).describe('Format version.'),
    title: z.string().min(1),
    description: z.string().optional().describe('One line shown by `servqual templates`.'),
    language: z.enum(['en', 'ru']).optional().describe('Language of prompts and report labels (default en).'),
    model: z.enum(['servqual', 'custom']).optional().describe('custom: dimensions other than the five SERVQUAL ones.'),
    format: z.enum(['two-column', 'three-column', 'perceptions-only']),
    scale: scaleSchema,
    weights: z
      .strictObject({
        source: z.enum(['respondents', 'fixed']),
        fixed: z.record(z.string(), z.number()).optional(),
      })
      .optional()
      .describe('Where importance weights come from; fixed values are the fallback.'),
    segments: z
      .array(z.string().min(1))
      .optional()
      .describe('CSV columns that group respondents (branch, channel, wave...).'),
    dimensions: z.array(dimensionSchema),
    kpis: z.array(kpiSchema).optional(),
    drivers: z
      .strictObject({
        outcome: z.string().min(1).describe('The id of a KPI (NPS, CSAT, CES) or of an item (its perception).'),
      })
      .optional()
      .describe("Key drivers: the outcome the dimension scores are related to (Johnson's relative weights)."),
    thresholds: thresholdsSchema.optional(),
    columns: columnsSchema.optional(),
    source: sourceSchema.optional(),
  })
  .describe('A servqual questionnaire (format version 1).');

export type QuestionnaireInput = z.infer<typeof questionnaireSchema>;

/** The JSON Schema of the questionnaire format, generated from `questionnaireSchema`. */
export function questionnaireJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(questionnaireSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, title: 'servqual questionnaire' };
}
