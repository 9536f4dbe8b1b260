import type { Diagnostic } from '../errors.js';

/** A plain decimal, as a user types a number on the command line (`0.05`, `.5`, `1e-3`, `-2`). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A flag's text as a number when it is a plain decimal (spaces around allowed), else NaN (`0x10`, `Infinity`, ''). */
export function decimalFlag(text: string): number {
  return DECIMAL.test(text.trim()) ? Number(text) : Number.NaN;
}

/** `--alpha` as a significance level in (0, 1), and the usage problem when it is not one. */
export function alphaFlag(text: string): { alpha: number; problem: Diagnostic | null } {
  const alpha = decimalFlag(text);
  if (alpha > 0 && alpha < 1) return { alpha, problem: null };
  return {
    alpha,
    problem: {
      code: 'usage',
      message: `--alpha must be a number between 0 and 1 (exclusive), got "${text}"`,
      hint: 'e.g. --alpha 0.05',
    },
  };
}
