import { describe, expect, it } from 'vitest';
import { questionnaireFingerprint, recoverJournal, type JournalEntry } from '../../../src/core/audit/journal.js';
import { auditMessages } from '../../../src/core/audit/messages.js';
import {
  asideSuffix,
  describeSaved,
  idsInJournals,
  offerChoices,
  onStop,
  pausedMessage,
  recoveryLines,
  singleOfferText,
  startEntry,
} from '../../../src/core/audit/recovery.js';
import type { JournalFound } from '../../../src/core/audit/resume.js';
import { questionnaire } from './support.js';

const q = questionnaire();
const m = auditMessages('en');
const start = (respondent?: string): JournalEntry => ({
  type: 'start',
  version: 1,
  interview: 'i1',
  questionnaire: 'T',
  fingerprint: questionnaireFingerprint(q),
  ...(respondent !== undefined ? { respondent } : {}),
  segments: {},
  startedAt: 't0',
});
const answer = (key: string, value: unknown, at: string) => JSON.stringify({ type: 'answer', key, value, at });

/** A journal found beside r.csv, recovered from these lines. */
function found(file: string, ...lines: string[]): JournalFound {
  return { file, live: false, recovered: recoverJournal(`${lines.join('\n')}\n`, q) };
}

const two = found(
  'r.csv.a.journal',
  JSON.stringify(start()),
  answer('respondent', 'R7', '2024-05-01T10:00:00Z'),
  answer('item:I0:expectation', 6, '2024-05-01T10:01:00Z'),
);
const one = found('r.csv.b.journal', JSON.stringify(start('R9')), answer('comment', null, '2024-05-01T11:00:00Z'));

describe('asideSuffix', () => {
  it('names why and when, with the colons and dots of the time replaced', () => {
    expect(asideSuffix('damaged', '2024-05-01T10:00:00.123Z')).toBe('damaged-2024-05-01T10-00-00-123Z');
    expect(asideSuffix('discarded', '2024-05-01T10:00:00.123Z')).toBe('discarded-2024-05-01T10-00-00-123Z');
  });
});

describe('describeSaved', () => {
  it('lists each answer as "question: value", skipped and weights in words, control characters escaped', () => {
    const answers = new Map<string, unknown>([
      ['respondent', 'R\u001b1'],
      ['item:I0:expectation', 6],
      ['comment', null],
      ['weights', { tangibles: 60, empathy: 40 }],
    ]);
    expect(describeSaved(answers as Parameters<typeof describeSaved>[0], m)).toEqual([
      '  respondent: R\\u001b1',
      '  I0 expectation: 6',
      '  comment: skipped',
      '  weights: tangibles 60, empathy 40',
    ]);
  });
});

describe('the offer of interrupted interviews', () => {
  it('one: who, how many answers, when, then the answers', () => {
    expect(singleOfferText(two, m)).toBe(
      'An unfinished audit of respondent R7 was saved (2 answers), last at 2024-05-01T10:01:00Z.\n' +
        'Saved answers:\n  respondent: R7\n  I0 expectation: 6\n',
    );
  });

  it('several: one choice each (index as value), then "none"', () => {
    const { message, choices } = offerChoices([two, one], m);
    expect(message).toBe('2 unfinished audits were saved. Resume which?');
    expect(choices).toEqual([
      { name: 'R7 · 2 answers · last at 2024-05-01T10:01:00Z', value: '0' },
      { name: 'R9 · 1 answer · last at 2024-05-01T11:00:00Z', value: '1' },
      { name: 'None: start a new respondent (they stay saved for later)', value: 'none' },
    ]);
  });
});

describe('recoveryLines', () => {
  it('is empty when every line was used', () => {
    expect(recoveryLines(two, m)).toEqual([]);
  });

  it('says which lines were skipped and why, after a changed questionnaire', () => {
    const changed = found(
      'r.csv.c.journal',
      JSON.stringify({ ...start(), fingerprint: 'other' }),
      'not json',
      answer('respondent', 'R1', 't1'),
    );
    expect(recoveryLines(changed, m)).toEqual([
      'The questionnaire has changed since this audit began: only answers to questions it still asks are kept.',
      'r.csv.c.journal: 1 journal line could not be used:',
      '  line 2: not a journal line',
    ]);
  });
});

describe('idsInJournals', () => {
  it('takes the id given at the start, else the one answered; none when neither', () => {
    const none = found('r.csv.d.journal', JSON.stringify(start()), answer('item:I0:expectation', 3, 't'));
    expect(idsInJournals([two, one, none])).toEqual(['R7', 'R9']);
  });
});

describe('startEntry', () => {
  it('records the questionnaire, its fingerprint, the respondent only when given, and the segments', () => {
    expect(startEntry(q, 'i2', { respondent: 'R3', segments: { branch: 'North' } }, 't5')).toEqual({
      type: 'start',
      version: 1,
      interview: 'i2',
      questionnaire: 'T',
      fingerprint: questionnaireFingerprint(q),
      respondent: 'R3',
      segments: { branch: 'North' },
      startedAt: 't5',
    });
    expect(startEntry(q, 'i3', { segments: {} }, 't6')).not.toHaveProperty('respondent');
  });
});

describe('when the audit stops', () => {
  it('Ctrl-C during an interview with answers names its journal', () => {
    expect(
      pausedMessage({ current: { journal: 'r.csv.x.journal', answered: 3 }, offered: [two], out: 'r.csv' }, m),
    ).toBe('Audit paused: 3 answers saved in r.csv.x.journal. Run the same command again to resume.');
  });

  it('Ctrl-C at the offer of one interview names that journal; of several, counts them', () => {
    expect(pausedMessage({ current: { journal: 'new', answered: 0 }, offered: [two], out: 'r.csv' }, m)).toBe(
      'Audit paused: 2 answers saved in r.csv.a.journal. Run the same command again to resume.',
    );
    expect(pausedMessage({ current: null, offered: [two, one], out: 'r.csv' }, m)).toBe(
      'Audit paused: 2 unfinished audits stay saved beside r.csv. Run the same command again to resume one.',
    );
  });

  it('Ctrl-C with nothing in progress says the finished respondents are saved', () => {
    expect(pausedMessage({ current: null, offered: [], out: 'r.csv' }, m)).toBe(
      'Audit stopped. Every finished respondent is saved in r.csv.',
    );
  });

  it('an interview with answers is released for resuming; one without is removed', () => {
    expect(onStop(0)).toBe('remove');
    expect(onStop(1)).toBe('release');
  });
});
