import { Option } from 'commander';
import type { Register } from '../cli.js';
import { UserError } from '../errors.js';
import type { Result } from '../core/scoring/result.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { loadQuestionnaire } from '../io/read-questionnaire.js';
import { scoreFiles } from '../io/score-files.js';
import { renderJson } from '../render/json.js';
import { renderTable } from '../render/table.js';
import type { CommandContext } from './context.js';

export const FORMATS = ['table', 'json'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export interface ScoreCommandOptions {
  format: ReportFormat;
  output?: string;
  groupBy: string[];
  skipInvalid?: boolean;
  source?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Renders a result in the asked format. */
export function renderResult(result: Result, format: ReportFormat, ctx: CommandContext, toFile: boolean): string {
  if (format === 'json') return renderJson(result);
  return renderTable(result, { color: ctx.color && !toFile });
}

/** Prints the result's warnings on stderr (they are in the result too). */
export function printWarnings(result: Result, ctx: CommandContext): void {
  for (const w of result.warnings) ctx.stderr.write(`warning: ${w.message}\n`);
}

/** Writes the report to --output (atomically) or stdout. */
export async function emitReport(text: string, output: string | undefined, inputs: readonly string[], ctx: CommandContext): Promise<void> {
  if (output === undefined || output === '-') {
    ctx.stdout.write(text);
    return;
  }
  await writeFileAtomic(output, text, { inputs });
  ctx.stderr.write(`wrote ${output}\n`);
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
