import { checkResult, formatResultPath } from '../core/scoring/result-schema.js';
import type { Result } from '../core/scoring/result.js';
import { type Diagnostic, problemsError, UserError } from '../errors.js';
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
  const located = problems.map((p) => ({
    code: 'invalid-result' as const,
    path: p.path,
    message: `${formatResultPath(p.path)}: ${p.message}`,
  }));
  const places = locateAll(
    text,
    located.slice(0, MAX_LISTED).map((p) => p.path),
  );
  throw problemsError(located, { file, places, max: MAX_LISTED });
}

/** Reads every result, reporting the problems of all the files at once (`compare`, `trend`). */
export async function readResults(files: readonly string[]): Promise<Result[]> {
  const settled = await Promise.allSettled(files.map((f) => readResult(f)));
  const diagnostics: Diagnostic[] = [];
  const results: Result[] = [];
  for (const s of settled) {
    if (s.status === 'fulfilled') results.push(s.value);
    else if (s.reason instanceof UserError) diagnostics.push(...s.reason.diagnostics);
    else throw s.reason;
  }
  if (diagnostics.length > 0) throw new UserError(diagnostics);
  return results;
}
