import type { Problem } from '../core/problem.js';
import type { ScoringState } from '../core/scoring/scorer.js';
import { parseExcludeList, type ExcludeList } from '../core/scoring/selection.js';
import { problemsError, type UserError } from '../errors.js';
import { readTextFile } from './read-text.js';

/** An exclude list is ids typed or pasted by a person: far below this. */
const MAX_EXCLUDE_BYTES = 64 * 1024 * 1024;

/**
 * Reads `--exclude FILE`: one respondent id (or row number) per line, `#` comments and blank lines
 * skipped, a CSV's first field (see `parseExcludeList`). A missing file is `file-enoent`.
 * @example await readExcludeList('drop.txt', ['respondent']) // { file: 'drop.txt', entries: [...] }
 */
export async function readExcludeList(file: string, respondentColumns: readonly string[]): Promise<ExcludeList> {
  const text = await readTextFile(file, MAX_EXCLUDE_BYTES);
  return { file, entries: parseExcludeList(text, respondentColumns) };
}

/** The problems of an exclude list found when a table is planned, as one error at the exclude file's lines. */
export function selectionError(state: ScoringState, problems: readonly Problem[]): UserError {
  return problemsError(problems, { file: state.options.selection?.exclude?.file ?? '--exclude' });
}
