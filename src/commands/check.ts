import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Register } from '../cli.js';
import { diagnosticOf, EXIT, UserError } from '../errors.js';
import {
  checkThresholdTargets,
  evaluateChecks,
  explainCheck,
  whyNotComputed,
  mergeThresholds,
  type ThresholdFlags,
} from '../core/check/thresholds.js';
import { baselineProblems, type RegressionOptions, regressionChecks } from '../core/check/regression.js';
import type { Result } from '../core/scoring/result.js';
import { readResult } from '../io/read-result.js';
import { writeError, writeFileAtomic } from '../io/atomic-write.js';
import { renderJunit } from '../render/junit.js';
import { renderMarkdown } from '../render/markdown.js';
import { targetAbout } from '../render/view/checks.js';
import { workflowData, workflowProperty } from '../core/text/safe-text.js';
import { collect, type CommandContext } from './context.js';
import { checkOutputs, checkPrinter, checkTerminalOutput, reportResult } from './report-output.js';
import { addScoringOptions, scoreResponses, type ScoreCommandOptions } from './score.js';
import { emptyRecord } from '../core/text/own.js';

interface CheckOptions extends ScoreCommandOptions {
  minOverall?: string;
  minDimension: string[];
  minItem: string[];
  minKpi: string[];
  minRespondents?: string;
  minAlpha?: string;
  minOmega?: string;
  minCfi?: string;
  maxRmsea?: string;
  junit?: string;
  baseline?: string;
  alpha?: string;
  tolerance?: string;
}

function number(flag: string, text: string, whole = false): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (whole && (!Number.isInteger(value) || value < 0))) {
    throw new UserError({
      code: 'usage',
      message: `${flag} ${text}: expected ${whole ? 'a whole number' : 'a number'}`,
    });
  }
  return value;
}

/** A number within the range of the statistic it gates: a threshold outside it could never pass (or fail). */
function within(flag: string, text: string, low: number, high: number): number {
  const value = number(flag, text);
  if (value < low || value > high) {
    const range =
      low === -Infinity ? `at most ${high}` : high === Infinity ? `at least ${low}` : `between ${low} and ${high}`;
    throw new UserError({
      code: 'usage',
      message: `${flag} ${text}: expected a number ${range} (the statistic's range; this gate could never be met)`,
    });
  }
  return value;
}

function pairs(flag: string, values: readonly string[]): Record<string, number> {
  const out = emptyRecord<number>();
  for (const value of values) {
    const at = value.lastIndexOf('=');
    if (at <= 0)
      throw new UserError({
        code: 'usage',
        message: `${flag} ${value}: expected ID=NUMBER, e.g. ${flag} reliability=-1`,
      });
    out[value.slice(0, at).trim()] = number(flag, value.slice(at + 1));
  }
  return out;
}

/** The flag that sets a threshold of each kind of target, for messages. */
const THRESHOLD_FLAG = { dimensions: '--min-dimension', items: '--min-item', kpis: '--min-kpi' } as const;

/** The thresholds given as flags, read and checked as numbers. */
function thresholdFlags(options: CheckOptions): ThresholdFlags {
  return {
    ...(options.minOverall !== undefined ? { overall: number('--min-overall', options.minOverall) } : {}),
    dimensions: pairs('--min-dimension', options.minDimension),
    items: pairs('--min-item', options.minItem),
    kpis: pairs('--min-kpi', options.minKpi),
    ...(options.minRespondents !== undefined
      ? { minRespondents: number('--min-respondents', options.minRespondents, true) }
      : {}),
    ...(options.minAlpha !== undefined ? { minAlpha: within('--min-alpha', options.minAlpha, -Infinity, 1) } : {}),
    ...(options.minOmega !== undefined ? { minOmega: within('--min-omega', options.minOmega, 0, 1) } : {}),
    ...(options.minCfi !== undefined ? { minCfi: within('--min-cfi', options.minCfi, 0, 1) } : {}),
    ...(options.maxRmsea !== undefined ? { maxRmsea: within('--max-rmsea', options.maxRmsea, 0, Infinity) } : {}),
  };
}

/** `--alpha` and `--tolerance` of the regression checks, read and checked; they need `--baseline`. */
function regressionOptions(options: CheckOptions): RegressionOptions | null {
  if (options.baseline === undefined) {
    for (const flag of ['alpha', 'tolerance'] as const) {
      if (options[flag] !== undefined)
        throw new UserError({ code: 'usage', message: `--${flag} needs --baseline RESULT.json` });
    }
    return null;
  }
  const alpha = number('--alpha', options.alpha ?? '0.05');
  if (!(alpha > 0 && alpha < 1))
    throw new UserError({ code: 'usage', message: `--alpha ${options.alpha}: expected a number between 0 and 1` });
  const tolerance = number('--tolerance', options.tolerance ?? '0');
  if (tolerance < 0)
    throw new UserError({
      code: 'usage',
      message: `--tolerance ${options.tolerance}: expected a number of points >= 0`,
    });
  return { alpha, tolerance };
}

/** The baseline result, refused (exit 2) when it is not a result of the same questionnaire. */
function checkBaseline(baseline: Result, result: Result, baselineFile: string): void {
  const problems = baselineProblems(baseline, result);
  if (problems.length === 0) return;
  throw new UserError(
    problems.map((p, i) => ({
      code: p.code,
      file: baselineFile,
      message: `not a baseline of this questionnaire: ${p.message}`,
      ...(i === problems.length - 1 ? { hint: 'use a result scored with the same questionnaire' } : {}),
    })),
  );
}

/** GitHub Actions: an annotation per failed check, and the Markdown report in the job summary. */
async function reportToGithub(result: Result, ctx: CommandContext): Promise<void> {
  if (ctx.env.GITHUB_ACTIONS === 'true') {
    // On stderr, so that `--format json` on stdout stays pure JSON; the runner reads both streams.
    const about = targetAbout(result);
    const why = whyNotComputed(result);
    for (const c of result.checks.filter((check) => !check.passed)) {
      // The only workflow commands servqual writes; the ids in them are escaped as the runner specifies.
      ctx.stderr.write(
        `::error title=${workflowProperty(`servqual check ${c.target}`)}::${workflowData(explainCheck(c, about(c.target), c.value === null ? why(c.target) : undefined))}\n`,
      );
    }
  }
  const summary = ctx.env.GITHUB_STEP_SUMMARY;
  if (summary) {
    // The summary is a courtesy to the reader of the run: failing to write it must not turn a
    // passed (or failed) check into another exit code.
    try {
      await appendFile(summary, `${renderMarkdown(result)}\n`, 'utf8');
    } catch (error) {
      const problem = writeError(error, summary);
      const reason = problem instanceof UserError ? problem.diagnostics[0]?.message : String(error);
      ctx.stderr.write(`warning: GITHUB_STEP_SUMMARY ${summary}: ${reason}; the job summary is not written\n`);
    }
  }
}

export const registerCheck: Register = (program, ctx, setExit) => {
  addScoringOptions(
    program.command('check').description('score, then test quality thresholds: exit 1 when any fails (for CI)'),
  )
    .option('--min-overall <x>', 'minimum weighted overall score')
    .option('--min-dimension <dim=x>', 'minimum score of a dimension (repeatable)', collect, [])
    .option('--min-item <id=x>', 'minimum mean gap of an item (repeatable)', collect, [])
    .option('--min-kpi <id=x>', 'minimum score of a KPI, e.g. nps=20 (repeatable)', collect, [])
    .option('--min-respondents <n>', 'minimum number of scored respondents')
    .option('--min-alpha <x>', "minimum Cronbach's alpha of every dimension")
    .option('--min-omega <x>', "minimum McDonald's omega of every dimension (measurement quality, e.g. 0.7)")
    .option('--min-cfi <x>', 'minimum CFI of the five-dimension factor model (e.g. 0.95)')
    .option('--max-rmsea <x>', 'maximum RMSEA of the five-dimension factor model (e.g. 0.06)')
    .option('--junit <file>', 'also write the checks as JUnit XML')
    .option('--baseline <result>', 'also fail on a significant drop since this saved result (a JSON result)')
    .option('--alpha <p>', 'significance level of the --baseline regression checks (default 0.05)')
    .option('--tolerance <points>', 'with --baseline, only a drop larger than this fails (default 0)')
    .addHelpText(
      'after',
      "\nThresholds come from the questionnaire's `thresholds` and from these flags; a flag wins.\nExit codes: 0 every check passed, 1 a check failed, 2 bad input.\n\nExamples:\n  $ servqual check questionnaire.yaml responses.csv --min-overall -1 --min-dimension reliability=-1.5 --junit servqual.xml\n  $ servqual check questionnaire.yaml responses.csv --where branch=North --exclude test-ids.txt --min-overall -1\n  $ servqual check questionnaire.yaml responses.csv --baseline last-release.json --tolerance 0.1",
    )
    .action(async (questionnaireFile: string, responses: string[], options: CheckOptions) => {
      const flags = thresholdFlags(options);
      const regression = regressionOptions(options);
      if (
        options.junit !== undefined &&
        options.output !== undefined &&
        resolve(options.junit) === resolve(options.output)
      ) {
        throw new UserError({
          code: 'usage',
          message: `--junit ${options.junit}: the same file as --output; name two files`,
        });
      }
      checkTerminalOutput(options.format, options.output, ctx);
      checkPrinter(options, ctx);
      await checkOutputs(
        [options.output, options.junit, options.respondents],
        [questionnaireFile, ...responses, ...(options.baseline ? [options.baseline] : [])],
      );
      // Read first, so that a missing or damaged baseline is reported before the (long) scoring.
      const baseline = options.baseline === undefined ? null : await readResult(options.baseline);
      const { questionnaire, result } = await scoreResponses(questionnaireFile, responses, options, ctx, (q) => {
        const problems = checkThresholdTargets(q, flags);
        if (problems.length > 0) {
          throw new UserError(
            problems.map((p) => diagnosticOf({ ...p, message: `${THRESHOLD_FLAG[p.section]} ${p.id}: ${p.message}` })),
          );
        }
      });
      if (baseline !== null && options.baseline !== undefined) checkBaseline(baseline, result, options.baseline);
      const checked: Result = {
        ...result,
        checks: [
          ...evaluateChecks(questionnaire, result, mergeThresholds(questionnaire.thresholds, flags)),
          ...(baseline !== null && regression !== null ? regressionChecks(baseline, result, regression) : []),
        ],
      };
      if (checked.checks.length === 0)
        ctx.stderr.write(
          'warning: no thresholds to check: add `thresholds` to the questionnaire or pass --min-* flags\n',
        );
      const inputs = [questionnaireFile, ...responses, ...(options.baseline ? [options.baseline] : [])];
      await reportResult(checked, options, inputs, ctx);
      // The report just written counts as an input: another path to it (a link) is refused too.
      const written = options.output !== undefined && options.output !== '-' ? [options.output] : [];
      if (options.junit)
        await writeFileAtomic(options.junit, renderJunit(checked), { inputs: [...inputs, ...written] });
      await reportToGithub(checked, ctx);
      setExit(checked.checks.every((c) => c.passed) ? EXIT.ok : EXIT.thresholdFailed);
    });
};
