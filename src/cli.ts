import { terminalText } from './core/text/safe-text.js';
import { Command, CommanderError, Option } from 'commander';
import { version } from './version.js';
import { formatDiagnostic, UserError, EXIT, CancelledError } from './errors.js';
import type { CommandContext } from './commands/context.js';
import { COMMANDS, requestedCommand } from './commands/catalog.js';
import { fileError } from './io/read-text.js';

export type Register = (program: Command, ctx: CommandContext, setExit: (code: number) => void) => void;

function colorWanted(argv: readonly string[], ctx: Omit<CommandContext, 'color'>): boolean {
  if (argv.includes('--no-color')) return false;
  if (ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== '') return false;
  if (ctx.env.FORCE_COLOR !== undefined && ctx.env.FORCE_COLOR !== '0') return true;
  return ctx.stdout.isTTY === true;
}

let guarded = false;
let streamFailed = false;

/**
 * The process's own stdout and stderr report a failed write as an 'error' event, which would crash
 * with a stack trace. A reader that went away (`servqual score ... | head -1`: EPIPE) has nobody to
 * tell: the rest of the output is dropped and the command ends with its own exit code (its
 * --output and --junit files are still written). Any other failure of stdout (`> /dev/full`), where
 * the report itself is lost, is one line and exit 2, also when it is noticed after `run` returned.
 * stderr has nowhere to complain to: its failures are dropped and the exit code stands.
 */
function guardProcessStreams(): void {
  if (guarded) return;
  guarded = true;
  process.stderr.on('error', () => undefined);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    streamFailed = true;
    process.exitCode = EXIT.badInput;
    const known = fileError(error, '<stdout>');
    process.stderr.write(`${known instanceof UserError ? known.message : `<stdout>: ${error.message}`}\n`);
  });
}

/**
 * Runs the CLI with the given arguments and returns the exit code. The one place that turns errors
 * into text and exit codes.
 */
export async function run(argv: readonly string[], io: Partial<Omit<CommandContext, 'color'>> = {}): Promise<number> {
  if (io.stdout === undefined || io.stderr === undefined) guardProcessStreams();
  const base = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    stdin: io.stdin ?? process.stdin,
    env: io.env ?? process.env,
  };
  const ctx: CommandContext = { ...base, color: colorWanted(argv, base) };
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };

  const program = new Command('servqual')
    .description('Service-quality audits on the SERVQUAL model: score gaps between expectations and perceptions.')
    .version(version, '-V, --version')
    .addOption(new Option('--no-color', 'never colour the output'))
    .addOption(new Option('--debug', 'print the stack of internal errors'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    });

  const wanted = requestedCommand(argv);
  for (const entry of COMMANDS) {
    if (entry.name === wanted) (await entry.load())(program, ctx, setExit);
    // The others only need to be listed by --help, and named in "unknown command" hints.
    else {
      const listed = program.command(entry.name).summary(entry.summary);
      if (entry.args) listed.arguments(entry.args);
    }
  }
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    });
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return streamFailed ? EXIT.badInput : exitCode;
  } catch (error) {
    return reportError(error, ctx, argv.includes('--debug'));
  }
}

function reportError(error: unknown, ctx: CommandContext, debug: boolean): number {
  if (error instanceof CommanderError) {
    const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
    if (quiet.includes(error.code)) return EXIT.ok;
    // commander has already printed its message through configureOutput
    return EXIT.badInput;
  }
  if (error instanceof UserError) {
    for (const diagnostic of error.diagnostics) ctx.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    for (const line of error.trailer) ctx.stderr.write(`${line}\n`);
    return error.exitCode;
  }
  if (error instanceof CancelledError) {
    ctx.stderr.write(`${error.message}\n`);
    return error.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  // A bug's message may quote data (a file name): made safe like every other message.
  ctx.stderr.write(`servqual: internal error: ${terminalText(err.message)}\n`);
  ctx.stderr.write(
    debug
      ? `${(err.stack ?? '').split('\n').map(terminalText).join('\n')}\n`
      : 'this is a bug; run again with --debug for the details\n',
  );
  return EXIT.internal;
}
