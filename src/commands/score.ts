import { Option } from 'commander';
import type { Register } from '../cli.js';
import { collect } from './context.js';
import { UserError } from '../errors.js';
import { loadQuestionnaire } from '../io/read-questionnaire.js';
import { scoreFiles } from '../io/score-files.js';
import { emitReport, FORMATS, printWarnings, renderResult, type ReportFormat } from './report-output.js';

export interface ScoreCommandOptions {
  format: ReportFormat;
  output?: string;
  groupBy: string[];
  skipInvalid?: boolean;
  source?: string;
}

export const registerScore: Register = (program, ctx) => {
  program
    .command('score')
    .description('score one or more CSV response files against a questionnaire')
    .argument('<questionnaire>', 'questionnaire YAML')
    .argument('<responses...>', 'response CSV files; - reads stdin')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('-g, --group-by <column>', 'segment the results by a CSV column (repeatable)', collect, [])
    .option('--skip-invalid', 'treat cells that are not numbers on the scale as missing, and count them')
    .addOption(new Option('--source <platform>', 'the export shape of the responses').choices(['generic']).default('generic'))
    .addHelpText('after', '\nExamples:\n  $ servqual score questionnaire.yaml responses.csv\n  $ servqual score questionnaire.yaml wave1.csv wave2.csv --group-by branch --format json --output result.json\n  $ cat responses.csv | servqual score questionnaire.yaml -')
    .action(async (questionnaireFile: string, responses: string[], options: ScoreCommandOptions) => {
      if (responses.filter((f) => f === '-').length > 1) {
        throw new UserError({ code: 'usage', message: 'stdin (-) can be read only once' });
      }
      const questionnaire = await loadQuestionnaire(questionnaireFile);
      const result = await scoreFiles(questionnaire, responses, {
        groupBy: options.groupBy,
        skipInvalid: options.skipInvalid === true,
        stdin: ctx.stdin,
      });
      printWarnings(result, ctx);
      const toFile = options.output !== undefined && options.output !== '-';
      await emitReport(renderResult(result, options.format, ctx, toFile), options.output, [questionnaireFile, ...responses], ctx);
    });
};
