import { z } from 'zod';

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

export const scaleSchema = z
  .strictObject({
    min: z.number().int().describe('Lowest point of the answer scale.'),
    max: z.number().int().describe('Highest point of the answer scale.'),
    labels: z
      .record(z.string().regex(/^-?\d+$/, 'a scale label key is a point of the scale'), z.string())
      .optional()
      .describe('Text shown for some points of the scale, e.g. {1: Strongly disagree}.'),
  })
  .describe('The answer scale, e.g. 1-7.');

const itemSchema = z.strictObject({
  id,
  expectation: statement.optional().describe('What an excellent provider would do (two-column).'),
  perception: statement.describe('What this provider does.'),
  minimum: statement.optional().describe('The minimum acceptable level (three-column).'),
  desired: statement.optional().describe('The desired level (three-column).'),
  reverse: z.boolean().optional().describe('Negatively worded: answers are scored as min + max - x.'),
  recommendations: z.array(z.string().min(1)).optional().describe('Actions when this item falls short.'),
});

const dimensionSchema = z.strictObject({
  id,
  label: z.string().min(1).optional(),
  description: z.string().optional(),
  items: z.array(itemSchema),
  recommendations: z.array(z.string().min(1)).optional().describe('Actions for any item of this dimension without its own.'),
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
  minAlpha: z.number().optional().describe("Minimum Cronbach's alpha of every dimension."),
});

const columnsSchema = z.strictObject({
  respondent: z.string().min(1).optional(),
  expectation: z.string().min(1).optional(),
  perception: z.string().min(1).optional(),
  minimum: z.string().min(1).optional(),
  desired: z.string().min(1).optional(),
  weight: z.string().min(1).optional(),
});

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
    thresholds: thresholdsSchema.optional(),
    columns: columnsSchema.optional(),
  })
  .describe('A servqual questionnaire (format version 1).');

export type QuestionnaireInput = z.infer<typeof questionnaireSchema>;

/** The JSON Schema of the questionnaire format, generated from `questionnaireSchema`. */
export function questionnaireJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(questionnaireSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, title: 'servqual questionnaire' };
}
