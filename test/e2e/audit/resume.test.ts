import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  copyQuestionnaire,
  describeWithTmux,
  drive,
  expectedRow,
  expectRows,
  importancePrompt,
  itemPrompt,
  journalAnswers,
  journalLines,
  journalExists,
  nextPrompt,
  readSpec,
  respondentPrompt,
  respondentSteps,
  resumePrompt,
  startAudit,
  useAuditDir,
  type Respondent,
} from './driver.js';

const two = readSpec('two-column.yaml');
const ARGS = ['q.yaml', '--out', 'r.csv'];

const alice: Respondent = {
  id: 'ALICE',
  segments: { branch: 'Central' },
  items: { T1: [6, 4], T2: [5, 5], R1: [7, 3], RS1: [6, 5], A1: [7, 7], E1: [5, 2] },
  weights: [10, 40, 20, 20, 10],
  kpis: { nps: 7 },
  comment: 'resumed twice',
};

describeWithTmux('servqual audit: crash, Ctrl-C and resume', () => {
  const dir = useAuditDir();

  it('after kill -9 in the middle, the same command offers the saved answers and resumes at the first unanswered question', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const steps = respondentSteps(two, alice);
    // respondent, branch, T1 E, T1 P, T2 E, T2 P, R1 E: seven answers, then a crash at R1 P.
    const first = startAudit(dir(), ARGS);
    await drive(first, steps.slice(0, 7));
    await first.waitForPrompt(itemPrompt(two, 'R1', 'perception'));
    // Each answer is on disk before the next question is shown.
    expect(journalAnswers(dir())).toEqual([
      ['respondent', 'ALICE'],
      ['segment:branch', 'Central'],
      ['item:T1:expectation', 6],
      ['item:T1:perception', 4],
      ['item:T2:expectation', 5],
      ['item:T2:perception', 5],
      ['item:R1:expectation', 7],
    ]);
    await first.kill9();
    expect(first.exitCode()).toBe(137);
    expect(existsSync(join(dir(), 'r.csv'))).toBe(false);

    const second = startAudit(dir(), ARGS);
    const offer = await second.waitFor(/\? Resume it\? \(Y\/n\)/);
    expect(offer).toMatch(/An unfinished audit of respondent ALICE was saved \(7 answers\)/);
    expect(offer).toMatch(/^ {2}segment branch: Central$/m);
    expect(offer).toMatch(/^ {2}T1 perception: 4$/m);
    expect(offer).toMatch(/^ {2}R1 expectation: 7$/m);
    second.enter('y');
    // Resumes at R1 P: nothing already answered is asked again.
    await drive(second, steps.slice(7));
    await second.waitFor(/Saved respondent ALICE to r\.csv \(1 in all\)\./);
    await second.waitForPrompt(nextPrompt(two));
    second.enter('n');
    expect(await second.waitForExit()).toBe(0);
    expect(second.screen()).not.toMatch(/Respondent id|Tangibles · item 1 of 6/);

    expectRows(join(dir(), 'r.csv'), [expectedRow(two, alice)]);
    expect(journalExists(dir())).toBe(false);
  });

  it('after kill -9 inside the importance allocation, the allocation is asked again from its menu', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const steps = respondentSteps(two, alice);
    const importance = steps.findIndex((step) => step.name === 'importance');
    const first = startAudit(dir(), ARGS);
    // Every item, the menu, and two of the five dimensions' points: the allocation is not saved yet.
    await drive(first, steps.slice(0, importance + 3));
    await first.waitForPrompt(/^\? Responsiveness \(remaining 50\)/);
    await first.kill9();
    expect(journalAnswers(dir()).map(([key]) => key)).not.toContain('weights');

    const second = startAudit(dir(), ARGS);
    await second.waitFor(/An unfinished audit of respondent ALICE was saved \(14 answers\)/);
    await second.waitForPrompt(resumePrompt(two));
    second.enter('');
    await second.waitForPrompt(importancePrompt(two));
    await drive(second, steps.slice(importance));
    await second.waitForPrompt(nextPrompt(two));
    second.enter('n');
    expect(await second.waitForExit()).toBe(0);
    expectRows(join(dir(), 'r.csv'), [expectedRow(two, alice)]);
  });

  it('Ctrl-C exits 130 saying how many answers were kept; running again resumes and finishes', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const steps = respondentSteps(two, alice);
    const first = startAudit(dir(), ARGS);
    await drive(first, steps.slice(0, 5));
    await first.waitForPrompt(itemPrompt(two, 'T2', 'perception'));
    first.send('C-c');
    expect(await first.waitForExit()).toBe(130);
    expect(first.screen()).toMatch(
      /Audit paused: 5 answers saved in r\.csv\.\d{8}T\d{6}Z-[0-9a-f]{6}\.journal\. Run the same command again to resume\./,
    );
    expect(first.screen()).not.toContain('    at ');
    expect(journalExists(dir())).toBe(true);

    // A second Ctrl-C, this time in a text question (the comment) after resuming.
    const second = startAudit(dir(), ARGS);
    await second.waitForPrompt(resumePrompt(two));
    second.enter('y');
    const comment = steps.findIndex((step) => step.name === 'comment');
    await drive(second, steps.slice(5, comment));
    await second.waitForPrompt(/^\? Comment \(optional\)/);
    second.type('half a comm');
    second.send('C-c');
    expect(await second.waitForExit()).toBe(130);
    expect(second.screen()).toMatch(/Audit paused: 16 answers saved in r\.csv\.[^ ]+\.journal\./);

    const third = startAudit(dir(), ARGS);
    await third.waitFor(/An unfinished audit of respondent ALICE was saved \(16 answers\)/);
    await third.waitForPrompt(resumePrompt(two));
    third.enter('y');
    await drive(third, steps.slice(comment));
    await third.waitForPrompt(nextPrompt(two));
    third.enter('n');
    expect(await third.waitForExit()).toBe(0);
    expectRows(join(dir(), 'r.csv'), [expectedRow(two, alice)]);
    expect(journalExists(dir())).toBe(false);
  });

  it('declining to resume moves the old journal aside (never deleting it) and starts a new respondent', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const first = startAudit(dir(), ARGS);
    await drive(first, respondentSteps(two, alice).slice(0, 4));
    await first.waitForPrompt(itemPrompt(two, 'T2', 'expectation'));
    await first.kill9();

    const bob: Respondent = {
      defaultId: 'R0001',
      segments: { branch: 'East' },
      items: { T1: [4, 4], T2: [4, 5], R1: [4, 6], RS1: [4, 7], A1: [3, 3], E1: [2, 2] },
      weights: 'equal',
      kpis: { nps: 0 },
      comment: '',
    };
    const second = startAudit(dir(), ARGS);
    await second.waitForPrompt(resumePrompt(two));
    second.enter('n');
    await second.waitFor(/The unfinished audit was moved aside to r\.csv\.[^ ]+\.journal\.discarded-/);
    await second.waitForPrompt(respondentPrompt(two, 'R0001'));
    await drive(second, respondentSteps(two, bob));
    await second.waitForPrompt(nextPrompt(two));
    second.enter('n');
    expect(await second.waitForExit()).toBe(0);

    expectRows(join(dir(), 'r.csv'), [expectedRow(two, bob)]);
    const aside = readdirSync(dir()).filter((name) => /^r\.csv\.[^.]+\.journal\.discarded-/.test(name));
    expect(aside).toHaveLength(1);
    expect(journalLines(join(dir(), aside[0] as string)).map(([key]) => key)).toEqual([
      'respondent',
      'segment:branch',
      'item:T1:expectation',
      'item:T1:perception',
    ]);
    expect(journalExists(dir())).toBe(false);
  });

  // Ctrl-C is documented to keep every answer and to say how to resume. At the "Resume it?"
  // question the journal is indeed kept, but the only message is a bare "cancelled".
  it('Ctrl-C at "Resume it?" keeps the journal and says how to resume (exit 130)', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const first = startAudit(dir(), ARGS);
    await drive(first, respondentSteps(two, alice).slice(0, 3));
    await first.waitForPrompt(itemPrompt(two, 'T1', 'perception'));
    await first.kill9();

    const second = startAudit(dir(), ARGS);
    await second.waitForPrompt(resumePrompt(two));
    second.send('C-c');
    expect(await second.waitForExit()).toBe(130);
    expect(journalExists(dir())).toBe(true);
    expect(journalAnswers(dir())).toHaveLength(3);
    expect(second.screen()).toMatch(/Run the same command again to resume/);
  });
});
