import { Option } from 'commander';
import type { Register } from '../cli.js';
import { readResult } from '../io/read-result.js';
import { REPORT_FORMATS, type ReportFormat } from '../render/formats.js';
import {
  CHROMIUM_FLAG,
  CHROMIUM_HELP,
  checkOutputs,
  checkPrinter,
  checkTerminalOutput,
  reportResult,
} from './report-output.js';
import { DATE_FLAG, parseRunDate } from './run-date.js';

export const registerReport: Register = (program, ctx) => {
  program
    .command('report')
    .description('render a saved JSON result in another format, without rescoring')
    .argument('<result>', 'a result saved with `servqual score --format json --output result.json`')
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option(CHROMIUM_FLAG, CHROMIUM_HELP)
    .option(
      DATE_FLAG,
      "the date shown on the report (default: the result's run.date, else today); the JSON is left as saved",
      parseRunDate,
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ servqual score q.yaml responses.csv --format json --output result.json\n  $ servqual report result.json --format markdown --output report.md',
    )
    .action(
      async (file: string, options: { format: ReportFormat; output?: string; chromium?: string; date?: string }) => {
        checkTerminalOutput(options.format, options.output, ctx);
        checkPrinter(options, ctx);
        await checkOutputs([options.output], [file]);
        const result = await readResult(file);
        await reportResult(result, options, [file], ctx);
      },
    );
};
