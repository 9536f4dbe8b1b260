import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  commentPrompt,
  copyQuestionnaire,
  describeWithTmux,
  drive,
  expectedRow,
  journalExists,
  journalFiles,
  nextPrompt,
  readRows,
  readSpec,
  respondentPrompt,
  respondentSteps,
  resumePrompt,
  segmentPrompt,
  startAudit,
  useAuditDir,
  type Respondent,
} from './driver.js';

/** Two auditors in two terminals writing one responses file, as two consultants on a shared drive would. */

const two = readSpec('two-column.yaml');

const ann: Respondent = {
  id: 'ANN',
  segments: { branch: 'North' },
  items: { T1: [6, 5], T2: [7, 6], R1: [7, 4], RS1: [5, 6], A1: [6, 6], E1: [4, 2] },
  weights: 'equal',
  kpis: { nps: 9 },
  comment: 'from terminal one',
};
const ben: Respondent = {
  id: 'BEN',
  segments: { branch: 'South' },
  items: { T1: [5, 5], T2: [null, 3], R1: [6, 6], RS1: [7, 4], A1: [5, 6], E1: [6, 5] },
  weights: 'skip',
  kpis: { nps: 6 },
  comment: 'from terminal two',
};

/** The rows of r.csv keyed by respondent, without completed_at. */
function rowsById(file: string): Map<string, Record<string, string>> {
  return new Map(readRows(file).map(({ completed_at: _at, ...row }) => [row.respondent as string, row]));
}

describeWithTmux('servqual audit: two auditors on one responses file', () => {
  const dir = useAuditDir();

  it('two terminals finishing at the same moment: both rows saved once, each from its own journal', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const first: Respondent = { ...ann, id: undefined, defaultId: 'R0001' };
    const second: Respondent = { ...ben, id: undefined, defaultId: 'R0002' };
    const stepsOne = respondentSteps(two, first);
    const stepsOther = respondentSteps(two, second);
    const one = startAudit(dir(), ['q.yaml', '--out', 'r.csv']);
    await drive(one, stepsOne.slice(0, 1));
    await one.waitForPrompt(segmentPrompt('branch'));
    // The first terminal's interview has taken R0001: the second is offered R0002.
    const other = startAudit(dir(), ['q.yaml', '--out', 'r.csv']);
    await other.waitForPrompt(respondentPrompt(two, 'R0002'));
    // Both answer everything up to the comment, side by side.
    await Promise.all([drive(one, stepsOne.slice(1, -1)), drive(other, stepsOther.slice(0, -1))]);
    await Promise.all([one.waitForPrompt(commentPrompt(two)), other.waitForPrompt(commentPrompt(two))]);
    // Two interviews, two journals.
    expect(journalFiles(dir())).toHaveLength(2);
    one.type(first.comment);
    other.type(second.comment);
    one.send('Enter');
    other.send('Enter');
    await Promise.all([one.waitForPrompt(nextPrompt(two)), other.waitForPrompt(nextPrompt(two))]);
    one.enter('n');
    other.enter('n');
    expect(await one.waitForExit()).toBe(0);
    expect(await other.waitForExit()).toBe(0);

    const rows = rowsById(join(dir(), 'r.csv'));
    expect(readRows(join(dir(), 'r.csv'))).toHaveLength(2);
    expect(rows.get('R0001')).toEqual(expectedRow(two, first));
    expect(rows.get('R0002')).toEqual(expectedRow(two, second));
    expect(journalExists(dir())).toBe(false);
    expect(readdirSync(dir()).sort()).toEqual(['q.yaml', 'r.csv']);
  });

  it('two interrupted interviews: a resume lists both, and a second auditor resuming meanwhile gets the other one', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const stepsAnn = respondentSteps(two, ann);
    const stepsBen = respondentSteps(two, ben);
    const crashedA = startAudit(dir(), ['q.yaml', '--out', 'r.csv']);
    await drive(crashedA, stepsAnn.slice(0, 4));
    await crashedA.waitForPrompt(stepsAnn[4]?.prompt as RegExp);
    const crashedB = startAudit(dir(), ['q.yaml', '--out', 'r.csv']);
    await drive(crashedB, stepsBen.slice(0, 6));
    await crashedB.waitForPrompt(stepsBen[6]?.prompt as RegExp);
    await crashedA.kill9();
    await crashedB.kill9();

    const first = startAudit(dir(), ['q.yaml', '--out', 'r.csv']);
    const menu = await first.waitForPrompt(/^\? 2 unfinished audits were saved\. Resume which\?/);
    expect(menu).toMatch(/ANN · 4 answers/);
    expect(menu).toMatch(/BEN · 6 answers/);
    // The oldest (ANN) comes first: Enter takes it.
    first.send('Enter');
    await first.waitForPrompt(stepsAnn[4]?.prompt as RegExp);

    // ANN is now claimed by the first auditor: the second is offered BEN alone.
    const second = startAudit(dir(), ['q.yaml', '--out', 'r.csv']);
    const offer = await second.waitFor(/\? Resume it\? \(Y\/n\)/);
    expect(offer).toMatch(/An unfinished audit of respondent BEN was saved \(6 answers\)/);
    expect(offer).not.toMatch(/respondent ANN/);
    await second.waitForPrompt(resumePrompt(two));
    second.enter('y');

    await Promise.all([drive(first, stepsAnn.slice(4)), drive(second, stepsBen.slice(6))]);
    await Promise.all([first.waitForPrompt(nextPrompt(two)), second.waitForPrompt(nextPrompt(two))]);
    first.enter('n');
    second.enter('n');
    expect(await first.waitForExit()).toBe(0);
    expect(await second.waitForExit()).toBe(0);

    const rows = rowsById(join(dir(), 'r.csv'));
    expect(readRows(join(dir(), 'r.csv'))).toHaveLength(2);
    expect(rows.get('ANN')).toEqual(expectedRow(two, ann));
    expect(rows.get('BEN')).toEqual(expectedRow(two, ben));
    expect(journalExists(dir())).toBe(false);
    expect(readdirSync(dir()).sort()).toEqual(['q.yaml', 'r.csv']);
  });

  it('choosing none of the interrupted interviews starts a new respondent and leaves them saved; Ctrl-C there says so', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const journal = (respondent: string, at: string) =>
      [
        {
          type: 'start',
          version: 1,
          questionnaire: 'Branch audit (e2e)',
          respondent,
          segments: { branch: 'North' },
          startedAt: at,
        },
        { type: 'answer', key: 'item:T1:expectation', value: 5, at },
      ]
        .map((entry) => `${JSON.stringify(entry)}\n`)
        .join('');
    writeFileSync(join(dir(), 'r.csv.20260101T000000Z-aaaaaa.journal'), journal('OLD-1', '2026-01-01T00:00:00.000Z'));
    writeFileSync(join(dir(), 'r.csv.20260102T000000Z-bbbbbb.journal'), journal('OLD-2', '2026-01-02T00:00:00.000Z'));
    const s = startAudit(dir(), ['q.yaml', '--out', 'r.csv']);
    const menu = await s.waitForPrompt(/^\? 2 unfinished audits were saved\. Resume which\?/);
    expect(menu).toMatch(/OLD-1 · 1 answer · last at 2026-01-01T00:00:00\.000Z[\s\S]*OLD-2/);
    s.send('Down', 'Down', 'Enter');
    await s.waitForPrompt(respondentPrompt(two, 'R0001'));
    s.send('C-c');
    expect(await s.waitForExit()).toBe(130);
    expect(journalFiles(dir())).toEqual([
      'r.csv.20260101T000000Z-aaaaaa.journal',
      'r.csv.20260102T000000Z-bbbbbb.journal',
    ]);

    const again = startAudit(dir(), ['q.yaml', '--out', 'r.csv']);
    await again.waitForPrompt(/^\? 2 unfinished audits were saved\. Resume which\?/);
    again.send('C-c');
    expect(await again.waitForExit()).toBe(130);
    expect(again.screen()).toMatch(
      /Audit paused: 2 unfinished audits stay saved beside r\.csv\. Run the same command again to resume one\./,
    );
  });
});
