import { warningText } from '../render/warning-text.js';
import type { Result } from '../core/scoring/result.js';
import { terminalText } from '../core/text/safe-text.js';
import { checkOutput, writeFileAtomic } from '../io/atomic-write.js';
import { findChromium, printPdf } from '../io/chromium.js';
import { UserError } from '../errors.js';
import { isBinaryFormat, type ReportFormat } from '../render/formats.js';
import { renderBinaryReport, renderReport } from '../render/report.js';
import { version } from '../version.js';
import type { CommandContext } from './context.js';
import { today } from './run-date.js';

/**
 * Prints the result's warnings on stderr (they are in the result too), data in them escaped. When
 * the table report goes to a terminal and stderr is a terminal too (the same screen, as far as a
 * program can tell), the report's Warnings section shows them and stderr gets one line: each
 * warning is read once (issue 15, decisions.md).
 */
export function printWarnings(
  result: Result,
  ctx: CommandContext,
  report: { format?: ReportFormat | undefined; output?: string | undefined; partial?: boolean | undefined },
): void {
  if (result.warnings.length === 0) return;
  const onScreen =
    report.partial !== true &&
    report.format === 'table' &&
    (report.output === undefined || report.output === '-') &&
    ctx.stdout.isTTY === true &&
    ctx.stderr.isTTY === true;
  if (onScreen) {
    const n = result.warnings.length;
    ctx.stderr.write(
      `warning: ${n} data-quality ${n === 1 ? 'warning' : 'warnings'}, listed under Warnings at the end of the report\n`,
    );
    return;
  }
  // Worded in the report's language, as the report's Warnings section words them; the `warning:`
  // prefix stays, so a CI log is searched the same way for every questionnaire.
  const language = result.questionnaire.language;
  for (const w of result.warnings) ctx.stderr.write(`warning: ${terminalText(warningText(w, language))}\n`);
}

/** Refuses outputs that could not be written (or are inputs) before the command does its work; `-` and none are stdout. */
export async function checkOutputs(outputs: readonly (string | undefined)[], inputs: readonly string[]): Promise<void> {
  for (const output of outputs) if (output !== undefined && output !== '-') await checkOutput(output, inputs);
}

/**
 * Refuses, before any work, to print a binary format (a workbook) to a terminal, where it would
 * be noise: it goes to --output, or to stdout only when that is a pipe or a file (`> report.xlsx`).
 */
export function checkTerminalOutput(format: ReportFormat, output: string | undefined, ctx: CommandContext): void {
  if (!isBinaryFormat(format) || (output !== undefined && output !== '-') || ctx.stdout.isTTY !== true) return;
  throw new UserError({
    code: 'usage',
    message: `--format ${format} is a binary file and is not printed to a terminal`,
    hint: `write it to a file: --output report.${format} (or redirect stdout: > report.${format})`,
  });
}

/** Writes the report to --output (atomically, never over an input) or to stdout; a binary format as bytes. */
export async function emitReport(
  text: string | Uint8Array,
  output: string | undefined,
  inputs: readonly string[],
  ctx: CommandContext,
): Promise<void> {
  if (output === undefined || output === '-') {
    ctx.stdout.write(text);
    return;
  }
  await writeFileAtomic(output, text, { inputs });
  ctx.stderr.write(`wrote ${output}\n`);
}

/** `--chromium <path>`: the browser that prints `--format pdf` (score, check, report, merge). */
export const CHROMIUM_FLAG = '--chromium <path>';
export const CHROMIUM_HELP =
  'the Chrome or Chromium that prints --format pdf (default: SERVQUAL_CHROMIUM, CHROMIUM_PATH, then the usual install paths)';

/**
 * Refuses `--format pdf` without a Chromium before any work (scoring a large file first and failing
 * after would waste the user's time); the search is repeated when printing, which costs a stat.
 */
export function checkPrinter(options: { format: ReportFormat; chromium?: string | undefined }, ctx: CommandContext) {
  if (options.format === 'pdf') findChromium({ flag: options.chromium, env: ctx.env });
}

/** The HTML report printed to PDF by the system's Chromium (printPdf loads playwright-core lazily). */
function renderPdf(
  result: Result,
  chromium: string | undefined,
  options: { generatedBy: string; date: string },
  ctx: CommandContext,
) {
  const executable = findChromium({ flag: chromium, env: ctx.env });
  return printPdf(renderReport(result, 'html', { color: false, ...options }), executable);
}

/** Renders the result in the asked format and prints or writes it (score, check, report, merge). */
export async function reportResult(
  result: Result,
  options: {
    format: ReportFormat;
    output?: string | undefined;
    chromium?: string | undefined;
    date?: string | undefined;
  },
  inputs: readonly string[],
  ctx: CommandContext,
): Promise<void> {
  const generatedBy = `servqual ${version}`;
  // The date a human report shows: --date, else the one the result was scored with, else today.
  const date = options.date ?? result.run?.date ?? today();
  const { format } = options;
  if (format === 'pdf') {
    checkTerminalOutput(format, options.output, ctx);
    return emitReport(
      await renderPdf(result, options.chromium, { generatedBy, date }, ctx),
      options.output,
      inputs,
      ctx,
    );
  }
  if (isBinaryFormat(format)) {
    checkTerminalOutput(format, options.output, ctx);
    return emitReport(await renderBinaryReport(result, format, { generatedBy, date }), options.output, inputs, ctx);
  }
  // Colour only for a table on a terminal.
  const color = ctx.color && (options.output === undefined || options.output === '-');
  return emitReport(renderReport(result, format, { color, generatedBy, date }), options.output, inputs, ctx);
}
