import { Option } from 'commander';
import type { Register } from '../cli.js';
import { UserError } from '../errors.js';
import { SOURCE_PLATFORMS } from '../core/questionnaire/schema.js';
import type { SourcePlatform } from '../core/questionnaire/model.js';
import { detectPlatform } from '../core/sources/detect.js';
import { EXPORT_PLATFORM_IDS, platformById } from '../core/sources/platforms/index.js';
import { proposeSource } from '../core/sources/proposal.js';
import { renderSourceYaml } from '../core/sources/source-yaml.js';
import { terminalText } from '../core/text/safe-text.js';
import { checkOutputs, emitReport } from './report-output.js';
import { SHEET_FLAG, SHEET_HELP } from './score.js';
import { resolveEncoding } from '../io/decode.js';
import { inputName } from '../io/open-input.js';
import { readExportSample } from '../io/read-export.js';
import { loadQuestionnaire } from '../io/read-questionnaire.js';
import type { CommandContext } from './context.js';

export interface MapOptions {
  questionnaire: string;
  source?: SourcePlatform;
  output?: string;
  encoding?: string;
  sheet?: string;
}

/** Header rows (at most three) plus the responses whose text answers become the proposed labels. */
const SAMPLE_ROWS = 503;

/**
 * Proposes a questionnaire's `source` section for an export: detects the platform (unless given),
 * matches columns to items, and prints (or writes) the YAML. An export in which no column matches
 * an answer of the questionnaire is an input error.
 */
export async function runMap(file: string, options: MapOptions, ctx: CommandContext): Promise<void> {
  await checkOutputs([options.output], [file, options.questionnaire]);
  const q = await loadQuestionnaire(options.questionnaire);
  const rows = await readExportSample(file, SAMPLE_ROWS, ctx.stdin, {
    encoding: options.encoding === undefined ? 'auto' : resolveEncoding(options.encoding),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
  });
  const name = inputName(file);
  const detection = detectPlatform(rows.slice(0, 4));
  const platform = options.source === undefined ? detection.platform : platformById(options.source);
  if (options.source !== undefined && detection.confidence === 'high' && detection.platform.id !== platform.id) {
    ctx.stderr.write(
      `warning: ${terminalText(name)} looks like a ${detection.platform.name} export (${terminalText(detection.reason)}), not ${platform.name}\n`,
    );
  }
  const proposal = proposeSource(q, platform, rows, options.source === undefined ? detection : null);
  const answers = proposal.columns.filter((c) => c.target.type === 'answer');
  if (platform.layout !== 'long' && answers.length === 0) {
    throw new UserError({
      code: 'unmatchable-export',
      file: name,
      line: 1,
      message: `no column of this ${platform.name} export matches an answer of ${options.questionnaire}`,
      hint:
        options.source === undefined && detection.confidence === 'low'
          ? `name the platform with --source (${EXPORT_PLATFORM_IDS.join(', ')})`
          : 'the column headers share no words with the item statements: write source.columns by hand',
    });
  }
  await emitReport(renderSourceYaml(proposal, name), options.output, [file, options.questionnaire], ctx);
  const guesses =
    proposal.columns.filter((c) => !c.certain).length +
    proposal.labels.filter((l) => l.value === null || l.note !== '').length;
  if (proposal.unmatched.length > 0)
    ctx.stderr.write(
      `warning: nothing matched ${proposal.unmatched.length} answer(s) of the questionnaire; see the comments\n`,
    );
  if (guesses > 0) ctx.stderr.write(`note: ${guesses} line(s) marked "check" are guesses\n`);
}

export const registerMap: Register = (program, ctx) => {
  program
    .command('map')
    .description(
      "propose a questionnaire's source section for a survey platform's export (which column is which answer)",
    )
    .argument(
      '<export>',
      'the export: CSV (Google Forms, SurveyMonkey, Qualtrics, LimeSurvey or long format), XLSX or SPSS .sav; - reads stdin',
    )
    .requiredOption('-q, --questionnaire <file>', 'the questionnaire whose items the columns are matched to')
    .addOption(
      new Option('--source <platform>', 'the export shape (detected from the headers when not given)').choices([
        ...SOURCE_PLATFORMS,
      ]),
    )
    .option('-o, --output <file>', 'write the section to a file instead of stdout')
    .option(
      '--encoding <name>',
      'the text encoding of the export, e.g. windows-1251 or cp949 (default: UTF-8, or UTF-16 found by its BOM)',
    )
    .option(SHEET_FLAG, SHEET_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ servqual map results.csv --questionnaire audit.yaml\n  $ servqual map export.csv -q audit.yaml --source qualtrics --output source.yaml',
    )
    .action(async (file: string, options: MapOptions) => {
      await runMap(file, options, ctx);
    });
};
