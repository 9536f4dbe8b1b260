/**
 * The core of `servqual sql` without an engine: the dialects' quoting, and the export rows that
 * `partialFromExport` refuses (the runs on DuckDB and PostgreSQL are in test/cli/sql.test.ts and
 * test/integration/sql-engines.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { SQL_DIALECTS, quoteTable } from '../../../src/core/sql/dialects.js';
import { KEY_COLUMNS, columnOf, sumColumns } from '../../../src/core/sql/export-columns.js';
import { partialFromExport, type ExportRow } from '../../../src/core/sql/export-partial.js';
import { questionnaireFingerprint } from '../../../src/core/scoring/partial.js';
import { scoringLayout } from '../../../src/core/scoring/respondent.js';
import { makeQuestionnaire } from '../scoring/support.js';

describe('dialects', () => {
  it('quote a table part by part, and names and strings by each engine rule', () => {
    expect(quoteTable(SQL_DIALECTS.postgres, 'cx.responses')).toBe('"cx"."responses"');
    expect(quoteTable(SQL_DIALECTS.bigquery, 'p.d.t')).toBe('`p`.`d`.`t`');
    expect(SQL_DIALECTS.snowflake.quote('a"b')).toBe('"a""b"');
    expect(SQL_DIALECTS.duckdb.literal("it's")).toBe("'it''s'");
    expect(SQL_DIALECTS.bigquery.literal("it's\\")).toBe("'it\\'s\\\\'");
    expect(SQL_DIALECTS.spark.quote('a`b')).toBe('`a``b`');
  });
});

describe('partialFromExport', () => {
  const q = makeQuestionnaire();
  const sums = sumColumns(q, scoringLayout(q));
  /** A row with every column: zeros for the sums. */
  const row = (line: number, keys: Record<string, unknown>, partial: boolean): ExportRow => ({
    line,
    values: {
      ...Object.fromEntries(KEY_COLUMNS.map((k) => [k, null])),
      ...Object.fromEntries(sums.map((c) => [columnOf(c), c.scope === 'sample' || partial ? 0 : null])),
      ...keys,
    },
  });
  const overall = (line = 2, extra: Record<string, unknown> = {}) =>
    row(
      line,
      { sample: 'overall', questionnaire: questionnaireFingerprint(q), group_by: '["branch"]', ...extra },
      true,
    );

  it('an empty table gives an empty partial with the grouping of the query', () => {
    const { partial, problems } = partialFromExport(q, [overall()]);
    expect(problems).toEqual([]);
    expect(partial?.options).toEqual({ groupBy: ['branch'], skipInvalid: true });
    expect(partial?.overall.total).toBe(0);
  });

  it('refuses no rows, two overall rows, a segment of another column, and a group_by that is not a list', () => {
    expect(partialFromExport(q, []).problems[0]?.message).toMatch(/^no rows/);
    expect(partialFromExport(q, [overall(2), overall(3)]).problems[0]).toMatchObject({ line: 3, column: 'sample' });
    const stray = row(3, { sample: 'segment', segment_column: 'region', segment_value: 'N' }, false);
    expect(partialFromExport(q, [overall(), stray]).problems[0]).toMatchObject({
      code: 'invalid-sql-export',
      line: 3,
      column: 'segment_column',
    });
    expect(partialFromExport(q, [overall(2, { group_by: 'branch' })]).problems[0]).toMatchObject({
      column: 'group_by',
    });
  });

  it('reads names in any case (Snowflake upper-cases) and numbers given as text', () => {
    const upper = overall(2, { s__total: '7' });
    const values = Object.fromEntries(Object.entries(upper.values).map(([k, v]) => [k.toUpperCase(), v]));
    const { partial, problems } = partialFromExport(q, [{ line: 2, values }]);
    expect(problems).toEqual([]);
    expect(partial?.overall.total).toBe(7);
  });
});
