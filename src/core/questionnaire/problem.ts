import type { Problem, ProblemCode } from '../problem.js';

/** A problem found in a questionnaire, located by its path in the document (the shell turns paths into lines). */
export interface QuestionnaireProblem extends Problem {
  path: (string | number)[];
  /** `key` points at the key of the last path segment, `value` at its value. */
  at: 'key' | 'value';
}

export function problem(
  code: ProblemCode,
  path: (string | number)[],
  message: string,
  options: { at?: 'key' | 'value'; hint?: string } = {},
): QuestionnaireProblem {
  return { code, path, at: options.at ?? 'value', message, ...(options.hint ? { hint: options.hint } : {}) };
}

/** `dimensions[2].items[0].id`, for messages. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}
