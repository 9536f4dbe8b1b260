/**
 * Speeders (issue 15): a respondent whose export gives a duration shorter than
 * `source.speederSeconds` (default 2) per answer given. A fixed rate rather than a share of the
 * median duration: the median depends on everyone else, so a respondent could only be named after
 * every row was read (all durations and ids kept, or a second pass), and a shard could not decide
 * alone. Judged row by row, the count and the first ids merge across threads and partials exactly.
 */
import type { RespondentAnswers, ScoringLayout } from './respondent.js';

/** How many answers the respondent gave to the items (every asked kind: E and P count as two). */
export function answersGiven(a: RespondentAnswers, layout: ScoringLayout): number {
  let given = 0;
  for (const kind of layout.askedKinds) {
    const column = a[kind];
    for (let i = 0; i < layout.itemCount; i++) if (!Number.isNaN(column[i] as number)) given++;
  }
  return given;
}

/**
 * Whether `seconds` for `given` answers is under `perAnswer` seconds an answer. A blank or
 * non-numeric duration (NaN), a negative one, or no answers at all says nothing: not a speeder.
 * @example isSpeeder(30, 44, 2) // true: 30 s for 44 answers is under 88 s
 */
export function isSpeeder(seconds: number, given: number, perAnswer: number): boolean {
  return given > 0 && seconds >= 0 && seconds < perAnswer * given;
}
