import type { Result } from '../core/scoring/result.js';
import { terminalText } from '../core/text/safe-text.js';
import { checkOutput, writeFileAtomic } from '../io/atomic-write.js';
import type { ReportFormat } from '../render/formats.js';
import { renderReport } from '../render/report.js';
import { version } from '../version.js';
import type { CommandContext } from './context.js';

/** Prints the result's warnings on stderr (they are in the result too), data in them escaped. */
export function printWarnings(result: Result, ctx: CommandContext): void {
  for (const w of result.warnings) ctx.stderr.write(`warning: ${terminalText(w.message)}\n`);
}

/** Refuses outputs that could not be written (or are inputs) before the command does its work; `-` and none are stdout. */
export async function checkOutputs(outputs: readonly (string | undefined)[], inputs: readonly string[]): Promise<void> {
  for (const output of outputs) if (output !== undefined && output !== '-') await checkOutput(output, inputs);
}

/** Writes the report to --output (atomically, never over an input) or to stdout. */
export async function emitReport(
  text: string,
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

/** Renders the result in the asked format and prints or writes it (score, check, report, merge). */
export function reportResult(
  result: Result,
  options: { format: ReportFormat; output?: string | undefined },
  inputs: readonly string[],
  ctx: CommandContext,
): Promise<void> {
  // Colour only for a table on a terminal.
  const color = ctx.color && (options.output === undefined || options.output === '-');
  const text = renderReport(result, options.format, { color, generatedBy: `servqual ${version}` });
  return emitReport(text, options.output, inputs, ctx);
}
