import type { Problem } from './core/problem.js';
import { terminalText } from './core/text/safe-text.js';

/**
 * The one error type for user errors. A `UserError` holds one or more diagnostics, each printed on
 * its own line as `file:line:col: message` (GNU style), followed by an optional hint line.
 */

/** A problem as printed: the core's `Problem` with its file, its document path already turned into a line. */
export interface Diagnostic extends Omit<Problem, 'path'> {
  file?: string;
}

export const EXIT = { ok: 0, thresholdFailed: 1, badInput: 2, internal: 3, cancelled: 130 } as const;

export class UserError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: number;
  /** Lines printed after the diagnostics, e.g. "... and 40 more invalid cells". */
  readonly trailer: string[];

  constructor(diagnostics: Diagnostic | Diagnostic[], options: { exitCode?: number; trailer?: string[] } = {}) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics];
    super(list.map(formatDiagnostic).join('\n'));
    this.name = 'UserError';
    this.diagnostics = list;
    this.exitCode = options.exitCode ?? EXIT.badInput;
    this.trailer = (options.trailer ?? []).map(terminalText);
  }

  get code(): Problem['code'] {
    // A UserError is always made with at least one diagnostic; 'usage' only keeps the type total.
    return this.diagnostics[0]?.code ?? 'usage';
  }
}

/** Where a problem lands in its file: a line and column, or nothing when the reader cannot tell. */
type Place = { line: number; column?: number | string } | null | undefined;

/** The problem as printed: its file added, its document path replaced by the place found for it. */
export function diagnosticOf(problem: Problem, file?: string, place?: Place): Diagnostic {
  const { code, message, hint, line, column } = problem;
  return {
    code,
    ...(file !== undefined ? { file } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
    ...(place ?? {}),
    message,
    ...(hint ? { hint } : {}),
  };
}

/**
 * The one edge from the core's problems to the error a command throws: at most `max` problems
 * (default 20) of `total` (default all) listed, each with its file and place, then
 * `... and N more <noun> (T in all)` and any trailing lines (a hint for the whole list).
 */
export function problemsError<P extends Problem>(
  problems: readonly P[],
  options: {
    /** The file every problem is in, or each one's own (cells of several response files). */
    file?: string | ((problem: P) => string);
    places?: readonly Place[];
    total?: number;
    noun?: string;
    max?: number;
    trailer?: string[];
  } = {},
): UserError {
  const max = options.max ?? 20;
  const total = options.total ?? problems.length;
  const listed = problems.slice(0, max);
  const more = total - listed.length;
  const trailer = more > 0 ? [`... and ${more} more ${options.noun ?? 'problems'} (${total} in all)`] : [];
  return new UserError(
    listed.map((p, i) =>
      diagnosticOf(p, typeof options.file === 'function' ? options.file(p) : options.file, options.places?.[i]),
    ),
    { trailer: [...trailer, ...(options.trailer ?? [])] },
  );
}

/** `file:line:col: message`, with as much of the location as is known. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line, d.column].filter((part) => part !== undefined && part !== '').join(':');
  // Messages and hints quote data (cells, ids, file names): no control character or workflow command gets through.
  const message = terminalText(d.message);
  const head = where ? `${terminalText(where)}: ${message}` : message;
  return d.hint ? `${head}\n  hint: ${terminalText(d.hint)}` : head;
}

/** Thrown when a person cancels an interactive prompt (Ctrl-C). */
export class CancelledError extends Error {
  readonly exitCode = EXIT.cancelled;
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}
