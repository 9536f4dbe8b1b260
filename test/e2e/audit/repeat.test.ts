import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  copyQuestionnaire,
  describeWithTmux,
  drive,
  expectedRow,
  expectRows,
  journalExists,
  nextPrompt,
  readSpec,
  respondentPrompt,
  respondentSteps,
  startAudit,
  useAuditDir,
  type Respondent,
} from './driver.js';

const two = readSpec('two-column.yaml');

const first: Respondent = {
  defaultId: 'R0001',
  segments: { branch: 'North' },
  items: { T1: [6, 5], T2: [7, 6], R1: [7, 4], RS1: [5, 6], A1: [6, 6], E1: [4, 2] },
  weights: [30, 25, 15, 20, 10],
  kpis: { nps: 9 },
  comment: 'first',
};
const second: Respondent = {
  defaultId: 'R0002',
  segments: { branch: 'South' },
  items: { T1: [5, 5], T2: [null, 3], R1: [6, 6], RS1: [7, 4], A1: [5, 6], E1: [6, 5] },
  weights: 'equal',
  kpis: { nps: 6 },
  comment: 'second',
};

describeWithTmux('servqual audit: several respondents in one run', () => {
  const dir = useAuditDir();

  it('answering y at "Audit the next respondent?" audits another one, with the next default id', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startAudit(dir(), ['q.yaml', '--out', 'r.csv']);
    await drive(s, respondentSteps(two, first));
    await s.waitFor(/Saved respondent R0001 to r\.csv \(1 in all\)\./);
    await s.waitForPrompt(nextPrompt(two));
    s.enter('y');
    await s.waitForPrompt(respondentPrompt(two, 'R0002'));
    await drive(s, respondentSteps(two, second));
    await s.waitFor(/Saved respondent R0002 to r\.csv \(2 in all\)\./);
    await s.waitFor(/All respondents in r\.csv: 2, weighted overall -0\.85 \(n = 2 scored\)/);
    await s.waitForPrompt(nextPrompt(two));
    s.enter('n');
    expect(await s.waitForExit()).toBe(0);

    expectRows(join(dir(), 'r.csv'), [expectedRow(two, first), expectedRow(two, second)]);
    expect(journalExists(dir())).toBe(false);
  });

  it('--repeat 2 audits exactly two respondents without asking; --respondent and --segment apply as given', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startAudit(dir(), [
      'q.yaml',
      '--out',
      'r.csv',
      '--repeat',
      '2',
      '--respondent',
      'FIRST',
      '--segment',
      'branch=East',
    ]);
    // The id given applies to the first respondent only; the branch to both.
    await drive(s, respondentSteps(two, first, { respondent: true, segments: ['branch'] }));
    await s.waitFor(/Saved respondent FIRST to r\.csv \(1 in all\)\./);
    await s.waitForPrompt(respondentPrompt(two, 'R0002'));
    await drive(s, respondentSteps(two, second, { segments: ['branch'] }));
    expect(await s.waitForExit()).toBe(0);

    const screen = s.screen();
    expect(screen).toMatch(/Saved respondent R0002 to r\.csv \(2 in all\)\./);
    expect(screen).not.toMatch(/Audit the next respondent/);
    expect(screen).not.toMatch(/^\? branch/m);
    expectRows(join(dir(), 'r.csv'), [
      expectedRow(two, first, { respondent: 'FIRST', segments: { branch: 'East' } }),
      expectedRow(two, second, { segments: { branch: 'East' } }),
    ]);
  });

  it('a later run appends to the existing file and offers the next free default id', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const one = startAudit(dir(), ['q.yaml', '--out', 'r.csv', '--repeat', '1']);
    await drive(one, respondentSteps(two, first));
    expect(await one.waitForExit()).toBe(0);
    const two2 = startAudit(dir(), ['q.yaml', '--out', 'r.csv', '--repeat', '1']);
    await two2.waitForPrompt(respondentPrompt(two, 'R0002'));
    await drive(two2, respondentSteps(two, second));
    expect(await two2.waitForExit()).toBe(0);
    expectRows(join(dir(), 'r.csv'), [expectedRow(two, first), expectedRow(two, second)]);
  });
});
