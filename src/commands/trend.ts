import { basename, extname } from 'node:path';
import { Option } from 'commander';
import type { Register } from '../cli.js';
import { terminalText } from '../core/text/safe-text.js';
import { trendOf } from '../core/trend/trend.js';
import { trendComparabilityProblems } from '../core/trend/waves-comparable.js';
import { EXIT, UserError, type Diagnostic } from '../errors.js';
import { readResults } from '../io/read-result.js';
import { TREND_FORMATS, type TrendFormat } from '../render/formats.js';
import { renderTrend } from '../render/trend.js';
import { version } from '../version.js';
import { collect, type CommandContext } from './context.js';
import { alphaFlag } from './number-flag.js';
import { checkOutputs, emitReport } from './report-output.js';

interface TrendCommandOptions {
  label: string[];
  alpha: string;
  failOnRegression?: boolean;
  format: TrendFormat;
  output?: string;
}

/** --alpha as a number in (0, 1), or a usage diagnostic. */
function parseAlpha(text: string): number {
  const { alpha, problem } = alphaFlag(text);
  if (problem) throw new UserError(problem);
  return alpha;
}

/** The waves' names: one --label per file, else each file's name without its extension; distinct and not blank. */
function labelsOf(files: readonly string[], given: readonly string[]): string[] {
  if (given.length > 0 && given.length !== files.length) {
    throw new UserError({
      code: 'usage',
      message: `--label was given ${given.length} ${given.length === 1 ? 'time' : 'times'} for ${files.length} result files: give one per file, in the same order, or none`,
      hint: 'e.g. servqual trend q1.json q2.json --label "Q1 2026" --label "Q2 2026"',
    });
  }
  const labels = given.length > 0 ? given.map((l) => l.trim()) : files.map((f) => basename(f, extname(f)));
  const problems: Diagnostic[] = [];
  const seen = new Set<string>();
  labels.forEach((label, i) => {
    if (label === '') problems.push({ code: 'usage', message: `the label of ${files[i]} is blank` });
    else if (seen.has(label))
      problems.push({ code: 'usage', message: `two waves are labelled "${label}": each wave needs its own label` });
    seen.add(label);
  });
  if (problems.length > 0) {
    const lastIndex = problems.length - 1;
    problems[lastIndex] = { ...(problems[lastIndex] as Diagnostic), hint: 'name the waves with --label, one per file' };
    throw new UserError(problems);
  }
  return labels;
}

/**
 * Whether the terminal can show the report's own Unicode (sparkline blocks, ▲ ▼, box borders): not
 * when the locale the environment names (LC_ALL, then LC_CTYPE, then LANG, as setlocale reads them)
 * is set and is not UTF-8, such as `C` or `en_US.ISO-8859-1`. Unset means UTF-8, Node's own output.
 */
function wantsAscii(env: CommandContext['env']): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
  return locale !== undefined && locale !== '' && !/utf-?8/i.test(locale);
}

export const registerTrend: Register = (program, ctx, setExit) => {
  program
    .command('trend')
    .description('overall, dimension and KPI values across saved results (waves), with Welch tests and Holm')
    .argument('<results...>', 'two or more results of the same questionnaire (score --format json), oldest first')
    .option(
      '--label <name>',
      'the name of a wave, once per result file in the same order (default: the file names)',
      collect,
      [],
    )
    .option('--alpha <p>', 'significance level, between 0 and 1', '0.05')
    .option(
      '--fail-on-regression',
      'exit 1 when the overall score or a dimension dropped significantly from the previous wave to the last (as compare)',
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices(TREND_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ servqual trend q1.json q2.json q3.json\n  $ servqual trend 2026-*.json --label Q1 --label Q2 --label Q3 --fail-on-regression --format html --output trend.html',
    )
    .action(async (files: string[], options: TrendCommandOptions) => {
      const alpha = parseAlpha(options.alpha);
      if (files.length < 2) {
        throw new UserError({
          code: 'usage',
          message: `a trend needs at least two result files, got ${files.length}`,
          hint: 'servqual trend q1.json q2.json [q3.json...]',
        });
      }
      const labels = labelsOf(files, options.label);
      await checkOutputs([options.output], files);
      const results = await readResults(files);
      const problems = trendComparabilityProblems(results);
      if (problems.length > 0) {
        throw new UserError(
          problems.map((p, i) => ({
            code: p.code,
            file: files[p.wave] as string,
            message: `not comparable with ${files[0]}: ${p.message}`,
            ...(i === problems.length - 1 ? { hint: 'a trend needs results scored with the same questionnaire' } : {}),
          })),
        );
      }
      const trend = trendOf(
        results.map((result, i) => ({ label: labels[i] as string, result })),
        { alpha },
      );
      const toFile = options.output !== undefined && options.output !== '-';
      const text = renderTrend(trend, options.format, {
        color: ctx.color && !toFile,
        ascii: !toFile && wantsAscii(ctx.env),
        language: trend.questionnaire.language,
        generatedBy: `servqual ${version}`,
      });
      await emitReport(text, options.output, files, ctx);
      if (options.failOnRegression === true && trend.regressions.length > 0) {
        if (options.format !== 'table' || toFile) {
          ctx.stderr.write(`regression: ${terminalText(trend.regressions.join(', '))}\n`);
        }
        setExit(EXIT.thresholdFailed);
      }
    });
};
