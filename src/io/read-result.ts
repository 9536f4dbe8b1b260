import { checkResult, formatResultPath } from '../core/scoring/result-schema.js';
import type { Result } from '../core/scoring/result.js';
import { UserError, type Diagnostic } from '../errors.js';
import { locate, locateAll, parseJsonText } from './read-json.js';
import { readTextFile } from './read-text.js';

/** At most this many problems of one damaged result are listed, then a count. */
const MAX_LISTED = 20;

const RESCORE = 'rescore the responses with this version: servqual score QUESTIONNAIRE RESPONSES --format json';

/**
 * Reads a saved JSON result (from `score --format json`, `check --format json` or `merge`) and
 * validates it whole against the result schema, so renderers and `compare` only ever see a
 * checked result. Every problem is located as `FILE:LINE:COL: $.path: message`.
 */
export async function readResult(file: string): Promise<Result> {
  const text = await readTextFile(file);
  const value = parseJsonText(text, file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError({
      code: 'not-a-result',
      file,
      line: 1,
      column: 1,
      message: 'expected a servqual JSON result (an object), found something else',
      hint: RESCORE,
    });
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version !== 1) {
    const found =
      version === undefined
        ? 'no schemaVersion'
        : typeof version === 'number' && Number.isFinite(version)
          ? `schemaVersion ${version}`
          : 'a schemaVersion that is not a number';
    const partial = (value as { kind?: unknown }).kind === 'servqual-partial';
    throw new UserError({
      code: version === undefined ? 'not-a-result' : 'schema-version',
      file,
      ...(locate(text, ['schemaVersion']) ?? {}),
      message: `not a servqual result this version reads: ${found}, expected schemaVersion 1${partial ? ' (this is a partial result: give it to `servqual merge`)' : ''}`,
      hint: partial ? 'servqual merge QUESTIONNAIRE PARTIALS... --format json --output result.json' : RESCORE,
    });
  }
  const { result, problems } = checkResult(value);
  if (result) return result;
  const listed = problems.slice(0, MAX_LISTED);
  const places = locateAll(
    text,
    listed.map((p) => p.path),
  );
  const diagnostics = listed.map(
    (p, i): Diagnostic => ({
      code: 'invalid-result',
      file,
      ...(places[i] ?? {}),
      message: `${formatResultPath(p.path)}: ${p.message}`,
    }),
  );
  const more = problems.length - diagnostics.length;
  throw new UserError(
    diagnostics,
    more > 0 ? { trailer: [`... and ${more} more problems (${problems.length} in all)`] } : {},
  );
}
