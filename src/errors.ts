import { terminalText } from './core/text/safe-text.js';

/**
 * The one error type for user errors. A `UserError` holds one or more diagnostics, each printed on
 * its own line as `file:line:col: message` (GNU style), followed by an optional hint line.
 */

export interface Diagnostic {
  code: string;
  message: string;
  file?: string;
  line?: number;
  /** A column number, or a CSV column's header name. */
  column?: number | string;
  hint?: string;
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

  get code(): string {
    return this.diagnostics[0]?.code ?? 'user-error';
  }
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
