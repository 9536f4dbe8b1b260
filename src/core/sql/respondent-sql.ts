/**
 * The per-respondent half of the query: CTEs that derive, row by row, what `deriveScores`
 * (scoring/respondent.ts) derives, so the aggregates are plain sums. SQL's NULL plays NaN's part:
 * an arithmetic expression with a missing answer is NULL, as P - E is NaN in the scorer.
 * Columns of the CTEs are named by the generator (ASCII letters, digits and `_`); every name from
 * the questionnaire or the command line goes through the dialect's quoting.
 */
import { allItems, itemScale, type Questionnaire } from '../questionnaire/model.js';
import { answerKinds, columnName } from '../scoring/column-plan.js';
import type { ScoringLayout } from '../scoring/respondent.js';
import type { SqlDialect } from './dialects.js';

/** Built-in missing codes that are numbers: a missing answer, never an off-scale one (labels.ts). */
const NUMERIC_MISSING = [-99, -98];
const KIND_PREFIX = { expectation: 'e', perception: 'p', minimum: 'mn', desired: 'ds' } as const;
const join = (parts: readonly string[], by: string, empty: string): string =>
  parts.length > 0 ? parts.join(by) : empty;

/** Each KPI's header name is its id, as in score. */
export interface RespondentSql {
  /** `WITH ...` CTEs ending in one named `scores`. */
  ctes: string;
  /** Names of the group columns in `scores`, per --group-by column. */
  groups: string[];
}

/** A number as SQL: whole numbers as they are, others cast so no engine reads them as DECIMAL. */
function sqlNumber(d: SqlDialect, x: number): string {
  return Number.isInteger(x) ? String(x) : `CAST(${x} AS ${d.double})`;
}

export function respondentSql(
  q: Questionnaire,
  layout: ScoringLayout,
  d: SqlDialect,
  table: string,
  groupBy: readonly string[],
): RespondentSql {
  const items = allItems(q);
  const kinds = answerKinds(q.format);
  const n = (x: number) => sqlNumber(d, x);
  const asDouble = (column: string) => `CAST(${d.quote(column)} AS ${d.double})`;
  const onScale = (x: string, min: number, max: number) => `${x} BETWEEN ${n(min)} AND ${n(max)}`;
  const checked = (x: string, min: number, max: number) => `CASE WHEN ${onScale(x, min, max)} THEN ${x} END`;
  const offScale = (x: string, min: number, max: number) =>
    `CASE WHEN ${x} IS NOT NULL AND NOT (${onScale(x, min, max)}) AND ${x} NOT IN (${NUMERIC_MISSING.join(', ')}) THEN 1 ELSE 0 END`;

  // 1. answers: on the scale (else missing, and counted in skipped), raw as read.
  const answers: string[] = [];
  const skipped: string[] = [];
  items.forEach((item, i) => {
    const { min, max } = itemScale(q, item);
    for (const kind of kinds) {
      const x = asDouble(columnName(q.columns[kind], { item: item.id, dimension: item.dimension }));
      answers.push(`${checked(x, min, max)} AS r${KIND_PREFIX[kind]}${i}`);
      skipped.push(offScale(x, min, max));
    }
  });
  if (layout.weightsFromRespondents) {
    q.dimensions.forEach((dim, j) => {
      const x = asDouble(columnName(q.columns.weight, { dimension: dim.id }));
      answers.push(`CASE WHEN ${x} NOT IN (${NUMERIC_MISSING.join(', ')}) THEN ${x} END AS w${j}`);
    });
  }
  q.kpis.forEach((kpi, k) => {
    const x = asDouble(kpi.id);
    skipped.push(offScale(x, kpi.scale.min, kpi.scale.max));
    const value = kpi.scale.best === 'low' ? `${n(kpi.scale.min + kpi.scale.max)} - ${x}` : x;
    answers.push(`CASE WHEN ${onScale(x, kpi.scale.min, kpi.scale.max)} THEN ${value} END AS k${k}`);
  });
  answers.push(`NULLIF(TRIM(CAST(${d.quote(q.columns.respondent)} AS ${d.text})), '') AS id`);
  const groups = groupBy.map((_, g) => `g${g}`);
  groupBy.forEach((column, g) => {
    answers.push(`COALESCE(TRIM(CAST(${d.quote(column)} AS ${d.text})), '') AS g${g}`);
  });
  answers.push(`${join(skipped, ' + ', '0')} AS skipped`);

  // 2. items: reversed answers, kept only when the item is complete; the gaps.
  const itemColumns: string[] = [];
  const raw = (kind: keyof typeof KIND_PREFIX, i: number) => `r${KIND_PREFIX[kind]}${i}`;
  items.forEach((item, i) => {
    const mirror = layout.itemMirror[i] as number;
    const reversed = (kind: keyof typeof KIND_PREFIX) =>
      item.reverse ? `(${n(mirror)} - ${raw(kind, i)})` : raw(kind, i);
    const complete = kinds.map((kind) => `${raw(kind, i)} IS NOT NULL`).join(' AND ');
    const when = (x: string) => `CASE WHEN ${complete} THEN ${x} END`;
    itemColumns.push(`${when(reversed('perception'))} AS xp${i}`);
    if (q.format === 'two-column') {
      itemColumns.push(`${when(reversed('expectation'))} AS xe${i}`);
      itemColumns.push(`${when(`${reversed('perception')} - ${reversed('expectation')}`)} AS gap${i}`);
    } else if (q.format === 'three-column') {
      itemColumns.push(`${when(reversed('minimum'))} AS xmn${i}`);
      itemColumns.push(`${when(reversed('desired'))} AS xds${i}`);
      itemColumns.push(`${when(`${reversed('perception')} - ${reversed('desired')}`)} AS gap${i}`);
      itemColumns.push(`${when(`${reversed('perception')} - ${reversed('minimum')}`)} AS msa${i}`);
    } else itemColumns.push(`${when(reversed('perception'))} AS gap${i}`);
  });
  // Straight-lining: every answer given (raw, before reversal) equal to the first, over at least half the cells and 3.
  const rawCells = items.flatMap((_, i) => kinds.map((kind) => raw(kind, i)));
  const first = `COALESCE(${rawCells.join(', ')})`;
  const given = rawCells.map((x) => `CASE WHEN ${x} IS NOT NULL THEN 1 ELSE 0 END`).join(' + ');
  const differ = rawCells.map((x) => `CASE WHEN ${x} <> ${first} THEN 1 ELSE 0 END`).join(' + ');
  itemColumns.push(
    `CASE WHEN (${given}) >= 3 AND 2 * (${given}) >= ${rawCells.length} AND (${differ}) = 0 THEN 1 ELSE 0 END AS straight`,
  );

  // 3. dimensions: answered items, the gap sums, and the allocation's status.
  const dimColumns: string[] = [];
  layout.dimensionItems.forEach((list, j) => {
    const of = (prefix: string) => [...list].map((i) => `COALESCE(${prefix}${i}, 0)`).join(' + ');
    dimColumns.push(
      `${[...list].map((i) => `CASE WHEN gap${i} IS NOT NULL THEN 1 ELSE 0 END`).join(' + ')} AS ans${j}`,
    );
    dimColumns.push(`${of('gap')} AS gsum${j}`);
    if (q.format === 'three-column') dimColumns.push(`${of('msa')} AS msum${j}`);
  });
  const dims = layout.dimensionCount;
  if (layout.weightsFromRespondents) {
    const ws = Array.from({ length: dims }, (_, j) => `w${j}`);
    const blank = ws.map((w) => `CASE WHEN ${w} IS NULL THEN 1 ELSE 0 END`).join(' + ');
    const negative = ws.map((w) => `CASE WHEN ${w} < 0 THEN 1 ELSE 0 END`).join(' + ');
    dimColumns.push(`${ws.map((w) => `COALESCE(${w}, 0)`).join(' + ')} AS wsum`);
    // 0: the respondent's allocation; 1: blank (fixed weights); 2: unusable (fixed weights). As `allocation` in respondent.ts.
    dimColumns.push(
      `CASE WHEN (${negative}) > 0 THEN 2 WHEN (${blank}) = ${dims} THEN 1 WHEN (${blank}) > 0 OR ABS(${ws.map((w) => `COALESCE(${w}, 0)`).join(' + ')} - 100) > ${n(1 + 1e-9)} OR (${ws.map((w) => `COALESCE(${w}, 0)`).join(' + ')}) = 0 THEN 2 ELSE 0 END AS wstatus`,
    );
  } else dimColumns.push('3 AS wstatus');

  // 4. scores: dimension scores under the half-of-items rule, the weights used.
  const scoreColumns: string[] = [];
  layout.dimensionItems.forEach((list, j) => {
    const need = Math.max(1, Math.ceil(list.length / 2));
    scoreColumns.push(`CASE WHEN ans${j} >= ${need} THEN gsum${j} / CAST(ans${j} AS ${d.double}) END AS dg${j}`);
    if (q.format === 'three-column')
      scoreColumns.push(`CASE WHEN ans${j} >= ${need} THEN msum${j} / CAST(ans${j} AS ${d.double}) END AS dm${j}`);
    scoreColumns.push(`CASE WHEN ans${j} = ${list.length} THEN 1 ELSE 0 END AS complete${j}`);
    const fallback = n(layout.fallbackWeights[j] as number);
    scoreColumns.push(
      layout.weightsFromRespondents
        ? `CASE WHEN wstatus = 0 THEN w${j} / wsum ELSE ${fallback} END AS wt${j}`
        : `${fallback} AS wt${j}`,
    );
  });

  // 5. overall: the unweighted and weighted scores, NULL unless every dimension is scored.
  const dg = Array.from({ length: dims }, (_, j) => `dg${j}`);
  const all = join(
    dg.map((x) => `${x} IS NOT NULL`),
    ' AND ',
    '1 = 0',
  );
  const overallColumns = [
    `CASE WHEN ${all} THEN (${join(dg, ' + ', '0')}) / ${dims || 1} END AS unweighted`,
    `CASE WHEN ${all} THEN ${join(
      dg.map((x, j) => `wt${j} * ${x}`),
      ' + ',
      '0',
    )} END AS weighted`,
  ];

  const ctes = [
    `answers AS ${d.materialized}(\n  SELECT\n    ${answers.join(',\n    ')}\n  FROM ${table}\n)`,
    `items AS ${d.materialized}(\n  SELECT *,\n    ${itemColumns.join(',\n    ')}\n  FROM answers\n)`,
    `dims AS ${d.materialized}(\n  SELECT *,\n    ${dimColumns.join(',\n    ')}\n  FROM items\n)`,
    `dimscores AS ${d.materialized}(\n  SELECT *,\n    ${scoreColumns.join(',\n    ')}\n  FROM dims\n)`,
    `scores AS ${d.materialized}(\n  SELECT *,\n    ${overallColumns.join(',\n    ')}\n  FROM dimscores\n)`,
  ];
  return { ctes: `WITH ${ctes.join(',\n')}`, groups };
}
