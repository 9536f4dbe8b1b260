import { fill } from '../text/fill.js';
import { plural } from '../text/plural.js';
import { questionnaireFingerprint, type JournalStart } from './journal.js';
import type { AuditMessages } from './messages.js';
import { describeSkipped, journalRespondent, shownText, type JournalFound } from './resume.js';
import type { AnswerValue, AuditGiven } from './steps.js';
import type { Questionnaire } from '../questionnaire/model.js';

/**
 * What an audit says and decides about interviews left by earlier runs, as values: the shell
 * (commands/audit.ts) claims, moves and removes the journal files and prints these texts.
 */

/**
 * The suffix a journal gets when it is moved aside (never deleted): why, then when, with the
 * characters a file name may not hold replaced.
 * @example asideSuffix('damaged', '2024-05-01T10:00:00.000Z') // 'damaged-2024-05-01T10-00-00-000Z'
 */
export function asideSuffix(why: 'discarded' | 'damaged', now: string): string {
  return `${why}-${now.replace(/[:.]/g, '-')}`;
}

/**
 * A compact listing of saved answers, one line per question, for the resume offer.
 * @example describeSaved(new Map([['item:T1:expectation', 6]]), m) // ['  T1 expectation: 6']
 */
export function describeSaved(answers: ReadonlyMap<string, AnswerValue>, m: AuditMessages): string[] {
  const lines: string[] = [];
  for (const [key, value] of answers) {
    const shown =
      value === null
        ? m.skipped
        : typeof value === 'object'
          ? Object.entries(value)
              .map(([d, w]) => `${d} ${w}`)
              .join(', ')
          : String(value);
    lines.push(`  ${shownText(key.replace(/^item:/, '').replace(/:/g, ' '))}: ${shownText(shown)}`);
  }
  return lines;
}

/**
 * What could not be used of a journal, and whether the questionnaire changed, for stderr; empty
 * when everything was used.
 */
export function recoveryLines(found: JournalFound, m: AuditMessages): string[] {
  const lines = describeSkipped(found.file, found.recovered.skipped, m);
  if (found.recovered.questionnaireChanged) lines.unshift(m.questionnaireChanged);
  return lines;
}

/** The offer of one interrupted interview: who, how many answers, when, then the answers saved. */
export function singleOfferText(found: JournalFound, m: AuditMessages): string {
  const { recovered } = found;
  const head = fill(m.resumeFound, {
    respondent: journalRespondent(recovered),
    answered: String(recovered.answers.size),
    at: shownText(recovered.lastAt),
  });
  return `${head}\n${m.resumeSaved}\n${describeSaved(recovered.answers, m).join('\n')}\n`;
}

/** The question and choices when several interrupted interviews are on offer (values are indices). */
export function offerChoices(
  offer: readonly JournalFound[],
  m: AuditMessages,
): { message: string; choices: { name: string; value: string }[] } {
  const choices = offer.map((found, index) => ({
    name: fill(m.resumeChoice, {
      respondent: journalRespondent(found.recovered),
      answered: String(found.recovered.answers.size),
      answers: plural(found.recovered.answers.size, 'answer'),
      at: shownText(found.recovered.lastAt),
    }),
    value: String(index),
  }));
  return {
    message: fill(m.resumeWhich, { count: String(offer.length) }),
    choices: [...choices, { name: m.resumeNone, value: 'none' }],
  };
}

/**
 * The respondent ids other interviews have (running or interrupted): not offered as the default id.
 */
export function idsInJournals(found: readonly JournalFound[]): string[] {
  const ids: string[] = [];
  for (const other of found) {
    const id = other.recovered.given.respondent ?? other.recovered.answers.get('respondent');
    if (typeof id === 'string') ids.push(id);
  }
  return ids;
}

/** The first line of a new interview's journal. */
export function startEntry(q: Questionnaire, interview: string, given: AuditGiven, startedAt: string): JournalStart {
  return {
    type: 'start',
    version: 1,
    interview,
    questionnaire: q.title,
    fingerprint: questionnaireFingerprint(q),
    ...(given.respondent !== undefined ? { respondent: given.respondent } : {}),
    segments: given.segments,
    startedAt,
  };
}

/** Where the audit stood when Ctrl-C stopped it. */
export interface PausedAt {
  /** The interview being answered, if any: its journal and how many answers it holds. */
  current: { journal: string; answered: number } | null;
  /** The interrupted interviews on offer while the person was deciding. */
  offered: readonly JournalFound[];
  /** The responses file. */
  out: string;
}

/**
 * What Ctrl-C leaves behind: the answers kept in the interview's journal (or in the one interview
 * on offer), several interviews to resume, or only finished respondents.
 */
export function pausedMessage(at: PausedAt, m: AuditMessages): string {
  if (at.current && at.current.answered > 0)
    return fill(m.cancelled, { answered: String(at.current.answered), journal: at.current.journal });
  const [one, ...more] = at.offered;
  if (one && more.length === 0)
    return fill(m.cancelled, { answered: String(one.recovered.answers.size), journal: one.file });
  if (one) return fill(m.pausedMany, { count: String(at.offered.length), file: at.out });
  return fill(m.stopped, { file: at.out });
}

/**
 * What to do with an interview when the audit stops, whatever stopped it: one with answers is
 * released (to be resumed at once, here or elsewhere); one stopped before its first answer holds
 * nothing to resume and is removed.
 */
export function onStop(answered: number): 'release' | 'remove' {
  return answered === 0 ? 'remove' : 'release';
}
