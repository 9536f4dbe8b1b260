import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Register } from '../cli.js';
import { diagnosticOf, UserError } from '../errors.js';
import { groupLabel } from '../core/scoring/segment-key.js';
import { parseWhere, type Selection, type WhereCondition } from '../core/scoring/selection.js';
import { readExcludeList } from '../io/read-exclude.js';
import type { Questionnaire, SourcePlatform } from '../core/questionnaire/model.js';
import { SOURCE_PLATFORMS } from '../core/questionnaire/schema.js';
import { renderPartial } from '../core/scoring/partial.js';
import type { Result } from '../core/scoring/result.js';
import { loadQuestionnaire } from '../io/read-questionnaire.js';
import { resolveEncoding } from '../io/decode.js';
import { progressBar } from '../io/progress.js';
import { scoreFiles, scoreFilesToState, type ReadOptions } from '../io/score-files.js';
import { collect, type CommandContext } from './context.js';
import { openRespondentsFile } from '../io/respondents-file.js';
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
  emitReport,
  printWarnings,
  reportResult,
} from './report-output.js';

export interface ScoreCommandOptions {
  format: ReportFormat;
  output?: string;
  groupBy: string[];
  skipInvalid?: boolean;
  source?: SourcePlatform;
  encoding?: string;
  partial?: boolean;
  quiet?: boolean;
  threads?: number;
  sheet?: string;
  where: string[];
  exclude?: string;
  respondents?: string;
  chromium?: string;
  /** `--date`: the date of scoring, written to the result's `run` and shown on reports. */
  date?: string;
}

/** `--sheet`, shared by every command that reads responses or exports. */
export const SHEET_FLAG = '--sheet <name|number>';
export const SHEET_HELP = 'the sheet of an XLSX workbook to read: its name or 1-based number (default: the first)';

/** `--threads <n>`: a whole number, 0 for one per core. */
function parseThreads(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('expected a whole number of threads (0: one per core)');
  return n;
}

/** The options `score` and `check` share: how to read the responses and how to report. */
export function addScoringOptions(command: Command): Command {
  return command
    .argument('<questionnaire>', 'questionnaire YAML')
    .argument('<responses...>', 'response files: CSV, XLSX workbooks or SPSS .sav; - reads stdin')
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option(
      '-g, --group-by <column>',
      'segment the results by a CSV column (repeatable); a,b crosses columns: one segment per combination',
      collect,
      [],
    )
    .option(
      '-w, --where <column=value>',
      'score only responses whose COLUMN is VALUE (case-insensitive); repeat: values of one column are OR, columns AND',
      collect,
      [],
    )
    .option(
      '--exclude <file>',
      'drop the respondents listed in FILE, one id per line (row numbers when the responses have no id column)',
    )
    .option('--skip-invalid', 'treat cells that are not numbers on the scale as missing, and count them')
    .addOption(
      new Option(
        '--source <platform>',
        "the export shape of the responses (default: the questionnaire's source.platform, else generic)",
      ).choices([...SOURCE_PLATFORMS]),
    )
    .option('-q, --quiet', 'no progress bar (it is drawn on stderr only when stderr is a terminal)')
    .option(
      '--encoding <name>',
      'the text encoding of the responses, e.g. windows-1251 or cp949 (default: UTF-8, or UTF-16 found by its BOM)',
    )
    .option(SHEET_FLAG, SHEET_HELP)
    .option(CHROMIUM_FLAG, CHROMIUM_HELP)
    .option(DATE_FLAG, DATE_HELP, parseRunDate)
    .option(
      '--threads <n>',
      'score one large CSV file (8 MB or more) on n worker threads; 0: one per core',
      parseThreads,
      1,
    )
    .option(
      '--respondents <file>',
      'also write one CSV row per scored respondent (id, segments, dimension scores, overall, flags); reads on one thread',
    );
}

/** Reads the questionnaire and scores the responses; `prepare` may reject the run before any row is read. */
export async function scoreResponses(
  questionnaireFile: string,
  responses: readonly string[],
  options: ScoreCommandOptions,
  ctx: CommandContext,
  prepare: (q: Questionnaire) => void = () => undefined,
): Promise<{ questionnaire: Questionnaire; result: Result }> {
  const where = whereConditions(options);
  const questionnaire = await loadForScoring(questionnaireFile, responses);
  prepare(questionnaire);
  const selection = await readSelection(questionnaire, where, options);
  const read = readOptions(options, ctx);
  const perRespondent =
    options.respondents !== undefined
      ? await openRespondentsFile(options.respondents, questionnaire, read.groupBy)
      : null;
  let scored: Result;
  try {
    // --respondents reads on one thread: its rows are written in input order as they are scored.
    const { threads: _threads, ...oneThread } = read;
    scored = await scoreFiles(
      questionnaire,
      responses,
      perRespondent ? { ...oneThread, selection, onRespondent: perRespondent.add } : { ...read, selection },
    );
    perRespondent?.commit();
  } catch (error) {
    perRespondent?.abort();
    throw error;
  }
  printWarnings(scored, ctx, options);
  const result = withRun(scored, await runInfo(questionnaireFile, responses, version, options.date));
  return { questionnaire, result };
}

/** The `--where` flags as conditions; a malformed one is a usage error before anything is read. */
function whereConditions(options: ScoreCommandOptions): WhereCondition[] {
  const { conditions, problems } = parseWhere(options.where ?? []);
  if (problems.length > 0) throw new UserError(problems.map((p) => diagnosticOf(p)));
  return conditions;
}

/** `--where` and `--exclude` as the scorer's selection (the exclude file read here). */
async function readSelection(
  q: Questionnaire,
  where: WhereCondition[],
  options: ScoreCommandOptions,
): Promise<Selection> {
  const exclude =
    options.exclude !== undefined
      ? await readExcludeList(
          options.exclude,
          [q.columns.respondent, q.source?.respondent].filter((name): name is string => name !== undefined),
        )
      : null;
  return { where, exclude };
}

/** The questionnaire, once the response list is known to read stdin at most once. */
async function loadForScoring(questionnaireFile: string, responses: readonly string[]): Promise<Questionnaire> {
  if (responses.filter((f) => f === '-').length > 1)
    throw new UserError({ code: 'usage', message: 'stdin (-) can be read only once' });
  return loadQuestionnaire(questionnaireFile);
}

function readOptions(
  options: ScoreCommandOptions,
  ctx: CommandContext,
): ReadOptions & { groupBy: string[]; skipInvalid: boolean } {
  const bar = !options.quiet && ctx.stderr.isTTY === true ? progressBar(ctx.stderr as NodeJS.WriteStream) : null;
  return {
    ...(bar ? { progress: bar } : {}),
    groupBy: options.groupBy.map(groupLabel),
    skipInvalid: options.skipInvalid === true,
    stdin: ctx.stdin,
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(options.encoding !== undefined ? { encoding: resolveEncoding(options.encoding) } : {}),
    ...(options.threads !== undefined && options.threads !== 1 ? { threads: options.threads } : {}),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.quiet ? {} : { note: (text: string) => ctx.stderr.write(`note: ${text}\n`) }),
  };
}

/** `score --partial`: the sufficient statistics as JSON for `servqual merge` (merge prints the warnings). */
async function writePartial(
  questionnaireFile: string,
  responses: readonly string[],
  options: ScoreCommandOptions,
  ctx: CommandContext,
): Promise<void> {
  if (options.respondents !== undefined)
    throw new UserError({ code: 'usage', message: '--respondents cannot be combined with --partial' });
  const where = whereConditions(options);
  const questionnaire = await loadForScoring(questionnaireFile, responses);
  const selection = await readSelection(questionnaire, where, options);
  const state = await scoreFilesToState(questionnaire, responses, { ...readOptions(options, ctx), selection });
  await emitReport(renderPartial(state), options.output, [questionnaireFile, ...responses], ctx);
}

export const registerScore: Register = (program, ctx) => {
  addScoringOptions(
    program.command('score').description('score one or more CSV response files against a questionnaire'),
  )
    .addOption(
      new Option(
        '--partial',
        'write the sufficient statistics as JSON for `servqual merge`, instead of a report',
      ).conflicts('format'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ servqual score questionnaire.yaml responses.csv\n  $ servqual score questionnaire.yaml wave1.csv wave2.csv --group-by branch --format json --output result.json\n  $ cat responses.csv | servqual score questionnaire.yaml -\n  $ servqual score questionnaire.yaml export.csv --source google-forms\n  $ servqual score questionnaire.yaml part-1.csv --group-by branch --partial --output part-1.json\n  $ servqual score questionnaire.yaml responses.csv --where sex=F --where wave=2 --where wave=3\n  $ servqual score questionnaire.yaml responses.csv --exclude pilot-ids.txt --group-by sex,frequency',
    )
    .action(async (questionnaireFile: string, responses: string[], options: ScoreCommandOptions) => {
      checkTerminalOutput(options.format, options.output, ctx);
      checkPrinter(options, ctx);
      await checkOutputs([options.output, options.respondents], [questionnaireFile, ...responses]);
      if (options.partial) {
        await writePartial(questionnaireFile, responses, options, ctx);
        return;
      }
      const { result } = await scoreResponses(questionnaireFile, responses, options, ctx);
      await reportResult(result, options, [questionnaireFile, ...responses], ctx);
    });
};
