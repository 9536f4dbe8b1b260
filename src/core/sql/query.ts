/**
 * `servqual sql`: one query computing a partial result's sufficient statistics inside the engine.
 * Pure: the questionnaire and the options in, the SQL text out.
 */
import type { Questionnaire } from '../questionnaire/model.js';
import { questionnaireFingerprint } from '../scoring/partial.js';
import { scoringLayout } from '../scoring/respondent.js';
import { SQL_DIALECTS, quoteTable, type SqlDialectName } from './dialects.js';
import { columnOf, sumColumns } from './export-columns.js';
import { respondentSql } from './respondent-sql.js';

export interface SqlQueryOptions {
  dialect: SqlDialectName;
  table: string;
  groupBy: readonly string[];
}

/**
 * The query: the overall row first, then one row per value of each --group-by column (UNION
 * ALL). Every sum is whole numbers or halves for the answers and their cross products, summed as
 * 64-bit doubles, so the engine's order of addition does not change them; the dimension and
 * overall scores (means) are the only sums that rounding can touch (docs/scaling.md).
 */
export function sqlQuery(q: Questionnaire, options: SqlQueryOptions): string {
  const d = SQL_DIALECTS[options.dialect];
  const layout = scoringLayout(q);
  const { ctes, groups } = respondentSql(q, layout, d, quoteTable(d, options.table), options.groupBy);
  const columns = sumColumns(q, layout);
  const text = (x: string) => `CAST(${x} AS ${d.text})`;
  const nothing = `CAST(NULL AS ${d.double})`;
  const select = (key: string[], sums: string[], from: string) =>
    `SELECT\n  ${[...key, ...sums].join(',\n  ')}\nFROM scores${from}`;
  const overall = select(
    [
      `${text(d.literal('overall'))} AS ${d.quote('sample')}`,
      `${text('NULL')} AS ${d.quote('segment_column')}`,
      `${text('NULL')} AS ${d.quote('segment_value')}`,
      `${text(d.literal(questionnaireFingerprint(q)))} AS ${d.quote('questionnaire')}`,
      `${text(d.literal(JSON.stringify(options.groupBy)))} AS ${d.quote('group_by')}`,
    ],
    columns.map((c) => `${c.sql} AS ${d.quote(columnOf(c))}`),
    '',
  );
  const segments = options.groupBy.map((column, g) =>
    select(
      [text(d.literal('segment')), text(d.literal(column)), groups[g] as string, text('NULL'), text('NULL')],
      columns.map((c) => (c.scope === 'sample' ? c.sql : nothing)),
      `\nGROUP BY ${groups[g]}`,
    ),
  );
  return `${ctes}\n${[overall, ...segments].join('\nUNION ALL\n')}\n`;
}
