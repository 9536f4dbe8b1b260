import { fill } from '../text/fill.js';
import { plural } from '../text/plural.js';
import type { RecoveredJournal, Skipped } from './journal.js';
import type { AuditMessages } from './messages.js';

/**
 * Which interrupted interviews an audit may take over, decided from what is on disk: each journal
 * beside the responses file, whether another live audit holds its claim, and what it holds.
 */

export interface JournalFound {
  file: string;
  /** Another audit that is still running holds this interview. */
  live: boolean;
  recovered: RecoveredJournal;
}

export interface ResumePlan {
  /** Every question answered and marked complete: only the row is missing (or not yet confirmed). */
  finish: JournalFound[];
  /** Interrupted with answers kept: offered to the person running this audit. */
  offer: JournalFound[];
  /** Stopped before the first answer, nothing skipped: removed. */
  empty: JournalFound[];
  /** No answer kept, but lines were skipped: moved aside, never deleted. */
  unusable: JournalFound[];
}

/**
 * Sorts the journals found into what to finish, offer, remove or move aside; interviews that
 * another running audit holds are left alone. Offers come oldest first (by last answer).
 * @example planResume([{ file: 'r.csv.a.journal', live: true, recovered }]).offer // []
 */
export function planResume(found: readonly JournalFound[]): ResumePlan {
  const plan: ResumePlan = { finish: [], offer: [], empty: [], unusable: [] };
  for (const journal of found) {
    if (journal.live) continue;
    const { answers, completedAt, skipped } = journal.recovered;
    if (completedAt !== null) plan.finish.push(journal);
    else if (answers.size > 0) plan.offer.push(journal);
    else if (skipped.every((s) => s.reason.code === 'no-start' || s.reason.code === 'cut-off'))
      plan.empty.push(journal);
    else plan.unusable.push(journal);
  }
  plan.offer.sort((a, b) =>
    a.recovered.lastAt < b.recovered.lastAt ? -1 : a.recovered.lastAt > b.recovered.lastAt ? 1 : 0,
  );
  return plan;
}

/**
 * Data-derived text made safe for a terminal: control characters (C0, DEL, C1; ESC among them)
 * shown as \u escapes, so a journal cannot move the cursor or retitle the window.
 * @example shownText('a\u001b[2Jb') // 'a\\u001b[2Jb'
 */
export function shownText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The respondent an interrupted interview is about, for the offer: given in its start line, else
 * answered, else "?".
 * @example journalRespondent(recoverJournal(text, q)) // 'R0007'
 */
export function journalRespondent(recovered: RecoveredJournal): string {
  const typed = recovered.answers.get('respondent');
  return shownText(recovered.given.respondent ?? (typeof typed === 'string' ? typed : '?'));
}

/**
 * A heading and one line per skipped journal line, saying why, in the questionnaire's language.
 * @example describeSkipped('r.csv.x.journal', [{ line: 3, reason: { code: 'not-json' } }], m)
 *   // ['r.csv.x.journal: 1 journal line could not be used:', '  line 3: not a journal line']
 */
export function describeSkipped(file: string, skipped: readonly Skipped[], m: AuditMessages): string[] {
  if (skipped.length === 0) return [];
  const lines = [
    fill(m.journalSkipped, {
      file: shownText(file),
      count: String(skipped.length),
      lines: plural(skipped.length, 'journal line'),
    }),
  ];
  for (const { line, reason } of skipped) {
    const r = m.skipReasons;
    const text =
      reason.code === 'invalid'
        ? fill(r.invalid, { detail: shownText(reason.detail) })
        : reason.code === 'unknown-question'
          ? fill(r['unknown-question'], { key: shownText(reason.key) })
          : reason.code === 'bad-value'
            ? fill(r['bad-value'], { key: shownText(reason.key), detail: shownText(reason.detail) })
            : r[reason.code];
    lines.push(line > 0 ? `  ${fill(m.journalLine, { line: String(line) })}: ${text}` : `  ${text}`);
  }
  return lines;
}
