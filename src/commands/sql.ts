import { Option } from 'commander';
import type { Register } from '../cli.js';
import { SQL_DIALECT_NAMES, type SqlDialectName } from '../core/sql/dialects.js';
import { sqlQuery } from '../core/sql/query.js';
import { loadQuestionnaire } from '../io/read-questionnaire.js';
import { UserError } from '../errors.js';
import { collect } from './context.js';

interface SqlOptions {
  dialect: SqlDialectName;
  table: string;
  groupBy: string[];
}

export const registerSql: Register = (program, ctx) => {
  program
    .command('sql')
    .description("print one SQL query that computes a partial result's sums inside a database or warehouse")
    .argument('<questionnaire>', "the questionnaire YAML (its column names are the table's)")
    .addOption(new Option('--dialect <dialect>', 'the SQL dialect').choices(SQL_DIALECT_NAMES).makeOptionMandatory())
    .requiredOption('--table <name>', 'the table of responses, one row per respondent (schema.table: each part quoted)')
    .option('-g, --group-by <column>', 'also sum per value of this column (repeatable)', collect, [])
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ servqual sql q.yaml --dialect duckdb --table responses --group-by branch > sums.sql',
        '  $ duckdb cx.db -c "COPY ($(cat sums.sql)) TO \'sums.csv\' (HEADER)"',
        '  $ servqual merge q.yaml sums.csv --format json',
      ].join('\n'),
    )
    .action(async (questionnaireFile: string, options: SqlOptions) => {
      const crossed = options.groupBy.find((column) => column.includes(','));
      if (crossed !== undefined) {
        throw new UserError({
          code: 'usage',
          message: `--group-by ${crossed}: sql sums one column at a time, not crossed columns`,
          hint: 'give each column its own --group-by, or add a column of the combined values to the table',
        });
      }
      const questionnaire = await loadQuestionnaire(questionnaireFile);
      ctx.stdout.write(sqlQuery(questionnaire, options));
    });
};
