/**
 * The SQL dialects `servqual sql` writes: what differs between the engines is only how an
 * identifier and a string are quoted and what the types are called. Everything else in the query
 * is portable SQL (CASE, SUM, COUNT, COALESCE, UNION ALL), so one registry entry per engine.
 */

export interface SqlDialect {
  /** The name --dialect takes. */
  readonly name: string;
  /** An identifier quoted so that any text (quotes, spaces, keywords) is one name, never SQL. */
  quote(identifier: string): string;
  /** A string literal of any text. */
  literal(text: string): string;
  /** The 64-bit floating-point type: answers are cast to it, so sums of whole and half answers are exact. */
  readonly double: string;
  /** The text type (ids and --group-by values are compared as text). */
  readonly text: string;
  /**
   * What goes between `name AS` and the CTE's body: PostgreSQL (12 and later) inlines a CTE used
   * once into the next, copying each derived expression into every sum that uses it, so a query of
   * 22 items grows past what it can plan; MATERIALIZED computes each row's scores once.
   */
  readonly materialized: string;
}

/** ANSI quoting: a double quote inside a name is doubled; a single quote inside a string is doubled. */
const ansiQuote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;
const ansiLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** BigQuery escapes with a backslash inside backticks and quotes (doubling is not accepted there). */
const backslashed = (text: string, quote: string): string =>
  text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`).replaceAll('\n', '\\n').replaceAll('\r', '\\r');

export const SQL_DIALECTS = {
  duckdb: {
    name: 'duckdb',
    quote: ansiQuote,
    literal: ansiLiteral,
    double: 'DOUBLE',
    text: 'VARCHAR',
    materialized: '',
  },
  postgres: {
    name: 'postgres',
    quote: ansiQuote,
    literal: ansiLiteral,
    double: 'DOUBLE PRECISION',
    text: 'TEXT',
    materialized: 'MATERIALIZED ',
  },
  snowflake: {
    name: 'snowflake',
    quote: ansiQuote,
    literal: ansiLiteral,
    double: 'DOUBLE',
    text: 'VARCHAR',
    materialized: '',
  },
  bigquery: {
    name: 'bigquery',
    quote: (identifier: string) => `\`${backslashed(identifier, '`')}\``,
    literal: (text: string) => `'${backslashed(text, "'")}'`,
    double: 'FLOAT64',
    text: 'STRING',
    materialized: '',
  },
  spark: {
    name: 'spark',
    // Spark SQL doubles a backtick inside a quoted name; its strings take backslash escapes.
    quote: (identifier: string) => `\`${identifier.replaceAll('`', '``')}\``,
    literal: (text: string) => `'${backslashed(text, "'")}'`,
    double: 'DOUBLE',
    text: 'STRING',
    materialized: '',
  },
} as const satisfies Record<string, SqlDialect>;

export type SqlDialectName = keyof typeof SQL_DIALECTS;
export const SQL_DIALECT_NAMES = Object.keys(SQL_DIALECTS) as SqlDialectName[];

/**
 * A table name as given to --table, quoted part by part: `warehouse.survey.responses` is three
 * names joined by dots (a name containing a dot cannot be given).
 * @example quoteTable(SQL_DIALECTS.postgres, 'cx.responses') // '"cx"."responses"'
 */
export function quoteTable(dialect: SqlDialect, table: string): string {
  return table
    .split('.')
    .map((part) => dialect.quote(part))
    .join('.');
}
