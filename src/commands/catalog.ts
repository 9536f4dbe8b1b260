import type { Register } from '../cli.js';

/**
 * Every command, with what the top-level help shows. A command's module (and the libraries it
 * needs: zod, yaml, the statistics, the prompts) is loaded only when that command runs, so that
 * `servqual --help` starts fast.
 */
export interface CommandEntry {
  name: string;
  args: string;
  summary: string;
  load: () => Promise<Register>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'templates',
    args: '',
    summary: 'list the bundled questionnaire templates',
    load: async () => (await import('./templates.js')).registerTemplates,
  },
  {
    name: 'init',
    args: '[file]',
    summary: 'write a questionnaire YAML from a bundled template, or inferred from an export (--from)',
    load: async () => (await import('./init.js')).registerInit,
  },
  {
    name: 'validate',
    args: '<files...>',
    summary: 'validate questionnaire files; prints FILE:LINE:COL: message for every problem',
    load: async () => (await import('./validate.js')).registerValidate,
  },
  {
    name: 'audit',
    args: '<questionnaire>',
    summary: 'run an interactive audit in the terminal, saving every answer as it is given',
    load: async () => (await import('./audit.js')).registerAudit,
  },
  {
    name: 'score',
    args: '<questionnaire> <responses...>',
    summary: 'score one or more CSV response files against a questionnaire',
    load: async () => (await import('./score.js')).registerScore,
  },
  {
    name: 'map',
    args: '<export>',
    summary: "propose a questionnaire's source section for a survey platform's export",
    load: async () => (await import('./map.js')).registerMap,
  },
  {
    name: 'merge',
    args: '<questionnaire> <partials...>',
    summary: 'combine partial results (score --partial) into one report',
    load: async () => (await import('./merge.js')).registerMerge,
  },
  {
    name: 'sql',
    args: '<questionnaire>',
    summary: "print one SQL query computing a partial result's sums inside a warehouse (merge reads its result)",
    load: async () => (await import('./sql.js')).registerSql,
  },
  {
    name: 'report',
    args: '<result>',
    summary: 'render a saved JSON result in another format, without rescoring',
    load: async () => (await import('./report.js')).registerReport,
  },
  {
    name: 'check',
    args: '<questionnaire> <responses...>',
    summary: 'score, then test quality thresholds: exit 1 when any fails (for CI)',
    load: async () => (await import('./check.js')).registerCheck,
  },
  {
    name: 'compare',
    args: '<baseline> <current>',
    summary: 'what changed between two saved results, with significance (Welch t-tests)',
    load: async () => (await import('./compare.js')).registerCompare,
  },
  {
    name: 'trend',
    args: '<results...>',
    summary: 'overall, dimension and KPI values across saved results (waves), with significance',
    load: async () => (await import('./trend.js')).registerTrend,
  },
  {
    name: 'plan',
    args: '<result>',
    summary: 'respondents the next wave needs: for a margin of error, or to detect a change',
    load: async () => (await import('./plan.js')).registerPlan,
  },
];

/** The command a command line names: the first word that is not a global option. */
export function requestedCommand(argv: readonly string[]): string | undefined {
  const words = argv.filter((word) => !word.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}
