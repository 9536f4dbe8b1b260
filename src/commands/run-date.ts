import { InvalidArgumentError } from 'commander';

/** `--date YYYY-MM-DD`, shared by score, check and report. */
export const DATE_FLAG = '--date <YYYY-MM-DD>';
export const DATE_HELP =
  'the date of scoring shown on the report and written to the JSON result (default: today in reports, none in JSON)';

/**
 * A `--date` value: a real calendar date (2026-02-30 is refused), else a usage error (exit 2).
 * @example parseRunDate('2026-12-05') // '2026-12-05'
 */
export function parseRunDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day)
      return value.trim();
  }
  throw new InvalidArgumentError('expected a calendar date as YYYY-MM-DD, e.g. 2026-12-05');
}

/** Today's date (UTC) as YYYY-MM-DD: the shell's clock, read here so renderers never read it. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
