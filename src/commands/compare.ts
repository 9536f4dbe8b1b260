import { Option } from 'commander';
import type { Register } from '../cli.js';
import { compareResults, type Comparison } from '../core/compare/compare.js';
import { comparabilityProblems } from '../core/compare/comparable.js';
import { groupByColumns } from '../core/compare/segments.js';
import type { Result } from '../core/scoring/result.js';
import { EXIT, UserError, type Diagnostic } from '../errors.js';
import { readResults } from '../io/read-result.js';
import { terminalText } from '../core/text/safe-text.js';
import { renderComparison } from '../render/compare.js';
import { COMPARE_FORMATS, type CompareFormat } from '../render/formats.js';
import type { CommandContext } from './context.js';
import { alphaFlag, decimalFlag } from './number-flag.js';
import { checkOutputs, emitReport } from './report-output.js';

export interface CompareCommandOptions {
  failOnRegression?: boolean;
  failOnSegmentRegression?: boolean;
  alpha: string;
  tolerance?: string;
  format: CompareFormat;
  output?: string;
}

/** The flags as numbers, or a diagnostic for each bad one. */
function parseFlags(options: CompareCommandOptions): { alpha: number; tolerance?: number; problems: Diagnostic[] } {
  const { alpha, problem } = alphaFlag(options.alpha);
  const problems: Diagnostic[] = problem ? [problem] : [];
  if (options.tolerance === undefined) return { alpha, problems };
  const tolerance = decimalFlag(options.tolerance);
  if (!(tolerance >= 0 && Number.isFinite(tolerance))) {
    problems.push({
      code: 'usage',
      message: `--tolerance must be a non-negative number of score points, got "${options.tolerance}"`,
      hint: 'e.g. --tolerance 0.2',
    });
  }
  return { alpha, tolerance, problems };
}

/** Why the segment gate cannot run: no segments, or segments by different columns; null when it can. */
function segmentGateProblem(baseline: Result, current: Result): string | null {
  const a = groupByColumns(baseline);
  const b = groupByColumns(current);
  if (a.length === 0 && b.length === 0) return 'neither result has segments (score both with the same --group-by)';
  const show = (columns: string[]) =>
    columns.length === 0 ? 'none' : columns.map((c) => JSON.stringify(c)).join(', ');
  if ([...a].sort().join('\u0000') !== [...b].sort().join('\u0000')) {
    return `the group-by columns differ: baseline ${show(a)}, current ${show(b)}`;
  }
  return null;
}

function render(
  comparison: Comparison,
  format: CompareFormat,
  language: Result['questionnaire']['language'],
  ctx: CommandContext,
  toFile: boolean,
): string {
  return renderComparison(comparison, format, { color: ctx.color && !toFile, language });
}

export const registerCompare: Register = (program, ctx, setExit) => {
  program
    .command('compare')
    .description('what changed between two saved results, with significance (Welch t-tests)')
    .argument('<baseline>', 'the earlier result, saved with `servqual score ... --format json --output FILE`')
    .argument('<current>', 'the later result of the same questionnaire')
    .option(
      '--fail-on-regression',
      'exit 1 when the overall score or a dimension dropped significantly (or beyond --tolerance)',
    )
    .option(
      '--fail-on-segment-regression',
      'exit 1 when a segment (--group-by) dropped significantly (Holm across segments and rows)',
    )
    .option('--alpha <p>', 'significance level, between 0 and 1', '0.05')
    .option('--tolerance <points>', 'also count a drop of more than this many score points as a regression')
    .addOption(new Option('-f, --format <format>', 'report format').choices(COMPARE_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ servqual compare q1.json q2.json\n  $ servqual compare baseline.json current.json --fail-on-regression --tolerance 0.2 --format markdown --output compare.md\n  $ servqual compare q1-by-branch.json q2-by-branch.json --fail-on-segment-regression --format html --output compare.html',
    )
    .action(async (baselineFile: string, currentFile: string, options: CompareCommandOptions) => {
      const flags = parseFlags(options);
      if (flags.problems.length > 0) throw new UserError(flags.problems);
      await checkOutputs([options.output], [baselineFile, currentFile]);
      const [baseline, current] = (await readResults([baselineFile, currentFile])) as [Result, Result];
      const problems = comparabilityProblems(baseline, current);
      if (problems.length > 0) {
        throw new UserError(
          problems.map((p, i) => ({
            code: p.code,
            file: currentFile,
            message: `not comparable with ${baselineFile}: ${p.message}`,
            ...(i === problems.length - 1 ? { hint: 'compare two results scored with the same questionnaire' } : {}),
          })),
        );
      }
      const gateProblem = options.failOnSegmentRegression === true ? segmentGateProblem(baseline, current) : null;
      if (gateProblem !== null) {
        throw new UserError([
          {
            code: 'incomparable',
            file: currentFile,
            message: `--fail-on-segment-regression cannot compare segments with ${baselineFile}: ${gateProblem}`,
          },
        ]);
      }
      const comparison = compareResults(baseline, current, {
        alpha: flags.alpha,
        ...(flags.tolerance !== undefined ? { tolerance: flags.tolerance } : {}),
      });
      const toFile = options.output !== undefined && options.output !== '-';
      await emitReport(
        render(comparison, options.format, current.questionnaire.language, ctx, toFile),
        options.output,
        [baselineFile, currentFile],
        ctx,
      );
      if (options.failOnRegression === true && comparison.regressions.length > 0) {
        if (options.format !== 'table' || toFile) {
          ctx.stderr.write(`regression: ${terminalText(comparison.regressions.join(', '))}\n`);
        }
        setExit(EXIT.thresholdFailed);
      }
      const segmentRegressions = comparison.segmentRegressions ?? [];
      if (options.failOnSegmentRegression === true && segmentRegressions.length > 0) {
        if (options.format !== 'table' || toFile) {
          ctx.stderr.write(`segment regression: ${terminalText(segmentRegressions.join(', '))}\n`);
        }
        setExit(EXIT.thresholdFailed);
      }
    });
};
