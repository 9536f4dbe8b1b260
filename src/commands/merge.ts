import { Option } from 'commander';
import type { Register } from '../cli.js';
import { finishScoring } from '../core/scoring/scorer.js';
import { readAndMergePartials } from '../io/read-partial.js';
import { loadQuestionnaire } from '../io/read-questionnaire.js';
import { REPORT_FORMATS, type ReportFormat } from '../render/formats.js';
import { runInfo, withRun } from '../io/run-info.js';
import { version } from '../version.js';
import { DATE_FLAG, DATE_HELP, parseRunDate } from './run-date.js';
import {
  CHROMIUM_FLAG,
  CHROMIUM_HELP,
  checkOutputs,
  checkPrinter,
  checkTerminalOutput,
  printWarnings,
  reportResult,
} from './report-output.js';

interface MergeOptions {
  format: ReportFormat;
  output?: string;
  chromium?: string;
  /** `--date`, as in score: written to the result's `run` and shown on reports. */
  date?: string;
}

export const registerMerge: Register = (program, ctx) => {
  program
    .command('merge')
    .description('combine partial results (score --partial) into the report of scoring all their responses at once')
    .argument(
      '<questionnaire>',
      'the questionnaire YAML the partials were scored with (labels and recommendations come from it)',
    )
    .argument(
      '<partials...>',
      "partial results written by `servqual score --partial`, or exports (CSV, JSON) of `servqual sql`'s query",
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option(CHROMIUM_FLAG, CHROMIUM_HELP)
    .option(DATE_FLAG, DATE_HELP, parseRunDate)
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ servqual score q.yaml part-1.csv --group-by branch --partial --output part-1.json',
        '  $ servqual score q.yaml part-2.csv --group-by branch --partial --output part-2.json',
        '  $ servqual merge q.yaml part-*.json --format json --output result.json',
        '  $ servqual merge q.yaml sums.csv   # the result of `servqual sql q.yaml --dialect ... --table ...`',
      ].join('\n'),
    )
    .action(async (questionnaireFile: string, partials: string[], options: MergeOptions) => {
      checkTerminalOutput(options.format, options.output, ctx);
      checkPrinter(options, ctx);
      await checkOutputs([options.output], [questionnaireFile, ...partials]);
      const questionnaire = await loadQuestionnaire(questionnaireFile);
      // The run's inputs are the partials' names: a partial does not record the files it was scored from.
      const result = withRun(
        finishScoring(await readAndMergePartials(partials, questionnaire)),
        await runInfo(questionnaireFile, partials, version, options.date),
      );
      printWarnings(result, ctx, options);
      await reportResult(result, options, [questionnaireFile, ...partials], ctx);
    });
};
