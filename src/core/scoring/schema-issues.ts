import type { z } from 'zod';

/** zod issues as one-line problems at JSON paths, shared by the saved result and partial schemas. */

/** A problem at its path in a JSON document. */
export interface SchemaProblem {
  path: (string | number)[];
  message: string;
}

/** What a value is, for a message: `a string`, `null`, `a list of 3`, `an object`. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'number')
    return Number.isFinite(value) ? `the number ${value}` : 'a number beyond the range of a double';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return `${value}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A bound as people write it: 1e+15 rather than fifteen zeros. */
const bound = (x: unknown): string => (typeof x === 'number' && Math.abs(x) >= 1e6 ? x.toExponential() : String(x));

const EXPECTED: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  tuple: 'a list',
  record: 'an object',
  null: 'null',
};

/** One zod issue as a one-line message; data from the file is described, never quoted whole. */
function issueMessage(issue: z.core.$ZodIssue & { input?: unknown; received?: unknown }): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = Object.hasOwn(EXPECTED, issue.expected) ? EXPECTED[issue.expected] : issue.expected;
      if (issue.received === 'Infinity') return `expected ${expected}, found a number beyond the range of a double`;
      if (issue.input === undefined) return 'missing';
      return `expected ${expected}, found ${describe(issue.input)}`;
    }
    case 'invalid_value': {
      if (issue.input === undefined) return 'missing';
      const options = issue.values.map((v) => JSON.stringify(v));
      return `expected ${options.length === 1 ? options[0] : `one of ${options.join(', ')}`}, found ${describe(issue.input)}`;
    }
    case 'too_big':
      return issue.origin === 'array'
        ? `a list longer than ${String(issue.maximum)} entries`
        : `expected a number at most ${bound(issue.maximum)}, found ${describe(issue.input)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `expected at least ${String(issue.minimum)} entries`
        : `expected a number at least ${bound(issue.minimum)}, found ${describe(issue.input)}`;
    case 'invalid_union':
      return `expected finite numbers, lists or objects of them, found ${describe(issue.input)}`;
    case 'custom':
      return issue.message;
    default:
      return issue.message.toLowerCase();
  }
}

type Issue = z.core.$ZodIssue & { input?: unknown; received?: unknown; errors?: z.core.$ZodIssue[][] };

const deepest = (issues: readonly z.core.$ZodIssue[]) => Math.max(0, ...issues.map((i) => i.path.length));

/**
 * Every issue as a problem: a missing key at its object, naming the key; an unknown key at the
 * key; a value that fits no option of a union by the option it came closest to fitting (the one
 * whose problems lie deepest), so the message points inside it rather than at the whole value.
 */
export function issueProblems(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): SchemaProblem[] {
  return issues.flatMap((raw): SchemaProblem[] => {
    const issue = raw as Issue;
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown key' }));
    if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, option) => (deepest(option) > deepest(best) ? option : best));
      if (deepest(closest) > 0) return issueProblems(closest, path);
    }
    const message = issueMessage(issue);
    if (message === 'missing')
      return [{ path: path.slice(0, -1), message: `missing key ${JSON.stringify(String(path[path.length - 1]))}` }];
    return [{ path, message }];
  });
}
