import type { Result } from '../core/scoring/result.js';
import { UserError } from '../errors.js';
import { parseJsonText } from './read-json.js';
import { readTextFile } from './read-text.js';

const REQUIRED = ['questionnaire', 'respondents', 'overall', 'dimensions', 'items', 'kpis', 'recommendations', 'warnings'] as const;

/**
 * Reads a saved JSON result (from `score --format json`), refusing anything that is not a
 * schemaVersion 1 result with a message that says what was found.
 */
export async function readResult(file: string): Promise<Result> {
  const text = await readTextFile(file);
  const value = parseJsonText(text, file);
  const result = value as Partial<Result> & { schemaVersion?: unknown };
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    throw new UserError({ code: 'not-a-result', file, line: 1, column: 1, message: 'expected a servqual JSON result (an object), found something else' });
  }
  if (result.schemaVersion !== 1) {
    throw new UserError({
      code: 'schema-version',
      file,
      message: `unknown schemaVersion ${JSON.stringify(result.schemaVersion)}: this servqual reads schemaVersion 1 results`,
      hint: 'rescore the responses with this version: servqual score QUESTIONNAIRE RESPONSES --format json',
    });
  }
  const missing = REQUIRED.filter((key) => result[key] === undefined);
  if (missing.length > 0) {
    throw new UserError({ code: 'not-a-result', file, message: `not a servqual result: missing ${missing.map((k) => `"${k}"`).join(', ')}` });
  }
  // Results written by other tools may lack the lists this version adds.
  const segments = (result.segments ?? []).map((s) => ({ ...s, items: s.items ?? [], kpis: s.kpis ?? [] }));
  return { ...(result as Result), segments, checks: result.checks ?? [] };
}
