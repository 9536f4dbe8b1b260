import { z } from 'zod';
import type { Result } from './result.js';
import { commentsSchema } from './comments-result.js';
import { issueProblems, type SchemaProblem } from './schema-issues.js';

/**
 * The saved JSON result (schemaVersion 1) as one zod definition. It validates every result that
 * `report` and `compare` read, so no renderer ever sees an unchecked one, and it produces the
 * shipped `schema/result.schema.json` (`scripts/write-schema.js`), so the two cannot drift.
 *
 * Lists that older versions did not write (`segments`, a segment's `items` and `kpis`, `checks`)
 * and fields added later (a CES KPI's `sd`, NPS shares) are optional, so results written before
 * them still read.
 */

/**
 * The largest magnitude a number that `compare` or a chart computes with may have (means, sds,
 * intervals, answers, importance, KPI scores, the scale). Real ones sit on the answer scale; this
 * only keeps arithmetic on them (squares in Welch's degrees of freedom, chart scales) finite.
 */
export const MAX_RESULT_MAGNITUDE = 1e15;

/** A finite number (zod refuses NaN and Infinity; JSON's 1e999 parses as Infinity) within the bound. */
const real = z.number().min(-MAX_RESULT_MAGNITUDE).max(MAX_RESULT_MAGNITUDE);
/**
 * Any finite number: statistics that are only shown, never computed with (t, p, dz, alpha...). An
 * alpha over answers that hardly vary can be huge, and a result this version wrote must still read.
 */
const statistic = z.number();
const nonNegative = real.min(0);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = z.string();

/** A generous cap, far beyond any questionnaire (and a segment limit of 1000 per column), so a hostile file cannot make renderers run for hours. */
const MAX_ENTRIES = 10_000;
const list = <T extends z.ZodType>(entry: T, max = MAX_ENTRIES) => z.array(entry).max(max);

const distribution = z
  .object({
    mean: real.nullable(),
    sd: nonNegative.nullable(),
    n: count,
    ci95: z.tuple([real, real]).nullable().describe('The 95% confidence interval of the mean, [low, high].'),
  })
  .describe('Mean, sample standard deviation, count and 95% confidence interval.');

const zone = z.enum(['below', 'within', 'above']);
const quadrant = z.enum(['concentrate-here', 'keep-up-the-good-work', 'low-priority', 'possible-overkill']);

const levels = {
  expectation: real.nullable(),
  perception: real.nullable(),
  minimum: real.nullable(),
  desired: real.nullable(),
  gap: distribution,
  msa: distribution.nullable(),
  zone: zone.nullable(),
};

const dimension = z.object({
  id: text,
  label: text,
  importance: real.nullable(),
  ...levels,
  alpha: statistic.nullable(),
  quadrant: quadrant.nullable(),
  // Measurement quality (issue 16): written for the result's dimensions, absent in older results.
  alphaStd: statistic.nullable().optional().describe("Standardized alpha (from the items' correlations)."),
  alphaCi: z
    .tuple([statistic, statistic])
    .nullable()
    .optional()
    .describe("Feldt's 95% interval of alpha, [low, high]."),
  omega: statistic.nullable().optional().describe("McDonald's omega of a one-factor ML fit (= composite reliability)."),
  ave: statistic.nullable().optional().describe('Average variance extracted: the mean squared loading.'),
  differenceReliability: z
    .object({
      n: count,
      reliability: statistic.nullable(),
      alphaP: statistic.nullable(),
      alphaE: statistic.nullable(),
      rPE: statistic.nullable(),
    })
    .nullable()
    .optional()
    .describe(
      "The gap score's reliability (Lord's difference-score formula) beside the alphas of P and E and their sums' correlation; null for perceptions-only.",
    ),
});

// Keys in the order `score` writes them: the parsed result is re-rendered byte for byte.
const { zone: itemZone, ...itemLevels } = levels;
const item = z.object({
  id: text,
  dimension: text,
  statement: text
    .optional()
    .describe(
      "The item's perception statement. Written for the result's items (not a segment's); absent in results written before it was added.",
    ),
  statements: z
    .object({ expectation: text.optional(), minimum: text.optional(), desired: text.optional() })
    .optional()
    .describe(
      "The item's other statements, those its format asks: two-column expectation; three-column minimum and desired; none for perceptions-only.",
    ),
  reverse: z
    .literal(true)
    .optional()
    .describe(
      'Present (true) for a reverse-scored, negatively worded item whose answers were mirrored before scoring.',
    ),
  scale: z
    .object({ min: real, max: real })
    .optional()
    .describe("The item's own answer scale, only for an item that has one (its means and gap are on it)."),
  ...itemLevels,
  t: statistic.nullable(),
  p: statistic.nullable(),
  dz: statistic.nullable(),
  pHolm: statistic.nullable(),
  zone: itemZone,
  alphaIfDeleted: statistic.nullable(),
  itemTotal: statistic.nullable(),
  itemTotalRaw: statistic
    .nullable()
    .optional()
    .describe("The uncorrected item-total r (with its dimension's sum, itself included); absent in older results."),
});

const overall = z.object({ unweighted: distribution, weighted: distribution });

const scale = z.object({ min: real, max: real, best: z.literal('low').optional() });

const kpi = z.object({
  id: text,
  type: z.enum(['nps', 'csat', 'ces']),
  // Not in the contract's shape (servqual writes them for the reports): a result with only the
  // contract's keys still renders, with the type's default scale and no question.
  question: text.optional(),
  scale: scale.optional(),
  n: count,
  score: real.nullable(),
  ci95: z
    .tuple([real, real])
    .nullable()
    .optional()
    .describe('The 95% interval of the score, [low, high]; absent in results written before it was added.'),
  promoters: real.nullable().optional(),
  passives: real.nullable().optional(),
  detractors: real.nullable().optional(),
  sd: nonNegative.nullable().optional(),
});

const versusRest = {
  difference: real.nullable(),
  t: statistic.nullable(),
  df: statistic.nullable(),
  p: statistic.nullable(),
  pHolm: statistic.nullable(),
};

const segmentTest = z
  .object({
    overall: z.object(versusRest),
    dimensions: list(z.object({ id: text, ...versusRest })),
  })
  .describe(
    "Welch's test of the segment's mean minus the other respondents', Holm-adjusted across segments per measure; absent in results written before it was added.",
  );

const segment = z.object({
  column: text,
  value: text,
  respondents: z.object({ total: count, scored: count }),
  overall,
  dimensions: list(dimension),
  items: list(item).optional(),
  kpis: list(kpi).optional(),
  test: segmentTest.optional(),
});

const segmentDifference = z.object({
  column: text,
  dimension: text.nullable(),
  segments: count,
  excluded: count,
  f: statistic.nullable(),
  df1: statistic.nullable(),
  df2: statistic.nullable(),
  p: statistic.nullable(),
  pHolm: statistic.nullable(),
});

const recommendation = z.object({
  item: text,
  dimension: text,
  gap: real,
  importance: real,
  priority: real,
  // servqual's own addition (the dimension's quadrant); absent in a result with only the contract's keys.
  quadrant: quadrant.nullable().optional(),
  actions: list(text, 1000),
});

/** A JSON value whose numbers are all finite: the details a warning may carry (shown and kept, never computed with). */
const detail: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.null(), z.boolean(), statistic, text, list(detail), z.record(z.string(), detail)]),
);

const warning = z.looseObject({ code: text, message: text }).catchall(detail);

// A check's value may be an alpha (`--min-alpha`): any finite number.
const check = z.object({
  target: text,
  threshold: statistic,
  value: statistic.nullable(),
  passed: z.boolean(),
  p: statistic.nullable().optional(),
});

const cfaFit = z
  .object({
    chisq: statistic,
    df: statistic,
    p: statistic,
    cfi: statistic,
    tli: statistic,
    rmsea: statistic,
    rmseaCi: z.tuple([statistic, statistic]),
    srmr: statistic,
  })
  .describe('A confirmatory factor model fitted by maximum likelihood (as lavaan::cfa).');

const validity = z
  .object({
    n: count.describe('Respondents with every item (listwise): the figures below are over them.'),
    kmo: z
      .object({ overall: statistic, items: z.record(z.string(), statistic) })
      .nullable()
      .describe('Kaiser-Meyer-Olkin sampling adequacy, overall and per item id (as psych::KMO).'),
    bartlett: z
      .object({ chisq: statistic, df: statistic, p: statistic })
      .nullable()
      .describe("Bartlett's test of sphericity (as psych::cortest.bartlett)."),
    eigenvalues: list(statistic).nullable().describe('Eigenvalues of the item correlation matrix, largest first.'),
    htmt: list(z.object({ a: text, b: text, value: statistic.nullable() }))
      .nullable()
      .describe('Heterotrait-monotrait ratio per pair of dimensions.'),
    parallel: statistic.nullable().describe('Factors retained by parallel analysis.'),
    cfa: cfaFit.nullable().describe('One factor per dimension.'),
    cfaUnavailable: z
      .enum([
        'too-few-respondents',
        'one-item-factor',
        'no-degrees-of-freedom',
        'singular-covariance',
        'no-convergence',
        'improper-solution',
      ])
      .optional()
      .describe(
        'Why cfa is null: too few respondents, a dimension with one item, no degrees of freedom, a singular item covariance, no convergence, or an improper solution (a Heywood case: dimensions the data cannot tell apart); absent when cfa has a fit.',
      ),
    cfa3: cfaFit.nullable().describe('Tangibles, reliability, and the other three dimensions as one factor.'),
    fornellLarcker: list(
      z.object({ a: text, b: text, correlation: statistic.nullable(), holds: z.boolean().nullable() }),
    )
      .nullable()
      .optional()
      .describe(
        "Fornell-Larcker per pair of dimensions: the five-factor CFA's factor correlation, and whether its square is below both dimensions' AVE (the result's, from one-factor fits); absent in results written before it was added.",
      ),
  })
  .describe('Measurement quality; absent in results written before it was added.');

const drivers = z
  .object({
    outcome: text,
    n: count,
    r2: statistic.nullable(),
    dimensions: list(
      z.object({
        id: text,
        r: statistic.nullable(),
        beta: statistic.nullable(),
        weight: statistic.nullable(),
        share: statistic.nullable(),
      }),
    ),
  })
  .describe(
    "Key drivers of the questionnaire's outcome: r, standardised beta and Johnson's relative weight per dimension.",
  );

/** Where the result came from (optional: older results and the library's results have none). */
const run = z
  .object({
    servqual: text.describe('The servqual version that scored.'),
    questionnaire: z.object({
      file: text.describe("The questionnaire's file name, without its folder."),
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .describe("The SHA-256 of the questionnaire file's bytes, in hex."),
    }),
    inputs: list(text).describe('The response files, by name without folder; `stdin` for -.'),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .describe('The date of scoring (YYYY-MM-DD), written only when `--date` gives it.'),
  })
  .describe('Where the result came from: servqual version, questionnaire hash, input file names.');

const shape = z
  .object({
    schemaVersion: z.literal(1).describe('Format version.'),
    run: run.optional(),
    questionnaire: z.object({
      title: text,
      format: z.enum(['two-column', 'three-column', 'perceptions-only']),
      language: z.enum(['en', 'ru']),
      scale,
    }),
    respondents: z.object({ total: count, scored: count, skippedCells: count }),
    overall,
    dimensions: list(dimension),
    items: list(item),
    segments: list(segment).optional(),
    kpis: list(kpi),
    recommendations: list(recommendation),
    warnings: list(warning),
    checks: list(check).optional(),
    validity: validity.optional(),
    drivers: drivers.optional(),
    comments: commentsSchema.optional(),
    segmentDifferences: list(segmentDifference)
      .describe(
        "Welch's one-way ANOVA across each --group-by column's segments per measure (dimension; null = overall), Holm-adjusted across the column's measures; only with --group-by, absent in results written before it was added.",
      )
      .optional(),
  })
  .describe('A servqual result (schemaVersion 1), as written by `servqual score --format json`.');

type Shape = z.infer<typeof shape>;
type Issue = { path: (string | number)[]; message: string };

/** The ids of `entries` in order. */
const idsOf = (entries: readonly { id: string }[]) => entries.map((e) => e.id);

/** Problems where an entry's ids differ from the result's: renderers pair them by position. */
function sameIds(
  expected: readonly string[],
  found: readonly string[],
  path: (string | number)[],
  what: string,
  issues: Issue[],
): void {
  if (found.length !== expected.length) {
    issues.push({ path, message: `expected ${expected.length} ${what} (as the result lists), found ${found.length}` });
    return;
  }
  const at = found.findIndex((id, i) => id !== expected[i]);
  if (at >= 0)
    issues.push({
      path: [...path, at, 'id'],
      message: `expected ${JSON.stringify(expected[at])} here (the result's order), found ${JSON.stringify(found[at])}`,
    });
}

function unique(ids: readonly string[], path: (string | number)[], issues: Issue[]): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) issues.push({ path: [...path, i, 'id'], message: `id ${JSON.stringify(id)} is listed twice` });
    seen.add(id);
  });
}

/** What JSON Schema cannot say: unique ids, items and recommendations of known items and dimensions, segments in the result's order. */
function consistency(r: Shape): Issue[] {
  const issues: Issue[] = [];
  const dimensionIds = idsOf(r.dimensions);
  unique(dimensionIds, ['dimensions'], issues);
  unique(idsOf(r.items), ['items'], issues);
  unique(idsOf(r.kpis), ['kpis'], issues);
  const known = new Set(dimensionIds);
  r.items.forEach((entry, i) => {
    if (!known.has(entry.dimension))
      issues.push({
        path: ['items', i, 'dimension'],
        message: `names no dimension of the result: ${JSON.stringify(entry.dimension)}`,
      });
  });
  const knownItems = new Set(idsOf(r.items));
  r.recommendations.forEach((rec, i) => {
    if (!knownItems.has(rec.item))
      issues.push({
        path: ['recommendations', i, 'item'],
        message: `names no item of the result: ${JSON.stringify(rec.item)}`,
      });
    if (!known.has(rec.dimension))
      issues.push({
        path: ['recommendations', i, 'dimension'],
        message: `names no dimension of the result: ${JSON.stringify(rec.dimension)}`,
      });
  });
  (r.segmentDifferences ?? []).forEach((d, i) => {
    if (d.dimension !== null && !known.has(d.dimension))
      issues.push({
        path: ['segmentDifferences', i, 'dimension'],
        message: `names no dimension of the result: ${JSON.stringify(d.dimension)}`,
      });
  });
  (r.segments ?? []).forEach((s, i) => {
    sameIds(dimensionIds, idsOf(s.dimensions), ['segments', i, 'dimensions'], 'dimensions', issues);
    if (s.items && s.items.length > 0)
      sameIds(idsOf(r.items), idsOf(s.items), ['segments', i, 'items'], 'items', issues);
    if (s.kpis && s.kpis.length > 0) sameIds(idsOf(r.kpis), idsOf(s.kpis), ['segments', i, 'kpis'], 'KPIs', issues);
  });
  return issues;
}

const resultSchema = shape.superRefine((r, ctx) => {
  for (const issue of consistency(r)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

/** A problem of a saved result, at its path in the JSON document. */
export type ResultProblem = SchemaProblem;

/** `$.dimensions[2].gap`: the JSONPath people paste into `jq`. */
export function formatResultPath(path: readonly (string | number)[]): string {
  return `$${path.map((part) => (typeof part === 'number' ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`)).join('')}`;
}

/**
 * The first list or object with more than MAX_ENTRIES entries, found before the schema runs: zod
 * would check (and report on) every entry of a five-million-entry list before its length.
 */
function firstOversized(value: unknown): ResultProblem | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: node, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (node === null || typeof node !== 'object') continue;
    const size = Array.isArray(node) ? node.length : Object.keys(node).length;
    if (size > MAX_ENTRIES)
      return { path, message: `a ${Array.isArray(node) ? 'list' : 'object'} of more than ${MAX_ENTRIES} entries` };
    if (Array.isArray(node))
      node.forEach((child, i) => {
        stack.push({ value: child, path: [...path, i] });
      });
    else for (const [key, child] of Object.entries(node)) stack.push({ value: child, path: [...path, key] });
  }
  return null;
}

/** The scale a KPI of this type has unless the questionnaire gives one (contract "KPIs"). */
const DEFAULT_KPI_SCALE = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } } as const;

function withKpiDefaults<
  K extends { type: 'nps' | 'csat' | 'ces'; question?: string; scale?: { min: number; max: number } },
>(k: K): K & { question: string; scale: { min: number; max: number } } {
  return { ...k, question: k.question ?? '', scale: k.scale ?? { ...DEFAULT_KPI_SCALE[k.type] } };
}

/**
 * Checks a parsed saved result whole: keys, types, finite bounded numbers, enums, and ids that
 * hang together. Returns the typed result (with the lists older versions lacked filled in as
 * empty) or every problem with its path.
 * @example checkResult(JSON.parse(text)).problems // [{ path: ['dimensions', 2, 'gap'], message: 'expected an object, found null' }]
 */
export function checkResult(value: unknown): { result: Result | null; problems: ResultProblem[] } {
  const oversized = firstOversized(value);
  if (oversized) return { result: null, problems: [oversized] };
  const parsed = resultSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) return { result: null, problems: issueProblems(parsed.error.issues) };
  const r = parsed.data;
  const result: Result = {
    ...r,
    kpis: r.kpis.map(withKpiDefaults),
    recommendations: r.recommendations.map((rec) => ({ ...rec, quadrant: rec.quadrant ?? null })),
    segments: (r.segments ?? []).map((s) => ({
      ...s,
      items: s.items ?? [],
      kpis: (s.kpis ?? []).map(withKpiDefaults),
    })),
    checks: r.checks ?? [],
  };
  return { result, problems: [] };
}

/** The JSON Schema of saved results, generated from `resultSchema` (the cross-checks stay in code). */
export function resultJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(shape, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { ...schema, title: 'servqual result' };
}
