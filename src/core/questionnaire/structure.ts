import type { z } from 'zod';
import { didYouMean } from '../text/did-you-mean.js';
import { problem, type QuestionnaireProblem } from './problem.js';
import { questionnaireSchema } from './schema.js';

type Path = (string | number)[];

interface SchemaDef {
  type: string;
  shape?: Record<string, { def: SchemaDef }>;
  innerType?: { def: SchemaDef };
  element?: { def: SchemaDef };
}

/** The keys allowed in the object at `path` of the questionnaire schema (for "did you mean" hints). */
function allowedKeys(path: Path): string[] {
  let def: SchemaDef | undefined = (questionnaireSchema as unknown as { def: SchemaDef }).def;
  const unwrap = (d: SchemaDef | undefined): SchemaDef | undefined => {
    while (d && (d.type === 'optional' || d.type === 'nullable' || d.type === 'default')) d = d.innerType?.def;
    return d;
  };
  for (const part of path) {
    def = unwrap(def);
    if (!def) return [];
    if (typeof part === 'number') def = def.element?.def;
    else def = def.shape?.[part]?.def;
  }
  def = unwrap(def);
  return def?.shape ? Object.keys(def.shape) : [];
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  return String(value);
}

const typeNames: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  record: 'a mapping',
};

function lastKey(path: Path): string {
  const last = path[path.length - 1];
  return last === undefined ? 'document' : String(last);
}

/** One zod issue as positioned problems, worded for a person editing YAML. */
function issueToProblems(issue: z.core.$ZodIssue & { input?: unknown }): QuestionnaireProblem[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as Path;
  const name = lastKey(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const hint = didYouMean(key, allowedKeys(path));
        return problem('unknown-key', [...path, key], `unknown key "${key}"`, { at: 'key', ...(hint ? { hint } : {}) });
      });
    case 'invalid_type': {
      const expected = typeNames[issue.expected] ?? issue.expected;
      if (issue.input === undefined) {
        return [problem('missing-key', path.slice(0, -1), `missing required key "${name}"`, { at: 'value' })];
      }
      return [problem('wrong-type', path, `"${name}" must be ${expected}, found ${describeValue(issue.input)}`)];
    }
    case 'invalid_value': {
      if (issue.input === undefined) {
        return [problem('missing-key', path.slice(0, -1), `missing required key "${name}"`, { at: 'value' })];
      }
      const options = issue.values.map(String);
      const found = describeValue(issue.input);
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, options) : undefined;
      const expected = options.length === 1 ? options[0] : `one of ${options.join(', ')}`;
      return [problem('invalid-value', path, `"${name}" must be ${expected}, found ${found}`, hint ? { hint } : {})];
    }
    case 'too_small':
      // A number below its minimum carries its own message (a threshold outside its statistic's range).
      if (issue.origin === 'number')
        return [problem('invalid', path, `"${name}": ${issue.message}, found ${describeValue(issue.input)}`)];
      return [problem('empty', path, `"${name}" must not be empty`)];
    case 'too_big':
      if (issue.origin === 'number')
        return [problem('invalid', path, `"${name}": ${issue.message}, found ${describeValue(issue.input)}`)];
      return [problem('invalid', path, `"${name}": ${issue.message.toLowerCase()}`)];
    case 'invalid_format':
      return [problem('invalid-format', path, `"${name}": ${issue.message}, found ${describeValue(issue.input)}`)];
    default:
      return [problem('invalid', path, `"${name}": ${issue.message.toLowerCase()}`)];
  }
}

/** Checks the document's structure (keys, types, enums) against the schema. */
export function checkStructure(raw: unknown): QuestionnaireProblem[] {
  const result = questionnaireSchema.safeParse(raw, { reportInput: true });
  return result.success ? [] : result.error.issues.flatMap((issue) => issueToProblems(issue));
}
