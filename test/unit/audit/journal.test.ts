import { describe, expect, it } from 'vitest';
import { questionnaireFingerprint, recoverJournal, type JournalEntry } from '../../../src/core/audit/journal.js';
import { auditMessages } from '../../../src/core/audit/messages.js';
import { describeSkipped, planResume, shownText, type JournalFound } from '../../../src/core/audit/resume.js';
import { isStaleLock, parseLockOwner } from '../../../src/core/audit/lock-owner.js';
import { dims, questionnaire } from './support.js';

const q = questionnaire();
const start: JournalEntry = {
  type: 'start',
  version: 1,
  interview: 'i1',
  questionnaire: 'T',
  fingerprint: questionnaireFingerprint(q),
  segments: {},
  startedAt: 't0',
};
const answer = (key: string, value: unknown, at = 't') => JSON.stringify({ type: 'answer', key, value, at });
const lines = (...parts: string[]) => parts.map((part) => `${part}\n`).join('');

/** Every question of `q` answered (respondent given in the start line), as journal lines. */
function everyAnswer(): string[] {
  return [
    answer('respondent', 'R1'),
    answer('segment:branch', 'North'),
    ...dims.flatMap((_, d) => [answer(`item:I${d}:expectation`, 6), answer(`item:I${d}:perception`, 5)]),
    answer('weights', { tangibles: 20, reliability: 20, responsiveness: 20, assurance: 20, empathy: 20 }),
    answer('kpi:nps', 9),
    answer('comment', null),
  ];
}

describe('recoverJournal', () => {
  it('keeps every answer, the latest per question winning, with nothing skipped', () => {
    const r = recoverJournal(
      lines(
        JSON.stringify(start),
        answer('respondent', 'R1', 't1'),
        answer('item:I0:expectation', 7, 't2'),
        answer('item:I0:expectation', 5, 't3'),
      ),
      q,
    );
    expect([...r.answers]).toEqual([
      ['respondent', 'R1'],
      ['item:I0:expectation', 5],
    ]);
    expect(r.skipped).toEqual([]);
    expect(r.lastAt).toBe('t3');
    expect(r.completedAt).toBeNull();
    expect(r.questionnaireChanged).toBe(false);
    expect(r.repair).toBeNull();
  });

  it('a damaged first line hides nothing: the answers are kept and the missing start is reported', () => {
    const r = recoverJournal(
      lines('{"type":"start","versi', answer('respondent', 'R1'), answer('item:I0:perception', 4)),
      q,
    );
    expect([...r.answers]).toEqual([
      ['respondent', 'R1'],
      ['item:I0:perception', 4],
    ]);
    expect(r.start).toBeNull();
    expect(r.given).toEqual({ segments: {} });
    expect(r.skipped.map((s) => [s.line, s.reason.code])).toEqual([
      [0, 'no-start'],
      [1, 'not-json'],
    ]);
  });

  it('skips, line by line and saying why: null, missing fields, a string for a number, unknown questions, out-of-scale values', () => {
    const text = lines(
      JSON.stringify(start),
      'null',
      '{"type":"answer","key":"item:I0:expectation","at":"t"}',
      answer('item:I0:perception', 'seven'),
      answer('item:ZZ:perception', 3),
      answer('item:I1:expectation', 9),
      answer('item:I1:perception', 2.5),
      answer('kpi:nps', 11),
      answer('weights', { tangibles: 50, reliability: 60, responsiveness: 0, assurance: 0, empathy: 0 }),
      answer('respondent', null),
      '{"type":"complete"}',
      JSON.stringify(start),
      '[1,2]',
      answer('item:I2:expectation', 3),
    );
    const r = recoverJournal(text, q);
    expect([...r.answers]).toEqual([['item:I2:expectation', 3]]);
    expect(r.skipped.map((s) => [s.line, s.reason.code])).toEqual([
      [2, 'invalid'],
      [3, 'invalid'],
      [4, 'bad-value'],
      [5, 'unknown-question'],
      [6, 'bad-value'],
      [7, 'bad-value'],
      [8, 'bad-value'],
      [9, 'bad-value'],
      [10, 'bad-value'],
      [11, 'invalid'],
      [12, 'second-start'],
      [13, 'invalid'],
    ]);
    const detail = (line: number) => {
      const reason = r.skipped.find((s) => s.line === line)?.reason;
      return reason && 'detail' in reason ? reason.detail : undefined;
    };
    expect(detail(4)).toBe('expected a number from 1 to 7, found "seven"');
    expect(detail(6)).toBe('9 is not on the 1-7 scale');
    expect(detail(7)).toBe('2.5 is not on the 1-7 scale');
    expect(detail(8)).toBe('11 is not on the 0-10 scale');
    expect(detail(9)).toBe('the points add up to 110, not 100');
    expect(detail(10)).toBe('expected a non-empty respondent id');
    expect(detail(3)).toMatch(/^"value": /);
    // An answer to a question this questionnaire does not ask means it changed.
    expect(r.questionnaireChanged).toBe(true);
  });

  it('a complete mark before every question was answered is not believed', () => {
    const early = recoverJournal(
      lines(
        JSON.stringify(start),
        ...everyAnswer().slice(0, 5),
        JSON.stringify({ type: 'complete', completedAt: 'tc' }),
      ),
      q,
    );
    expect(early.completedAt).toBeNull();
    expect(early.skipped.map((s) => [s.line, s.reason.code])).toEqual([[7, 'early-complete']]);
    const done = recoverJournal(
      lines(JSON.stringify(start), ...everyAnswer(), JSON.stringify({ type: 'complete', completedAt: 'tc' })),
      q,
    );
    expect(done.completedAt).toBe('tc');
    expect(done.skipped).toEqual([]);
  });

  it('a last line cut off by a crash is skipped and marked for truncation; a whole last line without its line end is kept', () => {
    const whole = lines(JSON.stringify(start), answer('item:I0:expectation', 6));
    const cut = recoverJournal(`${whole}{"type":"answer","key":"item:I0:perc`, q);
    expect(cut.repair).toEqual({ keepChars: whole.length });
    expect(cut.skipped.map((s) => [s.line, s.reason.code])).toEqual([[3, 'cut-off']]);
    expect([...cut.answers]).toEqual([['item:I0:expectation', 6]]);
    const unterminated = recoverJournal(`${whole}${answer('item:I0:perception', 2)}`, q);
    expect(unterminated.repair).toEqual({ addLineEnd: true });
    expect(unterminated.answers.get('item:I0:perception')).toBe(2);
  });

  it('under a changed questionnaire, keeps only answers to questions it still asks, and says it changed', () => {
    const text = lines(
      JSON.stringify(start),
      answer('item:I0:expectation', 6),
      answer('item:I4:perception', 7),
      answer('kpi:nps', 3),
    );
    const changed = questionnaire({
      dimensions: dims.map((id, d) => ({
        id,
        items: [{ id: d === 4 ? 'E9' : `I${d}`, expectation: `e${d}`, perception: `p${d}` }],
      })),
      kpis: [],
    });
    const r = recoverJournal(text, changed);
    expect(r.questionnaireChanged).toBe(true);
    expect([...r.answers]).toEqual([['item:I0:expectation', 6]]);
    expect(r.skipped.map((s) => s.reason)).toEqual([
      { code: 'unknown-question', key: 'item:I4:perception' },
      { code: 'unknown-question', key: 'kpi:nps' },
    ]);
    // A rescaled questionnaire changes the fingerprint too, and out-of-scale answers are dropped.
    const rescaled = recoverJournal(text, questionnaire({ scale: { min: 1, max: 5 } }));
    expect(rescaled.questionnaireChanged).toBe(true);
    expect(rescaled.answers.has('item:I4:perception')).toBe(false);
  });

  it('uses the respondent and segments given in the start line', () => {
    const r = recoverJournal(
      lines(
        JSON.stringify({ ...start, respondent: 'R7', segments: { branch: 'S', wave: '2' } }),
        answer('respondent', 'X'),
      ),
      q,
    );
    expect(r.given).toEqual({ respondent: 'R7', segments: { branch: 'S', wave: '2' } });
    // With the respondent given, an answer to "respondent" is to a question not asked.
    expect(r.skipped.map((s) => s.reason.code)).toEqual(['unknown-question']);
  });
});

describe('describeSkipped', () => {
  it('names each line and why, with control characters from the file made harmless', () => {
    const r = recoverJournal(lines(JSON.stringify(start), answer('item:\u001b[2J:perception', 3), 'oops'), q);
    expect(describeSkipped('r.csv.x.journal', r.skipped, auditMessages('en'))).toEqual([
      'r.csv.x.journal: 2 journal lines could not be used:',
      '  line 2: an answer to item:\\u001b[2J:perception, which this questionnaire does not ask',
      '  line 3: not a journal line',
    ]);
    expect(describeSkipped('j', [{ line: 0, reason: { code: 'no-start' } }], auditMessages('ru'))[1]).toMatch(
      /^ {2}первая строка/,
    );
    expect(shownText('a\u009bb\u007f')).toBe('a\\u009bb\\u007f');
  });
});

describe('planResume', () => {
  const found = (file: string, text: string, live = false): JournalFound => ({
    file,
    live,
    recovered: recoverJournal(text, q),
  });

  it('finishes complete interviews, offers interrupted ones oldest first, removes empty ones, sets aside unusable ones, and leaves live ones alone', () => {
    const complete = found(
      'c',
      lines(JSON.stringify(start), ...everyAnswer(), JSON.stringify({ type: 'complete', completedAt: 'tc' })),
    );
    const newer = found('n', lines(JSON.stringify(start), answer('item:I0:expectation', 6, '2026-02-02')));
    const older = found('o', lines(JSON.stringify(start), answer('item:I0:expectation', 6, '2026-01-01')));
    const live = found('l', lines(JSON.stringify(start), answer('item:I0:expectation', 6)), true);
    const empty = found('e', lines(JSON.stringify(start)));
    const cutEmpty = found('ce', `${JSON.stringify(start)}\n{"ty`);
    const unusable = found('u', lines('garbage', answer('item:ZZ:expectation', 1)));
    const plan = planResume([complete, newer, older, live, empty, cutEmpty, unusable]);
    expect(plan.finish.map((f) => f.file)).toEqual(['c']);
    expect(plan.offer.map((f) => f.file)).toEqual(['o', 'n']);
    expect(plan.empty.map((f) => f.file)).toEqual(['e', 'ce']);
    expect(plan.unusable.map((f) => f.file)).toEqual(['u']);
  });
});

describe('lock owners', () => {
  const owner = { pid: 42, host: 'here', nonce: 'n1', at: 't' };

  it('reads the owner written in a lock file, or null for anything else', () => {
    expect(parseLockOwner(JSON.stringify(owner))).toEqual(owner);
    expect(parseLockOwner('')).toBeNull();
    expect(parseLockOwner('{"pid":"42"}')).toBeNull();
  });

  it('a lock is stale when its holder on this machine is gone, or, from elsewhere or unreadable, when it has not been touched for long', () => {
    expect(isStaleLock({ owner, host: 'here', ownerAlive: false, ageMs: 1 }, 30_000)).toBe(true);
    expect(isStaleLock({ owner, host: 'here', ownerAlive: true, ageMs: 10 ** 9 }, 30_000)).toBe(false);
    expect(isStaleLock({ owner, host: 'elsewhere', ownerAlive: null, ageMs: 29_000 }, 30_000)).toBe(false);
    expect(isStaleLock({ owner, host: 'elsewhere', ownerAlive: null, ageMs: 31_000 }, 30_000)).toBe(true);
    expect(isStaleLock({ owner: null, host: 'here', ownerAlive: null, ageMs: 31_000 }, 30_000)).toBe(true);
    expect(isStaleLock({ owner: null, host: 'here', ownerAlive: null, ageMs: 10 }, 30_000)).toBe(false);
  });
});
