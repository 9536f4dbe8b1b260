import { Option } from 'commander';
import type { Register } from '../cli.js';
import { type PlanGoal, planOf, segmentColumns } from '../core/plan/plan.js';
import type { Result } from '../core/scoring/result.js';
import { groupLabel } from '../core/scoring/segment-key.js';
import { UserError } from '../errors.js';
import { readResult } from '../io/read-result.js';
import { PLAN_FORMATS, type PlanFormat } from '../render/formats.js';
import { renderPlan } from '../render/plan.js';
import { version } from '../version.js';
import { collect } from './context.js';
import { decimalFlag } from './number-flag.js';
import { checkOutputs, emitReport } from './report-output.js';

interface PlanCommandOptions {
  margin?: string;
  detect?: string;
  power?: string;
  alpha?: string;
  kpiMargin: string[];
  kpiDetect: string[];
  groupBy?: string;
  format: PlanFormat;
  output?: string;
}

function usage(message: string, hint: string): UserError {
  return new UserError({ code: 'usage', message, hint });
}

/** A flag's value as a number > 0 (and below `below` when given), or a usage diagnostic. */
function parsePositive(flag: string, text: string, below?: number): number {
  const value = decimalFlag(text);
  if (value > 0 && Number.isFinite(value) && (below === undefined || value < below)) return value;
  throw usage(
    below === undefined
      ? `${flag} must be a number above 0, got "${text}"`
      : `${flag} must be a number between 0 and ${below} (exclusive), got "${text}"`,
    below === undefined ? `e.g. ${flag} 0.1` : `e.g. ${flag} ${flag === '--power' ? '0.8' : '0.05'}`,
  );
}

/**
 * `--kpi-margin` / `--kpi-detect` values: `POINTS` for every KPI, `ID=POINTS` for one (which wins);
 * each KPI in its own units, so CES (scale points) usually needs its own.
 */
function kpiTargetsOf(flag: string, given: readonly string[], result: Result): Record<string, number> {
  const ids = result.kpis.map((k) => k.id);
  const targets: Record<string, number> = {};
  const own: Record<string, number> = {};
  for (const text of given) {
    const at = text.lastIndexOf('=');
    if (at < 0) {
      const value = parsePositive(flag, text);
      for (const id of ids) targets[id] = value;
      continue;
    }
    const id = text.slice(0, at).trim();
    if (!ids.includes(id)) {
      throw usage(
        `${flag} names KPI "${id}", which the result does not have`,
        ids.length > 0 ? `its KPIs: ${ids.join(', ')}` : 'the result has no KPIs',
      );
    }
    own[id] = parsePositive(flag, text.slice(at + 1));
  }
  return { ...targets, ...own };
}

/**
 * The goal the flags ask for: exactly one of --margin and --detect, and only the flags that go with
 * it. Checked before the file is read (the KPI targets, which need its KPI ids, are added after).
 */
function goalOf(options: PlanCommandOptions): PlanGoal {
  const hint = 'servqual plan result.json --margin 0.1, or --detect 0.2 [--power 0.8] [--alpha 0.05]';
  if (options.margin !== undefined && options.detect !== undefined)
    throw usage('give --margin or --detect, not both: a plan sizes for one goal', hint);
  if (options.margin === undefined && options.detect === undefined)
    throw usage('give --margin (the 95% half-width to reach) or --detect (the change to detect)', hint);
  if (options.margin !== undefined) {
    const extra = [
      options.power !== undefined ? '--power' : '',
      options.alpha !== undefined ? '--alpha' : '',
      options.kpiDetect.length > 0 ? '--kpi-detect' : '',
    ].filter((f) => f !== '');
    if (extra.length > 0) throw usage(`${extra.join(', ')} only go with --detect; --margin is a 95% interval`, hint);
    return {
      kind: 'margin',
      target: parsePositive('--margin', options.margin),
      kpiTargets: {},
      power: null,
      alpha: null,
    };
  }
  if (options.kpiMargin.length > 0)
    throw usage('--kpi-margin only goes with --margin; with --detect give --kpi-detect', hint);
  return {
    kind: 'detect',
    target: parsePositive('--detect', options.detect as string),
    kpiTargets: {},
    power: parsePositive('--power', options.power ?? '0.8', 1),
    alpha: parsePositive('--alpha', options.alpha ?? '0.05', 1),
  };
}

export const registerPlan: Register = (program, ctx) => {
  program
    .command('plan')
    .description(
      "respondents the next wave needs, from a saved result's spreads: for a margin of error, or to detect a change",
    )
    .argument('<result>', 'a saved result (score --format json), the last wave')
    .option('--margin <points>', 'the 95% half-width to reach on each gap, in scale points')
    .option('--detect <points>', 'the change in a gap to detect between this wave and the next, in scale points')
    .option('--power <p>', 'with --detect: the power wanted, between 0 and 1 (default 0.8)')
    .option('--alpha <p>', 'with --detect: the two-sided significance level, between 0 and 1 (default 0.05)')
    .option(
      '--kpi-margin <[id=]points>',
      "with --margin: a KPI's half-width in its units (NPS points, CSAT %, CES scale points); repeat per KPI",
      collect,
      [],
    )
    .option(
      '--kpi-detect <[id=]points>',
      "with --detect: a KPI's change to detect, in its units; repeat per KPI",
      collect,
      [],
    )
    .option(
      '--group-by <column>',
      'also plan each segment of this column (the result must have been scored with --group-by)',
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices(PLAN_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ servqual plan result.json --margin 0.1 --kpi-margin 5 --kpi-margin ces=0.2\n  $ servqual plan result.json --detect 0.2 --power 0.9 --group-by branch --format markdown',
    )
    .action(async (file: string, options: PlanCommandOptions) => {
      const asked = goalOf(options);
      await checkOutputs([options.output], [file]);
      const result = await readResult(file);
      const goal: PlanGoal = {
        ...asked,
        kpiTargets:
          asked.kind === 'margin'
            ? kpiTargetsOf('--kpi-margin', options.kpiMargin, result)
            : kpiTargetsOf('--kpi-detect', options.kpiDetect, result),
      };
      // Crossed segments are named by the flag's text with each name trimmed (`sex,frequency`), as score saves them.
      const groupBy = options.groupBy === undefined ? null : groupLabel(options.groupBy);
      if (groupBy !== null && !segmentColumns(result).includes(groupBy)) {
        const columns = segmentColumns(result);
        throw new UserError({
          code: 'unknown-group',
          file,
          message: `the result has no segments by "${groupBy}"`,
          hint:
            columns.length > 0
              ? `its segments are by: ${columns.join(', ')}`
              : 'score with --group-by COLUMN to save segments in the result',
        });
      }
      const plan = planOf(result, goal, groupBy);
      const toFile = options.output !== undefined && options.output !== '-';
      const text = renderPlan(plan, options.format, {
        color: ctx.color && !toFile,
        generatedBy: `servqual ${version}`,
      });
      await emitReport(text, options.output, [file], ctx);
    });
};
