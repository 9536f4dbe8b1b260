import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  commentPrompt,
  copyQuestionnaire,
  describeWithTmux,
  drive,
  expectedRow,
  expectRows,
  itemPrompt,
  kpiPrompt,
  nextPrompt,
  readSpec,
  respondentPrompt,
  respondentSteps,
  resumePrompt,
  segmentPrompt,
  startAudit,
  useAuditDir,
  type Respondent,
} from './driver.js';

/** The keyboard as a person really uses it: text prompts, paste, typing ahead, and what KPI questions show. */

const two = readSpec('two-column.yaml');
const ARGS = ['q.yaml', '--out', 'r.csv'];

const eve: Respondent = {
  id: 'EVE',
  segments: { branch: 'Harbour' },
  items: { T1: [6, 4], T2: [5, 7], R1: [7, 3], RS1: [6, 5], A1: [7, 7], E1: [5, 2] },
  weights: 'equal',
  kpis: { nps: 10 },
  comment: 'one line',
};

describeWithTmux('servqual audit: text prompts, paste and typing ahead', () => {
  const dir = useAuditDir();

  it('a text question shows its back keys; Backspace on an empty answer goes back, offering the saved answer', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startAudit(dir(), ARGS);
    // The first question has nothing before it: only Enter is offered.
    const first = await s.waitFor(/\? Respondent id \(R0001\)[^\n]*\n {2}Enter accept\n/);
    expect(first).not.toMatch(/Backspace/);
    s.enter('EVE');
    await s.waitForPrompt(segmentPrompt('branch'));
    await s.waitFor(/\? branch[^\n]*\n {2}Enter accept · Backspace on an empty answer \(or < Enter\) back/);
    s.send('BSpace');
    await s.waitForPrompt(respondentPrompt(two, 'EVE'));
    // Enter keeps the saved id.
    s.send('Enter');
    await s.waitForPrompt(segmentPrompt('branch'));
    // Backspace that only erases a typed character does not go back.
    s.type('Hx');
    s.send('BSpace');
    s.enter('arbour');
    await drive(s, respondentSteps(two, eve).slice(2));
    await s.waitForPrompt(nextPrompt(two));
    s.enter('n');
    expect(await s.waitForExit()).toBe(0);
    expectRows(join(dir(), 'r.csv'), [expectedRow(two, eve)]);
  });

  it('a pasted multi-line comment arrives whole, and is not taken as answers to the questions after it', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startAudit(dir(), ARGS);
    const steps = respondentSteps(two, eve);
    await drive(s, steps.slice(0, 1));
    // Into a one-line answer (a segment), line ends of a paste (here CR LF, as copied on Windows) become spaces.
    await s.waitForPrompt(segmentPrompt('branch'));
    s.paste('Harbour\r\nside', { raw: true });
    await s.waitFor(/^\? branch Harbour side$/m);
    s.send('Enter');
    await drive(s, steps.slice(2, -1));
    await s.waitForPrompt(commentPrompt(two));
    s.paste('Queue was long.\nStaff were kind;\n"the coffee" was cold');
    await s.waitFor(/^ {2}"the coffee" was cold$/m);
    s.send('Enter');
    await s.waitForPrompt(nextPrompt(two));
    s.enter('n');
    expect(await s.waitForExit()).toBe(0);
    expectRows(join(dir(), 'r.csv'), [
      expectedRow(two, {
        ...eve,
        segments: { branch: 'Harbour side' },
        comment: 'Queue was long.\nStaff were kind;\n"the coffee" was cold',
      }),
    ]);
  });

  it('answers typed faster than the questions are drawn all count, in order', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startAudit(dir(), ARGS);
    const steps = respondentSteps(two, eve);
    await drive(s, steps.slice(0, 2));
    await s.waitForPrompt(itemPrompt(two, 'T1', 'expectation'));
    // T1 E, T1 P, T2 E, T2 P, R1 E, R1 P in one burst: one read for the program.
    s.type('645773');
    await drive(s, steps.slice(8));
    await s.waitForPrompt(nextPrompt(two));
    s.enter('n');
    expect(await s.waitForExit()).toBe(0);
    expectRows(join(dir(), 'r.csv'), [expectedRow(two, eve)]);
  });

  it('a KPI question shows its question, its kind and what both ends of the scale mean, not its id', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startAudit(dir(), ARGS);
    const steps = respondentSteps(two, eve);
    const kpi = steps.findIndex((step) => step.name === 'kpi nps');
    await drive(s, steps.slice(0, kpi));
    const shown = await s.waitForPrompt(kpiPrompt(two, 'nps'));
    expect(shown).toMatch(/^ {2}Net Promoter Score {2}\(0 = Not at all likely · 10 = Extremely likely\)$/m);
    expect(shown).not.toMatch(/^ {2}nps\b/m);
  });
});

describeWithTmux('servqual audit: a damaged journal, a changed questionnaire', () => {
  const dir = useAuditDir();
  const at = '2026-01-02T03:04:00.000Z';
  const answer = (key: string, value: unknown) => JSON.stringify({ type: 'answer', key, value, at });

  it('a damaged first line and bad lines hide nothing: every intact answer is kept, what was skipped is said, and the audit finishes', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const journal = [
      '{"type":"start","vers\u0000ion":',
      answer('respondent', 'EVE'),
      answer('segment:branch', 'Harbour'),
      answer('item:T1:expectation', 6),
      'null',
      answer('item:T1:perception', 'four'),
      answer('item:T1:perception', 4),
      answer('item:T2:expectation', 12),
      '{"type":"complete","completedAt":"2026-01-02T03:05:00.000Z"}',
      '',
    ].join('\n');
    writeFileSync(join(dir(), 'r.csv.journal'), journal);
    const s = startAudit(dir(), ARGS);
    const screen = await s.waitFor(/\? Resume it\? \(Y\/n\)/);
    expect(screen).toMatch(/An unfinished audit of respondent EVE was saved \(4 answers\)/);
    expect(screen).toMatch(/r\.csv\.journal: 6 journal lines could not be used:/);
    expect(screen).toMatch(/^ {2}line 1: not a journal line$/m);
    expect(screen).toMatch(/^ {2}line 5: damaged: /m);
    expect(screen).toMatch(/^ {2}line 6: item:T1:perception: expected a number from 1 to 7, found "four"$/m);
    expect(screen).toMatch(/^ {2}line 8: item:T2:expectation: 12 is not on the 1-7 scale$/m);
    expect(screen).toMatch(/^ {2}line 9: marked complete before every question was answered$/m);
    s.enter('y');
    await drive(s, respondentSteps(two, eve).slice(4));
    await s.waitForPrompt(nextPrompt(two));
    s.enter('n');
    expect(await s.waitForExit()).toBe(0);
    expectRows(join(dir(), 'r.csv'), [expectedRow(two, eve)]);
  });

  it('a journal with nothing usable is moved aside (never deleted), said so, and a new interview begins', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    writeFileSync(
      join(dir(), 'r.csv.journal'),
      'garbage\n{"type":"answer","key":"item:T1:expectation","value":"x","at":"t"}\n',
    );
    const s = startAudit(dir(), ARGS);
    await s.waitForPrompt(respondentPrompt(two, 'R0001'));
    const screen = s.screen();
    expect(screen).toMatch(/^ {2}line 2: item:T1:expectation: expected a number from 1 to 7, found "x"$/m);
    expect(screen).toMatch(/Nothing usable in r\.csv\.journal: moved aside to r\.csv\.journal\.damaged-/);
    expect(screen).not.toMatch(/Resume it\?/);
    const aside = readdirSync(dir()).filter((name) => name.startsWith('r.csv.journal.damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir(), aside[0] as string), 'utf8')).toMatch(/^garbage\n/);
  });

  it('resuming under a changed questionnaire says so and keeps only the answers whose questions remain', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const first = startAudit(dir(), ARGS);
    const steps = respondentSteps(two, eve);
    await drive(first, steps.slice(0, 6));
    await first.waitForPrompt(itemPrompt(two, 'R1', 'expectation'));
    await first.kill9();
    // Item T2 is renamed T3 meanwhile.
    const yaml = readFileSync(join(dir(), 'q.yaml'), 'utf8').replace('id: T2', 'id: T3');
    writeFileSync(join(dir(), 'q.yaml'), yaml);

    const second = startAudit(dir(), ARGS);
    const screen = await second.waitFor(/\? Resume it\? \(Y\/n\)/);
    expect(screen).toMatch(
      /The questionnaire has changed since this audit began: only answers to questions it still asks are kept\./,
    );
    expect(screen).toMatch(/An unfinished audit of respondent EVE was saved \(4 answers\)/);
    expect(screen).toMatch(/an answer to item:T2:expectation, which this questionnaire does not ask/);
    await second.waitForPrompt(resumePrompt(two));
    second.enter('y');
    // Resumes at the renamed item: T3 is asked, with T2's wording kept.
    await second.waitForPrompt(/^\? Tangibles · item 2 of 6\n/);
    second.send('5');
    await second.waitForPrompt(/^\? Tangibles · item 2 of 6\n.*\n {2}Perception/);
    second.send('7');
    await drive(second, steps.slice(6));
    await second.waitForPrompt(nextPrompt(two));
    second.enter('n');
    expect(await second.waitForExit()).toBe(0);
    const { T2_E: e, T2_P: p, ...rest } = expectedRow(two, eve);
    expectRows(
      join(dir(), 'r.csv'),
      [{ ...rest, T3_E: e as string, T3_P: p as string }].map((row) => reorder(row)),
    );
  });
});

/** The expected row in the CSV's column order (T3 where T2 was). */
function reorder(row: Record<string, string>): Record<string, string> {
  const order = Object.keys(expectedRow(two, eve)).map((key) => key.replace('T2_', 'T3_'));
  return Object.fromEntries(order.map((key) => [key, row[key] as string]));
}
