/**
 * The one problem type: what is wrong with a user's input, as a value. The core returns problems
 * located in the terms it knows (a path in a YAML or JSON document, a line and column of a table);
 * the shell adds the file, turns paths into lines and prints them (`src/errors.ts`, the one edge).
 *
 * Every code a user can see is listed here, and `docs/errors.md` documents each one
 * (`test/unit/errors-doc.test.ts` checks both ways). Scripts match on codes, so a code, once
 * shipped, keeps its meaning.
 */

export const PROBLEM_CODES = [
  // Questionnaires: the YAML, its structure (zod), and the rules across it.
  'yaml-syntax',
  'unknown-key',
  'missing-key',
  'wrong-type',
  'invalid-value',
  'empty',
  'invalid-format',
  'invalid',
  'missing-dimension',
  'no-dimensions',
  'empty-dimension',
  'duplicate-id',
  'duplicate-label',
  'shared-column',
  'missing-statement',
  'scale-order',
  'label-off-scale',
  'numeric-label',
  'weights-sum',
  'negative-weight',
  'unknown-dimension',
  'nps-scale',
  'unknown-reference',
  'column-pattern',
  'empty-filter',
  'source-column-target',
  'source-kind',
  'source-columns-unused',
  'duplicate-source-column',
  // Response files and exports.
  'empty-file',
  'no-rows',
  'missing-column',
  'invalid-cell',
  'csv-syntax',
  'ambiguous-column',
  'not-utf8',
  'not-in-encoding',
  'unknown-encoding',
  'file-too-large',
  'too-many-segments',
  'short-header',
  'unmapped-answer',
  'wrong-source',
  'long-format',
  'unmatchable-export',
  // Workbooks and SPSS files.
  'not-a-workbook',
  'encrypted-workbook',
  'corrupt-workbook',
  'unknown-sheet',
  'corrupt-sav',
  // `init --from`: a questionnaire inferred from an export.
  'no-answer-columns',
  'unplaced-items',
  'items-spec',
  // Output files.
  'no-directory',
  'output-is-input',
  'file-exists',
  'file-write',
  'output-dangling-link',
  'output-special',
  // Saved results and partials.
  'json-syntax',
  'json-too-deep',
  'schema-version',
  'not-a-result',
  'invalid-result',
  'incomparable',
  'not-a-partial',
  'partial-version',
  'invalid-partial',
  'questionnaire-mismatch',
  'partial-grouping',
  'invalid-sql-export',
  // Commands: flags, templates, the interactive audit.
  'usage',
  'unknown-threshold-target',
  'unknown-template',
  'unknown-template-language',
  'no-terminal',
  'header-mismatch',
  'locked',
  'unknown-group',
  // Choosing respondents: --exclude.
  'exclude-file',
] as const;

/**
 * A file that cannot be read or written, by its errno: `file-enoent`, `file-enospc`, `file-eisdir`...
 * (the errno in lower case; the family is documented as one row of docs/errors.md).
 */
export type FileErrnoCode = `file-e${Lowercase<string>}`;

export type ProblemCode = (typeof PROBLEM_CODES)[number] | FileErrnoCode;

export interface Problem {
  code: ProblemCode;
  /** Lower case, one line; quotes data as it is (the shell makes it safe to print). */
  message: string;
  hint?: string;
  /** Where in a YAML or JSON document: keys and list indexes from the root. */
  path?: readonly (string | number)[];
  /** Where in a table: the 1-based line (a CSV record's first line)... */
  line?: number;
  /** ...and the column: a 1-based number, or a CSV column's header name. */
  column?: number | string;
}

/** The `errno` of a failed file operation as its problem code: ENOSPC -> `file-enospc`. */
export function fileErrnoCode(errno: string): FileErrnoCode {
  return `file-${errno.toLowerCase()}` as FileErrnoCode;
}
